// The JSON facade of the core: one entry point, strings in and out.
//
// Used unchanged by the WebAssembly binding and by the server, so both targets produce
// byte-identical JSON for the same request. Every response is either
//   {"ok":true,"value":...}  or  {"ok":false,"error":{"code","message","path"}}.
// Operations:
//   decode_flow   request: a flow document
//                 value: {id, version, languages, default_language, steps, questions,
//                         fields, variants}
//   compile_flow  request: a flow document   value: its compiled form (compiled_flow.h)
//   next          request: {flow, profile?, answers?, now_ms?, language?, visitor_id?,
//                           revise?, business_hours?} (the site's working time, as
//                           DecodeBusinessCalendar reads it, for SLAs stated in it)
//                 value: the next turn: {variant, language, messages, question (or null),
//                         progress: {asked, total}, done, revising, previous_step,
//                         rejected: [{index, step, code, message}], fields, outcome}
//   check_answer  request: {flow, step, value, language?}   value: {"value": normalised}
//   decide        request: as for next                     value: the outcome
//   resolve_language  request: {flow, language?}  value: {"language"}: the flow language
//                 ResolveLanguage picks for the requested tag
//   fold_events   request: {signals?, events: [...]}  value: {"signals"}: the implicit
//                 profile with the events folded in (leadq/signals.h); needs no flow
// A question is {id, field, type, text, help, required, choices: [{value, label, min?,
// max?}], value (current, to prefill), min?, max?, unit?, max_length?, consent_version?};
// an outcome is {triage, grade, total_points, criteria: [{id, category, points, reason}],
// missing_fields, conversion, stage, knockout: {id, reason} or null, sla:
// {first_response_minutes, deadline_ms, follow_up_touches, business_hours} or null}. In next,
// check_answer and decide, "flow" is a flow document or a compiled flow. The profile is
// {fields: {...}, signals: {page_views, visits, time_on_site, channel, utm: {...}, pages:
// [...], last_activity_ms}}; answers are [{step, value}]; times are integer milliseconds
// since the Unix epoch, 0..2^53. docs/flow-format.md explains the semantics.
#ifndef LEADQ_API_H_
#define LEADQ_API_H_

#include <string>
#include <string_view>

#include "leadq/flow.h"

namespace leadq {

// Never throws and never aborts, whatever `op` and `request` hold. Requests over 4 MiB
// or nesting deeper than 64 levels are refused with "invalid_argument"/"invalid_json".
std::string Call(std::string_view op, std::string_view request);

// As Call for the operations next, decide and check_answer, on a flow the caller decoded
// once with DecodeFlow (the server caches decoded flows): the request needs no "flow"
// member and any is ignored. Gives byte for byte the response Call gives for the same
// flow. `flow` must have decoded without problems.
std::string CallWithFlow(const Flow& flow, std::string_view op, std::string_view request);

// As Call for next, decide, check_answer, resolve_language and fold_events, but "flow"
// must be a compiled flow (a flow document is an "invalid_flow" error), and requests with
// "business_hours" are refused ("invalid_argument" at /business_hours: the server decides
// SLAs). What uses only this entry point links no flow decoder and no business-time code:
// the widget's runtime module. Other operations are "not_found".
std::string CallCompiled(std::string_view op, std::string_view request);

}  // namespace leadq

#endif  // LEADQ_API_H_
