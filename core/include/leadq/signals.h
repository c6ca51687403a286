// The implicit profile: how behaviour events (page views, time on page) become the
// engine's Signals — page views, visits, time on site, entry channel, UTM tags and the
// pages seen — and which channel a visit came through.
//
// One implementation for both targets: the widget folds the events it records through
// the wasm module, the server folds the events it stores natively, so a visitor's profile
// (and the outcome decided over it) is the same on both for the same events. Whoever
// folds passes the times: the widget its own clock, the server its receive time.
#ifndef LEADQ_SIGNALS_H_
#define LEADQ_SIGNALS_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "leadq/profile.h"
#include "leadq/result.h"

namespace leadq {

// A visit ends after this much inactivity (the common analytics convention).
inline constexpr int64_t kVisitGapMs = 30 * 60 * 1000;
// Distinct pages kept in the profile (most recent last).
inline constexpr size_t kMaxPagesKept = 50;

// One behaviour event, decoded and validated (DecodeEvents).
struct Event {
  enum class Type {
    kPageView,    // a page was shown
    kTimeOnPage,  // the visitor spent `seconds` on `path`
    kVisit,       // an explicit visit start (sent by earlier widget versions)
  };
  Type type = Type::kPageView;
  std::string path;   // the page's path
  std::string title;  // page_view: the page's title (kept with the raw event, not folded)
  // page_view, visit: where the visit came from.
  std::string host;                        // the page's own host name ("" when unknown)
  std::string referrer;                    // document.referrer
  std::map<std::string, std::string> utm;  // source, medium, campaign, term, content
  std::vector<std::string> params;         // names of the page's query parameters
  std::string channel;                     // visit: a channel the client named (legacy)
  int64_t seconds = 0;                     // time_on_page
  int64_t at_ms = 0;                       // when it happened, by the folder's clock
};

// The channel of a visit: "paid", "email", "social", "organic", "referral" or "direct" —
// from the UTM medium and source first, then ad click ids among `params` (gclid, msclkid,
// ...), then the referrer's host. "" when the referrer is the site itself (`own_host`: a
// visitor moving between its pages says nothing about how they came).
std::string ClassifyChannel(const std::map<std::string, std::string>& utm,
                            const std::vector<std::string>& params, std::string_view referrer,
                            std::string_view own_host);

// A channel name as a client reported it, in the flow format's words ("organic_search" is
// "organic"); "" for names that do not describe an entry channel ("internal").
std::string NormalizeChannel(std::string_view channel);

// `signals` with `events` folded in, in order. A page view more than kVisitGapMs after
// the last activity starts a visit, unless the batch marks its visits itself (visit
// events); the entry channel is the first one a visit reveals and is never replaced; the
// UTM tags are the latest event's that has any; pages keep their most recent place.
Signals FoldEvents(Signals signals, const std::vector<Event>& events);

// The signals of two visitors found to be one (the same e-mail address): `into` with
// `from` merged in. Counts add up, the later activity is kept, `into`'s entry channel and
// UTM tags stay unless it has none, and `from`'s pages come after `into`'s, each page in
// its most recent place, at most kMaxPagesKept.
Signals MergeSignals(Signals into, const Signals& from);

// The events of a batch: [{"type", "path", "title"?, "host"?, "referrer"?, "utm"?,
// "params"?, "channel"?, "seconds", "at_ms"?}, ...], at most kMaxEventsPerBatch. Errors
// name the member ("/3/seconds" below `path`).
inline constexpr size_t kMaxEventsPerBatch = 100;
Result<std::vector<Event>> DecodeEvents(const JsonValue& json, const std::string& path);

const char* ToString(Event::Type type);  // "page_view", "time_on_page", "visit"

}  // namespace leadq

#endif  // LEADQ_SIGNALS_H_
