// Crossing between the server's JSON and the core's.
//
// The server speaks nlohmann/json (HTTP bodies, SQLite columns, webhooks); the core has
// its own small JsonValue (core/include/leadq/json.h), which keeps nlohmann out of the
// WebAssembly module. Services (and the stores, for the signals they merge) convert at
// the few places where they hand values to the engine or store what it returns. Both
// types print the same canonical text, so a value converted either way dumps to the same
// bytes.
#ifndef LEADQ_SERVER_PLATFORM_CORE_JSON_H_
#define LEADQ_SERVER_PLATFORM_CORE_JSON_H_

#include <nlohmann/json.hpp>

#include "leadq/json.h"

namespace leadq {

// Request bodies and stored documents are nested at most kMaxJsonDepth levels (the
// server refuses deeper bodies); anything deeper than that is converted as null.
JsonValue ToCore(const nlohmann::json& value);
nlohmann::json FromCore(const JsonValue& value);

}  // namespace leadq

#endif  // LEADQ_SERVER_PLATFORM_CORE_JSON_H_
