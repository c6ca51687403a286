// The storage contract of lead changes and the time sweep's index: every backend records
// a lead's triage and grade changes in the transaction that writes them (with the cause),
// keeps when fading points will change a lead next, and finds the leads due, soonest
// first.
#include "store_contract.h"

namespace leadq::testing {
namespace {

class LeadChangeContract : public StoreContract {
 protected:
  // The next answer of session-1 with the lead row at `triage`/`grade`, changing at
  // `changes_ms`.
  AnswerStored AnswerAs(const std::string& triage, const std::string& grade, int64_t at_ms,
                        int64_t changes_ms = 0, const std::string& session_id = "session-1") {
    if (!store().GetSession(session_id).ok()) StartSession(session_id, "visitor-1", at_ms - 1);
    AnswerWrite write = NextAnswer(session_id, "answer-" + std::to_string(at_ms), "q", Json(at_ms),
                                   at_ms, Json::object(), triage);
    write.outcome.lead.grade = grade;
    write.outcome.lead.changes_ms = changes_ms;
    return Store(write);
  }
};
INSTANTIATE_STORE_CONTRACT(LeadChangeContract);

TEST_P(LeadChangeContract, ATriageOrGradeChangeIsRecordedWithItsCause) {
  AnswerAs("not_enough_information", "none", 100);
  EXPECT_TRUE(ValueOf(store().ListLeadChanges("session-1")).empty())
      << "a lead's first outcome is no change";
  AnswerAs("not_enough_information", "none", 200);
  EXPECT_TRUE(ValueOf(store().ListLeadChanges("session-1")).empty()) << "the same again";
  AnswerAs("qualified", "high", 300);
  AnswerAs("qualified", "medium", 400);

  const std::vector<LeadChange> changes = ValueOf(store().ListLeadChanges("session-1"));
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].at_ms, 300);
  EXPECT_EQ(changes[0].from_triage, "not_enough_information");
  EXPECT_EQ(changes[0].from_grade, "none");
  EXPECT_EQ(changes[0].to_triage, "qualified");
  EXPECT_EQ(changes[0].to_grade, "high");
  EXPECT_EQ(changes[0].cause, "answer");
  EXPECT_EQ(changes[1].from_grade, "high");
  EXPECT_EQ(changes[1].to_grade, "medium");
  EXPECT_TRUE(ValueOf(store().ListLeadChanges("session-other")).empty());
}

TEST_P(LeadChangeContract, AReDecisionRecordsItsChangeAndItsCause) {
  AnswerAs("qualified", "high", 100, /*changes_ms=*/5000);
  Result<AnswerContext> context = store().LoadForRedecision("session-1");
  ASSERT_TRUE(context.ok());
  RedecisionWrite write;
  write.session_id = "session-1";
  write.expected_answer_count = context.value().session.answer_count;
  write.visitor_id = context.value().visitor.visitor_id;
  write.expected_visitor_revision = context.value().visitor.revision;
  write.outcome.outcome_text = Json{{"triage", "qualified"}, {"grade", "medium"}}.dump();
  write.outcome.lead = store().GetLead("session-1").value();
  write.outcome.lead.grade = "medium";
  write.outcome.lead.updated_ms = 5000;
  write.outcome.lead.changes_ms = 0;
  write.outcome.cause = "time";
  ASSERT_EQ(store().StoreRedecision(write).value(), AnswerStored::kStored);

  const std::vector<LeadChange> changes = ValueOf(store().ListLeadChanges("session-1"));
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].at_ms, 5000);
  EXPECT_EQ(changes[0].from_grade, "high");
  EXPECT_EQ(changes[0].to_grade, "medium");
  EXPECT_EQ(changes[0].cause, "time");
  EXPECT_EQ(store().GetLead("session-1").value().changes_ms, 0) << "nothing more to come";
}

TEST_P(LeadChangeContract, TheLeadsDueToChangeAreFoundSoonestFirst) {
  AnswerAs("qualified", "high", 100, 3000, "session-a");
  AnswerAs("qualified", "high", 100, 1000, "session-b");
  AnswerAs("qualified", "medium", 100, 0, "session-c");  // never changes with time
  AnswerAs("nurture", "none", 100, 9000, "session-d");   // not yet
  EXPECT_EQ(store().GetLead("session-a").value().changes_ms, 3000);
  EXPECT_EQ(ValueOf(store().LeadsChangingBy(5000, 10)),
            (std::vector<std::string>{"session-b", "session-a"}));
  EXPECT_EQ(ValueOf(store().LeadsChangingBy(5000, 1)), (std::vector<std::string>{"session-b"}));
  EXPECT_TRUE(ValueOf(store().LeadsChangingBy(999, 10)).empty());

  ASSERT_TRUE(store().PostponeLeadChange("session-b", 7000).ok());
  EXPECT_EQ(ValueOf(store().LeadsChangingBy(5000, 10)), (std::vector<std::string>{"session-a"}));
  ASSERT_TRUE(store().PostponeLeadChange("session-c", 10).ok());
  EXPECT_EQ(store().GetLead("session-c").value().changes_ms, 0)
      << "a lead that time does not change is not made to";
  EXPECT_TRUE(store().PostponeLeadChange("session-none", 10).ok());
  EXPECT_EQ(ValueOf(store().LeadsChangingBy(10000, 10)),
            (std::vector<std::string>{"session-a", "session-b", "session-d"}));
}

TEST_P(LeadChangeContract, ErasingTheVisitorErasesTheLeadsChanges) {
  AnswerAs("qualified", "high", 100, 3000);
  AnswerAs("qualified", "low", 200, 3000);
  ASSERT_EQ(ValueOf(store().ListLeadChanges("session-1")).size(), 1u);
  ASSERT_TRUE(store().EraseVisitor(kSite, "visitor-1").ok());
  EXPECT_TRUE(ValueOf(store().ListLeadChanges("session-1")).empty());
  EXPECT_TRUE(ValueOf(store().LeadsChangingBy(10000, 10)).empty());
}

}  // namespace
}  // namespace leadq::testing
