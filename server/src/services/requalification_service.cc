// Re-deciding leads when new data about their visitor arrives.
#include "services/requalification_service.h"

#include "services/handoff_service.h"
#include "services/session_decision.h"

namespace leadq {
namespace {

// Stale writes are decided again at most this often; the writer that kept winning
// re-decides what its own data changed.
constexpr int kAttempts = 8;

// The outcome without its SLA deadline, which counts from each decision's own time: a
// re-decision that moves only the deadline changes nothing.
Json Material(Json outcome) {
  if (outcome.is_object()) {
    auto sla = outcome.find("sla");
    if (sla != outcome.end() && sla->is_object()) sla->erase("deadline_ms");
  }
  return outcome;
}

// Whether merging `after` into `before` changes a value.
bool ChangesFields(const Json& before, const Json& after) {
  if (!after.is_object()) return false;
  for (auto it = after.begin(); it != after.end(); ++it) {
    if (!before.is_object()) return true;
    auto known = before.find(it.key());
    if (known == before.end() || *known != it.value()) return true;
  }
  return false;
}

}  // namespace

Result<int> RequalificationService::AfterEvents(const std::string& site_key,
                                                const std::string& visitor_id) {
  Result<std::vector<std::string>> sessions =
      storage_.ListSessionsToRequalify(site_key, visitor_id, kMaxSessionsToRequalify);
  if (!sessions.ok()) return sessions.status();
  return RedecideAll(sessions.value());
}

Result<int> RequalificationService::AfterAnswer(const SessionRecord& session,
                                                const VisitorProfile& visitor, const Json& fields,
                                                const ProfileState& after) {
  const bool changed_fields = ChangesFields(visitor.fields, fields);
  // The answer's own write moved the revision once if it changed the fields; any other
  // move is a change the answer's decision did not see.
  const bool moved = after.revision != visitor.revision + (changed_fields ? 1 : 0);
  std::vector<std::string> ids;
  if (moved) ids.push_back(session.session_id);
  // Most visitors have one session: then there is nothing else to look up.
  if (changed_fields && after.other_sessions) {
    Result<std::vector<std::string>> others = storage_.ListSessionsToRequalify(
        session.site_key, visitor.visitor_id, kMaxSessionsToRequalify);
    if (!others.ok()) return others.status();
    for (const std::string& id : others.value()) {
      if (id != session.session_id) ids.push_back(id);
    }
  }
  return RedecideAll(ids);
}

Result<int> RequalificationService::RedecideAll(const std::vector<std::string>& session_ids) {
  int stored = 0;
  for (const std::string& id : session_ids) {
    Result<bool> redecided = Redecide(id);
    // A session that kept changing was decided by whoever changed it.
    if (!redecided.ok() && !redecided.status().IsConflict()) return redecided.status();
    stored += redecided.ok() && redecided.value() ? 1 : 0;
  }
  return stored;
}

Result<bool> RequalificationService::Redecide(const std::string& session_id) {
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    Result<AnswerContext> context = storage_.LoadForRedecision(session_id);
    if (!context.ok()) return context.status();
    const SessionRecord& session = context.value().session;
    const VisitorProfile& visitor = context.value().visitor;
    if (context.value().answers.empty()) return false;
    Result<std::shared_ptr<const LoadedFlow>> flow =
        flows_.Version(session.site_key, session.flow_id, session.flow_version);
    if (!flow.ok()) return flow.status();
    Result<OutcomeWrite> decided =
        DecideSession({session, *flow.value(), visitor, context.value().answers,
                       context.value().handoff, nullptr, env_.now_ms(), visitor.updated_ms},
                      handoffs_);
    if (!decided.ok()) return decided.status();
    if (decided.value().handoff.empty() && decided.value().done == session.done &&
        Material(Json::parse(decided.value().outcome_text, nullptr, false)) ==
            Material(session.outcome)) {
      Result<LeadRecord> lead = storage_.GetLead(session_id);
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
    Result<AnswerStored> stored = storage_.StoreRedecision(write);
    if (!stored.ok()) return stored.status();
    if (stored.value() == AnswerStored::kStale) continue;
    if (handoffs_ != nullptr) handoffs_->Committed(write.outcome.handoff);
    return true;
  }
  return Status::Conflict("the session kept changing while it was decided again", "/session_id");
}

}  // namespace leadq
