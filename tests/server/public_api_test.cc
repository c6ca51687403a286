// The public API beyond sessions and answers: implicit events feeding the profile and
// the server's decision, consent records, the honeypot, rate limits and CORS.
#include <gtest/gtest.h>

#include "test_server.h"

namespace leadq::testing {
namespace {

using Json = nlohmann::json;

class PublicApiTest : public ::testing::Test {
 protected:
  TestServer server_{DemoFlowsDir()};
  std::unique_ptr<httplib::Client> client_ = server_.Client();

  Json ExportVisitor(const std::string& visitor) {
    auto res = client_->Get(("/api/v1/admin/visitors/" + visitor + "?site=demo-site").c_str(),
                            Bearer(kAdminKey));
    EXPECT_EQ(res->status, 200) << res->body;
    return Body(res);
  }
};

TEST_F(PublicApiTest, EventsSentAsTextPlainBuildTheImplicitProfile) {
  const std::string events = R"({"site":"demo-site","visitor_id":"visitor-events-1","events":[
      {"type":"page_view","path":"/pricing","title":"Pricing","at_ms":1,
       "referrer":"https://www.google.com/search?q=leads"},
      {"type":"time_on_page","path":"/pricing","seconds":40},
      {"type":"page_view","path":"/demo","utm":{"source":"newsletter","medium":"email"}}]})";
  auto res = client_->Post("/api/v1/events", events, "text/plain;charset=UTF-8");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202) << res->body;
  EXPECT_EQ(Body(res)["accepted"], 3);

  // A later visit (more than 30 minutes on) counts as a second visit.
  server_.clock().now += 31 * 60 * 1000;
  res = client_->Post(
      "/api/v1/events",
      R"({"site":"demo-site","visitor_id":"visitor-events-1","events":[{"type":"page_view","path":"/pricing"}]})",
      "text/plain");
  ASSERT_EQ(res->status, 202) << res->body;

  Json signals = ExportVisitor("visitor-events-1")["profile"]["signals"];
  EXPECT_EQ(signals["page_views"], 3);
  EXPECT_EQ(signals["visits"], 2);
  EXPECT_EQ(signals["time_on_site"], 40);
  EXPECT_EQ(signals["channel"], "organic") << "the entry channel is the first one";
  EXPECT_EQ(signals["utm"]["medium"], "email");
  EXPECT_EQ(signals["pages"], Json({"/demo", "/pricing"}));
}

// Exactly what the widget's signals.js sends: a "visit" event carrying the channel it
// saw (in its own words), then the page view, with "consent": true beside the batch.
TEST_F(PublicApiTest, TheWidgetsVisitEventsCountVisitsOnce) {
  const std::string batch = R"({"site":"demo-site","visitor_id":"visitor-widget-1","consent":true,
    "events":[{"type":"visit","at_ms":5,"visit":1,"channel":"organic_search",
               "utm":{"source":"google","id":"abc"}},
              {"type":"page_view","path":"/","title":"Home","at_ms":5}]})";
  auto res = client_->Post("/api/v1/events", batch, "text/plain;charset=UTF-8");
  ASSERT_EQ(res->status, 202) << res->body;
  Json signals = ExportVisitor("visitor-widget-1")["profile"]["signals"];
  EXPECT_EQ(signals["visits"], 1);
  EXPECT_EQ(signals["page_views"], 1);
  EXPECT_EQ(signals["channel"], "organic") << "the flow format's word for search";
  EXPECT_EQ(signals["utm"]["source"], "google");
}

TEST_F(PublicApiTest, BadEventsAreRefusedWithThePath) {
  struct Case {
    const char* name;
    std::string body;
    const char* path;
  };
  const Case cases[] = {
      {"no events", R"({"site":"demo-site","visitor_id":"visitor-x-0001"})", "/events"},
      {"empty batch", R"({"site":"demo-site","visitor_id":"visitor-x-0001","events":[]})",
       "/events"},
      {"unknown type",
       R"({"site":"demo-site","visitor_id":"visitor-x-0001","events":[{"type":"click","path":"/"}]})",
       "/events/0/type"},
      {"seconds not a number",
       R"({"site":"demo-site","visitor_id":"visitor-x-0001","events":[{"type":"time_on_page","path":"/","seconds":"9"}]})",
       "/events/0/seconds"},
      {"utm not an object",
       R"({"site":"demo-site","visitor_id":"visitor-x-0001","events":[{"type":"page_view","path":"/","utm":"x"}]})",
       "/events/0/utm"},
      {"huge path",
       R"({"site":"demo-site","visitor_id":"visitor-x-0001","events":[{"type":"page_view","path":")" +
           std::string(5000, 'a') + R"("}]})",
       "/events/0/path"},
      {"bad visitor",
       R"({"site":"demo-site","visitor_id":"x","events":[{"type":"page_view","path":"/"}]})",
       "/visitor_id"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ExpectError(client_->Post("/api/v1/events", c.body, "text/plain"), 400, "invalid_argument",
                c.path);
  }
}

TEST_F(PublicApiTest, ConsentIsRecordedWithVersionAndTime) {
  auto res = PostJson(*client_, "/api/v1/consent",
                      {{"site", "demo-site"},
                       {"visitor_id", "visitor-consent-1"},
                       {"version", "privacy-2026-01"},
                       {"given", true}});
  ASSERT_EQ(res->status, 200) << res->body;
  server_.clock().now += 1000;
  res = PostJson(*client_, "/api/v1/consent",
                 {{"site", "demo-site"},
                  {"visitor_id", "visitor-consent-1"},
                  {"version", "privacy-2026-01"},
                  {"given", false}});
  ASSERT_EQ(res->status, 200) << res->body;
  Json consents = ExportVisitor("visitor-consent-1")["consents"];
  ASSERT_EQ(consents.size(), 2u);
  EXPECT_EQ(consents[0]["version"], "privacy-2026-01");
  EXPECT_EQ(consents[0]["given"], 1);
  EXPECT_EQ(consents[1]["given"], 0);
  EXPECT_EQ(consents[1]["recorded_ms"].get<int64_t>() - consents[0]["recorded_ms"].get<int64_t>(),
            1000);
  ExpectError(PostJson(*client_, "/api/v1/consent",
                       {{"site", "demo-site"},
                        {"visitor_id", "visitor-consent-1"},
                        {"version", "v1"},
                        {"given", "yes"}}),
              400, "invalid_argument", "/given");
}

TEST_F(PublicApiTest, HoneypotRequestsStoreNothing) {
  ExpectError(PostJson(*client_, "/api/v1/sessions",
                       {{"site", "demo-site"}, {"flow", "bant-demo"}, {"hp", "http://spam"}}),
              400, "honeypot", "/hp");
  const std::string session = StartSession(*client_);
  ExpectError(PostJson(*client_, "/api/v1/sessions/" + session + "/answers",
                       {{"site", "demo-site"},
                        {"answer_id", "answer-bot-0001"},
                        {"step", "budget"},
                        {"value", "over_50k"},
                        {"hp", "x"}}),
              400, "honeypot", "/hp");
  auto stored = client_->Get(("/api/v1/admin/sessions/" + session).c_str(), Bearer(kAdminKey));
  EXPECT_EQ(Body(stored)["answers"].size(), 0u);
  // An empty honeypot (what the widget sends) is fine.
  auto human = PostJson(*client_, "/api/v1/sessions",
                        {{"site", "demo-site"}, {"flow", "bant-demo"}, {"hp", ""}});
  EXPECT_EQ(human->status, 200);
}

TEST_F(PublicApiTest, CorsPreflightFollowsTheAllowlists) {
  auto ok = client_->Options("/api/v1/sessions", {{"Origin", server_.origin()},
                                                  {"Access-Control-Request-Method", "POST"}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 204);
  EXPECT_EQ(ok->get_header_value("Access-Control-Allow-Origin"), server_.origin());
  auto refused = client_->Options("/api/v1/sessions", {{"Origin", "https://evil.example"}});
  ExpectError(refused, 403, "origin_not_allowed");
  EXPECT_FALSE(refused->has_header("Access-Control-Allow-Origin"));
  ExpectError(
      client_->Get("/api/v1/flows/bant-demo?site=demo-site", {{"Origin", "https://evil.example"}}),
      403, "origin_not_allowed");
}

TEST(RateLimitTest, PerIpAndPerSiteLimitsAnswer429WithRetryAfter) {
  ApiSettings settings = TestServer::NoLimits();
  settings.per_ip = {1, 3};  // 3 at once, then 1 per second
  TestServer server(DemoFlowsDir(), settings);
  auto client = server.Client();
  int ok = 0;
  for (int i = 0; i < 4; ++i)
    ok += client->Get("/api/v1/flows/bant-demo?site=demo-site")->status == 200;
  EXPECT_EQ(ok, 3);
  auto last = client->Get("/api/v1/flows/bant-demo?site=demo-site");
  ExpectError(last, 429, "rate_limited");
  EXPECT_EQ(last->get_header_value("Retry-After"), "1");
  // Tokens come back with time (the injected clock).
  server.clock().now += 2000;
  EXPECT_EQ(client->Get("/api/v1/flows/bant-demo?site=demo-site")->status, 200);
  // The admin API is not limited by the public per-IP limit.
  EXPECT_EQ(client->Get("/api/v1/admin/sites", Bearer(kAdminKey))->status, 200);

  ApiSettings per_site = TestServer::NoLimits();
  per_site.per_site = {1, 2};
  TestServer site_server(DemoFlowsDir(), per_site);
  auto site_client = site_server.Client();
  EXPECT_EQ(site_client->Get("/api/v1/flows/bant-demo?site=demo-site")->status, 200);
  EXPECT_EQ(site_client->Get("/api/v1/flows/bant-demo?site=demo-site")->status, 200);
  auto limited = site_client->Get("/api/v1/flows/bant-demo?site=demo-site");
  ExpectError(limited, 429, "rate_limited");
  EXPECT_FALSE(limited->get_header_value("Retry-After").empty());
}

TEST_F(PublicApiTest, ImplicitSignalsReachTheServersDecision) {
  // The demo flow has behavioural criteria only if it declares them; at least the
  // channel must reach the lead row the admin API lists.
  const std::string visitor = "visitor-channel-1";
  auto res = client_->Post(
      "/api/v1/events",
      R"({"site":"demo-site","visitor_id":"visitor-channel-1","events":[{"type":"page_view","path":"/","utm":{"medium":"cpc"}}]})",
      "text/plain");
  ASSERT_EQ(res->status, 202);
  const std::string session = StartSession(*client_, visitor);
  ASSERT_EQ(Answer(*client_, session, "answer-ch-0001", "budget", "over_50k")->status, 200);
  auto leads = client_->Get("/api/v1/admin/leads?channel=paid", Bearer(kAdminKey));
  Json body = Body(leads);
  ASSERT_EQ(body["total"], 1) << leads->body;
  EXPECT_EQ(body["leads"][0]["lead_id"], session);
}

}  // namespace
}  // namespace leadq::testing
