// Tree walks between nlohmann::json and JsonValue, type for type.
#include "platform/core_json.h"

#include <utility>

namespace leadq {
namespace {

JsonValue ToCoreAt(const nlohmann::json& value, int depth) {
  switch (value.type()) {
    case nlohmann::json::value_t::boolean:
      return JsonValue(value.get<bool>());
    case nlohmann::json::value_t::number_integer:
      return JsonValue(value.get<int64_t>());
    case nlohmann::json::value_t::number_unsigned:
      return JsonValue(value.get<uint64_t>());
    case nlohmann::json::value_t::number_float:
      return JsonValue(value.get<double>());
    case nlohmann::json::value_t::string:
      return JsonValue(value.get_ref<const std::string&>());
    case nlohmann::json::value_t::array: {
      if (depth >= kMaxJsonDepth) return JsonValue();
      JsonValue::Array items;
      items.reserve(value.size());
      for (const nlohmann::json& item : value) items.push_back(ToCoreAt(item, depth + 1));
      return JsonValue(std::move(items));
    }
    case nlohmann::json::value_t::object: {
      if (depth >= kMaxJsonDepth) return JsonValue();
      JsonValue object = JsonValue::MakeObject();
      // nlohmann's objects iterate in key order, so every Set appends.
      for (auto it = value.begin(); it != value.end(); ++it) {
        object.Set(it.key(), ToCoreAt(it.value(), depth + 1));
      }
      return object;
    }
    default:  // null, and the binary and discarded values JSON text never yields
      return JsonValue();
  }
}

}  // namespace

JsonValue ToCore(const nlohmann::json& value) { return ToCoreAt(value, 0); }

nlohmann::json FromCore(const JsonValue& value) {
  switch (value.type()) {
    case JsonValue::Type::kNull:
      return nullptr;
    case JsonValue::Type::kBool:
      return value.as_bool();
    case JsonValue::Type::kInteger:
      return value.as_int64();
    case JsonValue::Type::kUnsigned:
      return value.as_uint64();
    case JsonValue::Type::kDouble:
      return value.as_double();
    case JsonValue::Type::kString:
      return value.as_string();
    case JsonValue::Type::kArray: {
      nlohmann::json items = nlohmann::json::array();
      for (const JsonValue& item : value.items()) items.push_back(FromCore(item));
      return items;
    }
    case JsonValue::Type::kObject: {
      nlohmann::json object = nlohmann::json::object();
      for (const auto& [key, member] : value.members()) object[key] = FromCore(member);
      return object;
    }
  }
  return nullptr;
}

}  // namespace leadq
