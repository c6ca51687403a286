// Storage: everything the services persist, as a few small interfaces (one per concept)
// so that another backend — an in-memory one for tests, PostgreSQL for several server
// nodes — can replace the embedded SQLite one.
//
// Implementations are thread-safe. Every method returns a Status (or Result) and never
// throws; "not_found" is the only non-internal error code they produce.
#ifndef LEADQ_SERVER_STORAGE_STORAGE_H_
#define LEADQ_SERVER_STORAGE_STORAGE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "storage/flow_store.h"
#include "storage/flow_test_store.h"
#include "storage/handoff_store.h"
#include "storage/lead_store.h"
#include "storage/requalification_store.h"
#include "storage/session_scan_store.h"
#include "storage/session_store.h"
#include "storage/site_store.h"
#include "storage/visitor_store.h"

namespace leadq {

// One figure a backend reports about itself for /metrics (SQLite: write transactions,
// full table scans; another backend its own), rendered as leadq_storage_<name>.
struct StorageFigure {
  std::string name;  // snake_case, e.g. "write_transactions_total"
  std::string help;
  bool counter = true;  // a counter (only grows) or a gauge
  int64_t value = 0;
};

// Every store, as one backend implements them. Services take the one store they need;
// only wiring (the Application) sees the whole.
class Storage : public SiteStore,
                public FlowStore,
                public FlowTestStore,
                public SessionStore,
                public SessionScanStore,
                public VisitorStore,
                public LeadStore,
                public HandoffStore,
                public RequalificationStore {
 public:
  // The backend's own figures.
  virtual std::vector<StorageFigure> Figures() const = 0;
  // Whether writes fail now for the storage's own reasons (full, I/O errors) rather than
  // a request's: readiness reports it (reads may still be served).
  virtual bool WritesFailing() const = 0;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_STORAGE_H_
