// SQL of the LeadStore: filtered, paged lead lists built from bound parameters only.
#include <cctype>

#include "storage/sqlite_rows.h"
#include "storage/sqlite_storage.h"

namespace leadq {
namespace {

constexpr const char* kLeadColumns =
    "SELECT session_id, site_key, flow_id, flow_version, variant, visitor_id, triage, grade, "
    "total_points, stage, conversion, sla_deadline_ms, channel, email, search_text, outcome, "
    "created_ms, updated_ms, changes_ms FROM leads";

LeadRecord ReadLead(const Statement& s) {
  LeadRecord lead;
  lead.session_id = s.Text(0);
  lead.site_key = s.Text(1);
  lead.flow_id = s.Text(2);
  lead.flow_version = static_cast<int>(s.Integer(3));
  lead.variant = s.Text(4);
  lead.visitor_id = s.Text(5);
  lead.triage = s.Text(6);
  lead.grade = s.Text(7);
  lead.total_points = s.Real(8);
  lead.stage = s.Text(9);
  lead.conversion = s.Text(10);
  lead.sla_deadline_ms = s.Integer(11);
  lead.channel = s.Text(12);
  lead.email = s.Text(13);
  lead.search_text = s.Text(14);
  lead.outcome = ParseStored(s.Text(15), Json());
  lead.created_ms = s.Integer(16);
  lead.updated_ms = s.Integer(17);
  lead.changes_ms = s.Integer(18);
  return lead;
}

// LIKE treats % and _ as wildcards: escape them so a search is a plain substring.
std::string LikePattern(const std::string& text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return pattern + "%";
}

// The WHERE clause for `filter` (columns and placeholders only) and the values to bind.
struct Where {
  std::string sql;
  std::vector<std::string> texts;  // bound as ?1..?n
  std::vector<int64_t> numbers;    // bound after the texts
};

Where BuildWhere(const LeadFilter& filter) {
  Where where;
  std::vector<std::string> terms;
  auto text_term = [&](const std::string& value, const char* column, const char* op = " = ") {
    if (value.empty()) return;
    where.texts.push_back(value);
    terms.push_back(std::string(column) + op + "?" + std::to_string(where.texts.size()));
  };
  text_term(filter.site_key, "site_key");
  text_term(filter.triage, "triage");
  text_term(filter.grade, "grade");
  text_term(filter.flow_id, "flow_id");
  text_term(filter.variant, "variant");
  text_term(filter.channel, "channel");
  if (!filter.text.empty()) {
    where.texts.push_back(LikePattern(filter.text));
    terms.push_back("search_text LIKE ?" + std::to_string(where.texts.size()) + " ESCAPE '\\'");
  }
  const size_t base = where.texts.size();
  if (filter.from_ms > 0) {
    where.numbers.push_back(filter.from_ms);
    terms.push_back("updated_ms >= ?" + std::to_string(base + where.numbers.size()));
  }
  if (filter.to_ms > 0) {
    where.numbers.push_back(filter.to_ms);
    terms.push_back("updated_ms < ?" + std::to_string(base + where.numbers.size()));
  }
  for (size_t i = 0; i < terms.size(); ++i) where.sql += (i == 0 ? " WHERE " : " AND ") + terms[i];
  return where;
}

void BindWhere(Statement& stmt, const Where& where) {
  int index = 1;
  for (const std::string& text : where.texts) stmt.Bind(index++, text);
  for (int64_t number : where.numbers) stmt.Bind(index++, number);
}

int Placeholders(const Where& where) {
  return static_cast<int>(where.texts.size() + where.numbers.size());
}

}  // namespace

Result<std::vector<LeadRecord>> SqliteStorage::ListLeads(const LeadFilter& filter, int64_t* total) {
  using Leads = std::vector<LeadRecord>;
  return Read<Leads>([&](Database& db) -> Result<Leads> {
    const Where where = BuildWhere(filter);
    Result<Statement> count = db.Prepare("SELECT COUNT(*) FROM leads" + where.sql);
    if (!count.ok()) return count.status();
    BindWhere(count.value(), where);
    Result<bool> counted = count.value().Step();
    if (!counted.ok()) return counted.status();
    *total = count.value().Integer(0);
    const int n = Placeholders(where);
    Result<Statement> stmt = db.Prepare(
        std::string(kLeadColumns) + where.sql + " ORDER BY updated_ms DESC, session_id LIMIT ?" +
        std::to_string(n + 1) + " OFFSET ?" + std::to_string(n + 2));
    if (!stmt.ok()) return stmt.status();
    BindWhere(stmt.value(), where);
    stmt.value().Bind(n + 1, filter.limit).Bind(n + 2, filter.offset);
    Leads leads;
    for (;;) {
      Result<bool> row = stmt.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) return leads;
      leads.push_back(ReadLead(stmt.value()));
    }
  });
}

Result<LeadRecord> SqliteStorage::GetLead(const std::string& session_id) {
  return Read<LeadRecord>([&](Database& db) -> Result<LeadRecord> {
    Result<Statement> stmt = db.Prepare(std::string(kLeadColumns) + " WHERE session_id = ?1");
    if (!stmt.ok()) return stmt.status();
    stmt.value().Bind(1, session_id);
    Result<bool> row = stmt.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) return Status::NotFound("no lead with this id", "/lead_id");
    return ReadLead(stmt.value());
  });
}

Status SqliteStorage::ForEachLead(const LeadFilter& filter,
                                  const std::function<bool(const LeadRecord&)>& row) {
  // Pages, so that a long export never holds one read transaction (and the WAL) open
  // while a slow client downloads it.
  LeadFilter page = filter;
  page.limit = 500;
  page.offset = 0;
  for (;;) {
    int64_t total = 0;
    Result<std::vector<LeadRecord>> leads = ListLeads(page, &total);
    if (!leads.ok()) return leads.status();
    for (const LeadRecord& lead : leads.value()) {
      if (!row(lead)) return Status::Ok();
    }
    if (static_cast<int>(leads.value().size()) < page.limit) return Status::Ok();
    page.offset += page.limit;
  }
}

Result<std::map<std::string, int64_t>> SqliteStorage::CountLeadsByTriage() {
  using Counts = std::map<std::string, int64_t>;
  return Read<Counts>([&](Database& db) -> Result<Counts> {
    Result<Statement> stmt = db.Prepare("SELECT triage, COUNT(*) FROM leads GROUP BY triage");
    if (!stmt.ok()) return stmt.status();
    Counts counts;
    for (;;) {
      Result<bool> row = stmt.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) return counts;
      counts[stmt.value().Text(0)] = stmt.value().Integer(1);
    }
  });
}

Result<std::vector<LeadChange>> SqliteStorage::ListLeadChanges(const std::string& session_id) {
  using Changes = std::vector<LeadChange>;
  return Read<Changes>([&](Database& db) -> Result<Changes> {
    Result<Statement> stmt = db.Prepare(
        "SELECT at_ms, from_triage, from_grade, to_triage, to_grade, cause FROM lead_changes "
        "WHERE session_id = ?1 ORDER BY at_ms, rowid LIMIT 1000");
    if (!stmt.ok()) return stmt.status();
    stmt.value().Bind(1, session_id);
    Changes changes;
    for (;;) {
      Result<bool> row = stmt.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) return changes;
      const Statement& s = stmt.value();
      changes.push_back(
          {session_id, s.Integer(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5)});
    }
  });
}

Result<std::vector<std::string>> SqliteStorage::LeadsChangingBy(int64_t now_ms, int limit) {
  using Ids = std::vector<std::string>;
  return Read<Ids>([&](Database& db) -> Result<Ids> {
    // The partial index holds only the leads that will change: the sweep reads no others.
    Result<Statement> stmt = db.Prepare(
        "SELECT session_id FROM leads WHERE changes_ms > 0 AND changes_ms <= ?1 "
        "ORDER BY changes_ms LIMIT ?2");
    if (!stmt.ok()) return stmt.status();
    stmt.value().Bind(1, now_ms).Bind(2, limit);
    Ids ids;
    for (;;) {
      Result<bool> row = stmt.value().Step();
      if (!row.ok()) return row.status();
      if (!row.value()) return ids;
      ids.push_back(stmt.value().Text(0));
    }
  });
}

Status SqliteStorage::PostponeLeadChange(const std::string& session_id, int64_t at_ms) {
  return Write([&](Database& db) -> Status {
    Result<Statement> stmt =
        db.Prepare("UPDATE leads SET changes_ms = ?2 WHERE session_id = ?1 AND changes_ms > 0");
    if (!stmt.ok()) return stmt.status();
    return stmt.value().Bind(1, session_id).Bind(2, at_ms).Run();
  });
}

}  // namespace leadq
