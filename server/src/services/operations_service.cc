// Readiness and figures.
#include "services/operations_service.h"

namespace leadq {

Status OperationsService::Ready() {
  Result<int64_t> depth = storage_.CountUndelivered();
  if (!depth.ok()) return Status::Unavailable("the database does not answer");
  return Status::Ok();
}

Status OperationsService::ReadyToWrite() {
  Status ready = Ready();
  if (!ready.ok()) return ready;
  if (storage_.WritesFailing()) {
    return Status::Unavailable(
        "the database cannot be written now (full, or failing): answers are refused until it "
        "can; reads are served");
  }
  return Status::Ok();
}

StoreFigures OperationsService::Figures() {
  StoreFigures figures;
  Result<std::map<std::string, int64_t>> leads = storage_.CountLeadsByTriage();
  if (leads.ok()) figures.leads_by_triage = std::move(leads).value();
  Result<int64_t> depth = storage_.CountUndelivered();
  if (depth.ok()) figures.outbox_depth = depth.value();
  Result<int64_t> waiting = storage_.CountRequalifications();
  if (waiting.ok()) figures.requalifications_waiting = waiting.value();
  figures.backend = storage_.Figures();
  return figures;
}

}  // namespace leadq
