// Reading a flow definition file for the flow commands.
#include "app/flow_file.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace leadq {

namespace {

Result<std::string> ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  if (text.str().size() > (16u << 20)) return Status::InvalidArgument(path + " is over 16 MiB");
  return text.str();
}

}  // namespace

Result<DecodedFlow> ReadFlowFile(const std::string& path) {
  Result<std::string> text = ReadText(path);
  if (!text.ok()) return text.status();
  return DecodeFlowText(text.value());
}

Result<JsonValue> ReadJsonFile(const std::string& path) {
  Result<std::string> text = ReadText(path);
  if (!text.ok()) return text.status();
  JsonValue document;
  std::string error;
  if (!ParseJson(text.value(), &document, &error)) {
    return Status::InvalidJson(path + " " + error);
  }
  return document;
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
