// Reading a flow definition file for the flow commands.
#include "app/flow_file.h"

#include <fstream>
#include <sstream>

namespace leadq {

Result<DecodedFlow> ReadFlowFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return DecodeFlowText(text.str());
}

void PrintProblems(const std::string& path, const DecodedFlow& decoded, std::ostream& out) {
  for (const FlowProblem& problem : decoded.problems) {
    out << path << ":" << (problem.path.empty() ? "/" : problem.path) << ": " << problem.message
        << "\n";
  }
}

}  // namespace leadq
