// Zone rules from the TZif files of the zone database (RFC 8536).
#include "platform/time_zone.h"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <optional>

#include "leadq/business_time.h"

namespace leadq {
namespace {

constexpr size_t kMaxNameLength = 64;
// TZif files are a few kilobytes; a larger file under the directory is not one.
constexpr size_t kMaxFileSize = 1 << 20;
constexpr size_t kHeaderSize = 44;

uint64_t BigEndian32(const std::string& data, size_t at) {
  uint64_t value = 0;
  for (size_t i = 0; i < 4; ++i) value = value << 8 | static_cast<unsigned char>(data[at + i]);
  return value;
}

// The header at `at`: its version byte and the length of the data block after it, whose
// times take `time_size` bytes (4 in the first block, 8 in the second). False when there
// is no TZif header there.
bool ReadHeader(const std::string& file, size_t at, uint64_t time_size, char* version,
                uint64_t* data_length) {
  if (file.size() < at + kHeaderSize || file.compare(at, 4, "TZif") != 0) return false;
  *version = file[at + 4];
  const uint64_t utc_indicators = BigEndian32(file, at + 20);
  const uint64_t std_indicators = BigEndian32(file, at + 24);
  const uint64_t leaps = BigEndian32(file, at + 28);
  const uint64_t times = BigEndian32(file, at + 32);
  const uint64_t types = BigEndian32(file, at + 36);
  const uint64_t chars = BigEndian32(file, at + 40);
  *data_length = times * time_size + times + types * 6 + chars + leaps * (time_size + 4) +
                 std_indicators + utc_indicators;
  return true;
}

// The footer of a TZif file of version 2 or later: the text between the newlines that
// follow the second data block. nullopt for anything else (a version 1 file has none).
std::optional<std::string> Footer(const std::string& file) {
  char version = 0;
  uint64_t first_length = 0, second_length = 0;
  if (!ReadHeader(file, 0, 4, &version, &first_length) || version < '2') return std::nullopt;
  const uint64_t second = kHeaderSize + first_length;
  if (second > file.size() || !ReadHeader(file, second, 8, &version, &second_length)) {
    return std::nullopt;
  }
  const uint64_t start = second + kHeaderSize + second_length;
  if (start >= file.size() || file[start] != '\n') return std::nullopt;
  const size_t end = file.find('\n', start + 1);
  if (end == std::string::npos) return std::nullopt;
  return file.substr(start + 1, end - start - 1);
}

std::optional<std::string> ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string data;
  char buffer[4096];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    data.append(buffer, static_cast<size_t>(in.gcount()));
    if (data.size() > kMaxFileSize) return std::nullopt;
  }
  return data;
}

bool IsNameChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '+' || c == '-' || c == '/';
}

// `name` in quotes for a message, cut to the longest valid name, with any byte a name may
// not hold but '.' as '?' (it came from a client and may go to a log).
std::string Quoted(std::string_view name) {
  std::string quoted = "\"";
  for (char c : name.substr(0, kMaxNameLength)) quoted += IsNameChar(c) || c == '.' ? c : '?';
  return quoted + (name.size() > kMaxNameLength ? "...\"" : "\"");
}

}  // namespace

bool IsValidZoneName(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameLength || name.front() == '/' ||
      name.find("..") != std::string_view::npos) {
    return false;
  }
  for (char c : name) {
    if (!IsNameChar(c)) return false;
  }
  return true;
}

std::string ZoneinfoDirectory() {
  const char* tzdir = std::getenv("TZDIR");
  return tzdir != nullptr && *tzdir != '\0' ? tzdir : "/usr/share/zoneinfo";
}

Result<std::string> ReadTimeZoneRule(std::string_view name, const std::string& directory) {
  const std::string quoted = Quoted(name);
  if (!IsValidZoneName(name)) return Status::InvalidArgument("invalid time zone name " + quoted);
  const std::optional<std::string> file = ReadSmallFile(directory + "/" + std::string(name));
  const std::optional<std::string> footer = file ? Footer(*file) : std::nullopt;
  if (!footer) return Status::InvalidArgument("unknown time zone " + quoted);
  if (footer->empty()) {
    return Status::InvalidArgument("time zone " + quoted + " has no rule for the future");
  }
  std::string error;
  if (!ParseTimeZoneRule(*footer, &error)) {
    return Status::InvalidArgument("time zone " + quoted + " has a rule leadq does not read: \"" +
                                   *footer + "\" " + error);
  }
  return *footer;
}

Result<std::string> ReadTimeZoneRule(std::string_view name) {
  return ReadTimeZoneRule(name, ZoneinfoDirectory());
}

}  // namespace leadq
