// A developer aid, not a test: runs one leadq::Call and prints the response, so that a
// test vector's expected value can be compared by hand with what the engine says.
//   call_tool OP REQUEST.json [FLOW.json]   (with FLOW, it is set as request.flow)
#include <fstream>
#include <iostream>
#include <sstream>

#include "leadq/api.h"
#include "nlohmann/json.hpp"

namespace {

std::string ReadFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: call_tool OP REQUEST.json [FLOW.json]\n";
    return 2;
  }
  std::string request = ReadFile(argv[2]);
  if (argc > 3) {
    nlohmann::json parsed = nlohmann::json::parse(request, nullptr, false);
    parsed["flow"] = nlohmann::json::parse(ReadFile(argv[3]), nullptr, false);
    request = parsed.dump();
  }
  std::cout << leadq::Call(argv[1], request) << "\n";
  return 0;
}
