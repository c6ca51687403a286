// DestinationService: a site's handoff destinations as the admin API manages them —
// validated, with defaults filled in and a signing secret generated when none is given.
#ifndef LEADQ_SERVER_SERVICES_DESTINATION_SERVICE_H_
#define LEADQ_SERVER_SERVICES_DESTINATION_SERVICE_H_

#include <string>
#include <vector>

#include "leadq/handoff.h"
#include "services/environment.h"
#include "storage/handoff_store.h"

namespace leadq {

class DestinationService {
 public:
  DestinationService(HandoffStore& store, const Environment& env) : store_(store), env_(env) {}

  // Validates and stores `destination` (InvalidArgument with the path of the first
  // problem). destination_id "" creates a new one with a generated id; otherwise it
  // replaces that destination (NotFound when absent, or when it belongs to another site).
  // Defaults: events ["lead.nurture"] for kind "nurture", else ["lead.qualified"];
  // triggers ["qualified"]; a 64-character secret when none is given.
  Result<DestinationRecord> Save(DestinationRecord destination, bool create);

  Result<DestinationRecord> Get(const std::string& site_key, const std::string& destination_id);
  Result<std::vector<DestinationRecord>> List(const std::string& site_key);
  Status Delete(const std::string& site_key, const std::string& destination_id);

 private:
  HandoffStore& store_;
  const Environment& env_;
};

// Checks a destination's fields; the first problem as InvalidArgument with its path.
Status ValidateDestination(const DestinationRecord& destination);

// The destination's filters as the core's handoff rules read them. A stored destination
// was validated; should one still hold a name the core does not know, it takes nothing.
DestinationFilter FilterOf(const DestinationRecord& destination);

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_DESTINATION_SERVICE_H_
