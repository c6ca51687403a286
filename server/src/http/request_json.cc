// Request body decoding.
#include "http/request_json.h"

#include <string>
#include <utility>
#include <vector>

#include "leadq/json.h"

namespace leadq {

namespace {

// Deeper nesting than any leadq document needs: refused before anything (the core's
// recursive decoders included) walks it.
constexpr int kMaxDepth = 64;

bool TooDeep(const Json& root) {
  std::vector<std::pair<const Json*, int>> stack = {{&root, 1}};
  while (!stack.empty()) {
    auto [value, depth] = stack.back();
    stack.pop_back();
    if (depth > kMaxDepth) return true;
    if (value->is_structured()) {
      for (const Json& child : *value) stack.push_back({&child, depth + 1});
    }
  }
  return false;
}

}  // namespace

Result<Json> ParseJsonObject(const std::string& body) {
  Json parsed = Json::parse(body, nullptr, false);
  if (parsed.is_discarded()) {
    // The core's parser refuses the same texts and says where: "(line 3, column 12)".
    JsonValue unused;
    std::string error;
    if (!ParseJson(body, &unused, &error)) return Status::InvalidJson("the body " + error, "");
    return Status::InvalidJson("the body is not valid JSON (or not UTF-8)", "");
  }
  if (!parsed.is_object()) return Status::InvalidArgument("the body must be a JSON object", "");
  if (TooDeep(parsed)) {
    return Status::InvalidArgument(
        "the body is nested more than " + std::to_string(kMaxDepth) + " levels deep", "");
  }
  return parsed;
}

Result<std::string> ReadString(const Json& object, const char* key, bool required,
                               size_t max_length) {
  const std::string path = std::string("/") + key;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required)
      return Status::InvalidArgument(std::string("missing required member \"") + key + "\"", path);
    return std::string();
  }
  if (!it->is_string()) return Status::InvalidArgument("must be a string", path);
  const std::string& text = it->get_ref<const std::string&>();
  if (required && text.empty()) return Status::InvalidArgument("must not be empty", path);
  if (text.size() > max_length) {
    return Status::InvalidArgument("must be at most " + std::to_string(max_length) + " bytes",
                                   path);
  }
  return text;
}

Result<bool> ReadBool(const Json& object, const char* key, bool required, bool fallback) {
  const std::string path = std::string("/") + key;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required)
      return Status::InvalidArgument(std::string("missing required member \"") + key + "\"", path);
    return fallback;
  }
  if (!it->is_boolean()) return Status::InvalidArgument("must be true or false", path);
  return it->get<bool>();
}

Result<int64_t> ReadInteger(const Json& object, const char* key, bool required, int64_t min,
                            int64_t max, int64_t fallback) {
  const std::string path = std::string("/") + key;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required)
      return Status::InvalidArgument(std::string("missing required member \"") + key + "\"", path);
    return fallback;
  }
  const std::string range =
      "must be an integer from " + std::to_string(min) + " to " + std::to_string(max);
  if (it->is_number_unsigned()) {
    const uint64_t value = it->get<uint64_t>();
    // JSON's 0 and other non-negative numbers come as unsigned: both ends still count.
    if (value > static_cast<uint64_t>(max) || (min > 0 && value < static_cast<uint64_t>(min))) {
      return Status::InvalidArgument(range, path);
    }
    return static_cast<int64_t>(value);
  }
  if (!it->is_number_integer()) return Status::InvalidArgument(range, path);
  const int64_t value = it->get<int64_t>();
  if (value < min || value > max) return Status::InvalidArgument(range, path);
  return value;
}

Result<int64_t> QueryInteger(const httplib::Request& req, const char* name, int64_t min,
                             int64_t max, int64_t fallback) {
  if (!req.has_param(name)) return fallback;
  const std::string text = req.get_param_value(name);
  const std::string path = std::string("/") + name;
  const std::string range =
      "must be an integer from " + std::to_string(min) + " to " + std::to_string(max);
  // 18 digits at most: the value cannot overflow while it is read.
  if (text.empty() || text.size() > 18) return Status::InvalidArgument(range, path);
  int64_t value = 0;
  size_t i = text[0] == '-' ? 1 : 0;
  if (i == text.size()) return Status::InvalidArgument(range, path);
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return Status::InvalidArgument(range, path);
    value = value * 10 + (text[i] - '0');
  }
  if (text[0] == '-') value = -value;
  if (value < min || value > max) return Status::InvalidArgument(range, path);
  return value;
}

Result<std::string> QueryString(const httplib::Request& req, const char* name, size_t max_length) {
  const std::string value = req.get_param_value(name);
  if (value.size() > max_length) {
    return Status::InvalidArgument("must be at most " + std::to_string(max_length) + " bytes",
                                   std::string("/") + name);
  }
  return value;
}

Result<std::string> SiteParam(const httplib::Request& req, bool required) {
  Result<std::string> site = QueryString(req, "site", 64);
  if (site.ok() && site.value().empty() && required) {
    return Status::InvalidArgument("the query parameter \"site\" is required", "/site");
  }
  return site;
}

Status CheckHoneypot(const Json& body) {
  auto it = body.find("hp");
  if (it == body.end() || it->is_null() ||
      (it->is_string() && it->get_ref<const std::string&>().empty())) {
    return Status::Ok();
  }
  return Status::Make(StatusCode::kHoneypot, "this request looks automated and was not stored",
                      "/hp");
}

}  // namespace leadq
