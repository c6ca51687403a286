// The pure rules of forwarding: when an outcome hands a lead over (and to whom: sales or
// nurturing), whether a handover already made is repeated, and which destinations take
// a delivery. No storage, no clock: everything comes in as values, so tests are tables.
#ifndef LEADQ_SERVER_SERVICES_FORWARDING_RULES_H_
#define LEADQ_SERVER_SERVICES_FORWARDING_RULES_H_

#include <optional>
#include <string>
#include <vector>

#include "storage/forwarding_records.h"

namespace leadq {

// The flow's forwarding triggers, from its optional "forwarding" section:
//   "forwarding": {"triggers": ["qualified", "hard_conversion"]}
// Default ["qualified"]. "hard_conversion" also hands a lead to sales when the visitor
// made a hard conversion (demo, quote) without fully qualifying, unless disqualified.
std::vector<std::string> ForwardingTriggers(const Json& flow_document);

// "sales", "nurture", or "" (no handover) for an outcome. Nurture waits for the end of
// the conversation (`done`), since points still grow while the visitor answers.
std::string RouteFor(const Json& outcome, bool done, const std::vector<std::string>& triggers);

// The generation of the handover to make now, or nullopt when none: the first handover
// is generation 1; the same lead is handed over again (generation + 1) only when a
// nurture lead now goes to sales, or when sales sent it back to nurturing and new data
// arrived after that (`last_data_ms` > sent_back_ms).
std::optional<int> NextGeneration(const std::optional<HandoffRecord>& existing,
                                  const std::string& route, int64_t last_data_ms);

// The event a route's deliveries announce.
const char* EventFor(const std::string& route);

// Whether `destination` takes `event` for a lead of this flow, grade and triage.
bool Accepts(const DestinationRecord& destination, const std::string& event,
             const std::string& flow_id, const std::string& grade, const std::string& triage);

// "<lead>.<destination>.<event>.<generation>": stable across retries and restarts, new
// for every generation; ids hold only [A-Za-z0-9_-], so the dots keep it unambiguous.
std::string IdempotencyKey(const std::string& lead_id, const std::string& destination_id,
                           const std::string& event, int generation);

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_FORWARDING_RULES_H_
