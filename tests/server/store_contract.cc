// The backends of the storage contract and the fixture's helpers.
#include "store_contract.h"

#include <stdlib.h>

#include <filesystem>
#include <limits>
#include <sstream>

#include "storage/memory_storage.h"
#include "storage/sqlite_storage.h"

namespace leadq::testing {

std::vector<Backend> Backends() { return {Backend::kSqlite, Backend::kMemory}; }

std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  std::ostringstream name;
  PrintTo(info.param, &name);
  return name.str();
}

void PrintTo(Backend backend, std::ostream* out) {
  switch (backend) {
    case Backend::kSqlite:
      *out << "Sqlite";
      return;
    case Backend::kMemory:
      *out << "Memory";
      return;
  }
  *out << "Unknown";
}

std::unique_ptr<Storage> MakeBackend(Backend kind, const std::string& dir) {
  switch (kind) {
    case Backend::kSqlite: {
      Result<std::unique_ptr<SqliteStorage>> opened = SqliteStorage::Open(dir + "/leadq.db");
      if (!opened.ok()) {
        ADD_FAILURE() << "cannot open SQLite: " << opened.status().message();
        return nullptr;
      }
      return std::move(opened).value();
    }
    case Backend::kMemory:
      return std::make_unique<MemoryStorage>();
  }
  return nullptr;
}

::testing::AssertionResult IsNotFound(const Status& status, const std::string& path) {
  if (status.IsNotFound() && status.path() == path) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected not_found at \"" << path << "\", got "
                                       << (status.ok() ? "ok" : status.code_name()) << " at \""
                                       << status.path() << "\": " << status.message();
}

void StoreContract::SetUp() {
  char pattern[] = "/tmp/leadq-contract-XXXXXX";
  const char* made = mkdtemp(pattern);
  ASSERT_NE(made, nullptr);
  dir_ = made;
  store_ = MakeBackend(GetParam(), dir_);
  ASSERT_NE(store_, nullptr);
  AddSite(kSite);
}

void StoreContract::TearDown() {
  store_.reset();
  std::error_code ignored;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
}

void StoreContract::AddSite(const std::string& site_key) {
  ASSERT_TRUE(store().PutSite({site_key, "Site " + site_key, {}, 1}).ok());
}

void StoreContract::StartSession(const std::string& session_id, const std::string& visitor_id,
                                 int64_t at_ms, const std::string& site_key) {
  SessionRecord session;
  session.session_id = session_id;
  session.site_key = site_key;
  session.flow_id = kFlow;
  session.flow_version = 1;
  session.visitor_id = visitor_id;
  session.variant = "a";
  session.language = "en";
  session.started_ms = session.updated_ms = at_ms;
  Status created = store().CreateSession(session);
  ASSERT_TRUE(created.ok()) << created.message();
}

AnswerWrite StoreContract::NextAnswer(const std::string& session_id, const std::string& answer_id,
                                      const std::string& field, const Json& value, int64_t at_ms,
                                      const Json& extra, const std::string& triage) {
  AnswerWrite write;
  Result<SessionRecord> session = store().GetSession(session_id);
  EXPECT_TRUE(session.ok()) << session.status().message();
  if (!session.ok()) return write;
  const SessionRecord& s = session.value();
  Result<VisitorProfile> profile = store().GetVisitor(s.site_key, s.visitor_id);
  EXPECT_TRUE(profile.ok());
  write.answer = {answer_id, session_id, field, field, value, at_ms};
  write.expected_answer_count = s.answer_count;
  write.expected_visitor_revision = profile.ok() ? profile.value().revision : 0;

  Json fields = Json::object();
  for (const AnswerRecord& answer : ValueOf(store().ListAnswers(session_id))) {
    fields[answer.field] = answer.value;
  }
  fields[field] = value;
  for (auto it = extra.begin(); it != extra.end(); ++it) fields[it.key()] = it.value();
  // As ChangesFields: a field whose value the profile does not hold yet.
  const Json& known = profile.ok() ? profile.value().fields : Json::object();
  for (auto it = fields.begin(); it != fields.end(); ++it) {
    auto found = known.find(it.key());
    write.changes_fields |= found == known.end() || *found != it.value();
  }

  OutcomeWrite& outcome = write.outcome;
  outcome.outcome_text =
      Json{{"triage", triage}, {"answers", s.answer_count + 1}, {"at", at_ms}}.dump();
  outcome.fields = fields;
  LeadRecord& lead = outcome.lead;
  lead.session_id = session_id;
  lead.site_key = s.site_key;
  lead.flow_id = s.flow_id;
  lead.flow_version = s.flow_version;
  lead.variant = s.variant;
  lead.visitor_id = s.visitor_id;
  lead.triage = triage;
  lead.grade = "low";
  lead.total_points = 10.0 * (s.answer_count + 1);
  lead.stage = "engaged";
  lead.conversion = "none";
  if (fields.contains("email") && fields["email"].is_string()) lead.email = fields["email"];
  for (auto it = fields.begin(); it != fields.end(); ++it) {
    const std::string text = it->is_string() ? it->get<std::string>() : it->dump();
    for (char c : text) lead.search_text += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    lead.search_text += '\n';
  }
  lead.created_ms = lead.updated_ms = at_ms;
  return write;
}

AnswerStored StoreContract::Store(const AnswerWrite& write) {
  Result<AnswerStored> stored = store().StoreAnswer(write);
  EXPECT_TRUE(stored.ok()) << stored.status().message();
  return stored.ok() ? stored.value() : AnswerStored::kStale;
}

AnswerStored StoreContract::Answer(const std::string& session_id, const std::string& visitor_id,
                                   const std::string& field, const Json& value, int64_t at_ms,
                                   const Json& extra) {
  if (!store().GetSession(session_id).ok()) StartSession(session_id, visitor_id, at_ms);
  return Store(NextAnswer(session_id, "answer-auto-" + std::to_string(++answer_ids_), field, value,
                          at_ms, extra));
}

HandoffWrite StoreContract::MakeHandoff(const std::string& lead_id, int generation,
                                        const std::string& route, int64_t handed_ms,
                                        int64_t sla_deadline_ms,
                                        const std::vector<std::string>& destinations) {
  HandoffWrite write;
  HandoffRecord& h = write.handoff;
  h.lead_id = lead_id;
  h.site_key = kSite;
  h.flow_id = kFlow;
  h.flow_version = 1;
  h.variant = "a";
  h.generation = generation;
  h.route = route;
  h.state = "open";
  h.triage = route == "sales" ? "qualified" : "nurture";
  h.grade = route == "sales" ? "high" : "low";
  h.total_points = route == "sales" ? 90 : 40;
  h.criteria = {"budget_large"};
  h.snapshot = {{"lead_id", lead_id}, {"generation", generation}};
  h.handed_ms = h.updated_ms = handed_ms;
  h.sla_deadline_ms = sla_deadline_ms;
  h.follow_up_target = sla_deadline_ms > 0 ? 3 : 0;
  const std::string event = route == "sales" ? "qualified" : "nurture";
  for (const std::string& destination : destinations) {
    OutboxRecord row;
    row.idempotency_key =
        lead_id + "." + destination + "." + event + "." + std::to_string(generation);
    row.lead_id = lead_id;
    row.generation = generation;
    row.destination_id = destination;
    row.event = "lead." + event;
    row.payload = h.snapshot;
    row.created_ms = handed_ms;
    write.outbox.push_back(std::move(row));
  }
  return write;
}

void StoreContract::HandOver(const std::string& lead_id, const std::string& visitor_id,
                             const HandoffWrite& handoff, int64_t at_ms) {
  if (!store().GetSession(lead_id).ok()) StartSession(lead_id, visitor_id, at_ms);
  AnswerWrite write =
      NextAnswer(lead_id, "answer-auto-" + std::to_string(++answer_ids_), "budget", "over_50k",
                 at_ms, Json::object(), handoff.handoff.route == "sales" ? "qualified" : "nurture");
  write.outcome.done = true;
  write.outcome.handoff = handoff;
  ASSERT_EQ(Store(write), AnswerStored::kStored);
}

Status StoreContract::PageView(const std::string& visitor_id, const std::string& path,
                               int64_t at_ms, const std::string& site_key) {
  EventRecord event;
  event.type = "page_view";
  event.path = path;
  event.data = {{"title", "Page " + path}};
  event.at_ms = event.received_ms = at_ms;
  SignalsFold fold = [path, at_ms](const Json& stored) {
    Json signals = stored.is_object() ? stored : Json::object();
    signals["page_views"] = signals.value("page_views", 0) + 1;
    if (!signals.contains("pages")) signals["pages"] = Json::array();
    signals["pages"].push_back(path);
    signals["last_activity_ms"] = at_ms;
    return signals;
  };
  return store().RecordEvents(site_key, visitor_id, {event}, fold, at_ms);
}

std::vector<RequalificationTask> StoreContract::Tasks() {
  Result<std::vector<RequalificationTask>> tasks =
      store().DueRequalifications(std::numeric_limits<int64_t>::max(), 1000);
  EXPECT_TRUE(tasks.ok());
  return tasks.ok() ? tasks.value() : std::vector<RequalificationTask>();
}

std::vector<std::string> StoreContract::DeliveryKeys(const std::string& lead_id) {
  OutboxFilter filter;
  filter.lead_id = lead_id;
  std::vector<std::string> keys;
  for (const OutboxRecord& row : ValueOf(store().ListDeliveries(filter))) {
    keys.push_back(row.idempotency_key);
  }
  return keys;
}

}  // namespace leadq::testing
