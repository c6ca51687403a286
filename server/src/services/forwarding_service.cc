// Planning handovers and the admin views of deliveries.
#include "services/forwarding_service.h"

#include <algorithm>
#include <string_view>

#include "services/core_json.h"
#include "services/forwarding_rules.h"

namespace leadq {
namespace {

// A part of the outcome, read from the core's value (null when missing).
const JsonValue& Member(const JsonValue& object, std::string_view key) {
  static const JsonValue kNull;
  const JsonValue* value = object.is_object() ? object.Find(key) : nullptr;
  return value != nullptr ? *value : kNull;
}

}  // namespace

Result<HandoffWrite> ForwardingService::Plan(const HandoffInput& in) {
  HandoffWrite write;
  const std::string triage = Text(in.outcome, "triage");
  const bool hard_conversion =
      Text(in.outcome, "conversion") == "hard" && triage != "qualified" && triage != "disqualified";
  // Most outcomes hand nothing over: decide that without touching storage.
  if (triage != "qualified" && !hard_conversion && !(triage == "nurture" && in.done)) {
    return write;
  }
  Result<std::vector<DestinationRecord>> destinations =
      store_.ListDestinations(in.session.site_key);
  if (!destinations.ok()) return destinations.status();
  const bool flow_hands_off = in.flow.flow.definition.handoff_on_hard_conversion;
  bool hard_conversion_wanted = false;
  for (const DestinationRecord& d : destinations.value()) {
    hard_conversion_wanted |=
        hard_conversion && Accepts(d, kEventQualified, in.session.flow_id,
                                   Text(in.outcome, "grade"), triage, flow_hands_off);
  }
  const std::string route = RouteFor(in.outcome, in.done, hard_conversion_wanted);
  if (route.empty()) return write;
  int64_t last_data_ms = in.last_data_ms;
  for (const AnswerRecord& answer : in.answers) {
    last_data_ms = std::max(last_data_ms, answer.received_ms);
  }
  if (in.new_answer != nullptr) last_data_ms = std::max(last_data_ms, in.new_answer->received_ms);
  const std::optional<int> generation = NextGeneration(in.stored, route, last_data_ms);
  if (!generation) return write;

  HandoffRecord& h = write.handoff;
  h.lead_id = in.session.session_id;
  h.site_key = in.session.site_key;
  h.flow_id = in.session.flow_id;
  h.flow_version = in.session.flow_version;
  h.variant = in.session.variant;
  h.visitor_id = in.session.visitor_id;
  h.generation = *generation;
  h.route = route;
  h.state = "open";
  h.triage = triage;
  h.grade = Text(in.outcome, "grade");
  const JsonValue& points = Member(in.outcome, "total_points");
  h.total_points = points.is_number() ? points.as_double() : 0.0;
  const JsonValue& criteria = Member(in.outcome, "criteria");
  if (criteria.is_array()) {
    for (const JsonValue& criterion : criteria.items()) {
      std::string id = Text(criterion, "id");
      if (!id.empty()) h.criteria.push_back(std::move(id));
    }
  }
  h.handed_ms = h.updated_ms = in.now_ms;
  // The deadline is fixed when the lead is handed over; the outcome's own deadline moves
  // with every later re-decision.
  const JsonValue& sla = Member(in.outcome, "sla");
  const JsonValue& minutes = Member(sla, "first_response_minutes");
  const JsonValue& touches = Member(sla, "follow_up_touches");
  if (route == "sales" && minutes.is_integer()) {
    h.sla_deadline_ms = in.now_ms + minutes.as_int64() * 60000;
    h.follow_up_target = touches.is_integer() ? static_cast<int>(touches.as_int64()) : 0;
  }
  h.sent_back_ms = in.stored ? in.stored->sent_back_ms : 0;
  h.snapshot = Snapshot(in, h);
  write.outbox = DeliveriesTo(destinations.value(), h, EventFor(route), in.now_ms, flow_hands_off);
  return write;
}

Json ForwardingService::Snapshot(const HandoffInput& in, const HandoffRecord& h) const {
  Json answers = Json::array();
  auto add = [&answers](const AnswerRecord& answer) {
    answers.push_back({{"step", answer.step_id},
                       {"field", answer.field},
                       {"value", answer.value},
                       {"received_ms", answer.received_ms}});
  };
  for (const AnswerRecord& answer : in.answers) add(answer);
  if (in.new_answer != nullptr) add(*in.new_answer);
  const Json signals = in.signals ? in.signals() : Json::object();
  Json sla = nullptr;
  if (h.sla_deadline_ms > 0) {
    sla = {{"first_response_minutes",
            FromCore(Member(Member(in.outcome, "sla"), "first_response_minutes"))},
           {"deadline_ms", h.sla_deadline_ms},
           {"follow_up_touches", h.follow_up_target}};
  }
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
          {"conversion", FromCore(Member(in.outcome, "conversion"))},
          {"stage", FromCore(Member(in.outcome, "stage"))},
          {"criteria", FromCore(Member(in.outcome, "criteria"))},
          {"profile",
           {{"explicit", in.fields.is_object() ? in.fields : Json::object()},
            {"implicit", signals.is_object() ? signals : Json::object()}}},
          {"answers", answers},
          {"sla", sla},
          {"inbox_url", options_.inbox_base_url + "/console/#/leads/" + h.lead_id}};
}

void ForwardingService::Committed(const HandoffWrite& write) {
  if (write.outbox.empty()) return;
  std::lock_guard<std::mutex> lock(wake_mutex_);
  if (wake_) wake_();
}

void ForwardingService::SetWakeup(std::function<void()> wake) {
  std::lock_guard<std::mutex> lock(wake_mutex_);
  wake_ = std::move(wake);
}

Result<std::vector<OutboxRecord>> ForwardingService::DeliveriesFor(const HandoffRecord& h,
                                                                   const std::string& event,
                                                                   int64_t now_ms) {
  Result<std::vector<DestinationRecord>> destinations = store_.ListDestinations(h.site_key);
  if (!destinations.ok()) return destinations.status();
  // Escalations and returns to nurturing: the hard-conversion trigger does not apply.
  return DeliveriesTo(destinations.value(), h, event, now_ms, false);
}

std::vector<OutboxRecord> DeliveriesTo(const std::vector<DestinationRecord>& destinations,
                                       const HandoffRecord& h, const std::string& event,
                                       int64_t now_ms, bool flow_hands_off_hard_conversions) {
  std::vector<OutboxRecord> rows;
  for (const DestinationRecord& d : destinations) {
    if (!Accepts(d, event, h.flow_id, h.grade, h.triage, flow_hands_off_hard_conversions)) {
      continue;
    }
    OutboxRecord row;
    row.idempotency_key = IdempotencyKey(h.lead_id, d.destination_id, event, h.generation);
    row.lead_id = h.lead_id;
    row.generation = h.generation;
    row.destination_id = d.destination_id;
    row.event = event;
    row.payload = h.snapshot;
    row.created_ms = now_ms;
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<LeadForwarding> ForwardingService::Lead(const std::string& lead_id) {
  LeadForwarding lead;
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

Result<std::vector<OutboxRecord>> ForwardingService::Deliveries(const OutboxFilter& filter) {
  return store_.ListDeliveries(filter);
}

Status ForwardingService::Redeliver(const std::string& site_key, int64_t delivery_id) {
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
