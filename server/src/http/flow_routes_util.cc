// What the flow routes share.
#include "http/flow_routes_util.h"

#include "http/api_error.h"
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

Result<int> IfMatchRevision(const httplib::Request& req) {
  if (!req.has_header("If-Match")) return 0;
  std::string tag = req.get_header_value("If-Match");
  if (tag.rfind("W/", 0) == 0) tag.erase(0, 2);
  if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"')
    tag = tag.substr(1, tag.size() - 2);
  if (tag.empty() || tag.size() > 9 || tag.find_first_not_of("0123456789") != std::string::npos) {
    return Status::InvalidArgument(
        "If-Match must be an ETag as this API sends it, such as \"3\" (a revision)", "/revision");
  }
  return std::stoi(tag);
}

void RenderRevisionError(httplib::Response& res, const Status& status,
                         const std::function<int()>& current_revision) {
  RenderError(res, status);
  if (!status.IsConflict()) return;
  Json error = Json::parse(res.body, nullptr, false);
  error["error"]["revision"] = current_revision();
  RenderJson(res, error);
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
