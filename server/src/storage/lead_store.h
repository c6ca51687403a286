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
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_LEAD_STORE_H_
