// What the flow routes share: the site they work on and a flow's problems in an answer.
#ifndef LEADQ_SERVER_HTTP_FLOW_ROUTES_UTIL_H_
#define LEADQ_SERVER_HTTP_FLOW_ROUTES_UTIL_H_

#include <httplib.h>

#include <functional>
#include <string>
#include <vector>

#include "http/api_context.h"

namespace leadq {

// The roles that work on flows.
inline const std::vector<Role> kFlowRoles = {Role::kAdmin, Role::kMarketer};
// A flow id in a route pattern.
inline constexpr const char* kFlowIdPattern = "([A-Za-z0-9_.-]{1,64})";

// The `site` query parameter, which must name an existing site.
Result<std::string> ExistingSite(ApiContext& api, const httplib::Request& req);

// The revision an If-Match header names: `"3"` (an ETag as the API sends it), W/"3" or
// 3; 0 without the header (nothing saved yet).
Result<int> IfMatchRevision(const httplib::Request& req);

// Renders `status`; a Conflict also carries `current`, the revision stored now (as
// `current_revision()` reads it), so that a client can say what happened.
void RenderRevisionError(httplib::Response& res, const Status& status,
                         const std::function<int()>& current_revision);

// Problems as the API lists them: [{"path", "message"}].
Json ProblemsJson(const std::vector<FlowProblem>& problems);

// Adds `problems` (when there are any) to the error already rendered in `res`.
void RenderWithProblems(httplib::Response& res, const std::vector<FlowProblem>& problems);

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_FLOW_ROUTES_UTIL_H_
