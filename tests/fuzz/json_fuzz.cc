// libFuzzer target: the core's JSON parser and serialiser against nlohmann/json, the
// implementation whose behaviour leadq's responses have always had. Any text must get the
// same verdict from both (valid or not; the core alone refuses nesting deeper than 64
// levels), and an accepted text the same canonical dump, which must parse back to the
// same value and the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "leadq/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  leadq::JsonValue value;
  std::string error;
  const bool ok = leadq::ParseJson(text, &value, &error);
  const nlohmann::json reference = nlohmann::json::parse(text, nullptr, false);
  if (!ok) {
    if (error.empty()) __builtin_trap();
    if (error.rfind("is not valid JSON", 0) == 0 && !reference.is_discarded()) __builtin_trap();
    return 0;
  }
  if (reference.is_discarded()) __builtin_trap();
  const std::string dump = value.Dump();
  if (dump != reference.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) {
    __builtin_trap();
  }
  leadq::JsonValue again;
  if (!leadq::ParseJson(dump, &again, &error) || !(again == value) || again.Dump() != dump) {
    __builtin_trap();
  }
  return 0;
}
