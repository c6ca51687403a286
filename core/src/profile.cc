// What counts as known in a profile.
#include "leadq/profile.h"

namespace leadq {

bool HoldsSomething(const JsonValue& value) {
  return !value.is_null() && !(value.is_string() && value.as_string().empty()) &&
         !(value.is_array() && value.empty());
}

bool IsKnown(const JsonValue& fields, const std::string& field) {
  return HoldsSomething(fields[field]);
}

}  // namespace leadq
