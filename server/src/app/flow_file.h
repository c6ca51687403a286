// A flow definition file, as the flow commands (validate-flow, compile-flow, simulate)
// read it.
#ifndef LEADQ_SERVER_APP_FLOW_FILE_H_
#define LEADQ_SERVER_APP_FLOW_FILE_H_

#include <ostream>
#include <string>

#include "app/options.h"
#include "leadq/flow_decoder.h"
#include "leadq/result.h"

namespace leadq {

// The flow in the file `path`, decoded (with its problems, if any); NotFound with "cannot
// read PATH" when the file cannot be read.
Result<DecodedFlow> ReadFlowFile(const std::string& path);

// The JSON document in the file `path` (of at most 16 MiB); NotFound "cannot read PATH",
// or InvalidJson "PATH is not valid JSON (line L, column C)".
Result<JsonValue> ReadJsonFile(const std::string& path);

// Reads the one FILE argument of the flow command `command` into `*decoded` (problems
// included) and returns 0; or prints why it cannot and returns the exit code: 2 with the
// usage for a wrong number of arguments, 1 when the file cannot be read.
int ReadFlowArgument(const Options& options, const char* command, DecodedFlow* decoded);

// Prints each problem of `decoded` as "PATH:/json/pointer: message".
void PrintProblems(const std::string& path, const DecodedFlow& decoded, std::ostream& out);

}  // namespace leadq

#endif  // LEADQ_SERVER_APP_FLOW_FILE_H_
