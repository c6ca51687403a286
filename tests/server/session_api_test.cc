// The thin end-to-end slice through HTTP: start a session, answer every question of the
// demo flow, and find the answers and the server's own outcome stored.
#include <gtest/gtest.h>

#include "leadq/api.h"
#include "storage/sqlite_db.h"
#include "test_server.h"

namespace leadq::testing {
namespace {

using Json = nlohmann::json;

class SessionApiTest : public ::testing::Test {
 protected:
  TestServer server_{DemoFlowsDir()};
  std::unique_ptr<httplib::Client> client_ = server_.Client();

  std::string StartSession() {
    auto res =
        PostJson(*client_, "/api/v1/sessions", {{"site", "demo-site"}, {"flow", "bant-demo"}});
    EXPECT_EQ(res->status, 200) << res->body;
    return Body(res)["session_id"].get<std::string>();
  }

  httplib::Result Answer(const std::string& session, const std::string& answer_id,
                         const std::string& step, const Json& value) {
    return PostJson(
        *client_, "/api/v1/sessions/" + session + "/answers",
        {{"site", "demo-site"}, {"answer_id", answer_id}, {"step", step}, {"value", value}});
  }

  Json AdminSession(const std::string& session) {
    httplib::Headers headers = {{"Authorization", std::string("Bearer ") + kAdminKey}};
    auto res = client_->Get(("/api/v1/admin/sessions/" + session).c_str(), headers);
    EXPECT_EQ(res->status, 200) << res->body;
    return Body(res);
  }
};

TEST_F(SessionApiTest, QualifiedLeadIsStoredWithTheServersOutcome) {
  const std::string session = StartSession();
  const std::pair<const char*, Json> answers[] = {{"budget", "over_50k"},
                                                  {"authority", "decision_maker"},
                                                  {"need", "losing_leads"},
                                                  {"timing", "within_2_weeks"},
                                                  {"email", " Ann@Example.com "}};
  int n = 0;
  Json last;
  std::string last_text;
  for (const auto& [step, value] : answers) {
    auto res = Answer(session, "answer-" + std::to_string(++n) + "-abcdef", step, value);
    ASSERT_EQ(res->status, 200) << res->body;
    last = Body(res);
    last_text = res->body;
  }
  EXPECT_TRUE(last["done"].get<bool>());
  EXPECT_EQ(last["outcome"]["triage"], "qualified");
  EXPECT_EQ(last["outcome"]["grade"], "high");
  EXPECT_EQ(last["outcome"]["total_points"], 100.0);

  Json stored = AdminSession(session);
  EXPECT_EQ(stored["outcome"], last["outcome"]);
  EXPECT_TRUE(stored["done"].get<bool>());
  ASSERT_EQ(stored["answers"].size(), 5u);
  EXPECT_EQ(stored["answers"][4]["value"], "ann@example.com") << "answers are stored normalised";

  // The outcome is printed once, by the core: the response carries the stored bytes, and
  // they are the canonical text nlohmann/json prints for the same value.
  auto db = Database::Open(server_.data_dir() + "/leadq.db");
  ASSERT_TRUE(db.ok());
  auto column = db.value()->Prepare("SELECT outcome FROM leads WHERE session_id = ?1");
  ASSERT_TRUE(column.ok());
  column.value().Bind(1, session);
  ASSERT_TRUE(column.value().Step().value());
  const std::string stored_text = column.value().Text(0);
  EXPECT_EQ(Json::parse(stored_text).dump(), stored_text);
  EXPECT_EQ(last_text.substr(last_text.find("\"outcome\":") + 10), stored_text + "}");
  auto retry = Answer(session, "answer-5-abcdef", "email", "ann@example.com");
  EXPECT_EQ(Body(retry)["outcome"], last["outcome"]) << "a retried answer gets the same outcome";
}

TEST_F(SessionApiTest, RetriedAnswerIsStoredOnce) {
  const std::string session = StartSession();
  ASSERT_EQ(Answer(session, "answer-once-0001", "budget", "under_10k")->status, 200);
  auto retry = Answer(session, "answer-once-0001", "budget", "under_10k");
  ASSERT_EQ(retry->status, 200);
  EXPECT_TRUE(Body(retry)["duplicate"].get<bool>());
  EXPECT_EQ(AdminSession(session)["answers"].size(), 1u);
}

TEST_F(SessionApiTest, ClientClaimsAboutTheOutcomeAreIgnored) {
  const std::string session = StartSession();
  auto res = PostJson(*client_, "/api/v1/sessions/" + session + "/answers",
                      {{"site", "demo-site"},
                       {"answer_id", "answer-claim-0001"},
                       {"step", "need"},
                       {"value", "no_need"},
                       {"outcome", {{"triage", "qualified"}}},
                       {"total_points", 1000}});
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(Body(res)["outcome"]["triage"], "disqualified");
  EXPECT_EQ(AdminSession(session)["outcome"]["knockout"]["id"], "no_need");
}

TEST_F(SessionApiTest, AnswersAfterTheEndAreRefusedAndNotStored) {
  // Answering the last question ends the conversation.
  const std::string finished = StartSession();
  int n = 0;
  for (const auto& [step, value] :
       std::vector<std::pair<std::string, Json>>{{"budget", "over_50k"},
                                                 {"authority", "decision_maker"},
                                                 {"need", "losing_leads"},
                                                 {"timing", "within_2_weeks"},
                                                 {"email", "end@example.com"}}) {
    ASSERT_EQ(Answer(finished, "answer-end-000" + std::to_string(++n), step, value)->status, 200);
  }
  const Json before = AdminSession(finished);
  auto after = Answer(finished, "answer-end-0009", "budget", "under_10k");
  EXPECT_EQ(after->status, 409) << after->body;
  EXPECT_EQ(Body(after)["error"]["code"], "conversation_ended");
  EXPECT_EQ(Body(after)["error"]["path"], "/session_id");
  // An invalid answer gets the same 409: the end is the first thing said.
  auto invalid = Answer(finished, "answer-end-0010", "email", "not an address");
  EXPECT_EQ(invalid->status, 409) << invalid->body;
  const Json now = AdminSession(finished);
  EXPECT_EQ(now["answers"].size(), 5u) << "not stored";
  EXPECT_EQ(now["outcome"], before["outcome"]) << "not re-decided";
  // A retry of the answer that ended it is still acknowledged as what it was.
  auto retry = Answer(finished, "answer-end-0005", "email", "end@example.com");
  ASSERT_EQ(retry->status, 200);
  EXPECT_TRUE(Body(retry)["duplicate"].get<bool>());
}

TEST_F(SessionApiTest, ResumingReturnsStoredAnswersAndKnownFieldsAreSkippable) {
  const std::string session = StartSession();
  ASSERT_EQ(Answer(session, "answer-resume-001", "budget", "10k_50k")->status, 200);
  Json first = AdminSession(session);
  auto resumed = PostJson(*client_, "/api/v1/sessions",
                          {{"site", "demo-site"}, {"flow", "bant-demo"}, {"session_id", session}});
  ASSERT_EQ(resumed->status, 200);
  Json body = Body(resumed);
  EXPECT_TRUE(body["resumed"].get<bool>());
  ASSERT_EQ(body["answers"].size(), 1u);
  EXPECT_EQ(body["answers"][0]["value"], "10k_50k");

  // A new session of the same visitor knows the budget already.
  auto again =
      PostJson(*client_, "/api/v1/sessions",
               {{"site", "demo-site"}, {"flow", "bant-demo"}, {"visitor_id", first["visitor_id"]}});
  ASSERT_EQ(again->status, 200);
  EXPECT_EQ(Body(again)["profile"]["fields"]["budget"], "10k_50k");
}

struct BadRequestCase {
  const char* name;
  std::string method;
  std::string path;
  std::string body;
  int status;
  const char* code;
  const char* error_path;
};

TEST_F(SessionApiTest, BadRequestsGetTheErrorShape) {
  const std::string session = StartSession();
  const std::string answers = "/api/v1/sessions/" + session + "/answers";
  const BadRequestCase cases[] = {
      {"malformed json", "POST", "/api/v1/sessions", "{bad", 400, "invalid_json", ""},
      {"not an object", "POST", "/api/v1/sessions", "[1,2]", 400, "invalid_argument", ""},
      {"missing site", "POST", "/api/v1/sessions", R"({"flow":"bant-demo"})", 400,
       "invalid_argument", "/site"},
      {"site not a string", "POST", "/api/v1/sessions", R"({"site":7,"flow":"x"})", 400,
       "invalid_argument", "/site"},
      {"unknown site", "POST", "/api/v1/sessions", R"({"site":"nope","flow":"bant-demo"})", 401,
       "unauthorized", "/site"},
      {"unknown flow", "POST", "/api/v1/sessions", R"({"site":"demo-site","flow":"nope"})", 404,
       "not_found", "/flow"},
      {"bad visitor id", "POST", "/api/v1/sessions",
       R"({"site":"demo-site","flow":"bant-demo","visitor_id":"<script>"})", 400,
       "invalid_argument", "/visitor_id"},
      {"invalid answer", "POST", answers,
       R"({"site":"demo-site","answer_id":"abcdefgh1","step":"email","value":"x"})", 422,
       "invalid_answer", "/value"},
      {"unknown step", "POST", answers,
       R"({"site":"demo-site","answer_id":"abcdefgh2","step":"nope","value":"x"})", 400,
       "invalid_argument", "/step"},
      {"missing value", "POST", answers,
       R"({"site":"demo-site","answer_id":"abcdefgh3","step":"budget"})", 400, "invalid_argument",
       "/value"},
      {"short answer id", "POST", answers,
       R"({"site":"demo-site","answer_id":"a","step":"budget","value":"under_10k"})", 400,
       "invalid_argument", "/answer_id"},
      {"unknown session", "POST", "/api/v1/sessions/nosuchsession/answers",
       R"({"site":"demo-site","answer_id":"abcdefgh4","step":"budget","value":"under_10k"})", 404,
       "not_found", "/session_id"},
      {"oversized body", "POST", "/api/v1/sessions", std::string(100 * 1024, 'x'), 413,
       "payload_too_large", ""},
      {"no route", "GET", "/api/v1/nothing-here", "", 404, "not_found", ""},
      {"admin without key", "GET", "/api/v1/admin/sessions/" + session, "", 401, "unauthorized",
       ""},
      {"flow without site", "GET", "/api/v1/flows/bant-demo", "", 400, "invalid_argument", "/site"},
  };
  for (const BadRequestCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto res = c.method == "GET" ? client_->Get(c.path.c_str())
                                 : client_->Post(c.path.c_str(), c.body, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, c.status) << res->body;
    Json body = Json::parse(res->body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << res->body;
    EXPECT_EQ(body["error"]["code"], c.code) << res->body;
    EXPECT_TRUE(body["error"]["message"].is_string());
    EXPECT_EQ(body["error"]["path"], c.error_path) << res->body;
  }
  EXPECT_EQ(client_->Get("/api/v1/flows/bant-demo?site=demo-site")->status, 200) << "still up";
}

TEST_F(SessionApiTest, OriginsOutsideTheSitesAllowlistAreRefused) {
  httplib::Headers evil = {{"Origin", "https://evil.example"}};
  auto res = client_->Post("/api/v1/sessions", evil, R"({"site":"demo-site","flow":"bant-demo"})",
                           "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  httplib::Headers own = {{"Origin", server_.origin()}};
  res = client_->Post("/api/v1/sessions", own, R"({"site":"demo-site","flow":"bant-demo"})",
                      "application/json");
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Access-Control-Allow-Origin"), server_.origin());
}

TEST_F(SessionApiTest, FlowIsServedWithAnEtag) {
  auto res = client_->Get("/api/v1/flows/bant-demo?site=demo-site");
  ASSERT_EQ(res->status, 200);
  const std::string etag = res->get_header_value("ETag");
  EXPECT_FALSE(etag.empty());
  EXPECT_EQ(Body(res)["flow"]["id"], "bant-demo");
  auto cached = client_->Get("/api/v1/flows/bant-demo?site=demo-site", {{"If-None-Match", etag}});
  EXPECT_EQ(cached->status, 304);
}

TEST_F(SessionApiTest, FlowIsServedCompiledForTheWidgetsRuntime) {
  auto res = client_->Get("/api/v1/flows/bant-demo?site=demo-site&form=compiled");
  ASSERT_EQ(res->status, 200);
  const Json body = Body(res);
  EXPECT_EQ(body["flow"]["compiled"], 2);
  EXPECT_EQ(body["flow"]["id"], "bant-demo");
  EXPECT_TRUE(body["flow"]["steps"].is_array());
  // The runtime converses on it as the whole engine does on the document.
  auto document = client_->Get("/api/v1/flows/bant-demo?site=demo-site&form=document");
  ASSERT_EQ(document->status, 200);
  const Json request = {{"answers", Json::array()}, {"language", "nl"}};
  Json on_compiled = request, on_document = request;
  on_compiled["flow"] = body["flow"];
  on_document["flow"] = Body(document)["flow"];
  const std::string turn = CallCompiled("next", on_compiled.dump());
  EXPECT_EQ(Json::parse(turn)["ok"], true) << turn;
  EXPECT_EQ(turn, Call("next", on_document.dump()));
  // Each form has its own ETag.
  const std::string etag = res->get_header_value("ETag");
  EXPECT_NE(etag, document->get_header_value("ETag"));
  auto cached = client_->Get("/api/v1/flows/bant-demo?site=demo-site&form=compiled",
                             {{"If-None-Match", etag}});
  EXPECT_EQ(cached->status, 304);
  auto unknown = client_->Get("/api/v1/flows/bant-demo?site=demo-site&form=binary");
  ASSERT_EQ(unknown->status, 400);
  EXPECT_EQ(Body(unknown)["error"]["path"], "/form");
}

}  // namespace
}  // namespace leadq::testing
