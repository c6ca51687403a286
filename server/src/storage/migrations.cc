// The schema's history. Never edit a migration that has shipped: add a new one.
#include "storage/migrations.h"

#include <string>
#include <vector>

#include "storage/forwarding_schema.h"

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
      // 2: forwarding to sales: destinations, handoffs, outbox, delivery log, touches,
      // feedback.
      ForwardingSchemaV1(),
  };
  return kMigrations;
}

}  // namespace

int LatestSchemaVersion() { return static_cast<int>(Migrations().size()); }

Status Migrate(Database& db) {
  Result<Statement> query = db.Prepare("PRAGMA user_version");
  if (!query.ok()) return query.status();
  Result<bool> row = query.value().Step();
  if (!row.ok()) return row.status();
  const int current = static_cast<int>(query.value().Integer(0));
  if (current > LatestSchemaVersion()) {
    return Status::Internal("the database has schema version " + std::to_string(current) +
                            ", newer than this build (" + std::to_string(LatestSchemaVersion()) +
                            "); upgrade leadq");
  }
  for (int version = current + 1; version <= LatestSchemaVersion(); ++version) {
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
