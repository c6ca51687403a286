// Adding working time to an instant: a walk over local days, each contributing the instants
// whose wall time lies within the working hours, with whole weeks between clock changes
// counted by arithmetic (a holiday takes a day's hours off them).
#include <algorithm>
#include <memory>
#include <utility>

#include "civil_date.h"
#include "leadq/business_time.h"
#include "zone_changes.h"

namespace leadq {
namespace {

constexpr int64_t kMinutesPerDay = 24 * 60;
constexpr int64_t kDaysPerWeek = 7;

// A stretch of working time: [begin_ms, end_ms) in UTC.
struct Stretch {
  int64_t begin_ms;
  int64_t end_ms;
};

// A day's working time is at most this many stretches: one per stretch of constant offset
// over the day, and real rules change at most twice in a few days.
constexpr int kMaxStretches = 4;

bool IsHoliday(const std::vector<int32_t>& holidays, int64_t day) {
  return std::binary_search(holidays.begin(), holidays.end(), day,
                            [](int64_t a, int64_t b) { return a < b; });
}

// The instants of local day `day` whose wall time lies in [open, close): one stretch where
// the offset is the same all day; around a change, the part of each stretch of constant
// offset that shows those wall times (skipped wall times show at no instant, repeated ones
// at two). Returns the number of stretches written, in time order.
int WorkingStretches(const TimeZoneRule& zone, int64_t day, int64_t open_ms, int64_t close_ms,
                     Stretch* out) {
  const int64_t local_open = day * kMsPerDay + open_ms;
  const int64_t local_close = day * kMsPerDay + close_ms;
  const int64_t std_ms = int64_t{zone.std_offset_seconds} * 1000;
  if (!zone.has_dst) {
    out[0] = {local_open - std_ms, local_close - std_ms};
    return 1;
  }
  const int64_t dst_ms = int64_t{zone.dst_offset_seconds} * 1000;
  // No instant outside [from, to) shows a wall time in the working hours, whatever its
  // offset of the two.
  const int64_t from = local_open - std::max(std_ms, dst_ms);
  const int64_t to = local_close - std::min(std_ms, dst_ms);
  int count = 0;
  for (int64_t at = from; at < to && count < kMaxStretches;) {
    const int64_t change = std::min(NextZoneChange(zone, at), to);
    const int64_t offset_ms = UtcOffsetSeconds(zone, at) * 1000;
    const int64_t begin = std::max(at, local_open - offset_ms);
    const int64_t end = std::min(change, local_close - offset_ms);
    if (begin < end) {
      if (count > 0 && out[count - 1].end_ms == begin) {
        out[count - 1].end_ms = end;  // a change between equal offsets
      } else {
        out[count++] = {begin, end};
      }
    }
    at = change;
  }
  return count;
}

// How many whole weeks from local day `day` on have the same working hours in UTC on each
// working day, looking no further than `last_day`: the offset is the same from the first
// instant that could be working time in the first day to the last that could be in the
// last day. Working time before `not_before` (the start) is not counted, so weeks that
// could hold some are not skipped.
int64_t SkippableWeeks(const TimeZoneRule& zone, int64_t day, int64_t last_day, int64_t open_ms,
                       int64_t close_ms, int64_t not_before) {
  int64_t weeks = (last_day + 1 - day) / kDaysPerWeek;
  const int64_t std_ms = int64_t{zone.std_offset_seconds} * 1000;
  const int64_t dst_ms = zone.has_dst ? int64_t{zone.dst_offset_seconds} * 1000 : std_ms;
  const int64_t first = day * kMsPerDay + open_ms - std::max(std_ms, dst_ms);
  if (first < not_before) return 0;
  const int64_t change = NextZoneChange(zone, first);
  if (change != kNoZoneChange) {
    // The last day of w weeks ends its possible working time at
    // (day + 7w - 1) * kMsPerDay + close_ms - min offset, which must not pass the change.
    const int64_t room = change - ((day - 1) * kMsPerDay + close_ms - std::min(std_ms, dst_ms));
    weeks = std::min(weeks, room < 0 ? 0 : room / (kDaysPerWeek * kMsPerDay));
  }
  return std::max<int64_t>(weeks, 0);
}

// The holidays in [first_day, end_day) that fall on working days.
int64_t WorkingHolidays(const BusinessCalendar& calendar, int64_t first_day, int64_t end_day) {
  int64_t count = 0;
  auto it = std::lower_bound(calendar.holidays.begin(), calendar.holidays.end(), first_day,
                             [](int64_t a, int64_t b) { return a < b; });
  for (; it != calendar.holidays.end() && *it < end_day; ++it) {
    const bool repeat = it != calendar.holidays.begin() && *(it - 1) == *it;
    if (!repeat && calendar.working_days[WeekdayFromMonday(*it)]) ++count;
  }
  return count;
}

}  // namespace

int64_t AddBusinessTime(const BusinessCalendar& calendar, int64_t start_utc_ms, int64_t minutes) {
  const int64_t open = calendar.open_minute, close = calendar.close_minute;
  const int64_t working_days =
      std::count(calendar.working_days.begin(), calendar.working_days.end(), true);
  if (open < 0 || close > kMinutesPerDay || open >= close || working_days == 0) {
    return kNoBusinessDeadline;
  }
  // Working time never outruns the calendar: more minutes than the scan has cannot be
  // reached (and kMaxBusinessScanDays * kMsPerDay is far from overflowing).
  minutes = std::max<int64_t>(minutes, 0);
  if (minutes > kMaxBusinessScanDays * kMinutesPerDay || start_utc_ms > kMaxInstantMs) {
    return kNoBusinessDeadline;
  }
  start_utc_ms = std::max(start_utc_ms, -kMaxInstantMs);
  const int64_t open_ms = open * kMsPerMinute, close_ms = close * kMsPerMinute;
  const int64_t week_ms = working_days * (close_ms - open_ms);
  int64_t remaining = minutes * kMsPerMinute;

  const int64_t first_day =
      FloorDiv(start_utc_ms + UtcOffsetSeconds(calendar.zone, start_utc_ms) * 1000, kMsPerDay);
  const int64_t last_day = first_day + kMaxBusinessScanDays;
  // The walk starts a day early: where clocks move back across midnight, the instants
  // after the start may show the evening of the day before.
  for (int64_t day = first_day - 1; day <= last_day;) {
    // Whole weeks by arithmetic: `week_ms` each, less a day's hours per holiday. Fewer
    // than `remaining` in all, so that the exact instant is found day by day; what the
    // holidays took may leave enough for another round of whole weeks.
    if (remaining > week_ms) {
      const int64_t weeks =
          std::min((remaining - 1) / week_ms,
                   SkippableWeeks(calendar.zone, day, last_day, open_ms, close_ms, start_utc_ms));
      if (weeks > 0) {
        const int64_t end_day = day + weeks * kDaysPerWeek;
        remaining -=
            weeks * week_ms - WorkingHolidays(calendar, day, end_day) * (close_ms - open_ms);
        day = end_day;
        continue;
      }
    }
    if (calendar.working_days[WeekdayFromMonday(day)] && !IsHoliday(calendar.holidays, day)) {
      Stretch stretches[kMaxStretches];
      const int count = WorkingStretches(calendar.zone, day, open_ms, close_ms, stretches);
      for (int i = 0; i < count; ++i) {
        const int64_t begin = std::max(stretches[i].begin_ms, start_utc_ms);
        if (begin >= stretches[i].end_ms) continue;
        if (remaining <= stretches[i].end_ms - begin) return begin + remaining;
        remaining -= stretches[i].end_ms - begin;
      }
    }
    ++day;
  }
  return kNoBusinessDeadline;
}

namespace {

class CalendarWorkingTime final : public WorkingTime {
 public:
  explicit CalendarWorkingTime(BusinessCalendar calendar) : calendar_(std::move(calendar)) {}
  int64_t AddMinutes(int64_t start_utc_ms, int64_t minutes) const override {
    return AddBusinessTime(calendar_, start_utc_ms, minutes);
  }

 private:
  const BusinessCalendar calendar_;
};

}  // namespace

std::shared_ptr<const WorkingTime> MakeWorkingTime(BusinessCalendar calendar) {
  return std::make_shared<const CalendarWorkingTime>(std::move(calendar));
}

}  // namespace leadq
