// A depth pre-scan, then nlohmann's non-throwing parse.
#include "json_text.h"

namespace leadq {
namespace {

// The deepest nesting of arrays and objects in `text`, ignoring brackets inside strings.
// Stops counting once `limit` is exceeded.
int NestingDepth(std::string_view text, int limit) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

bool ParseJsonText(std::string_view text, Json* out, std::string* error) {
  if (NestingDepth(text, kMaxJsonDepth) > kMaxJsonDepth) {
    *error = "nests deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    return false;
  }
  Json parsed = Json::parse(text.begin(), text.end(), nullptr, false);
  if (parsed.is_discarded()) {
    *error = "is not valid JSON";
    return false;
  }
  *out = std::move(parsed);
  return true;
}

}  // namespace leadq
