// OperationsService: what an operator asks of a running leadq — is it ready (does the
// database answer), and the figures /metrics shows beside the HTTP ones: leads by
// triage, deliveries waiting, re-decisions waiting, and the backend's own figures.
#ifndef LEADQ_SERVER_SERVICES_OPERATIONS_SERVICE_H_
#define LEADQ_SERVER_SERVICES_OPERATIONS_SERVICE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "storage/storage.h"

namespace leadq {

// Each figure is absent when it could not be read.
struct StoreFigures {
  std::optional<std::map<std::string, int64_t>> leads_by_triage;
  std::optional<int64_t> outbox_depth;
  std::optional<int64_t> requalifications_waiting;
  std::vector<StorageFigure> backend;
};

class OperationsService {
 public:
  explicit OperationsService(Storage& storage) : storage_(storage) {}

  // Alive: OK when the database answers a read; Unavailable otherwise.
  Status Ready();
  // Ready for traffic: alive, and writes are not failing for the storage's own reasons
  // (full, I/O errors); Unavailable with the reason otherwise.
  Status ReadyToWrite();
  StoreFigures Figures();

 private:
  Storage& storage_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_OPERATIONS_SERVICE_H_
