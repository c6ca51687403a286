// The instants at which a time zone rule changes its offset, for the business-time scan:
// between two changes local time runs at a fixed distance from UTC.
#ifndef LEADQ_CORE_ZONE_CHANGES_H_
#define LEADQ_CORE_ZONE_CHANGES_H_

#include <cstdint>
#include <limits>

#include "leadq/business_time.h"

namespace leadq {

// NextZoneChange's answer for a zone without changes.
inline constexpr int64_t kNoZoneChange = std::numeric_limits<int64_t>::max();

// The first instant after `utc_ms` at which the rule changes between standard and daylight
// saving time, or kNoZoneChange for a fixed offset.
int64_t NextZoneChange(const TimeZoneRule& zone, int64_t utc_ms);

}  // namespace leadq

#endif  // LEADQ_CORE_ZONE_CHANGES_H_
