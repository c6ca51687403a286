// JSON in the core tests. Tests build requests and read responses with nlohmann/json, an
// independent implementation (so the core's own JsonValue is checked against it, not
// against itself), and hand values to the engine as JsonValue through their text.
#ifndef LEADQ_TESTS_CORE_TEST_JSON_H_
#define LEADQ_TESTS_CORE_TEST_JSON_H_

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "leadq/json.h"

namespace leadq {

using Json = nlohmann::json;

namespace testing {

// The core's value of `text`, which must be valid JSON.
inline JsonValue ParseCore(std::string_view text) {
  JsonValue value;
  std::string error;
  EXPECT_TRUE(ParseJson(text, &value, &error)) << error << ": " << text;
  return value;
}

inline JsonValue CoreValue(const Json& value) { return ParseCore(value.dump()); }

}  // namespace testing

// Lets GoogleTest print core values in failure messages.
inline void PrintTo(const JsonValue& value, std::ostream* out) { *out << value.Dump(); }

}  // namespace leadq

#endif  // LEADQ_TESTS_CORE_TEST_JSON_H_
