// Offsets of a POSIX TZ rule: where a year's two changes fall, the offset at an instant,
// and the instant of a wall-clock time.
#include <algorithm>

#include "civil_date.h"
#include "leadq/business_time.h"
#include "zone_changes.h"

namespace leadq {
namespace {

// The years whose changes are looked at around an instant: a change belongs to its year
// but may fall up to a week (a 167-hour change time) and a day (the offset) outside it.
constexpr int kYearsBefore = 1;
constexpr int kYearsAfter = 2;
constexpr int kChangesLookedAt = 2 * (kYearsBefore + 1 + kYearsAfter);

struct ZoneChange {
  int64_t at_ms;
  bool to_dst;
};

// The local date of `change` in `year`, as days since 1970-01-01.
int64_t ChangeDay(const TimeZoneRule::Change& change, int64_t year) {
  const int64_t january_first = DaysFromCivil(year, 1, 1);
  switch (change.form) {
    case TimeZoneRule::Change::Form::kMonthWeekDay: {
      const int64_t first = DaysFromCivil(year, change.month, 1);
      int64_t day =
          first + FloorMod(change.weekday - WeekdayFromSunday(first), 7) + 7 * (change.week - 1);
      // Week 5 is the last such weekday, which may be the fourth.
      if (day >= first + DaysInMonth(year, change.month)) day -= 7;
      return day;
    }
    case TimeZoneRule::Change::Form::kJulian:
      // J60 is March 1 in every year: February 29 is never counted.
      return january_first + change.day - 1 + (IsLeapYear(year) && change.day >= 60 ? 1 : 0);
    case TimeZoneRule::Change::Form::kDayOfYear:
      return january_first + change.day;
  }
  return january_first;
}

// The instant of `change` in `year`: its wall time read in the offset before it.
int64_t ChangeInstant(const TimeZoneRule::Change& change, int64_t year, int32_t offset_before) {
  return ChangeDay(change, year) * kMsPerDay +
         (int64_t{change.time_seconds} - offset_before) * 1000;
}

int64_t Clamp(int64_t ms) { return std::clamp(ms, -kMaxInstantMs, kMaxInstantMs); }

// The changes of the years around `utc_ms`, year by year and within a year start before
// end (not in time order: in the southern hemisphere the end comes first).
int ChangesAround(const TimeZoneRule& zone, int64_t utc_ms, ZoneChange* changes) {
  const int64_t year = CivilFromDays(FloorDiv(utc_ms, kMsPerDay)).year;
  int count = 0;
  for (int64_t y = year - kYearsBefore; y <= year + kYearsAfter; ++y) {
    changes[count++] = {ChangeInstant(zone.dst_start, y, zone.std_offset_seconds), true};
    changes[count++] = {ChangeInstant(zone.dst_end, y, zone.dst_offset_seconds), false};
  }
  return count;
}

}  // namespace

int64_t UtcOffsetSeconds(const TimeZoneRule& zone, int64_t utc_ms) {
  if (!zone.has_dst) return zone.std_offset_seconds;
  utc_ms = Clamp(utc_ms);
  ZoneChange changes[kChangesLookedAt];
  const int count = ChangesAround(zone, utc_ms, changes);
  // The latest change at or before the instant decides. Of two at the same instant the
  // later year's wins: a zone on daylight saving time all year ("EST5EDT,0/0,J365/25")
  // ends one year's period exactly where the next one starts.
  const ZoneChange* latest = nullptr;
  for (int i = 0; i < count; ++i) {
    if (changes[i].at_ms <= utc_ms && (latest == nullptr || changes[i].at_ms >= latest->at_ms)) {
      latest = &changes[i];
    }
  }
  return latest != nullptr && latest->to_dst ? zone.dst_offset_seconds : zone.std_offset_seconds;
}

int64_t NextZoneChange(const TimeZoneRule& zone, int64_t utc_ms) {
  if (!zone.has_dst) return kNoZoneChange;
  utc_ms = Clamp(utc_ms);
  ZoneChange changes[kChangesLookedAt];
  const int count = ChangesAround(zone, utc_ms, changes);
  int64_t next = kNoZoneChange;
  for (int i = 0; i < count; ++i) {
    if (changes[i].at_ms > utc_ms) next = std::min(next, changes[i].at_ms);
  }
  return next;
}

int64_t LocalToUtcMs(const TimeZoneRule& zone, int64_t local_ms) {
  local_ms = Clamp(local_ms);
  const int64_t as_std = local_ms - int64_t{zone.std_offset_seconds} * 1000;
  if (!zone.has_dst) return as_std;
  // The wall time read in each of the zone's two offsets; a reading is right when the
  // zone has that offset at the instant it gives.
  const int64_t as_dst = local_ms - int64_t{zone.dst_offset_seconds} * 1000;
  const bool std_right = UtcOffsetSeconds(zone, as_std) == zone.std_offset_seconds;
  const bool dst_right = UtcOffsetSeconds(zone, as_dst) == zone.dst_offset_seconds;
  if (std_right && dst_right) return std::min(as_std, as_dst);  // occurs twice: the earlier
  if (std_right) return as_std;
  if (dst_right) return as_dst;
  // Skipped: read in the offset before the change, which is the smaller one (clocks move
  // forward) and so gives the later instant, as far past the change as the time is past
  // the last wall time shown before it.
  return std::max(as_std, as_dst);
}

}  // namespace leadq
