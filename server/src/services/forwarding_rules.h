// The pure rules of forwarding: when an outcome hands a lead over (and to whom: sales or
// nurturing), whether a handover already made is repeated, and which destinations take
// a delivery. No storage, no clock: everything comes in as values, so tests are tables.
#ifndef LEADQ_SERVER_SERVICES_FORWARDING_RULES_H_
#define LEADQ_SERVER_SERVICES_FORWARDING_RULES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "leadq/json.h"
#include "storage/forwarding_records.h"

namespace leadq {

// The string member `key` of an outcome (or of one of its parts), "" when missing.
const std::string& Text(const JsonValue& object, std::string_view key);

// "sales", "nurture", or "" (no handover) for an outcome. A qualified lead goes to
// sales. A hard conversion (demo, quote: the flow's own "conversions.hard" condition)
// that did not fully qualify also goes to sales when `hard_conversion_wanted` (the flow's
// lead definition lists the handoff trigger "hard_conversion", or some destination asked
// for it with its own trigger "hard_conversion"), unless disqualified. A
// near-miss ("nurture") goes to nurturing once the conversation is done, since its points
// still grow while the visitor answers.
std::string RouteFor(const JsonValue& outcome, bool done, bool hard_conversion_wanted);

// The generation of the handover to make now, or nullopt when none: the first handover
// is generation 1; the same lead is handed over again (generation + 1) only when a
// nurture lead now goes to sales, or when sales sent it back to nurturing and new data
// arrived after that (`last_data_ms` > sent_back_ms).
std::optional<int> NextGeneration(const std::optional<HandoffState>& existing,
                                  const std::string& route, int64_t last_data_ms);

// The event a route's deliveries announce.
const char* EventFor(const std::string& route);

// Whether `destination` takes `event` for a lead of this flow, grade and triage. A
// "lead.qualified" delivery of a lead that is not triaged qualified (a hard conversion)
// goes to every sales destination when the flow hands off hard conversions
// (`flow_hands_off_hard_conversions`), otherwise only to destinations with the trigger
// "hard_conversion".
bool Accepts(const DestinationRecord& destination, const std::string& event,
             const std::string& flow_id, const std::string& grade, const std::string& triage,
             bool flow_hands_off_hard_conversions);

// "<lead>.<destination>.<event>.<generation>": stable across retries and restarts, new
// for every generation; ids hold only [A-Za-z0-9_-], so the dots keep it unambiguous.
std::string IdempotencyKey(const std::string& lead_id, const std::string& destination_id,
                           const std::string& event, int generation);

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_FORWARDING_RULES_H_
