// Seeding a fresh installation: the demo site and its flows, so that `leadq serve` shows
// a working widget on first start.
#ifndef LEADQ_SERVER_APP_DEMO_SEED_H_
#define LEADQ_SERVER_APP_DEMO_SEED_H_

#include <string>
#include <vector>

#include "services/flow_service.h"
#include "storage/site_store.h"

namespace leadq {

inline constexpr const char* kDemoSiteKey = "demo-site";

// Creates or updates the site `demo-site` allowing `origins`, and publishes every flow
// file in `flows_dir` whose content differs from its published version.
Status SeedDemo(SiteStore& sites, FlowService& flows, const std::vector<std::string>& origins,
                const std::string& flows_dir);

}  // namespace leadq

#endif  // LEADQ_SERVER_APP_DEMO_SEED_H_
