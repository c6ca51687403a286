// Destination validation and management.
#include "services/destination_service.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "delivery/webhook_url.h"

namespace leadq {
namespace {

constexpr const char* kTriggerQualified = "qualified";
constexpr const char* kTriggerHardConversion = "hard_conversion";

// Each entry of `list` (at `path`) is read by `parse` (nullopt: not a known name, which
// `names` lists for the message); the values go to `out` when it is given.
template <typename T, typename Parse>
Status ReadList(const std::vector<std::string>& list, Parse parse, const char* names,
                const std::string& path, std::vector<T>* out) {
  if (list.size() > 64) return Status::InvalidArgument("at most 64 entries", path);
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string item_path = path + "/" + std::to_string(i);
    if (list[i].empty() || list[i].size() > 64) {
      return Status::InvalidArgument("must be 1 to 64 bytes", item_path);
    }
    std::optional<T> value = parse(list[i]);
    if (!value) return Status::InvalidArgument(std::string("must be one of ") + names, item_path);
    if (out != nullptr) out->push_back(*value);
  }
  return Status::Ok();
}

std::optional<bool> ParseTrigger(std::string_view text) {
  if (text == kTriggerQualified) return false;
  if (text == kTriggerHardConversion) return true;
  return std::nullopt;
}

std::optional<std::string> AnyText(std::string_view text) { return std::string(text); }

// The typed filter of `d`, or the first problem.
Status Read(const DestinationRecord& d, DestinationFilter* filter) {
  Status status =
      ReadList(d.events, HandoffEventFromString, "lead.qualified, lead.nurture, lead.overdue",
               "/events", &filter->events);
  std::vector<bool> triggers;
  if (status.ok()) {
    status =
        ReadList(d.triggers, ParseTrigger, "qualified, hard_conversion", "/triggers", &triggers);
  }
  if (status.ok()) {
    status =
        ReadList(d.grades, GradeFromString, "high, medium, low, none", "/grades", &filter->grades);
  }
  if (status.ok()) {
    status = ReadList(d.triage, TriageFromString,
                      "qualified, nurture, disqualified, not_enough_information", "/triage",
                      &filter->triage);
  }
  if (status.ok()) status = ReadList(d.flows, AnyText, "", "/flows", &filter->flows);
  filter->takes_hard_conversions =
      std::find(triggers.begin(), triggers.end(), true) != triggers.end();
  filter->enabled = d.enabled;
  return status;
}

}  // namespace

Status ValidateDestination(const DestinationRecord& d) {
  if (d.name.size() > 200) return Status::InvalidArgument("must be at most 200 bytes", "/name");
  if (d.kind != "webhook" && d.kind != "chat" && d.kind != "nurture") {
    return Status::InvalidArgument("must be \"webhook\", \"chat\" or \"nurture\"", "/kind");
  }
  Result<WebhookUrl> url = ParseWebhookUrl(d.url);
  if (!url.ok()) return url.status();
  if (!d.secret.empty() && (d.secret.size() < 16 || d.secret.size() > 256)) {
    return Status::InvalidArgument("must be 16 to 256 bytes", "/secret");
  }
  DestinationFilter filter;
  return Read(d, &filter);
}

DestinationFilter FilterOf(const DestinationRecord& d) {
  DestinationFilter filter;
  if (!Read(d, &filter).ok()) filter.enabled = false;
  return filter;
}

Result<DestinationRecord> DestinationService::Save(DestinationRecord d, bool create) {
  if (d.events.empty()) {
    d.events = {ToString(d.kind == "nurture" ? HandoffEvent::kNurture : HandoffEvent::kQualified)};
  }
  if (d.triggers.empty()) d.triggers = {kTriggerQualified};
  Status valid = ValidateDestination(d);
  if (!valid.ok()) return valid;
  if (create) {
    if (d.destination_id.empty()) d.destination_id = env_.new_id();
    if (!IsValidClientId(d.destination_id)) {
      return Status::InvalidArgument("must be 8 to 64 letters, digits, '-' or '_'",
                                     "/destination_id");
    }
    Result<DestinationRecord> existing = store_.GetDestination(d.destination_id);
    if (existing.ok())
      return Status::Conflict("a destination with this id exists", "/destination_id");
    d.created_ms = env_.now_ms();
  } else {
    Result<DestinationRecord> existing = Get(d.site_key, d.destination_id);
    if (!existing.ok()) return existing.status();
    d.created_ms = existing.value().created_ms;
    if (d.secret.empty()) d.secret = existing.value().secret;
  }
  if (d.secret.empty()) d.secret = env_.new_id() + env_.new_id();
  Status stored = store_.PutDestination(d);
  if (!stored.ok()) return stored;
  return d;
}

Result<DestinationRecord> DestinationService::Get(const std::string& site_key,
                                                  const std::string& destination_id) {
  Result<DestinationRecord> found = store_.GetDestination(destination_id);
  if (found.ok() && found.value().site_key != site_key) {
    return Status::NotFound("no destination with this id for this site", "/destination_id");
  }
  return found;
}

Result<std::vector<DestinationRecord>> DestinationService::List(const std::string& site_key) {
  return store_.ListDestinations(site_key);
}

Status DestinationService::Delete(const std::string& site_key, const std::string& destination_id) {
  Result<DestinationRecord> found = Get(site_key, destination_id);
  if (!found.ok()) return found.status();
  return store_.DeleteDestination(destination_id);
}

}  // namespace leadq
