// Non-throwing JSON member access for the flow decoder.
#include "json_reader.h"

#include <cmath>

#include "json_number.h"
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
  std::string out = base + "/";
  AppendUnsigned(index, &out);
  return out;
}

namespace {

// Whether JSON pointer `inner` is `outer` or lies below it.
bool Within(const std::string& inner, const std::string& outer) {
  return inner.compare(0, outer.size(), outer) == 0 &&
         (inner.size() == outer.size() || inner[outer.size()] == '/');
}

}  // namespace

bool JsonReader::ReportedNear(const std::string& path) const {
  for (const FlowProblem& problem : *problems_) {
    if (!problem.path.empty() && (Within(path, problem.path) || Within(problem.path, path))) {
      return true;
    }
  }
  return false;
}

const JsonValue* JsonReader::Member(const JsonValue& object, const char* key,
                                    const std::string& path, bool required) {
  if (const JsonValue* member = object.Find(key)) return member;
  if (required)
    Problem(JoinPath(path, key), std::string("missing required member \"") + key + "\"");
  return nullptr;
}

std::string JsonReader::String(const JsonValue& object, const char* key, const std::string& path,
                               bool required, const std::string& fallback) {
  const JsonValue* member = Member(object, key, path, required);
  if (member == nullptr) return fallback;
  if (!member->is_string()) {
    Problem(JoinPath(path, key), "must be a string");
    return fallback;
  }
  return member->as_string();
}

double JsonReader::Number(const JsonValue& object, const char* key, const std::string& path,
                          bool required, double fallback) {
  const JsonValue* member = Member(object, key, path, required);
  if (member == nullptr) return fallback;
  if (!member->is_number() || !std::isfinite(member->as_double())) {
    Problem(JoinPath(path, key), "must be a number");
    return fallback;
  }
  return member->as_double();
}

long long JsonReader::Integer(const JsonValue& object, const char* key, const std::string& path,
                              bool required, long long fallback) {
  const JsonValue* member = Member(object, key, path, required);
  if (member == nullptr) return fallback;
  if (!member->is_integer()) {
    Problem(JoinPath(path, key), "must be an integer");
    return fallback;
  }
  return member->as_int64();
}

double JsonReader::NumberIn(const JsonValue& object, const char* key, const std::string& path,
                            bool required, double fallback, double min, double max) {
  const JsonValue* member = Member(object, key, path, false);
  const double value = Number(object, key, path, required, fallback);
  if (member != nullptr && member->is_number() && (value < min || value > max)) {
    Problem(JoinPath(path, key),
            "must be between " + JsonNumber(min).Dump() + " and " + JsonNumber(max).Dump());
    return fallback;
  }
  return value;
}

long long JsonReader::IntegerIn(const JsonValue& object, const char* key, const std::string& path,
                                bool required, long long fallback, long long min, long long max) {
  const JsonValue* member = Member(object, key, path, false);
  if (member != nullptr && member->is_integer() &&
      member->as_uint64() > static_cast<uint64_t>(max)) {
    Problem(JoinPath(path, key),
            "must be between " + JsonValue(min).Dump() + " and " + JsonValue(max).Dump());
    return fallback;
  }
  const long long value = Integer(object, key, path, required, fallback);
  if (member != nullptr && member->is_integer() && (value < min || value > max)) {
    Problem(JoinPath(path, key),
            "must be between " + JsonValue(min).Dump() + " and " + JsonValue(max).Dump());
    return fallback;
  }
  return value;
}

std::string JsonReader::Name(const JsonValue& object, const char* key, const std::string& path,
                             bool required) {
  const JsonValue* member = Member(object, key, path, false);
  std::string value = String(object, key, path, required);
  if (member != nullptr && member->is_string() && value.empty()) {
    Problem(JoinPath(path, key), "must not be empty");
  }
  return value;
}

void JsonReader::OnlyMembers(const JsonValue& object, const std::string& path,
                             std::initializer_list<const char*> allowed) {
  OnlyMembers(object, path, std::vector<const char*>(allowed));
}

void JsonReader::OnlyMembers(const JsonValue& object, const std::string& path,
                             const std::vector<const char*>& allowed) {
  for (const JsonValue::Member& member : object.members()) {
    bool known = false;
    for (const char* key : allowed) known |= member.first == key;
    if (!known) Problem(JoinPath(path, member.first), "unknown member \"" + member.first + "\"");
  }
}

bool JsonReader::Bool(const JsonValue& object, const char* key, const std::string& path,
                      bool fallback) {
  const JsonValue* member = Member(object, key, path, false);
  if (member == nullptr) return fallback;
  if (!member->is_bool()) {
    Problem(JoinPath(path, key), "must be true or false");
    return fallback;
  }
  return member->as_bool();
}

LocalizedText JsonReader::Text(const JsonValue& object, const char* key, const std::string& path,
                               bool required, const std::string& default_language) {
  LocalizedText text;
  const JsonValue* member = Member(object, key, path, required);
  if (member == nullptr) return text;
  const std::string member_path = JoinPath(path, key);
  if (member->is_string()) {
    text[default_language] = member->as_string();
  } else if (member->is_object()) {
    if (member->empty() && required) Problem(member_path, "must have a text in every language");
    for (const auto& [language, value] : member->members()) {
      if (!value.is_string()) {
        Problem(JoinPath(member_path, language), "must be a string");
        continue;
      }
      text[language] = value.as_string();
    }
  } else {
    Problem(member_path, "must be a string or an object of language -> text");
  }
  return text;
}

}  // namespace leadq
