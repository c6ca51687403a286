// SQL of the SiteStore: sites and API keys.
#include "storage/sqlite_rows.h"
#include "storage/sqlite_storage.h"

namespace leadq {
namespace {

SiteRecord ReadSite(const Statement& row) {
  SiteRecord site;
  site.site_key = row.Text(0);
  site.name = row.Text(1);
  for (const Json& origin : ParseStored(row.Text(2), Json::array())) {
    if (origin.is_string()) site.allowed_origins.push_back(origin.get<std::string>());
  }
  site.created_ms = row.Integer(3);
  site.business_hours = row.Text(4);
  return site;
}

ApiKeyRecord ReadKey(const Statement& row) {
  ApiKeyRecord key;
  key.key_id = row.Text(0);
  key.name = row.Text(1);
  key.role = row.Text(2);
  key.key_hash = row.Text(3);
  key.created_ms = row.Integer(4);
  key.revoked = !row.IsNull(5);
  return key;
}

constexpr const char* kSiteColumns =
    "SELECT site_key, name, allowed_origins, created_ms, business_hours FROM sites";
constexpr const char* kKeyColumns =
    "SELECT key_id, name, role, key_hash, created_ms, revoked_ms FROM api_keys";

}  // namespace

Status SqliteStorage::PutSite(const SiteRecord& site) {
  Status status = Write([&](Database& db) {
    Result<Statement> stmt = db.Prepare(
        "INSERT INTO sites (site_key, name, allowed_origins, created_ms, business_hours) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (site_key) DO UPDATE SET name = excluded.name, "
        "allowed_origins = excluded.allowed_origins, business_hours = excluded.business_hours");
    if (!stmt.ok()) return stmt.status();
    return stmt.value()
        .Bind(1, site.site_key)
        .Bind(2, site.name)
        .Bind(3, Dump(site.allowed_origins))
        .Bind(4, site.created_ms)
        .Bind(5, site.business_hours)
        .Run();
  });
  sites_.Invalidate();
  return status;
}

Result<SiteRecord> SqliteStorage::GetSite(const std::string& site_key) {
  // Only existing sites are cached (a load that fails is not), so unknown keys from
  // clients cannot fill memory.
  return sites_.Get(site_key, [&] {
    return Read<SiteRecord>([&](Database& db) -> Result<SiteRecord> {
      Result<Statement> stmt = db.Prepare(std::string(kSiteColumns) + " WHERE site_key = ?1");
      if (!stmt.ok()) return stmt.status();
      stmt.value().Bind(1, site_key);
      Result<bool> row = stmt.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) return Status::NotFound("no site with this key", "/site");
      return ReadSite(stmt.value());
    });
  });
}

Result<std::vector<SiteRecord>> SqliteStorage::ListSites() {
  using Sites = std::vector<SiteRecord>;
  return Read<Sites>([&](Database& db) -> Result<Sites> {
    Result<Statement> stmt = db.Prepare(std::string(kSiteColumns) + " ORDER BY site_key");
    if (!stmt.ok()) return stmt.status();
    Sites sites;
    for (;;) {
      Result<bool> row = stmt.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) return sites;
      sites.push_back(ReadSite(stmt.value()));
    }
  });
}

Status SqliteStorage::PutApiKey(const ApiKeyRecord& key) {
  return Write([&](Database& db) {
    Result<Statement> stmt = db.Prepare(
        "INSERT INTO api_keys (key_id, name, role, key_hash, created_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!stmt.ok()) return stmt.status();
    return stmt.value()
        .Bind(1, key.key_id)
        .Bind(2, key.name)
        .Bind(3, key.role)
        .Bind(4, key.key_hash)
        .Bind(5, key.created_ms)
        .Run();
  });
}

Result<ApiKeyRecord> SqliteStorage::FindApiKey(const std::string& key_hash) {
  return Read<ApiKeyRecord>([&](Database& db) -> Result<ApiKeyRecord> {
    Result<Statement> stmt = db.Prepare(std::string(kKeyColumns) + " WHERE key_hash = ?1");
    if (!stmt.ok()) return stmt.status();
    stmt.value().Bind(1, key_hash);
    Result<bool> row = stmt.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return Status::NotFound("no such API key");
    return ReadKey(stmt.value());
  });
}

Result<std::vector<ApiKeyRecord>> SqliteStorage::ListApiKeys() {
  using Keys = std::vector<ApiKeyRecord>;
  return Read<Keys>([&](Database& db) -> Result<Keys> {
    Result<Statement> stmt = db.Prepare(std::string(kKeyColumns) + " ORDER BY created_ms, key_id");
    if (!stmt.ok()) return stmt.status();
    Keys keys;
    for (;;) {
      Result<bool> row = stmt.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) return keys;
      keys.push_back(ReadKey(stmt.value()));
    }
  });
}

Status SqliteStorage::RevokeApiKey(const std::string& key_id, int64_t now_ms) {
  return Write([&](Database& db) -> Status {
    Result<Statement> stmt =
        db.Prepare("UPDATE api_keys SET revoked_ms = COALESCE(revoked_ms, ?2) WHERE key_id = ?1");
    if (!stmt.ok()) return stmt.status();
    Status status = stmt.value().Bind(1, key_id).Bind(2, now_ms).Run();
    if (!status.ok()) return status;
    if (db.Changes() == 0) return Status::NotFound("no API key with this id", "/key_id");
    return Status::Ok();
  });
}

}  // namespace leadq
