// The walk's promise, as a regression test and a property test: a required, visible
// question whose field is unknown is always asked before the conversation can end,
// unless a knockout on answers already given ends it.
//
// The property test generates flows (questions and messages with show_if, jumps
// forward or to the end, end_if knockouts) and answer sequences from a seeded generator,
// and checks every turn against a reference walk written for clarity, not speed: walk
// the flow in order until the first visible question that must still be asked; only
// what comes before it may end the conversation. The wasm tests run the same property
// on the shipped module (tests/wasm/walk_property.test.mjs).
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "leadq/condition.h"
#include "leadq/conversation.h"
#include "leadq/flow_decoder.h"
#include "test_json.h"

namespace leadq {
namespace {

Flow Decode(const std::string& text) {
  DecodedFlow decoded = DecodeFlowText(text);
  EXPECT_TRUE(decoded.ok()) << (decoded.ok() ? ""
                                             : decoded.problems[0].path + ": " +
                                                   decoded.problems[0].message);
  return decoded.flow;
}

Turn Next(const Flow& flow, std::vector<Answer> answers = {}) {
  ConversationInput input;
  input.answers = std::move(answers);
  return NextTurn(flow, input);
}

constexpr const char* kDefinition =
    R"("lead_definition": {"criteria": [], "grades": {"high": 3, "medium": 2, "low": 1}})";

// The bug as it was found: the closing message's jump to the end ended the conversation
// before q1 was ever asked.
TEST(WalkTest, AJumpToTheEndAfterAnUnansweredQuestionWaitsForIt) {
  const Flow flow = Decode(std::string(R"({"format": "leadq.flow/1", "id": "t", "languages": ["en"],
    "steps": [{"id": "q1", "type": "short_text", "field": "company", "text": "Company?"},
              {"id": "bye", "type": "message", "text": "Thanks!", "jumps": [{"to": "end"}]}],
    )") + kDefinition + "}");
  Turn turn = Next(flow);
  ASSERT_TRUE(turn.question.has_value());
  EXPECT_EQ(turn.question->step->id, "q1");
  EXPECT_FALSE(turn.done);
  EXPECT_EQ(turn.progress.total, 1);
  turn = Next(flow, {{"q1", JsonValue("Acme")}});
  EXPECT_TRUE(turn.done);
  EXPECT_EQ(turn.messages, std::vector<std::string>{"Thanks!"});
}

TEST(WalkTest, AKnockoutOnAnswersAlreadyGivenStillEnds) {
  const Flow flow = Decode(std::string(R"({"format": "leadq.flow/1", "id": "t", "languages": ["en"],
    "profile_fields": ["role"],
    "steps": [{"id": "q1", "type": "short_text", "field": "company", "text": "Company?"},
              {"id": "q2", "type": "yes_no", "field": "student", "text": "Student?"},
              {"id": "out", "type": "message", "text": "Sorry.",
               "end_if": {"field": "student", "op": "eq", "value": true}},
              {"id": "not_yet", "type": "message", "text": "-",
               "end_if": {"not": {"field": "company", "op": "present"}}},
              {"id": "q3", "type": "email", "field": "email", "text": "E-mail?"}],
    )") + kDefinition + "}");
  // The visitor answered q2 first (the widget may send answers out of order): the
  // knockout on that answer ends the conversation although q1 was never answered.
  Turn turn = Next(flow, {{"q2", JsonValue(true)}});
  EXPECT_TRUE(turn.done);
  EXPECT_FALSE(turn.question.has_value());
  // A condition that waits on q1 itself ("company is absent") decides nothing yet.
  turn = Next(flow, {{"q2", JsonValue(false)}});
  ASSERT_TRUE(turn.question.has_value());
  EXPECT_EQ(turn.question->step->id, "q1");
  EXPECT_EQ(turn.progress.total, 3) << "q1, q2 and q3 may all be asked";
}

TEST(WalkTest, AJumpThatWaitsOnAnUnansweredQuestionIsNotTakenYet) {
  const Flow flow = Decode(std::string(R"({"format": "leadq.flow/1", "id": "t", "languages": ["en"],
    "steps": [{"id": "q1", "type": "yes_no", "field": "fit", "text": "Fit?"},
              {"id": "m", "type": "message", "text": "-",
               "jumps": [{"when": {"field": "fit", "op": "eq", "value": false}, "to": "end"}]},
              {"id": "q2", "type": "email", "field": "email", "text": "E-mail?"}],
    )") + kDefinition + "}");
  Turn turn = Next(flow);
  ASSERT_TRUE(turn.question.has_value());
  EXPECT_EQ(turn.question->step->id, "q1");
  EXPECT_EQ(turn.progress.total, 2);
  turn = Next(flow, {{"q1", JsonValue(false)}});
  EXPECT_TRUE(turn.done) << "answered: now the jump decides";
  turn = Next(flow, {{"q1", JsonValue(true)}});
  ASSERT_TRUE(turn.question.has_value());
  EXPECT_EQ(turn.question->step->id, "q2");
}

// ---- The property ----

// A random flow of 2..9 steps over fields f0..f5 (some known from the profile).
struct Generated {
  std::string document;
  Flow flow;
};

class Generator {
 public:
  explicit Generator(uint32_t seed) : random_(seed) {}

  int Below(int n) { return static_cast<int>(random_() % static_cast<uint32_t>(n)); }

  JsonValue Condition(int fields) {
    const std::string field = "f" + std::to_string(Below(fields));
    switch (Below(5)) {
      case 0:
        return JsonValue{{"field", field}, {"op", "eq"}, {"value", Below(2) == 0}};
      case 1:
        return JsonValue{{"field", field}, {"op", "present"}};
      case 2:
        return JsonValue{{"field", field}, {"op", "absent"}};
      case 3:
        return JsonValue{{"not", Condition(fields)}};
      default: {
        JsonValue list = JsonValue::MakeArray();
        list.PushBack(Condition(fields));
        list.PushBack(Condition(fields));
        return JsonValue{{Below(2) == 0 ? "all" : "any", std::move(list)}};
      }
    }
  }

  Generated Flow() {
    const int steps = 2 + Below(8);
    const int fields = 6;
    JsonValue list = JsonValue::MakeArray();
    for (int i = 0; i < steps; ++i) {
      JsonValue step = JsonValue::MakeObject();
      step.Set("id", "s" + std::to_string(i));
      if (Below(4) == 0) {
        step.Set("type", "message");
      } else {
        step.Set("type", "yes_no");
        step.Set("field", "f" + std::to_string(Below(fields)));
        step.Set("required", Below(4) != 0);
      }
      step.Set("text", "step " + std::to_string(i));
      if (Below(4) == 0) step.Set("show_if", Condition(fields));
      if (Below(4) == 0) step.Set("end_if", Condition(fields));
      if (Below(3) == 0) {
        JsonValue jump = JsonValue::MakeObject();
        if (Below(2) == 0) jump.Set("when", Condition(fields));
        const int target = i + 1 + Below(steps - i);
        jump.Set("to", target >= steps ? std::string("end") : "s" + std::to_string(target));
        JsonValue jumps = JsonValue::MakeArray();
        jumps.PushBack(std::move(jump));
        step.Set("jumps", std::move(jumps));
      }
      list.PushBack(std::move(step));
    }
    JsonValue profile_fields = JsonValue::MakeArray();
    for (int f = 0; f < fields; ++f) profile_fields.PushBack("f" + std::to_string(f));
    JsonValue document = testing::ParseCore(
        R"({"format": "leadq.flow/1", "id": "g", "languages": ["en"],
            "lead_definition": {"criteria": [], "grades": {"high": 3, "medium": 2, "low": 1}}})");
    document.Set("profile_fields", std::move(profile_fields));
    document.Set("steps", std::move(list));
    Generated generated;
    generated.document = document.Dump();
    DecodedFlow decoded = DecodeFlow(document);
    // A flow the decoder refuses (a step no walk reaches) is no flow to test: another.
    if (!decoded.ok()) return Flow();
    generated.flow = decoded.flow;
    return generated;
  }

 private:
  std::mt19937 random_;
};

// The reference, written for clarity: walk the flow from the profile's fields, taking
// each answer when its step is reached (as the engine does: an answer off the path does
// not count), end_ifs and jumps as they come; the next question is the first visible one
// whose field is unknown and that was not answered. nullptr when the walk ends before
// any; `fields` gets the fields as the walk left them.
const Step* NextQuestion(const Flow& flow, const JsonValue& profile,
                         const std::vector<Answer>& answers, size_t* index, JsonValue* fields) {
  const Signals none;
  *fields = profile;
  auto answer = [&](const Step& step) -> const Answer* {
    const Answer* last = nullptr;
    for (const Answer& a : answers) {
      if (a.step_id == step.id) last = &a;
    }
    return last;
  };
  size_t i = 0;
  while (i < flow.steps.size()) {
    const Step& step = flow.steps[i];
    if (!Evaluate(step.show_if, *fields, none)) {
      ++i;
      continue;
    }
    if (step.kind == Step::Kind::kQuestion) {
      if (const Answer* given = answer(step)) {
        fields->Set(step.field, given->value);
      } else if (!IsKnown(*fields, step.field)) {
        *index = i;
        return &step;
      }
    }
    if (step.end_if && Evaluate(*step.end_if, *fields, none)) return nullptr;
    size_t next = i + 1;
    for (const Jump& jump : step.jumps) {
      if (!Evaluate(jump.when, *fields, none)) continue;
      if (jump.to == "end") return nullptr;
      next = static_cast<size_t>(flow.StepIndex(jump.to));
      break;
    }
    i = next;
  }
  return nullptr;
}

// Whether a knockout on answers already given stands after step `from`: an end_if that
// reads some value and holds whatever the fields still without a value turn out to be.
bool KnockoutOnGivenAnswers(const Flow& flow, const JsonValue& fields, size_t from) {
  const Signals none;
  for (size_t i = from + 1; i < flow.steps.size(); ++i) {
    const std::optional<Condition>& end_if = flow.steps[i].end_if;
    if (!end_if || end_if->kind == Condition::Kind::kAlways) continue;
    const Truth truth = EvaluateKnown(
        *end_if, fields, none, [&](const std::string& field) { return !IsKnown(fields, field); });
    if (truth == Truth::kTrue) return true;
  }
  return false;
}

TEST(WalkPropertyTest, ARequiredVisibleUnknownQuestionIsAskedBeforeTheEnd) {
  int turns = 0, finished = 0;
  for (uint32_t seed = 1; seed <= 400; ++seed) {
    Generator generate(seed);
    const Generated g = generate.Flow();
    ConversationInput input;
    // Some fields known from the profile, with random values.
    for (int f = 0; f < 6; ++f) {
      if (generate.Below(4) == 0) {
        input.profile.fields.Set("f" + std::to_string(f), generate.Below(2) == 0);
      }
    }
    // Answer whatever is asked (sometimes an optional question with nothing), at most
    // as many turns as there are steps.
    for (size_t round = 0; round <= g.flow.steps.size(); ++round) {
      const Turn turn = NextTurn(g.flow, input);
      ++turns;
      size_t at = 0;
      JsonValue fields;
      const Step* expected =
          NextQuestion(g.flow, input.profile.fields, input.answers, &at, &fields);
      if (turn.done) {
        // Done with a question open: only for an optional one, or a knockout on what
        // the visitor already gave.
        if (expected != nullptr && expected->required) {
          EXPECT_TRUE(KnockoutOnGivenAnswers(g.flow, fields, at))
              << "seed " << seed << ": ended before asking " << expected->id << "\n"
              << g.document;
        }
        ++finished;
        break;
      }
      ASSERT_TRUE(turn.question.has_value()) << "seed " << seed;
      ASSERT_NE(expected, nullptr)
          << "seed " << seed << ": asked " << turn.question->step->id << " after the end\n"
          << g.document;
      EXPECT_EQ(turn.question->step->id, expected->id) << "seed " << seed << "\n" << g.document;
      const Step& asked = *turn.question->step;
      JsonValue value = asked.required || generate.Below(2) == 0 ? JsonValue(generate.Below(2) == 0)
                                                                 : JsonValue();
      input.answers.push_back({asked.id, value});
    }
  }
  EXPECT_GT(turns, 800);
  EXPECT_GT(finished, 300) << "most generated conversations reach their end";
}

}  // namespace
}  // namespace leadq
