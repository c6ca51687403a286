// Handoff tables. Never edit this once shipped: add a new migration instead.
//
// The outbox is a table in the same database as the outcomes so that a lead becoming
// qualified and its deliveries are one transaction: no lead is qualified without being
// queued, and none is queued without having qualified.
#include "storage/handoff_schema.h"

namespace leadq {

const char* HandoffSchemaV1() {
  return R"sql(
CREATE TABLE destinations (
  destination_id TEXT PRIMARY KEY,
  site_key TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  events TEXT NOT NULL DEFAULT '[]',
  triggers TEXT NOT NULL DEFAULT '["qualified"]',
  grades TEXT NOT NULL DEFAULT '[]',
  flows TEXT NOT NULL DEFAULT '[]',
  triage TEXT NOT NULL DEFAULT '[]',
  enabled INTEGER NOT NULL DEFAULT 1,
  created_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX destinations_by_site ON destinations(site_key);
CREATE TABLE handoffs (
  lead_id TEXT PRIMARY KEY,
  site_key TEXT NOT NULL,
  flow_id TEXT NOT NULL,
  flow_version INTEGER NOT NULL,
  variant TEXT NOT NULL DEFAULT '',
  visitor_id TEXT NOT NULL,
  generation INTEGER NOT NULL,
  route TEXT NOT NULL,
  state TEXT NOT NULL,
  triage TEXT NOT NULL,
  grade TEXT NOT NULL,
  total_points REAL NOT NULL DEFAULT 0,
  criteria TEXT NOT NULL DEFAULT '[]',
  snapshot TEXT NOT NULL DEFAULT '{}',
  handed_ms INTEGER NOT NULL,
  sla_deadline_ms INTEGER NOT NULL DEFAULT 0,
  follow_up_target INTEGER NOT NULL DEFAULT 0,
  overdue_ms INTEGER NOT NULL DEFAULT 0,
  accepted_ms INTEGER NOT NULL DEFAULT 0,
  sent_back_ms INTEGER NOT NULL DEFAULT 0,
  updated_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX handoffs_past_deadline ON handoffs(state, overdue_ms, sla_deadline_ms);
CREATE INDEX handoffs_by_site ON handoffs(site_key, flow_id);
CREATE TABLE delivery_outbox (
  delivery_id INTEGER PRIMARY KEY AUTOINCREMENT,
  idempotency_key TEXT NOT NULL UNIQUE,
  lead_id TEXT NOT NULL,
  generation INTEGER NOT NULL,
  destination_id TEXT NOT NULL,
  event TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_ms INTEGER NOT NULL,
  horizon_start_ms INTEGER NOT NULL,
  next_attempt_ms INTEGER NOT NULL,
  delivered_ms INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX delivery_outbox_due ON delivery_outbox(state, next_attempt_ms);
CREATE INDEX delivery_outbox_by_lead ON delivery_outbox(lead_id);
CREATE TABLE delivery_attempts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery_id INTEGER NOT NULL,
  lead_id TEXT NOT NULL,
  destination_id TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  at_ms INTEGER NOT NULL,
  status_code INTEGER NOT NULL,
  latency_ms INTEGER NOT NULL,
  error TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX delivery_attempts_by_lead ON delivery_attempts(lead_id);
CREATE TABLE lead_touches (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  lead_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  by_user TEXT NOT NULL DEFAULT '',
  at_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX lead_touches_by_lead ON lead_touches(lead_id);
CREATE TABLE lead_feedback (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  lead_id TEXT NOT NULL,
  generation INTEGER NOT NULL,
  decision TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  at_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX lead_feedback_by_lead ON lead_feedback(lead_id);
)sql";
}

}  // namespace leadq
