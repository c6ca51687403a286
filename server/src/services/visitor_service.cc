// Events, consent and the privacy operations.
#include "services/visitor_service.h"

#include "leadq/codec.h"
#include "platform/core_json.h"

namespace leadq {
namespace {

Status CheckVisitorId(const std::string& visitor_id) {
  if (IsValidClientId(visitor_id)) return Status::Ok();
  return Status::InvalidArgument("must be 8 to 64 letters, digits, '-' or '_'", "/visitor_id");
}

}  // namespace

Status VisitorService::RecordEvents(const std::string& site_key, const std::string& visitor_id,
                                    std::vector<Event> events) {
  Status status = CheckVisitorId(visitor_id);
  if (!status.ok()) return status;
  if (events.empty()) return Status::InvalidArgument("must hold at least one event", "/events");
  if (events.size() > kMaxEventsPerBatch) {
    return Status::InvalidArgument(
        "must hold at most " + std::to_string(kMaxEventsPerBatch) + " events", "/events");
  }
  const int64_t now = env_.now_ms();
  std::vector<EventRecord> records;
  records.reserve(events.size());
  for (Event& event : events) {
    records.push_back(RecordOf(event, now));
    event.at_ms = now;  // the server folds by its own clock, never the client's
  }
  // Runs inside the write transaction, over the signals as stored there.
  const SignalsFold fold = [&events](const Json& stored) {
    Result<Signals> signals = DecodeSignals(ToCore(stored), "");
    return FromCore(
        EncodeSignals(FoldEvents(signals.ok() ? std::move(signals).value() : Signals(), events)));
  };
  status = store_.RecordEvents(site_key, visitor_id, records, fold, now);
  if (status.ok() && queued_) queued_();
  return status;
}

EventRecord RecordOf(const Event& event, int64_t received_ms) {
  EventRecord record;
  record.type = ToString(event.type);
  record.path = event.path;
  record.at_ms = event.at_ms;
  record.received_ms = received_ms;
  if (event.type == Event::Type::kTimeOnPage) {
    record.data["seconds"] = event.seconds;
    return record;
  }
  for (auto [key, value] :
       {std::make_pair("title", &event.title), std::make_pair("host", &event.host),
        std::make_pair("referrer", &event.referrer), std::make_pair("channel", &event.channel)}) {
    if (!value->empty()) record.data[key] = *value;
  }
  if (!event.utm.empty()) record.data["utm"] = event.utm;
  if (!event.params.empty()) record.data["params"] = event.params;
  return record;
}

Status VisitorService::RecordConsent(const std::string& site_key, const std::string& visitor_id,
                                     const std::string& version, bool given) {
  Status status = CheckVisitorId(visitor_id);
  if (!status.ok()) return status;
  return store_.RecordConsent({site_key, visitor_id, version, given, env_.now_ms()});
}

Result<Json> VisitorService::Export(const std::string& site_key, const std::string& visitor_id) {
  Result<VisitorExport> found = store_.ExportVisitor(site_key, visitor_id);
  if (!found.ok()) return found.status();
  const VisitorExport& out = found.value();
  return Json{{"site", site_key},
              {"visitor_id", out.profile.visitor_id},
              {"merged_visitor_ids", out.merged_ids},
              {"profile", {{"fields", out.profile.fields}, {"signals", out.profile.signals}}},
              {"email", out.profile.email},
              {"created_ms", out.profile.created_ms},
              {"updated_ms", out.profile.updated_ms},
              {"sessions", out.sessions},
              {"events", out.events},
              {"consents", out.consents}};
}

Status VisitorService::Erase(const std::string& site_key, const std::string& visitor_id) {
  return store_.EraseVisitor(site_key, visitor_id);
}

Result<int64_t> VisitorService::PurgeEventsOlderThan(int days) {
  if (days < 1 || days > 36500) {
    return Status::InvalidArgument("must be a number of days from 1 to 36500", "/days");
  }
  return store_.PurgeEvents(env_.now_ms() - static_cast<int64_t>(days) * 86'400'000);
}

}  // namespace leadq
