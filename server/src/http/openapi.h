// The OpenAPI 3 document of the leadq HTTP API (server/openapi.json, compiled in so the
// binary serves the document that matches its routes).
#ifndef LEADQ_SERVER_HTTP_OPENAPI_H_
#define LEADQ_SERVER_HTTP_OPENAPI_H_

#include <string>

namespace leadq {

const std::string& OpenApiDocument();

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_OPENAPI_H_
