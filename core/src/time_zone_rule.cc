// Reading a POSIX TZ rule ("CET-1CEST,M3.5.0,M10.5.0/3"): POSIX's grammar for the TZ
// variable, with RFC 8536's wider change times, as zic writes it at the end of TZif files.
#include <utility>

#include "leadq/business_time.h"

namespace leadq {
namespace {

// Real rules are under 50 characters; the bound keeps error messages short.
constexpr size_t kMaxRuleLength = 128;
// POSIX bounds offsets to 24 hours; RFC 8536 lets a change time reach 167 hours (a week
// less an hour), which zic uses for rules such as "a day after the last Saturday".
constexpr int kMaxOffsetHours = 24;
constexpr int kMaxChangeHours = 167;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

class RuleParser {
 public:
  explicit RuleParser(std::string_view text) : text_(text) {}

  std::optional<TimeZoneRule> Parse() {
    TimeZoneRule rule;
    int32_t west = 0;
    if (!Name(&rule.std_name) ||
        !Clock(kMaxOffsetHours, "a UTC offset such as \"-1\" or \"5\"", &west)) {
      return std::nullopt;
    }
    rule.std_offset_seconds = -west;
    if (AtEnd()) return rule;
    rule.has_dst = true;
    if (!Name(&rule.dst_name)) return std::nullopt;
    rule.dst_offset_seconds = rule.std_offset_seconds + 3600;
    if (!AtEnd() && text_[pos_] != ',') {
      if (!Clock(kMaxOffsetHours, "a UTC offset such as \"-2\" or a ','", &west)) {
        return std::nullopt;
      }
      rule.dst_offset_seconds = -west;
    }
    // Without dates POSIX lets each C library pick its own (glibc: the US rules of 2007),
    // and a deadline must not depend on which one reads the rule.
    if (AtEnd()) {
      Fail("the dates of the daylight saving time changes (\",M3.5.0,M10.5.0/3\")");
      return std::nullopt;
    }
    if (!Char(',', "a ',' before the start of daylight saving time") || !Change(&rule.dst_start) ||
        !Char(',', "a ',' before the end of daylight saving time") || !Change(&rule.dst_end)) {
      return std::nullopt;
    }
    if (!AtEnd()) {
      Fail("the end of the rule");
      return std::nullopt;
    }
    return rule;
  }

  const std::string& error() const { return error_; }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }

  // Records what was expected where (the first failure only) and returns false.
  bool Fail(const std::string& expected) {
    if (!error_.empty()) return false;
    std::string where = "at its end";
    if (!AtEnd()) {
      std::string_view rest = text_.substr(pos_);
      where = "at \"" + std::string(rest.substr(0, 16)) + (rest.size() > 16 ? "...\"" : "\"");
    }
    error_ = "is not a time zone rule: expected " + expected + " " + where;
    return false;
  }

  bool Char(char c, const char* expected) {
    if (AtEnd() || text_[pos_] != c) return Fail(expected);
    ++pos_;
    return true;
  }

  // Up to `max_digits` digits as a number; false when there is none.
  bool Digits(size_t max_digits, int* value) {
    const size_t begin = pos_;
    *value = 0;
    while (!AtEnd() && IsDigit(text_[pos_]) && pos_ - begin < max_digits) {
      *value = *value * 10 + (text_[pos_++] - '0');
    }
    return pos_ > begin;
  }

  // One digit from `min` to `max`.
  bool DigitIn(int min, int max, const char* expected, int* value) {
    const size_t begin = pos_;
    if (!Digits(1, value) || *value < min || *value > max) {
      pos_ = begin;
      return Fail(expected);
    }
    return true;
  }

  // A zone abbreviation: 3 or more letters, or 3 or more of [A-Za-z0-9+-] in <...>.
  bool Name(std::string* name) {
    const char* expected = "a zone name of 3 or more letters, or one in <...>";
    const size_t begin = pos_;
    if (!AtEnd() && text_[pos_] == '<') {
      ++pos_;
      while (!AtEnd() && (IsLetter(text_[pos_]) || IsDigit(text_[pos_]) || text_[pos_] == '+' ||
                          text_[pos_] == '-')) {
        ++pos_;
      }
      if (AtEnd() || text_[pos_] != '>' || pos_ - begin - 1 < 3) {
        pos_ = begin;
        return Fail(expected);
      }
      *name = std::string(text_.substr(begin + 1, pos_ - begin - 1));
      ++pos_;
      return true;
    }
    while (!AtEnd() && IsLetter(text_[pos_])) ++pos_;
    if (pos_ - begin < 3) {
      pos_ = begin;
      return Fail(expected);
    }
    *name = std::string(text_.substr(begin, pos_ - begin));
    return true;
  }

  // [+|-]hh[:mm[:ss]] as signed seconds, hours at most `max_hours`.
  bool Clock(int max_hours, const char* expected, int32_t* seconds) {
    const size_t begin = pos_;
    int sign = 1;
    if (!AtEnd() && (text_[pos_] == '+' || text_[pos_] == '-')) {
      sign = text_[pos_] == '-' ? -1 : 1;
      ++pos_;
    }
    int hours = 0;
    if (!Digits(3, &hours)) {
      pos_ = begin;
      return Fail(expected);
    }
    if (hours > max_hours) {
      pos_ = begin;
      return Fail("hours from 0 to " + std::to_string(max_hours));
    }
    int minutes = 0, secs = 0;
    for (int* part : {&minutes, &secs}) {
      if (AtEnd() || text_[pos_] != ':') break;
      ++pos_;
      const size_t part_begin = pos_;
      if (!Digits(2, part) || *part > 59) {
        pos_ = part_begin;
        return Fail("minutes or seconds from 00 to 59");
      }
    }
    *seconds = sign * (hours * 3600 + minutes * 60 + secs);
    return true;
  }

  // A change date ("M3.5.0", "J60" or "59") and its optional time ("/3", default 02:00).
  bool Change(TimeZoneRule::Change* change) {
    const size_t begin = pos_;
    int value = 0;
    if (!AtEnd() && text_[pos_] == 'M') {
      ++pos_;
      change->form = TimeZoneRule::Change::Form::kMonthWeekDay;
      if (!Digits(2, &change->month) || change->month < 1 || change->month > 12) {
        pos_ = begin;
        return Fail("a month from M1 to M12");
      }
      if (!Char('.', "a '.' and the week") ||
          !DigitIn(1, 5, "a week from 1 to 5 (5: the last)", &change->week) ||
          !Char('.', "a '.' and the weekday") ||
          !DigitIn(0, 6, "a weekday from 0 (Sunday) to 6", &change->weekday)) {
        return false;
      }
    } else if (!AtEnd() && text_[pos_] == 'J') {
      ++pos_;
      change->form = TimeZoneRule::Change::Form::kJulian;
      if (!Digits(3, &value) || value < 1 || value > 365) {
        pos_ = begin;
        return Fail("a day from J1 to J365");
      }
      change->day = value;
    } else {
      change->form = TimeZoneRule::Change::Form::kDayOfYear;
      if (!Digits(3, &value) || value > 365) {
        pos_ = begin;
        return Fail("a change date such as M3.5.0, J60 or 59 (a day from 0 to 365)");
      }
      change->day = value;
    }
    change->time_seconds = 2 * 3600;
    if (!AtEnd() && text_[pos_] == '/') {
      ++pos_;
      return Clock(kMaxChangeHours, "a change time such as \"3\" or \"2:30\"",
                   &change->time_seconds);
    }
    return true;
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace

std::optional<TimeZoneRule> ParseTimeZoneRule(std::string_view posix, std::string* error) {
  std::string reason;
  std::optional<TimeZoneRule> rule;
  if (posix.size() > kMaxRuleLength) {
    reason = "is not a time zone rule: it is longer than 128 characters";
  } else {
    RuleParser parser(posix);
    rule = parser.Parse();
    reason = parser.error();
  }
  if (!rule && error != nullptr) *error = std::move(reason);
  return rule;
}

}  // namespace leadq
