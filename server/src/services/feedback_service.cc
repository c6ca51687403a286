// Sales feedback.
#include "services/feedback_service.h"

#include <algorithm>

namespace leadq {

const std::vector<std::string>& RejectReasons() {
  static const std::vector<std::string> kReasons = {"not_a_fit", "no_budget",  "no_authority",
                                                    "no_need",   "bad_timing", "unreachable",
                                                    "duplicate", "other"};
  return kReasons;
}

Result<HandoffRecord> FeedbackService::Give(const std::string& site_key, FeedbackRecord f) {
  std::string state;
  if (f.decision == "accept") {
    state = "accepted";
  } else if (f.decision == "reject") {
    state = "rejected";
  } else if (f.decision == "nurture") {
    state = "nurturing";
  } else {
    return Status::InvalidArgument("must be \"accept\", \"reject\" or \"nurture\"", "/decision");
  }
  const auto& reasons = RejectReasons();
  if (f.decision == "reject") {
    if (std::find(reasons.begin(), reasons.end(), f.reason) == reasons.end()) {
      return Status::InvalidArgument(
          "a rejection needs a reason: not_a_fit, no_budget, no_authority, no_need, "
          "bad_timing, unreachable, duplicate or other",
          "/reason");
    }
    if (f.reason == "other" && f.note.empty()) {
      return Status::InvalidArgument("the reason \"other\" needs a note", "/note");
    }
  } else if (!f.reason.empty()) {
    return Status::InvalidArgument("only a rejection has a reason", "/reason");
  }
  if (f.note.size() > 2000) return Status::InvalidArgument("must be at most 2000 bytes", "/note");
  Result<HandoffRecord> handoff = store_.GetHandoff(f.lead_id);
  if (!handoff.ok()) return handoff.status();
  if (!site_key.empty() && handoff.value().site_key != site_key) {
    return Status::NotFound("no lead was handed over with this id", "/lead_id");
  }
  f.at_ms = env_.now_ms();
  Status saved = store_.SaveFeedback(f, state);
  if (!saved.ok()) return saved;
  if (state == "nurturing") {
    // Marketing gets the lead back: nurture destinations receive it (once per generation).
    Result<std::vector<OutboxRecord>> rows =
        handoffs_.DeliveriesFor(handoff.value(), HandoffEvent::kNurture, f.at_ms);
    if (!rows.ok()) return rows.status();
    Status queued = store_.Enqueue(rows.value());
    if (!queued.ok()) return queued;
    HandoffWrite write;
    write.outbox = std::move(rows).value();
    handoffs_.Committed(write);
  }
  return store_.GetHandoff(f.lead_id);
}

Result<Json> FeedbackService::Report(const std::string& site_key, const std::string& flow_id) {
  Result<std::vector<HandoffStore::ReportRow>> rows = store_.ListForReport(site_key, flow_id);
  if (!rows.ok()) return rows.status();
  Json report = BuildFeedbackReport(rows.value());
  report["site"] = site_key;
  report["flow"] = flow_id.empty() ? Json() : Json(flow_id);
  return report;
}

}  // namespace leadq
