// Business time: when an SLA such as "first response within 5 minutes" falls due if it
// counts only the hours a sales team works, in the team's own time zone.
//
// A lead arriving at 03:00 on a Saturday in Amsterdam has its 5-minute deadline on Monday
// at 09:05 local time. Working that out needs the zone's rule for daylight saving time,
// the working days and hours, and the holidays: all plain values here, so the rule is pure
// like the rest of the core. The zone comes in as the POSIX TZ rule that ends every
// version 2+ TZif file ("CET-1CEST,M3.5.0,M10.5.0/3"); whoever reads the zone database
// (the server) passes that text in. Calendar dates are computed by hand (days since
// 1970-01-01, Howard Hinnant's civil-date algorithms), not with <chrono> or the C library.
//
// Instants are milliseconds since 1970-01-01T00:00:00Z. A "local" time is the same count
// read on the zone's wall clock: milliseconds since 1970-01-01T00:00 local.
#ifndef LEADQ_BUSINESS_TIME_H_
#define LEADQ_BUSINESS_TIME_H_

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "leadq/json.h"
#include "leadq/result.h"

namespace leadq {

// The range of instants (and local times) the functions below work in: that of a
// JavaScript Date, about 275,000 years either side of 1970. Values beyond it are taken
// as its edge, which keeps every sum far from overflowing.
inline constexpr int64_t kMaxInstantMs = 8640000000000000;

// A time zone as a POSIX TZ rule: a standard offset and, optionally, a daylight saving
// offset with the two yearly changes between them.
struct TimeZoneRule {
  // When in the year a change happens, in one of POSIX's three forms.
  struct Change {
    enum class Form {
      kMonthWeekDay,  // "Mm.w.d": day d (0 Sunday) of week w (5: the last) of month m
      kJulian,        // "Jn": day n of 1..365, never counting February 29
      kDayOfYear,     // "n": day n of 0..365, counting February 29
    };
    Form form = Form::kMonthWeekDay;
    int month = 0;    // kMonthWeekDay: 1..12
    int week = 0;     // kMonthWeekDay: 1..5
    int weekday = 0;  // kMonthWeekDay: 0 (Sunday)..6
    int day = 0;      // kJulian: 1..365; kDayOfYear: 0..365
    // The wall-clock time of the change, in the offset in force before it: seconds after
    // local midnight, -167 to 167 hours (RFC 8536 widens POSIX's 0..24 this way).
    int32_t time_seconds = 2 * 3600;
  };

  std::string std_name;  // "CET", or "+0530" for "<+0530>" (the brackets dropped)
  // Seconds east of UTC: +3600 for CET. POSIX writes the opposite sign ("CET-1").
  int32_t std_offset_seconds = 0;
  bool has_dst = false;  // false: a fixed offset all year
  std::string dst_name;
  int32_t dst_offset_seconds = 0;  // east of UTC; POSIX's default is std + 1 hour
  Change dst_start;                // to daylight saving time (in standard time)
  Change dst_end;                  // back to standard time (in daylight saving time)
};

// Parses a POSIX TZ rule as found at the end of TZif files: "UTC0", "<+0530>-5:30",
// "EST5EDT,M3.2.0,M11.1.0", "AEST-10AEDT,M10.1.0,M4.1.0/3" (daylight saving time across
// the new year: southern hemisphere), "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1". All three forms
// of change dates are read. A rule naming a daylight saving zone without saying when it
// changes ("EST5EDT") is refused: POSIX leaves those dates to the implementation, and a
// deadline must not depend on one. On failure returns nullopt and sets `*error` (when not
// null) to a reason phrased after a subject: "is not a time zone rule: ...".
std::optional<TimeZoneRule> ParseTimeZoneRule(std::string_view posix, std::string* error);

// The offset of local time from UTC at `utc_ms`, in seconds east of UTC (+7200 in
// Amsterdam in summer). A change takes effect at its exact instant: one millisecond before
// it the old offset holds.
int64_t UtcOffsetSeconds(const TimeZoneRule& zone, int64_t utc_ms);

// The instant at which the zone's wall clock shows `local_ms`. Around a change a wall time
// may not exist or may occur twice; both are resolved with the offset in force before the
// change, as JavaScript's Temporal does by default ("compatible"):
//  - a time skipped when clocks move forward (02:30 on the last Sunday of March in
//    Amsterdam) moves forward by the gap: 02:30 is read as CET, the instant that the clock
//    shows as 03:30 CEST;
//  - a time that occurs twice when clocks move back (02:30 on the last Sunday of October)
//    is the earlier of the two instants (02:30 CEST).
int64_t LocalToUtcMs(const TimeZoneRule& zone, int64_t local_ms);

// When and in which time zone a sales team works.
struct BusinessCalendar {
  TimeZoneRule zone;
  std::array<bool, 7> working_days{};  // Monday..Sunday
  // Working hours on every working day, minutes after local midnight: 0 <= open_minute <
  // close_minute <= 1440. Hours across midnight are not expressible.
  int open_minute = 9 * 60;
  int close_minute = 17 * 60;
  // Days off: local civil dates as days since 1970-01-01, sorted, without repeats.
  std::vector<int32_t> holidays;
};

// AddBusinessTime's answer when the deadline is out of reach: the calendar has no working
// time at all, or not enough of it in kMaxBusinessScanDays.
inline constexpr int64_t kNoBusinessDeadline = std::numeric_limits<int64_t>::max();

// How far past its start AddBusinessTime looks (100 years of calendar). A team working 40
// hours a week reaches the flow format's longest SLA (ten years of minutes) in 42 years.
inline constexpr int64_t kMaxBusinessScanDays = 36525;

// The instant at which `minutes` of working time have passed since `start_utc_ms`. Working
// time is real elapsed time at instants whose wall time lies within the working hours of a
// working day that is not a holiday: the hour skipped when clocks move forward is not
// worked, the hour repeated when they move back is worked twice. When `start_utc_ms` lies
// outside working time the clock starts at the next opening, so 0 minutes gives the next
// opening (or the start itself within working hours), and a deadline reached exactly at
// closing time is that closing time. Negative minutes count as 0.
//
// Bounded whatever the calendar: whole weeks between clock changes are counted by
// arithmetic (less their holidays), and the scan stops kMaxBusinessScanDays after the
// start's local date, returning kNoBusinessDeadline. An invalid calendar (no working day,
// or hours not within 0 <= open < close <= 1440) also gives kNoBusinessDeadline.
int64_t AddBusinessTime(const BusinessCalendar& calendar, int64_t start_utc_ms, int64_t minutes);

// The working time an SLA's minutes count in, as Decide sees it: an interface, so that
// an engine that only ever counts calendar time (the widget's runtime module, whose entry
// point never makes one) links no business-time code at all.
class WorkingTime {
 public:
  virtual ~WorkingTime() = default;
  // As AddBusinessTime on the calendar it stands for.
  virtual int64_t AddMinutes(int64_t start_utc_ms, int64_t minutes) const = 0;
};

// `calendar` as the WorkingTime Decide counts in.
std::shared_ptr<const WorkingTime> MakeWorkingTime(BusinessCalendar calendar);

// At most this many holidays in a calendar document.
inline constexpr size_t kMaxHolidays = 1000;

// Decodes a calendar document:
//   {"time_zone_rule": "CET-1CEST,M3.5.0,M10.5.0/3",
//    "days": ["mon", "tue", "wed", "thu", "fri"],
//    "hours": ["09:00", "17:30"],
//    "holidays": ["2026-12-25", "2026-12-26"]}
// "time_zone_rule", "days" and "hours" are required, "holidays" is optional. Days are
// "mon".."sun", each at most once, at least one. Hours are "HH:MM", the opening from 00:00
// to 23:59 and the closing after it, up to 24:00. Holidays are real dates "YYYY-MM-DD" of
// the years 1970 to 9999, each at most once, at most kMaxHolidays, in any order (they are
// sorted). Never throws. Every member is checked; on failure the status is
// kInvalidArgument with the first problem found (an unknown member, then the members in
// the order above): its message, and its JSON pointer with `path` (the calendar's place in
// a larger document) put before it.
Result<BusinessCalendar> DecodeBusinessCalendar(const JsonValue& json,
                                                const std::string& path = "");

}  // namespace leadq

#endif  // LEADQ_BUSINESS_TIME_H_
