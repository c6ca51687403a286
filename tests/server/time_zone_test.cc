// Zone names to POSIX rules: the system's zone database, hostile names, and a zone
// database of the test's own under $TZDIR.
#include "platform/time_zone.h"

#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include <gtest/gtest.h>

namespace leadq::testing {
namespace {

constexpr const char* kSystemZoneinfo = "/usr/share/zoneinfo";

std::string Rule(std::string_view name, const std::string& directory) {
  Result<std::string> rule = ReadTimeZoneRule(name, directory);
  return rule.ok() ? rule.value() : "error: " + rule.status().message();
}

// A TZif file of `version` with one local time type and no transitions, the footer
// `footer` after the second data block when the version has one.
std::string TzifFile(char version, const std::string& footer) {
  const auto header = [&] {
    std::string text = "TZif";
    text += version;
    text += std::string(15, '\0');
    for (uint32_t count : {0u, 0u, 0u, 0u, 1u, 4u}) {  // utc, std, leap, time, type, char
      for (int shift = 24; shift >= 0; shift -= 8) text += static_cast<char>(count >> shift & 0xff);
    }
    return text;
  };
  // One type (offset 0, not DST, abbreviation at 0) and the abbreviation "UTC\0".
  const std::string data = std::string(6, '\0') + std::string("UTC\0", 4);
  std::string file = header() + data;
  if (version >= '2') file += header() + data + "\n" + footer + "\n";
  return file;
}

class ZoneDirectory {
 public:
  ZoneDirectory() {
    char pattern[] = "/tmp/leadq-zoneinfo-XXXXXX";
    path_ = mkdtemp(pattern);
  }
  ~ZoneDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  void Write(const std::string& name, const std::string& bytes) {
    const std::filesystem::path file = std::filesystem::path(path_) / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << bytes;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Sets $TZDIR for the life of the object, then restores it.
class ScopedTzdir {
 public:
  explicit ScopedTzdir(const std::string& value) {
    if (const char* old = getenv("TZDIR")) old_ = old;
    setenv("TZDIR", value.c_str(), 1);
  }
  ~ScopedTzdir() {
    if (old_) {
      setenv("TZDIR", old_->c_str(), 1);
    } else {
      unsetenv("TZDIR");
    }
  }

 private:
  std::optional<std::string> old_;
};

TEST(TimeZoneTest, ReadsTheSystemZoneDatabase) {
  if (!std::filesystem::exists(std::string(kSystemZoneinfo) + "/Europe/Amsterdam")) {
    GTEST_SKIP() << "no zone database on this system";
  }
  EXPECT_EQ(Rule("Europe/Amsterdam", kSystemZoneinfo), "CET-1CEST,M3.5.0,M10.5.0/3");
  EXPECT_EQ(Rule("America/New_York", kSystemZoneinfo), "EST5EDT,M3.2.0,M11.1.0");
  EXPECT_EQ(Rule("Australia/Sydney", kSystemZoneinfo), "AEST-10AEDT,M10.1.0,M4.1.0/3");
  EXPECT_EQ(Rule("UTC", kSystemZoneinfo), "UTC0");
  ScopedTzdir standard("");  // the default directory
  EXPECT_EQ(ReadTimeZoneRule("Europe/Amsterdam").value(), "CET-1CEST,M3.5.0,M10.5.0/3");
}

TEST(TimeZoneTest, UnknownZones) {
  ZoneDirectory zones;
  zones.Write("Europe/Amsterdam", TzifFile('2', "CET-1CEST,M3.5.0,M10.5.0/3"));
  const Result<std::string> misspelt = ReadTimeZoneRule("Europe/Amsterdm", zones.path());
  ASSERT_FALSE(misspelt.ok());
  EXPECT_EQ(misspelt.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(misspelt.status().message(), "unknown time zone \"Europe/Amsterdm\"");
  // A folder of the database is not a zone.
  EXPECT_EQ(Rule("Europe", zones.path()), "error: unknown time zone \"Europe\"");
}

TEST(TimeZoneTest, HostileNamesAreRefusedBeforeAnyFileIsOpened) {
  struct Case {
    std::string name;
    std::string message;
  };
  const Case cases[] = {
      {"../../etc/passwd", "invalid time zone name \"../../etc/passwd\""},
      {"Europe/../../../etc/passwd", "invalid time zone name \"Europe/../../../etc/passwd\""},
      {"/etc/passwd", "invalid time zone name \"/etc/passwd\""},
      {"..", "invalid time zone name \"..\""},
      {"", "invalid time zone name \"\""},
      {"Europe/Amsterdam\n", "invalid time zone name \"Europe/Amsterdam?\""},
      {std::string("UTC\0/x", 6), "invalid time zone name \"UTC?/x\""},
      {"Europe\\Amsterdam", "invalid time zone name \"Europe?Amsterdam\""},
      {"zone.tab", "invalid time zone name \"zone.tab\""},
      {std::string(65, 'A'), "invalid time zone name \"" + std::string(64, 'A') + "...\""},
  };
  for (const Case& c : cases) {
    EXPECT_FALSE(IsValidZoneName(c.name)) << c.name;
    EXPECT_EQ(Rule(c.name, kSystemZoneinfo), "error: " + c.message);
  }
  EXPECT_TRUE(IsValidZoneName(std::string(64, 'A')));
  EXPECT_TRUE(IsValidZoneName("Etc/GMT+5"));
  EXPECT_TRUE(IsValidZoneName("America/Port-au-Prince"));
}

TEST(TimeZoneTest, TzdirNamesTheZoneDatabase) {
  ZoneDirectory zones;
  zones.Write("Test/Tehran", TzifFile('2', "<+0330>-3:30"));
  zones.Write("Test/Version3", TzifFile('3', "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1"));
  zones.Write("Test/NotTzif", "Europe/Amsterdam is not here\n");
  zones.Write("Test/Version1", TzifFile('\0', ""));
  zones.Write("Test/Truncated", TzifFile('2', "UTC0").substr(0, 60));
  zones.Write("Test/NoFooterEnd", TzifFile('2', "UTC0").substr(0, 100));
  zones.Write("Test/EmptyFooter", TzifFile('2', ""));
  zones.Write("Test/Unreadable", TzifFile('2', "EST5EDT"));

  ScopedTzdir tzdir(zones.path());
  EXPECT_EQ(ZoneinfoDirectory(), zones.path());
  const auto rule = [](const char* name) {
    Result<std::string> read = ReadTimeZoneRule(name);
    return read.ok() ? read.value() : "error: " + read.status().message();
  };
  EXPECT_EQ(rule("Test/Tehran"), "<+0330>-3:30");
  EXPECT_EQ(rule("Test/Version3"), "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1");
  EXPECT_EQ(rule("Test/NotTzif"), "error: unknown time zone \"Test/NotTzif\"");
  EXPECT_EQ(rule("Test/Version1"), "error: unknown time zone \"Test/Version1\"");
  EXPECT_EQ(rule("Test/Truncated"), "error: unknown time zone \"Test/Truncated\"");
  EXPECT_EQ(rule("Test/NoFooterEnd"), "error: unknown time zone \"Test/NoFooterEnd\"");
  EXPECT_EQ(rule("Test/EmptyFooter"),
            "error: time zone \"Test/EmptyFooter\" has no rule for "
            "the future");
  EXPECT_EQ(rule("Test/Unreadable"),
            "error: time zone \"Test/Unreadable\" has a rule leadq does not read: \"EST5EDT\" is "
            "not a time zone rule: expected the dates of the daylight saving time changes "
            "(\",M3.5.0,M10.5.0/3\") at its end");
  // The system's zones are not looked for elsewhere.
  EXPECT_EQ(rule("Europe/Amsterdam"), "error: unknown time zone \"Europe/Amsterdam\"");
}

TEST(TimeZoneTest, WithoutTzdirTheStandardDirectory) {
  ScopedTzdir tzdir("");
  EXPECT_EQ(ZoneinfoDirectory(), kSystemZoneinfo);
  unsetenv("TZDIR");
  EXPECT_EQ(ZoneinfoDirectory(), kSystemZoneinfo);
}

}  // namespace
}  // namespace leadq::testing
