// Business time: civil dates, POSIX TZ rules, offsets around clock changes, deadlines in
// working time, and the calendar decoder. Expected instants were worked out by hand from
// the rules (and checked against the IANA database): each case says the local time too.
#include "leadq/business_time.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "civil_date.h"

namespace leadq {
namespace {

// Footers of the TZif files of these zones (tzdata 2025b).
constexpr const char* kAmsterdam = "CET-1CEST,M3.5.0,M10.5.0/3";
constexpr const char* kNewYork = "EST5EDT,M3.2.0,M11.1.0";
constexpr const char* kSydney = "AEST-10AEDT,M10.1.0,M4.1.0/3";
constexpr const char* kKolkata = "<+0530>-5:30";
constexpr const char* kDublin = "IST-1GMT0,M10.5.0,M3.5.0/1";  // winter is its "DST"
constexpr const char* kSantiago = "<-04>4<-03>,M9.1.6/24,M4.1.6/24";
constexpr const char* kNuuk = "<-02>2<-01>,M3.5.0/-1,M10.5.0/0";
constexpr const char* kJerusalem = "IST-2IDT,M3.4.4/26,M10.5.0";
constexpr const char* kLordHowe = "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0";  // 30-minute DST

// "YYYY-MM-DDTHH:MM[:SS]" in UTC as milliseconds since 1970.
int64_t Utc(const std::string& text) {
  const auto number = [&](size_t at, size_t length) { return std::stoll(text.substr(at, length)); };
  const int64_t days =
      DaysFromCivil(number(0, 4), static_cast<int>(number(5, 2)), static_cast<int>(number(8, 2)));
  const int64_t seconds =
      number(11, 2) * 3600 + number(14, 2) * 60 + (text.size() > 16 ? number(17, 2) : 0);
  return days * kMsPerDay + seconds * 1000;
}

// `value` with leading zeros to `width` digits.
std::string Padded(int64_t value, size_t width) {
  std::string digits = std::to_string(value);
  return std::string(digits.size() < width ? width - digits.size() : 0, '0') + digits;
}

// Days since 1970 as "YYYY-MM-DD".
std::string DateOf(int64_t days) {
  const CivilDate date = CivilFromDays(days);
  return Padded(date.year, 4) + "-" + Padded(date.month, 2) + "-" + Padded(date.day, 2);
}

// The inverse of Utc, for failure messages.
std::string Format(int64_t ms) {
  if (ms == kNoBusinessDeadline) return "no deadline";
  const int64_t seconds = FloorMod(ms, kMsPerDay) / 1000;
  return DateOf(FloorDiv(ms, kMsPerDay)) + "T" + Padded(seconds / 3600, 2) + ":" +
         Padded(seconds / 60 % 60, 2) + ":" + Padded(seconds % 60, 2) + "Z";
}

TimeZoneRule Rule(const char* posix) {
  std::string error;
  std::optional<TimeZoneRule> rule = ParseTimeZoneRule(posix, &error);
  EXPECT_TRUE(rule.has_value()) << posix << " " << error;
  return rule.value_or(TimeZoneRule{});
}

// A calendar from its JSON document, which must decode.
BusinessCalendar Calendar(const std::string& text) {
  JsonValue json;
  std::string error;
  EXPECT_TRUE(ParseJson(text, &json, &error)) << error;
  Result<BusinessCalendar> calendar = DecodeBusinessCalendar(json);
  EXPECT_TRUE(calendar.ok()) << text << ": " << calendar.status().path() << " "
                             << calendar.status().message();
  return calendar.ok() ? calendar.value() : BusinessCalendar{};
}

// Monday to Friday, 09:00 to 17:30, in `rule`, with these holidays.
std::string Weekdays(const char* rule, const std::string& holidays = "") {
  return std::string(R"({"time_zone_rule": ")") + rule +
         R"(", "days": ["mon", "tue", "wed", "thu", "fri"], "hours": ["09:00", "17:30"],)" +
         R"( "holidays": [)" + holidays + "]}";
}

// Every day, within these hours, in Amsterdam.
std::string EveryDay(const char* open, const char* close) {
  return std::string(R"({"time_zone_rule": ")") + kAmsterdam +
         R"(", "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "hours": [")" + open +
         R"(", ")" + close + R"("]})";
}

// ----- Civil dates -----

TEST(BusinessTimeCivilDateTest, KnownDays) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(2000, 2, 29), 11016);
  EXPECT_EQ(DaysFromCivil(2026, 1, 1), 20454);
  EXPECT_EQ(DaysFromCivil(1600, 3, 1), -135080);
  EXPECT_EQ(WeekdayFromMonday(DaysFromCivil(2026, 1, 10)), 5);  // a Saturday
  EXPECT_EQ(WeekdayFromSunday(DaysFromCivil(2026, 3, 29)), 0);  // a Sunday
  EXPECT_EQ(WeekdayFromMonday(-1), 2);                          // 1969-12-31, a Wednesday
}

TEST(BusinessTimeCivilDateTest, RoundTripsEveryDayOfFiveCenturies) {
  int64_t day = DaysFromCivil(1800, 1, 1);
  for (int64_t year = 1800; year < 2300; ++year) {
    for (int month = 1; month <= 12; ++month) {
      for (int d = 1; d <= DaysInMonth(year, month); ++d, ++day) {
        ASSERT_EQ(DaysFromCivil(year, month, d), day) << year << "-" << month << "-" << d;
        const CivilDate date = CivilFromDays(day);
        ASSERT_EQ(date.year * 10000 + date.month * 100 + date.day, year * 10000 + month * 100 + d);
      }
    }
  }
}

// ----- Parsing rules -----

// A rule as one line: offsets east of UTC in seconds, changes as M/J/n with their time.
std::string Describe(const TimeZoneRule& rule) {
  const auto change = [](const TimeZoneRule::Change& c) {
    std::string date;
    switch (c.form) {
      case TimeZoneRule::Change::Form::kMonthWeekDay:
        date = "M" + std::to_string(c.month) + "." + std::to_string(c.week) + "." +
               std::to_string(c.weekday);
        break;
      case TimeZoneRule::Change::Form::kJulian:
        date = "J" + std::to_string(c.day);
        break;
      case TimeZoneRule::Change::Form::kDayOfYear:
        date = std::to_string(c.day);
        break;
    }
    return date + "/" + std::to_string(c.time_seconds);
  };
  std::string text = rule.std_name + " " + std::to_string(rule.std_offset_seconds);
  if (rule.has_dst) {
    text += " " + rule.dst_name + " " + std::to_string(rule.dst_offset_seconds) + " " +
            change(rule.dst_start) + " " + change(rule.dst_end);
  }
  return text;
}

struct RuleCase {
  const char* posix;
  const char* described;
};

const RuleCase kRules[] = {
    {"UTC0", "UTC 0"},
    {kAmsterdam, "CET 3600 CEST 7200 M3.5.0/7200 M10.5.0/10800"},
    {kNewYork, "EST -18000 EDT -14400 M3.2.0/7200 M11.1.0/7200"},
    {kSydney, "AEST 36000 AEDT 39600 M10.1.0/7200 M4.1.0/10800"},
    {kKolkata, "+0530 19800"},
    {"<-03>3", "-03 -10800"},
    {"<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45",
     "+1245 45900 +1345 49500 M9.5.0/9900 M4.1.0/13500"},
    {kDublin, "IST 3600 GMT 0 M10.5.0/7200 M3.5.0/3600"},
    {kSantiago, "-04 -14400 -03 -10800 M9.1.6/86400 M4.1.6/86400"},
    {kNuuk, "-02 -7200 -01 -3600 M3.5.0/-3600 M10.5.0/0"},
    {kJerusalem, "IST 7200 IDT 10800 M3.4.4/93600 M10.5.0/7200"},
    {kLordHowe, "+1030 37800 +11 39600 M10.1.0/7200 M4.1.0/7200"},
    {"EST5EDT,0/0,J365/25", "EST -18000 EDT -14400 0/0 J365/90000"},
    {"XXX+3:00:30YYY,J60/1:02:03,300/-167", "XXX -10830 YYY -7230 J60/3723 300/-601200"},
};

class BusinessTimeRuleTest : public ::testing::TestWithParam<RuleCase> {};

TEST_P(BusinessTimeRuleTest, Parses) {
  EXPECT_EQ(Describe(Rule(GetParam().posix)), GetParam().described);
}

INSTANTIATE_TEST_SUITE_P(BusinessTimeRules, BusinessTimeRuleTest, ::testing::ValuesIn(kRules),
                         [](const auto& info) { return "rule_" + std::to_string(info.index); });

struct BadRuleCase {
  const char* name;
  const char* posix;
  const char* error;
};

const BadRuleCase kBadRules[] = {
    {"empty", "",
     "is not a time zone rule: expected a zone name of 3 or more letters, or one in <...> at "
     "its end"},
    {"iana_name", "Europe/Amsterdam",
     "is not a time zone rule: expected a UTC offset such as \"-1\" or \"5\" at "
     "\"/Amsterdam\""},
    {"short_name", "CE-1",
     "is not a time zone rule: expected a zone name of 3 or more letters, or one in <...> at "
     "\"CE-1\""},
    {"unclosed_bracket", "<+0530-5:30",
     "is not a time zone rule: expected a zone name of 3 or more letters, or one in <...> at "
     "\"<+0530-5:30\""},
    {"no_offset", "CET",
     "is not a time zone rule: expected a UTC offset such as \"-1\" or \"5\" at its end"},
    {"offset_too_large", "CET-25",
     "is not a time zone rule: expected hours from 0 to 24 at \"-25\""},
    {"minutes_too_large", "CET-1:60",
     "is not a time zone rule: expected minutes or seconds from 00 to 59 at \"60\""},
    {"dst_without_dates", "EST5EDT",
     "is not a time zone rule: expected the dates of the daylight saving time changes "
     "(\",M3.5.0,M10.5.0/3\") at its end"},
    {"one_date_only", "CET-1CEST,M3.5.0",
     "is not a time zone rule: expected a ',' before the end of daylight saving time at its "
     "end"},
    {"month_13", "CET-1CEST,M13.5.0,M10.5.0/3",
     "is not a time zone rule: expected a month from M1 to M12 at \"M13.5.0,M10.5.0/...\""},
    {"week_6", "CET-1CEST,M3.6.0,M10.5.0/3",
     "is not a time zone rule: expected a week from 1 to 5 (5: the last) at \"6.0,M10.5.0/3\""},
    {"weekday_7", "CET-1CEST,M3.5.7,M10.5.0/3",
     "is not a time zone rule: expected a weekday from 0 (Sunday) to 6 at \"7,M10.5.0/3\""},
    {"julian_0", "CET-1CEST,J0,M10.5.0/3",
     "is not a time zone rule: expected a day from J1 to J365 at \"J0,M10.5.0/3\""},
    {"day_366", "CET-1CEST,366,M10.5.0/3",
     "is not a time zone rule: expected a change date such as M3.5.0, J60 or 59 (a day from 0 "
     "to 365) at \"366,M10.5.0/3\""},
    {"change_time_168", "CET-1CEST,M3.5.0/168,M10.5.0/3",
     "is not a time zone rule: expected hours from 0 to 167 at \"168,M10.5.0/3\""},
    {"trailing_text", "CET-1CEST,M3.5.0,M10.5.0/3,M1.1.0",
     "is not a time zone rule: expected the end of the rule at \",M1.1.0\""},
    {"too_long",
     "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
     "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA0",
     "is not a time zone rule: it is longer than 128 characters"},
};

class BusinessTimeBadRuleTest : public ::testing::TestWithParam<BadRuleCase> {};

TEST_P(BusinessTimeBadRuleTest, IsRefused) {
  std::string error;
  EXPECT_FALSE(ParseTimeZoneRule(GetParam().posix, &error).has_value());
  EXPECT_EQ(error, GetParam().error);
  EXPECT_FALSE(ParseTimeZoneRule(GetParam().posix, nullptr).has_value());
}

INSTANTIATE_TEST_SUITE_P(BusinessTimeBadRules, BusinessTimeBadRuleTest,
                         ::testing::ValuesIn(kBadRules),
                         [](const auto& info) { return std::string(info.param.name); });

// ----- Offsets at the changes -----

struct OffsetCase {
  const char* name;
  const char* rule;
  const char* utc;
  int64_t delta_ms;  // added to `utc`
  int64_t offset_seconds;
};

const OffsetCase kOffsets[] = {
    // Amsterdam: 2026-03-29 02:00 CET = 01:00 UTC clocks go to 03:00 CEST.
    {"amsterdam_spring_second_before", kAmsterdam, "2026-03-29T01:00", -1000, 3600},
    {"amsterdam_spring_at", kAmsterdam, "2026-03-29T01:00", 0, 7200},
    {"amsterdam_spring_second_after", kAmsterdam, "2026-03-29T01:00", 1000, 7200},
    // 2026-10-25 03:00 CEST = 01:00 UTC clocks go back to 02:00 CET.
    {"amsterdam_autumn_second_before", kAmsterdam, "2026-10-25T01:00", -1000, 7200},
    {"amsterdam_autumn_at", kAmsterdam, "2026-10-25T01:00", 0, 3600},
    {"amsterdam_autumn_second_after", kAmsterdam, "2026-10-25T01:00", 1000, 3600},
    {"amsterdam_winter", kAmsterdam, "2026-01-01T00:00", 0, 3600},
    {"amsterdam_summer", kAmsterdam, "2026-07-01T00:00", 0, 7200},
    // New York: 2026-03-08 02:00 EST = 07:00 UTC to EDT; 2026-11-01 02:00 EDT = 06:00 UTC back.
    {"new_york_spring_second_before", kNewYork, "2026-03-08T07:00", -1000, -18000},
    {"new_york_spring_at", kNewYork, "2026-03-08T07:00", 0, -14400},
    {"new_york_autumn_second_before", kNewYork, "2026-11-01T06:00", -1000, -14400},
    {"new_york_autumn_at", kNewYork, "2026-11-01T06:00", 0, -18000},
    // Sydney: 2026-04-05 03:00 AEDT = 04-04 16:00 UTC back to AEST; 2026-10-04 02:00 AEST
    // = 10-03 16:00 UTC to AEDT. Summer spans the new year.
    {"sydney_autumn_second_before", kSydney, "2026-04-04T16:00", -1000, 39600},
    {"sydney_autumn_at", kSydney, "2026-04-04T16:00", 0, 36000},
    {"sydney_spring_second_before", kSydney, "2026-10-03T16:00", -1000, 36000},
    {"sydney_spring_at", kSydney, "2026-10-03T16:00", 0, 39600},
    {"sydney_new_year_utc", kSydney, "2025-12-31T23:59", 0, 39600},
    {"sydney_winter", kSydney, "2026-07-01T00:00", 0, 36000},
    // Dublin's winter time is its rule's DST: GMT from 2026-10-25 02:00 IST = 01:00 UTC,
    // IST again from 2026-03-29 01:00 GMT.
    {"dublin_winter_starts", kDublin, "2026-10-25T01:00", 0, 0},
    {"dublin_winter_second_before", kDublin, "2026-10-25T01:00", -1000, 3600},
    {"dublin_summer_starts", kDublin, "2026-03-29T01:00", 0, 3600},
    // Santiago: 24:00 of the first Saturday of September (2026-09-05) -04 = 09-06 04:00 UTC.
    {"santiago_spring_at", kSantiago, "2026-09-06T04:00", 0, -10800},
    {"santiago_spring_second_before", kSantiago, "2026-09-06T04:00", -1000, -14400},
    // Nuuk: -1:00 on the last Sunday of March (2026-03-29) in -02 = 03-28 23:00 -02 = 03-29
    // 01:00 UTC, the same instant as Europe.
    {"nuuk_spring_at", kNuuk, "2026-03-29T01:00", 0, -3600},
    {"nuuk_spring_second_before", kNuuk, "2026-03-29T01:00", -1000, -7200},
    // Jerusalem: 26:00 of the Thursday before the last Sunday of March: the 4th Thursday
    // (2026-03-26) at 26:00 IST = 03-27 02:00 IST = 03-27 00:00 UTC.
    {"jerusalem_spring_at", kJerusalem, "2026-03-27T00:00", 0, 10800},
    {"jerusalem_spring_second_before", kJerusalem, "2026-03-27T00:00", -1000, 7200},
    {"kolkata", kKolkata, "2026-03-29T01:00", 0, 19800},
    {"utc", "UTC0", "2026-03-29T01:00", 0, 0},
    // All-year daylight saving time: each year's period ends where the next one starts.
    {"all_year_dst_new_year", "EST5EDT,0/0,J365/25", "2026-01-01T05:00", 0, -14400},
    {"all_year_dst_summer", "EST5EDT,0/0,J365/25", "2026-07-01T00:00", 0, -14400},
};

class BusinessTimeOffsetTest : public ::testing::TestWithParam<OffsetCase> {};

TEST_P(BusinessTimeOffsetTest, AtInstant) {
  EXPECT_EQ(UtcOffsetSeconds(Rule(GetParam().rule), Utc(GetParam().utc) + GetParam().delta_ms),
            GetParam().offset_seconds);
}

INSTANTIATE_TEST_SUITE_P(BusinessTimeOffsets, BusinessTimeOffsetTest, ::testing::ValuesIn(kOffsets),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(BusinessTimeOffsetEdgesTest, InstantsFarAwayStayDefined) {
  const TimeZoneRule amsterdam = Rule(kAmsterdam);
  for (int64_t ms : {INT64_MIN, -kMaxInstantMs, int64_t{0}, kMaxInstantMs, INT64_MAX}) {
    const int64_t offset = UtcOffsetSeconds(amsterdam, ms);
    EXPECT_TRUE(offset == 3600 || offset == 7200) << ms;
    const int64_t utc = LocalToUtcMs(amsterdam, ms);
    EXPECT_LE(utc, kMaxInstantMs);
    EXPECT_GE(utc, -kMaxInstantMs - 7200000);
  }
}

// ----- Local time to UTC -----

struct LocalCase {
  const char* name;
  const char* rule;
  const char* local;  // read as a wall-clock time
  const char* utc;
};

const LocalCase kLocals[] = {
    {"amsterdam_winter", kAmsterdam, "2026-01-10T03:00", "2026-01-10T02:00"},
    {"amsterdam_summer", kAmsterdam, "2026-07-01T12:00", "2026-07-01T10:00"},
    {"amsterdam_before_gap", kAmsterdam, "2026-03-29T01:59", "2026-03-29T00:59"},
    // 02:30 does not exist: read as CET, it is the instant shown as 03:30 CEST.
    {"amsterdam_in_gap", kAmsterdam, "2026-03-29T02:30", "2026-03-29T01:30"},
    {"amsterdam_after_gap", kAmsterdam, "2026-03-29T03:00", "2026-03-29T01:00"},
    // 02:30 happens twice (CEST, then CET): the earlier.
    {"amsterdam_twice", kAmsterdam, "2026-10-25T02:30", "2026-10-25T00:30"},
    {"amsterdam_after_twice", kAmsterdam, "2026-10-25T03:00", "2026-10-25T02:00"},
    {"new_york_in_gap", kNewYork, "2026-03-08T02:30", "2026-03-08T07:30"},  // 03:30 EDT
    {"new_york_twice", kNewYork, "2026-11-01T01:30", "2026-11-01T05:30"},   // EDT
    {"sydney_twice", kSydney, "2026-04-05T02:30", "2026-04-04T15:30"},      // AEDT
    {"sydney_in_gap", kSydney, "2026-10-04T02:30", "2026-10-03T16:30"},     // 03:30 AEDT
    {"kolkata", kKolkata, "2026-01-01T00:00", "2025-12-31T18:30"},
};

class BusinessTimeLocalTest : public ::testing::TestWithParam<LocalCase> {};

TEST_P(BusinessTimeLocalTest, ToUtc) {
  EXPECT_EQ(Format(LocalToUtcMs(Rule(GetParam().rule), Utc(GetParam().local))),
            Format(Utc(GetParam().utc)));
}

INSTANTIATE_TEST_SUITE_P(BusinessTimeLocals, BusinessTimeLocalTest, ::testing::ValuesIn(kLocals),
                         [](const auto& info) { return std::string(info.param.name); });

// ----- Deadlines -----

struct DeadlineCase {
  const char* name;
  std::string calendar;  // JSON
  const char* start;     // UTC
  int64_t minutes;
  const char* deadline;  // UTC
};

const DeadlineCase kDeadlines[] = {
    // Amsterdam in winter is UTC+1; 2026-01-10 is a Saturday.
    {"saturday_night_waits_for_monday", Weekdays(kAmsterdam), "2026-01-10T02:00",   // Sat 03:00
     5, "2026-01-12T08:05"},                                                        // Mon 09:05
    {"friday_before_close_carries_over", Weekdays(kAmsterdam), "2026-01-09T16:25",  // Fri 17:25
     10, "2026-01-12T08:05"},  // 5 minutes on Friday, 5 on Monday: Mon 09:05
    {"friday_after_close", Weekdays(kAmsterdam), "2026-01-09T17:00",             // Fri 18:00
     5, "2026-01-12T08:05"},                                                     // Mon 09:05
    {"reaching_closing_time_exactly", Weekdays(kAmsterdam), "2026-01-09T16:25",  // Fri 17:25
     5, "2026-01-09T16:30"},                                                     // Fri 17:30
    {"starting_at_closing_time", Weekdays(kAmsterdam), "2026-01-09T16:30",       // Fri 17:30
     5, "2026-01-12T08:05"},                                                     // Mon 09:05
    {"before_opening", Weekdays(kAmsterdam), "2026-01-12T06:00",                 // Mon 07:00
     5, "2026-01-12T08:05"},                                                     // Mon 09:05
    {"zero_minutes_within_hours", Weekdays(kAmsterdam), "2026-01-12T09:00", 0, "2026-01-12T09:00"},
    {"zero_minutes_outside_hours", Weekdays(kAmsterdam), "2026-01-10T02:00",  // Sat 03:00
     0, "2026-01-12T08:00"},                                                  // Mon 09:00
    {"negative_minutes_are_zero", Weekdays(kAmsterdam), "2026-01-12T09:00", -30,
     "2026-01-12T09:00"},
    {"within_hours_same_day", Weekdays(kAmsterdam), "2026-01-12T09:00",  // Mon 10:00
     5, "2026-01-12T09:05"},
    // 1200 minutes from Mon 10:00: 450 on Monday, 510 on Tuesday, 240 on Wednesday.
    {"several_days", Weekdays(kAmsterdam), "2026-01-12T09:00", 1200,
     "2026-01-14T12:00"},  // Wed 13:00
    // 8.5 hours a day, 5 days: 2550 minutes a week. Mon 09:00 + 2 weeks and 1 minute.
    {"whole_weeks", Weekdays(kAmsterdam), "2026-01-12T08:00", 2 * 2550 + 1,
     "2026-01-26T08:01"},  // Mon 09:01
    // Spring forward on Sunday 2026-03-29: Friday is CET (+1), Monday CEST (+2). 30 minutes
    // on Friday, 30 on Monday.
    {"spring_forward_weekend", Weekdays(kAmsterdam), "2026-03-27T16:00",    // Fri 17:00 CET
     60, "2026-03-30T07:30"},                                               // Mon 09:30 CEST
    {"sunday_of_spring_forward", Weekdays(kAmsterdam), "2026-03-29T01:30",  // Sun 03:30 CEST
     5, "2026-03-30T07:05"},                                                // Mon 09:05 CEST
    // Fall back on Sunday 2026-10-25: Friday CEST, Monday CET.
    {"fall_back_weekend", Weekdays(kAmsterdam), "2026-10-23T15:00",    // Fri 17:00 CEST
     60, "2026-10-26T08:30"},                                          // Mon 09:30 CET
    {"sunday_of_fall_back", Weekdays(kAmsterdam), "2026-10-25T01:30",  // Sun 02:30 CET
     5, "2026-10-26T08:05"},                                           // Mon 09:05 CET
    // New York: spring forward on Sunday 2026-03-08, fall back on Sunday 2026-11-01.
    {"new_york_spring_forward", Weekdays(kNewYork), "2026-03-06T22:00",  // Fri 17:00 EST
     60, "2026-03-09T13:30"},                                            // Mon 09:30 EDT
    {"new_york_sunday_of_spring_forward", Weekdays(kNewYork),
     "2026-03-08T07:30",                                                      // Sun 03:30 EDT
     5, "2026-03-09T13:05"},                                                  // Mon 09:05 EDT
    {"new_york_fall_back", Weekdays(kNewYork), "2026-10-30T21:00",            // Fri 17:00 EDT
     60, "2026-11-02T14:30"},                                                 // Mon 09:30 EST
    {"new_york_sunday_of_fall_back", Weekdays(kNewYork), "2026-11-01T06:30",  // Sun 01:30 EST
     5, "2026-11-02T14:05"},                                                  // Mon 09:05 EST
    // Holidays: Easter Monday 2026-04-06 (CEST), Christmas on Friday and Saturday.
    {"across_easter_monday", Weekdays(kAmsterdam, R"("2026-04-06")"),
     "2026-04-03T15:00",       // Fri 17:00 CEST
     60, "2026-04-07T07:30"},  // Tue 09:30 CEST
    {"across_christmas", Weekdays(kAmsterdam, R"("2026-12-25", "2026-12-26")"),
     "2026-12-24T16:00",       // Thu 17:00 CET
     60, "2026-12-28T08:30"},  // Mon 09:30 CET
    {"starting_on_a_holiday", Weekdays(kAmsterdam, R"("2026-12-25", "2026-12-26")"),
     "2026-12-25T09:00",      // Fri 10:00 CET, Christmas
     5, "2026-12-28T08:05"},  // Mon 09:05 CET
    // A holiday in the middle of weeks that are skipped whole: 3 weeks of 2550 minutes
    // from Mon 2026-01-12 09:00 with Wednesday 2026-01-21 off end a day later.
    {"holiday_among_whole_weeks", Weekdays(kAmsterdam, R"("2026-01-21")"), "2026-01-12T08:00",
     3 * 2550, "2026-02-02T16:30"},  // the 15 working days end on Mon 2026-02-02 at 17:30 CET
    // Sydney: summer (AEDT, +11) spans the new year; 2026-04-05 back to AEST (+10),
    // 2026-10-04 forward to AEDT.
    {"sydney_summer_weekend", Weekdays(kSydney), "2026-01-09T23:00",  // Sat 10:00 AEDT
     5, "2026-01-11T22:05"},                                          // Mon 09:05 AEDT
    {"sydney_dst_ends", Weekdays(kSydney), "2026-04-03T06:00",        // Fri 17:00 AEDT
     60, "2026-04-05T23:30"},                                         // Mon 09:30 AEST
    {"sydney_dst_starts", Weekdays(kSydney), "2026-10-02T07:00",      // Fri 17:00 AEST
     60, "2026-10-04T22:30"},                                         // Mon 09:30 AEDT
    {"sydney_new_year", Weekdays(kSydney, R"("2026-01-01")"),
     "2025-12-31T06:00",       // Wed 17:00 AEDT
     60, "2026-01-01T22:30"},  // Fri 2026-01-02 09:30 AEDT
    // Kolkata, a fixed +05:30, Monday to Saturday 10:00 to 19:00.
    {"fixed_offset",
     R"({"time_zone_rule": "<+0530>-5:30", "days": ["mon", "tue", "wed", "thu", "fri", "sat"],
         "hours": ["10:00", "19:00"]})",
     "2026-01-11T06:30",       // Sun 12:00 IST
     30, "2026-01-12T05:00"},  // Mon 10:30 IST
    // Clock changes inside working hours count real time. Open all day every day: the day
    // of spring forward has 23 hours, the day of fall back 25.
    {"spring_forward_day_has_23_hours", EveryDay("00:00", "24:00"),
     "2026-03-28T23:00",            // Sun 00:00 CET
     24 * 60, "2026-03-29T23:00"},  // Mon 01:00 CEST
    {"fall_back_day_has_25_hours", EveryDay("00:00", "24:00"),
     "2026-10-24T22:00",            // Sun 00:00 CEST
     24 * 60, "2026-10-25T22:00"},  // Sun 23:00 CET
    // Opening at 02:30 on the night the clocks skip from 02:00 to 03:00: work starts when
    // the clock shows a time past the opening, at 03:00 CEST.
    {"opening_in_the_skipped_hour", EveryDay("02:30", "05:00"),
     "2026-03-28T23:00",       // Sun 00:00 CET
     10, "2026-03-29T01:10"},  // Sun 03:10 CEST
    // Open 01:00 to 02:30: on the night of fall back 02:00-02:30 is worked twice.
    {"repeated_hour_worked_twice", EveryDay("01:00", "02:30"),
     "2026-10-25T00:00",       // Sun 02:00 CEST: 30 minutes, then 02:00-02:30 CET
     60, "2026-10-25T01:30"},  // Sun 02:30 CET
    {"after_the_repeated_hour", EveryDay("01:00", "02:30"),
     "2026-10-25T01:15",       // Sun 02:15 CET: 15 minutes, the rest on Monday
     20, "2026-10-26T00:05"},  // Mon 01:05 CET
};

class BusinessTimeDeadlineTest : public ::testing::TestWithParam<DeadlineCase> {};

TEST_P(BusinessTimeDeadlineTest, Deadline) {
  const DeadlineCase& c = GetParam();
  EXPECT_EQ(Format(AddBusinessTime(Calendar(c.calendar), Utc(c.start), c.minutes)),
            Format(Utc(c.deadline)));
}

INSTANTIATE_TEST_SUITE_P(BusinessTimeDeadlines, BusinessTimeDeadlineTest,
                         ::testing::ValuesIn(kDeadlines),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(BusinessTimeBoundsTest, TenYearsOfMinutesIsComputedAcrossFortyYears) {
  // 5,256,000 minutes from Mon 2026-01-05 09:00 CET: 10305 working days of 510 minutes
  // (2061 weeks) and 450 minutes more, on Mon 2065-07-06 from 09:00 CEST to 16:30 CEST.
  // The clock changes fall outside working hours, so every week has 2550 minutes.
  const BusinessCalendar calendar = Calendar(Weekdays(kAmsterdam));
  EXPECT_EQ(Format(AddBusinessTime(calendar, Utc("2026-01-05T08:00"), 5256000)),
            Format(Utc("2065-07-06T14:30")));
}

TEST(BusinessTimeBoundsTest, UnreachableDeadlinesSaturate) {
  BusinessCalendar none = Calendar(Weekdays(kAmsterdam));
  none.working_days = {};
  EXPECT_EQ(AddBusinessTime(none, Utc("2026-01-05T08:00"), 5), kNoBusinessDeadline);

  BusinessCalendar closed = Calendar(Weekdays(kAmsterdam));
  closed.close_minute = closed.open_minute;
  EXPECT_EQ(AddBusinessTime(closed, Utc("2026-01-05T08:00"), 5), kNoBusinessDeadline);
  closed.open_minute = -1;
  EXPECT_EQ(AddBusinessTime(closed, Utc("2026-01-05T08:00"), 5), kNoBusinessDeadline);

  // One minute a week: ten years of minutes would take 100,000 years.
  BusinessCalendar thin = Calendar(std::string(R"({"time_zone_rule": ")") + kAmsterdam +
                                   R"(", "days": ["mon"], "hours": ["09:00", "09:01"]})");
  EXPECT_EQ(AddBusinessTime(thin, Utc("2026-01-05T08:00"), 5256000), kNoBusinessDeadline);
  EXPECT_EQ(Format(AddBusinessTime(thin, Utc("2026-01-05T08:00"), 2)),
            Format(Utc("2026-01-12T08:01")));  // the next Monday's 09:00 CET minute

  // Every working day a holiday for as long as the calendar says: the next one after.
  std::string mondays;
  for (int week = 0; week < 1000; ++week) {
    mondays += (week > 0 ? ",\"" : "\"") + DateOf(DaysFromCivil(2026, 1, 5) + 7 * week) + "\"";
  }
  BusinessCalendar off =
      Calendar(std::string(R"({"time_zone_rule": "UTC0", "days": ["mon"],)") +
               R"( "hours": ["09:00", "17:00"], "holidays": [)" + mondays + "]}");
  // 1000 Mondays from 2026-01-05 on: the first Monday to work is 2045-03-06.
  EXPECT_EQ(Format(AddBusinessTime(off, Utc("2026-01-05T08:00"), 5)),
            Format(Utc("2045-03-06T09:05")));

  // Starts at the edges of the instant range.
  const BusinessCalendar calendar = Calendar(Weekdays(kAmsterdam));
  EXPECT_EQ(AddBusinessTime(calendar, INT64_MAX, 5), kNoBusinessDeadline);
  EXPECT_EQ(AddBusinessTime(calendar, kMaxInstantMs + 1, 5), kNoBusinessDeadline);
  EXPECT_LT(AddBusinessTime(calendar, INT64_MIN, 5), -kMaxInstantMs + 8 * kMsPerDay);
  EXPECT_EQ(AddBusinessTime(calendar, 0, INT64_MAX), kNoBusinessDeadline);
}

TEST(BusinessTimeBoundsTest, AHolidayGivenTwiceInAHandBuiltCalendarCountsOnce) {
  // Ten weeks of minutes from Mon 2026-01-12 09:00 CET, Wed 2026-01-21 off: counted by
  // arithmetic over whole weeks, one day's hours less.
  BusinessCalendar calendar = Calendar(Weekdays(kAmsterdam, R"("2026-01-21")"));
  const int64_t once = AddBusinessTime(calendar, Utc("2026-01-12T08:00"), 10 * 2550);
  calendar.holidays.push_back(calendar.holidays.back());
  EXPECT_EQ(Format(AddBusinessTime(calendar, Utc("2026-01-12T08:00"), 10 * 2550)), Format(once));
  EXPECT_EQ(Format(once), "2026-03-23T16:30:00Z");  // Mon 17:30 CET, a day after ten weeks
}

// ----- Deadlines against a quarter-by-quarter count -----

// The deadline found by looking at every quarter of an hour from the start: a quarter is
// working time when the wall time at its first instant is within the hours of a working
// day. Exact when starts, hours, offsets and changes all fall on quarter hours in UTC, as
// in the test below.
int64_t CountQuarters(const BusinessCalendar& calendar, int64_t start, int64_t minutes) {
  constexpr int64_t kQuarter = 15;
  int64_t counted = 0;
  for (int64_t at = start; at < start + 400 * kMsPerDay; at += kQuarter * kMsPerMinute) {
    const int64_t local = at + UtcOffsetSeconds(calendar.zone, at) * 1000;
    const int64_t day = FloorDiv(local, kMsPerDay);
    const int64_t minute = FloorMod(local, kMsPerDay) / kMsPerMinute;
    const bool working = calendar.working_days[WeekdayFromMonday(day)] &&
                         !std::binary_search(calendar.holidays.begin(), calendar.holidays.end(),
                                             static_cast<int32_t>(day)) &&
                         minute >= calendar.open_minute && minute < calendar.close_minute;
    if (!working) continue;
    if (minutes - counted <= kQuarter) return at + (minutes - counted) * kMsPerMinute;
    counted += kQuarter;
  }
  return kNoBusinessDeadline;
}

TEST(BusinessTimePropertyTest, AgreesWithCountingQuarterHours) {
  const char* rules[] = {kAmsterdam,
                         kNewYork,
                         kSydney,
                         kKolkata,
                         "UTC0",
                         kDublin,
                         kSantiago,
                         kNuuk,
                         kJerusalem,
                         kLordHowe,
                         "EST5EDT,0/0,J365/25"};
  // Starts a few days around each of 2026's clock changes of the zones above.
  const char* changes[] = {"2026-03-29T01:00", "2026-10-25T01:00", "2026-03-08T07:00",
                           "2026-11-01T06:00", "2026-04-04T16:00", "2026-10-03T16:00",
                           "2026-09-06T04:00", "2026-04-05T03:00", "2026-03-27T00:00"};
  std::mt19937 random(20260329);
  const auto pick = [&](int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(random);
  };
  for (int round = 0; round < 400; ++round) {
    BusinessCalendar calendar;
    calendar.zone = Rule(rules[pick(0, std::size(rules) - 1)]);
    for (bool& working : calendar.working_days) working = pick(0, 2) > 0;
    calendar.working_days[pick(0, 6)] = true;
    // Hours on a 30-minute grid, often around the 00:00-03:00 of clock changes.
    calendar.open_minute = 30 * pick(0, pick(0, 1) ? 6 : 46);
    calendar.close_minute = calendar.open_minute + 30 * pick(1, (1440 - calendar.open_minute) / 30);
    const int64_t change = Utc(changes[pick(0, std::size(changes) - 1)]);
    const int64_t start = change + (pick(-4 * 1440, 2 * 1440) / 15) * 15 * kMsPerMinute;
    // A few holidays close to the start, some within the weeks counted by arithmetic.
    for (int h = pick(0, 3); h > 0; --h) {
      calendar.holidays.push_back(static_cast<int32_t>(FloorDiv(start, kMsPerDay) + pick(-1, 12)));
    }
    for (int h = pick(0, 1) * pick(0, 20); h > 0; --h) {
      calendar.holidays.push_back(static_cast<int32_t>(FloorDiv(start, kMsPerDay) + pick(0, 200)));
    }
    std::sort(calendar.holidays.begin(), calendar.holidays.end());
    calendar.holidays.erase(std::unique(calendar.holidays.begin(), calendar.holidays.end()),
                            calendar.holidays.end());
    // Up to 25 weeks of working time, so that the count above finds every deadline.
    const int weekly = static_cast<int>(std::count(calendar.working_days.begin(),
                                                   calendar.working_days.end(), true)) *
                       (calendar.close_minute - calendar.open_minute);
    const int size = pick(0, 2);
    const int64_t minutes = size == 0 ? pick(0, 120) : pick(0, (size == 1 ? 6 : 25) * weekly);
    ASSERT_EQ(Format(AddBusinessTime(calendar, start, minutes)),
              Format(CountQuarters(calendar, start, minutes)))
        << "round " << round << ": " << Describe(calendar.zone) << " hours " << calendar.open_minute
        << "-" << calendar.close_minute << " from " << Format(start) << " + " << minutes;
  }
}

// ----- Decoding calendars -----

Result<BusinessCalendar> Decode(const std::string& text, const std::string& path = "") {
  JsonValue json;
  std::string error;
  EXPECT_TRUE(ParseJson(text, &json, &error)) << error << ": " << text;
  return DecodeBusinessCalendar(json, path);
}

TEST(BusinessTimeDecoderTest, DecodesTheDocument) {
  Result<BusinessCalendar> calendar = Decode(
      R"({"time_zone_rule": "CET-1CEST,M3.5.0,M10.5.0/3",
          "days": ["mon", "tue", "wed", "thu", "fri"],
          "hours": ["09:00", "17:30"],
          "holidays": ["2026-12-26", "2026-12-25", "2027-01-01"]})");
  ASSERT_TRUE(calendar.ok()) << calendar.status().message();
  EXPECT_EQ(Describe(calendar.value().zone), "CET 3600 CEST 7200 M3.5.0/7200 M10.5.0/10800");
  EXPECT_EQ(calendar.value().working_days,
            (std::array<bool, 7>{true, true, true, true, true, false, false}));
  EXPECT_EQ(calendar.value().open_minute, 9 * 60);
  EXPECT_EQ(calendar.value().close_minute, 17 * 60 + 30);
  // Sorted: 2026-12-25 is day 20812.
  EXPECT_EQ(calendar.value().holidays, (std::vector<int32_t>{20812, 20813, 20819}));
}

TEST(BusinessTimeDecoderTest, HolidaysAreOptionalAndHoursMayEndAtMidnight) {
  Result<BusinessCalendar> calendar =
      Decode(R"({"time_zone_rule": "UTC0", "days": ["sun"], "hours": ["00:00", "24:00"]})");
  ASSERT_TRUE(calendar.ok()) << calendar.status().message();
  EXPECT_TRUE(calendar.value().holidays.empty());
  EXPECT_TRUE(calendar.value().working_days[6]);
  EXPECT_EQ(calendar.value().open_minute, 0);
  EXPECT_EQ(calendar.value().close_minute, 1440);
}

struct DecoderCase {
  const char* name;
  std::string document;
  const char* path;
  std::string message;
};

// A valid calendar with one member replaced.
std::string With(const std::string& member) {
  std::string document =
      R"({"time_zone_rule": "UTC0", "days": ["mon"], "hours": ["09:00", "17:00"])";
  return document + (member.empty() ? "" : ", " + member) + "}";
}

std::string ManyHolidays(int count) {
  std::string list;
  for (int i = 0; i < count; ++i) {
    list += (i > 0 ? ",\"" : "\"") + DateOf(DaysFromCivil(2026, 1, 1) + i) + "\"";
  }
  return R"("holidays": [)" + list + "]";
}

const DecoderCase kDecoderErrors[] = {
    {"not_an_object", "[]", "", "must be an object"},
    {"unknown_member", With(R"("timezone": "UTC0")"), "/timezone", "unknown member \"timezone\""},
    {"missing_rule", R"({"days": ["mon"], "hours": ["09:00", "17:00"]})", "/time_zone_rule",
     "missing required member \"time_zone_rule\""},
    {"rule_not_a_string", R"({"time_zone_rule": 1, "days": ["mon"], "hours": ["09:00", "17:00"]})",
     "/time_zone_rule", "must be a POSIX TZ rule such as \"CET-1CEST,M3.5.0,M10.5.0/3\""},
    {"iana_name_as_rule",
     R"({"time_zone_rule": "Europe/Amsterdam", "days": ["mon"], "hours": ["09:00", "17:00"]})",
     "/time_zone_rule",
     "is not a time zone rule: expected a UTC offset such as \"-1\" or \"5\" at \"/Amsterdam\""},
    {"missing_days", R"({"time_zone_rule": "UTC0", "hours": ["09:00", "17:00"]})", "/days",
     "missing required member \"days\""},
    {"days_not_an_array",
     R"({"time_zone_rule": "UTC0", "days": "mon", "hours": ["09:00", "17:00"]})", "/days",
     "must be an array of day names such as [\"mon\", \"tue\"]"},
    {"no_working_day", R"({"time_zone_rule": "UTC0", "days": [], "hours": ["09:00", "17:00"]})",
     "/days", "must name at least one working day"},
    {"bad_day_name",
     R"({"time_zone_rule": "UTC0", "days": ["mon", "Tuesday"], "hours": ["09:00", "17:00"]})",
     "/days/1", "must be a day: mon, tue, wed, thu, fri, sat or sun"},
    {"day_not_a_string", R"({"time_zone_rule": "UTC0", "days": [1], "hours": ["09:00", "17:00"]})",
     "/days/0", "must be a day: mon, tue, wed, thu, fri, sat or sun"},
    {"day_twice",
     R"({"time_zone_rule": "UTC0", "days": ["mon", "mon"], "hours": ["09:00", "17:00"]})",
     "/days/1", "is listed twice"},
    {"missing_hours", R"({"time_zone_rule": "UTC0", "days": ["mon"]})", "/hours",
     "missing required member \"hours\""},
    {"one_time_only", R"({"time_zone_rule": "UTC0", "days": ["mon"], "hours": ["09:00"]})",
     "/hours", "must be the opening and closing times, such as [\"09:00\", \"17:30\"]"},
    {"hour_25", R"({"time_zone_rule": "UTC0", "days": ["mon"], "hours": ["25:00", "26:00"]})",
     "/hours/0", "must be a time from \"00:00\" to \"23:59\""},
    {"closing_25", R"({"time_zone_rule": "UTC0", "days": ["mon"], "hours": ["09:00", "25:00"]})",
     "/hours/1", "must be a time from \"00:01\" to \"24:00\""},
    {"opening_at_24", R"({"time_zone_rule": "UTC0", "days": ["mon"], "hours": ["24:00", "24:00"]})",
     "/hours/0", "must be a time from \"00:00\" to \"23:59\""},
    {"minute_60", R"({"time_zone_rule": "UTC0", "days": ["mon"], "hours": ["09:60", "17:00"]})",
     "/hours/0", "must be a time from \"00:00\" to \"23:59\""},
    {"not_hh_mm", R"({"time_zone_rule": "UTC0", "days": ["mon"], "hours": ["9:00", "17:00"]})",
     "/hours/0", "must be a time from \"00:00\" to \"23:59\""},
    {"time_not_a_string", R"({"time_zone_rule": "UTC0", "days": ["mon"], "hours": [900, "17:00"]})",
     "/hours/0", "must be a time from \"00:00\" to \"23:59\""},
    {"closing_before_opening",
     R"({"time_zone_rule": "UTC0", "days": ["mon"], "hours": ["18:00", "09:00"]})", "/hours/1",
     "must be later than the opening time \"18:00\" (working hours cannot run past midnight)"},
    {"closing_at_opening",
     R"({"time_zone_rule": "UTC0", "days": ["mon"], "hours": ["09:00", "09:00"]})", "/hours/1",
     "must be later than the opening time \"09:00\" (working hours cannot run past midnight)"},
    {"holidays_not_an_array", With(R"("holidays": "2026-12-25")"), "/holidays",
     "must be an array of dates such as [\"2026-12-25\"]"},
    {"february_30", With(R"("holidays": ["2026-02-28", "2026-02-30"])"), "/holidays/1",
     "is not a date: 2026-02 has 28 days"},
    {"february_29_of_a_common_year", With(R"("holidays": ["2027-02-29"])"), "/holidays/0",
     "is not a date: 2027-02 has 28 days"},
    {"april_31", With(R"("holidays": ["2026-04-31"])"), "/holidays/0",
     "is not a date: 2026-04 has 30 days"},
    {"month_13", With(R"("holidays": ["2026-13-01"])"), "/holidays/0",
     "is not a date: months run from 01 to 12"},
    {"day_00", With(R"("holidays": ["2026-01-00"])"), "/holidays/0",
     "is not a date: 2026-01 has 31 days"},
    {"not_a_date", With(R"("holidays": ["25/12/2026"])"), "/holidays/0",
     "must be a date such as \"2026-12-25\""},
    {"date_with_time", With(R"("holidays": ["2026-12-25T00:00"])"), "/holidays/0",
     "must be a date such as \"2026-12-25\""},
    {"date_not_a_string", With(R"("holidays": [20812])"), "/holidays/0",
     "must be a date such as \"2026-12-25\""},
    {"before_1970", With(R"("holidays": ["1969-12-31"])"), "/holidays/0",
     "must be a date from 1970-01-01 on"},
    {"holiday_twice", With(R"("holidays": ["2026-12-25", "2026-12-26", "2026-12-25"])"),
     "/holidays/2", "is listed twice"},
    {"too_many_holidays", With(ManyHolidays(1001)), "/holidays", "must have at most 1000 dates"},
};

class BusinessTimeDecoderErrorTest : public ::testing::TestWithParam<DecoderCase> {};

TEST_P(BusinessTimeDecoderErrorTest, NamesThePath) {
  Result<BusinessCalendar> calendar = Decode(GetParam().document);
  ASSERT_FALSE(calendar.ok());
  EXPECT_EQ(calendar.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(calendar.status().path(), GetParam().path);
  EXPECT_EQ(calendar.status().message(), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(BusinessTimeDecoderErrors, BusinessTimeDecoderErrorTest,
                         ::testing::ValuesIn(kDecoderErrors),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(BusinessTimeDecoderTest, AThousandHolidaysAreAccepted) {
  EXPECT_TRUE(Decode(With(ManyHolidays(1000))).ok());
}

TEST(BusinessTimeDecoderTest, ThePathOfTheCalendarComesFirst) {
  Result<BusinessCalendar> calendar =
      Decode(R"({"time_zone_rule": "UTC0", "days": ["mon"], "hours": ["09:00", "17:00"],
                 "holidays": ["2026-02-30"]})",
             "/business_hours");
  ASSERT_FALSE(calendar.ok());
  EXPECT_EQ(calendar.status().path(), "/business_hours/holidays/0");
  EXPECT_EQ(Decode("null", "/business_hours").status().path(), "/business_hours");
}

TEST(BusinessTimeDecoderTest, TheFirstOfSeveralProblemsIsReported) {
  // An unknown member first, then the members in the order time_zone_rule, days, hours,
  // holidays.
  EXPECT_EQ(Decode(R"({"time_zone_rule": "CET", "days": ["xyz"], "hours": ["09:00", "17:00"]})")
                .status()
                .path(),
            "/time_zone_rule");
  EXPECT_EQ(Decode(R"({"zone": 1, "days": ["xyz"], "hours": []})").status().path(), "/zone");
  EXPECT_EQ(Decode(R"({"time_zone_rule": "UTC0", "days": ["xyz"], "hours": []})").status().path(),
            "/days/0");
}

}  // namespace
}  // namespace leadq
