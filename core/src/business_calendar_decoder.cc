// Decoding a business calendar (time zone rule, working days and hours, holidays) from
// JSON. Every member is checked, so that a calendar with several mistakes reports each at
// its own path; the caller gets the first.
#include <algorithm>
#include <iterator>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "civil_date.h"
#include "json_reader.h"
#include "leadq/business_time.h"

namespace leadq {
namespace {

constexpr const char* kDayNames[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr int kFirstYear = 1970;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int TwoDigits(const std::string& text, size_t at) {
  return (text[at] - '0') * 10 + (text[at + 1] - '0');
}

// "HH:MM" as minutes after midnight, from 00:00 to 24:00; -1 for anything else.
int ParseClock(const std::string& text) {
  if (text.size() != 5 || !IsDigit(text[0]) || !IsDigit(text[1]) || text[2] != ':' ||
      !IsDigit(text[3]) || !IsDigit(text[4])) {
    return -1;
  }
  const int hours = TwoDigits(text, 0), minutes = TwoDigits(text, 3);
  if (minutes > 59 || hours * 60 + minutes > 24 * 60) return -1;
  return hours * 60 + minutes;
}

void DecodeZone(JsonReader& reader, const JsonValue& json, const std::string& path,
                BusinessCalendar* calendar) {
  const JsonValue* rule = reader.Member(json, "time_zone_rule", path, true);
  if (rule == nullptr) return;
  const std::string rule_path = JoinPath(path, "time_zone_rule");
  if (!rule->is_string()) {
    reader.Problem(rule_path, "must be a POSIX TZ rule such as \"CET-1CEST,M3.5.0,M10.5.0/3\"");
    return;
  }
  std::string error;
  std::optional<TimeZoneRule> zone = ParseTimeZoneRule(rule->as_string(), &error);
  if (!zone) {
    reader.Problem(rule_path, error);
    return;
  }
  calendar->zone = std::move(*zone);
}

void DecodeDays(JsonReader& reader, const JsonValue& json, const std::string& path,
                BusinessCalendar* calendar) {
  const JsonValue* days = reader.Member(json, "days", path, true);
  if (days == nullptr) return;
  const std::string days_path = JoinPath(path, "days");
  if (!days->is_array()) {
    reader.Problem(days_path, "must be an array of day names such as [\"mon\", \"tue\"]");
    return;
  }
  if (days->empty()) {
    reader.Problem(days_path, "must name at least one working day");
    return;
  }
  for (size_t i = 0; i < days->size(); ++i) {
    const JsonValue& item = (*days)[i];
    const std::string item_path = JoinPath(days_path, i);
    const auto* name =
        std::find(std::begin(kDayNames), std::end(kDayNames), std::string_view(item.as_string()));
    if (!item.is_string() || name == std::end(kDayNames)) {
      reader.Problem(item_path, "must be a day: mon, tue, wed, thu, fri, sat or sun");
      continue;
    }
    bool& working = calendar->working_days[name - std::begin(kDayNames)];
    if (working) reader.Problem(item_path, "is listed twice");
    working = true;
  }
}

void DecodeHours(JsonReader& reader, const JsonValue& json, const std::string& path,
                 BusinessCalendar* calendar) {
  const JsonValue* hours = reader.Member(json, "hours", path, true);
  if (hours == nullptr) return;
  const std::string hours_path = JoinPath(path, "hours");
  if (!hours->is_array() || hours->size() != 2) {
    reader.Problem(hours_path,
                   "must be the opening and closing times, such as [\"09:00\", \"17:30\"]");
    return;
  }
  const int open = ParseClock((*hours)[0].as_string());
  const int close = ParseClock((*hours)[1].as_string());
  if (open < 0 || open == 24 * 60) {
    reader.Problem(JoinPath(hours_path, 0), "must be a time from \"00:00\" to \"23:59\"");
  }
  if (close < 0) {
    reader.Problem(JoinPath(hours_path, 1), "must be a time from \"00:01\" to \"24:00\"");
  } else if (open >= 0 && open >= close) {
    reader.Problem(JoinPath(hours_path, 1), "must be later than the opening time \"" +
                                                (*hours)[0].as_string() +
                                                "\" (working hours cannot run past midnight)");
  }
  calendar->open_minute = open;
  calendar->close_minute = close;
}

// A holiday "YYYY-MM-DD" as days since 1970-01-01, or a problem.
bool ParseDate(const std::string& text, int64_t* days, std::string* problem) {
  bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) shaped = shaped && IsDigit(text[i]);
  if (!shaped) {
    *problem = "must be a date such as \"2026-12-25\"";
    return false;
  }
  const int year = TwoDigits(text, 0) * 100 + TwoDigits(text, 2);
  const int month = TwoDigits(text, 5), day = TwoDigits(text, 8);
  if (month < 1 || month > 12) {
    *problem = "is not a date: months run from 01 to 12";
    return false;
  }
  if (day < 1 || day > DaysInMonth(year, month)) {
    *problem = "is not a date: " + text.substr(0, 7) + " has " +
               std::to_string(DaysInMonth(year, month)) + " days";
    return false;
  }
  if (year < kFirstYear) {
    *problem = "must be a date from 1970-01-01 on";
    return false;
  }
  *days = DaysFromCivil(year, month, day);
  return true;
}

void DecodeHolidays(JsonReader& reader, const JsonValue& json, const std::string& path,
                    BusinessCalendar* calendar) {
  const JsonValue* holidays = reader.Member(json, "holidays", path, false);
  if (holidays == nullptr) return;
  const std::string holidays_path = JoinPath(path, "holidays");
  if (!holidays->is_array()) {
    reader.Problem(holidays_path, "must be an array of dates such as [\"2026-12-25\"]");
    return;
  }
  if (holidays->size() > kMaxHolidays) {
    reader.Problem(holidays_path, "must have at most " + std::to_string(kMaxHolidays) + " dates");
    return;
  }
  std::set<int64_t> seen;
  for (size_t i = 0; i < holidays->size(); ++i) {
    const std::string item_path = JoinPath(holidays_path, i);
    int64_t day = 0;
    std::string problem;
    if (!ParseDate((*holidays)[i].as_string(), &day, &problem)) {
      reader.Problem(item_path, problem);
    } else if (!seen.insert(day).second) {
      reader.Problem(item_path, "is listed twice");
    }
  }
  calendar->holidays.assign(seen.begin(), seen.end());  // sorted, years up to 9999 fit
}

}  // namespace

Result<BusinessCalendar> DecodeBusinessCalendar(const JsonValue& json, const std::string& path) {
  if (!json.is_object()) return Status::InvalidArgument("must be an object", path);
  std::vector<FlowProblem> problems;
  JsonReader reader(&problems);
  BusinessCalendar calendar;
  reader.OnlyMembers(json, path, {"time_zone_rule", "days", "hours", "holidays"});
  DecodeZone(reader, json, path, &calendar);
  DecodeDays(reader, json, path, &calendar);
  DecodeHours(reader, json, path, &calendar);
  DecodeHolidays(reader, json, path, &calendar);
  if (!problems.empty()) {
    return Status::InvalidArgument(problems.front().message, problems.front().path);
  }
  return calendar;
}

}  // namespace leadq
