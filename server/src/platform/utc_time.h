// Instants as people read and write them: "2026-03-27 17:00 UTC" out, ISO 8601 in.
#ifndef LEADQ_SERVER_PLATFORM_UTC_TIME_H_
#define LEADQ_SERVER_PLATFORM_UTC_TIME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace leadq {

// `ms` since 1970 as "2026-03-27 17:00 UTC".
std::string UtcTime(int64_t ms);

// "2026-03-27T17:00:00Z", "2026-03-27T17:00Z", "2026-03-27 17:00" (UTC; a trailing "Z"
// is optional), "2026-03-27" (midnight UTC), or a whole number of milliseconds since
// 1970. nullopt for anything else, including dates that do not exist (2026-02-30).
std::optional<int64_t> ParseUtcTime(std::string_view text);

}  // namespace leadq

#endif  // LEADQ_SERVER_PLATFORM_UTC_TIME_H_
