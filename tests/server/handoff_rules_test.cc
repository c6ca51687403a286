// Tables of cases for the pure parts of handoffs: routing rules, generations, filters,
// idempotency keys, backoff, signatures, URLs and the chat text.
#include <gtest/gtest.h>

#include "delivery/payload.h"
#include "delivery/retry_policy.h"
#include "delivery/signature.h"
#include "delivery/webhook_url.h"
#include "services/destination_service.h"
#include "services/handoff_service.h"
#include "services/requalification_service.h"

namespace leadq {
namespace {

TEST(HandoffRules, IdempotencyKeyNamesLeadDestinationEventAndGeneration) {
  EXPECT_EQ(IdempotencyKey("lead-1", "dest-1", HandoffEvent::kQualified, 2),
            "lead-1.dest-1.qualified.2");
  EXPECT_EQ(IdempotencyKey("lead-1", "dest-1", HandoffEvent::kOverdue, 1),
            "lead-1.dest-1.overdue.1");
}

TEST(HandoffRules, DestinationRecordsBecomeTheCoresFilters) {
  DestinationRecord d;
  d.kind = "webhook";
  d.url = "https://crm.example.test/hook";
  d.events = {"lead.qualified", "lead.overdue"};
  d.triggers = {"qualified", "hard_conversion"};
  d.grades = {"high"};
  d.triage = {"qualified", "nurture"};
  d.flows = {"bant-demo"};
  EXPECT_TRUE(ValidateDestination(d).ok());
  DestinationFilter f = FilterOf(d);
  EXPECT_TRUE(f.enabled);
  EXPECT_EQ(f.events,
            (std::vector<HandoffEvent>{HandoffEvent::kQualified, HandoffEvent::kOverdue}));
  EXPECT_TRUE(f.takes_hard_conversions);
  EXPECT_EQ(f.grades, (std::vector<Grade>{Grade::kHigh}));
  EXPECT_EQ(f.triage, (std::vector<Triage>{Triage::kQualified, Triage::kNurture}));
  EXPECT_EQ(f.flows, (std::vector<std::string>{"bant-demo"}));

  struct Bad {
    const char* name;
    std::vector<std::string> DestinationRecord::*list;
    const char* value;
    const char* path;
  };
  const Bad cases[] = {
      {"event", &DestinationRecord::events, "lead.won", "/events/2"},
      {"trigger", &DestinationRecord::triggers, "always", "/triggers/2"},
      {"grade", &DestinationRecord::grades, "excellent", "/grades/1"},
      {"triage", &DestinationRecord::triage, "maybe", "/triage/2"},
  };
  for (const Bad& c : cases) {
    DestinationRecord bad = d;
    (bad.*c.list).push_back(c.value);
    const Status status = ValidateDestination(bad);
    EXPECT_STREQ(status.code_name(), "invalid_argument") << c.name;
    EXPECT_EQ(status.path(), c.path) << c.name;
    EXPECT_FALSE(FilterOf(bad).enabled) << c.name << ": an unreadable filter takes nothing";
  }
}

TEST(RequalificationRetry, DoublesFromOneSecondUpToFiveMinutes) {
  const struct {
    int attempts;
    int64_t delay;
  } cases[] = {{0, 1000}, {1, 2000}, {2, 4000}, {8, 256'000}, {9, 300'000}, {60, 300'000}};
  for (const auto& c : cases) {
    EXPECT_EQ(RequalificationRetryMs(c.attempts, 10'000), 10'000 + c.delay) << c.attempts;
  }
}

TEST(RequalificationRetry, OnlyChangedValuesAreNewData) {
  const Json known{{"budget", "over_50k"}, {"role", "cfo"}};
  EXPECT_FALSE(ChangesFields(known, Json{{"budget", "over_50k"}}));
  EXPECT_TRUE(ChangesFields(known, Json{{"budget", "10k_50k"}}));
  EXPECT_TRUE(ChangesFields(known, Json{{"email", "a@example.com"}}));
  EXPECT_FALSE(ChangesFields(known, Json::object()));
  EXPECT_TRUE(ChangesFields(nullptr, Json{{"email", "a@example.com"}}));
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
  const std::string text = RenderChatText("lead.qualified", lead);
  EXPECT_EQ(text.find("<http://evil"), std::string::npos) << text;
  EXPECT_NE(text.find("&lt;http://evil|click&gt;@x.com"), std::string::npos) << text;
  EXPECT_NE(text.find("Budget &amp; more (+30)"), std::string::npos) << text;
  EXPECT_NE(text.find("Respond by 1970-01-01 00:00 UTC"), std::string::npos) << text;
  EXPECT_NE(text.find("<https://leads.example.test/console/#/leads/L1|Open in leadq>"),
            std::string::npos);
  EXPECT_NE(RenderChatText("lead.qualified", Json("garbage")).find("New qualified lead"),
            std::string::npos);
}

}  // namespace
}  // namespace leadq
