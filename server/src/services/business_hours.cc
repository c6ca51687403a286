// Business hours of a site.
#include "services/business_hours.h"

#include <algorithm>
#include <iostream>
#include <utility>

#include "platform/time_zone.h"

namespace leadq {
namespace {

constexpr const char* kMembers[] = {"time_zone", "days", "hours", "holidays"};

// The calendar of `setting`, every problem reported below `path`.
Result<BusinessCalendar> Resolve(const Json& setting, const std::string& path) {
  if (!setting.is_object()) {
    return Status::InvalidArgument(
        "must be an object such as {\"time_zone\": \"Europe/Amsterdam\", \"days\": [\"mon\", "
        "\"tue\", \"wed\", \"thu\", \"fri\"], \"hours\": [\"09:00\", \"17:30\"]}",
        path);
  }
  for (const auto& [key, value] : setting.items()) {
    if (std::find(std::begin(kMembers), std::end(kMembers), key) == std::end(kMembers)) {
      return Status::InvalidArgument(
          "is not a member of business hours (time_zone, days, hours, holidays)", path + "/" + key);
    }
  }
  auto zone = setting.find("time_zone");
  if (zone == setting.end() || !zone->is_string()) {
    return Status::InvalidArgument(
        "must be the name of a time zone of the IANA database, such as \"Europe/Amsterdam\"",
        path + "/time_zone");
  }
  Result<std::string> rule = ReadTimeZoneRule(zone->get_ref<const std::string&>());
  if (!rule.ok()) return Status::InvalidArgument(rule.status().message(), path + "/time_zone");
  Json document = setting;
  document.erase("time_zone");
  document["time_zone_rule"] = rule.value();
  return DecodeBusinessCalendar(ToCore(document), path);
}

}  // namespace

Result<std::string> CheckBusinessHours(const Json& setting, const std::string& path) {
  Result<BusinessCalendar> calendar = Resolve(setting, path);
  if (!calendar.ok()) return calendar.status();
  Json stored = setting;
  if (auto holidays = stored.find("holidays"); holidays != stored.end()) {
    // "YYYY-MM-DD" dates (checked above) sort as text in date order.
    std::sort(holidays->begin(), holidays->end());
  }
  return stored.dump();
}

Result<BusinessCalendar> LoadBusinessHours(const std::string& stored) {
  Json setting = Json::parse(stored, nullptr, false);
  if (setting.is_discarded()) {
    return Status::InvalidArgument("the stored business hours are not JSON", "/business_hours");
  }
  return Resolve(setting, "/business_hours");
}

std::shared_ptr<const WorkingTime> BusinessHoursCache::For(const std::string& site_key) {
  Result<SiteRecord> site = sites_.GetSite(site_key);
  if (!site.ok() || site.value().business_hours.empty()) return nullptr;
  const std::string& stored = site.value().business_hours;
  std::lock_guard<std::mutex> lock(mutex_);
  Entry& entry = entries_[site_key];
  if (entry.stored != stored) {
    entry.stored = stored;
    Result<BusinessCalendar> calendar = LoadBusinessHours(stored);
    if (calendar.ok()) {
      entry.calendar = MakeWorkingTime(std::move(calendar).value());
    } else {
      entry.calendar = nullptr;
      std::cerr << "leadq: business hours of site " << site_key
                << " do not load; SLAs count calendar time: " << calendar.status().path() << ": "
                << calendar.status().message() << "\n";
    }
  }
  return entry.calendar;
}

}  // namespace leadq
