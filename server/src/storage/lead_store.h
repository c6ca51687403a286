// LeadStore: reading leads for the admin API, exports and metrics.
#ifndef LEADQ_SERVER_STORAGE_LEAD_STORE_H_
#define LEADQ_SERVER_STORAGE_LEAD_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "leadq/result.h"
#include "storage/lead_records.h"

namespace leadq {

class LeadStore {
 public:
  virtual ~LeadStore() = default;
  // One page of leads matching `filter`, newest first; `total` gets the match count.
  virtual Result<std::vector<LeadRecord>> ListLeads(const LeadFilter& filter, int64_t* total) = 0;
  // NotFound when there is no lead for the session.
  virtual Result<LeadRecord> GetLead(const std::string& session_id) = 0;
  // Calls `row` for every lead matching `filter` (limit and offset ignored), newest
  // first, reading in pages; stops early when `row` returns false.
  virtual Status ForEachLead(const LeadFilter& filter,
                             const std::function<bool(const LeadRecord&)>& row) = 0;
  // Lead counts per triage (for /metrics).
  virtual Result<std::map<std::string, int64_t>> CountLeadsByTriage() = 0;
  // The lead's triage and grade changes, oldest first (empty when it never changed).
  virtual Result<std::vector<LeadChange>> ListLeadChanges(const std::string& session_id) = 0;
  // Up to `limit` leads whose changes_ms is due at `now_ms`, soonest first.
  virtual Result<std::vector<std::string>> LeadsChangingBy(int64_t now_ms, int limit) = 0;
  // Moves the lead's changes_ms to `at_ms` (a review that could not be made now).
  virtual Status PostponeLeadChange(const std::string& session_id, int64_t at_ms) = 0;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_LEAD_STORE_H_
