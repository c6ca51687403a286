// Delivery end to end: a real receiver on loopback that fails, is down, answers slowly
// and answers garbage, and a leadq server restarted in the middle on the same SQLite
// file. Time for retries is the fake clock, moved by the test; only waits for the
// worker's threads are real, and every one is bounded.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "handoff_test_util.h"

namespace leadq::testing {
namespace {

class DeliveryTest : public ::testing::Test {
 protected:
  TempDir dir_;
  FakeEnvironment clock_;
  WebhookReceiver receiver_{kSecret, [this] { return clock_.now.load() / 1000; }};
  std::unique_ptr<HandoffServer> server_ =
      std::make_unique<HandoffServer>(dir_.path(), clock_, TestHandoffConfig());

  void Advance(int64_t ms) { clock_.now += ms; }
  void Restart() {
    server_.reset();
    server_ = std::make_unique<HandoffServer>(dir_.path(), clock_, TestHandoffConfig());
  }
  Json Log(const std::string& lead) { return LeadView(*server_, lead)["delivery_log"]; }
};

TEST_F(DeliveryTest, EveryQualifiedLeadArrivesOnceThroughFailuresSlownessGarbageAndARestart) {
  CreateDestination(*server_, receiver_.url());
  std::vector<std::string> leads;

  // 1. The receiver fails the first two deliveries; backoff on the fake clock retries.
  receiver_.fail_first = 2;
  leads.push_back(server_->AnswerLead(HandoffServer::HighLead()));
  ASSERT_TRUE(WaitForAttempts(*server_, leads[0], 1));
  Advance(60'000);
  ASSERT_TRUE(WaitForAttempts(*server_, leads[0], 2));
  Advance(60'000);
  ASSERT_TRUE(WaitForState(*server_, leads[0], "delivered"));
  Json log = Log(leads[0]);
  ASSERT_EQ(log.size(), 3u) << log.dump();
  EXPECT_EQ(log[0]["status_code"], 503);
  EXPECT_EQ(log[0]["error"], "HTTP 503");
  EXPECT_EQ(log[1]["status_code"], 503);
  EXPECT_EQ(log[2]["status_code"], 200);
  EXPECT_EQ(log[2]["error"], "");
  EXPECT_EQ(log[2]["attempt"], 3);

  // 2. A slow receiver: the read timeout ends the attempt, a later one succeeds.
  receiver_.slow_ms = 1000;
  leads.push_back(server_->AnswerLead(HandoffServer::HighLead()));
  ASSERT_TRUE(WaitForAttempts(*server_, leads[1], 1));
  receiver_.slow_ms = 0;
  log = Log(leads[1]);
  EXPECT_TRUE(log[0]["status_code"].is_null()) << log.dump();
  EXPECT_NE(log[0]["error"], "");
  EXPECT_GE(log[0]["latency_ms"].get<int64_t>(), 250);
  Advance(60'000);
  ASSERT_TRUE(WaitForState(*server_, leads[1], "delivered"));

  // 3. The receiver is down, and leadq restarts while the delivery is pending.
  receiver_.Stop();
  leads.push_back(server_->AnswerLead(HandoffServer::HighLead()));
  ASSERT_TRUE(WaitForAttempts(*server_, leads[2], 1));
  EXPECT_TRUE(Log(leads[2])[0]["status_code"].is_null());
  Restart();
  receiver_.Start();
  Advance(60'000);
  ASSERT_TRUE(WaitForState(*server_, leads[2], "delivered"));
  EXPECT_EQ(Log(leads[2]).size(), 2u);

  // 4. Garbage instead of HTTP counts as a failure, not a delivery.
  receiver_.StartGarbage();
  leads.push_back(server_->AnswerLead(HandoffServer::HighLead()));
  ASSERT_TRUE(WaitForAttempts(*server_, leads[3], 1));
  EXPECT_NE(Log(leads[3])[0]["error"], "");
  receiver_.Start();
  Advance(60'000);
  ASSERT_TRUE(WaitForState(*server_, leads[3], "delivered"));

  // 5. A later answer to a delivered lead (refused: its conversation ended), more time and
  // another restart send nothing new.
  ASSERT_EQ(server_->Answer(leads[0], "timing", "within_3_months"), 409);
  Restart();
  Advance(3'600'000);
  server_->app().delivery.Wake();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));

  std::map<std::string, int> accepted;
  for (const auto& request : receiver_.requests()) {
    EXPECT_TRUE(request.signature_ok) << request.idempotency_key;
    EXPECT_EQ(request.event, "lead.qualified");
    if (request.answered == 200) ++accepted[request.idempotency_key];
    Json body = Json::parse(request.body, nullptr, false);
    ASSERT_TRUE(body.is_object());
    EXPECT_EQ(body["format"], "leadq.webhook/1");
    EXPECT_EQ(body["idempotency_key"], request.idempotency_key);
  }
  // The slow attempt reached the receiver after leadq had given up on it, so that key
  // arrived twice: the idempotency key is what lets a receiver see it is one lead.
  std::set<std::string> lead_ids;
  for (const auto& [key, count] : accepted) lead_ids.insert(key.substr(0, key.find('.')));
  EXPECT_EQ(lead_ids, std::set<std::string>(leads.begin(), leads.end()));
  EXPECT_EQ(accepted.size(), leads.size());
  for (const std::string& lead : leads) {
    int two_hundreds = 0;
    for (const Json& attempt : Log(lead)) two_hundreds += attempt["status_code"] == 200;
    EXPECT_EQ(two_hundreds, 1) << "leadq saw exactly one 2xx for " << lead;
  }
}

TEST_F(DeliveryTest, AnswersRacingToQualifyTheSameLeadQueueItOnce) {
  CreateDestination(*server_, receiver_.url());
  auto answers = HandoffServer::HighLead();
  const std::pair<std::string, Json> last = answers.back();
  answers.pop_back();
  const std::string lead = server_->AnswerLead(answers);
  // The first one stored ends the conversation; one that loses the race to it decides
  // again, finds the conversation ended and is refused (409).
  std::atomic<int> stored{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      const int status = server_->Answer(lead, last.first, last.second);
      EXPECT_TRUE(status == 200 || status == 409) << status;
      stored += status == 200;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_GE(stored.load(), 1);
  ASSERT_TRUE(WaitForState(*server_, lead, "delivered"));
  EXPECT_EQ(LeadView(*server_, lead)["deliveries"].size(), 1u);
  EXPECT_EQ(receiver_.requests().size(), 1u);
}

// Each delivery worker thread carries a name an operator can find in `top -H`. A worker
// names itself once it runs, which on a busy machine can be a moment after the server
// started: the test looks until they are all named (bounded).
TEST_F(DeliveryTest, TheDeliveryWorkersAreNamed) {
  auto named = [] {
    int count = 0;
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
      std::ifstream comm(task.path() / "comm");
      std::string name;
      std::getline(comm, name);
      count += name == "leadq-delivery" ? 1 : 0;
    }
    return count;
  };
  WebhookReceiver::WaitFor([&] { return named() == TestHandoffConfig().delivery.threads; });
  EXPECT_EQ(named(), TestHandoffConfig().delivery.threads);
}

TEST_F(DeliveryTest, PayloadCarriesTheLeadItsReasonsAndTheInboxLink) {
  CreateDestination(*server_, receiver_.url());
  const std::string lead = server_->AnswerLead(HandoffServer::HighLead());
  ASSERT_TRUE(WaitForState(*server_, lead, "delivered"));
  ASSERT_EQ(receiver_.requests().size(), 1u);
  Json body = Json::parse(receiver_.requests()[0].body, nullptr, false);
  const Json& sent = body["lead"];
  EXPECT_EQ(sent["lead_id"], lead);
  EXPECT_EQ(sent["triage"], "qualified");
  EXPECT_EQ(sent["grade"], "high");
  EXPECT_EQ(sent["total_points"], 100.0);
  EXPECT_EQ(sent["criteria"].size(), 4u);
  EXPECT_EQ(sent["criteria"][0]["reason"], "Budget over €50,000");
  EXPECT_EQ(sent["profile"]["explicit"]["email"], "ann@example.com");
  EXPECT_TRUE(sent["profile"]["implicit"].is_object());
  EXPECT_EQ(sent["answers"].size(), 5u);
  // Each answer with its question and in words, beside the value.
  EXPECT_EQ(sent["answers"][0]["value"], "over_50k");
  EXPECT_EQ(sent["answers"][0]["question"], "What budget have you set aside for this?");
  EXPECT_EQ(sent["answers"][0]["answer"], "Over €50,000");
  EXPECT_EQ(sent["answers"][1]["answer"], "I decide");
  EXPECT_EQ(sent["answers"][3]["answer"], "Within 2 weeks");
  EXPECT_EQ(sent["sla"]["deadline_ms"], clock_.now.load() + 5 * 60'000);
  EXPECT_EQ(sent["sla"]["first_response_minutes"], 5);
  EXPECT_EQ(sent["sla"]["follow_up_touches"], 6);
  EXPECT_EQ(sent["conversion"], "hard");
  EXPECT_TRUE(sent["stage"].is_string() && !sent["stage"].get<std::string>().empty());
  EXPECT_TRUE(sent["criteria"][0]["points"].is_number());
  EXPECT_EQ(sent["inbox_url"], "https://leads.example.test/console/#/leads/" + lead);
  EXPECT_EQ(receiver_.requests()[0].idempotency_key, body["idempotency_key"]);
}

TEST_F(DeliveryTest, DeadLetterAfterTheHorizonThenManualRedelivery) {
  AppConfig config = TestHandoffConfig();
  config.delivery.retry.horizon_ms = 5'000;  // 1 s, 2 s, 4 s... the fourth would start too late
  server_.reset();
  server_ = std::make_unique<HandoffServer>(dir_.path(), clock_, config);
  CreateDestination(*server_, receiver_.url());
  receiver_.fail_first = 1000;
  const std::string lead = server_->AnswerLead(HandoffServer::HighLead());
  for (size_t attempts = 1; attempts <= 3; ++attempts) {
    ASSERT_TRUE(WaitForAttempts(*server_, lead, attempts));
    Advance(2'000);
  }
  ASSERT_TRUE(WaitForState(*server_, lead, "dead"));
  Json dead = server_->Admin("GET", "/api/v1/admin/deliveries?site=demo-site&state=dead");
  ASSERT_EQ(dead["deliveries"].size(), 1u) << dead.dump();
  EXPECT_EQ(dead["deliveries"][0]["lead_id"], lead);
  EXPECT_EQ(dead["deliveries"][0]["last_error"], "HTTP 503");
  const int64_t id = dead["deliveries"][0]["delivery_id"].get<int64_t>();
  const size_t attempts_when_dead = Log(lead).size();
  Advance(3'600'000);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(Log(lead).size(), attempts_when_dead) << "a dead letter is not retried";

  receiver_.fail_first = 0;
  int status = 0;
  server_->Admin("POST", "/api/v1/admin/deliveries/" + std::to_string(id) + "/redeliver",
                 Json::object(), &status);
  EXPECT_EQ(status, 202);
  ASSERT_TRUE(WaitForState(*server_, lead, "delivered"));
  Json again =
      server_->Admin("POST", "/api/v1/admin/deliveries/" + std::to_string(id) + "/redeliver",
                     Json::object(), &status);
  EXPECT_EQ(status, 409) << "a delivered delivery is never sent again";
  EXPECT_EQ(again["error"]["code"], "conflict");
}

TEST_F(DeliveryTest, ChatDestinationsGetSlackTextAndFiltersChooseDestinations) {
  WebhookReceiver chat(kSecret, [this] { return clock_.now.load() / 1000; });
  CreateDestination(*server_, chat.url(), "chat", Json::array(),
                    {{"grades", {"high"}}, {"flows", {"bant-demo"}}});
  CreateDestination(*server_, receiver_.url(), "webhook", Json::array(), {{"grades", {"low"}}});
  const std::string lead = server_->AnswerLead(HandoffServer::HighLead());
  ASSERT_TRUE(WaitForState(*server_, lead, "delivered"));
  EXPECT_TRUE(receiver_.requests().empty()) << "the low-grade webhook does not get a high lead";
  ASSERT_EQ(chat.requests().size(), 1u);
  Json body = Json::parse(chat.requests()[0].body, nullptr, false);
  const std::string text = body["text"].get<std::string>();
  EXPECT_NE(text.find("*New qualified lead*"), std::string::npos) << text;
  EXPECT_NE(text.find("Budget over €50,000 (+30)"), std::string::npos) << text;
  EXPECT_NE(text.find("|Open in leadq>"), std::string::npos) << text;
}

TEST_F(DeliveryTest, DestinationApiValidatesAndHidesSecrets) {
  int status = 0;
  Json bad =
      server_->Admin("POST", "/api/v1/admin/destinations",
                     {{"site", "demo-site"}, {"kind", "webhook"}, {"url", "ftp://x"}}, &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(bad["error"]["path"], "/url");
  bad = server_->Admin("POST", "/api/v1/admin/destinations",
                       {{"site", "demo-site"}, {"kind", "fax"}, {"url", "http://127.0.0.1/"}},
                       &status);
  EXPECT_EQ(bad["error"]["path"], "/kind");
  bad = server_->Admin(
      "POST", "/api/v1/admin/destinations",
      {{"site", "demo-site"}, {"kind", "webhook"}, {"url", "http://127.0.0.1/"}, {"grades", {7}}},
      &status);
  EXPECT_EQ(bad["error"]["path"], "/grades/0");
  const std::string id = CreateDestination(*server_, receiver_.url());
  Json listed = server_->Admin("GET", "/api/v1/admin/destinations?site=demo-site");
  ASSERT_EQ(listed["destinations"].size(), 1u);
  EXPECT_EQ(listed["destinations"][0]["secret"], "…6789");
  EXPECT_EQ(listed["destinations"][0]["events"], Json({"lead.qualified"}));
  server_->Admin("DELETE", "/api/v1/admin/destinations/" + id + "?site=demo-site", nullptr,
                 &status);
  EXPECT_EQ(status, 204);
  EXPECT_TRUE(
      server_->Admin("GET", "/api/v1/admin/destinations?site=demo-site")["destinations"].empty());
}

}  // namespace
}  // namespace leadq::testing
