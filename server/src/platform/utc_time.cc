// UTC instants in and out, without the process's time zone.
#include "platform/utc_time.h"

#include <time.h>

#include <cctype>

namespace leadq {
namespace {

// Days from 1970-01-01 to the civil date (proleptic Gregorian calendar).
int64_t DaysFromCivil(int64_t year, int64_t month, int64_t day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

int DaysInMonth(int64_t year, int64_t month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Reads `digits` decimal digits at `*at`, moving past them.
std::optional<int64_t> Digits(std::string_view text, size_t* at, size_t digits) {
  if (*at + digits > text.size()) return std::nullopt;
  int64_t value = 0;
  for (size_t i = 0; i < digits; ++i) {
    const char c = text[*at + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  *at += digits;
  return value;
}

bool Expect(std::string_view text, size_t* at, char c) {
  if (*at >= text.size() || text[*at] != c) return false;
  ++*at;
  return true;
}

}  // namespace

std::string UtcTime(int64_t ms) {
  const time_t seconds = static_cast<time_t>(ms / 1000);
  struct tm parts;
  gmtime_r(&seconds, &parts);
  char text[32];
  strftime(text, sizeof(text), "%Y-%m-%d %H:%M UTC", &parts);
  return text;
}

std::optional<int64_t> ParseUtcTime(std::string_view text) {
  if (text.empty() || text.size() > 32) return std::nullopt;
  size_t at = 0;
  if (text.find('-') == std::string_view::npos) {  // milliseconds
    auto ms = Digits(text, &at, text.size());
    return ms && text.size() <= 16 ? ms : std::nullopt;
  }
  auto year = Digits(text, &at, 4);
  if (!year || !Expect(text, &at, '-')) return std::nullopt;
  auto month = Digits(text, &at, 2);
  if (!month || !Expect(text, &at, '-')) return std::nullopt;
  auto day = Digits(text, &at, 2);
  if (!day || *month < 1 || *month > 12 || *day < 1 || *day > DaysInMonth(*year, *month)) {
    return std::nullopt;
  }
  int64_t hour = 0, minute = 0, second = 0;
  if (at < text.size()) {
    if (text[at] != 'T' && text[at] != ' ') return std::nullopt;
    ++at;
    auto h = Digits(text, &at, 2);
    if (!h || !Expect(text, &at, ':')) return std::nullopt;
    auto m = Digits(text, &at, 2);
    if (!m) return std::nullopt;
    hour = *h;
    minute = *m;
    if (at < text.size() && text[at] == ':') {
      ++at;
      auto s = Digits(text, &at, 2);
      if (!s) return std::nullopt;
      second = *s;
    }
    if (at < text.size() && text[at] == 'Z') ++at;
    if (at != text.size() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  }
  const int64_t days = DaysFromCivil(*year, *month, *day);
  if (days < 0) return std::nullopt;
  return ((days * 24 + hour) * 60 + minute) * 60000 + second * 1000;
}

}  // namespace leadq
