// The core's JSON numbers and documents against references whose results the core's
// output has always matched byte for byte: doubles printed as nlohmann/json prints them,
// decimals read as strtod reads them, and random documents accepted, refused and printed
// as nlohmann/json does.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "json_number.h"
#include "leadq/json.h"
#include "test_json.h"

namespace leadq {
namespace {

// ---- Numbers against the references.

TEST(JsonNumberTest, DoublesPrintAsNlohmannPrintsThem) {
  std::mt19937_64 random(20260101);
  for (int i = 0; i < 300000; ++i) {
    uint64_t bits = random();
    if (i % 4 == 1) bits &= 0x800FFFFFFFFFFFFFull;  // subnormals
    if (i % 4 == 2)
      bits = (bits & 0x800FFFFFFFFFFFFFull) | (static_cast<uint64_t>(1023 + i % 80 - 40) << 52);
    double value;
    std::memcpy(&value, &bits, sizeof value);
    std::string mine;
    AppendJsonDouble(value, &mine);
    ASSERT_EQ(mine, Json(value).dump()) << "bits " << bits;
  }
}

// Correctly rounded, as strtod (glibc) is.
TEST(JsonNumberTest, DecimalsReadAsStrtodReadsThem) {
  std::mt19937_64 random(7);
  const auto digit = [&] { return static_cast<char>('0' + random() % 10); };
  for (int i = 0; i < 200000; ++i) {
    std::string text = random() % 2 ? "-" : "";
    const int count = 1 + static_cast<int>(random() % (i % 10 == 0 ? 60 : 19));
    text += static_cast<char>('1' + random() % 9);
    for (int k = 1; k < count; ++k) text += digit();
    if (random() % 2) text += std::string(".") + digit() + digit();
    if (random() % 2) text += "e" + std::to_string(static_cast<int>(random() % 700) - 350);
    const double mine = DecimalToDouble(text);
    const double reference = std::strtod(text.c_str(), nullptr);
    ASSERT_EQ(std::memcmp(&mine, &reference, sizeof mine), 0) << text;
  }
}

TEST(JsonNumberTest, HardDecimals) {
  const std::string long_half =
      "9007199254740993" + std::string(900, '0');  // 2^53 + 1, times 10^900
  const char* cases[] = {
      "9007199254740993",                           // halfway: ties to even, down
      "9007199254740995",                           // halfway: ties to even, up
      "9007199254740993.000000000000000000000001",  // just above halfway: up
      "2.2250738585072011e-308",                    // the largest subnormal region
      "2.2250738585072014e-308",                    // the smallest normal
      "4.9406564584124654e-324",                    // the smallest subnormal
      "2.4703282292062327e-324",                    // just below half of it: zero
      "2.4703282292062328e-324",                    // just above half of it: the smallest
      "1.7976931348623157e308",                     // the largest double
      "1.7976931348623158e308",                     // rounds to the largest double
      "0.1e-5",
      "123456789012345678901234567890e-40",
      "0.0000000000000000000000000000000000000001e40",
  };
  for (const char* text : cases) {
    const double mine = DecimalToDouble(text);
    const double reference = std::strtod(text, nullptr);
    EXPECT_EQ(std::memcmp(&mine, &reference, sizeof mine), 0) << text;
  }
  // More digits than a double's halfway points ever need: only "something follows" counts.
  for (const std::string& text :
       {long_half + "e-900", long_half + "1e-901", "0." + std::string(1000, '0') + "1e1000",
        "1" + std::string(2000, '0') + "e-2000"}) {
    const double mine = DecimalToDouble(text);
    const double reference = std::strtod(text.c_str(), nullptr);
    EXPECT_EQ(std::memcmp(&mine, &reference, sizeof mine), 0) << text.substr(0, 40);
  }
}

// ---- Whole documents against nlohmann/json: the same texts accepted and refused, and
// the same canonical text for every accepted one.

std::string RandomDocument(std::mt19937_64& random, int depth) {
  static const char* const kAtoms[] = {"0",
                                       "-0",
                                       "7",
                                       "-12",
                                       "3.25",
                                       "1e5",
                                       "-1.5E-3",
                                       "18446744073709551615",
                                       "18446744073709551616",
                                       "1e400",
                                       "true",
                                       "false",
                                       "null",
                                       "\"a\"",
                                       "\"\\u00e9\"",
                                       "\"\\ud83d\\ude00\"",
                                       "\"\\ud83d\"",
                                       "\"\xc3\xa9\"",
                                       "\"\xe0\x80\x80\"",
                                       "\"\xff\"",
                                       "\"\\n\\t\\\\\\\"\\/\"",
                                       "\"\x01\"",
                                       "01",
                                       "1.",
                                       "tru",
                                       "\"\\u0000\""};
  const int pick = static_cast<int>(random() % 10);
  if (depth > 4 || pick < 5) return kAtoms[random() % (sizeof(kAtoms) / sizeof(kAtoms[0]))];
  static const char* const kKeys[] = {"\"a\"", "\"b\"", "\"B\"", "\"\xc3\xa9\"", "\"\""};
  std::string text = pick < 7 ? "[" : "{";
  const int count = static_cast<int>(random() % 4);
  for (int i = 0; i < count; ++i) {
    if (i > 0) text += random() % 20 ? "," : "";
    if (pick >= 7) text += std::string(kKeys[random() % 5]) + (random() % 30 ? ":" : "");
    text += RandomDocument(random, depth + 1);
  }
  return text + (pick < 7 ? "]" : "}");
}

TEST(JsonDifferentialTest, SameVerdictAndTextAsNlohmann) {
  std::mt19937_64 random(11);
  int accepted = 0;
  for (int i = 0; i < 100000; ++i) {
    std::string text = RandomDocument(random, 0);
    if (random() % 5 == 0) text = " " + text + "\n";
    if (random() % 20 == 0) text[random() % text.size()] = "{}[]\",: \xef"[random() % 9];
    const Json reference = Json::parse(text, nullptr, false);
    JsonValue mine;
    std::string error;
    const bool ok = ParseJson(text, &mine, &error);
    ASSERT_EQ(ok, !reference.is_discarded()) << text;
    if (!ok) continue;
    ++accepted;
    ASSERT_EQ(mine.Dump(), reference.dump(-1, ' ', false, Json::error_handler_t::replace)) << text;
  }
  EXPECT_GT(accepted, 10000);  // the generator produces enough valid documents to matter
}

}  // namespace
}  // namespace leadq
