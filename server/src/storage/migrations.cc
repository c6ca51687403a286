// The schema's history. Never edit a migration that has shipped: add a new one.
#include "storage/migrations.h"

#include <string>
#include <vector>

#include "storage/handoff_schema.h"

namespace leadq {
namespace {

const std::vector<std::string>& Migrations() {
  static const std::vector<std::string> kMigrations = {
      // 1: sites, flows, visitors, sessions, answers.
      R"sql(
CREATE TABLE sites (
  site_key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  allowed_origins TEXT NOT NULL DEFAULT '[]',
  created_ms INTEGER NOT NULL
) STRICT;
CREATE TABLE flows (
  site_key TEXT NOT NULL REFERENCES sites(site_key),
  flow_id TEXT NOT NULL,
  published_version INTEGER,
  PRIMARY KEY (site_key, flow_id)
) STRICT;
CREATE TABLE flow_versions (
  site_key TEXT NOT NULL,
  flow_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  document TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (site_key, flow_id, version),
  FOREIGN KEY (site_key, flow_id) REFERENCES flows(site_key, flow_id)
) STRICT;
CREATE TABLE visitors (
  site_key TEXT NOT NULL REFERENCES sites(site_key),
  visitor_id TEXT NOT NULL,
  fields TEXT NOT NULL DEFAULT '{}',
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL,
  PRIMARY KEY (site_key, visitor_id)
) STRICT;
CREATE TABLE sessions (
  session_id TEXT PRIMARY KEY,
  site_key TEXT NOT NULL,
  flow_id TEXT NOT NULL,
  flow_version INTEGER NOT NULL,
  visitor_id TEXT NOT NULL,
  variant TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT '',
  started_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL,
  outcome TEXT,
  triage TEXT,
  grade TEXT,
  total_points REAL,
  done INTEGER NOT NULL DEFAULT 0,
  FOREIGN KEY (site_key, visitor_id) REFERENCES visitors(site_key, visitor_id)
) STRICT;
CREATE INDEX sessions_by_visitor ON sessions(site_key, visitor_id);
CREATE TABLE answers (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id TEXT NOT NULL REFERENCES sessions(session_id),
  answer_id TEXT NOT NULL,
  step_id TEXT NOT NULL,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  received_ms INTEGER NOT NULL,
  UNIQUE (session_id, answer_id)
) STRICT;
)sql",
      // 2: handoff to sales: destinations, handoffs, outbox, delivery log, touches,
      // feedback.
      HandoffSchemaV1(),
      // 3: API keys, the implicit profile and e-mail merges, events, consent, leads.
      // Leads are back-filled from the outcomes stored by v1. (The handoff outbox
      // belongs to the handoff module's own migration.)
      R"sql(
CREATE TABLE api_keys (
  key_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  created_ms INTEGER NOT NULL,
  revoked_ms INTEGER
) STRICT;
ALTER TABLE visitors ADD COLUMN signals TEXT NOT NULL DEFAULT '{}';
ALTER TABLE visitors ADD COLUMN email TEXT;
ALTER TABLE visitors ADD COLUMN merged_into TEXT;
CREATE INDEX visitors_by_email ON visitors(site_key, email);
ALTER TABLE sessions ADD COLUMN answer_count INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET answer_count =
  (SELECT COUNT(*) FROM answers a WHERE a.session_id = sessions.session_id);
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  site_key TEXT NOT NULL,
  visitor_id TEXT NOT NULL,
  type TEXT NOT NULL,
  path TEXT NOT NULL,
  data TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  received_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX events_by_visitor ON events(site_key, visitor_id);
CREATE INDEX events_by_time ON events(received_ms);
CREATE TABLE consents (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  site_key TEXT NOT NULL,
  visitor_id TEXT NOT NULL,
  version TEXT NOT NULL,
  given INTEGER NOT NULL,
  recorded_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX consents_by_visitor ON consents(site_key, visitor_id);
CREATE TABLE leads (
  session_id TEXT PRIMARY KEY REFERENCES sessions(session_id),
  site_key TEXT NOT NULL,
  flow_id TEXT NOT NULL,
  flow_version INTEGER NOT NULL,
  variant TEXT NOT NULL,
  visitor_id TEXT NOT NULL,
  triage TEXT NOT NULL,
  grade TEXT NOT NULL,
  total_points REAL NOT NULL,
  stage TEXT NOT NULL,
  conversion TEXT NOT NULL,
  sla_deadline_ms INTEGER NOT NULL,
  channel TEXT NOT NULL,
  email TEXT NOT NULL,
  search_text TEXT NOT NULL,
  outcome TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX leads_by_time ON leads(site_key, updated_ms);
CREATE INDEX leads_by_visitor ON leads(site_key, visitor_id);
INSERT INTO leads SELECT session_id, site_key, flow_id, flow_version, variant, visitor_id,
  COALESCE(triage, ''), COALESCE(grade, ''), COALESCE(total_points, 0),
  COALESCE(json_extract(outcome, '$.stage'), ''),
  COALESCE(json_extract(outcome, '$.conversion'), ''),
  COALESCE(json_extract(outcome, '$.sla.deadline_ms'), 0), '', '', '', outcome,
  started_ms, updated_ms
FROM sessions WHERE outcome IS NOT NULL;
)sql",
      // 4: a revision per visitor profile, bumped whenever its explicit fields, implicit
      // signals or merge change, so that re-deciding a session can tell whether the
      // profile it read is still the current one (re-qualification on new data).
      R"sql(
ALTER TABLE visitors ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER visitors_revision AFTER UPDATE OF fields, signals, merged_into ON visitors
WHEN OLD.fields IS NOT NEW.fields OR OLD.signals IS NOT NEW.signals
  OR OLD.merged_into IS NOT NEW.merged_into
BEGIN
  UPDATE visitors SET revision = OLD.revision + 1
  WHERE site_key = NEW.site_key AND visitor_id = NEW.visitor_id;
END;
)sql",
      // 5: the visitors merged into one, most recently active first, without a scan of
      // the site's visitors (re-qualification looks them up on every new piece of data).
      R"sql(
CREATE INDEX visitors_by_merge ON visitors(site_key, merged_into, updated_ms);
)sql",
      // 6: only merged visitors in the merge index, the only ones its lookups
      // ("merged_into = ?") can find. Every answer moves its visitor's updated_ms: with
      // every visitor in the index, each answer also moved an index entry that no query
      // reads (two more pages per answer to write and to checkpoint).
      R"sql(
DROP INDEX visitors_by_merge;
CREATE INDEX visitors_by_merge ON visitors(site_key, merged_into, updated_ms)
  WHERE merged_into IS NOT NULL;
)sql",
      // 7: a session's answers stored together, in one B-tree keyed by session and answer
      // id. Every answer reads all of its session's answers: in a table ordered by arrival
      // they lay on a page each, and the (session, answer id) index was a second B-tree to
      // write. `seq` is now the answer's place in its session (1, 2, ...).
      R"sql(
CREATE TABLE answers_by_session (
  session_id TEXT NOT NULL REFERENCES sessions(session_id),
  answer_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  step_id TEXT NOT NULL,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  received_ms INTEGER NOT NULL,
  PRIMARY KEY (session_id, answer_id)
) STRICT, WITHOUT ROWID;
INSERT INTO answers_by_session
SELECT session_id, answer_id, row_number() OVER (PARTITION BY session_id ORDER BY seq),
  step_id, field, value, received_ms
FROM answers;
DROP TABLE answers;
ALTER TABLE answers_by_session RENAME TO answers;
)sql",
      // 8: the queue of re-decisions new data asks for, taken off the request path by the
      // requalification worker (requalification_store.h). One row per visitor (or
      // session) and kind: a task queued again while one waits bumps its version.
      R"sql(
CREATE TABLE requalifications (
  task_id INTEGER PRIMARY KEY,
  site_key TEXT NOT NULL,
  visitor_id TEXT NOT NULL,
  whole_visitor INTEGER NOT NULL,
  session_id TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  attempts INTEGER NOT NULL DEFAULT 0,
  due_ms INTEGER NOT NULL,
  UNIQUE (site_key, visitor_id, whole_visitor, session_id)
) STRICT;
CREATE INDEX requalifications_due ON requalifications(due_ms);
)sql",
      // 9: time: when fading points will next change a lead (the sweep's index, only the
      // leads it will look at), and the timeline of a lead's triage and grade changes.
      R"sql(
ALTER TABLE leads ADD COLUMN changes_ms INTEGER NOT NULL DEFAULT 0;
CREATE INDEX leads_changing ON leads(changes_ms) WHERE changes_ms > 0;
CREATE TABLE lead_changes (
  session_id TEXT NOT NULL REFERENCES sessions(session_id),
  at_ms INTEGER NOT NULL,
  from_triage TEXT NOT NULL,
  from_grade TEXT NOT NULL,
  to_triage TEXT NOT NULL,
  to_grade TEXT NOT NULL,
  cause TEXT NOT NULL
) STRICT;
CREATE INDEX lead_changes_by_session ON lead_changes(session_id, at_ms);
)sql",
      // 10: a site's business hours, which SLAs stated in business time count in
      // (services/business_hours.h); '' when the site has none.
      R"sql(
ALTER TABLE sites ADD COLUMN business_hours TEXT NOT NULL DEFAULT '';
)sql",
      // 11: the console's flow drafts (one per flow, any JSON, with a revision that every
      // save names), and the flows list's 7-day figures from index ranges alone.
      R"sql(
CREATE TABLE flow_drafts (
  site_key TEXT NOT NULL,
  flow_id TEXT NOT NULL,
  document TEXT NOT NULL,
  revision INTEGER NOT NULL,
  base_version INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (site_key, flow_id),
  FOREIGN KEY (site_key, flow_id) REFERENCES flows(site_key, flow_id)
) STRICT;
CREATE INDEX sessions_by_flow ON sessions(site_key, flow_id, started_ms);
CREATE INDEX leads_by_flow ON leads(site_key, flow_id, triage, created_ms);
)sql",
      // 12: who did what to a flow: each version's author and note, and the history of
      // saves, publishes and roll-backs.
      R"sql(
ALTER TABLE flow_versions ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
ALTER TABLE flow_versions ADD COLUMN note TEXT NOT NULL DEFAULT '';
CREATE TABLE flow_events (
  event_id INTEGER PRIMARY KEY,
  site_key TEXT NOT NULL,
  flow_id TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  version INTEGER NOT NULL,
  note TEXT NOT NULL,
  FOREIGN KEY (site_key, flow_id) REFERENCES flows(site_key, flow_id)
) STRICT;
CREATE INDEX flow_events_by_flow ON flow_events(site_key, flow_id, event_id);
INSERT INTO flow_events (site_key, flow_id, at_ms, actor, action, version, note)
SELECT site_key, flow_id, created_ms, '', 'saved', version, '' FROM flow_versions
ORDER BY created_ms, version;
)sql",
      // 13: a flow's test cases (services/flow_tests.h), one document per flow with a
      // revision that every save names.
      R"sql(
CREATE TABLE flow_tests (
  site_key TEXT NOT NULL,
  flow_id TEXT NOT NULL,
  document TEXT NOT NULL,
  revision INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (site_key, flow_id),
  FOREIGN KEY (site_key, flow_id) REFERENCES flows(site_key, flow_id)
) STRICT;
)sql",
  };
  return kMigrations;
}

}  // namespace

int LatestSchemaVersion() { return static_cast<int>(Migrations().size()); }

Result<int> SchemaVersion(Database& db) {
  Result<Statement> query = db.Prepare("PRAGMA user_version");
  if (!query.ok()) return query.status();
  Result<bool> row = query.value().Step();
  if (!row.ok()) return row.status();
  return static_cast<int>(query.value().Integer(0));
}

Status Migrate(Database& db) { return MigrateTo(db, LatestSchemaVersion()); }

Status MigrateTo(Database& db, int target) {
  Result<int> version_now = SchemaVersion(db);
  if (!version_now.ok()) return version_now.status();
  const int current = version_now.value();
  if (current > LatestSchemaVersion()) {
    return Status::Internal("the database has schema version " + std::to_string(current) +
                            ", newer than this build (" + std::to_string(LatestSchemaVersion()) +
                            "); upgrade leadq");
  }
  for (int version = current + 1; version <= target && version <= LatestSchemaVersion();
       ++version) {
    const std::string sql = "BEGIN IMMEDIATE;" + Migrations()[version - 1] +
                            "PRAGMA user_version = " + std::to_string(version) + "; COMMIT;";
    Status status = db.Exec(sql);
    if (!status.ok()) {
      db.Exec("ROLLBACK");
      return Status::Internal("migration " + std::to_string(version) +
                              " failed: " + status.message());
    }
  }
  return Status::Ok();
}

}  // namespace leadq
