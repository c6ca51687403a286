// The contract of the HandoffStore, on every backend: a handoff is written with its
// outcome only to a newer generation, outbox rows once per idempotency key; the outbox's
// claim, attempt, retry, dead-letter and redelivery states; SLA deadlines marked overdue
// once; touches, feedback and the feedback report.
#include "store_contract.h"

namespace leadq::testing {
namespace {

using Ids = std::vector<std::string>;

class HandoffStoreContract : public StoreContract {
 protected:
  // Claims the next due delivery, expecting one.
  OutboxRecord Claim(int64_t now_ms) {
    Result<std::optional<OutboxRecord>> claimed = store().ClaimDueDelivery(now_ms);
    EXPECT_TRUE(claimed.ok());
    EXPECT_TRUE(claimed.ok() && claimed.value().has_value()) << "nothing due at " << now_ms;
    return claimed.ok() && claimed.value() ? *claimed.value() : OutboxRecord();
  }
  bool NothingDue(int64_t now_ms) {
    Result<std::optional<OutboxRecord>> claimed = store().ClaimDueDelivery(now_ms);
    return claimed.ok() && !claimed.value().has_value();
  }
  Status Attempt(const OutboxRecord& delivery, int attempt, int64_t at_ms, const std::string& state,
                 int64_t next_attempt_ms = 0, int status_code = 200,
                 const std::string& error = "") {
    AttemptResult result;
    result.attempt = {delivery.delivery_id,
                      delivery.lead_id,
                      delivery.destination_id,
                      attempt,
                      at_ms,
                      status_code,
                      12,
                      error};
    result.state = state;
    result.next_attempt_ms = next_attempt_ms;
    return store().RecordAttempt(result);
  }
  Ids Leads(const std::vector<HandoffRecord>& handoffs) {
    Ids ids;
    for (const HandoffRecord& h : handoffs) ids.push_back(h.lead_id);
    return ids;
  }
};
INSTANTIATE_STORE_CONTRACT(HandoffStoreContract);

TEST_P(HandoffStoreContract, AHandoffIsWrittenWithItsOutcomeAndQueuedOncePerKey) {
  HandoffWrite first = MakeHandoff("lead-1", 1, "sales", 100, 5000, {"dest-1", "dest-2"});
  first.handoff.sent_back_ms = 0;
  HandOver("lead-1", "visitor-1", first, 100);
  Result<HandoffRecord> h = store().GetHandoff("lead-1");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h.value().site_key, kSite);
  EXPECT_EQ(h.value().flow_id, kFlow);
  EXPECT_EQ(h.value().generation, 1);
  EXPECT_EQ(h.value().route, "sales");
  EXPECT_EQ(h.value().state, "open");
  EXPECT_EQ(h.value().triage, "qualified");
  EXPECT_EQ(h.value().grade, "high");
  EXPECT_EQ(h.value().total_points, 90);
  EXPECT_EQ(h.value().criteria, (Ids{"budget_large"}));
  EXPECT_EQ(h.value().snapshot, first.handoff.snapshot);
  EXPECT_EQ(h.value().handed_ms, 100);
  EXPECT_EQ(h.value().updated_ms, 100);
  EXPECT_EQ(h.value().sla_deadline_ms, 5000);
  EXPECT_EQ(h.value().follow_up_target, 3);
  EXPECT_EQ(h.value().overdue_ms, 0);
  EXPECT_EQ(h.value().touches, 0);
  EXPECT_EQ(DeliveryKeys("lead-1"),
            (Ids{"lead-1.dest-1.qualified.1", "lead-1.dest-2.qualified.1"}));
  const OutboxRecord row = store().ListDeliveries({"", "lead-1", "", 1}).value()[0];
  EXPECT_EQ(row.lead_id, "lead-1");
  EXPECT_EQ(row.generation, 1);
  EXPECT_EQ(row.destination_id, "dest-1");
  EXPECT_EQ(row.event, "lead.qualified");
  EXPECT_EQ(row.payload, first.handoff.snapshot);
  EXPECT_EQ(row.state, "pending");
  EXPECT_EQ(row.attempts, 0);
  EXPECT_EQ(row.created_ms, 100);
  EXPECT_EQ(row.horizon_start_ms, 100);
  EXPECT_EQ(row.next_attempt_ms, 100);
  EXPECT_EQ(row.delivered_ms, 0);
  EXPECT_EQ(row.last_error, "");
  EXPECT_EQ(store().GetDelivery(row.delivery_id).value().idempotency_key, row.idempotency_key);
  EXPECT_TRUE(IsNotFound(store().GetDelivery(row.delivery_id + 1000).status(), "/delivery_id"));

  // The same generation again (a racing answer), even with other rows: nothing changes.
  HandoffWrite same = MakeHandoff("lead-1", 1, "nurture", 200, 0, {"dest-3"});
  HandOver("lead-1", "visitor-1", same, 200);
  EXPECT_EQ(store().GetHandoff("lead-1").value().route, "sales");
  EXPECT_EQ(store().GetHandoff("lead-1").value().handed_ms, 100);
  EXPECT_EQ(DeliveryKeys("lead-1").size(), 2u) << "a write that lost the race queues nothing";

  // Enqueued rows with a known key are ignored; new keys are queued.
  OutboxRecord known = row;
  known.payload = {{"changed", true}};
  OutboxRecord fresh = row;
  fresh.idempotency_key = "lead-1.dest-1.overdue.1";
  fresh.event = "lead.overdue";
  fresh.created_ms = 300;
  ASSERT_TRUE(store().Enqueue({known, fresh}).ok());
  EXPECT_EQ(DeliveryKeys("lead-1"), (Ids{"lead-1.dest-1.qualified.1", "lead-1.dest-2.qualified.1",
                                         "lead-1.dest-1.overdue.1"}));
  EXPECT_EQ(store().GetDelivery(row.delivery_id).value().payload, first.handoff.snapshot);
}

TEST_P(HandoffStoreContract, ANewerGenerationReplacesTheHandoffAndAnOlderOneNothing) {
  HandOver("lead-1", "visitor-1", MakeHandoff("lead-1", 1, "nurture", 100), 100);
  ASSERT_TRUE(store().SaveFeedback({"lead-1", 1, "nurture", "", "", 150}, "nurturing").ok());
  HandoffWrite second = MakeHandoff("lead-1", 2, "sales", 200, 7000);
  second.handoff.sent_back_ms = 150;
  second.handoff.site_key = "site-moved";  // identity columns are not rewritten
  second.handoff.variant = "z";
  HandOver("lead-1", "visitor-1", second, 200);
  HandoffRecord h = store().GetHandoff("lead-1").value();
  EXPECT_EQ(h.generation, 2);
  EXPECT_EQ(h.route, "sales");
  EXPECT_EQ(h.state, "open");
  EXPECT_EQ(h.handed_ms, 200);
  EXPECT_EQ(h.updated_ms, 200);
  EXPECT_EQ(h.sla_deadline_ms, 7000);
  EXPECT_EQ(h.sent_back_ms, 150);
  EXPECT_EQ(h.site_key, kSite);
  EXPECT_EQ(h.variant, "a");
  EXPECT_EQ(DeliveryKeys("lead-1"), (Ids{"lead-1.dest-1.nurture.1", "lead-1.dest-1.qualified.2"}));

  // Accepted and overdue are reset by a new generation.
  ASSERT_TRUE(store().MarkOverdue("lead-1", 8000, {}).value());
  ASSERT_TRUE(store().SaveFeedback({"lead-1", 2, "accept", "", "", 8100}, "accepted").ok());
  HandOver("lead-1", "visitor-1", MakeHandoff("lead-1", 1, "sales", 9000, 9500), 9000);
  h = store().GetHandoff("lead-1").value();
  EXPECT_EQ(h.generation, 2) << "an older generation changes nothing";
  EXPECT_EQ(h.state, "accepted");
  HandOver("lead-1", "visitor-1", MakeHandoff("lead-1", 3, "sales", 9000, 9500), 9000);
  h = store().GetHandoff("lead-1").value();
  EXPECT_EQ(h.generation, 3);
  EXPECT_EQ(h.state, "open");
  EXPECT_EQ(h.overdue_ms, 0);
  EXPECT_EQ(h.accepted_ms, 0);
}

TEST_P(HandoffStoreContract, DeliveriesAreClaimedAttemptedRetriedAndDelivered) {
  HandOver("lead-1", "visitor-1", MakeHandoff("lead-1", 1, "sales", 200, 0, {"dest-a"}), 200);
  HandOver("lead-2", "visitor-2", MakeHandoff("lead-2", 1, "sales", 100, 0, {"dest-b"}), 100);
  EXPECT_TRUE(NothingDue(99));
  EXPECT_EQ(store().CountUndelivered().value(), 2);

  const OutboxRecord first = Claim(1000);
  EXPECT_EQ(first.lead_id, "lead-2") << "the one due first";
  EXPECT_EQ(first.state, "sending");
  const OutboxRecord second = Claim(1000);
  EXPECT_EQ(second.lead_id, "lead-1");
  EXPECT_TRUE(NothingDue(1000)) << "a claimed delivery is not claimed again";
  EXPECT_EQ(store().CountUndelivered().value(), 2) << "sending counts as undelivered";

  // A failed try: pending again, due at its retry time.
  ASSERT_TRUE(Attempt(first, 1, 1000, "pending", 3000, 503, "HTTP 503").ok());
  OutboxRecord row = store().GetDelivery(first.delivery_id).value();
  EXPECT_EQ(row.state, "pending");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.next_attempt_ms, 3000);
  EXPECT_EQ(row.last_error, "HTTP 503");
  EXPECT_TRUE(NothingDue(2999));
  EXPECT_EQ(Claim(3000).delivery_id, first.delivery_id);
  ASSERT_TRUE(Attempt(first, 2, 3000, "delivered", 0, 200).ok());
  row = store().GetDelivery(first.delivery_id).value();
  EXPECT_EQ(row.state, "delivered");
  EXPECT_EQ(row.attempts, 2);
  EXPECT_EQ(row.delivered_ms, 3000);
  EXPECT_EQ(row.last_error, "");

  // A delivered one is never changed again (the try is still logged).
  ASSERT_TRUE(Attempt(first, 3, 4000, "dead", 0, 500, "late").ok());
  EXPECT_EQ(store().GetDelivery(first.delivery_id).value().state, "delivered");
  EXPECT_EQ(store().GetDelivery(first.delivery_id).value().attempts, 2);
  const std::vector<AttemptRecord> log = store().ListAttempts("lead-2").value();
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0].attempt, 1);
  EXPECT_EQ(log[0].status_code, 503);
  EXPECT_EQ(log[0].error, "HTTP 503");
  EXPECT_EQ(log[0].latency_ms, 12);
  EXPECT_EQ(log[0].destination_id, "dest-b");
  EXPECT_EQ(log[1].at_ms, 3000);
  EXPECT_EQ(log[2].error, "late");
  EXPECT_TRUE(store().ListAttempts("lead-1").value().empty());
  EXPECT_EQ(store().CountUndelivered().value(), 1);

  // A try of a delivery that is gone leaves no log entry.
  OutboxRecord gone = first;
  gone.delivery_id = 999999;
  ASSERT_TRUE(Attempt(gone, 1, 5000, "delivered").ok());
  EXPECT_EQ(store().ListAttempts("lead-2").value().size(), 3u);
}

TEST_P(HandoffStoreContract, ClaimsLeftByAStoppedProcessAreReleased) {
  HandOver("lead-1", "visitor-1", MakeHandoff("lead-1", 1, "sales", 100), 100);
  const OutboxRecord claimed = Claim(1000);
  EXPECT_TRUE(NothingDue(1000));
  ASSERT_TRUE(store().ReleaseClaims().ok());
  EXPECT_EQ(store().GetDelivery(claimed.delivery_id).value().state, "pending");
  EXPECT_EQ(Claim(1000).delivery_id, claimed.delivery_id);
}

TEST_P(HandoffStoreContract, OnlyADeadLetterIsRedelivered) {
  HandOver("lead-1", "visitor-1", MakeHandoff("lead-1", 1, "sales", 100, 0, {"d1", "d2", "d3"}),
           100);
  const OutboxRecord dead = Claim(1000);
  ASSERT_TRUE(Attempt(dead, 4, 1000, "dead", 0, 0, "connection refused").ok());
  const OutboxRecord delivered = Claim(1000);
  ASSERT_TRUE(Attempt(delivered, 1, 1000, "delivered").ok());
  const OutboxRecord pending = store().ListDeliveries({"", "lead-1", "pending", 10}).value()[0];
  const OutboxRecord sending = Claim(1000);
  ASSERT_EQ(sending.delivery_id, pending.delivery_id);

  struct Case {
    const char* name;
    int64_t delivery_id;
    StatusCode code;
    const char* message;
  } cases[] = {
      {"delivered", delivered.delivery_id, StatusCode::kConflict,
       "only a dead letter can be redelivered; this delivery is delivered"},
      {"sending", sending.delivery_id, StatusCode::kConflict,
       "only a dead letter can be redelivered; this delivery is sending"},
      {"unknown", 999999, StatusCode::kNotFound, "no delivery with this id"},
      {"dead", dead.delivery_id, StatusCode::kOk, ""},
      {"dead, redelivered", dead.delivery_id, StatusCode::kConflict,
       "only a dead letter can be redelivered; this delivery is pending"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Status status = store().Redeliver(c.delivery_id, 5000);
    EXPECT_EQ(status.code(), c.code) << status.message();
    EXPECT_EQ(status.message(), c.message);
    if (!status.ok()) {
      EXPECT_EQ(status.path(), "/delivery_id");
    }
  }
  const OutboxRecord again = store().GetDelivery(dead.delivery_id).value();
  EXPECT_EQ(again.state, "pending");
  EXPECT_EQ(again.next_attempt_ms, 5000);
  EXPECT_EQ(again.horizon_start_ms, 5000) << "a fresh retry horizon";
  EXPECT_EQ(again.attempts, 4);
  EXPECT_EQ(store().GetDelivery(delivered.delivery_id).value().state, "delivered");
  EXPECT_TRUE(NothingDue(4999));
  EXPECT_EQ(Claim(5000).delivery_id, dead.delivery_id);
}

TEST_P(HandoffStoreContract, DeliveriesAreListedByIdWithFilters) {
  AddSite("site-b");
  HandOver("lead-1", "visitor-1", MakeHandoff("lead-1", 1, "sales", 100, 0, {"d1", "d2"}), 100);
  HandoffWrite other = MakeHandoff("lead-2", 1, "sales", 200);
  other.handoff.site_key = "site-b";
  HandOver("lead-2", "visitor-2", other, 200);
  // A delivery whose lead was never handed over belongs to no site.
  OutboxRecord loose;
  loose.idempotency_key = "lead-x.d1.overdue.1";
  loose.lead_id = "lead-x";
  loose.destination_id = "d1";
  loose.event = "lead.overdue";
  loose.payload = Json::object();
  loose.created_ms = 300;
  ASSERT_TRUE(store().Enqueue({loose}).ok());
  ASSERT_TRUE(Attempt(Claim(1000), 1, 1000, "delivered").ok());

  auto keys = [&](const OutboxFilter& filter) {
    Ids list;
    for (const OutboxRecord& row : ValueOf(store().ListDeliveries(filter))) {
      list.push_back(row.idempotency_key);
    }
    return list;
  };
  EXPECT_EQ(keys({"", "", "", 100}), (Ids{"lead-1.d1.qualified.1", "lead-1.d2.qualified.1",
                                          "lead-2.dest-1.qualified.1", "lead-x.d1.overdue.1"}));
  EXPECT_EQ(keys({kSite, "", "", 100}), (Ids{"lead-1.d1.qualified.1", "lead-1.d2.qualified.1"}));
  EXPECT_EQ(keys({"site-b", "", "", 100}), (Ids{"lead-2.dest-1.qualified.1"}));
  EXPECT_EQ(keys({"", "lead-x", "", 100}), (Ids{"lead-x.d1.overdue.1"}));
  EXPECT_EQ(keys({"", "", "delivered", 100}), (Ids{"lead-1.d1.qualified.1"}));
  EXPECT_EQ(keys({kSite, "", "pending", 100}), (Ids{"lead-1.d2.qualified.1"}));
  EXPECT_EQ(keys({"", "", "", 2}), (Ids{"lead-1.d1.qualified.1", "lead-1.d2.qualified.1"}));
}

TEST_P(HandoffStoreContract, HandoffsAreListedNewestFirstWithFilters) {
  HandOver("lead-a", "visitor-a", MakeHandoff("lead-a", 1, "sales", 100, 500), 100);
  HandOver("lead-b", "visitor-b", MakeHandoff("lead-b", 1, "nurture", 300), 300);
  HandOver("lead-c", "visitor-c", MakeHandoff("lead-c", 1, "sales", 200, 600), 200);
  HandOver("lead-d", "visitor-d", MakeHandoff("lead-d", 1, "sales", 200, 700), 200);
  ASSERT_TRUE(store().MarkOverdue("lead-c", 650, {}).value());
  ASSERT_TRUE(store().SaveFeedback({"lead-a", 1, "accept", "", "", 400}, "accepted").ok());

  struct Case {
    const char* name;
    HandoffFilter filter;
    Ids want;
  } cases[] = {
      {"all", {}, {"lead-b", "lead-c", "lead-d", "lead-a"}},
      {"sales", {"", "sales", "", false, 100}, {"lead-c", "lead-d", "lead-a"}},
      {"nurture", {"", "nurture", "", false, 100}, {"lead-b"}},
      {"open", {"", "", "open", false, 100}, {"lead-b", "lead-c", "lead-d"}},
      {"overdue", {"", "", "", true, 100}, {"lead-c"}},
      {"a site", {kSite, "sales", "accepted", false, 100}, {"lead-a"}},
      {"another site", {"site-other", "", "", false, 100}, {}},
      {"a limit", {"", "", "", false, 2}, {"lead-b", "lead-c"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(Leads(store().ListHandoffs(c.filter).value()), c.want);
  }
}

TEST_P(HandoffStoreContract, OpenSalesLeadsPastTheirDeadlineAreMarkedOverdueOnce) {
  HandOver("lead-late", "visitor-1", MakeHandoff("lead-late", 1, "sales", 100, 1000), 100);
  HandOver("lead-later", "visitor-2", MakeHandoff("lead-later", 1, "sales", 100, 900), 100);
  HandOver("lead-future", "visitor-3", MakeHandoff("lead-future", 1, "sales", 100, 5000), 100);
  HandOver("lead-no-sla", "visitor-4", MakeHandoff("lead-no-sla", 1, "sales", 100, 0), 100);
  HandOver("lead-nurture", "visitor-5", MakeHandoff("lead-nurture", 1, "nurture", 100, 800), 100);
  HandOver("lead-accepted", "visitor-6", MakeHandoff("lead-accepted", 1, "sales", 100, 800), 100);
  ASSERT_TRUE(store().SaveFeedback({"lead-accepted", 1, "accept", "", "", 200}, "accepted").ok());

  EXPECT_EQ(Leads(store().ListPastDeadline(899).value()), Ids{});
  EXPECT_EQ(Leads(store().ListPastDeadline(1000).value()), (Ids{"lead-later", "lead-late"}))
      << "by deadline; at the deadline counts";

  OutboxRecord escalation;
  escalation.idempotency_key = "lead-late.dest-1.overdue.1";
  escalation.lead_id = "lead-late";
  escalation.generation = 1;
  escalation.destination_id = "dest-1";
  escalation.event = "lead.overdue";
  escalation.payload = {{"overdue", true}};
  escalation.created_ms = 1100;
  Result<bool> marked = store().MarkOverdue("lead-late", 1100, {escalation});
  ASSERT_TRUE(marked.ok());
  EXPECT_TRUE(marked.value());
  const HandoffRecord h = store().GetHandoff("lead-late").value();
  EXPECT_EQ(h.overdue_ms, 1100);
  EXPECT_EQ(h.updated_ms, 1100);
  EXPECT_EQ(DeliveryKeys("lead-late"),
            (Ids{"lead-late.dest-1.qualified.1", escalation.idempotency_key}));

  // Once: a second mark writes nothing, not even a new escalation.
  OutboxRecord second = escalation;
  second.idempotency_key = "lead-late.dest-2.overdue.1";
  EXPECT_FALSE(store().MarkOverdue("lead-late", 1200, {second}).value());
  EXPECT_EQ(store().GetHandoff("lead-late").value().overdue_ms, 1100);
  EXPECT_EQ(DeliveryKeys("lead-late").size(), 2u);
  EXPECT_FALSE(store().MarkOverdue("lead-accepted", 1200, {second}).value()) << "not open";
  EXPECT_FALSE(store().MarkOverdue("lead-none", 1200, {}).value());
  EXPECT_EQ(Leads(store().ListPastDeadline(1200).value()), (Ids{"lead-later"}));
}

TEST_P(HandoffStoreContract, TouchesAreCountedOnTheHandoff) {
  HandOver("lead-1", "visitor-1", MakeHandoff("lead-1", 1, "sales", 100, 5000), 100);
  ASSERT_TRUE(store().AddTouch({"lead-1", "call", "first call", "sam", 200}).ok());
  ASSERT_TRUE(store().AddTouch({"lead-1", "email", "", "kim", 150}).ok());
  EXPECT_TRUE(IsNotFound(store().AddTouch({"lead-none", "call", "", "", 200}), "/lead_id"));
  const std::vector<TouchRecord> touches = store().ListTouches("lead-1").value();
  ASSERT_EQ(touches.size(), 2u);
  EXPECT_EQ(touches[0].channel, "call") << "in the order recorded";
  EXPECT_EQ(touches[0].note, "first call");
  EXPECT_EQ(touches[0].by, "sam");
  EXPECT_EQ(touches[0].at_ms, 200);
  EXPECT_EQ(touches[1].by, "kim");
  EXPECT_EQ(store().GetHandoff("lead-1").value().touches, 2);
  EXPECT_EQ(store().ListHandoffs({}).value()[0].touches, 2);
  EXPECT_EQ(store().ListPastDeadline(5000).value()[0].touches, 2);
  EXPECT_TRUE(store().ListTouches("lead-none").value().empty());
}

TEST_P(HandoffStoreContract, FeedbackMovesTheHandoffAndIsKeptPerGeneration) {
  struct Case {
    const char* decision;
    const char* state;
    bool accepted;
    bool sent_back;
  } cases[] = {
      {"accept", "accepted", true, false},
      {"reject", "rejected", false, false},
      {"nurture", "nurturing", false, true},
  };
  int64_t at = 1000;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.decision);
    const std::string lead = std::string("lead-") + c.decision;
    HandOver(lead, "visitor-" + lead, MakeHandoff(lead, 2, "sales", 100, 5000), 100);
    at += 100;
    // The generation stored is the handoff's, whatever the caller sent.
    ASSERT_TRUE(store().SaveFeedback({lead, 7, c.decision, "why", "a note", at}, c.state).ok());
    const HandoffRecord h = store().GetHandoff(lead).value();
    EXPECT_EQ(h.state, c.state);
    EXPECT_EQ(h.updated_ms, at);
    EXPECT_EQ(h.accepted_ms, c.accepted ? at : 0);
    EXPECT_EQ(h.sent_back_ms, c.sent_back ? at : 0);
    const std::vector<FeedbackRecord> feedback = store().ListFeedback(lead).value();
    ASSERT_EQ(feedback.size(), 1u);
    EXPECT_EQ(feedback[0].lead_id, lead);
    EXPECT_EQ(feedback[0].generation, 2);
    EXPECT_EQ(feedback[0].decision, c.decision);
    EXPECT_EQ(feedback[0].reason, "why");
    EXPECT_EQ(feedback[0].note, "a note");
    EXPECT_EQ(feedback[0].at_ms, at);
  }
  EXPECT_TRUE(IsNotFound(store().SaveFeedback({"lead-none", 1, "accept", "", "", 1}, "accepted"),
                         "/lead_id"));
  EXPECT_TRUE(store().ListFeedback("lead-none").value().empty());
}

TEST_P(HandoffStoreContract, TheReportHasSalesHandoffsWithTheirLatestFeedback) {
  AddSite("site-b");
  auto hand = [&](const std::string& lead, const std::string& flow, const std::string& variant,
                  const std::string& route, const std::string& site = kSite) {
    HandoffWrite write = MakeHandoff(lead, 1, route, 100, 5000);
    write.handoff.flow_id = flow;
    write.handoff.variant = variant;
    write.handoff.site_key = site;
    HandOver(lead, "visitor-" + lead, write, 100);
  };
  hand("lead-3", "flow-a", "b", "sales");
  hand("lead-1", "flow-a", "b", "sales");
  hand("lead-2", "flow-a", "a", "sales");
  hand("lead-0", "flow-z", "a", "sales");
  hand("lead-n", "flow-a", "a", "nurture");
  hand("lead-s", "flow-a", "a", "sales", "site-b");
  ASSERT_TRUE(
      store().SaveFeedback({"lead-1", 1, "reject", "no_budget", "n1", 200}, "rejected").ok());
  ASSERT_TRUE(store().SaveFeedback({"lead-1", 1, "accept", "", "n2", 300}, "accepted").ok());
  // lead-2's feedback was on generation 1; generation 2 has none yet.
  ASSERT_TRUE(store().SaveFeedback({"lead-2", 1, "nurture", "", "", 200}, "nurturing").ok());
  HandOver("lead-2", "visitor-lead-2", MakeHandoff("lead-2", 2, "sales", 400, 5000), 400);

  Result<std::vector<HandoffStore::ReportRow>> rows = store().ListForReport(kSite, "");
  ASSERT_TRUE(rows.ok());
  Ids leads;
  for (const auto& row : rows.value()) leads.push_back(row.handoff.lead_id);
  EXPECT_EQ(leads, (Ids{"lead-2", "lead-1", "lead-3", "lead-0"})) << "by flow, variant, lead";
  const auto& lead1 = rows.value()[1];
  EXPECT_EQ(lead1.latest.lead_id, "lead-1");
  EXPECT_EQ(lead1.latest.decision, "accept");
  EXPECT_EQ(lead1.latest.note, "n2");
  EXPECT_EQ(lead1.latest.at_ms, 300);
  EXPECT_EQ(rows.value()[0].latest.decision, "") << "no feedback on the current generation";
  EXPECT_EQ(rows.value()[0].handoff.generation, 2);
  EXPECT_EQ(rows.value()[2].latest.decision, "");
  EXPECT_EQ(rows.value()[2].latest.lead_id, "lead-3");

  leads.clear();
  for (const auto& row : ValueOf(store().ListForReport(kSite, "flow-z"))) {
    leads.push_back(row.handoff.lead_id);
  }
  EXPECT_EQ(leads, (Ids{"lead-0"}));
  EXPECT_EQ(store().ListForReport("site-b", "").value().size(), 1u);
  EXPECT_TRUE(store().ListForReport("site-none", "").value().empty());
}

}  // namespace
}  // namespace leadq::testing
