// The contract of the reading and privacy stores, on every backend: lead lists with their
// filters, text search, paging and totals (LeadStore), and the visitor's profile,
// consent, export, erasure and the purge of raw events (VisitorStore).
#include <limits>

#include "store_contract.h"

namespace leadq::testing {
namespace {

using Ids = std::vector<std::string>;

class LeadStoreContract : public StoreContract {
 protected:
  struct Lead {
    const char* session;
    const char* site;
    int64_t updated_ms;
    const char* triage;
    const char* grade;
    const char* flow;
    const char* variant;
    const char* channel;
    const char* search_text;
  };

  void SetUp() override {
    StoreContract::SetUp();
    AddSite("site-b");
    static const Lead kLeads[] = {
        {"session-l1", kSite, 100, "qualified", "high", "flow-a", "a", "search",
         "ann\nacme corp\n"},
        {"session-l2", kSite, 200, "nurture", "low", "flow-b", "b", "", "bob\n50%_off\n"},
        {"session-l3", kSite, 300, "qualified", "medium", "flow-a", "b", "search",
         "\xC3\x85sa\ncarol\n"},
        {"session-l4", "site-b", 200, "disqualified", "none", "flow-a", "a", "email", "dave\n"},
    };
    for (const Lead& lead : kLeads) {
      StartSession(lead.session, std::string("visitor-") + lead.session, 50, lead.site);
      AnswerWrite write =
          NextAnswer(lead.session, "answer-1", "budget", "over_50k", lead.updated_ms);
      LeadRecord& row = write.outcome.lead;
      row.triage = lead.triage;
      row.grade = lead.grade;
      row.flow_id = lead.flow;
      row.variant = lead.variant;
      row.channel = lead.channel;
      row.search_text = lead.search_text;
      ASSERT_EQ(Store(write), AnswerStored::kStored);
    }
  }

  Ids List(const LeadFilter& filter, int64_t* total = nullptr) {
    int64_t count = -1;
    Result<std::vector<LeadRecord>> leads = store().ListLeads(filter, &count);
    EXPECT_TRUE(leads.ok());
    if (total != nullptr) *total = count;
    Ids ids;
    if (leads.ok()) {
      for (const LeadRecord& lead : leads.value()) ids.push_back(lead.session_id);
    }
    return ids;
  }
};
INSTANTIATE_STORE_CONTRACT(LeadStoreContract);

TEST_P(LeadStoreContract, LeadsAreFilteredNewestFirst) {
  struct Case {
    const char* name;
    LeadFilter filter;
    Ids want;
  };
  auto filter = [](auto set) {
    LeadFilter f;
    set(f);
    return f;
  };
  const Case cases[] = {
      {"everything", LeadFilter(), {"session-l3", "session-l2", "session-l4", "session-l1"}},
      {"a site",
       filter([](LeadFilter& f) { f.site_key = kSite; }),
       {"session-l3", "session-l2", "session-l1"}},
      {"a triage",
       filter([](LeadFilter& f) { f.triage = "qualified"; }),
       {"session-l3", "session-l1"}},
      {"a grade", filter([](LeadFilter& f) { f.grade = "low"; }), {"session-l2"}},
      {"a flow", filter([](LeadFilter& f) { f.flow_id = "flow-b"; }), {"session-l2"}},
      {"a variant", filter([](LeadFilter& f) { f.variant = "b"; }), {"session-l3", "session-l2"}},
      {"a channel",
       filter([](LeadFilter& f) { f.channel = "search"; }),
       {"session-l3", "session-l1"}},
      {"from (inclusive)",
       filter([](LeadFilter& f) { f.from_ms = 200; }),
       {"session-l3", "session-l2", "session-l4"}},
      {"to (exclusive)",
       filter([](LeadFilter& f) { f.to_ms = 300; }),
       {"session-l2", "session-l4", "session-l1"}},
      {"a time range",
       filter([](LeadFilter& f) {
         f.from_ms = 150;
         f.to_ms = 250;
       }),
       {"session-l2", "session-l4"}},
      {"text, any case", filter([](LeadFilter& f) { f.text = "ACME"; }), {"session-l1"}},
      {"text across values", filter([](LeadFilter& f) { f.text = "me co"; }), {"session-l1"}},
      {"text: % and _ are plain characters",
       filter([](LeadFilter& f) { f.text = "%_"; }),
       {"session-l2"}},
      {"text: a lone _", filter([](LeadFilter& f) { f.text = "_"; }), {"session-l2"}},
      {"text: no match", filter([](LeadFilter& f) { f.text = "zed"; }), {}},
      {"text: only ASCII letters fold", filter([](LeadFilter& f) { f.text = "\xC3\xA5sa"; }), {}},
      {"text: the same non-ASCII letter",
       filter([](LeadFilter& f) { f.text = "\xC3\x85SA"; }),
       {"session-l3"}},
      {"all together",
       filter([](LeadFilter& f) {
         f.site_key = kSite;
         f.triage = "qualified";
         f.text = "carol";
       }),
       {"session-l3"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    int64_t total = -1;
    EXPECT_EQ(List(c.filter, &total), c.want);
    EXPECT_EQ(total, static_cast<int64_t>(c.want.size()));
  }
}

TEST_P(LeadStoreContract, PagesCountTheWholeMatch) {
  struct Case {
    int limit, offset;
    Ids want;
  } cases[] = {
      {2, 0, {"session-l3", "session-l2"}},
      {2, 2, {"session-l4", "session-l1"}},
      {2, 3, {"session-l1"}},
      {2, 4, {}},
      {0, 0, {}},
      {50, 1, {"session-l2", "session-l4", "session-l1"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::to_string(c.limit) + "@" + std::to_string(c.offset));
    LeadFilter filter;
    filter.limit = c.limit;
    filter.offset = c.offset;
    int64_t total = -1;
    EXPECT_EQ(List(filter, &total), c.want);
    EXPECT_EQ(total, 4);
  }
}

TEST_P(LeadStoreContract, ForEachLeadVisitsEveryMatchInOrderUntilToldToStop) {
  LeadFilter filter;
  filter.site_key = kSite;
  filter.limit = 1;
  filter.offset = 1;  // both ignored
  Ids seen;
  ASSERT_TRUE(store()
                  .ForEachLead(filter,
                               [&](const LeadRecord& lead) {
                                 seen.push_back(lead.session_id);
                                 return true;
                               })
                  .ok());
  EXPECT_EQ(seen, (Ids{"session-l3", "session-l2", "session-l1"}));
  seen.clear();
  ASSERT_TRUE(store()
                  .ForEachLead(LeadFilter(),
                               [&](const LeadRecord& lead) {
                                 seen.push_back(lead.session_id);
                                 return seen.size() < 2;
                               })
                  .ok());
  EXPECT_EQ(seen, (Ids{"session-l3", "session-l2"}));
}

TEST_P(LeadStoreContract, LeadsAreCountedByTriageAndReadOneByOne) {
  Result<std::map<std::string, int64_t>> counts = store().CountLeadsByTriage();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts.value(), (std::map<std::string, int64_t>{
                                {"disqualified", 1}, {"nurture", 1}, {"qualified", 2}}));
  Result<LeadRecord> lead = store().GetLead("session-l4");
  ASSERT_TRUE(lead.ok());
  EXPECT_EQ(lead.value().site_key, "site-b");
  EXPECT_EQ(lead.value().grade, "none");
  EXPECT_EQ(lead.value().channel, "email");
  EXPECT_EQ(lead.value().search_text, "dave\n");
  EXPECT_TRUE(IsNotFound(store().GetLead("session-none").status(), "/lead_id"));
}

class VisitorStoreContract : public StoreContract {};
INSTANTIATE_STORE_CONTRACT(VisitorStoreContract);

TEST_P(VisitorStoreContract, AnUnknownVisitorHasAnEmptyProfile) {
  Result<VisitorProfile> visitor = store().GetVisitor(kSite, "visitor-none");
  ASSERT_TRUE(visitor.ok());
  EXPECT_EQ(visitor.value().site_key, kSite);
  EXPECT_EQ(visitor.value().visitor_id, "visitor-none");
  EXPECT_EQ(visitor.value().fields, Json::object());
  EXPECT_EQ(visitor.value().signals, Json::object());
  EXPECT_EQ(visitor.value().email, "");
  EXPECT_EQ(visitor.value().created_ms, 0);
  EXPECT_EQ(visitor.value().revision, 0);
  EXPECT_TRUE(IsNotFound(store().ExportVisitor(kSite, "visitor-none").status(), "/visitor_id"));
  EXPECT_TRUE(IsNotFound(store().EraseVisitor(kSite, "visitor-none"), "/visitor_id"));
}

TEST_P(VisitorStoreContract, ConsentIsRecordedForANewOrKnownVisitor) {
  ASSERT_TRUE(store().RecordConsent({kSite, "visitor-1", "v1", true, 100}).ok());
  EXPECT_EQ(store().GetVisitor(kSite, "visitor-1").value().created_ms, 100);
  ASSERT_TRUE(store().RecordConsent({kSite, "visitor-1", "v2", false, 200}).ok());
  const VisitorExport exported = store().ExportVisitor(kSite, "visitor-1").value();
  ASSERT_EQ(exported.consents.size(), 2u);
  EXPECT_EQ(
      exported.consents[0],
      (Json{{"visitor_id", "visitor-1"}, {"version", "v1"}, {"given", 1}, {"recorded_ms", 100}}));
  EXPECT_EQ(exported.consents[1]["version"], "v2");
  EXPECT_EQ(exported.consents[1]["given"], 0);
  EXPECT_FALSE(store().RecordConsent({"site-none", "visitor-1", "v1", true, 100}).ok());
}

TEST_P(VisitorStoreContract, AnExportHoldsEverythingAboutTheVisitorAndItsMergedVisitors) {
  StartSession("session-1", "visitor-1", 100);
  Store(NextAnswer("session-1", "answer-zz", "budget", "over_50k", 200));
  Store(NextAnswer("session-1", "answer-aa", "email", "ann@example.com", 300));
  StartSession("session-0", "visitor-1", 50);  // started earlier, never answered
  ASSERT_TRUE(PageView("visitor-1", "/pricing", 400).ok());
  ASSERT_TRUE(store().RecordConsent({kSite, "visitor-1", "v1", true, 450}).ok());
  Answer("session-2", "visitor-2", "email", "ann@example.com", 500);

  for (const char* id : {"visitor-1", "visitor-2"}) {
    SCOPED_TRACE(id);
    Result<VisitorExport> exported = store().ExportVisitor(kSite, id);
    ASSERT_TRUE(exported.ok());
    const VisitorExport& out = exported.value();
    EXPECT_EQ(out.profile.visitor_id, "visitor-1");
    EXPECT_EQ(out.profile.email, "ann@example.com");
    EXPECT_EQ(out.merged_ids, (Ids{"visitor-2"}));
    ASSERT_EQ(out.sessions.size(), 3u);
    // The canonical visitor's sessions by start time, then the merged visitors'.
    EXPECT_EQ(out.sessions[0]["session_id"], "session-0");
    EXPECT_TRUE(out.sessions[0]["outcome"].is_null());
    EXPECT_EQ(out.sessions[0]["answers"], Json::array());
    const Json& first = out.sessions[1];
    EXPECT_EQ(first["session_id"], "session-1");
    EXPECT_EQ(first["flow"], kFlow);
    EXPECT_EQ(first["flow_version"], 1);
    EXPECT_EQ(first["visitor_id"], "visitor-1");
    EXPECT_EQ(first["variant"], "a");
    EXPECT_EQ(first["language"], "en");
    EXPECT_EQ(first["started_ms"], 100);
    EXPECT_EQ(first["updated_ms"], 300);
    EXPECT_EQ(first["outcome"], store().GetSession("session-1").value().outcome);
    ASSERT_EQ(first["answers"].size(), 2u);
    // By answer id.
    EXPECT_EQ(first["answers"][0], (Json{{"answer_id", "answer-aa"},
                                         {"step", "email"},
                                         {"field", "email"},
                                         {"value", "ann@example.com"},
                                         {"received_ms", 300}}));
    EXPECT_EQ(first["answers"][1]["answer_id"], "answer-zz");
    EXPECT_EQ(out.sessions[2]["session_id"], "session-2");
    EXPECT_EQ(out.sessions[2]["visitor_id"], "visitor-2");
    ASSERT_EQ(out.events.size(), 1u);
    EXPECT_EQ(out.events[0], (Json{{"visitor_id", "visitor-1"},
                                   {"type", "page_view"},
                                   {"path", "/pricing"},
                                   {"data", {{"title", "Page /pricing"}}},
                                   {"at_ms", 400},
                                   {"received_ms", 400}}));
    ASSERT_EQ(out.consents.size(), 1u);
    EXPECT_EQ(out.consents[0]["visitor_id"], "visitor-1");
  }
}

TEST_P(VisitorStoreContract, ErasureTakesTheVisitorItsMergedVisitorsAndAllTheirRows) {
  const char* const kErased[] = {"lead-1", "lead-2"};
  HandOver("lead-1", "visitor-1", MakeHandoff("lead-1", 1, "sales", 100, 9000), 100);
  Store(NextAnswer("lead-1", "answer-mail-1", "email", "ann@example.com", 110));
  HandOver("lead-2", "visitor-2", MakeHandoff("lead-2", 1, "nurture", 200), 200);
  Store(NextAnswer("lead-2", "answer-mail-2", "email", "ann@example.com", 210));
  ASSERT_EQ(store().GetVisitor(kSite, "visitor-2").value().visitor_id, "visitor-1");
  ASSERT_TRUE(PageView("visitor-2", "/pricing", 220).ok());
  ASSERT_TRUE(store().RecordConsent({kSite, "visitor-2", "v1", true, 230}).ok());
  // A lead of another visitor, with rows of every kind too.
  HandOver("lead-other", "visitor-other", MakeHandoff("lead-other", 1, "sales", 300, 9000), 300);
  ASSERT_TRUE(PageView("visitor-other", "/", 310).ok());
  for (const char* lead : {"lead-1", "lead-2", "lead-other"}) {
    std::optional<OutboxRecord> claimed = store().ClaimDueDelivery(1000).value();
    ASSERT_TRUE(claimed.has_value());
    AttemptResult attempt;
    attempt.attempt = {
        claimed->delivery_id, claimed->lead_id, claimed->destination_id, 1, 1000, 200, 5, ""};
    attempt.state = "delivered";
    ASSERT_TRUE(store().RecordAttempt(attempt).ok());
    ASSERT_TRUE(store().AddTouch({lead, "call", "note", "sam", 1100}).ok());
    ASSERT_TRUE(store().SaveFeedback({lead, 1, "accept", "", "", 1200}, "accepted").ok());
  }

  ASSERT_TRUE(store().EraseVisitor(kSite, "visitor-2").ok()) << "by a merged id";

  for (const char* lead : kErased) {
    SCOPED_TRACE(lead);
    EXPECT_TRUE(IsNotFound(store().GetSession(lead).status(), "/session_id"));
    EXPECT_TRUE(store().ListAnswers(lead).value().empty());
    EXPECT_TRUE(IsNotFound(store().GetLead(lead).status(), "/lead_id"));
    EXPECT_TRUE(IsNotFound(store().GetHandoff(lead).status(), "/lead_id"));
    EXPECT_TRUE(DeliveryKeys(lead).empty());
    EXPECT_TRUE(store().ListAttempts(lead).value().empty());
    EXPECT_TRUE(store().ListTouches(lead).value().empty());
    EXPECT_TRUE(store().ListFeedback(lead).value().empty());
  }
  for (const char* visitor : {"visitor-1", "visitor-2"}) {
    EXPECT_EQ(store().GetVisitor(kSite, visitor).value().created_ms, 0) << visitor;
    EXPECT_TRUE(store().ExportVisitor(kSite, visitor).status().IsNotFound()) << visitor;
  }
  EXPECT_TRUE(IsNotFound(store().EraseVisitor(kSite, "visitor-1"), "/visitor_id"));
  OutboxFilter all;
  EXPECT_EQ(store().ListDeliveries(all).value().size(), 1u);
  EXPECT_EQ(store().CountLeadsByTriage().value(),
            (std::map<std::string, int64_t>{{"qualified", 1}}));

  // The other visitor keeps everything.
  EXPECT_TRUE(store().GetSession("lead-other").ok());
  EXPECT_TRUE(store().GetLead("lead-other").ok());
  EXPECT_EQ(store().GetHandoff("lead-other").value().touches, 1);
  EXPECT_EQ(DeliveryKeys("lead-other").size(), 1u);
  EXPECT_EQ(store().ListAttempts("lead-other").value().size(), 1u);
  EXPECT_EQ(store().ListFeedback("lead-other").value().size(), 1u);
  const VisitorExport other = store().ExportVisitor(kSite, "visitor-other").value();
  EXPECT_EQ(other.sessions.size(), 1u);
  EXPECT_EQ(other.events.size(), 1u);
  EXPECT_EQ(store().PurgeEvents(std::numeric_limits<int64_t>::max()).value(), 1)
      << "only the other visitor's event was left";
}

TEST_P(VisitorStoreContract, PurgeDeletesTheEventsReceivedBeforeTheCutOff) {
  ASSERT_TRUE(PageView("visitor-1", "/a", 100).ok());
  ASSERT_TRUE(PageView("visitor-1", "/b", 200).ok());
  ASSERT_TRUE(PageView("visitor-2", "/c", 300).ok());
  EXPECT_EQ(store().PurgeEvents(100).value(), 0) << "received at the cut-off: kept";
  EXPECT_EQ(store().PurgeEvents(201).value(), 2);
  EXPECT_EQ(store().PurgeEvents(201).value(), 0);
  EXPECT_TRUE(store().ExportVisitor(kSite, "visitor-1").value().events.empty());
  EXPECT_EQ(store().ExportVisitor(kSite, "visitor-2").value().events.size(), 1u);
  EXPECT_EQ(store().GetVisitor(kSite, "visitor-1").value().signals["page_views"], 2)
      << "the folded signals stay";
}

}  // namespace
}  // namespace leadq::testing
