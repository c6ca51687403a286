// Parsing untrusted JSON text without exceptions and without deep recursion.
//
// nlohmann's parser copes with any nesting, but copying, comparing and dumping a value
// recurse once per level: a request of a million '[' would overflow the stack later. So
// every text the core reads from outside goes through ParseJsonText, which refuses
// nesting deeper than kMaxJsonDepth before parsing.
#ifndef LEADQ_CORE_JSON_TEXT_H_
#define LEADQ_CORE_JSON_TEXT_H_

#include <string_view>

#include "leadq/flow.h"

namespace leadq {

inline constexpr int kMaxJsonDepth = 64;

// On success stores the value in `*out` and returns true. On failure returns false and
// leaves the reason in `*error`, phrased to follow a subject: "is not valid JSON" or
// "nests deeper than 64 levels".
bool ParseJsonText(std::string_view text, Json* out, std::string* error);

}  // namespace leadq

#endif  // LEADQ_CORE_JSON_TEXT_H_
