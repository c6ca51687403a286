// Handoff API JSON.
#include "http/handoff_json.h"

#include "http/request_json.h"
#include "services/sla_service.h"

namespace leadq {
namespace {

Result<std::vector<std::string>> ReadList(const Json& body, const char* key) {
  std::vector<std::string> list;
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return list;
  const std::string path = std::string("/") + key;
  if (!it->is_array()) return Status::InvalidArgument("must be an array of strings", path);
  for (size_t i = 0; i < it->size(); ++i) {
    const Json& item = (*it)[i];
    if (!item.is_string()) {
      return Status::InvalidArgument("must be a string", path + "/" + std::to_string(i));
    }
    list.push_back(item.get<std::string>());
  }
  return list;
}

// Who to call: the contact fields of the lead's explicit profile, as handed over.
Json ContactJson(const Json& snapshot) {
  Json contact = Json::object();
  if (!snapshot.is_object()) return contact;
  auto profile = snapshot.find("profile");
  if (profile == snapshot.end() || !profile->is_object()) return contact;
  auto fields = profile->find("explicit");
  if (fields == profile->end() || !fields->is_object()) return contact;
  for (const char* key : {"name", "email", "phone", "company", "job_title"}) {
    auto value = fields->find(key);
    if (value != fields->end() && value->is_string()) contact[key] = *value;
  }
  return contact;
}

}  // namespace

Result<DestinationRecord> DecodeDestination(const Json& body) {
  DestinationRecord d;
  for (auto [key, target, required, max] :
       {std::make_tuple("name", &d.name, false, size_t{200}),
        std::make_tuple("kind", &d.kind, true, size_t{16}),
        std::make_tuple("url", &d.url, true, size_t{2048}),
        std::make_tuple("secret", &d.secret, false, size_t{256})}) {
    Result<std::string> value = ReadString(body, key, required, max);
    if (!value.ok()) return value.status();
    *target = value.value();
  }
  for (auto [key, target] :
       {std::make_pair("events", &d.events), std::make_pair("triggers", &d.triggers),
        std::make_pair("grades", &d.grades), std::make_pair("flows", &d.flows),
        std::make_pair("triage", &d.triage)}) {
    Result<std::vector<std::string>> list = ReadList(body, key);
    if (!list.ok()) return list.status();
    *target = std::move(list).value();
  }
  auto enabled = body.find("enabled");
  if (enabled != body.end() && !enabled->is_null()) {
    if (!enabled->is_boolean()) return Status::InvalidArgument("must be true or false", "/enabled");
    d.enabled = enabled->get<bool>();
  }
  return d;
}

Json DestinationJson(const DestinationRecord& d, bool show_secret) {
  const std::string hint =
      d.secret.size() > 4 ? "…" + d.secret.substr(d.secret.size() - 4) : std::string("…");
  return {{"destination_id", d.destination_id},
          {"site", d.site_key},
          {"name", d.name},
          {"kind", d.kind},
          {"url", d.url},
          {"secret", show_secret ? d.secret : hint},
          {"events", d.events},
          {"triggers", d.triggers},
          {"grades", d.grades},
          {"flows", d.flows},
          {"triage", d.triage},
          {"enabled", d.enabled},
          {"created_ms", d.created_ms}};
}

Json HandoffJson(const HandoffRecord& h, int64_t now_ms) {
  return {{"lead_id", h.lead_id},
          {"contact", ContactJson(h.snapshot)},
          {"site", h.site_key},
          {"flow_id", h.flow_id},
          {"flow_version", h.flow_version},
          {"variant", h.variant},
          {"visitor_id", h.visitor_id},
          {"generation", h.generation},
          {"route", h.route},
          {"state", h.state},
          {"triage", h.triage},
          {"grade", h.grade},
          {"total_points", h.total_points},
          {"criteria", h.criteria},
          {"handed_ms", h.handed_ms},
          {"sla", SlaProgress(h, now_ms)},
          {"sent_back_ms", h.sent_back_ms > 0 ? Json(h.sent_back_ms) : Json()}};
}

Json DeliveryJson(const OutboxRecord& o, bool with_payload) {
  Json json{{"delivery_id", o.delivery_id},
            {"idempotency_key", o.idempotency_key},
            {"lead_id", o.lead_id},
            {"generation", o.generation},
            {"destination_id", o.destination_id},
            {"event", o.event},
            {"state", o.state},
            {"attempts", o.attempts},
            {"created_ms", o.created_ms},
            {"next_attempt_ms", o.state == "pending" ? Json(o.next_attempt_ms) : Json()},
            {"delivered_ms", o.delivered_ms > 0 ? Json(o.delivered_ms) : Json()},
            {"last_error", o.last_error}};
  if (with_payload) json["lead"] = o.payload;
  return json;
}

Json LeadHandoffJson(const LeadHandoff& lead, int64_t now_ms) {
  Json json = HandoffJson(lead.handoff, now_ms);
  json["lead"] = lead.handoff.snapshot;
  json["deliveries"] = Json::array();
  for (const OutboxRecord& o : lead.deliveries)
    json["deliveries"].push_back(DeliveryJson(o, false));
  json["delivery_log"] = Json::array();
  for (const AttemptRecord& a : lead.attempts) {
    json["delivery_log"].push_back(
        {{"delivery_id", a.delivery_id},
         {"destination_id", a.destination_id},
         {"attempt", a.attempt},
         {"at_ms", a.at_ms},
         {"status_code", a.status_code == 0 ? Json() : Json(a.status_code)},
         {"latency_ms", a.latency_ms},
         {"error", a.error}});
  }
  json["touches"] = Json::array();
  for (const TouchRecord& t : lead.touches) {
    json["touches"].push_back(
        {{"channel", t.channel}, {"note", t.note}, {"by", t.by}, {"at_ms", t.at_ms}});
  }
  json["feedback"] = Json::array();
  for (const FeedbackRecord& f : lead.feedback) {
    json["feedback"].push_back({{"generation", f.generation},
                                {"decision", f.decision},
                                {"reason", f.reason},
                                {"note", f.note},
                                {"at_ms", f.at_ms}});
  }
  return json;
}

}  // namespace leadq
