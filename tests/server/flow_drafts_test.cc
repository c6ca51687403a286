// Flow drafts through the admin API, as the console uses them: saved with their problems,
// every save naming its revision (two tabs get a conflict, not a silent overwrite),
// published only when valid, and the flows list with each flow's draft and recent
// activity. Marketers and admins may; sales keys may not.
#include <gtest/gtest.h>

#include "demo_flows.h"
#include "test_server.h"

namespace leadq::testing {
namespace {

using Json = nlohmann::json;

class FlowDraftsTest : public ::testing::Test {
 protected:
  TestServer server_{DemoFlowsDir()};
  std::unique_ptr<httplib::Client> client_ = server_.Client();
  httplib::Headers marketer_ = Bearer(CreateKey("Marketing team", "marketer"));

  std::string CreateKey(const std::string& name, const std::string& role) {
    return CreateApiKey(*client_, name, role);
  }

  httplib::Result Put(const std::string& flow, const Json& document, const std::string& if_match,
                      const httplib::Headers& auth) {
    httplib::Headers headers = auth;
    if (!if_match.empty()) headers.emplace("If-Match", if_match);
    return client_->Put(("/api/v1/admin/flows/" + flow + "/draft?site=demo-site").c_str(), headers,
                        document.dump(), "application/json");
  }
  httplib::Result Put(const std::string& flow, const Json& document,
                      const std::string& if_match = "") {
    return Put(flow, document, if_match, marketer_);
  }
  httplib::Result Publish(const std::string& flow, int revision) {
    return PostJson(*client_, "/api/v1/admin/flows/" + flow + "/draft/publish?site=demo-site",
                    {{"revision", revision}}, marketer_);
  }

  static Json ContactFlow() {
    Json flow = DemoFlow();
    flow["id"] = "contact";
    return flow;
  }

  // The flows list's entry for `flow` (null when it is not listed).
  Json Listed(const std::string& flow) {
    Json list = Body(client_->Get("/api/v1/admin/flows?site=demo-site", marketer_));
    for (const Json& item : list["flows"]) {
      if (item["flow"] == flow) return item;
    }
    return nullptr;
  }
};

TEST_F(FlowDraftsTest, ADraftIsSavedWithItsProblemsAndPublishedOnceValid) {
  // A new flow, half written: stored, with every problem at its path.
  Json half = {{"format", "leadq.flow/1"}, {"id", "contact"}, {"steps", Json::array()}};
  auto res = Put("contact", half);
  ASSERT_EQ(res->status, 201) << res->body;
  Json draft = Body(res);
  EXPECT_EQ(res->get_header_value("ETag"), "\"1\"");
  EXPECT_EQ(draft["revision"], 1);
  EXPECT_EQ(draft["base_version"], 0);
  EXPECT_EQ(draft["updated_by"], "Marketing team");
  EXPECT_EQ(draft["valid"], false);
  ASSERT_FALSE(draft["problems"].empty());
  EXPECT_EQ(draft["document"], half);
  Json listed = Listed("contact");
  ASSERT_TRUE(listed.is_object()) << "a new flow is listed from its first draft";
  EXPECT_EQ(listed["published_version"], 0);
  EXPECT_EQ(listed["draft"]["revision"], 1);
  EXPECT_EQ(listed["activity"], Json({{"days", 7}, {"sessions", 0}, {"qualified", 0}}));

  ExpectError(Publish("contact", 1), 422, "invalid_flow");
  EXPECT_FALSE(Body(Publish("contact", 1))["error"]["problems"].empty());

  res = Put("contact", ContactFlow(), "\"1\"");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Body(res)["revision"], 2);
  EXPECT_EQ(Body(res)["valid"], true);
  EXPECT_TRUE(Body(res)["problems"].empty());
  ExpectError(Publish("contact", 1), 409, "conflict", "/revision");
  res = Publish("contact", 2);
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(Body(res)["version"], 1);
  ExpectError(client_->Get("/api/v1/admin/flows/contact/draft?site=demo-site", marketer_), 404,
              "not_found");
  // Visitors get it.
  auto served = client_->Get("/api/v1/flows/contact?site=demo-site");
  ASSERT_EQ(served->status, 200) << served->body;
  EXPECT_EQ(Body(served)["flow_version"], 1);
  listed = Listed("contact");
  EXPECT_EQ(listed["published_version"], 1);
  EXPECT_TRUE(listed["draft"].is_null());
}

TEST_F(FlowDraftsTest, TwoTabsEditingOneDraftGetAConflictNotAnOverwrite) {
  Json flow = ContactFlow();
  ASSERT_EQ(Put("contact", flow)->status, 201);
  flow["steps"][0]["text"] = "From the first tab";
  ASSERT_EQ(Put("contact", flow, "\"1\"")->status, 200);
  Json other = ContactFlow();
  other["steps"][0]["text"] = "From the second tab";
  auto res = Put("contact", other, "\"1\"");
  ExpectError(res, 409, "conflict", "/revision");
  EXPECT_EQ(Body(res)["error"]["revision"], 2) << "the revision stored now, to reload";
  EXPECT_NE(Body(res)["error"]["message"].get<std::string>().find("revision 2"), std::string::npos);
  ExpectError(Put("contact", other), 409, "conflict", "/revision");  // a second new draft
  auto stored = client_->Get("/api/v1/admin/flows/contact/draft?site=demo-site", marketer_);
  ASSERT_EQ(stored->status, 200);
  EXPECT_EQ(stored->get_header_value("ETag"), "\"2\"");
  EXPECT_EQ(Body(stored)["document"]["steps"][0]["text"], "From the first tab");
  // W/"2" and a bare 2 name the same revision.
  flow["steps"][0]["text"] = "Third";
  EXPECT_EQ(Put("contact", flow, "W/\"2\"")->status, 200);
  EXPECT_EQ(Put("contact", flow, "3")->status, 200);
}

TEST_F(FlowDraftsTest, ADraftOfAPublishedFlowStartsFromItsVersionAndCanBeDiscarded) {
  Json demo = DemoFlow();
  demo["steps"][0]["text"] = "What budget do you have?";
  auto res = Put("bant-demo", demo);
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(Body(res)["base_version"], 1);
  Json renamed = demo;
  renamed["id"] = "bant-copy";
  res = Put("bant-demo", renamed, "\"1\"");
  ASSERT_EQ(res->status, 200);
  ASSERT_FALSE(Body(res)["problems"].empty());
  EXPECT_EQ(Body(res)["problems"][0]["path"], "/id") << "a copy is another flow's draft";
  EXPECT_EQ(Body(res)["base_version"], 1);

  ExpectError(client_->Delete("/api/v1/admin/flows/bant-demo/draft?site=demo-site", marketer_), 400,
              "invalid_argument", "/revision");
  httplib::Headers stale = marketer_;
  stale.emplace("If-Match", "\"1\"");
  ExpectError(client_->Delete("/api/v1/admin/flows/bant-demo/draft?site=demo-site", stale), 409,
              "conflict", "/revision");
  httplib::Headers current = marketer_;
  current.emplace("If-Match", "\"2\"");
  res = client_->Delete("/api/v1/admin/flows/bant-demo/draft?site=demo-site", current);
  ASSERT_EQ(res->status, 200) << res->body;
  Json listed = Listed("bant-demo");
  EXPECT_TRUE(listed["draft"].is_null());
  EXPECT_EQ(listed["published_version"], 1) << "the published flow stays";
}

TEST_F(FlowDraftsTest, BadRequestsGetAPreciseErrorAndSalesMayNotEditFlows) {
  ExpectError(Put("contact", ContactFlow(), "\"abc\""), 400, "invalid_argument", "/revision");
  ExpectError(Put("contact", ContactFlow(), "\"1234567890\""), 400, "invalid_argument",
              "/revision");
  auto res = client_->Put("/api/v1/admin/flows/contact/draft?site=demo-site", marketer_,
                          "{\"id\": \"contact\",", "application/json");
  ExpectError(res, 400, "invalid_json");
  ExpectError(client_->Put("/api/v1/admin/flows/contact/draft?site=demo-site", marketer_, "[1]",
                           "application/json"),
              400, "invalid_argument");
  ExpectError(client_->Put("/api/v1/admin/flows/contact/draft?site=site-none", marketer_, "{}",
                           "application/json"),
              404, "not_found");
  ExpectError(
      client_->Put("/api/v1/admin/flows/contact/draft", marketer_, "{}", "application/json"), 400,
      "invalid_argument", "/site");
  ExpectError(PostJson(*client_, "/api/v1/admin/flows/contact/draft/publish?site=demo-site",
                       {{"revision", "one"}}, marketer_),
              400, "invalid_argument", "/revision");
  ExpectError(Publish("contact", 1), 404, "not_found");

  const httplib::Headers sales = Bearer(CreateKey("Sales team", "sales"));
  ExpectError(Put("contact", ContactFlow(), "", sales), 403, "forbidden");
  ExpectError(client_->Get("/api/v1/admin/flows/bant-demo/draft?site=demo-site", sales), 403,
              "forbidden");
  ExpectError(client_->Get("/api/v1/admin/flows?site=demo-site", sales), 403, "forbidden");
  EXPECT_TRUE(Listed("contact").is_null()) << "nothing was stored";
}

TEST_F(FlowDraftsTest, TheFlowsListCountsTheLastSevenDays) {
  const std::string session = StartSession(*client_);
  int n = 0;
  for (const auto& [step, value] :
       std::vector<std::pair<std::string, Json>>{{"budget", "over_50k"},
                                                 {"authority", "decision_maker"},
                                                 {"need", "losing_leads"},
                                                 {"timing", "within_2_weeks"},
                                                 {"email", "ann@example.com"}}) {
    auto res = Answer(*client_, session, "answer-" + std::to_string(++n), step, value);
    ASSERT_EQ(res->status, 200) << res->body;
  }
  StartSession(*client_);
  Json listed = Listed("bant-demo");
  EXPECT_EQ(listed["activity"]["sessions"], 2);
  EXPECT_EQ(listed["activity"]["qualified"], 1);
  EXPECT_GT(listed["last_change_ms"].get<int64_t>(), 0);
  server_.clock().now += 8 * 86'400'000LL;
  listed = Listed("bant-demo");
  EXPECT_EQ(listed["activity"]["sessions"], 0) << "older than seven days";
  EXPECT_EQ(listed["activity"]["qualified"], 0);
}

TEST_F(FlowDraftsTest, PublishingWithANoteAndRollingBackAreRecordedWithWhoDidIt) {
  Json flow = DemoFlow();
  flow["steps"][0]["text"]["en"] = "Hello again";
  ASSERT_EQ(Put("bant-demo", flow)->status, 201);
  auto res = PostJson(*client_, "/api/v1/admin/flows/bant-demo/draft/publish?site=demo-site",
                      {{"revision", 1}, {"note", "Friendlier welcome"}}, marketer_);
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(Body(res)["created_by"], "Marketing team");
  EXPECT_EQ(Body(res)["note"], "Friendlier welcome");
  const int version = Body(res)["version"];

  Json versions = Body(
      client_->Get("/api/v1/admin/flows/bant-demo/versions?site=demo-site", marketer_))["versions"];
  ASSERT_GE(versions.size(), 2u);
  EXPECT_EQ(versions[0]["version"], version);
  EXPECT_EQ(versions[0]["note"], "Friendlier welcome");
  EXPECT_EQ(versions[0]["created_by"], "Marketing team");

  res = PostJson(*client_, "/api/v1/admin/flows/bant-demo/rollback?site=demo-site",
                 {{"note", "Back to the tested text"}}, marketer_);
  ASSERT_EQ(res->status, 200) << res->body;
  ASSERT_EQ(client_
                ->Post("/api/v1/admin/flows/bant-demo/rollback?site=demo-site", marketer_, "",
                       "application/json")
                ->status,
            409)
      << "a roll back without a body works too; with no older version it is a conflict";
  ExpectError(PostJson(*client_, "/api/v1/admin/flows/bant-demo/publish?site=demo-site",
                       {{"version", version}, {"note", std::string(501, 'x')}}, marketer_),
              400, "invalid_argument", "/note");
  ExpectError(PostJson(*client_, "/api/v1/admin/flows/bant-demo/draft/publish?site=demo-site",
                       {{"revision", 1}, {"note", 5}}, marketer_),
              400, "invalid_argument", "/note");

  Json events = Body(
      client_->Get("/api/v1/admin/flows/bant-demo/history?site=demo-site", marketer_))["events"];
  ASSERT_GE(events.size(), 3u);
  EXPECT_EQ(events[0]["action"], "rolled_back");
  EXPECT_EQ(events[0]["version"], version - 1);
  EXPECT_EQ(events[0]["actor"], "Marketing team");
  EXPECT_EQ(events[0]["note"], "Back to the tested text");
  EXPECT_EQ(events[1]["action"], "published");
  EXPECT_EQ(events[1]["version"], version);
  EXPECT_EQ(events[1]["note"], "Friendlier welcome");
  EXPECT_EQ(events.back()["action"], "published") << "the demo's first version, seeded";
  EXPECT_TRUE(
      Body(client_->Get("/api/v1/admin/flows/none/history?site=demo-site", marketer_))["events"]
          .empty());
}

}  // namespace
}  // namespace leadq::testing
