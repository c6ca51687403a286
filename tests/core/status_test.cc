// Status: every code has its own stable wire name, and the named checks match the codes.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "leadq/status.h"

namespace leadq {
namespace {

TEST(StatusTest, EveryCodeHasItsOwnWireName) {
  std::set<std::string> names;
  for (int i = static_cast<int>(StatusCode::kInvalidArgument);
       i <= static_cast<int>(StatusCode::kInternal); ++i) {
    const std::string name = ToString(static_cast<StatusCode>(i));
    EXPECT_FALSE(name.empty()) << "code " << i;
    EXPECT_TRUE(names.insert(name).second) << name << " is used twice";
    for (char c : name) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_') << name;
  }
  EXPECT_STREQ(ToString(StatusCode::kOk), "");
}

TEST(StatusTest, NamedConstructorsCarryCodeMessageAndPath) {
  struct Case {
    Status status;
    const char* name;
  };
  const Case cases[] = {
      {Status::InvalidArgument("m", "/a"), "invalid_argument"},
      {Status::InvalidJson("m", "/a"), "invalid_json"},
      {Status::InvalidFlow("m", "/a"), "invalid_flow"},
      {Status::InvalidAnswer("m", "/a"), "invalid_answer"},
      {Status::NotFound("m", "/a"), "not_found"},
      {Status::Conflict("m", "/a"), "conflict"},
      {Status::ConversationEnded("m", "/a"), "conversation_ended"},
      {Status::Make(StatusCode::kRateLimited, "m", "/a"), "rate_limited"},
  };
  for (const Case& c : cases) {
    EXPECT_FALSE(c.status.ok());
    EXPECT_STREQ(c.status.code_name(), c.name);
    EXPECT_EQ(c.status.message(), "m");
    EXPECT_EQ(c.status.path(), "/a");
  }
  EXPECT_TRUE(Status::Ok().ok());
  EXPECT_STREQ(Status::Ok().code_name(), "");
  EXPECT_STREQ(Status::Unavailable("disk full").code_name(), "unavailable");
  EXPECT_EQ(Status::Internal("x").path(), "");
}

TEST(StatusTest, ChecksMatchTheirCodeOnly) {
  EXPECT_TRUE(Status::NotFound("m").IsNotFound());
  EXPECT_FALSE(Status::Conflict("m").IsNotFound());
  EXPECT_TRUE(Status::Conflict("m").IsConflict());
  EXPECT_TRUE(Status::Aborted("m").IsAborted());
  EXPECT_FALSE(Status::Aborted("m").IsConflict());
  EXPECT_TRUE(Status::Unavailable("m").IsUnavailable());
  EXPECT_TRUE(Status::Make(StatusCode::kUnauthorized, "m").IsUnauthorized());
  EXPECT_FALSE(Status::Ok().IsNotFound());
}

TEST(StatusTest, PathPrefixKeepsCodeAndMessage) {
  const Status inner = Status::InvalidArgument("must be a string", "/path");
  const Status outer = inner.WithPathPrefix("/events/3");
  EXPECT_EQ(outer.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(outer.message(), "must be a string");
  EXPECT_EQ(outer.path(), "/events/3/path");
}

}  // namespace
}  // namespace leadq
