// Reading a flow definition file for the flow commands.
#include "app/flow_file.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace leadq {

Result<DecodedFlow> ReadFlowFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return DecodeFlowText(text.str());
}

int ReadFlowArgument(const Options& options, const char* command, DecodedFlow* decoded) {
  if (options.arguments.size() != 1) {
    std::cerr << Usage(command);
    return 2;
  }
  Result<DecodedFlow> read = ReadFlowFile(options.arguments[0]);
  if (!read.ok()) {
    std::cerr << "leadq: " << read.status().message() << "\n";
    return 1;
  }
  *decoded = std::move(read).value();
  return 0;
}

void PrintProblems(const std::string& path, const DecodedFlow& decoded, std::ostream& out) {
  for (const FlowProblem& problem : decoded.problems) {
    out << path << ":" << (problem.path.empty() ? "/" : problem.path) << ": " << problem.message
        << "\n";
  }
}

}  // namespace leadq
