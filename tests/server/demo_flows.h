// The demo flows the server tests run on (web/demo/flows), and one variant of them.
#ifndef LEADQ_TESTS_SERVER_DEMO_FLOWS_H_
#define LEADQ_TESTS_SERVER_DEMO_FLOWS_H_

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace leadq::testing {

// The repo's folder of demo flows.
inline std::string DemoFlowsDir() { return std::string(LEADQ_SOURCE_DIR) + "/web/demo/flows"; }

// The demo site's flow document (web/demo/flows/bant-demo.json).
inline nlohmann::json DemoFlow() {
  std::ifstream in(DemoFlowsDir() + "/bant-demo.json");
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str());
}

// The demo flow with one behavioural criterion: reading the pricing pages is worth 15
// points, which lifts a near miss of 45 points over the qualifying line (55).
inline nlohmann::json PricingFlow() {
  nlohmann::json flow = DemoFlow();
  flow["id"] = "bant-pricing";
  flow["lead_definition"]["criteria"].push_back(
      {{"id", "pricing_pages"},
       {"category", "intent"},
       {"points", 15},
       {"reason", {{"en", "Read the pricing pages"}, {"nl", "Las de prijspagina's"}}},
       {"when", {{"signal", "pages"}, {"op", "any_starts_with"}, {"value", "/pricing"}}}});
  return flow;
}

}  // namespace leadq::testing

#endif  // LEADQ_TESTS_SERVER_DEMO_FLOWS_H_
