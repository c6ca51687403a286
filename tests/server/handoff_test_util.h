// Small helpers shared by the handoff tests: destinations, lead views, bounded waits.
#ifndef LEADQ_TESTS_SERVER_HANDOFF_TEST_UTIL_H_
#define LEADQ_TESTS_SERVER_HANDOFF_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>

#include "handoff_server.h"
#include "webhook_receiver.h"

namespace leadq::testing {

inline constexpr const char* kSecret = "receiver-secret-0123456789";

inline std::string CreateDestination(HandoffServer& server, const std::string& url,
                                     const std::string& kind = "webhook",
                                     const Json& events = Json::array(),
                                     const Json& extra = Json::object()) {
  Json body{{"site", "demo-site"}, {"name", kind + " destination"},
            {"kind", kind},        {"url", url},
            {"secret", kSecret},   {"events", events}};
  for (auto it = extra.begin(); it != extra.end(); ++it) body[it.key()] = it.value();
  int status = 0;
  Json created = server.Admin("POST", "/api/v1/admin/destinations", body, &status);
  EXPECT_EQ(status, 201) << created.dump();
  return created.is_object() && created.contains("destination_id")
             ? created["destination_id"].get<std::string>()
             : std::string();
}

inline Json LeadView(HandoffServer& server, const std::string& lead) {
  return server.Admin("GET", "/api/v1/admin/leads/" + lead + "/handoff");
}

// Waits (bounded) until the lead's delivery log has `attempts` entries.
inline bool WaitForAttempts(HandoffServer& server, const std::string& lead, size_t attempts) {
  return WebhookReceiver::WaitFor([&] {
    Json view = LeadView(server, lead);
    return view.is_object() && view["delivery_log"].size() >= attempts;
  });
}

// Waits (bounded) until every delivery of the lead is in `state`.
inline bool WaitForState(HandoffServer& server, const std::string& lead, const std::string& state) {
  return WebhookReceiver::WaitFor([&] {
    Json view = LeadView(server, lead);
    if (!view.is_object() || view["deliveries"].empty()) return false;
    for (const Json& d : view["deliveries"]) {
      if (d["state"] != state) return false;
    }
    return true;
  });
}

}  // namespace leadq::testing

#endif  // LEADQ_TESTS_SERVER_HANDOFF_TEST_UTIL_H_
