// What the flow routes share.
#include "http/flow_routes_util.h"

#include "http/render.h"
#include "http/request_json.h"

namespace leadq {

Result<std::string> ExistingSite(ApiContext& api, const httplib::Request& req) {
  Result<std::string> site = SiteParam(req, true);
  if (!site.ok()) return site;
  Result<SiteRecord> found = api.sites.Get(site.value());
  if (!found.ok()) return found.status();
  return site;
}

Json ProblemsJson(const std::vector<FlowProblem>& problems) {
  Json list = Json::array();
  for (const FlowProblem& problem : problems) {
    list.push_back({{"path", problem.path}, {"message", problem.message}});
  }
  return list;
}

void RenderWithProblems(httplib::Response& res, const std::vector<FlowProblem>& problems) {
  if (problems.empty()) return;
  Json error = Json::parse(res.body, nullptr, false);
  error["error"]["problems"] = ProblemsJson(problems);
  RenderJson(res, error);
}

}  // namespace leadq
