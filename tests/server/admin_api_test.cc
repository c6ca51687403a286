// The admin API: API keys and roles, the flow lifecycle, leads (filters, paging, search,
// one lead in full, CSV), visitors (export, erase), retention, sites, health and metrics.
#include <gtest/gtest.h>

#include <tuple>
#include <vector>

#include "test_server.h"

namespace leadq::testing {
namespace {

using Json = nlohmann::json;

class AdminApiTest : public ::testing::Test {
 protected:
  TestServer server_{DemoFlowsDir()};
  std::unique_ptr<httplib::Client> client_ = server_.Client();
  httplib::Headers admin_ = Bearer(kAdminKey);

  std::string CreateKey(const std::string& role) {
    auto res =
        PostJson(*client_, "/api/v1/admin/keys", {{"name", role + " key"}, {"role", role}}, admin_);
    EXPECT_EQ(res->status, 201) << res->body;
    return Body(res)["key"].get<std::string>();
  }

  // A finished conversation; returns the session id.
  std::string Lead(const std::string& visitor,
                   const std::vector<std::pair<std::string, Json>>& answers) {
    const std::string session = StartSession(*client_, visitor);
    int n = 0;
    for (const auto& [step, value] : answers) {
      auto res = Answer(*client_, session, visitor + "-a" + std::to_string(++n), step, value);
      EXPECT_EQ(res->status, 200) << res->body;
      server_.clock().now += 1000;
    }
    return session;
  }
};

TEST_F(AdminApiTest, AFlowThatIsNotJsonIsRefusedWithItsLineAndColumn) {
  const std::string text = "{\n  \"format\": \"leadq.flow/1\",\n  \"id\": \"x\",,\n}";
  for (const char* path : {"/api/v1/admin/flows/validate", "/api/v1/admin/flows?site=demo-site"}) {
    auto res = client_->Post(path, admin_, text, "application/json");
    ExpectError(res, 400, "invalid_json");
    EXPECT_EQ(Body(res)["error"]["message"], "the body is not valid JSON (line 3, column 13)")
        << path;
  }
}

TEST_F(AdminApiTest, RolesDecideWhatAKeyMayDo) {
  const std::string sales = CreateKey("sales");
  const std::string marketer = CreateKey("marketer");
  struct Case {
    const char* name;
    std::string method, path, key;
    int status;
  };
  const Case cases[] = {
      {"sales reads leads", "GET", "/api/v1/admin/leads", sales, 200},
      {"sales may not read flows", "GET", "/api/v1/admin/flows?site=demo-site", sales, 403},
      {"sales may not list keys", "GET", "/api/v1/admin/keys", sales, 403},
      {"sales may not export visitors", "GET",
       "/api/v1/admin/visitors/visitor-none-1?site=demo-site", sales, 403},
      {"marketer reads flows", "GET", "/api/v1/admin/flows?site=demo-site", marketer, 200},
      {"marketer reads sites", "GET", "/api/v1/admin/sites", marketer, 200},
      {"marketer may not create keys", "POST", "/api/v1/admin/keys", marketer, 403},
      {"marketer may not erase", "DELETE", "/api/v1/admin/visitors/visitor-none-1?site=demo-site",
       marketer, 403},
      {"unknown key", "GET", "/api/v1/admin/leads", "lq_not-a-key", 401},
      {"no key", "GET", "/api/v1/admin/leads", "", 401},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    httplib::Headers headers = c.key.empty() ? httplib::Headers{} : Bearer(c.key);
    httplib::Result res = c.method == "GET" ? client_->Get(c.path.c_str(), headers)
                          : c.method == "POST"
                              ? client_->Post(c.path.c_str(), headers, "{}", "application/json")
                              : client_->Delete(c.path.c_str(), headers);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, c.status) << res->body;
    if (c.status == 403) ExpectError(res, 403, "forbidden");
    if (c.status == 401) ExpectError(res, 401, "unauthorized");
  }
  // Every key may ask for its own role; an unknown one is told it is not valid.
  for (const auto& [key, role] :
       {std::make_pair(sales, "sales"), std::make_pair(marketer, "marketer"),
        std::make_pair(std::string(kAdminKey), "admin")}) {
    EXPECT_EQ(Body(client_->Get("/api/v1/admin/me", Bearer(key)))["role"], role);
  }
  ExpectError(client_->Get("/api/v1/admin/me", Bearer("lq_not-a-key")), 401, "unauthorized");
  ExpectError(client_->Get("/api/v1/admin/me"), 401, "unauthorized");
  // A revoked key stops working at once; keys are listed without secrets.
  Json keys = Body(client_->Get("/api/v1/admin/keys", admin_))["keys"];
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_FALSE(keys[0].contains("key"));
  EXPECT_FALSE(keys[0].contains("key_hash"));
  const std::string sales_id = keys[0]["key_id"];
  EXPECT_EQ(client_->Delete(("/api/v1/admin/keys/" + sales_id).c_str(), admin_)->status, 200);
  ExpectError(client_->Get("/api/v1/admin/leads", Bearer(sales)), 401, "unauthorized");
}

TEST_F(AdminApiTest, FlowLifecycleValidateSavePublishRollBackDiff) {
  Json flow = DemoFlow();
  Json broken = flow;
  broken["steps"][1]["type"] = "telepathy";
  broken["default_language"] = 42;
  auto res = PostJson(*client_, "/api/v1/admin/flows/validate", broken, admin_);
  ASSERT_EQ(res->status, 200);
  Json validation = Body(res);
  EXPECT_FALSE(validation["valid"].get<bool>());
  ASSERT_GE(validation["problems"].size(), 2u) << "every problem at once";
  EXPECT_TRUE(validation["problems"][0]["path"].is_string());

  res = PostJson(*client_, "/api/v1/admin/flows?site=demo-site&publish=true", broken, admin_);
  ExpectError(res, 422, "invalid_flow");
  EXPECT_GE(Body(res)["error"]["problems"].size(), 2u);

  Json v2 = flow;
  v2["steps"][0]["text"]["en"] = "Hello again!";
  res = PostJson(*client_, "/api/v1/admin/flows?site=demo-site", v2, admin_);
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(Body(res)["version"], 2);
  // Saved, not published: visitors still get version 1.
  EXPECT_EQ(Body(client_->Get("/api/v1/flows/bant-demo?site=demo-site"))["flow_version"], 1);

  res = PostJson(*client_, "/api/v1/admin/flows/bant-demo/publish?site=demo-site", {{"version", 2}},
                 admin_);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Body(client_->Get("/api/v1/flows/bant-demo?site=demo-site"))["flow_version"], 2);

  Json versions =
      Body(client_->Get("/api/v1/admin/flows/bant-demo/versions?site=demo-site", admin_));
  ASSERT_EQ(versions["versions"].size(), 2u);
  EXPECT_EQ(versions["versions"][0]["version"], 2);
  Json one = Body(client_->Get("/api/v1/admin/flows/bant-demo/versions/2?site=demo-site", admin_));
  EXPECT_EQ(one["document"]["steps"][0]["text"]["en"], "Hello again!");

  Json diff =
      Body(client_->Get("/api/v1/admin/flows/bant-demo/diff?site=demo-site&from=1&to=2", admin_));
  ASSERT_EQ(diff["changes"].size(), 1u) << diff.dump();
  EXPECT_EQ(diff["changes"][0]["op"], "replace");
  EXPECT_EQ(diff["changes"][0]["path"], "/steps/0/text/en");

  res = PostJson(*client_, "/api/v1/admin/flows/bant-demo/rollback?site=demo-site", Json::object(),
                 admin_);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Body(res)["published_version"], 1);
  EXPECT_EQ(Body(client_->Get("/api/v1/flows/bant-demo?site=demo-site"))["flow_version"], 1);
  ExpectError(PostJson(*client_, "/api/v1/admin/flows/bant-demo/rollback?site=demo-site",
                       Json::object(), admin_),
              409, "conflict");
  ExpectError(PostJson(*client_, "/api/v1/admin/flows/bant-demo/publish?site=demo-site",
                       {{"version", 9}}, admin_),
              404, "not_found");
  Json list = Body(client_->Get("/api/v1/admin/flows?site=demo-site", admin_));
  EXPECT_EQ(list["flows"][0]["latest_version"], 2);
  EXPECT_EQ(list["flows"][0]["published_version"], 1);
}

TEST_F(AdminApiTest, LeadsFilterPageSearchAndExport) {
  const std::string hot = Lead("visitor-hot-0001", {{"budget", "over_50k"},
                                                    {"authority", "decision_maker"},
                                                    {"need", "losing_leads"},
                                                    {"timing", "within_2_weeks"},
                                                    {"email", "Ann@Example.com"}});
  const std::string cold = Lead("visitor-cold-001", {{"budget", "under_10k"}, {"need", "no_need"}});
  const std::string partial = Lead("visitor-part-001", {{"budget", "10k_50k"}});

  Json all = Body(client_->Get("/api/v1/admin/leads?site=demo-site", admin_));
  EXPECT_EQ(all["total"], 3);
  EXPECT_EQ(all["leads"][0]["lead_id"], partial) << "newest first";

  struct Case {
    const char* name;
    std::string query;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"qualified", "triage=qualified", {hot}},
      {"disqualified", "triage=disqualified", {cold}},
      {"grade high", "grade=high", {hot}},
      {"flow", "flow=bant-demo", {partial, cold, hot}},
      {"other flow", "flow=nope", {}},
      {"text search, any case", "q=ANN%40example", {hot}},
      {"like wildcards are literal", "q=%25", {}},
      {"date range", "from=0&to=" + std::to_string(server_.clock().now.load() - 3500), {hot}},
      {"paging", "limit=1&offset=1", {cold}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto res = client_->Get(("/api/v1/admin/leads?" + c.query).c_str(), admin_);
    ASSERT_EQ(res->status, 200) << res->body;
    std::vector<std::string> ids;
    const Json body = Body(res);  // kept alive: the loop below iterates into it
    for (const Json& lead : body["leads"]) ids.push_back(lead["lead_id"]);
    EXPECT_EQ(ids, c.expected);
  }
  ExpectError(client_->Get("/api/v1/admin/leads?triage=hot", admin_), 400, "invalid_argument",
              "/triage");
  ExpectError(client_->Get("/api/v1/admin/leads?limit=100000", admin_), 400, "invalid_argument",
              "/limit");

  auto csv = client_->Get("/api/v1/admin/leads.csv?triage=qualified", admin_);
  ASSERT_EQ(csv->status, 200);
  EXPECT_NE(csv->get_header_value("Content-Type").find("text/csv"), std::string::npos);
  EXPECT_EQ(csv->body.rfind("lead_id,site,", 0), 0u);
  EXPECT_NE(csv->body.find(hot), std::string::npos);
  EXPECT_EQ(csv->body.find(cold), std::string::npos);
  EXPECT_NE(csv->body.find("ann@example.com"), std::string::npos);
}

TEST_F(AdminApiTest, OneLeadHasProfilePointsReasonsAndTimeline) {
  client_->Post(
      "/api/v1/events",
      R"({"site":"demo-site","visitor_id":"visitor-full-001","events":[{"type":"page_view","path":"/pricing"}]})",
      "text/plain");
  const std::string lead = Lead("visitor-full-001", {{"budget", "over_50k"},
                                                     {"authority", "decision_maker"},
                                                     {"need", "losing_leads"},
                                                     {"timing", "within_2_weeks"},
                                                     {"email", "bo@example.com"}});
  auto res = client_->Get(("/api/v1/admin/leads/" + lead).c_str(), admin_);
  ASSERT_EQ(res->status, 200) << res->body;
  Json body = Body(res);
  EXPECT_EQ(body["triage"], "qualified");
  EXPECT_EQ(body["profile"]["fields"]["email"], "bo@example.com");
  EXPECT_EQ(body["profile"]["signals"]["pages"], Json({"/pricing"}));
  EXPECT_EQ(body["answers"].size(), 5u);
  ASSERT_FALSE(body["outcome"]["criteria"].empty());
  EXPECT_TRUE(body["outcome"]["criteria"][0]["reason"].is_string());
  EXPECT_GT(body["outcome"]["criteria"][0]["points"].get<double>(), 0);
  EXPECT_GT(body["sla_deadline_ms"].get<int64_t>(), 0);
  Json timeline = body["timeline"];
  ASSERT_GE(timeline.size(), 8u);
  EXPECT_EQ(timeline[0]["type"], "session_started");
  EXPECT_EQ(timeline.back()["type"], "decided");
  ExpectError(client_->Get("/api/v1/admin/leads/no-such-lead-1", admin_), 404, "not_found");
}

TEST_F(AdminApiTest, VisitorsMergeByEmailExportAndEraseCompletely) {
  // Two browsers of one person: the second gives the same e-mail and becomes one profile.
  Lead("visitor-laptop-1", {{"budget", "over_50k"}, {"email", "cy@example.com"}});
  Lead("visitor-phone-01", {{"authority", "decision_maker"}, {"email", "CY@example.com"}});
  Json exported =
      Body(client_->Get("/api/v1/admin/visitors/visitor-phone-01?site=demo-site", admin_));
  EXPECT_EQ(exported["visitor_id"], "visitor-laptop-1");
  EXPECT_EQ(exported["merged_visitor_ids"], Json({"visitor-phone-01"}));
  EXPECT_EQ(exported["profile"]["fields"]["budget"], "over_50k");
  EXPECT_EQ(exported["profile"]["fields"]["authority"], "decision_maker");
  EXPECT_EQ(exported["sessions"].size(), 2u);
  // A new session of the phone knows the laptop's answers.
  auto start =
      PostJson(*client_, "/api/v1/sessions",
               {{"site", "demo-site"}, {"flow", "bant-demo"}, {"visitor_id", "visitor-phone-01"}});
  EXPECT_EQ(Body(start)["profile"]["fields"]["budget"], "over_50k");

  auto erased = client_->Delete("/api/v1/admin/visitors/visitor-laptop-1?site=demo-site", admin_);
  ASSERT_EQ(erased->status, 200) << erased->body;
  ExpectError(client_->Get("/api/v1/admin/visitors/visitor-phone-01?site=demo-site", admin_), 404,
              "not_found");
  EXPECT_EQ(Body(client_->Get("/api/v1/admin/leads", admin_))["total"], 0);
  ExpectError(client_->Delete("/api/v1/admin/visitors/visitor-laptop-1?site=demo-site", admin_),
              404, "not_found");
}

TEST_F(AdminApiTest, RetentionPurgesOnlyOldRawEvents) {
  auto post = [&](const char* visitor) {
    return client_->Post("/api/v1/events",
                         std::string(R"({"site":"demo-site","visitor_id":")") + visitor +
                             R"(","events":[{"type":"page_view","path":"/a"}]})",
                         "text/plain");
  };
  ASSERT_EQ(post("visitor-old-0001")->status, 202);
  server_.clock().now += 40LL * 86'400'000;
  ASSERT_EQ(post("visitor-new-0001")->status, 202);
  auto res = PostJson(*client_, "/api/v1/admin/retention/purge", {{"days", 30}}, admin_);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Body(res)["purged_events"], 1);
  Json old = Body(client_->Get("/api/v1/admin/visitors/visitor-old-0001?site=demo-site", admin_));
  EXPECT_TRUE(old["events"].empty());
  EXPECT_EQ(old["profile"]["signals"]["page_views"], 1) << "the profile keeps its counts";
  ExpectError(PostJson(*client_, "/api/v1/admin/retention/purge", {{"days", 0}}, admin_), 400,
              "invalid_argument", "/days");
}

TEST_F(AdminApiTest, SitesWithKeysAndAllowedOrigins) {
  auto res = PostJson(*client_, "/api/v1/admin/sites",
                      {{"name", "Shop"}, {"allowed_origins", {"https://shop.example"}}}, admin_);
  ASSERT_EQ(res->status, 201) << res->body;
  const std::string key = Body(res)["site_key"];
  EXPECT_EQ(key.rfind("site_", 0), 0u);
  ExpectError(
      PostJson(*client_, "/api/v1/admin/sites", {{"site_key", key}, {"name", "Again"}}, admin_),
      409, "conflict");
  ExpectError(
      PostJson(*client_, "/api/v1/admin/sites",
               {{"name", "Bad"}, {"allowed_origins", {"https://ok.example", "javascript:x"}}},
               admin_),
      400, "invalid_argument", "/allowed_origins/1");
  res = client_->Put(("/api/v1/admin/sites/" + key).c_str(), admin_,
                     R"({"name":"Shop NL","allowed_origins":["https://shop.example.nl"]})",
                     "application/json");
  ASSERT_EQ(res->status, 200) << res->body;
  Json site = Body(client_->Get(("/api/v1/admin/sites/" + key).c_str(), admin_));
  EXPECT_EQ(site["allowed_origins"], Json({"https://shop.example.nl"}));
  // The new site's key works on the public API, from its own origin only.
  auto start = client_->Post("/api/v1/sessions", {{"Origin", "https://shop.example.nl"}},
                             Json{{"site", key}, {"flow", "bant-demo"}}.dump(), "application/json");
  ExpectError(start, 404, "not_found", "/flow");  // no flow published there yet
  EXPECT_EQ(start->get_header_value("Access-Control-Allow-Origin"), "https://shop.example.nl");
  ExpectError(client_->Post("/api/v1/sessions", {{"Origin", "https://shop.example"}},
                            Json{{"site", key}, {"flow", "bant-demo"}}.dump(), "application/json"),
              403, "origin_not_allowed");
}

TEST_F(AdminApiTest, SiteBusinessHoursAreCheckedKeptAndCleared) {
  const Json hours{{"time_zone", "Europe/Amsterdam"},
                   {"days", {"mon", "tue", "wed", "thu", "fri"}},
                   {"hours", {"09:00", "17:30"}},
                   {"holidays", {"2026-12-26", "2026-12-25"}}};
  auto res =
      PostJson(*client_, "/api/v1/admin/sites",
               {{"site_key", "site-hours"}, {"name", "Shop"}, {"business_hours", hours}}, admin_);
  ASSERT_EQ(res->status, 201) << res->body;
  Json site = Body(res);
  EXPECT_EQ(site["business_hours"]["time_zone"], "Europe/Amsterdam");
  EXPECT_EQ(site["business_hours"]["holidays"], Json({"2026-12-25", "2026-12-26"})) << "sorted";

  // Every problem is refused at its own place, and the site keeps what it had.
  const std::vector<std::tuple<Json, std::string, std::string>> bad = {
      {"weekdays", "/business_hours", "must be an object"},
      {Json::object(), "/business_hours/time_zone", "IANA"},
      {Json{{"time_zone", "Europe/Amsterdm"}, {"days", {"mon"}}, {"hours", {"09:00", "17:00"}}},
       "/business_hours/time_zone", "unknown time zone"},
      {Json{{"time_zone", "../../etc/passwd"}, {"days", {"mon"}}, {"hours", {"09:00", "17:00"}}},
       "/business_hours/time_zone", "invalid time zone name"},
      {Json{{"time_zone", "UTC"}, {"days", {"mon", "funday"}}, {"hours", {"09:00", "17:00"}}},
       "/business_hours/days/1", "must be a day"},
      {Json{{"time_zone", "UTC"}, {"days", {"mon"}}, {"hours", {"17:00", "09:00"}}},
       "/business_hours/hours/1", "later than the opening"},
      {Json{{"time_zone", "UTC"},
            {"days", {"mon"}},
            {"hours", {"09:00", "17:00"}},
            {"holidays", {"2026-02-30"}}},
       "/business_hours/holidays/0", "date"},
      {Json{{"time_zone", "UTC"},
            {"days", {"mon"}},
            {"hours", {"09:00", "17:00"}},
            {"time_zone_rule", "UTC0"}},
       "/business_hours/time_zone_rule", "not a member"},
  };
  for (const auto& [setting, path, message] : bad) {
    auto refused = client_->Put("/api/v1/admin/sites/site-hours", admin_,
                                Json{{"name", "Shop"}, {"business_hours", setting}}.dump(),
                                "application/json");
    ExpectError(refused, 400, "invalid_argument", path.c_str());
    EXPECT_NE(Body(refused)["error"]["message"].get<std::string>().find(message), std::string::npos)
        << refused->body;
  }
  site = Body(client_->Get("/api/v1/admin/sites/site-hours", admin_));
  EXPECT_EQ(site["business_hours"]["time_zone"], "Europe/Amsterdam");

  // An update without business hours keeps them; null removes them.
  res = client_->Put("/api/v1/admin/sites/site-hours", admin_, R"({"name":"Shop NL"})",
                     "application/json");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Body(res)["business_hours"]["days"].size(), 5u);
  res = client_->Put("/api/v1/admin/sites/site-hours", admin_,
                     R"({"name":"Shop NL","business_hours":null})", "application/json");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_TRUE(
      Body(client_->Get("/api/v1/admin/sites/site-hours", admin_))["business_hours"].is_null());
}

TEST_F(AdminApiTest, HealthAndMetrics) {
  auto health = client_->Get("/healthz");
  ASSERT_EQ(health->status, 200);
  EXPECT_EQ(Body(health)["status"], "ok");
  Lead("visitor-metric-1", {{"budget", "under_10k"}, {"need", "no_need"}});
  auto metrics = client_->Get("/metrics");
  ASSERT_EQ(metrics->status, 200);
  const std::string& text = metrics->body;
  EXPECT_NE(text.find("leadq_answers_stored_total 2"), std::string::npos) << text;
  EXPECT_NE(text.find("leadq_leads{triage=\"disqualified\"} 1"), std::string::npos);
  EXPECT_NE(text.find("leadq_outbox_depth 0"), std::string::npos);
  // Two answers one after the other, after the session's start: three commits at least.
  const std::string commits = "\nleadq_storage_write_transactions_total ";
  const size_t at = text.find(commits);
  ASSERT_NE(at, std::string::npos) << text;
  EXPECT_GE(std::stoll(text.substr(at + commits.size())), 3);
  EXPECT_NE(text.find("leadq_http_requests_total{method=\"POST\",route=\"/api/v1/sessions/"
                      "{session_id}/answers\",status=\"2xx\"} 2"),
            std::string::npos);
  EXPECT_NE(text.find("leadq_http_request_duration_seconds_bucket"), std::string::npos);
}

}  // namespace
}  // namespace leadq::testing
