// The one table from Status codes to HTTP statuses, and the error body.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/api_error.h"

namespace leadq {
namespace {

TEST(ApiErrorTest, EachCodeHasItsDocumentedHttpStatus) {
  struct Case {
    StatusCode code;
    int http;
  };
  const Case cases[] = {
      {StatusCode::kInvalidArgument, 400},
      {StatusCode::kInvalidJson, 400},
      {StatusCode::kHoneypot, 400},
      {StatusCode::kBadRequest, 400},
      {StatusCode::kUnauthorized, 401},
      {StatusCode::kForbidden, 403},
      {StatusCode::kOriginNotAllowed, 403},
      {StatusCode::kNotFound, 404},
      {StatusCode::kMethodNotAllowed, 405},
      {StatusCode::kConflict, 409},
      {StatusCode::kAborted, 409},
      {StatusCode::kPayloadTooLarge, 413},
      {StatusCode::kUriTooLong, 414},
      {StatusCode::kUnsupportedMediaType, 415},
      {StatusCode::kRangeNotSatisfiable, 416},
      {StatusCode::kInvalidAnswer, 422},
      {StatusCode::kInvalidFlow, 422},
      {StatusCode::kRateLimited, 429},
      {StatusCode::kInternal, 500},
      {StatusCode::kUnavailable, 503},
  };
  for (const Case& c : cases) EXPECT_EQ(HttpStatusFor(c.code), c.http) << ToString(c.code);
  // Every code below 500 is a client's: only adapters fail with 5xx.
  for (int i = static_cast<int>(StatusCode::kInvalidArgument);
       i <= static_cast<int>(StatusCode::kAborted); ++i) {
    EXPECT_LT(HttpStatusFor(static_cast<StatusCode>(i)), 500)
        << ToString(static_cast<StatusCode>(i));
  }
}

TEST(ApiErrorTest, LibraryStatusesMapBackToCodes) {
  EXPECT_EQ(CodeForHttpStatus(404), StatusCode::kNotFound);
  EXPECT_EQ(CodeForHttpStatus(413), StatusCode::kPayloadTooLarge);
  EXPECT_EQ(CodeForHttpStatus(414), StatusCode::kUriTooLong);
  EXPECT_EQ(CodeForHttpStatus(400), StatusCode::kBadRequest);
  EXPECT_EQ(CodeForHttpStatus(431), StatusCode::kBadRequest);
  EXPECT_EQ(CodeForHttpStatus(500), StatusCode::kInternal);
  EXPECT_EQ(CodeForHttpStatus(503), StatusCode::kUnavailable);
}

TEST(ApiErrorTest, RendersTheOneErrorShape) {
  httplib::Response res;
  RenderError(res, Status::InvalidAnswer("Kies een van de opties", "/value"));
  EXPECT_EQ(res.status, 422);
  const nlohmann::json body = nlohmann::json::parse(res.body);
  EXPECT_EQ(body, (nlohmann::json{{"error",
                                   {{"code", "invalid_answer"},
                                    {"message", "Kies een van de opties"},
                                    {"path", "/value"}}}}));
  EXPECT_FALSE(res.has_header("Retry-After"));
}

TEST(ApiErrorTest, UnavailableTellsWhenToRetry) {
  httplib::Response res;
  RenderError(res, Status::Unavailable("the database is full"));
  EXPECT_EQ(res.status, 503);
  EXPECT_EQ(res.get_header_value("Retry-After"), "5");
  httplib::Response limited;
  limited.set_header("Retry-After", "42");
  RenderError(limited, Status::Make(StatusCode::kRateLimited, "slow down"));
  EXPECT_EQ(limited.get_header_value("Retry-After"), "42");
}

}  // namespace
}  // namespace leadq
