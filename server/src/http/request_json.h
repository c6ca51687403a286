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

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_REQUEST_JSON_H_
