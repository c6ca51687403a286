// The schema of handoffs, SLA tracking and sales feedback, kept beside the other
// handoff storage files; migrations.cc lists it as one numbered migration.
#ifndef LEADQ_SERVER_STORAGE_HANDOFF_SCHEMA_H_
#define LEADQ_SERVER_STORAGE_HANDOFF_SCHEMA_H_

namespace leadq {

// Destinations, handoffs, the delivery outbox and its log, touches and feedback.
const char* HandoffSchemaV1();

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_HANDOFF_SCHEMA_H_
