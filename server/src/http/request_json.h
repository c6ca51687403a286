// Decoding request bodies: JSON parsing and typed member reads that report the exact
// path of a problem and never throw.
#ifndef LEADQ_SERVER_HTTP_REQUEST_JSON_H_
#define LEADQ_SERVER_HTTP_REQUEST_JSON_H_

#include <httplib.h>

#include <string>

#include <nlohmann/json.hpp>

#include "leadq/result.h"

namespace leadq {

using Json = nlohmann::json;

// The body as a JSON object; invalid_json or invalid_argument otherwise.
Result<Json> ParseJsonObject(const std::string& body);

// object[key] as a string of 1..max_length bytes; "" when absent and !required.
Result<std::string> ReadString(const Json& object, const char* key, bool required,
                               size_t max_length = 256);

// object[key] as a boolean; `fallback` when absent and !required.
Result<bool> ReadBool(const Json& object, const char* key, bool required, bool fallback = false);

// object[key] as an integer in [min, max]; `fallback` when absent and !required.
Result<int64_t> ReadInteger(const Json& object, const char* key, bool required, int64_t min,
                            int64_t max, int64_t fallback = 0);

// Query parameter `name` as an integer in [min, max]; `fallback` when absent. The error
// path is "/" + name.
Result<int64_t> QueryInteger(const httplib::Request& req, const char* name, int64_t min,
                             int64_t max, int64_t fallback);

// Query parameter `name`, at most max_length bytes; "" when absent.
Result<std::string> QueryString(const httplib::Request& req, const char* name,
                                size_t max_length = 256);

// The `site` query parameter (a site key, at most 64 bytes; "" when absent), required
// where a site's data is listed or changed: the one rule of every admin route.
Result<std::string> SiteParam(const httplib::Request& req, bool required);

// InvalidArgument at /hp when the honeypot member `hp` (a field humans never see) is
// filled in: bots fill every input.
Status CheckHoneypot(const Json& body);

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_REQUEST_JSON_H_
