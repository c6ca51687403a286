// Request body decoding.
#include "http/request_json.h"

namespace leadq {

Result<Json> ParseJsonObject(const std::string& body) {
  Json parsed = Json::parse(body, nullptr, false);
  if (parsed.is_discarded()) {
    return Status::InvalidJson("the body is not valid JSON (or not UTF-8)", "");
  }
  if (!parsed.is_object()) return Status::InvalidArgument("the body must be a JSON object", "");
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

}  // namespace leadq
