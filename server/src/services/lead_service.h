// LeadService: the leads sales and marketers work with — filtered lists, one lead with
// everything behind its outcome (profile, answers, points and reasons, timeline), and
// exports.
#ifndef LEADQ_SERVER_SERVICES_LEAD_SERVICE_H_
#define LEADQ_SERVER_SERVICES_LEAD_SERVICE_H_

#include <functional>
#include <string>
#include <vector>

#include "storage/lead_store.h"
#include "storage/session_store.h"
#include "storage/visitor_store.h"

namespace leadq {

struct LeadPage {
  std::vector<LeadRecord> leads;
  int64_t total = 0;
};

class LeadService {
 public:
  LeadService(LeadStore& leads, SessionStore& sessions, VisitorStore& visitors)
      : leads_(leads), sessions_(sessions), visitors_(visitors) {}

  // InvalidArgument (with the filter's member as path) for an unknown triage or grade,
  // a limit outside 1..500 or a negative offset.
  Result<LeadPage> List(const LeadFilter& filter);
  // The lead with its visitor's profile, answers, outcome and timeline.
  Result<Json> Get(const std::string& lead_id);
  // Every lead matching `filter`, newest first; stops when `row` returns false.
  Status ForEach(const LeadFilter& filter, const std::function<bool(const LeadRecord&)>& row);

 private:
  LeadStore& leads_;
  SessionStore& sessions_;
  VisitorStore& visitors_;
};

// The lead as the API and the JSON export show it.
Json LeadJson(const LeadRecord& lead);

// CSV: the header line, and one line per lead (RFC 4180 quoting; cells that a
// spreadsheet would run as a formula are prefixed with a quote).
std::string LeadCsvHeader();
std::string LeadCsvLine(const LeadRecord& lead);

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_LEAD_SERVICE_H_
