// Storage: everything the services persist, as a few small interfaces so that a
// PostgreSQL backend can replace the embedded SQLite one for several server nodes.
//
// Implementations are thread-safe. Every method returns a Status (or Result) and never
// throws; "not_found" is the only non-internal error code they produce.
#ifndef LEADQ_SERVER_STORAGE_STORAGE_H_
#define LEADQ_SERVER_STORAGE_STORAGE_H_

#include <string>

#include "storage/flow_store.h"
#include "storage/handoff_store.h"
#include "storage/lead_store.h"
#include "storage/session_store.h"
#include "storage/site_store.h"
#include "storage/visitor_store.h"

namespace leadq {

class Storage : public SiteStore,
                public FlowStore,
                public SessionStore,
                public VisitorStore,
                public LeadStore,
                public HandoffStore {
 public:
  // A consistent copy of the whole database in a new file at `path`, taken while the
  // server keeps serving.
  virtual Status Backup(const std::string& path) = 0;

  // Write transactions committed since start. Writes are grouped, so answers stored
  // divided by this is the average group size (a figure for /metrics).
  virtual int64_t WriteTransactions() const = 0;

  // Statements that read a whole table instead of finding rows by an index, since start
  // (a figure for /metrics: on a busy server it should stay near 0).
  virtual int64_t FullTableScans() const = 0;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_STORAGE_H_
