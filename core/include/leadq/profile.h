// Profile: what is known about a visitor when the engine runs.
//
// Explicit fields come from answers (this visit's and earlier ones'); implicit signals
// come from behaviour the visitor consented to share. The engine never reads a clock:
// `now_ms` is passed in, as milliseconds since the Unix epoch.
#ifndef LEADQ_PROFILE_H_
#define LEADQ_PROFILE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "leadq/flow.h"

namespace leadq {

class WorkingTime;  // leadq/business_time.h

// A page of the site the visitor saw, and when last: behaviour points about it fade
// from that time, not from whatever the visitor did last.
struct SeenPage {
  std::string path;
  int64_t last_seen_ms = 0;  // 0: not known (signals stored before times were kept)
  bool operator==(const SeenPage& other) const {
    return path == other.path && last_seen_ms == other.last_seen_ms;
  }
};

struct Signals {
  int64_t page_views = 0;
  int64_t visits = 0;
  int64_t time_on_site_seconds = 0;
  std::string channel;                     // direct, organic, paid, social, email, referral
  std::map<std::string, std::string> utm;  // source, medium, campaign, term, content
  std::vector<SeenPage> pages;             // distinct pages seen, most recent last
  int64_t last_activity_ms = 0;            // the latest behaviour event
};

// Whether a value holds something: null, "" and [] do not. The one rule for "known": a
// known field is not asked again (progressive profiling), is not missing from a lead,
// and is what the operators "present" and "absent" test.
bool HoldsSomething(const JsonValue& value);

// Whether `field` of `fields` holds something.
bool IsKnown(const JsonValue& fields, const std::string& field);

struct Profile {
  JsonValue fields = JsonValue::MakeObject();  // field name -> value, already validated
  Signals signals;
};

// One answer as the visitor gave it, to the question step `step_id`.
struct Answer {
  std::string step_id;
  JsonValue value;
};

// Everything the conversation engine needs, beyond the flow.
struct ConversationInput {
  Profile profile;              // known before this conversation
  std::vector<Answer> answers;  // this conversation's answers, in the order given
  int64_t now_ms = 0;
  std::string language;    // requested; falls back to the flow's default
  std::string visitor_id;  // for deterministic variant assignment
  // Going back: the id of an answered question to show again (with its answer as the
  // current value). Answers after it are kept; those that fall off the path when the
  // revised answer changes it no longer count. "" for the normal next question.
  std::string revise;
  // The site's business hours, for SLAs stated in them (null: none). Shared, not copied:
  // the server keeps one per site.
  std::shared_ptr<const WorkingTime> business_hours;
};

}  // namespace leadq

#endif  // LEADQ_PROFILE_H_
