// Decoding a flow definition from JSON, reporting every problem at once.
#ifndef LEADQ_FLOW_DECODER_H_
#define LEADQ_FLOW_DECODER_H_

#include <string>
#include <string_view>
#include <vector>

#include "leadq/flow.h"
#include "leadq/result.h"

namespace leadq {

// The flow format this build reads.
inline constexpr const char* kFlowFormat = "leadq.flow/1";

struct FlowProblem {
  std::string path;     // JSON pointer into the flow document
  std::string message;  // English, for the marketer
};

struct DecodedFlow {
  Flow flow;                          // meaningful only when problems is empty
  std::vector<FlowProblem> problems;  // every problem found, in document order
  bool ok() const { return problems.empty(); }
};

// Decodes `document`. Never throws and never aborts, whatever the input.
DecodedFlow DecodeFlow(const JsonValue& document);

// Parses `text` as JSON first; a syntax error is reported as a single problem at "".
DecodedFlow DecodeFlowText(std::string_view text);

}  // namespace leadq

#endif  // LEADQ_FLOW_DECODER_H_
