// Benchmark, not a test: the time per answer of a conversation on a generated flow of 50
// questions and 100 conditions. One "answer" is what the server does when a visitor
// answers: validate the answer, compute the next step, and the outcome (NextTurn always
// computes it). Printed as the median (and 90th percentile) over every answer of many
// conversations, for three ways in:
//   C++ API       CheckAnswer + NextTurn on a flow decoded once (the server caches flows)
//   CallWithFlow  the JSON facade on a flow decoded once: parse request, run, dump response
//   Call          the JSON facade with the flow in every request (decoded every call)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "leadq/api.h"
#include "leadq/conversation.h"
#include "leadq/flow_decoder.h"

namespace leadq {
namespace {

using Json = nlohmann::json;  // for generating the flow and the request texts

constexpr int kQuestions = 50;

// 50 questions of five types; 30 show_if + 20 jumps + 50 criteria = 100 conditions.
Json GeneratedFlow() {
  Json steps = Json::array();
  Json criteria = Json::array();
  for (int i = 0; i < kQuestions; ++i) {
    const std::string id = "q" + std::to_string(i), field = "f" + std::to_string(i);
    Json step = {
        {"id", id}, {"field", field}, {"text", {{"en", "Question " + id}, {"nl", "Vraag " + id}}}};
    Json when = {{"field", field}};
    switch (i % 5) {
      case 0:
        step["type"] = "single_choice";
        step["choices"] = Json::array();
        for (const char* v : {"a", "b", "c"}) {
          step["choices"].push_back({{"value", v}, {"label", {{"en", v}, {"nl", v}}}});
        }
        when.update({{"op", "eq"}, {"value", "a"}});
        break;
      case 1:
        step["type"] = "number";
        step["min"] = 0;
        step["max"] = 1000;
        when.update({{"op", "gte"}, {"value", 500}});
        break;
      case 2:
        step["type"] = "yes_no";
        when.update({{"op", "eq"}, {"value", true}});
        break;
      case 3:
        step["type"] = "short_text";
        when.update({{"op", "contains"}, {"value", "x"}});
        break;
      default:
        step["type"] = "multiple_choice";
        step["choices"] = Json::array();
        for (const char* v : {"a", "b", "c", "d"}) {
          step["choices"].push_back({{"value", v}, {"label", {{"en", v}, {"nl", v}}}});
        }
        when.update({{"op", "contains"}, {"value", "a"}});
        break;
    }
    if (i > 0 && i <= 30) {
      step["show_if"] = {{"field", "f" + std::to_string(i - 1)}, {"op", "present"}};
    }
    if (i % 5 == 0 && i + 2 < kQuestions && i < 40) {  // 8 here ...
      step["jumps"] = {{{"when", {{"field", field}, {"op", "eq"}, {"value", "c"}}},
                        {"to", "q" + std::to_string(i + 2)}}};
    } else if (i % 5 == 1 && i + 2 < kQuestions && i >= 0) {  // ... and 10 here ...
      step["jumps"] = {{{"when", {{"field", field}, {"op", "lt"}, {"value", 0}}},
                        {"to", "q" + std::to_string(i + 2)}}};
    } else if (i % 5 == 2 && i < 10) {  // ... and 2 here: 20 jumps that are never taken
      step["jumps"] = {{{"when", {{"field", field}, {"op", "eq"}, {"value", false}}},
                        {"to", "q" + std::to_string(i + 2)}}};
    }
    steps.push_back(step);
    criteria.push_back({{"id", "c" + std::to_string(i)},
                        {"category", "fit"},
                        {"points", 1},
                        {"reason", {{"en", "Reason " + id}, {"nl", "Reden " + id}}},
                        {"when", when}});
  }
  return {{"format", "leadq.flow/1"},
          {"id", "bench"},
          {"languages", {"en", "nl"}},
          {"steps", steps},
          {"lead_definition",
           {{"criteria", criteria},
            {"required_fields", {"f0", "f1"}},
            {"grades", {{"high", 40}, {"medium", 20}, {"low", 10}}}}},
          {"sla", {{"high", {{"first_response_minutes", 5}, {"follow_up_touches", 6}}}}}};
}

JsonValue AnswerFor(int i) {
  switch (i % 5) {
    case 0:
      return "a";
    case 1:
      return 700;
    case 2:
      return true;
    case 3:
      return "text x";
    default:
      return JsonValue(JsonValue::Array{"a", "b"});
  }
}

Json RequestAnswerFor(int i) { return Json::parse(AnswerFor(i).Dump()); }

int CountConditions(const Json& flow) {
  int n = 0;
  for (const Json& step : flow["steps"]) {
    n += step.contains("show_if") ? 1 : 0;
    if (step.contains("jumps")) n += static_cast<int>(step["jumps"].size());
  }
  return n + static_cast<int>(flow["lead_definition"]["criteria"].size());
}

struct Stats {
  double median_us = 0, p90_us = 0;
  size_t samples = 0;
};

// Runs `conversations` conversations of 50 answers; `answer(k)` does the work of answer k.
Stats Measure(int conversations, const std::function<void(int)>& answer) {
  std::vector<double> samples;
  for (int c = 0; c < conversations; ++c) {
    for (int k = 0; k < kQuestions; ++k) {
      const auto start = std::chrono::steady_clock::now();
      answer(k);
      const auto end = std::chrono::steady_clock::now();
      samples.push_back(std::chrono::duration<double, std::micro>(end - start).count());
    }
  }
  std::sort(samples.begin(), samples.end());
  return {samples[samples.size() / 2], samples[samples.size() * 9 / 10], samples.size()};
}

void Print(const char* name, const Stats& stats) {
  std::printf("%-14s median %9.2f us   p90 %9.2f us   (%zu answers)\n", name, stats.median_us,
              stats.p90_us, stats.samples);
}

// `api_only`: measure only the C++ API, for 20 conversations (for valgrind, whose
// instruction counts are stable on a busy machine where wall-clock times are not).
int Run(bool api_only) {
  const Json document = GeneratedFlow();
  DecodedFlow decoded = DecodeFlowText(document.dump());
  if (!decoded.ok()) {
    std::printf("generated flow invalid: %s %s\n", decoded.problems[0].path.c_str(),
                decoded.problems[0].message.c_str());
    return 1;
  }
  const Flow& flow = decoded.flow;
  std::printf("flow: %d questions, %d conditions\n", kQuestions, CountConditions(document));

  // Inputs for answer k: the first k answers already given plus answer k.
  std::vector<ConversationInput> inputs(kQuestions);
  std::vector<std::string> next_requests(kQuestions), check_requests(kQuestions);
  std::vector<std::string> next_with_flow(kQuestions), check_with_flow(kQuestions);
  Json answers = Json::array();
  for (int k = 0; k < kQuestions; ++k) {
    answers.push_back({{"step", "q" + std::to_string(k)}, {"value", RequestAnswerFor(k)}});
    for (int j = 0; j <= k; ++j)
      inputs[k].answers.push_back({"q" + std::to_string(j), AnswerFor(j)});
    inputs[k].now_ms = 1767225600000;
    inputs[k].visitor_id = "visitor";
    Json next = {{"answers", answers}, {"now_ms", 1767225600000}, {"visitor_id", "visitor"}};
    Json check = {{"step", "q" + std::to_string(k)}, {"value", RequestAnswerFor(k)}};
    next_requests[k] = next.dump();
    check_requests[k] = check.dump();
    next["flow"] = document;
    check["flow"] = document;
    next_with_flow[k] = next.dump();
    check_with_flow[k] = check.dump();
  }
  const Turn last = NextTurn(flow, inputs[kQuestions - 1]);
  std::printf("last turn: done=%d, %s, %g points\n", last.done, ToString(last.outcome.triage),
              last.outcome.total_points);

  volatile size_t sink = 0;
  Print("C++ API", Measure(api_only ? 20 : 200, [&](int k) {
          Result<JsonValue> checked =
              CheckAnswer(flow, "q" + std::to_string(k), AnswerFor(k), "en");
          const Turn turn = NextTurn(flow, inputs[k]);
          sink = sink + checked.ok() + turn.messages.size();
        }));
  if (api_only) return 0;
  Print("CallWithFlow", Measure(100, [&](int k) {
          sink = sink + CallWithFlow(flow, "check_answer", check_requests[k]).size() +
                 CallWithFlow(flow, "next", next_requests[k]).size();
        }));
  Print("Call", Measure(10, [&](int k) {
          sink = sink + Call("check_answer", check_with_flow[k]).size() +
                 Call("next", next_with_flow[k]).size();
        }));
  return 0;
}

}  // namespace
}  // namespace leadq

int main(int argc, char** argv) {
  return leadq::Run(argc > 1 && std::string(argv[1]) == "--api-only");
}
