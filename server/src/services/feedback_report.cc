// The feedback report: counting, per group, what sales did with the leads handed over.
// Criteria are compared within a flow: among that flow's leads with feedback, the
// acceptance rate of those that met the criterion against those that did not.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "services/feedback_service.h"

namespace leadq {
namespace {

struct Counts {
  int handed_over = 0;
  int with_feedback = 0;
  int accepted = 0;
  int rejected = 0;
  int nurtured = 0;
  std::map<std::string, int> reject_reasons;

  void Add(const HandoffStore::ReportRow& row) {
    ++handed_over;
    const std::string& decision = row.latest.decision;
    if (decision.empty()) return;
    ++with_feedback;
    if (decision == "accept") ++accepted;
    if (decision == "reject") {
      ++rejected;
      ++reject_reasons[row.latest.reason];
    }
    if (decision == "nurture") ++nurtured;
  }
};

Json Rate(int accepted, int with_feedback) {
  return with_feedback == 0 ? Json() : Json(static_cast<double>(accepted) / with_feedback);
}

Json ToJson(const Counts& c) {
  return {{"handed_over", c.handed_over},
          {"with_feedback", c.with_feedback},
          {"accepted", c.accepted},
          {"rejected", c.rejected},
          {"nurtured", c.nurtured},
          {"acceptance_rate", Rate(c.accepted, c.with_feedback)},
          {"reject_reasons", c.reject_reasons}};
}

struct Side {
  int leads = 0;
  int with_feedback = 0;
  int accepted = 0;
  Json ToJson() const {
    return {{"leads", leads},
            {"with_feedback", with_feedback},
            {"accepted", accepted},
            {"acceptance_rate", Rate(accepted, with_feedback)}};
  }
};

}  // namespace

Json BuildFeedbackReport(const std::vector<HandoffStore::ReportRow>& rows) {
  Counts totals;
  std::map<std::string, Counts> flows;
  std::map<std::pair<std::string, std::string>, Counts> variants;
  std::map<std::string, std::set<std::string>> criteria_of_flow;  // every criterion seen
  for (const auto& row : rows) {
    totals.Add(row);
    flows[row.handoff.flow_id].Add(row);
    variants[{row.handoff.flow_id, row.handoff.variant}].Add(row);
    for (const std::string& id : row.handoff.criteria)
      criteria_of_flow[row.handoff.flow_id].insert(id);
  }
  // Every lead of a flow is on one side of each criterion seen in that flow.
  std::map<std::tuple<std::string, std::string>, std::pair<Side, Side>> sides;
  for (const auto& row : rows) {
    const auto& met = row.handoff.criteria;
    for (const std::string& id : criteria_of_flow[row.handoff.flow_id]) {
      auto& pair = sides[{row.handoff.flow_id, id}];
      Side& side = std::find(met.begin(), met.end(), id) != met.end() ? pair.first : pair.second;
      ++side.leads;
      if (!row.latest.decision.empty()) ++side.with_feedback;
      if (row.latest.decision == "accept") ++side.accepted;
    }
  }
  Json report{{"totals", ToJson(totals)},
              {"flows", Json::array()},
              {"variants", Json::array()},
              {"criteria", Json::array()}};
  for (const auto& [flow, counts] : flows) {
    Json entry = ToJson(counts);
    entry["flow_id"] = flow;
    report["flows"].push_back(std::move(entry));
  }
  for (const auto& [key, counts] : variants) {
    Json entry = ToJson(counts);
    entry["flow_id"] = key.first;
    entry["variant"] = key.second;
    report["variants"].push_back(std::move(entry));
  }
  for (const auto& [key, pair] : sides) {
    const Json met = pair.first.ToJson();
    const Json not_met = pair.second.ToJson();
    Json difference;
    if (met["acceptance_rate"].is_number() && not_met["acceptance_rate"].is_number()) {
      difference = met["acceptance_rate"].get<double>() - not_met["acceptance_rate"].get<double>();
    }
    report["criteria"].push_back({{"flow_id", std::get<0>(key)},
                                  {"criterion", std::get<1>(key)},
                                  {"met", met},
                                  {"not_met", not_met},
                                  {"difference", difference}});
  }
  return report;
}

}  // namespace leadq
