// Command-line options of the leadq binary.
#ifndef LEADQ_SERVER_APP_OPTIONS_H_
#define LEADQ_SERVER_APP_OPTIONS_H_

#include <string>
#include <vector>

#include "leadq/result.h"

namespace leadq {

struct Options {
  std::string command;  // serve, migrate, validate-flow
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string data_dir = "data";
  std::string web_root;  // "" serves no static files
  std::string wasm_dir;
  std::string seed_flows;  // folder of flow JSON files published for the demo site
  std::string admin_key;
  std::string public_url;  // base of links to the lead inbox in deliveries; "" = own origin
  std::vector<std::string> allow_origins;
  int threads = 8;
  bool access_log = false;
  std::vector<std::string> arguments;  // positional (e.g. the flow file)
  bool help = false;
};

// Parses argv; InvalidArgument with a message naming the bad argument.
Result<Options> ParseOptions(int argc, char** argv);

// Usage text for `command` ("" for the overview).
std::string Usage(const std::string& command);

}  // namespace leadq

#endif  // LEADQ_SERVER_APP_OPTIONS_H_
