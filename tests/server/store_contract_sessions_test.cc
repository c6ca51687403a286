// The contract of the answer path's stores, on every backend: sessions and answers, the
// optimistic answer write (duplicate, stale: nothing written), the merge of fields into
// the visitor's profile and of visitors sharing an e-mail (with the profile's revision),
// the re-decisions answers and events queue, the queue itself, which sessions new data
// can change, and the optimistic re-decision write.
#include "store_contract.h"

namespace leadq::testing {
namespace {

using Ids = std::vector<std::string>;

class SessionStoreContract : public StoreContract {
 protected:
  Ids AnswerIds(const std::string& session_id) {
    Ids ids;
    for (const AnswerRecord& answer : ValueOf(store().ListAnswers(session_id))) {
      ids.push_back(answer.answer_id);
    }
    return ids;
  }
  VisitorProfile Visitor(const std::string& visitor_id) {
    return store().GetVisitor(kSite, visitor_id).value();
  }
};
INSTANTIATE_STORE_CONTRACT(SessionStoreContract);

TEST_P(SessionStoreContract, CreateSessionStoresANewSessionAndItsVisitor) {
  SessionRecord session;
  session.session_id = "session-1";
  session.site_key = kSite;
  session.flow_id = kFlow;
  session.flow_version = 3;
  session.visitor_id = "visitor-1";
  session.variant = "b";
  session.language = "nl";
  session.started_ms = 100;
  // What only answers set is not taken from the caller.
  session.updated_ms = 555;
  session.outcome = {{"triage", "qualified"}};
  session.done = true;
  session.answer_count = 4;
  ASSERT_TRUE(store().CreateSession(session).ok());

  Result<SessionRecord> stored = store().GetSession("session-1");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored.value().site_key, kSite);
  EXPECT_EQ(stored.value().flow_id, kFlow);
  EXPECT_EQ(stored.value().flow_version, 3);
  EXPECT_EQ(stored.value().visitor_id, "visitor-1");
  EXPECT_EQ(stored.value().variant, "b");
  EXPECT_EQ(stored.value().language, "nl");
  EXPECT_EQ(stored.value().started_ms, 100);
  EXPECT_EQ(stored.value().updated_ms, 100);
  EXPECT_TRUE(stored.value().outcome.is_null());
  EXPECT_FALSE(stored.value().done);
  EXPECT_EQ(stored.value().answer_count, 0);

  const VisitorProfile visitor = Visitor("visitor-1");
  EXPECT_EQ(visitor.visitor_id, "visitor-1");
  EXPECT_EQ(visitor.created_ms, 100);
  EXPECT_EQ(visitor.updated_ms, 100);
  EXPECT_EQ(visitor.revision, 0);
  EXPECT_EQ(visitor.fields, Json::object());

  // A second session of the visitor leaves the visitor as it was.
  StartSession("session-2", "visitor-1", 200);
  EXPECT_EQ(Visitor("visitor-1").created_ms, 100);
}

TEST_P(SessionStoreContract, ASessionIdIsCreatedOnceAndNeedsItsSite) {
  StartSession("session-1", "visitor-1", 100);
  SessionRecord again;
  again.session_id = "session-1";
  again.site_key = kSite;
  again.flow_id = "flow-other";
  again.visitor_id = "visitor-2";
  again.started_ms = 200;
  EXPECT_FALSE(store().CreateSession(again).ok());
  EXPECT_EQ(store().GetSession("session-1").value().flow_id, kFlow);
  EXPECT_EQ(Visitor("visitor-2").created_ms, 0) << "the failed create left no visitor";

  SessionRecord orphan = again;
  orphan.session_id = "session-3";
  orphan.site_key = "site-none";
  EXPECT_FALSE(store().CreateSession(orphan).ok());
  EXPECT_TRUE(IsNotFound(store().GetSession("session-3").status(), "/session_id"));
}

TEST_P(SessionStoreContract, UnknownSessionsAreNotFoundAndHaveNoAnswers) {
  EXPECT_TRUE(IsNotFound(store().GetSession("session-none").status(), "/session_id"));
  EXPECT_TRUE(IsNotFound(store().LoadForAnswer("session-none").status(), "/session_id"));
  EXPECT_TRUE(IsNotFound(store().LoadForRedecision("session-none").status(), "/session_id"));
  Result<std::vector<AnswerRecord>> answers = store().ListAnswers("session-none");
  ASSERT_TRUE(answers.ok());
  EXPECT_TRUE(answers.value().empty());
}

TEST_P(SessionStoreContract, AnAnswerIsStoredWithItsOutcomeAndLead) {
  StartSession("session-1", "visitor-1", 100);
  const AnswerWrite first = NextAnswer("session-1", "answer-zz", "budget", "over_50k", 200);
  EXPECT_EQ(Store(first), AnswerStored::kStored);
  const AnswerWrite second = NextAnswer("session-1", "answer-aa", "need", "losing_leads", 300);
  EXPECT_EQ(second.expected_answer_count, 1);
  EXPECT_EQ(Store(second), AnswerStored::kStored);

  const SessionRecord session = store().GetSession("session-1").value();
  EXPECT_EQ(session.answer_count, 2);
  EXPECT_EQ(session.updated_ms, 300);
  EXPECT_EQ(session.outcome, Json::parse(second.outcome.outcome_text));
  EXPECT_FALSE(session.done);
  EXPECT_EQ(AnswerIds("session-1"), (Ids{"answer-zz", "answer-aa"})) << "in the order stored";
  const AnswerRecord answer = store().ListAnswers("session-1").value()[0];
  EXPECT_EQ(answer.session_id, "session-1");
  EXPECT_EQ(answer.step_id, "budget");
  EXPECT_EQ(answer.field, "budget");
  EXPECT_EQ(answer.value, "over_50k");
  EXPECT_EQ(answer.received_ms, 200);

  Result<LeadRecord> lead = store().GetLead("session-1");
  ASSERT_TRUE(lead.ok());
  EXPECT_EQ(lead.value().visitor_id, "visitor-1");
  EXPECT_EQ(lead.value().flow_id, kFlow);
  EXPECT_EQ(lead.value().total_points, 20.0);
  EXPECT_EQ(lead.value().search_text, second.outcome.lead.search_text);
  EXPECT_EQ(lead.value().outcome, session.outcome);
  EXPECT_EQ(lead.value().created_ms, 200) << "the lead was created by the first answer";
  EXPECT_EQ(lead.value().updated_ms, 300);

  const VisitorProfile visitor = Visitor("visitor-1");
  EXPECT_EQ(visitor.fields, (Json{{"budget", "over_50k"}, {"need", "losing_leads"}}));
  EXPECT_EQ(visitor.updated_ms, 300);
}

TEST_P(SessionStoreContract, TheAnswerContextIsOneSnapshot) {
  StartSession("session-1", "visitor-1", 100);
  Store(NextAnswer("session-1", "answer-1", "budget", "over_50k", 200));
  HandOver("session-1", "visitor-1", MakeHandoff("session-1", 1, "nurture", 300), 300);

  Result<AnswerContext> answer = store().LoadForAnswer("session-1");
  ASSERT_TRUE(answer.ok());
  EXPECT_TRUE(answer.value().session.outcome.is_null()) << "the answer path decides afresh";
  EXPECT_EQ(answer.value().session.answer_count, 2);
  EXPECT_EQ(answer.value().answers.size(), 2u);
  EXPECT_EQ(answer.value().visitor.visitor_id, "visitor-1");
  EXPECT_EQ(answer.value().visitor.fields["budget"], "over_50k");
  ASSERT_TRUE(answer.value().handoff.has_value());
  EXPECT_EQ(answer.value().handoff->generation, 1);
  EXPECT_EQ(answer.value().handoff->route, Route::kNurture);
  EXPECT_EQ(answer.value().handoff->state, LeadState::kOpen);

  Result<AnswerContext> redecision = store().LoadForRedecision("session-1");
  ASSERT_TRUE(redecision.ok());
  EXPECT_EQ(redecision.value().session.outcome, store().GetSession("session-1").value().outcome);

  StartSession("session-2", "visitor-1", 400);
  EXPECT_FALSE(store().LoadForAnswer("session-2").value().handoff.has_value());
}

TEST_P(SessionStoreContract, ARetriedAnswerIdChangesNothing) {
  StartSession("session-1", "visitor-1", 100);
  ASSERT_EQ(Store(NextAnswer("session-1", "answer-1", "budget", "over_50k", 200)),
            AnswerStored::kStored);
  const SessionRecord before = store().GetSession("session-1").value();
  // Decided on the current count, or on the count before the first try: a duplicate.
  AnswerWrite retry = NextAnswer("session-1", "answer-1", "budget", "under_10k", 300);
  EXPECT_EQ(Store(retry), AnswerStored::kDuplicate);
  retry.expected_answer_count = 0;
  EXPECT_EQ(Store(retry), AnswerStored::kDuplicate);

  const SessionRecord after = store().GetSession("session-1").value();
  EXPECT_EQ(after.answer_count, 1);
  EXPECT_EQ(after.outcome, before.outcome);
  EXPECT_EQ(after.updated_ms, 200);
  EXPECT_EQ(store().ListAnswers("session-1").value()[0].value, "over_50k");
  EXPECT_EQ(store().GetLead("session-1").value().updated_ms, 200);
  EXPECT_EQ(Visitor("visitor-1").fields["budget"], "over_50k");
  // The same answer id in another session is another answer.
  StartSession("session-2", "visitor-2", 100);
  EXPECT_EQ(Store(NextAnswer("session-2", "answer-1", "budget", "over_50k", 200)),
            AnswerStored::kStored);
}

TEST_P(SessionStoreContract, AStaleAnswerWritesNothingAtAll) {
  // An earlier visitor with the e-mail, another session of the visitor and a destination:
  // everything the racing answer would have written has a place to go.
  Answer("session-early", "visitor-early", "email", "ann@example.com", 50);
  Answer("session-0", "visitor-1", "budget", "over_50k", 100);
  StartSession("session-1", "visitor-1", 200);
  const AnswerWrite winner = NextAnswer("session-1", "answer-a", "need", "losing_leads", 300);
  AnswerWrite racer = NextAnswer("session-1", "answer-b", "email", "ann@example.com", 310,
                                 {{"company", "Acme"}}, "qualified");
  racer.outcome.done = true;
  racer.outcome.handoff = MakeHandoff("session-1", 1, "sales", 310, 9000);
  ASSERT_EQ(Store(winner), AnswerStored::kStored);
  const SessionRecord session = store().GetSession("session-1").value();
  const LeadRecord lead = store().GetLead("session-1").value();
  const VisitorProfile visitor = Visitor("visitor-1");
  const std::vector<RequalificationTask> tasks = Tasks();

  EXPECT_EQ(Store(racer), AnswerStored::kStale);

  EXPECT_EQ(AnswerIds("session-1"), (Ids{"answer-a"}));
  const SessionRecord now = store().GetSession("session-1").value();
  EXPECT_EQ(now.answer_count, 1);
  EXPECT_EQ(now.outcome, session.outcome);
  EXPECT_FALSE(now.done);
  EXPECT_EQ(now.updated_ms, session.updated_ms);
  const LeadRecord lead_now = store().GetLead("session-1").value();
  EXPECT_EQ(lead_now.triage, lead.triage);
  EXPECT_EQ(lead_now.email, "");
  EXPECT_EQ(lead_now.updated_ms, lead.updated_ms);
  const VisitorProfile visitor_now = Visitor("visitor-1");
  EXPECT_EQ(visitor_now.visitor_id, "visitor-1") << "not merged with the earlier visitor";
  EXPECT_EQ(visitor_now.fields, visitor.fields);
  EXPECT_EQ(visitor_now.email, "");
  EXPECT_EQ(visitor_now.revision, visitor.revision);
  EXPECT_EQ(visitor_now.updated_ms, visitor.updated_ms);
  EXPECT_TRUE(IsNotFound(store().GetHandoff("session-1").status(), "/lead_id"));
  EXPECT_TRUE(DeliveryKeys("session-1").empty());
  ASSERT_EQ(Tasks().size(), tasks.size());
  for (size_t i = 0; i < tasks.size(); ++i) EXPECT_EQ(Tasks()[i].version, tasks[i].version);
}

TEST_P(SessionStoreContract, AnAnswerForAnUnknownSessionFails) {
  AnswerWrite write;
  write.answer = {"answer-1", "session-none", "budget", "budget", "over_50k", 100};
  write.outcome.outcome_text = "{}";
  write.outcome.lead.session_id = "session-none";
  write.outcome.lead.site_key = kSite;
  write.outcome.lead.visitor_id = "visitor-1";
  EXPECT_FALSE(store().StoreAnswer(write).ok());
  EXPECT_TRUE(store().ListAnswers("session-none").value().empty());
  EXPECT_TRUE(IsNotFound(store().GetLead("session-none").status(), "/lead_id"));
}

// Fields merge into the profile as a JSON merge patch (RFC 7396: a null removes), and the
// profile's revision moves with every change of its fields, and only then.
TEST_P(SessionStoreContract, FieldsMergeAsAPatchAndMoveTheRevisionWhenTheyChange) {
  struct Step {
    const char* name;
    Json extra;
    Json fields;  // the profile afterwards
    int64_t revision;
  } steps[] = {
      {"a first field", Json::object(), {{"budget", "over_50k"}}, 1},
      {"the same again", Json::object(), {{"budget", "over_50k"}}, 1},
      {"an object",
       {{"company", {{"name", "Acme"}, {"size", 10}}}},
       {{"budget", "over_50k"}, {"company", {{"name", "Acme"}, {"size", 10}}}},
       2},
      {"a nested patch",
       {{"company", {{"size", nullptr}, {"city", "Utrecht"}}}},
       {{"budget", "over_50k"}, {"company", {{"name", "Acme"}, {"city", "Utrecht"}}}},
       3},
      {"a null removes", {{"company", nullptr}}, {{"budget", "over_50k"}}, 4},
      {"a new object with a null",
       {{"address", {{"street", nullptr}}}},
       {{"budget", "over_50k"}, {"address", Json::object()}},
       5},
  };
  StartSession("session-1", "visitor-1", 100);
  int64_t at = 200;
  for (const Step& step : steps) {
    SCOPED_TRACE(step.name);
    at += 100;
    const AnswerWrite write = NextAnswer("session-1", "answer-" + std::to_string(at), "budget",
                                         "over_50k", at, step.extra);
    ASSERT_EQ(Store(write), AnswerStored::kStored);
    const VisitorProfile visitor = Visitor("visitor-1");
    EXPECT_EQ(visitor.fields, step.fields);
    EXPECT_EQ(visitor.revision, step.revision);
    EXPECT_EQ(visitor.updated_ms, at) << "data arrived, changed or not";
  }
}

TEST_P(SessionStoreContract, VisitorsSharingAnEmailBecomeOneProfileWhoseNewerValuesWin) {
  StartSession("session-early", "visitor-early", 100);
  ASSERT_TRUE(PageView("visitor-early", "/a", 150).ok());
  Store(NextAnswer("session-early", "answer-1", "email", "ann@example.com", 200,
                   {{"name", "Ann"}, {"budget", "over_50k"}}));
  StartSession("session-late", "visitor-late", 300);
  ASSERT_TRUE(PageView("visitor-late", "/pricing", 310).ok());
  const int64_t revision = Visitor("visitor-early").revision;
  Store(NextAnswer("session-late", "answer-2", "email", "ann@example.com", 400,
                   {{"name", "Annie"}, {"company", "Acme"}}));

  const VisitorProfile merged = Visitor("visitor-late");
  EXPECT_EQ(merged.visitor_id, "visitor-early") << "resolves to the visitor merged into";
  EXPECT_EQ(merged.fields, (Json{{"email", "ann@example.com"},
                                 {"name", "Annie"},
                                 {"budget", "over_50k"},
                                 {"company", "Acme"}}));
  EXPECT_EQ(merged.signals["page_views"], 2) << "counts add up";
  EXPECT_EQ(merged.signals["pages"], (Json{"/a", "/pricing"}));
  EXPECT_EQ(merged.signals["last_activity_ms"], 310);
  EXPECT_EQ(merged.email, "ann@example.com");
  EXPECT_EQ(merged.created_ms, 100);
  EXPECT_EQ(merged.updated_ms, 400);
  EXPECT_EQ(merged.revision, revision + 1);
  const VisitorProfile early = Visitor("visitor-early");
  EXPECT_EQ(early.fields, merged.fields);
  EXPECT_EQ(early.revision, merged.revision);
  EXPECT_EQ(store().ExportVisitor(kSite, "visitor-early").value().merged_ids,
            (Ids{"visitor-late"}));

  // A third visitor with the address joins the earliest one.
  Answer("session-third", "visitor-third", "email", "ann@example.com", 500);
  EXPECT_EQ(Visitor("visitor-third").visitor_id, "visitor-early");
  EXPECT_EQ(store().ExportVisitor(kSite, "visitor-late").value().merged_ids,
            (Ids{"visitor-late", "visitor-third"}));
  // Another address: no merge.
  Answer("session-other", "visitor-other", "email", "bob@example.com", 600);
  EXPECT_EQ(Visitor("visitor-other").visitor_id, "visitor-other");
}

TEST_P(SessionStoreContract, AMergedProfileMergedAgainTakesItsMergedVisitorsAlong) {
  Answer("session-z", "visitor-z", "email", "zed@example.com", 50);
  Answer("session-y", "visitor-y", "email", "why@example.com", 100, {{"company", "Acme"}});
  Answer("session-x", "visitor-x", "email", "why@example.com", 200);
  ASSERT_EQ(Visitor("visitor-x").visitor_id, "visitor-y");
  // Y's profile (through X's session) gives Z's address: Y, and X with it, join Z.
  Store(NextAnswer("session-x", "answer-zed", "email", "zed@example.com", 300));
  EXPECT_EQ(Visitor("visitor-x").visitor_id, "visitor-z");
  EXPECT_EQ(Visitor("visitor-y").visitor_id, "visitor-z");
  EXPECT_EQ(Visitor("visitor-z").fields["company"], "Acme");
  EXPECT_EQ(Visitor("visitor-z").fields["email"], "zed@example.com");
  EXPECT_EQ(store().ExportVisitor(kSite, "visitor-z").value().merged_ids,
            (Ids{"visitor-x", "visitor-y"}));
}

TEST_P(SessionStoreContract, AnswersQueueTheReDecisionsTheirDataAsksFor) {
  // One session: nothing else to decide.
  Answer("session-1", "visitor-1", "budget", "over_50k", 100);
  EXPECT_TRUE(Tasks().empty());

  // A second session with a new field: the visitor's other sessions.
  StartSession("session-2", "visitor-1", 200);
  Store(NextAnswer("session-2", "answer-n", "need", "losing_leads", 300));
  std::vector<RequalificationTask> tasks = Tasks();
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].site_key, kSite);
  EXPECT_EQ(tasks[0].visitor_id, "visitor-1");
  EXPECT_TRUE(tasks[0].whole_visitor);
  EXPECT_EQ(tasks[0].session_id, "session-2") << "its own session is not decided again";
  EXPECT_EQ(tasks[0].version, 1);
  EXPECT_EQ(tasks[0].attempts, 0);
  EXPECT_EQ(tasks[0].due_ms, 300);

  // Nothing new for the profile: nothing queued.
  Store(NextAnswer("session-2", "answer-s", "need", "losing_leads", 400));
  ASSERT_EQ(Tasks().size(), 1u);
  EXPECT_EQ(Tasks()[0].version, 1);

  // New again: the waiting task is queued again (its version moves, not its due time).
  Store(NextAnswer("session-2", "answer-t", "timing", "within_2_weeks", 500));
  tasks = Tasks();
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].version, 2);
  EXPECT_EQ(tasks[0].due_ms, 300);
}

TEST_P(SessionStoreContract, AnAnswerDecidedOverAProfileThatMovedQueuesItsSession) {
  Answer("session-1", "visitor-1", "budget", "over_50k", 100);
  const AnswerWrite write = NextAnswer("session-1", "answer-late", "need", "losing_leads", 300);
  ASSERT_TRUE(PageView("visitor-1", "/pricing", 200).ok());  // after the decision's read
  ASSERT_EQ(Store(write), AnswerStored::kStored);
  std::vector<RequalificationTask> tasks = Tasks();
  ASSERT_EQ(tasks.size(), 2u);
  // The events' task (the visitor has a session), then the answer's own session.
  EXPECT_TRUE(tasks[0].whole_visitor);
  EXPECT_EQ(tasks[0].session_id, "");
  EXPECT_EQ(tasks[0].due_ms, 200);
  EXPECT_FALSE(tasks[1].whole_visitor);
  EXPECT_EQ(tasks[1].visitor_id, "visitor-1");
  EXPECT_EQ(tasks[1].session_id, "session-1");
  EXPECT_EQ(tasks[1].due_ms, 300);
}

TEST_P(SessionStoreContract, AnAnswerThatMergesVisitorsQueuesOnTheMergedProfile) {
  Answer("session-early", "visitor-early", "email", "ann@example.com", 100);
  Answer("session-late", "visitor-late", "budget", "over_50k", 200);
  EXPECT_TRUE(Tasks().empty());
  Store(NextAnswer("session-late", "answer-mail", "email", "ann@example.com", 300));
  bool whole = false;
  for (const RequalificationTask& task : Tasks()) {
    EXPECT_EQ(task.visitor_id, "visitor-early") << "tasks name the canonical visitor";
    EXPECT_EQ(task.session_id, "session-late");
    whole |= task.whole_visitor;
  }
  EXPECT_TRUE(whole) << "the merged profile's other sessions";
}

TEST_P(SessionStoreContract, EventsFoldIntoSignalsAndQueueTheVisitorsReDecision) {
  // A visitor without sessions: folded, nothing to decide.
  ASSERT_TRUE(PageView("visitor-new", "/a", 100).ok());
  VisitorProfile visitor = Visitor("visitor-new");
  EXPECT_EQ(visitor.created_ms, 100);
  EXPECT_EQ(visitor.signals["page_views"], 1);
  EXPECT_EQ(visitor.revision, 1);
  EXPECT_TRUE(Tasks().empty());
  ASSERT_TRUE(PageView("visitor-new", "/b", 200).ok());
  visitor = Visitor("visitor-new");
  EXPECT_EQ(visitor.signals["page_views"], 2) << "the fold sees the stored signals";
  EXPECT_EQ(visitor.signals["pages"], (Json{"/a", "/b"}));
  EXPECT_EQ(visitor.revision, 2);
  EXPECT_EQ(visitor.updated_ms, 200);

  // A batch that changes nothing leaves the revision, but is still data.
  const SignalsFold same = [](const Json& signals) { return signals; };
  ASSERT_TRUE(
      store()
          .RecordEvents(kSite, "visitor-new", {{"visit", "/", Json::object(), 300, 300}}, same, 300)
          .ok());
  EXPECT_EQ(Visitor("visitor-new").revision, 2);
  EXPECT_EQ(Visitor("visitor-new").updated_ms, 300);

  // A visitor with a session (answered or not): its leads are decided again.
  StartSession("session-1", "visitor-1", 100);
  ASSERT_TRUE(PageView("visitor-1", "/pricing", 400).ok());
  ASSERT_TRUE(PageView("visitor-1", "/pricing/teams", 500).ok());
  std::vector<RequalificationTask> tasks = Tasks();
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].visitor_id, "visitor-1");
  EXPECT_TRUE(tasks[0].whole_visitor);
  EXPECT_EQ(tasks[0].session_id, "");
  EXPECT_EQ(tasks[0].version, 2);
  EXPECT_EQ(tasks[0].due_ms, 400);

  EXPECT_FALSE(PageView("visitor-2", "/a", 100, "site-none").ok()) << "events need their site";
  EXPECT_EQ(store().GetVisitor("site-none", "visitor-2").value().created_ms, 0);
}

TEST_P(SessionStoreContract, EventsOfAMergedVisitorGoToTheMergedProfile) {
  Answer("session-early", "visitor-early", "email", "ann@example.com", 100);
  Answer("session-late", "visitor-late", "email", "ann@example.com", 200);
  for (const RequalificationTask& task : Tasks()) {
    ASSERT_TRUE(store().FinishRequalification(task).ok());
  }
  ASSERT_TRUE(PageView("visitor-late", "/pricing", 300).ok());
  EXPECT_EQ(Visitor("visitor-early").signals["pages"], (Json{"/pricing"}));
  const VisitorExport exported = store().ExportVisitor(kSite, "visitor-early").value();
  ASSERT_EQ(exported.events.size(), 1u);
  EXPECT_EQ(exported.events[0]["visitor_id"], "visitor-early");
  std::vector<RequalificationTask> tasks = Tasks();
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].visitor_id, "visitor-early");
  EXPECT_TRUE(tasks[0].whole_visitor);
}

class RequalificationStoreContract : public StoreContract {};
INSTANTIATE_STORE_CONTRACT(RequalificationStoreContract);

TEST_P(RequalificationStoreContract, TasksAreDueOldestFirstFinishedPostponedAndCounted) {
  for (const auto& [visitor, at] : std::vector<std::pair<std::string, int64_t>>{
           {"visitor-c", 300}, {"visitor-a", 100}, {"visitor-b", 200}}) {
    StartSession("session-" + visitor, visitor, 50);
    ASSERT_TRUE(PageView(visitor, "/", at).ok());
  }
  EXPECT_EQ(store().CountRequalifications().value(), 3);
  auto find = [&](const std::string& visitor, int64_t now) {
    for (const RequalificationTask& task : ValueOf(store().DueRequalifications(now, 10))) {
      if (task.visitor_id == visitor) return task;
    }
    ADD_FAILURE() << visitor << " has no task due at " << now;
    return RequalificationTask();
  };
  auto visitors = [&](int64_t now, int limit) {
    Ids ids;
    for (const RequalificationTask& task : ValueOf(store().DueRequalifications(now, limit))) {
      ids.push_back(task.visitor_id);
    }
    return ids;
  };
  EXPECT_EQ(visitors(99, 10), Ids{});
  EXPECT_EQ(visitors(150, 10), (Ids{"visitor-a"}));
  EXPECT_EQ(visitors(1000, 10), (Ids{"visitor-a", "visitor-b", "visitor-c"}));
  EXPECT_EQ(visitors(1000, 2), (Ids{"visitor-a", "visitor-b"}));

  // Queued again while being worked: finishing the version read keeps it.
  const RequalificationTask a = store().DueRequalifications(150, 1).value()[0];
  ASSERT_TRUE(PageView("visitor-a", "/again", 500).ok());
  ASSERT_TRUE(store().FinishRequalification(a).ok());
  EXPECT_EQ(store().CountRequalifications().value(), 3);
  const RequalificationTask again = store().DueRequalifications(150, 1).value()[0];
  EXPECT_EQ(again.task_id, a.task_id);
  EXPECT_EQ(again.version, a.version + 1);
  EXPECT_EQ(again.due_ms, 100) << "queued again, it stays due at the earlier time";
  ASSERT_TRUE(store().FinishRequalification(again).ok());
  EXPECT_EQ(store().CountRequalifications().value(), 2);
  EXPECT_TRUE(store().FinishRequalification(again).ok()) << "finishing twice is no error";

  // A failed task waits until its retry time, with its attempts counted.
  const RequalificationTask b = store().DueRequalifications(1000, 1).value()[0];
  ASSERT_EQ(b.visitor_id, "visitor-b");
  ASSERT_TRUE(store().PostponeRequalification(b, 5000).ok());
  EXPECT_EQ(visitors(4999, 10), (Ids{"visitor-c"}));
  RequalificationTask postponed = find("visitor-b", 5000);
  EXPECT_EQ(postponed.attempts, 1);
  EXPECT_EQ(postponed.due_ms, 5000);
  ASSERT_TRUE(store().PostponeRequalification(postponed, 9000).ok());
  // New data for it makes it due at once again; its failures stay counted.
  ASSERT_TRUE(PageView("visitor-b", "/new", 600).ok());
  postponed = find("visitor-b", 600);
  EXPECT_EQ(postponed.due_ms, 600);
  EXPECT_EQ(postponed.attempts, 2);
  EXPECT_EQ(postponed.version, 2);
}

// Which of a visitor's sessions new data can change: answered ones still open, and those
// whose lead is in nurturing; newest first, with those of the visitors merged into it.
TEST_P(SessionStoreContract, TheSessionsToRequalifyAreTheOpenAndTheNurturingOnes) {
  struct Case {
    const char* session;
    const char* route;  // "" for no handoff, "done" for done without one
    const char* state;  // the handoff's state
    int64_t at;
    bool listed;
  } cases[] = {
      {"session-open", "", "", 100, true},
      {"session-done", "done", "", 110, false},
      {"session-nurture", "nurture", "open", 120, true},
      {"session-sales", "sales", "open", 130, false},
      {"session-sent-back", "sales", "nurturing", 140, true},
      {"session-accepted", "sales", "accepted", 150, false},
      {"session-nurture-rejected", "nurture", "rejected", 160, false},
      {"session-tie-b", "", "", 170, true},
      {"session-tie-a", "", "", 170, true},
  };
  StartSession("session-empty", "visitor-1", 50);  // no answer: nothing to decide
  for (const Case& c : cases) {
    const std::string route = c.route;
    if (route.empty()) {
      Answer(c.session, "visitor-1", "budget", "over_50k", c.at, {{"email", "v1@example.com"}});
    } else if (route == "done") {
      StartSession(c.session, "visitor-1", c.at);
      AnswerWrite write =
          NextAnswer(c.session, std::string(c.session) + "-a", "budget", "over_50k", c.at);
      write.outcome.done = true;
      Store(write);
    } else {
      HandOver(c.session, "visitor-1", MakeHandoff(c.session, 1, route, c.at), c.at);
      const std::string state = c.state;
      if (state != "open") {
        ASSERT_TRUE(store().SaveFeedback({c.session, 1, "x", "", "", c.at}, state).ok());
      }
    }
  }
  // A visitor merged into visitor-1, with an open session.
  Answer("session-merged", "visitor-m", "email", "v1@example.com", 180);
  ASSERT_EQ(store().GetVisitor(kSite, "visitor-m").value().visitor_id, "visitor-1");

  const Ids want = {"session-merged",    "session-tie-a",   "session-tie-b",
                    "session-sent-back", "session-nurture", "session-open"};
  EXPECT_EQ(store().ListSessionsToRequalify(kSite, "visitor-1", 10).value(), want);
  EXPECT_EQ(store().ListSessionsToRequalify(kSite, "visitor-m", 10).value(), want)
      << "a merged id resolves to its profile";
  EXPECT_EQ(store().ListSessionsToRequalify(kSite, "visitor-1", 2).value(),
            (Ids{"session-merged", "session-tie-a"}));
  EXPECT_TRUE(store().ListSessionsToRequalify(kSite, "visitor-none", 10).value().empty());
  EXPECT_TRUE(store().ListSessionsToRequalify("site-other", "visitor-1", 10).value().empty());
}

class RedecisionContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    Answer("session-1", "visitor-1", "budget", "under_10k", 100);
    Answer("session-1", "visitor-1", "need", "losing_leads", 200);
    Result<AnswerContext> context = store().LoadForRedecision("session-1");
    ASSERT_TRUE(context.ok());
    write_.session_id = "session-1";
    write_.expected_answer_count = context.value().session.answer_count;
    write_.visitor_id = context.value().visitor.visitor_id;
    write_.expected_visitor_revision = context.value().visitor.revision;
    write_.outcome.outcome_text = Json{{"triage", "qualified"}, {"redecided", true}}.dump();
    write_.outcome.done = true;
    LeadRecord& lead = write_.outcome.lead;
    lead = store().GetLead("session-1").value();
    lead.triage = "qualified";
    lead.grade = "medium";
    lead.channel = "search";
    lead.updated_ms = 900;
    write_.outcome.handoff = MakeHandoff("session-1", 1, "sales", 900, 5000);
  }

  RedecisionWrite write_;
};
INSTANTIATE_STORE_CONTRACT(RedecisionContract);

TEST_P(RedecisionContract, AReDecisionOverAChangedSessionOrProfileWritesNothing) {
  struct Case {
    const char* name;
    int answer_count_delta;
    int64_t revision_delta;
    const char* visitor_id;  // nullptr: the one read
    const char* session_id;  // nullptr: the one read
  } cases[] = {
      {"an answer fewer", -1, 0, nullptr, nullptr},
      {"an answer more", 1, 0, nullptr, nullptr},
      {"an older profile", 0, -1, nullptr, nullptr},
      {"a newer profile", 0, 1, nullptr, nullptr},
      {"another visitor's profile", 0, 0, "visitor-other", nullptr},
      {"an unknown session", 0, 0, nullptr, "session-none"},
  };
  const SessionRecord before = store().GetSession("session-1").value();
  const LeadRecord lead = store().GetLead("session-1").value();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    RedecisionWrite write = write_;
    write.expected_answer_count += c.answer_count_delta;
    write.expected_visitor_revision += c.revision_delta;
    if (c.visitor_id != nullptr) write.visitor_id = c.visitor_id;
    if (c.session_id != nullptr) write.session_id = c.session_id;
    Result<AnswerStored> stored = store().StoreRedecision(write);
    ASSERT_TRUE(stored.ok()) << stored.status().message();
    EXPECT_EQ(stored.value(), AnswerStored::kStale);
    const SessionRecord now = store().GetSession("session-1").value();
    EXPECT_EQ(now.outcome, before.outcome);
    EXPECT_FALSE(now.done);
    EXPECT_EQ(store().GetLead("session-1").value().triage, lead.triage);
    EXPECT_TRUE(store().GetHandoff("session-1").status().IsNotFound());
    EXPECT_TRUE(DeliveryKeys("session-1").empty());
  }
}

// The revision moves when the merge does: a decision read before its visitor was merged
// into another is stale, even when no field changed.
TEST_P(RedecisionContract, AReDecisionOverAVisitorMergedMeanwhileIsStale) {
  Answer("session-w", "visitor-w", "email", "ann@example.com", 300);
  StartSession("session-3", "visitor-1", 400);
  // An answer that changes no field of visitor-1, but whose lead gives W's address.
  AnswerWrite merge = NextAnswer("session-3", "answer-m", "budget", "under_10k", 500);
  ASSERT_FALSE(merge.changes_fields);
  merge.outcome.lead.email = "ann@example.com";
  ASSERT_EQ(Store(merge), AnswerStored::kStored);
  ASSERT_EQ(store().GetVisitor(kSite, "visitor-1").value().visitor_id, "visitor-w");
  EXPECT_EQ(store().StoreRedecision(write_).value(), AnswerStored::kStale);
  EXPECT_FALSE(store().GetSession("session-1").value().done);
}

TEST_P(RedecisionContract, ACurrentReDecisionStoresOutcomeLeadAndHandoff) {
  const SessionRecord before = store().GetSession("session-1").value();
  const LeadRecord lead = store().GetLead("session-1").value();
  Result<AnswerStored> stored = store().StoreRedecision(write_);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored.value(), AnswerStored::kStored);

  const SessionRecord now = store().GetSession("session-1").value();
  EXPECT_EQ(now.outcome, Json::parse(write_.outcome.outcome_text));
  EXPECT_TRUE(now.done);
  EXPECT_EQ(now.answer_count, before.answer_count);
  EXPECT_EQ(now.updated_ms, before.updated_ms) << "no new answer";
  const LeadRecord lead_now = store().GetLead("session-1").value();
  EXPECT_EQ(lead_now.triage, "qualified");
  EXPECT_EQ(lead_now.grade, "medium");
  EXPECT_EQ(lead_now.channel, "search");
  EXPECT_EQ(lead_now.outcome, now.outcome);
  EXPECT_EQ(lead_now.updated_ms, 900);
  EXPECT_EQ(lead_now.created_ms, lead.created_ms);
  EXPECT_EQ(store().GetHandoff("session-1").value().generation, 1);
  EXPECT_EQ(DeliveryKeys("session-1"), (Ids{"session-1.dest-1.qualified.1"}));
  EXPECT_EQ(store().GetVisitor(kSite, "visitor-1").value().revision,
            write_.expected_visitor_revision)
      << "the profile is not written";

  // Once the profile moves on, the same decision is stale.
  ASSERT_TRUE(PageView("visitor-1", "/pricing", 1000).ok());
  EXPECT_EQ(store().StoreRedecision(write_).value(), AnswerStored::kStale);
}

TEST_P(SessionStoreContract, ABacktestScanPagesThroughAFlowsAnsweredSessionsInStartOrder) {
  // Four answered sessions of kFlow (two started at the same moment), one without an
  // answer, one too old, one of another flow, one of another site.
  Answer("s-3", "v-3", "budget", "over_50k", 300);
  Answer("s-1", "v-1", "budget", "10k_50k", 100, {{"email", "ann@example.com"}});
  Answer("s-1", "v-1", "authority", "decision_maker", 110);
  Answer("s-2b", "v-2", "budget", "none", 200);
  Answer("s-2a", "v-2", "budget", "none", 200);
  StartSession("s-empty", "v-4", 150);
  Answer("s-old", "v-5", "budget", "none", 10);
  AddSite("site-b");
  StartSession("s-other-site", "v-6", 120, "site-b");
  Store(NextAnswer("s-other-site", "answer-os", "budget", "none", 120));
  SessionRecord other;
  other.session_id = "s-other-flow";
  other.site_key = kSite;
  other.flow_id = "flow-b";
  other.flow_version = 1;
  other.visitor_id = "v-7";
  other.started_ms = 130;
  ASSERT_TRUE(store().CreateSession(other).ok());

  EXPECT_EQ(ValueOf(store().CountFlowSessions(kSite, kFlow, 50)), 4);
  std::vector<std::string> order;
  SessionScanCursor cursor;
  for (int page = 0; page < 10; ++page) {
    std::vector<AnswerContext> found =
        ValueOf(store().ScanFlowSessions(kSite, kFlow, 50, cursor, 2));
    for (const AnswerContext& context : found) {
      order.push_back(context.session.session_id);
      EXPECT_FALSE(context.answers.empty());
      EXPECT_TRUE(context.session.outcome.is_object()) << "the stored outcome comes with it";
      if (context.session.session_id == "s-1") {
        ASSERT_EQ(context.answers.size(), 2u);
        EXPECT_EQ(context.answers[0].step_id, "budget");
        EXPECT_EQ(context.answers[1].step_id, "authority");
        EXPECT_EQ(context.visitor.fields["email"], "ann@example.com");
      }
    }
    if (found.size() < 2) break;
    cursor = {found.back().session.started_ms, found.back().session.session_id};
  }
  EXPECT_EQ(order, (Ids{"s-1", "s-2a", "s-2b", "s-3"}));
  EXPECT_EQ(ValueOf(store().CountFlowSessions(kSite, kFlow, 0)), 5) << "the old one too";
  EXPECT_TRUE(ValueOf(store().ScanFlowSessions(kSite, "flow-none", 0, {}, 10)).empty());
}

}  // namespace
}  // namespace leadq::testing
