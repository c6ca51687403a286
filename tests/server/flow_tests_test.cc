// A flow's test cases: the format both the console and `leadq simulate --tests` read, a
// run of one case on the demo flow (passed, failed with what it got, an answer refused),
// and their storage through the admin API — saved naming their revision, every bad
// document refused at its path, marketers and admins only.
#include <gtest/gtest.h>

#include "demo_flows.h"
#include "leadq/flow_decoder.h"
#include "platform/core_json.h"
#include "services/flow_tests.h"
#include "test_server.h"

namespace leadq::testing {
namespace {

using Json = nlohmann::json;

Json HotLeadCase(const std::string& triage, const std::string& grade) {
  return {{"name", "A hot lead goes to sales"},
          {"answers",
           {{"budget", "over_50k"},
            {"authority", "decision_maker"},
            {"need", "losing_leads"},
            {"timing", "within_2_weeks"},
            {"email", "ann@example.com"}}},
          {"expect", {{"triage", triage}, {"grade", grade}}}};
}

Json Document(const std::vector<Json>& cases) {
  return {{"format", "leadq.tests/1"}, {"cases", cases}};
}

TEST(FlowTestsTest, ACaseRunsOnTheFlowAndSaysWhatItGotWhenItFails) {
  DecodedFlow flow = DecodeFlow(ToCore(DemoFlow()));
  ASSERT_TRUE(flow.ok());
  Result<std::vector<FlowTestCase>> cases =
      ParseFlowTests(Document({HotLeadCase("qualified", "high"),
                               HotLeadCase("qualified", "medium"),
                               {{"name", "Any grade"},
                                {"answers", HotLeadCase("", "")["answers"]},
                                {"expect", {{"triage", "qualified"}}}},
                               {{"name", "Bad e-mail"},
                                {"answers", {{"email", "not-an-email"}}},
                                {"expect", {{"triage", "not_enough_information"}}}}}));
  ASSERT_TRUE(cases.ok()) << cases.status().message();
  ASSERT_EQ(cases.value().size(), 4u);
  const int64_t now = 1'790'000'000'000;

  FlowTestResult pass = RunFlowTest(flow.flow, cases.value()[0], now);
  EXPECT_TRUE(pass.passed) << pass.problem;
  EXPECT_EQ(pass.triage, "qualified");
  EXPECT_EQ(pass.grade, "high");
  EXPECT_EQ(pass.points, 100);

  FlowTestResult fail = RunFlowTest(flow.flow, cases.value()[1], now);
  EXPECT_FALSE(fail.passed);
  EXPECT_EQ(fail.problem,
            "expected qualified, grade medium; got qualified, grade high, 100 points");
  EXPECT_TRUE(RunFlowTest(flow.flow, cases.value()[2], now).passed) << "no grade asked for";

  FlowTestResult refused = RunFlowTest(flow.flow, cases.value()[3], now);
  EXPECT_FALSE(refused.passed) << "the triage matches, but an answer was refused";
  EXPECT_EQ(refused.problem.rfind("the answer to email is refused: ", 0), 0u) << refused.problem;
}

TEST(FlowTestsTest, EveryWrongDocumentIsRefusedAtItsPath) {
  const Json good = HotLeadCase("qualified", "high");
  auto with = [&](const char* key, Json value) {
    Json c = good;
    c[key] = std::move(value);
    return Document({c});
  };
  struct Case {
    Json document;
    const char* path;
  } cases[] = {
      {Json::array(), ""},
      {{{"format", "leadq.tests/2"}, {"cases", Json::array()}}, "/format"},
      {{{"format", "leadq.tests/1"}, {"cases", "none"}}, "/cases"},
      {Document({"a case"}), "/cases/0"},
      {with("name", ""), "/cases/0/name"},
      {with("name", std::string(121, 'x')), "/cases/0/name"},
      {with("answers", Json::array()), "/cases/0/answers"},
      {with("expect", "qualified"), "/cases/0/expect"},
      {with("expect", {{"triage", "hot"}}), "/cases/0/expect/triage"},
      {with("expect", {{"triage", "qualified"}, {"grade", "A"}}), "/cases/0/expect/grade"},
      {Document(std::vector<Json>(201, good)), "/cases"},
  };
  for (const Case& c : cases) {
    Result<std::vector<FlowTestCase>> parsed = ParseFlowTests(c.document);
    ASSERT_FALSE(parsed.ok()) << c.document.dump().substr(0, 200);
    EXPECT_EQ(parsed.status().path(), c.path) << parsed.status().message();
    EXPECT_FALSE(parsed.status().message().empty());
  }
  EXPECT_TRUE(ParseFlowTests(Document({})).ok()) << "no cases is a valid document";
}

class FlowTestsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    marketer_ = Bearer(CreateApiKey(*client_, "Marketing team", "marketer"));
  }
  httplib::Result Put(const Json& document, const std::string& if_match,
                      const std::string& flow = "bant-demo") {
    httplib::Headers headers = marketer_;
    if (!if_match.empty()) headers.emplace("If-Match", if_match);
    return client_->Put(("/api/v1/admin/flows/" + flow + "/tests?site=demo-site").c_str(), headers,
                        document.dump(), "application/json");
  }
  httplib::Result Get() {
    return client_->Get("/api/v1/admin/flows/bant-demo/tests?site=demo-site", marketer_);
  }

  TestServer server_{DemoFlowsDir()};
  std::unique_ptr<httplib::Client> client_ = server_.Client();
  httplib::Headers marketer_;
};

TEST_F(FlowTestsApiTest, CasesAreSavedNamingTheirRevisionAndRefusedWhenWrong) {
  Json empty = Body(Get());
  EXPECT_EQ(empty["revision"], 0);
  EXPECT_EQ(empty["document"], Document({}));

  const Json document = Document({HotLeadCase("qualified", "high")});
  auto res = Put(document, "");
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(res->get_header_value("ETag"), "\"1\"");
  EXPECT_EQ(Body(res)["updated_by"], "Marketing team");
  EXPECT_EQ(Body(Get())["document"], document);

  // Another tab saved first: refused, with the revision stored now.
  res = Put(Document({}), "");
  ExpectError(res, 409, "conflict", "/revision");
  EXPECT_EQ(Body(res)["error"]["revision"], 1);
  ASSERT_EQ(Put(Document({}), "\"1\"")->status, 200);
  EXPECT_EQ(Body(Get())["revision"], 2);

  ExpectError(Put(Document({"a case"}), "\"2\""), 400, "invalid_argument", "/cases/0");
  ExpectError(Put(Document({}), "\"two\""), 400, "invalid_argument", "/revision");
  ExpectError(Put(Document({}), "", "no-such-flow"), 404, "not_found", "/flow");
  ExpectError(client_->Put("/api/v1/admin/flows/bant-demo/tests?site=demo-site", marketer_,
                           "{\"format\": ", "application/json"),
              400, "invalid_json");
  EXPECT_EQ(Body(Get())["revision"], 2) << "nothing was stored";

  const httplib::Headers sales = Bearer(CreateApiKey(*client_, "Sales", "sales"));
  ExpectError(client_->Get("/api/v1/admin/flows/bant-demo/tests?site=demo-site", sales), 403,
              "forbidden");
}

}  // namespace
}  // namespace leadq::testing
