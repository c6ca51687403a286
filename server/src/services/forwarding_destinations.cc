// Destination validation and management.
#include "services/forwarding_destinations.h"

#include <algorithm>

#include "delivery/webhook_url.h"

namespace leadq {
namespace {

Status CheckList(const std::vector<std::string>& list, const std::vector<std::string>& allowed,
                 const std::string& path) {
  if (list.size() > 64) return Status::InvalidArgument("at most 64 entries", path);
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string item_path = path + "/" + std::to_string(i);
    if (list[i].empty() || list[i].size() > 64) {
      return Status::InvalidArgument("must be 1 to 64 bytes", item_path);
    }
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), list[i]) == allowed.end()) {
      std::string names;
      for (const std::string& name : allowed) names += (names.empty() ? "" : ", ") + name;
      return Status::InvalidArgument("must be one of " + names, item_path);
    }
  }
  return Status::Ok();
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
  Status status = CheckList(d.events, {kEventQualified, kEventNurture, kEventOverdue}, "/events");
  if (status.ok()) status = CheckList(d.triggers, {"qualified", "hard_conversion"}, "/triggers");
  if (status.ok()) status = CheckList(d.grades, {"high", "medium", "low", "none"}, "/grades");
  if (status.ok()) {
    status = CheckList(d.triage, {"qualified", "nurture", "disqualified", "not_enough_information"},
                       "/triage");
  }
  if (status.ok()) status = CheckList(d.flows, {}, "/flows");
  return status;
}

Result<DestinationRecord> DestinationService::Save(DestinationRecord d, bool create) {
  if (d.events.empty()) d.events = {d.kind == "nurture" ? kEventNurture : kEventQualified};
  if (d.triggers.empty()) d.triggers = {"qualified"};
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
