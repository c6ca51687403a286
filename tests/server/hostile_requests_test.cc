// No client input produces a 500: a table of hostile requests is sent to EVERY route the
// server has (taken from its own route table), with and without an admin key. Each
// answer must be below 500, errors must have the documented shape, bodies that are not
// valid JSON objects must be refused on every route that reads a body, and the server
// must still be up afterwards.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "storage/sqlite_db.h"
#include "test_server.h"

namespace leadq::testing {
namespace {

using Json = nlohmann::json;

std::string Nested(char open, char close, int depth, const std::string& inner = "") {
  return std::string(depth, open) + inner + std::string(depth, close);
}

struct HostileBody {
  const char* name;
  std::string body;
  bool malformed;  // not a JSON object: every body-reading route must answer 4xx
};

std::vector<HostileBody> Bodies() {
  const std::string sql = "'; DROP TABLE leads; --";
  return {
      {"empty", "", true},
      {"truncated", "{\"site\":", true},
      {"array", "[1,2,3]", true},
      {"null", "null", true},
      {"string", "\"site\"", true},
      {"invalid utf-8", "{\"site\":\"\xff\xfe\xfd\"}", true},
      {"nul byte", std::string("{\"site\":\"a\0b\"}", 14), false},
      {"deep arrays", Nested('[', ']', 20000), true},
      {"deep objects", Nested('{', '}', 1, "\"a\":" + Nested('[', ']', 5000)), true},
      {"deep condition",
       "{\"format\":\"leadq.flow/1\",\"id\":\"x\",\"steps\":[{\"id\":\"s\",\"type\":\"yes_no\","
       "\"field\":\"f\",\"show_if\":" +
           [] {
             std::string deep;
             for (int i = 0; i < 2000; ++i) deep += "{\"all\":[";
             deep += "{}";
             for (int i = 0; i < 2000; ++i) deep += "]}";
             return deep;
           }() +
           "}]}",
       true},
      {"wrong types",
       R"({"site":{},"flow":[],"visitor_id":1,"session_id":true,"answer_id":null,"step":7,"value":{},"events":"x","version":[],"given":"yes","days":"30","name":5,"role":[],"allowed_origins":"x","site_key":1})",
       false},
      {"huge strings",
       R"({"site":")" + std::string(30000, 'a') + R"(","name":")" + std::string(20000, 'b') + "\"}",
       false},
      {"sql and markup",
       Json{{"site", "demo-site"},
            {"flow", sql},
            {"visitor_id", sql},
            {"answer_id", sql},
            {"step", "<script>alert(1)</script>"},
            {"value", sql},
            {"name", sql},
            {"role", sql},
            {"version", sql},
            {"given", true},
            {"days", 1e300}}
           .dump(),
       false},
      {"huge numbers",
       R"({"site":"demo-site","days":1e999,"version":123456789012345678901234567890})", false},
      {"valid-looking",
       R"({"site":"demo-site","flow":"bant-demo","visitor_id":"visitor-hostile-1","events":[{"type":"page_view","path":"/"}],"version":"v1","given":true,"days":1,"name":"n","role":"sales"})",
       false},
  };
}

const char* const kQueries[] = {
    "",
    "?site=demo-site",
    "?site=%00%ff",
    "?site=demo-site%27%20OR%20%271%27%3D%271",
    "?site=demo-site&limit=-1&offset=abc&from=99999999999999999999999&to=x",
    "?site=demo-site&publish=maybe&from=1&to=999999",
    "?site=demo-site&q=%25%27%22%3Cscript%3E&triage=%27&grade=%00",
};

const char* const kIds[] = {"12345678", "bant-demo", "x", "__________", "1"};

std::string Fill(std::string path, const std::string& id) {
  for (;;) {
    const size_t open = path.find('{');
    if (open == std::string::npos) return path;
    path.replace(open, path.find('}', open) - open + 1, id);
  }
}

TEST(HostileRequestsTest, NoInputToAnyRouteProducesA500) {
  TestServer server(DemoFlowsDir());
  auto client = server.Client();
  Json doc = Body(client->Get("/api/v1/openapi.json"));
  const std::vector<HostileBody> bodies = Bodies();
  const httplib::Headers with_key = Bearer(kAdminKey);
  const httplib::Headers evil = {{"Authorization", "Bearer ' OR 1=1 --"},
                                 {"Origin", "https://evil.example"}};
  int requests = 0;
  for (const RouteInfo& route : server.app().api.routes) {
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool reads_body = doc["paths"][route.doc_path][method].contains("requestBody");
    for (const char* id : kIds) {
      for (const char* query : kQueries) {
        const std::string path = Fill(route.doc_path, id) + query;
        for (const httplib::Headers* headers : {&with_key, &evil}) {
          const bool has_body = route.method == "POST" || route.method == "PUT";
          const std::vector<HostileBody> none = {{"no body", "", false}};
          for (const HostileBody& body : has_body ? bodies : none) {
            // The full body table once per route; other combinations with one body.
            if (has_body && (id != kIds[0] || query != kQueries[1]) && &body != &bodies.back()) {
              continue;
            }
            SCOPED_TRACE(route.method + " " + path + " [" + body.name + "]" +
                         (headers == &evil ? " evil headers" : ""));
            httplib::Result res =
                route.method == "GET" ? client->Get(path.c_str(), *headers)
                : route.method == "POST"
                    ? client->Post(path.c_str(), *headers, body.body, "text/plain")
                : route.method == "PUT"
                    ? client->Put(path.c_str(), *headers, body.body, "application/json")
                    : client->Delete(path.c_str(), *headers);
            ++requests;
            ASSERT_TRUE(res) << httplib::to_string(res.error());
            EXPECT_LT(res->status, 500) << res->body;
            if (res->status >= 400) {
              Json error = Json::parse(res->body, nullptr, false);
              ASSERT_TRUE(error.is_object() && error["error"].is_object()) << res->body;
              EXPECT_TRUE(error["error"]["code"].is_string());
              EXPECT_TRUE(error["error"]["message"].is_string());
              EXPECT_TRUE(error["error"]["path"].is_string());
            }
            if (reads_body && body.malformed && headers == &with_key) {
              EXPECT_GE(res->status, 400) << res->body;
            }
          }
        }
      }
    }
  }
  EXPECT_GT(requests, 1000);
  // Too large for any route: 413 with the shape.
  ExpectError(client->Post("/api/v1/sessions", std::string(200 * 1024, '{'), "application/json"),
              413, "payload_too_large");
  // Still up, and nothing hostile was published: a JSON object sent as a draft is kept as
  // a draft (drafts may hold anything; only a valid flow is published).
  EXPECT_EQ(client->Get("/healthz")->status, 200);
  auto flows = client->Get("/api/v1/admin/flows?site=demo-site", with_key);
  const Json listed = Body(flows);
  int published = 0;
  for (const Json& flow : listed["flows"]) published += flow["published_version"] == 0 ? 0 : 1;
  EXPECT_EQ(published, 1) << flows->body;
  auto demo = client->Get("/api/v1/admin/flows/bant-demo/versions?site=demo-site", with_key);
  EXPECT_EQ(Body(demo)["versions"].size(), 1u) << demo->body;
}

TEST(HostileRequestsTest, SqlMetacharactersAndMarkupAreStoredVerbatim) {
  TestServer server(DemoFlowsDir());
  auto client = server.Client();
  const std::string session = StartSession(*client, "visitor-verbatim");
  // The demo flow has no free-text question; the e-mail local part may hold quotes.
  const std::string email = "o'neil+<b>x</b>@example.com";
  auto res = Answer(*client, session, "answer-verbatim-1", "email", email);
  ASSERT_TRUE(res);
  if (res->status == 200) {
    auto stored = client->Get(("/api/v1/admin/sessions/" + session).c_str(), Bearer(kAdminKey));
    EXPECT_EQ(Body(stored)["answers"][0]["value"], email);
  } else {
    ExpectError(res, 422, "invalid_answer", "/value");
  }
  // Event paths and titles are free text: stored as sent.
  const std::string path = "/p?q='; DROP TABLE events; --<script>";
  res = client->Post("/api/v1/events",
                     Json{{"site", "demo-site"},
                          {"visitor_id", "visitor-verbatim"},
                          {"events", {{{"type", "page_view"}, {"path", path}, {"title", "<h1>"}}}}}
                         .dump(),
                     "text/plain");
  ASSERT_EQ(res->status, 202) << res->body;
  Json exported = Body(
      client->Get("/api/v1/admin/visitors/visitor-verbatim?site=demo-site", Bearer(kAdminKey)));
  EXPECT_EQ(exported["events"][0]["path"], path);
  EXPECT_EQ(exported["events"][0]["data"]["title"], "<h1>");
}

// Sends `request` as it is on a new connection to the server at `origin` and returns the
// status line of the answer ("" when none came within 5 s).
// How many answers `session` has stored.
size_t ValueOfAnswers(TestServer& server, const std::string& session) {
  Result<std::vector<AnswerRecord>> answers = server.storage().ListAnswers(session);
  return answers.ok() ? answers.value().size() : 0;
}

std::string RawStatusLine(const std::string& origin, const std::string& request) {
  const int port = std::stoi(origin.substr(origin.rfind(':') + 1));
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
    char buffer[512];
    const ssize_t got = recv(fd, buffer, sizeof buffer, 0);
    if (got > 0) answer.assign(buffer, static_cast<size_t>(got));
  }
  close(fd);
  return answer.substr(0, answer.find("\r\n"));
}

// Outside the admin API bodies are small and of known length, refused from the headers
// alone; the admin API takes the large flow documents a console edits.
TEST(HostileRequestsTest, BodyLimitsAreThePublicAPIsOwnAndTheAdminAPIsLarger) {
  TestServer server(DemoFlowsDir());
  auto client = server.Client();
  ExpectError(
      client->Post("/api/v1/sessions", std::string(65 * 1024, ' ') + "{}", "application/json"), 413,
      "payload_too_large");
  const std::string body = R"({"site":"demo-site","flow":"bant-demo"})";
  EXPECT_EQ(RawStatusLine(server.origin(),
                          "POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\n"
                          "Content-Type: application/json\r\n"
                          "Content-Length: -1\r\n\r\n" +
                              body),
            "HTTP/1.1 400 Bad Request");
  EXPECT_EQ(RawStatusLine(server.origin(),
                          "POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\n"
                          "Content-Type: application/json\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n" +
                              std::to_string(body.size()) + "\r\n" + body + "\r\n0\r\n\r\n"),
            "HTTP/1.1 411 Length Required");

  // A flow document of ~300 KB is a draft like any other; above 4 MiB is refused.
  Json flow = DemoFlow();
  flow["id"] = "large";
  for (int i = 0; i < 600; ++i) {
    flow["steps"].push_back(
        {{"id", "note" + std::to_string(i)}, {"type", "message"}, {"text", std::string(450, 'x')}});
  }
  const std::string large = flow.dump();
  ASSERT_GT(large.size(), 250u * 1024);
  auto saved = client->Put("/api/v1/admin/flows/large/draft?site=demo-site", Bearer(kAdminKey),
                           large, "application/json");
  ASSERT_EQ(saved->status, 201) << saved->body.substr(0, 300);
  ExpectError(client->Put("/api/v1/admin/flows/large/draft?site=demo-site", Bearer(kAdminKey),
                          std::string(5 * 1024 * 1024, ' ') + "{}", "application/json"),
              413, "payload_too_large");
  EXPECT_EQ(client->Get("/healthz")->status, 200);
}

// The console and the API cannot be framed by another site, sniffed as another type or
// leak their address; the widget's files, which run inside customers' pages, are left to
// their policies.
TEST(HostileRequestsTest, TheConsoleAndTheApiSendTheirSecurityPolicyAsHeaders) {
  TestServer server(DemoFlowsDir());
  auto client = server.Client();
  auto console = client->Get("/console/");
  ASSERT_EQ(console->status, 200);
  const std::string policy = console->get_header_value("Content-Security-Policy");
  EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos) << policy;
  EXPECT_NE(policy.find("script-src 'self' 'wasm-unsafe-eval'"), std::string::npos) << policy;
  EXPECT_EQ(console->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(console->get_header_value("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(console->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(console->get_header_value("Cross-Origin-Opener-Policy"), "same-origin");
  EXPECT_EQ(client->Get("/console/console.js")->get_header_value("X-Frame-Options"), "DENY");

  // The preview page is framed by the console, and by nothing else.
  auto preview = client->Get("/console/preview.html");
  ASSERT_EQ(preview->status, 200);
  EXPECT_NE(preview->get_header_value("Content-Security-Policy").find("frame-ancestors 'self'"),
            std::string::npos);
  EXPECT_EQ(preview->get_header_value("X-Frame-Options"), "SAMEORIGIN");

  for (const char* path : {"/api/v1/admin/me", "/api/v1/flows/bant-demo?site=demo-site", "/healthz",
                           "/api/v1/no-such-thing"}) {
    auto res = client->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->get_header_value("Content-Security-Policy"),
              "default-src 'none'; frame-ancestors 'none'")
        << path;
    EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY") << path;
    EXPECT_EQ(res->get_header_value("Referrer-Policy"), "no-referrer") << path;
  }
  auto widget = client->Get("/widget/leadq.js");
  if (widget && widget->status == 200) {
    EXPECT_FALSE(widget->has_header("X-Frame-Options")) << "the widget runs in customers' pages";
  }
}

// A NUL in a static path would end the file name early and serve another file under this
// one's type; a body framed by both Content-Length and Transfer-Encoding is one two
// parsers may read differently. Both are refused with the error shape.
TEST(HostileRequestsTest, ControlCharactersInPathsAndDoublyFramedBodiesAreRefused) {
  TestServer server(DemoFlowsDir());
  auto client = server.Client();
  for (const char* path : {"/console/console.js%00.html", "/console/%0d%0aSet-Cookie:x",
                           "/api/v1/flows/bant-demo%00?site=demo-site", "/%7f"}) {
    auto res = client->Get(path);
    ASSERT_TRUE(res) << path;
    ExpectError(res, 400, "bad_request");
    EXPECT_NE(res->get_header_value("Content-Type").find("application/json"), std::string::npos)
        << path;
  }
  const std::string body = R"({"site":"demo-site","flow":"bant-demo"})";
  for (const char* path : {"/api/v1/sessions", "/api/v1/admin/flows/validate"}) {
    EXPECT_EQ(
        RawStatusLine(server.origin(),
                      std::string("POST ") + path +
                          " HTTP/1.1\r\nHost: x\r\n"
                          "Content-Type: application/json\r\n"
                          "Content-Length: " +
                          std::to_string(body.size()) + "\r\nTransfer-Encoding: chunked\r\n\r\n" +
                          std::to_string(body.size()) + "\r\n" + body + "\r\n0\r\n\r\n"),
        "HTTP/1.1 400 Bad Request")
        << path;
  }
  // Thousands of header lines: refused (431) before any route reads them.
  httplib::Headers many;
  for (int i = 0; i < 5000; ++i) many.emplace("X-Filler-" + std::to_string(i), "x");
  auto crowded = client->Get("/api/v1/flows/bant-demo?site=demo-site", many);
  ASSERT_TRUE(crowded);
  EXPECT_EQ(crowded->status, 431);
  EXPECT_EQ(Body(crowded)["error"]["code"], "bad_request");
  httplib::Headers some;
  for (int i = 0; i < 60; ++i) some.emplace("X-Filler-" + std::to_string(i), "x");
  EXPECT_EQ(client->Get("/api/v1/flows/bant-demo?site=demo-site", some)->status, 200);
  EXPECT_EQ(client->Get("/console/console.js")->status, 200) << "a clean path is served";
  EXPECT_EQ(client->Get("/healthz")->status, 200);
}

// A full disk (SQLite's max_page_count reached, as when the file system is full): the API
// answers 503 with Retry-After and a message that names no file or SQL, acknowledges
// nothing it did not store, keeps serving reads, readiness says so, and it recovers by
// itself once there is room; the database passes integrity_check.
TEST(HostileRequestsTest, AFullDatabaseAnswers503AndRecoversWhenThereIsRoomAgain) {
  TestServer server(DemoFlowsDir());
  auto client = server.Client();
  const std::string session = StartSession(*client);
  ASSERT_FALSE(session.empty());
  ASSERT_TRUE(server.storage().LimitPages(1).ok());
  // The file may have free pages left: new sessions fill them, then one is refused.
  int status = 0;
  std::string body;
  std::string retry_after;
  for (int i = 0; i < 2000 && status != 503; ++i) {
    auto res = PostJson(*client, "/api/v1/sessions",
                        {{"site", "demo-site"},
                         {"flow", "bant-demo"},
                         {"visitor_id", "visitor-full-" + std::to_string(i)}});
    ASSERT_TRUE(res);
    ASSERT_TRUE(res->status == 200 || res->status == 503) << res->status << " " << res->body;
    status = res->status;
    body = res->body;
    retry_after = res->get_header_value("Retry-After");
  }
  ASSERT_EQ(status, 503) << "the database never filled";
  EXPECT_EQ(Json::parse(body)["error"]["code"], "unavailable") << body;
  EXPECT_EQ(retry_after, "5");
  for (const char* leak : {"SQLITE", "sqlite", "disk", "step", ".db", "INSERT"}) {
    EXPECT_EQ(body.find(leak), std::string::npos) << leak << ": " << body;
  }
  ExpectError(Answer(*client, session, "answer-full", "budget", "over_50k"), 503, "unavailable");
  ExpectError(client->Get("/readyz"), 503, "unavailable");
  auto health = client->Get("/healthz");
  EXPECT_EQ(health->status, 200) << "alive: reads are served";
  EXPECT_EQ(Body(health)["writes"], "failing");
  EXPECT_EQ(client->Get("/api/v1/flows/bant-demo?site=demo-site")->status, 200);
  EXPECT_EQ(client->Get(("/api/v1/admin/sessions/" + session).c_str(), Bearer(kAdminKey))->status,
            200);

  // Room again: the same answer is stored once, readiness comes back.
  ASSERT_TRUE(server.storage().LimitPages(1'000'000'000).ok());
  auto stored = Answer(*client, session, "answer-full", "budget", "over_50k");
  ASSERT_EQ(stored->status, 200) << stored->body;
  EXPECT_EQ(Answer(*client, session, "answer-full", "budget", "over_50k")->status, 200);
  EXPECT_EQ(ValueOfAnswers(server, session), 1u);
  EXPECT_EQ(client->Get("/readyz")->status, 200);
  EXPECT_EQ(Body(client->Get("/healthz"))["writes"], "ok");

  auto db = Database::Open(server.data_dir() + "/leadq.db");
  ASSERT_TRUE(db.ok());
  auto check = db.value()->Prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check.ok());
  ASSERT_TRUE(check.value().Step().value());
  EXPECT_EQ(check.value().Text(0), "ok");
}

}  // namespace
}  // namespace leadq::testing
