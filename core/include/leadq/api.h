// The JSON facade of the core: one entry point, strings in and out.
//
// Used unchanged by the WebAssembly binding and by the server, so both targets produce
// byte-identical JSON for the same request. Every response is either
//   {"ok":true,"value":...}  or  {"ok":false,"error":{"code","message","path"}}.
// Operations:
//   decode_flow   request: a flow document          value: a flow summary
//   next          request: {flow, profile, answers, now_ms, language, visitor_id}
//                 value: the next turn (messages, question view, progress, outcome)
//   check_answer  request: {flow, step, value, language}   value: {"value": normalised}
//   decide        request: as for next                     value: the outcome
#ifndef LEADQ_API_H_
#define LEADQ_API_H_

#include <string>
#include <string_view>

namespace leadq {

// Never throws and never aborts, whatever `op` and `request` hold.
std::string Call(std::string_view op, std::string_view request);

}  // namespace leadq

#endif  // LEADQ_API_H_
