// Tables of cases for the pure parts of forwarding: routing rules, generations, filters,
// idempotency keys, backoff, signatures, URLs and the chat text.
#include <gtest/gtest.h>

#include "delivery/payload.h"
#include "delivery/retry_policy.h"
#include "delivery/signature.h"
#include "delivery/webhook_url.h"
#include "services/forwarding_rules.h"

namespace leadq {
namespace {

TEST(ForwardRules, RouteForOutcomes) {
  struct Case {
    const char* name;
    JsonValue outcome;
    bool done;
    bool hard_conversion_wanted;
    const char* route;
  };
  const Case cases[] = {
      {"qualified", {{"triage", "qualified"}}, false, false, "sales"},
      {"nurture not done", {{"triage", "nurture"}}, false, false, ""},
      {"nurture done", {{"triage", "nurture"}}, true, false, "nurture"},
      {"disqualified", {{"triage", "disqualified"}}, true, false, ""},
      {"hard conversion nobody wants",
       {{"triage", "not_enough_information"}, {"conversion", "hard"}},
       false,
       false,
       ""},
      {"hard conversion wanted",
       {{"triage", "not_enough_information"}, {"conversion", "hard"}},
       false,
       true,
       "sales"},
      {"hard conversion of a near miss",
       {{"triage", "nurture"}, {"conversion", "hard"}},
       true,
       true,
       "sales"},
      {"hard conversion but disqualified",
       {{"triage", "disqualified"}, {"conversion", "hard"}},
       true,
       true,
       ""},
      {"not an object", JsonValue::MakeArray(), true, true, ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RouteFor(c.outcome, c.done, c.hard_conversion_wanted), c.route) << c.name;
  }
}

TEST(ForwardRules, GenerationOnlyGrowsOnPromotionOrNewDataAfterASendBack) {
  HandoffState sales;
  sales.route = "sales";
  sales.state = "open";
  sales.generation = 1;
  HandoffState nurture = sales;
  nurture.route = "nurture";
  HandoffState sent_back = sales;
  sent_back.state = "nurturing";
  sent_back.sent_back_ms = 1000;
  struct Case {
    const char* name;
    std::optional<HandoffState> existing;
    std::string route;
    int64_t last_data_ms;
    std::optional<int> generation;
  };
  const Case cases[] = {
      {"first handover", std::nullopt, "sales", 5, 1},
      {"no route", std::nullopt, "", 5, std::nullopt},
      {"already with sales", sales, "sales", 5000, std::nullopt},
      {"nurture lead qualifies", nurture, "sales", 5, 2},
      {"nurture lead nurture again", nurture, "nurture", 5000, std::nullopt},
      {"sent back, no new data", sent_back, "sales", 1000, std::nullopt},
      {"sent back, new data", sent_back, "sales", 1001, 2},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(NextGeneration(c.existing, c.route, c.last_data_ms), c.generation) << c.name;
  }
}

TEST(ForwardRules, DestinationFilters) {
  DestinationRecord d;
  d.events = {kEventQualified};
  d.grades = {"high", "medium"};
  d.flows = {"bant-demo"};
  EXPECT_TRUE(Accepts(d, kEventQualified, "bant-demo", "high", "qualified", false));
  EXPECT_FALSE(Accepts(d, kEventQualified, "bant-demo", "low", "qualified", false));
  EXPECT_FALSE(Accepts(d, kEventQualified, "other-flow", "high", "qualified", false));
  EXPECT_FALSE(Accepts(d, kEventOverdue, "bant-demo", "high", "qualified", false));
  d.triage = {"nurture"};
  EXPECT_FALSE(Accepts(d, kEventQualified, "bant-demo", "high", "qualified", false));
  d.triage.clear();
  d.triggers = {"qualified"};
  EXPECT_FALSE(Accepts(d, kEventQualified, "bant-demo", "high", "nurture", false))
      << "a hard conversion that did not qualify needs the trigger";
  EXPECT_TRUE(Accepts(d, kEventQualified, "bant-demo", "high", "nurture", true))
      << "unless the flow hands off hard conversions to every sales destination";
  d.triggers.push_back("hard_conversion");
  EXPECT_TRUE(Accepts(d, kEventQualified, "bant-demo", "high", "nurture", false));
  d.enabled = false;
  EXPECT_FALSE(Accepts(d, kEventQualified, "bant-demo", "high", "qualified", false));
  EXPECT_EQ(IdempotencyKey("lead-1", "dest-1", kEventQualified, 2), "lead-1.dest-1.qualified.2");
}

TEST(RetryPolicy, ExponentialWithJitterCappedAndBoundedByTheHorizon) {
  RetryPolicy policy;
  policy.base_delay_ms = 1000;
  policy.max_delay_ms = 8000;
  policy.horizon_ms = 20'000;
  const struct {
    int failures;
    double jitter;
    int64_t delay;
  } cases[] = {{1, 0.0, 500},  {1, 0.999999, 999}, {2, 0.0, 1000},  {3, 0.5, 3000},
               {4, 1.0, 8000}, {5, 1.0, 8000},     {60, 0.0, 4000}, {1, -3, 500}};
  for (const auto& c : cases) {
    EXPECT_EQ(RetryDelayMs(policy, c.failures, c.jitter), c.delay)
        << c.failures << " failures, jitter " << c.jitter;
  }
  EXPECT_EQ(NextAttemptMs(policy, 1, 0.0, 10'000, 0), 10'500);
  EXPECT_EQ(NextAttemptMs(policy, 4, 1.0, 15'000, 0), -1) << "23 s is past the 20 s horizon";
}

TEST(Signature, HmacSha256MatchesRfc4231AndVerifiesWithinTheWindow) {
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  const std::string body = R"({"lead":1})";
  const std::string signature = SignWebhook("secret-0123456789", 1000, body);
  EXPECT_EQ(signature.rfind("v1=", 0), 0u);
  EXPECT_TRUE(VerifyWebhook("secret-0123456789", "1000", signature, body, 1000));
  EXPECT_TRUE(VerifyWebhook("secret-0123456789", "1000", signature, body, 1300));
  EXPECT_FALSE(VerifyWebhook("secret-0123456789", "1000", signature, body, 1301)) << "replay";
  EXPECT_FALSE(VerifyWebhook("secret-0123456789", "1001", signature, body, 1000)) << "timestamp";
  EXPECT_FALSE(VerifyWebhook("secret-0123456789", "1000", signature, body + " ", 1000)) << "body";
  EXPECT_FALSE(VerifyWebhook("another-secret-000", "1000", signature, body, 1000)) << "secret";
  EXPECT_FALSE(VerifyWebhook("secret-0123456789", "1e3", signature, body, 1000));
}

TEST(WebhookUrl, SplitsAndRefuses) {
  auto ok = ParseWebhookUrl("https://hooks.example.com:8443/services/T0?x=1");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value().scheme_host_port, "https://hooks.example.com:8443");
  EXPECT_EQ(ok.value().path, "/services/T0?x=1");
  EXPECT_EQ(ParseWebhookUrl("http://127.0.0.1:9").value().path, "/");
  for (const char* bad :
       {"", "ftp://x/", "http://", "http://a b/", "http://x/a b", "hooks.example"}) {
    EXPECT_FALSE(ParseWebhookUrl(bad).ok()) << bad;
  }
}

TEST(ChatText, EscapesVisitorTextAndLinksTheInbox) {
  Json lead{{"lead_id", "L1"},
            {"grade", "high"},
            {"total_points", 85},
            {"flow_id", "bant-demo"},
            {"profile", {{"explicit", {{"email", "<http://evil|click>@x.com"}}}}},
            {"criteria", {{{"reason", "Budget & more"}, {"points", 30}}}},
            {"sla", {{"deadline_ms", 0}}},
            {"inbox_url", "https://leads.example.test/console/#/leads/L1"}};
  const std::string text = RenderChatText(kEventQualified, lead);
  EXPECT_EQ(text.find("<http://evil"), std::string::npos) << text;
  EXPECT_NE(text.find("&lt;http://evil|click&gt;@x.com"), std::string::npos) << text;
  EXPECT_NE(text.find("Budget &amp; more (+30)"), std::string::npos) << text;
  EXPECT_NE(text.find("Respond by 1970-01-01 00:00 UTC"), std::string::npos) << text;
  EXPECT_NE(text.find("<https://leads.example.test/console/#/leads/L1|Open in leadq>"),
            std::string::npos);
  EXPECT_NE(RenderChatText(kEventQualified, Json("garbage")).find("New qualified lead"),
            std::string::npos);
}

}  // namespace
}  // namespace leadq
