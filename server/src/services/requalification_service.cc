// Re-deciding leads when new data about their visitor arrives.
#include "services/requalification_service.h"

#include <iostream>

#include <algorithm>

#include "services/business_hours.h"
#include "services/handoff_service.h"
#include "services/session_decision.h"

namespace leadq {
namespace {

// Stale writes are decided again at most this often; the writer that kept winning
// re-decides what its own data changed.
constexpr int kAttempts = 8;
// Tasks read from the queue at once.
constexpr int kBatch = 32;
constexpr int kMaxRounds = 100;
constexpr int64_t kMaxRetryDelayMs = 5 * 60 * 1000;

// The outcome without its SLA deadline, which counts from each decision's own time: a
// re-decision that moves only the deadline changes nothing.
Json Material(Json outcome) {
  if (outcome.is_object()) {
    auto sla = outcome.find("sla");
    if (sla != outcome.end() && sla->is_object()) sla->erase("deadline_ms");
  }
  return outcome;
}

}  // namespace

bool ChangesFields(const Json& before, const Json& after) {
  if (!after.is_object()) return false;
  for (auto it = after.begin(); it != after.end(); ++it) {
    if (!before.is_object()) return true;
    auto known = before.find(it.key());
    if (known == before.end() || *known != it.value()) return true;
  }
  return false;
}

int64_t RequalificationRetryMs(int attempts, int64_t now_ms) {
  int64_t delay = 1000;
  for (int i = 0; i < attempts && delay < kMaxRetryDelayMs; ++i) delay *= 2;
  return now_ms + std::min(delay, kMaxRetryDelayMs);
}

Result<int> RequalificationService::Drain() {
  int stored = 0;
  // Bounded: under steady new data the worker comes back for the rest.
  for (int round = 0; round < kMaxRounds; ++round) {
    const int64_t now = env_.now_ms();
    Result<std::vector<RequalificationTask>> due = queue_.DueRequalifications(now, kBatch);
    if (!due.ok()) return due.status();
    if (due.value().empty()) return stored;
    for (const RequalificationTask& task : due.value()) {
      Result<int> done = Run(task);
      Status status = done.ok() ? queue_.FinishRequalification(task)
                                : queue_.PostponeRequalification(
                                      task, RequalificationRetryMs(task.attempts, now));
      if (!status.ok()) return status;
      stored += done.ok() ? done.value() : 0;
    }
  }
  return stored;
}

Result<int> RequalificationService::Run(const RequalificationTask& task) {
  std::vector<std::string> ids;
  if (task.whole_visitor) {
    Result<std::vector<std::string>> found =
        sessions_.ListSessionsToRequalify(task.site_key, task.visitor_id, kMaxSessionsToRequalify);
    if (!found.ok()) return found.status();
    for (const std::string& id : found.value()) {
      if (id != task.session_id) ids.push_back(id);
    }
  } else {
    ids.push_back(task.session_id);
  }
  int stored = 0;
  for (const std::string& id : ids) {
    Result<bool> redecided = Redecide(id);
    // A session that kept changing was decided by whoever changed it; one erased
    // meanwhile has nothing left to decide.
    if (!redecided.ok() && !redecided.status().IsConflict() && !redecided.status().IsNotFound()) {
      return redecided.status();
    }
    stored += redecided.ok() && redecided.value() ? 1 : 0;
  }
  return stored;
}

Result<int> RequalificationService::ReviewDue() {
  constexpr int kBatch = 100;
  constexpr int64_t kRetryMs = 5 * 60'000;
  int stored = 0;
  // Bounded: each round either stores a new outcome (whose changes_ms lies ahead) or
  // postpones the lead, so no lead comes back in the same sweep.
  for (int round = 0; round < 100; ++round) {
    const int64_t now = env_.now_ms();
    Result<std::vector<std::string>> due = leads_.LeadsChangingBy(now, kBatch);
    if (!due.ok()) return due.status();
    for (const std::string& id : due.value()) {
      Result<bool> redecided = Redecide(id, "time");
      if (redecided.ok() && redecided.value()) {
        ++stored;
        continue;
      }
      if (!redecided.ok() && !redecided.status().IsConflict() && !redecided.status().IsNotFound()) {
        std::cerr << "leadq: time sweep: " << id << ": " << redecided.status().message() << "\n";
      }
      Status postponed = leads_.PostponeLeadChange(id, now + kRetryMs);
      if (!postponed.ok()) return postponed;
    }
    if (static_cast<int>(due.value().size()) < kBatch) break;
  }
  return stored;
}

Result<bool> RequalificationService::Redecide(const std::string& session_id,
                                              const std::string& cause) {
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    Result<AnswerContext> context = sessions_.LoadForRedecision(session_id);
    if (!context.ok()) return context.status();
    const SessionRecord& session = context.value().session;
    const VisitorProfile& visitor = context.value().visitor;
    if (context.value().answers.empty()) return false;
    Result<std::shared_ptr<const LoadedFlow>> flow =
        flows_.Version(session.site_key, session.flow_id, session.flow_version);
    if (!flow.ok()) return flow.status();
    Result<OutcomeWrite> decided =
        DecideSession({session, *flow.value(), visitor, context.value().answers,
                       context.value().handoff, nullptr, env_.now_ms(), visitor.updated_ms,
                       business_hours_ ? business_hours_->For(session.site_key) : nullptr},
                      handoffs_);
    if (!decided.ok()) return decided.status();
    if (decided.value().handoff.empty() && decided.value().done == session.done &&
        Material(Json::parse(decided.value().outcome_text, nullptr, false)) ==
            Material(session.outcome)) {
      Result<LeadRecord> lead = leads_.GetLead(session_id);
      if (!lead.ok()) return lead.status();
      if (lead.value().channel == decided.value().lead.channel &&
          lead.value().email == decided.value().lead.email) {
        return false;  // nothing the lead shows would change
      }
    }
    RedecisionWrite write;
    write.session_id = session_id;
    write.expected_answer_count = session.answer_count;
    write.visitor_id = visitor.visitor_id;
    write.expected_visitor_revision = visitor.revision;
    write.outcome = std::move(decided).value();
    write.outcome.cause = cause;
    Result<AnswerStored> stored = sessions_.StoreRedecision(write);
    if (!stored.ok()) return stored.status();
    if (stored.value() == AnswerStored::kStale) continue;
    if (handoffs_ != nullptr) handoffs_->Committed(write.outcome.handoff);
    return true;
  }
  return Status::Conflict("the session kept changing while it was decided again", "/session_id");
}

}  // namespace leadq
