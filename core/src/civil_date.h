// Civil (proleptic Gregorian) dates as days since 1970-01-01, by Howard Hinnant's
// algorithms (http://howardhinnant.github.io/date_algorithms.html): exact for every day an
// int64 can count, with no table and no C library, so the core stays pure and answers the
// same natively and in WebAssembly.
#ifndef LEADQ_CORE_CIVIL_DATE_H_
#define LEADQ_CORE_CIVIL_DATE_H_

#include <cstdint>

namespace leadq {

inline constexpr int64_t kMsPerMinute = 60 * 1000;
inline constexpr int64_t kMsPerDay = 24 * 60 * kMsPerMinute;

struct CivilDate {
  int64_t year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

// Division and remainder rounding towards minus infinity, as calendars need for days and
// instants before 1970.
inline constexpr int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}
inline constexpr int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

// Days since 1970-01-01 of year/month/day; month 1..12, day 1..31 (not checked).
inline constexpr int64_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  // 400-year eras: the Gregorian calendar repeats after 146097 days.
  const int64_t era = FloorDiv(year, 400);
  const int64_t year_of_era = year - era * 400;  // [0, 399]
  const int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;  // 719468: days from 0000-03-01 to 1970-01-01
}

inline constexpr CivilDate CivilFromDays(int64_t days) {
  days += 719468;
  const int64_t era = FloorDiv(days, 146097);
  const int64_t day_of_era = days - era * 146097;  // [0, 146096]
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t shifted_month = (5 * day_of_year + 2) / 153;  // 0 is March
  CivilDate date;
  date.day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  date.month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  date.year = year_of_era + era * 400 + (date.month <= 2 ? 1 : 0);
  return date;
}

inline constexpr bool IsLeapYear(int64_t year) {
  return FloorMod(year, 4) == 0 && (FloorMod(year, 100) != 0 || FloorMod(year, 400) == 0);
}

inline constexpr int DaysInMonth(int64_t year, int month) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// 0 for Sunday .. 6 for Saturday (POSIX's numbering); 1970-01-01 was a Thursday.
inline constexpr int WeekdayFromSunday(int64_t days) {
  return static_cast<int>(FloorMod(days + 4, 7));
}

// 0 for Monday .. 6 for Sunday (the calendar's numbering).
inline constexpr int WeekdayFromMonday(int64_t days) {
  return static_cast<int>(FloorMod(days + 3, 7));
}

}  // namespace leadq

#endif  // LEADQ_CORE_CIVIL_DATE_H_
