// Business hours: the site setting that says when its sales team works, and the calendar
// the core counts SLA deadlines in when a grade's SLA is stated in business time.
//
// The setting names its zone as people do, by IANA name:
//   {"time_zone": "Europe/Amsterdam", "days": ["mon", "tue", "wed", "thu", "fri"],
//    "hours": ["09:00", "17:30"], "holidays": ["2026-12-25"]}
// and the core reads a POSIX rule in its place ("time_zone_rule",
// leadq/business_time.h), which the zone database gives (platform/time_zone.h).
#ifndef LEADQ_SERVER_SERVICES_BUSINESS_HOURS_H_
#define LEADQ_SERVER_SERVICES_BUSINESS_HOURS_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "leadq/business_time.h"
#include "platform/core_json.h"
#include "storage/site_store.h"

namespace leadq {

// Checks a setting from a client: every member as DecodeBusinessCalendar checks it, and
// the zone against the zone database. InvalidArgument with the JSON pointer of the first
// problem below `path` ("/business_hours/time_zone": `unknown time zone "Europe/Amsterdm"`).
// Returns the setting as it is stored: compact JSON text, holidays sorted.
Result<std::string> CheckBusinessHours(const Json& setting, const std::string& path);

// The calendar of a setting CheckBusinessHours accepted (its zone read again from the zone
// database, which an operating system update may have changed).
Result<BusinessCalendar> LoadBusinessHours(const std::string& stored);

// Each site's calendar, loaded once per setting: the answer path asks for it on every
// answer. Thread-safe.
class BusinessHoursCache {
 public:
  explicit BusinessHoursCache(SiteStore& sites) : sites_(sites) {}

  // The calendar of `site_key`'s business hours; null when the site has none, is
  // unknown, or its setting no longer loads (its zone left the zone database: deadlines
  // then count calendar time, the earlier of the two, and the problem is logged once).
  std::shared_ptr<const WorkingTime> For(const std::string& site_key);

 private:
  struct Entry {
    std::string stored;
    std::shared_ptr<const WorkingTime> calendar;
  };

  SiteStore& sites_;
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_BUSINESS_HOURS_H_
