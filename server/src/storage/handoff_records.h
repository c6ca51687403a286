// Records of the handoff side: where leads go (destinations), a lead handed to sales or
// nurturing (handoff), what is waiting to be sent (outbox), what happened on each try
// (delivery attempts), and what sales did with the lead (touches, feedback). Field names
// match the SQL columns and the JSON keys of the API and the webhook payload.
#ifndef LEADQ_SERVER_STORAGE_HANDOFF_RECORDS_H_
#define LEADQ_SERVER_STORAGE_HANDOFF_RECORDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "leadq/handoff.h"
#include "storage/records.h"

namespace leadq {

struct DestinationRecord {
  std::string destination_id;
  std::string site_key;
  std::string name;
  std::string kind;    // "webhook" (JSON), "chat" (Slack-compatible text), "nurture" (JSON)
  std::string url;     // http:// or https://
  std::string secret;  // HMAC-SHA256 key for the signature header
  std::vector<std::string> events;  // the HandoffEvent names it receives ("lead.qualified")
  // What hands a lead to it: "qualified" (default) and/or "hard_conversion".
  std::vector<std::string> triggers;
  // Filters; an empty list accepts every value.
  std::vector<std::string> grades;
  std::vector<std::string> flows;
  std::vector<std::string> triage;
  bool enabled = true;
  int64_t created_ms = 0;
};

// A lead handed over: one per session (lead_id == session_id). `generation` grows when a
// lead sent back to nurturing qualifies again, or a nurture lead later qualifies: each
// generation is a new delivery with its own idempotency keys.
struct HandoffRecord {
  std::string lead_id;
  std::string site_key;
  std::string flow_id;
  int flow_version = 0;
  std::string variant;
  std::string visitor_id;
  int generation = 0;
  std::string route;  // "sales" or "nurture"
  std::string state;  // "open", "accepted", "rejected", "nurturing"
  std::string triage;
  std::string grade;
  double total_points = 0;
  std::vector<std::string> criteria;  // ids of the criteria the lead met
  Json snapshot;                      // the lead as delivered (see delivery/payload.h)
  int64_t handed_ms = 0;              // when this generation was handed over
  int64_t sla_deadline_ms = 0;        // 0: no SLA (nurture, or a grade without terms)
  int follow_up_target = 0;           // the SLA's number of follow-up touches
  int64_t overdue_ms = 0;             // when it was marked overdue; 0: not overdue
  int64_t accepted_ms = 0;
  int64_t sent_back_ms = 0;  // when sales sent it back to nurturing
  int64_t updated_ms = 0;
  int touches = 0;  // follow-up touches recorded (read only)
};

// One message waiting for (or done with) delivery to one destination.
struct OutboxRecord {
  int64_t delivery_id = 0;
  std::string idempotency_key;  // stable per lead, destination, event and generation
  std::string lead_id;
  int generation = 0;
  std::string destination_id;
  std::string event;
  Json payload;       // the lead snapshot at enqueue time
  std::string state;  // "pending", "sending", "delivered", "dead"
  int attempts = 0;   // tries so far
  int64_t created_ms = 0;
  int64_t horizon_start_ms = 0;  // retries stop horizon_ms after this (reset by redelivery)
  int64_t next_attempt_ms = 0;
  int64_t delivered_ms = 0;
  std::string last_error;
};

// One try of one delivery: the delivery log.
struct AttemptRecord {
  int64_t delivery_id = 0;
  std::string lead_id;
  std::string destination_id;
  int attempt = 0;  // 1-based
  int64_t at_ms = 0;
  int status_code = 0;  // 0 when no HTTP response arrived
  int64_t latency_ms = 0;
  std::string error;  // "" on a 2xx
};

// What to write with an outcome, in the same transaction: the handoff (when
// handoff.lead_id is not empty) and its outbox rows.
struct HandoffWrite {
  HandoffRecord handoff;
  std::vector<OutboxRecord> outbox;
  bool empty() const { return handoff.lead_id.empty() && outbox.empty(); }
};

// After an attempt: the delivery's new state.
struct AttemptResult {
  AttemptRecord attempt;
  std::string state;  // "delivered", "pending" (retry at next_attempt_ms), "dead"
  int64_t next_attempt_ms = 0;
};

struct TouchRecord {
  std::string lead_id;
  std::string channel;  // call, email, meeting, chat, other
  std::string note;
  std::string by;
  int64_t at_ms = 0;
};

struct FeedbackRecord {
  std::string lead_id;
  int generation = 0;
  std::string decision;  // "accept", "reject", "nurture"
  std::string reason;    // for reject: not_a_fit, no_budget, ... other
  std::string note;
  int64_t at_ms = 0;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_HANDOFF_RECORDS_H_
