// The compiled flow: a flow that has already been validated, in a compact positional
// JSON form that the widget's runtime engine reads without the flow decoder.
//
// The server validates every flow version when it is saved (DecodeFlow, with every
// problem reported), and serves the compiled form to the widget. Reading it only checks
// what keeps the engine safe (types, enum codes, numeric ranges, sizes), so the browser
// downloads neither the decoder nor its problem texts. docs/flow-format.md, "The compiled
// form", describes the layout; a flow read back gives byte for byte the answers of the
// flow it was compiled from.
#ifndef LEADQ_COMPILED_FLOW_H_
#define LEADQ_COMPILED_FLOW_H_

#include "leadq/flow.h"
#include "leadq/json.h"
#include "leadq/result.h"

namespace leadq {

// The layout version this build writes and reads (the member "compiled").
inline constexpr int kCompiledFlowFormat = 2;

// `flow` in the compiled form: {"compiled": 1, "id", "version", "languages",
// "default_language", "max_questions_per_visit", "steps", "definition", "sla",
// "variants"}, the last four as positional arrays.
JsonValue CompileFlow(const Flow& flow);

// Whether `document` claims to be a compiled flow (has the member "compiled"), as
// opposed to a flow document.
bool IsCompiledFlow(const JsonValue& document);

// Reads a compiled flow. Never throws and never aborts: a malformed one, or one of
// another layout version, is an "invalid_flow" error with the JSON pointer of the first
// problem.
Result<Flow> ReadCompiledFlow(const JsonValue& compiled);

}  // namespace leadq

#endif  // LEADQ_COMPILED_FLOW_H_
