// Planning handoffs and the admin views of deliveries.
#include "services/handoff_service.h"

#include <algorithm>
#include <string_view>

#include "leadq/codec.h"
#include "platform/core_json.h"
#include "services/answer_labels.h"
#include "services/destination_service.h"

namespace leadq {
namespace {

// The rows that deliver `event` about `h` to destinations[i] for each i in `taken`.
std::vector<OutboxRecord> Rows(const std::vector<DestinationRecord>& destinations,
                               const std::vector<size_t>& taken, const HandoffRecord& h,
                               HandoffEvent event, int64_t now_ms) {
  std::vector<OutboxRecord> rows;
  for (size_t i : taken) {
    const DestinationRecord& d = destinations[i];
    OutboxRecord row;
    row.idempotency_key = IdempotencyKey(h.lead_id, d.destination_id, event, h.generation);
    row.lead_id = h.lead_id;
    row.generation = h.generation;
    row.destination_id = d.destination_id;
    row.event = ToString(event);
    row.payload = h.snapshot;
    row.created_ms = now_ms;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<DestinationFilter> FiltersOf(const std::vector<DestinationRecord>& destinations) {
  std::vector<DestinationFilter> filters;
  filters.reserve(destinations.size());
  for (const DestinationRecord& d : destinations) filters.push_back(FilterOf(d));
  return filters;
}

}  // namespace

std::string IdempotencyKey(const std::string& lead_id, const std::string& destination_id,
                           HandoffEvent event, int generation) {
  const std::string name = ToString(event);
  const std::string short_event = name.rfind("lead.", 0) == 0 ? name.substr(5) : name;
  return lead_id + "." + destination_id + "." + short_event + "." + std::to_string(generation);
}

Result<HandoffWrite> HandoffService::Plan(const HandoffInput& in) {
  HandoffWrite write;
  // Most outcomes hand nothing over: the core says so without the destinations.
  if (!MayHandOff(in.outcome, in.done)) return write;
  Result<std::vector<DestinationRecord>> destinations =
      store_.ListDestinations(in.session.site_key);
  if (!destinations.ok()) return destinations.status();
  HandoffContext context;
  context.flow_id = in.session.flow_id;
  context.flow_hands_off_hard_conversions = in.flow.flow.definition.handoff_on_hard_conversion;
  context.done = in.done;
  context.prior = in.prior;
  context.last_data_ms = in.last_data_ms;
  for (const AnswerRecord& answer : in.answers) {
    context.last_data_ms = std::max(context.last_data_ms, answer.received_ms);
  }
  if (in.new_answer != nullptr) {
    context.last_data_ms = std::max(context.last_data_ms, in.new_answer->received_ms);
  }
  const HandoffDecision decision =
      DecideHandoff(in.outcome, context, FiltersOf(destinations.value()));
  if (decision.route == Route::kNone) return write;

  HandoffRecord& h = write.handoff;
  h.lead_id = in.session.session_id;
  h.site_key = in.session.site_key;
  h.flow_id = in.session.flow_id;
  h.flow_version = in.session.flow_version;
  h.variant = in.session.variant;
  h.visitor_id = in.session.visitor_id;
  h.generation = decision.generation;
  h.route = ToString(decision.route);
  h.state = ToString(LeadState::kOpen);
  h.triage = ToString(in.outcome.triage);
  h.grade = ToString(in.outcome.grade);
  h.total_points = in.outcome.total_points;
  for (const CriterionResult& criterion : in.outcome.matched) h.criteria.push_back(criterion.id);
  h.handed_ms = h.updated_ms = in.now_ms;
  // The deadline is fixed when the lead is handed over; the outcome's own deadline moves
  // with every later re-decision.
  h.sla_deadline_ms = decision.sla_deadline_ms;
  h.follow_up_target = decision.follow_up_touches;
  h.sent_back_ms = in.prior ? in.prior->sent_back_ms : 0;
  h.snapshot = Snapshot(in, h);
  write.outbox = Rows(destinations.value(), decision.destinations, h, decision.event, in.now_ms);
  return write;
}

Json HandoffService::Snapshot(const HandoffInput& in, const HandoffRecord& h) const {
  Json answers = Json::array();
  auto add = [&](const AnswerRecord& answer) {
    const AnswerLabel label =
        LabelAnswer(in.flow.flow, in.session.language, answer.step_id, answer.value);
    answers.push_back({{"step", answer.step_id},
                       {"field", answer.field},
                       {"value", answer.value},
                       {"question", label.question},
                       {"answer", label.answer},
                       {"received_ms", answer.received_ms}});
  };
  for (const AnswerRecord& answer : in.answers) add(answer);
  if (in.new_answer != nullptr) add(*in.new_answer);
  const Json signals = in.signals ? in.signals() : Json::object();
  Json sla = nullptr;
  if (h.sla_deadline_ms > 0) {
    sla = {{"first_response_minutes", in.outcome.first_response_minutes},
           {"deadline_ms", h.sla_deadline_ms},
           {"follow_up_touches", h.follow_up_target},
           {"business_hours", in.outcome.sla_business_hours}};
  }
  const Json outcome = FromCore(EncodeOutcome(in.outcome));
  return {{"lead_id", h.lead_id},
          {"site", h.site_key},
          {"flow_id", h.flow_id},
          {"flow_version", h.flow_version},
          {"variant", h.variant},
          {"visitor_id", h.visitor_id},
          {"generation", h.generation},
          {"handed_ms", h.handed_ms},
          {"triage", h.triage},
          {"grade", h.grade},
          {"total_points", h.total_points},
          {"conversion", ToString(in.outcome.conversion)},
          {"stage", ToString(in.outcome.stage)},
          {"criteria", outcome["criteria"]},
          {"profile",
           {{"explicit", in.fields.is_object() ? in.fields : Json::object()},
            {"implicit", signals.is_object() ? signals : Json::object()}}},
          {"answers", answers},
          {"sla", sla},
          {"inbox_url", options_.inbox_base_url + "/console/#/leads/" + h.lead_id}};
}

void HandoffService::Committed(const HandoffWrite& write) {
  if (write.outbox.empty()) return;
  std::lock_guard<std::mutex> lock(wake_mutex_);
  if (wake_) wake_();
}

void HandoffService::SetWakeup(std::function<void()> wake) {
  std::lock_guard<std::mutex> lock(wake_mutex_);
  wake_ = std::move(wake);
}

Result<std::vector<OutboxRecord>> HandoffService::DeliveriesFor(const HandoffRecord& h,
                                                                HandoffEvent event,
                                                                int64_t now_ms) {
  Result<std::vector<DestinationRecord>> destinations = store_.ListDestinations(h.site_key);
  if (!destinations.ok()) return destinations.status();
  // Escalations and returns to nurturing: the hard-conversion trigger does not apply.
  HandoffSubject subject;
  subject.flow_id = h.flow_id;
  subject.grade = GradeFromString(h.grade).value_or(Grade::kNone);
  subject.triage = TriageFromString(h.triage).value_or(Triage::kNotEnoughInformation);
  return Rows(destinations.value(),
              DestinationsFor(FiltersOf(destinations.value()), event, subject), h, event, now_ms);
}

Result<LeadHandoff> HandoffService::Lead(const std::string& lead_id) {
  LeadHandoff lead;
  Result<HandoffRecord> handoff = store_.GetHandoff(lead_id);
  if (!handoff.ok()) return handoff.status();
  lead.handoff = std::move(handoff).value();
  OutboxFilter filter;
  filter.lead_id = lead_id;
  filter.limit = 1000;
  Result<std::vector<OutboxRecord>> deliveries = store_.ListDeliveries(filter);
  if (!deliveries.ok()) return deliveries.status();
  lead.deliveries = std::move(deliveries).value();
  Result<std::vector<AttemptRecord>> attempts = store_.ListAttempts(lead_id);
  if (!attempts.ok()) return attempts.status();
  lead.attempts = std::move(attempts).value();
  Result<std::vector<TouchRecord>> touches = store_.ListTouches(lead_id);
  if (!touches.ok()) return touches.status();
  lead.touches = std::move(touches).value();
  Result<std::vector<FeedbackRecord>> feedback = store_.ListFeedback(lead_id);
  if (!feedback.ok()) return feedback.status();
  lead.feedback = std::move(feedback).value();
  return lead;
}

Result<std::vector<OutboxRecord>> HandoffService::Deliveries(const OutboxFilter& filter) {
  return store_.ListDeliveries(filter);
}

Status HandoffService::Redeliver(const std::string& site_key, int64_t delivery_id) {
  Result<OutboxRecord> delivery = store_.GetDelivery(delivery_id);
  if (!delivery.ok()) return delivery.status();
  Result<HandoffRecord> handoff = store_.GetHandoff(delivery.value().lead_id);
  if (!site_key.empty() && (!handoff.ok() || handoff.value().site_key != site_key)) {
    return Status::NotFound("no delivery with this id for this site", "/delivery_id");
  }
  Status status = store_.Redeliver(delivery_id, env_.now_ms());
  if (status.ok()) {
    std::lock_guard<std::mutex> lock(wake_mutex_);
    if (wake_) wake_();
  }
  return status;
}

}  // namespace leadq
