// Non-throwing JSON member access for the flow decoder.
#include "json_reader.h"

#include <cmath>

#include "numbers.h"

namespace leadq {

std::string JoinPath(const std::string& base, const std::string& key) {
  std::string out = base + "/";
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string JoinPath(const std::string& base, size_t index) {
  return base + "/" + std::to_string(index);
}

const Json* JsonReader::Member(const Json& object, const char* key, const std::string& path,
                               bool required) {
  if (object.is_object()) {
    auto it = object.find(key);
    if (it != object.end()) return &*it;
  }
  if (required)
    Problem(JoinPath(path, key), std::string("missing required member \"") + key + "\"");
  return nullptr;
}

std::string JsonReader::String(const Json& object, const char* key, const std::string& path,
                               bool required, const std::string& fallback) {
  const Json* member = Member(object, key, path, required);
  if (member == nullptr) return fallback;
  if (!member->is_string()) {
    Problem(JoinPath(path, key), "must be a string");
    return fallback;
  }
  return member->get<std::string>();
}

double JsonReader::Number(const Json& object, const char* key, const std::string& path,
                          bool required, double fallback) {
  const Json* member = Member(object, key, path, required);
  if (member == nullptr) return fallback;
  if (!member->is_number() || !std::isfinite(member->get<double>())) {
    Problem(JoinPath(path, key), "must be a number");
    return fallback;
  }
  return member->get<double>();
}

long long JsonReader::Integer(const Json& object, const char* key, const std::string& path,
                              bool required, long long fallback) {
  const Json* member = Member(object, key, path, required);
  if (member == nullptr) return fallback;
  if (!member->is_number_integer()) {
    Problem(JoinPath(path, key), "must be an integer");
    return fallback;
  }
  return member->get<long long>();
}

double JsonReader::NumberIn(const Json& object, const char* key, const std::string& path,
                            bool required, double fallback, double min, double max) {
  const Json* member = Member(object, key, path, false);
  const double value = Number(object, key, path, required, fallback);
  if (member != nullptr && member->is_number() && (value < min || value > max)) {
    Problem(JoinPath(path, key),
            "must be between " + JsonNumber(min).dump() + " and " + JsonNumber(max).dump());
    return fallback;
  }
  return value;
}

long long JsonReader::IntegerIn(const Json& object, const char* key, const std::string& path,
                                bool required, long long fallback, long long min, long long max) {
  const Json* member = Member(object, key, path, false);
  if (member != nullptr && member->is_number_unsigned() &&
      member->get<unsigned long long>() > static_cast<unsigned long long>(max)) {
    Problem(JoinPath(path, key),
            "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return fallback;
  }
  const long long value = Integer(object, key, path, required, fallback);
  if (member != nullptr && member->is_number_integer() && (value < min || value > max)) {
    Problem(JoinPath(path, key),
            "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return fallback;
  }
  return value;
}

std::string JsonReader::Name(const Json& object, const char* key, const std::string& path,
                             bool required) {
  const Json* member = Member(object, key, path, false);
  std::string value = String(object, key, path, required);
  if (member != nullptr && member->is_string() && value.empty()) {
    Problem(JoinPath(path, key), "must not be empty");
  }
  return value;
}

void JsonReader::OnlyMembers(const Json& object, const std::string& path,
                             std::initializer_list<const char*> allowed) {
  OnlyMembers(object, path, std::vector<const char*>(allowed));
}

void JsonReader::OnlyMembers(const Json& object, const std::string& path,
                             const std::vector<const char*>& allowed) {
  if (!object.is_object()) return;
  for (auto it = object.begin(); it != object.end(); ++it) {
    bool known = false;
    for (const char* key : allowed) known |= it.key() == key;
    if (!known) Problem(JoinPath(path, it.key()), "unknown member \"" + it.key() + "\"");
  }
}

bool JsonReader::Bool(const Json& object, const char* key, const std::string& path, bool fallback) {
  const Json* member = Member(object, key, path, false);
  if (member == nullptr) return fallback;
  if (!member->is_boolean()) {
    Problem(JoinPath(path, key), "must be true or false");
    return fallback;
  }
  return member->get<bool>();
}

LocalizedText JsonReader::Text(const Json& object, const char* key, const std::string& path,
                               bool required, const std::string& default_language) {
  LocalizedText text;
  const Json* member = Member(object, key, path, required);
  if (member == nullptr) return text;
  const std::string member_path = JoinPath(path, key);
  if (member->is_string()) {
    text[default_language] = member->get<std::string>();
  } else if (member->is_object()) {
    if (member->empty() && required) Problem(member_path, "must have a text in every language");
    for (auto it = member->begin(); it != member->end(); ++it) {
      if (!it.value().is_string()) {
        Problem(JoinPath(member_path, it.key()), "must be a string");
        continue;
      }
      text[it.key()] = it.value().get<std::string>();
    }
  } else {
    Problem(member_path, "must be a string or an object of language -> text");
  }
  return text;
}

}  // namespace leadq
