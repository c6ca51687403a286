// IANA time zone names ("Europe/Amsterdam") to the POSIX TZ rules the core computes
// business time with ("CET-1CEST,M3.5.0,M10.5.0/3").
//
// The zone database is the operating system's: the TZif file of a zone ends, from version
// 2 on, with the POSIX rule for the times after its last recorded change, which is all a
// deadline needs (SLAs are about now, not the past). Reading it here keeps the core free
// of files; a name is checked before it becomes a path, since it comes from clients.
#ifndef LEADQ_SERVER_PLATFORM_TIME_ZONE_H_
#define LEADQ_SERVER_PLATFORM_TIME_ZONE_H_

#include <string>
#include <string_view>

#include "leadq/result.h"

namespace leadq {

// Whether `name` can be a zone name: 1 to 64 of [A-Za-z0-9_+-/], with no ".." and no
// leading "/", so that it stays inside the zone database.
bool IsValidZoneName(std::string_view name);

// The zone database's directory: $TZDIR when set and not empty (as the C library reads
// it), else /usr/share/zoneinfo.
std::string ZoneinfoDirectory();

// The POSIX TZ rule of zone `name`, read from its TZif file under `directory`, and
// accepted by the core's ParseTimeZoneRule. Errors are kInvalidArgument, about the name
// as the client gave it: `invalid time zone name "../../etc/passwd"`, `unknown time zone
// "Europe/Amsterdm"` (no such file, or a file that is not a TZif file of version 2 or
// later), `time zone "X" has no rule for the future` (an empty footer) or one the core
// does not read.
Result<std::string> ReadTimeZoneRule(std::string_view name, const std::string& directory);

// The same under ZoneinfoDirectory().
Result<std::string> ReadTimeZoneRule(std::string_view name);

}  // namespace leadq

#endif  // LEADQ_SERVER_PLATFORM_TIME_ZONE_H_
