// Command-line options of the leadq binary, and the serve command's config file.
#ifndef LEADQ_SERVER_APP_OPTIONS_H_
#define LEADQ_SERVER_APP_OPTIONS_H_

#include <string>
#include <vector>

#include "http/rate_limiter.h"
#include "leadq/result.h"

namespace leadq {

struct Options {
  std::string command;  // serve, migrate, validate-flow, simulate, export, backup
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string data_dir = "data";
  std::string web_root;  // "" serves no static files
  std::string wasm_dir;
  std::string widget_dir;  // the shipped widget; "" serves web_root/widget
  std::string seed_flows;  // folder of flow JSON files published for the demo site
  std::string admin_key;
  std::string public_url;  // base of links to the lead inbox in deliveries; "" = own origin
  std::vector<std::string> allow_origins;
  int threads = 64;
  bool access_log = false;
  RateLimit per_ip{50, 300};          // public API requests per second (and burst) per client IP
  RateLimit per_site{1000, 5000};     // ... per site key; 0 disables
  int retention_days = 0;             // purge raw events older than this (0: keep them)
  int retry_horizon_s = 24 * 3600;    // a delivery still failing after this is a dead letter
  size_t max_body_bytes = 64 * 1024;  // outside the admin API
  size_t max_admin_body_bytes = 4 * 1024 * 1024;  // the admin API (flow documents)
  std::string format = "csv";                     // export: csv or json
  std::string site;                               // export: only this site
  std::string language;                           // simulate
  std::string now;                     // simulate: the clock (ISO 8601 UTC or ms); "" = now
  std::string events_file;             // simulate: behaviour events folded into signals
  std::string answers_file;            // simulate: answers, instead of standard input
  std::string tests_file;              // simulate: test cases to run instead
  std::string business_hours_file;     // simulate: the site's business hours
  std::vector<std::string> arguments;  // positional (e.g. the flow file)
  bool help = false;
};

// Parses argv; InvalidArgument with a message naming the bad argument. For serve,
// `--config FILE` (a JSON object whose keys are the long option names without dashes)
// is read first, and the other flags override it.
Result<Options> ParseOptions(int argc, char** argv);

// Usage text for `command` ("" for the overview).
std::string Usage(const std::string& command);

}  // namespace leadq

#endif  // LEADQ_SERVER_APP_OPTIONS_H_
