// A flow definition file, as the flow commands (validate-flow, compile-flow, simulate)
// read it.
#ifndef LEADQ_SERVER_APP_FLOW_FILE_H_
#define LEADQ_SERVER_APP_FLOW_FILE_H_

#include <ostream>
#include <string>

#include "leadq/flow_decoder.h"
#include "leadq/result.h"

namespace leadq {

// The flow in the file `path`, decoded (with its problems, if any); NotFound with "cannot
// read PATH" when the file cannot be read.
Result<DecodedFlow> ReadFlowFile(const std::string& path);

// Prints each problem of `decoded` as "PATH:/json/pointer: message".
void PrintProblems(const std::string& path, const DecodedFlow& decoded, std::ostream& out);

}  // namespace leadq

#endif  // LEADQ_SERVER_APP_FLOW_FILE_H_
