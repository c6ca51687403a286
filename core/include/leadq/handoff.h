// Handoff: which leads go to sales, which to nurturing and which nowhere, when a lead is
// handed over again (a new generation), and which destinations take a handoff.
//
// Pure rules over typed values, like the rest of the core: the server runs them on every
// outcome it stores and stores and sends what they decide; the destinations (webhooks,
// e-mail) and their filters come in as plain values.
#ifndef LEADQ_HANDOFF_H_
#define LEADQ_HANDOFF_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "leadq/outcome.h"

namespace leadq {

// Where a lead goes: to sales, to nurturing, or nowhere (yet).
enum class Route { kNone, kSales, kNurture };

// What sales (or nurturing) did with a lead handed over.
enum class LeadState { kOpen, kAccepted, kRejected, kNurturing };

// What a delivery announces.
enum class HandoffEvent { kQualified, kNurture, kOverdue };

// What deciding the next handoff needs of the lead's last one.
struct PriorHandoff {
  int generation = 0;
  Route route = Route::kNone;
  LeadState state = LeadState::kOpen;
  int64_t sent_back_ms = 0;  // when sales sent it back to nurturing; 0: never
};

// What a destination takes. An empty list accepts every value.
struct DestinationFilter {
  bool enabled = true;
  std::vector<HandoffEvent> events;
  // The trigger "hard_conversion": a hard conversion (demo, quote) that did not fully
  // qualify and was not disqualified is handed to this destination too.
  bool takes_hard_conversions = false;
  std::vector<Grade> grades;
  std::vector<std::string> flows;
  std::vector<Triage> triage;
};

// The lead a handoff is about, as the filters see it.
struct HandoffSubject {
  std::string_view flow_id;
  Grade grade = Grade::kNone;
  Triage triage = Triage::kNotEnoughInformation;
  // The flow's lead definition lists the handoff trigger "hard_conversion": every sales
  // destination takes hard conversions.
  bool flow_hands_off_hard_conversions = false;
};

// The route of `outcome`: a qualified lead goes to sales. A hard conversion that did not
// fully qualify also goes to sales when `hard_conversion_wanted` (the flow or some
// destination asks for it), unless disqualified. A near miss (nurture) goes to
// nurturing once the conversation is `done`, since its points still grow while the
// visitor answers.
Route RouteFor(const Outcome& outcome, bool done, bool hard_conversion_wanted);

// The generation of the handoff to make now, or nullopt for none: the first is 1; the
// same lead is handed over again (generation + 1) only when a nurture lead now goes to
// sales, or when sales sent it back to nurturing and data arrived after that
// (`last_data_ms` > sent_back_ms).
std::optional<int> NextGeneration(const std::optional<PriorHandoff>& prior, Route route,
                                  int64_t last_data_ms);

// The event a route's deliveries announce.
HandoffEvent EventFor(Route route);

// Whether `destination` takes `event` about `subject`. A qualified-event delivery of a
// lead not triaged qualified (a hard conversion) goes only to destinations that take
// hard conversions, unless the flow hands them off to every sales destination.
bool Accepts(const DestinationFilter& destination, HandoffEvent event,
             const HandoffSubject& subject);

// The indexes of the `destinations` that take `event` about `subject`, in order.
std::vector<size_t> DestinationsFor(const std::vector<DestinationFilter>& destinations,
                                    HandoffEvent event, const HandoffSubject& subject);

// Everything deciding a handoff looks at, beside the outcome and the destinations.
struct HandoffContext {
  std::string_view flow_id;
  bool flow_hands_off_hard_conversions = false;
  bool done = false;                  // the conversation has no question left
  std::optional<PriorHandoff> prior;  // the lead's last handoff, if any
  int64_t last_data_ms = 0;           // when data about the lead last arrived
};

// What to hand over now. `route` kNone means nothing (every other member is then 0).
struct HandoffDecision {
  Route route = Route::kNone;
  int generation = 0;
  HandoffEvent event = HandoffEvent::kQualified;
  std::vector<size_t> destinations;  // indexes into the destinations given
  // For sales: the outcome's SLA (the deadline counts from the decision's time); 0 when
  // its grade has no terms.
  int64_t sla_deadline_ms = 0;
  int follow_up_touches = 0;
};

// Whether `outcome` can be handed anywhere at all, whatever the destinations: a caller
// that must read the destinations to decide can skip that read when this is false.
bool MayHandOff(const Outcome& outcome, bool done);

// The handoff `outcome` causes now.
HandoffDecision DecideHandoff(const Outcome& outcome, const HandoffContext& context,
                              const std::vector<DestinationFilter>& destinations);

// Wire names: "" / "sales" / "nurture"; "open", "accepted", "rejected", "nurturing";
// "lead.qualified", "lead.nurture", "lead.overdue". The parsers return nullopt for any
// other text.
const char* ToString(Route route);
const char* ToString(LeadState state);
const char* ToString(HandoffEvent event);
std::optional<Route> RouteFromString(std::string_view text);
std::optional<LeadState> LeadStateFromString(std::string_view text);
std::optional<HandoffEvent> HandoffEventFromString(std::string_view text);

}  // namespace leadq

#endif  // LEADQ_HANDOFF_H_
