// Handoff rules.
#include "leadq/handoff.h"

#include <algorithm>

namespace leadq {
namespace {

template <typename T>
bool Allows(const std::vector<T>& filter, const T& value) {
  return filter.empty() || std::find(filter.begin(), filter.end(), value) != filter.end();
}

// A hard conversion that is neither qualified nor disqualified: handed to sales only
// where the flow or a destination asks for it.
bool IsOpenHardConversion(const Outcome& outcome) {
  return outcome.conversion == Conversion::kHard && outcome.triage != Triage::kQualified &&
         outcome.triage != Triage::kDisqualified;
}

}  // namespace

Route RouteFor(const Outcome& outcome, bool done, bool hard_conversion_wanted) {
  if (outcome.triage == Triage::kQualified) return Route::kSales;
  if (hard_conversion_wanted && IsOpenHardConversion(outcome)) return Route::kSales;
  if (outcome.triage == Triage::kNurture && done) return Route::kNurture;
  return Route::kNone;
}

std::optional<int> NextGeneration(const std::optional<PriorHandoff>& prior, Route route,
                                  int64_t last_data_ms) {
  if (route == Route::kNone) return std::nullopt;
  if (!prior) return 1;
  if (route != Route::kSales) return std::nullopt;  // once handed over, nurture is not repeated
  if (prior->route == Route::kNurture) return prior->generation + 1;
  if (prior->state == LeadState::kNurturing && last_data_ms > prior->sent_back_ms) {
    return prior->generation + 1;
  }
  return std::nullopt;
}

HandoffEvent EventFor(Route route) {
  return route == Route::kNurture ? HandoffEvent::kNurture : HandoffEvent::kQualified;
}

bool Accepts(const DestinationFilter& d, HandoffEvent event, const HandoffSubject& subject) {
  if (event == HandoffEvent::kQualified && subject.triage != Triage::kQualified &&
      !subject.flow_hands_off_hard_conversions && !d.takes_hard_conversions) {
    return false;
  }
  return d.enabled && std::find(d.events.begin(), d.events.end(), event) != d.events.end() &&
         Allows(d.flows, std::string(subject.flow_id)) && Allows(d.grades, subject.grade) &&
         Allows(d.triage, subject.triage);
}

std::vector<size_t> DestinationsFor(const std::vector<DestinationFilter>& destinations,
                                    HandoffEvent event, const HandoffSubject& subject) {
  std::vector<size_t> taken;
  for (size_t i = 0; i < destinations.size(); ++i) {
    if (Accepts(destinations[i], event, subject)) taken.push_back(i);
  }
  return taken;
}

bool MayHandOff(const Outcome& outcome, bool done) {
  return RouteFor(outcome, done, /*hard_conversion_wanted=*/true) != Route::kNone;
}

HandoffDecision DecideHandoff(const Outcome& outcome, const HandoffContext& context,
                              const std::vector<DestinationFilter>& destinations) {
  HandoffDecision decision;
  if (!MayHandOff(outcome, context.done)) return decision;
  const HandoffSubject subject{context.flow_id, outcome.grade, outcome.triage,
                               context.flow_hands_off_hard_conversions};
  const bool hard_conversion_wanted =
      IsOpenHardConversion(outcome) &&
      !DestinationsFor(destinations, HandoffEvent::kQualified, subject).empty();
  const Route route = RouteFor(outcome, context.done, hard_conversion_wanted);
  const std::optional<int> generation = NextGeneration(context.prior, route, context.last_data_ms);
  if (!generation) return decision;
  decision.route = route;
  decision.generation = *generation;
  decision.event = EventFor(route);
  decision.destinations = DestinationsFor(destinations, decision.event, subject);
  if (route == Route::kSales && outcome.has_sla) {
    decision.sla_deadline_ms = outcome.sla_deadline_ms;
    decision.follow_up_touches = outcome.follow_up_touches;
  }
  return decision;
}

const char* ToString(Route route) {
  switch (route) {
    case Route::kSales:
      return "sales";
    case Route::kNurture:
      return "nurture";
    case Route::kNone:
      return "";
  }
  return "";
}

const char* ToString(LeadState state) {
  switch (state) {
    case LeadState::kOpen:
      return "open";
    case LeadState::kAccepted:
      return "accepted";
    case LeadState::kRejected:
      return "rejected";
    case LeadState::kNurturing:
      return "nurturing";
  }
  return "open";
}

const char* ToString(HandoffEvent event) {
  switch (event) {
    case HandoffEvent::kQualified:
      return "lead.qualified";
    case HandoffEvent::kNurture:
      return "lead.nurture";
    case HandoffEvent::kOverdue:
      return "lead.overdue";
  }
  return "lead.qualified";
}

std::optional<Route> RouteFromString(std::string_view text) {
  for (Route r : {Route::kSales, Route::kNurture, Route::kNone}) {
    if (text == ToString(r)) return r;
  }
  return std::nullopt;
}

std::optional<LeadState> LeadStateFromString(std::string_view text) {
  for (LeadState s :
       {LeadState::kOpen, LeadState::kAccepted, LeadState::kRejected, LeadState::kNurturing}) {
    if (text == ToString(s)) return s;
  }
  return std::nullopt;
}

std::optional<HandoffEvent> HandoffEventFromString(std::string_view text) {
  for (HandoffEvent e :
       {HandoffEvent::kQualified, HandoffEvent::kNurture, HandoffEvent::kOverdue}) {
    if (text == ToString(e)) return e;
  }
  return std::nullopt;
}

}  // namespace leadq
