// The conversation engine beyond the shared vectors: language resolution, revisions and
// the progress count.
#include <gtest/gtest.h>

#include "leadq/conversation.h"
#include "leadq/flow_decoder.h"
#include "test_data.h"
#include "test_json.h"

namespace leadq {
namespace {

Flow GeneralLead() {
  DecodedFlow decoded =
      DecodeFlowText(testing::ReadText(testing::DataDir() / "flows" / "general-lead.json"));
  EXPECT_TRUE(decoded.ok());
  return decoded.flow;
}

struct LanguageCase {
  const char* name;
  const char* requested;
  const char* expected;
};

const LanguageCase kLanguages[] = {
    {"exact", "nl", "nl"},      {"region", "nl-BE", "nl"}, {"underscore", "en_GB", "en"},
    {"upper_case", "NL", "nl"}, {"unknown", "de", "en"},   {"empty", "", "en"},
};

class LanguageTest : public ::testing::TestWithParam<LanguageCase> {};

TEST_P(LanguageTest, Resolves) {
  EXPECT_EQ(ResolveLanguage(GeneralLead(), GetParam().requested), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Requested, LanguageTest, ::testing::ValuesIn(kLanguages),
                         [](const auto& info) { return std::string(info.param.name); });

struct ProgressCase {
  const char* name;
  std::vector<std::pair<const char*, JsonValue>> answers;
  const char* question;  // "" when done
  int asked;
  int total;
};

const ProgressCase kProgress[] = {
    {"start", {}, "segment", 0, 10},
    {"one", {{"segment", "retail"}}, "employees", 1, 10},
    {"later_answer_wins", {{"segment", "retail"}, {"segment", "other"}}, "employees", 1, 10},
    {"answer_ahead_of_order", {{"email", "a@b.example"}}, "segment", 1, 10},
    {"consultancy_path",
     {{"segment", "retail"}, {"employees", 5}, {"role", "manager"}, {"need", "consultancy"}},
     "email",
     4,
     6},
};

class ProgressTest : public ::testing::TestWithParam<ProgressCase> {};

TEST_P(ProgressTest, CountsQuestions) {
  ConversationInput input;
  for (const auto& [step, value] : GetParam().answers) input.answers.push_back({step, value});
  const Flow flow = GeneralLead();  // the turn points into it
  const Turn turn = NextTurn(flow, input);
  EXPECT_EQ(turn.question ? turn.question->step->id : "", GetParam().question);
  EXPECT_EQ(turn.progress.asked, GetParam().asked);
  EXPECT_EQ(turn.progress.total, GetParam().total);
}

INSTANTIATE_TEST_SUITE_P(Answers, ProgressTest, ::testing::ValuesIn(kProgress),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ReviseTest, UnknownOrUnansweredStepIsIgnored) {
  ConversationInput input;
  input.answers.push_back({"segment", "retail"});
  input.revise = "role";
  const Flow flow = GeneralLead();  // the turn points into it
  const Turn turn = NextTurn(flow, input);
  EXPECT_FALSE(turn.revising);
  EXPECT_EQ(turn.question->step->id, "employees");
}

TEST(ReviseTest, FirstAnswerHasNoPrevious) {
  ConversationInput input;
  input.answers.push_back({"segment", "retail"});
  input.answers.push_back({"employees", 10});
  input.revise = "segment";
  const Flow flow = GeneralLead();  // the turn points into it
  const Turn turn = NextTurn(flow, input);
  EXPECT_TRUE(turn.revising);
  EXPECT_EQ(turn.question->step->id, "segment");
  EXPECT_EQ(turn.question->value, "retail");
  EXPECT_EQ(turn.previous_step, "");
  EXPECT_EQ(turn.progress.asked, 0);
}

}  // namespace
}  // namespace leadq
