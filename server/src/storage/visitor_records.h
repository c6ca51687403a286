// Records about visitors: the merged profile, implicit events, consent.
#ifndef LEADQ_SERVER_STORAGE_VISITOR_RECORDS_H_
#define LEADQ_SERVER_STORAGE_VISITOR_RECORDS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "storage/records.h"

namespace leadq {

// What is known about one visitor. Visitors merged by e-mail resolve to one profile.
struct VisitorProfile {
  std::string site_key;
  std::string visitor_id;         // the canonical id (the visitor others were merged into)
  Json fields = Json::object();   // explicit profile
  Json signals = Json::object();  // implicit profile, in the core's Signals JSON form
  std::string email;
  int64_t created_ms = 0;
  int64_t updated_ms = 0;  // when data about the visitor last arrived (answers, events)
  // Grows by one whenever fields, signals or the merge change (a storage trigger): a
  // decision made over this profile is current while the revision is the same.
  int64_t revision = 0;
};

// One raw implicit event, as received (after validation).
struct EventRecord {
  std::string type;  // page_view, time_on_page, visit
  std::string path;
  Json data = Json::object();  // the rest: title, host, referrer, utm, params, seconds
  int64_t at_ms = 0;           // the client's clock
  int64_t received_ms = 0;     // the server's clock
};

struct ConsentRecord {
  std::string site_key;
  std::string visitor_id;
  std::string version;  // the consent text version shown
  bool given = false;
  int64_t recorded_ms = 0;
};

// The stored implicit profile with a batch's events folded in (the core's FoldEvents,
// bound to the batch). Runs inside the write transaction, so concurrent batches for one
// visitor never lose each other's counts.
using SignalsFold = std::function<Json(const Json& signals)>;

// Stored signals of two visitors found to be one, merged by the core's MergeSignals (an
// unreadable column counts as no signals).
Json MergeStoredSignals(const Json& into, const Json& from);

// Everything stored about one visitor (right of access).
struct VisitorExport {
  VisitorProfile profile;
  std::vector<std::string> merged_ids;  // visitor ids merged into this one
  Json sessions = Json::array();        // with their answers and outcome
  Json events = Json::array();
  Json consents = Json::array();
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_VISITOR_RECORDS_H_
