// The OpenAPI document served by the server matches the routes the server really has:
// every route is documented with its method, and every documented operation exists.
#include <gtest/gtest.h>

#include <set>

#include "test_server.h"

namespace leadq::testing {
namespace {

using Json = nlohmann::json;

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

TEST(OpenApiTest, DocumentMatchesTheRegisteredRoutes) {
  TestServer server(DemoFlowsDir());
  auto client = server.Client();
  auto res = client->Get("/api/v1/openapi.json");
  ASSERT_EQ(res->status, 200);
  Json doc = Body(res);
  ASSERT_TRUE(doc.is_object());
  EXPECT_EQ(doc["openapi"].get<std::string>().rfind("3.", 0), 0u);

  std::set<std::pair<std::string, std::string>> routes, documented;
  for (const RouteInfo& route : server.app().api.routes) {
    routes.insert({Lower(route.method), route.doc_path});
  }
  for (auto path = doc["paths"].begin(); path != doc["paths"].end(); ++path) {
    for (auto op = path.value().begin(); op != path.value().end(); ++op) {
      documented.insert({op.key(), path.key()});
      SCOPED_TRACE(op.key() + " " + path.key());
      EXPECT_TRUE(op.value()["responses"].is_object());
      // Admin operations name their roles and require the API key.
      if (path.key().rfind("/api/v1/admin/", 0) == 0) {
        EXPECT_NE(op.value()["summary"].get<std::string>().find("Roles:"), std::string::npos);
        EXPECT_FALSE(op.value()["security"].empty());
      }
    }
  }
  for (const auto& route : routes) {
    EXPECT_TRUE(documented.count(route))
        << "undocumented route " << route.first << " " << route.second;
  }
  for (const auto& op : documented) {
    EXPECT_TRUE(routes.count(op)) << "documented but not served: " << op.first << " " << op.second;
  }
}

// Each documented path template, filled in, reaches its route (not the 404 of an
// unknown path): the regular expressions and the templates agree.
TEST(OpenApiTest, EveryDocumentedPathIsRouted) {
  TestServer server(DemoFlowsDir());
  auto client = server.Client();
  for (const RouteInfo& route : server.app().api.routes) {
    std::string path = route.doc_path;
    const size_t version = path.find("{version}");
    if (version != std::string::npos) path.replace(version, 9, "1");
    for (const char* name : {"{flow_id}", "{session_id}", "{lead_id}", "{visitor_id}", "{site_key}",
                             "{key_id}", "{destination_id}", "{delivery_id}", "{backtest_id}"}) {
      const size_t at = path.find(name);
      if (at != std::string::npos) path.replace(at, std::string(name).size(), "12345678");
    }
    SCOPED_TRACE(route.method + " " + path);
    httplib::Headers headers = Bearer(kAdminKey);
    httplib::Result res =
        route.method == "GET"    ? client->Get(path.c_str(), headers)
        : route.method == "POST" ? client->Post(path.c_str(), headers, "{}", "application/json")
        : route.method == "PUT"  ? client->Put(path.c_str(), headers, "{}", "application/json")
                                 : client->Delete(path.c_str(), headers);
    ASSERT_TRUE(res);
    if (res->status == 404) {
      Json body = Body(res);
      EXPECT_NE(body["error"]["message"].get<std::string>().rfind("no such resource", 0), 0u)
          << "the path did not reach a route: " << res->body;
    }
  }
}

}  // namespace
}  // namespace leadq::testing
