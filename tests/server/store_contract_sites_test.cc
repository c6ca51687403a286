// The contract of the configuration stores, on every backend: sites and API keys
// (SiteStore), flow versions and publishing (FlowStore), and handoff destinations.
#include "store_contract.h"

namespace leadq::testing {
namespace {

class SiteStoreContract : public StoreContract {};
INSTANTIATE_STORE_CONTRACT(SiteStoreContract);

TEST_P(SiteStoreContract, PutSiteCreatesAndReplacesKeepingTheCreationTime) {
  ASSERT_TRUE(store().PutSite({"site-b", "B", {"https://b.example"}, 100}).ok());
  ASSERT_TRUE(store().PutSite({"site-b", "B renamed", {"https://b2.example", "x"}, 999}).ok());
  Result<SiteRecord> site = store().GetSite("site-b");
  ASSERT_TRUE(site.ok());
  EXPECT_EQ(site.value().name, "B renamed");
  EXPECT_EQ(site.value().allowed_origins, (std::vector<std::string>{"https://b2.example", "x"}));
  EXPECT_EQ(site.value().created_ms, 100);
  EXPECT_TRUE(IsNotFound(store().GetSite("site-none").status(), "/site"));
}

TEST_P(SiteStoreContract, BusinessHoursAreStoredReplacedAndCleared) {
  const std::string hours = R"({"days":["mon"],"hours":["09:00","17:00"],"time_zone":"UTC"})";
  ASSERT_TRUE(store().PutSite({"site-h", "H", {}, 100, hours}).ok());
  EXPECT_EQ(ValueOf(store().GetSite("site-h")).business_hours, hours);
  ASSERT_TRUE(store().PutSite({"site-h", "H", {}, 100, ""}).ok());
  EXPECT_EQ(ValueOf(store().GetSite("site-h")).business_hours, "");
  EXPECT_EQ(ValueOf(store().ListSites()).size(), 2u);
}

TEST_P(SiteStoreContract, SitesAreListedByKey) {
  AddSite("site-c");
  AddSite("site-0");
  std::vector<std::string> keys;
  for (const SiteRecord& site : ValueOf(store().ListSites())) keys.push_back(site.site_key);
  EXPECT_EQ(keys, (std::vector<std::string>{"site-0", kSite, "site-c"}));
}

TEST_P(SiteStoreContract, ApiKeysAreFoundByHashListedInOrderAndRevoked) {
  ASSERT_TRUE(store().PutApiKey({"key-2", "Second", "sales", "hash-2", 20}).ok());
  ASSERT_TRUE(store().PutApiKey({"key-1", "First", "admin", "hash-1", 10}).ok());
  ASSERT_TRUE(store().PutApiKey({"key-0", "Same time", "marketer", "hash-0", 20}).ok());
  Result<ApiKeyRecord> found = store().FindApiKey("hash-2");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found.value().key_id, "key-2");
  EXPECT_EQ(found.value().role, "sales");
  EXPECT_FALSE(found.value().revoked);
  EXPECT_TRUE(store().FindApiKey("hash-none").status().IsNotFound());

  std::vector<std::string> ids;
  for (const ApiKeyRecord& key : ValueOf(store().ListApiKeys())) ids.push_back(key.key_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"key-1", "key-0", "key-2"})) << "by time, then id";

  ASSERT_TRUE(store().RevokeApiKey("key-2", 30).ok());
  EXPECT_TRUE(store().RevokeApiKey("key-2", 40).ok()) << "revoking again is no error";
  EXPECT_TRUE(store().FindApiKey("hash-2").value().revoked) << "a revoked key is still found";
  EXPECT_FALSE(store().FindApiKey("hash-1").value().revoked);
  EXPECT_TRUE(IsNotFound(store().RevokeApiKey("key-none", 30), "/key_id"));
}

TEST_P(SiteStoreContract, AnApiKeyIdOrHashIsStoredOnce) {
  ASSERT_TRUE(store().PutApiKey({"key-1", "First", "admin", "hash-1", 10}).ok());
  EXPECT_FALSE(store().PutApiKey({"key-1", "Again", "admin", "hash-9", 11}).ok());
  EXPECT_FALSE(store().PutApiKey({"key-9", "Same secret", "admin", "hash-1", 11}).ok());
  EXPECT_EQ(store().ListApiKeys().value().size(), 1u);
  EXPECT_EQ(store().FindApiKey("hash-1").value().name, "First");
}

class FlowStoreContract : public StoreContract {
 protected:
  FlowRecord Save(const std::string& flow_id, const std::string& document, bool publish,
                  const std::string& site_key = kSite) {
    Result<FlowRecord> saved =
        store().SaveFlowVersion({site_key, flow_id, 0, document, 5, "", ""}, publish);
    EXPECT_TRUE(saved.ok()) << saved.status().message();
    return saved.ok() ? saved.value() : FlowRecord();
  }
  // Publishing `version` of `flow_id` at `at_ms`, by "Marketing" with a note.
  static FlowEvent Event(const std::string& flow_id, int version, int64_t at_ms = 40,
                         const std::string& action = "published") {
    return {kSite, flow_id, at_ms, "Marketing", action, version, "note " + std::to_string(at_ms)};
  }
};
INSTANTIATE_STORE_CONTRACT(FlowStoreContract);

TEST_P(FlowStoreContract, VersionsCountUpPerFlowAndSite) {
  EXPECT_EQ(Save("flow-x", "{\"v\":1}", false).version, 1);
  EXPECT_EQ(Save("flow-x", "{\"v\":2}", false).version, 2);
  EXPECT_EQ(Save("flow-y", "{}", false).version, 1);
  AddSite("site-b");
  EXPECT_EQ(Save("flow-x", "{}", false, "site-b").version, 1);
  const FlowRecord third = Save("flow-x", "{\"v\":3}", true);
  EXPECT_EQ(third.version, 3);
  EXPECT_EQ(third.site_key, kSite);
  EXPECT_EQ(third.document, "{\"v\":3}");
  EXPECT_EQ(third.created_ms, 5);
}

TEST_P(FlowStoreContract, OnlyAPublishedVersionIsServed) {
  Save("flow-x", "{\"v\":1}", false);
  EXPECT_TRUE(IsNotFound(store().GetPublishedFlow(kSite, "flow-x").status(), "/flow"));
  Save("flow-x", "{\"v\":2}", true);
  Save("flow-x", "{\"v\":3}", false);
  Result<FlowRecord> published = store().GetPublishedFlow(kSite, "flow-x");
  ASSERT_TRUE(published.ok());
  EXPECT_EQ(published.value().version, 2) << "saving without publishing keeps the published one";
  EXPECT_EQ(published.value().document, "{\"v\":2}");

  ASSERT_TRUE(store().PublishFlowVersion(Event("flow-x", 1)).ok());
  EXPECT_EQ(store().GetPublishedFlow(kSite, "flow-x").value().version, 1) << "a roll back";
  EXPECT_EQ(store().GetFlowVersion(kSite, "flow-x", 3).value().document, "{\"v\":3}");
}

TEST_P(FlowStoreContract, UnknownFlowsAndVersionsAreNotFound) {
  Save("flow-x", "{}", true);
  struct Case {
    const char* name;
    Status status;
    const char* path;
  } cases[] = {
      {"published, unknown flow", store().GetPublishedFlow(kSite, "flow-none").status(), "/flow"},
      {"published, unknown site", store().GetPublishedFlow("site-none", "flow-x").status(),
       "/flow"},
      {"version, unknown", store().GetFlowVersion(kSite, "flow-x", 2).status(), "/version"},
      {"version, unknown flow", store().GetFlowVersion(kSite, "flow-none", 1).status(), "/version"},
      {"publish, unknown version", store().PublishFlowVersion(Event("flow-x", 7)), "/version"},
      {"publish, unknown flow", store().PublishFlowVersion(Event("flow-none", 1)), "/version"},
      {"versions, unknown flow", store().ListFlowVersions(kSite, "flow-none").status(), "/flow"},
  };
  for (const Case& c : cases) EXPECT_TRUE(IsNotFound(c.status, c.path)) << c.name;
  EXPECT_EQ(store().GetPublishedFlow(kSite, "flow-x").value().version, 1)
      << "a failed publish changes nothing";
}

TEST_P(FlowStoreContract, AFlowNeedsItsSite) {
  Result<FlowRecord> saved =
      store().SaveFlowVersion({"site-none", "flow-x", 0, "{}", 5, "", ""}, true);
  EXPECT_FALSE(saved.ok());
  EXPECT_TRUE(store().ListFlows("site-none").value().empty());
}

TEST_P(FlowStoreContract, VersionsAreListedNewestFirstAndFlowsSummarised) {
  Save("flow-b", "{\"v\":1}", true);
  Save("flow-b", "{\"v\":2}", false);
  Save("flow-a", "{\"v\":1}", false);
  Result<std::vector<FlowRecord>> versions = store().ListFlowVersions(kSite, "flow-b");
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions.value().size(), 2u);
  EXPECT_EQ(versions.value()[0].version, 2);
  EXPECT_EQ(versions.value()[0].document, "{\"v\":2}");
  EXPECT_EQ(versions.value()[1].version, 1);

  Result<std::vector<FlowSummary>> flows = store().ListFlows(kSite);
  ASSERT_TRUE(flows.ok());
  ASSERT_EQ(flows.value().size(), 2u);
  EXPECT_EQ(flows.value()[0].flow_id, "flow-a");
  EXPECT_EQ(flows.value()[0].published_version, 0) << "none published";
  EXPECT_EQ(flows.value()[0].latest_version, 1);
  EXPECT_EQ(flows.value()[1].flow_id, "flow-b");
  EXPECT_EQ(flows.value()[1].published_version, 1);
  EXPECT_EQ(flows.value()[1].latest_version, 2);
  EXPECT_TRUE(store().ListFlows("site-other").value().empty());
}

::testing::AssertionResult IsRevisionConflict(const Status& status) {
  if (status.IsConflict() && status.path() == "/revision") return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "not a conflict at /revision: " << status.message();
}

FlowDraft Draft(const std::string& flow_id, const std::string& document, int64_t at_ms = 7) {
  return {"site-a", flow_id, document, 0, 0, at_ms, "Marketing key"};  // StoreContract's kSite
}

TEST_P(FlowStoreContract, EachDraftSaveNamesTheRevisionItWasMadeOn) {
  Result<FlowDraft> first = store().PutFlowDraft(Draft("flow-new", "{\"v\":1}"), 0);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first.value().revision, 1);
  EXPECT_TRUE(IsRevisionConflict(store().PutFlowDraft(Draft("flow-new", "{}"), 0).status()))
      << "a second new draft of the same flow";
  EXPECT_EQ(ValueOf(store().PutFlowDraft(Draft("flow-new", "{\"v\":2}", 9), 1)).revision, 2);
  EXPECT_TRUE(IsRevisionConflict(store().PutFlowDraft(Draft("flow-new", "{}"), 1).status()))
      << "the other tab, still on revision 1";
  FlowDraft stored = ValueOf(store().GetFlowDraft(kSite, "flow-new"));
  EXPECT_EQ(stored.document, "{\"v\":2}");
  EXPECT_EQ(stored.revision, 2);
  EXPECT_EQ(stored.updated_ms, 9);
  EXPECT_EQ(stored.updated_by, "Marketing key");

  std::vector<FlowSummary> flows = ValueOf(store().ListFlows(kSite));
  ASSERT_EQ(flows.size(), 1u) << "a new flow is listed from its first draft";
  EXPECT_EQ(flows[0].latest_version, 0);
  EXPECT_EQ(flows[0].draft_revision, 2);
  EXPECT_EQ(flows[0].draft_updated_ms, 9);
  EXPECT_TRUE(IsNotFound(store().GetPublishedFlow(kSite, "flow-new").status(), "/flow"));

  EXPECT_TRUE(IsRevisionConflict(store().DeleteFlowDraft(kSite, "flow-new", 1)));
  ASSERT_TRUE(store().DeleteFlowDraft(kSite, "flow-new", 2).ok());
  EXPECT_TRUE(IsNotFound(store().GetFlowDraft(kSite, "flow-new").status(), "/flow"));
  EXPECT_TRUE(IsNotFound(store().DeleteFlowDraft(kSite, "flow-new", 2), "/flow"));
  EXPECT_TRUE(ValueOf(store().ListFlows(kSite)).empty()) << "a discarded new flow leaves nothing";
  EXPECT_FALSE(store().PutFlowDraft({"site-none", "flow-x", "{}", 0, 0, 1, ""}, 0).ok());
}

TEST_P(FlowStoreContract, PublishingADraftMakesItTheNextVersionAtOnce) {
  Save("flow-x", "{\"v\":1}", true);
  FlowDraft draft = Draft("flow-x", "{\"v\":2}");
  draft.base_version = 1;
  ASSERT_TRUE(store().PutFlowDraft(draft, 0).ok());
  ASSERT_TRUE(store().PutFlowDraft(draft, 1).ok());
  EXPECT_EQ(ValueOf(store().GetFlowDraft(kSite, "flow-x")).base_version, 1);
  EXPECT_TRUE(IsRevisionConflict(store().PublishFlowDraft(Event("flow-x", 0, 50), 1).status()));
  EXPECT_EQ(ValueOf(store().GetPublishedFlow(kSite, "flow-x")).version, 1) << "nothing changed";

  FlowRecord published = ValueOf(store().PublishFlowDraft(Event("flow-x", 0, 50), 2));
  EXPECT_EQ(published.version, 2);
  EXPECT_EQ(published.document, "{\"v\":2}");
  EXPECT_EQ(published.created_ms, 50);
  EXPECT_EQ(ValueOf(store().GetPublishedFlow(kSite, "flow-x")).version, 2);
  EXPECT_TRUE(IsNotFound(store().GetFlowDraft(kSite, "flow-x").status(), "/flow"));
  EXPECT_TRUE(IsNotFound(store().PublishFlowDraft(Event("flow-x", 0, 60), 2).status(), "/flow"));
  std::vector<FlowSummary> flows = ValueOf(store().ListFlows(kSite));
  ASSERT_EQ(flows.size(), 1u);
  EXPECT_EQ(flows[0].latest_version, 2);
  EXPECT_EQ(flows[0].latest_version_ms, 50);
  EXPECT_EQ(flows[0].draft_revision, 0);
}

TEST_P(FlowStoreContract, TheFlowsListCountsRecentSessionsAndQualifiedLeads) {
  Save(kFlow, "{}", true);
  Save("flow-quiet", "{}", true);
  StartSession("s-old", "v-old", 1000);
  Store(NextAnswer("s-old", "a-old", "budget", "high", 1000, Json::object(), "qualified"));
  StartSession("s-new", "v-new", 5000);
  Store(NextAnswer("s-new", "a-new", "budget", "high", 5000, Json::object(), "qualified"));
  StartSession("s-open", "v-open", 6000);
  Store(NextAnswer("s-open", "a-open", "budget", "low", 6000));  // nurture
  StartSession("s-idle", "v-idle", 7000);                        // no answer yet

  std::vector<FlowSummary> recent = ValueOf(store().ListFlows(kSite, 2000));
  ASSERT_EQ(recent.size(), 2u);
  EXPECT_EQ(recent[0].flow_id, kFlow);
  EXPECT_EQ(recent[0].sessions, 3);
  EXPECT_EQ(recent[0].qualified, 1);
  EXPECT_EQ(recent[1].sessions, 0);
  std::vector<FlowSummary> all = ValueOf(store().ListFlows(kSite, 0));
  EXPECT_EQ(all[0].sessions, 4);
  EXPECT_EQ(all[0].qualified, 2);
}

class DestinationStoreContract : public StoreContract {
 protected:
  static DestinationRecord Destination(const std::string& id, const std::string& site_key,
                                       int64_t created_ms) {
    DestinationRecord d;
    d.destination_id = id;
    d.site_key = site_key;
    d.name = "Destination " + id;
    d.kind = "webhook";
    d.url = "https://hooks.example/" + id;
    d.secret = "secret-" + id;
    d.events = {"lead.qualified"};
    d.triggers = {"qualified", "hard_conversion"};
    d.grades = {"high"};
    d.flows = {kFlow};
    d.triage = {"qualified"};
    d.created_ms = created_ms;
    return d;
  }
};
INSTANTIATE_STORE_CONTRACT(DestinationStoreContract);

TEST_P(DestinationStoreContract, DestinationsAreStoredListedAndDeleted) {
  ASSERT_TRUE(store().PutDestination(Destination("dest-b", kSite, 20)).ok());
  ASSERT_TRUE(store().PutDestination(Destination("dest-a", kSite, 20)).ok());
  ASSERT_TRUE(store().PutDestination(Destination("dest-c", kSite, 10)).ok());
  ASSERT_TRUE(store().PutDestination(Destination("dest-o", "site-other", 5)).ok());

  Result<DestinationRecord> got = store().GetDestination("dest-b");
  ASSERT_TRUE(got.ok());
  const DestinationRecord want = Destination("dest-b", kSite, 20);
  EXPECT_EQ(got.value().name, want.name);
  EXPECT_EQ(got.value().url, want.url);
  EXPECT_EQ(got.value().secret, want.secret);
  EXPECT_EQ(got.value().events, want.events);
  EXPECT_EQ(got.value().triggers, want.triggers);
  EXPECT_EQ(got.value().grades, want.grades);
  EXPECT_EQ(got.value().flows, want.flows);
  EXPECT_EQ(got.value().triage, want.triage);
  EXPECT_TRUE(got.value().enabled);

  auto ids = [&](const std::string& site_key) {
    std::vector<std::string> list;
    for (const DestinationRecord& d : ValueOf(store().ListDestinations(site_key))) {
      list.push_back(d.destination_id);
    }
    return list;
  };
  EXPECT_EQ(ids(kSite), (std::vector<std::string>{"dest-c", "dest-a", "dest-b"}))
      << "by creation time, then id";
  EXPECT_EQ(ids(""), (std::vector<std::string>{"dest-o", "dest-c", "dest-a", "dest-b"}));

  ASSERT_TRUE(store().DeleteDestination("dest-a").ok());
  EXPECT_EQ(ids(kSite), (std::vector<std::string>{"dest-c", "dest-b"}));
  EXPECT_TRUE(IsNotFound(store().DeleteDestination("dest-a"), "/destination_id"));
  EXPECT_TRUE(IsNotFound(store().GetDestination("dest-a").status(), "/destination_id"));
}

TEST_P(DestinationStoreContract, ReplacingADestinationKeepsItsSiteAndCreationTime) {
  ASSERT_TRUE(store().PutDestination(Destination("dest-a", kSite, 20)).ok());
  DestinationRecord changed = Destination("dest-a", "site-other", 99);
  changed.name = "Renamed";
  changed.enabled = false;
  changed.grades.clear();
  ASSERT_TRUE(store().PutDestination(changed).ok());
  Result<DestinationRecord> got = store().GetDestination("dest-a");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got.value().name, "Renamed");
  EXPECT_FALSE(got.value().enabled);
  EXPECT_TRUE(got.value().grades.empty());
  EXPECT_EQ(got.value().site_key, kSite);
  EXPECT_EQ(got.value().created_ms, 20);
  EXPECT_EQ(store().ListDestinations(kSite).value().size(), 1u);
  EXPECT_TRUE(store().ListDestinations("site-other").value().empty());
}

TEST_P(FlowStoreContract, TheHistorySaysWhoDidWhatNewestFirst) {
  FlowRecord first{kSite, "flow-x", 0, "{\"v\":1}", 5, "Ann", "first try"};
  ASSERT_TRUE(store().SaveFlowVersion(first, false).ok());
  Save("flow-x", "{\"v\":2}", true);
  ASSERT_TRUE(store().PublishFlowVersion(Event("flow-x", 1, 60, "rolled_back")).ok());
  ASSERT_TRUE(store().PutFlowDraft(Draft("flow-x", "{\"v\":3}"), 0).ok());
  FlowRecord third = ValueOf(store().PublishFlowDraft(Event("flow-x", 0, 70), 1));
  EXPECT_EQ(third.version, 3);
  EXPECT_EQ(third.created_by, "Marketing");
  EXPECT_EQ(third.note, "note 70");
  EXPECT_EQ(ValueOf(store().GetFlowVersion(kSite, "flow-x", 1)).created_by, "Ann");
  EXPECT_EQ(ValueOf(store().GetFlowVersion(kSite, "flow-x", 1)).note, "first try");
  EXPECT_EQ(ValueOf(store().GetPublishedFlow(kSite, "flow-x")).note, "note 70");

  std::vector<FlowEvent> events = ValueOf(store().ListFlowEvents(kSite, "flow-x", 10));
  ASSERT_EQ(events.size(), 4u);
  auto line = [](const FlowEvent& e) {
    return e.action + " v" + std::to_string(e.version) + " by " + e.actor + " at " +
           std::to_string(e.at_ms) + ": " + e.note;
  };
  EXPECT_EQ(line(events[0]), "published v3 by Marketing at 70: note 70");
  EXPECT_EQ(line(events[1]), "rolled_back v1 by Marketing at 60: note 60");
  EXPECT_EQ(line(events[2]), "published v2 by  at 5: ");
  EXPECT_EQ(line(events[3]), "saved v1 by Ann at 5: first try");
  EXPECT_EQ(ValueOf(store().ListFlowEvents(kSite, "flow-x", 2)).size(), 2u);
  EXPECT_TRUE(ValueOf(store().ListFlowEvents(kSite, "flow-none", 10)).empty());
  EXPECT_FALSE(store().PublishFlowVersion(Event("flow-x", 9)).ok());
  EXPECT_EQ(ValueOf(store().ListFlowEvents(kSite, "flow-x", 10)).size(), 4u)
      << "a failed publish records nothing";
}

TEST_P(FlowStoreContract, TestCasesAreStoredPerFlowNamingTheirRevision) {
  EXPECT_TRUE(IsNotFound(store().GetFlowTests(kSite, "flow-x").status(), "/flow"));
  EXPECT_TRUE(
      IsNotFound(store().PutFlowTests({kSite, "flow-x", "{}", 0, 5, "Ann"}, 0).status(), "/flow"))
      << "a flow that does not exist";
  Save("flow-x", "{}", true);
  FlowTestsRecord first =
      ValueOf(store().PutFlowTests({kSite, "flow-x", "{\"v\":1}", 0, 5, "Ann"}, 0));
  EXPECT_EQ(first.revision, 1);
  Result<FlowTestsRecord> stale = store().PutFlowTests({kSite, "flow-x", "{}", 0, 6, "Bo"}, 0);
  EXPECT_TRUE(stale.status().IsConflict());
  EXPECT_EQ(stale.status().path(), "/revision");
  FlowTestsRecord second =
      ValueOf(store().PutFlowTests({kSite, "flow-x", "{\"v\":2}", 0, 7, "Bo"}, 1));
  EXPECT_EQ(second.revision, 2);
  FlowTestsRecord stored = ValueOf(store().GetFlowTests(kSite, "flow-x"));
  EXPECT_EQ(stored.document, "{\"v\":2}");
  EXPECT_EQ(stored.revision, 2);
  EXPECT_EQ(stored.updated_ms, 7);
  EXPECT_EQ(stored.updated_by, "Bo");

  // A new flow's discarded draft takes its test cases with it.
  ASSERT_TRUE(store().PutFlowDraft(Draft("flow-new", "{}"), 0).ok());
  ASSERT_TRUE(store().PutFlowTests({kSite, "flow-new", "{}", 0, 8, "Ann"}, 0).ok());
  ASSERT_TRUE(store().DeleteFlowDraft(kSite, "flow-new", 1).ok());
  EXPECT_TRUE(IsNotFound(store().GetFlowTests(kSite, "flow-new").status(), "/flow"));
}

}  // namespace
}  // namespace leadq::testing
