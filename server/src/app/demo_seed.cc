// Demo site and flows.
#include "app/demo_seed.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace leadq {

Status SeedDemo(SiteStore& sites, FlowService& flows, const std::vector<std::string>& origins,
                const std::string& flows_dir) {
  Status status = sites.PutSite({kDemoSiteKey, "Demo site", origins});
  if (!status.ok() || flows_dir.empty()) return status;
  std::error_code error;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(flows_dir, error)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  if (error) return Status::Internal("cannot read " + flows_dir + ": " + error.message());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    Json document = Json::parse(text.str(), nullptr, false);
    if (document.is_discarded() || !document.is_object() || !document.contains("id") ||
        !document["id"].is_string()) {
      return Status::InvalidFlow(file.string() + " is not a flow document");
    }
    Result<std::shared_ptr<const LoadedFlow>> published =
        flows.Published(kDemoSiteKey, document["id"].get<std::string>());
    if (published.ok() && published.value()->document == document) continue;
    std::vector<FlowProblem> problems;
    Result<FlowRecord> saved = flows.Save(kDemoSiteKey, document, true, &problems);
    if (!saved.ok()) {
      return Status::InvalidFlow(file.string() + ": " + problems.front().path + ": " +
                                 problems.front().message);
    }
  }
  return Status::Ok();
}

}  // namespace leadq
