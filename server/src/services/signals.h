// The implicit profile: how raw events (page views, time on page) become the core's
// Signals — page views, visits, time on site, entry channel, UTM tags, pages seen.
// Pure functions, so the storage can run the fold inside its write transaction.
#ifndef LEADQ_SERVER_SERVICES_SIGNALS_H_
#define LEADQ_SERVER_SERVICES_SIGNALS_H_

#include <map>
#include <string>
#include <vector>

#include "storage/visitor_records.h"

namespace leadq {

// A visit ends after this much inactivity (the common analytics convention).
inline constexpr int64_t kVisitGapMs = 30 * 60 * 1000;
// Pages kept in the profile (most recent last).
inline constexpr size_t kMaxPagesKept = 50;

// The channel a visit came from: "paid", "email", "social", "organic", "referral" or
// "direct", from the UTM medium/source first, then the referrer's host.
std::string ClassifyChannel(const std::map<std::string, std::string>& utm,
                            const std::string& referrer, const std::string& own_host);

// A channel name as a client reported it, in the flow format's words ("organic_search"
// becomes "organic"); "" for names that do not describe an entry channel.
std::string NormalizeChannel(const std::string& channel);

// Folds `events` into `signals` (the core's Signals JSON form). Visits are counted from
// the server's receive times; the first channel seen is kept as the entry channel.
Json FoldEvents(const Json& signals, const std::vector<EventRecord>& events);

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_SIGNALS_H_
