// The storage contract's test fixture: one body of tests, run against every backend.
//
// Each store_contract_*_test.cc derives a suite from StoreContract and instantiates it
// with INSTANTIATE_STORE_CONTRACT, so every test runs once per backend in Backends()
// (SQLite, the reference, and the in-memory one). A new backend (PostgreSQL) is one more
// Backend value, a name and a case in MakeBackend. The helpers write through the public
// interfaces only, with records made the way the services make them, so a test states
// what a caller sees and never how a backend stores it.
#ifndef LEADQ_TESTS_SERVER_STORE_CONTRACT_H_
#define LEADQ_TESTS_SERVER_STORE_CONTRACT_H_

#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "storage/storage.h"

namespace leadq::testing {

using Json = nlohmann::json;

enum class Backend { kSqlite, kMemory };

// Its name in gtest's messages ("where GetParam() = Sqlite").
void PrintTo(Backend backend, std::ostream* out);

// Every backend the contract runs against.
std::vector<Backend> Backends();
// "Sqlite", "Memory": the parameter's part of the test name.
std::string BackendName(const ::testing::TestParamInfo<Backend>& info);
// A fresh, empty backend keeping its files (if any) under `dir`; null (with a test
// failure) when it cannot be opened.
std::unique_ptr<Storage> MakeBackend(Backend kind, const std::string& dir);

#define INSTANTIATE_STORE_CONTRACT(Suite)                                                      \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::ValuesIn(::leadq::testing::Backends()), \
                           ::leadq::testing::BackendName)

// The value of `result` (T() with a test failure when it is an error), by value: a
// range-for over `store().List...().value()` would iterate a destroyed temporary.
template <typename T>
T ValueOf(Result<T> result) {
  EXPECT_TRUE(result.ok()) << result.status().message();
  return result.ok() ? std::move(result).value() : T();
}

// Whether `status` is not_found with `path`.
::testing::AssertionResult IsNotFound(const Status& status, const std::string& path);

class StoreContract : public ::testing::TestWithParam<Backend> {
 protected:
  static constexpr const char* kSite = "site-a";
  static constexpr const char* kFlow = "flow-a";

  void SetUp() override;
  void TearDown() override;

  Storage& store() { return *store_; }

  // A site with that key.
  void AddSite(const std::string& site_key);
  // Creates session `session_id` of `visitor_id` (site kSite unless given), started at
  // `at_ms`, on flow kFlow version 1.
  void StartSession(const std::string& session_id, const std::string& visitor_id, int64_t at_ms,
                    const std::string& site_key = kSite);

  // The next answer of `session_id` as the answer path writes it, decided over the
  // session and profile as stored now: expected counts and revision from the store, the
  // answer's field (and `extra` fields) merged into the profile, a lead row of `triage`
  // whose e-mail is the fields' "email", and changes_fields as the service computes it.
  AnswerWrite NextAnswer(const std::string& session_id, const std::string& answer_id,
                         const std::string& field, const Json& value, int64_t at_ms,
                         const Json& extra = Json::object(), const std::string& triage = "nurture");
  // Stores `write`, expecting success; returns what was stored.
  AnswerStored Store(const AnswerWrite& write);
  // Starts `session_id` when new and stores one more answer.
  AnswerStored Answer(const std::string& session_id, const std::string& visitor_id,
                      const std::string& field, const Json& value, int64_t at_ms,
                      const Json& extra = Json::object());

  // A handoff of `lead_id` as HandoffService::Plan makes one, with one outbox row per
  // destination id (keys "<lead>.<destination>.<event>.<generation>").
  static HandoffWrite MakeHandoff(const std::string& lead_id, int generation,
                                  const std::string& route, int64_t handed_ms,
                                  int64_t sla_deadline_ms = 0,
                                  const std::vector<std::string>& destinations = {"dest-1"});
  // Hands `lead_id` (a session of `visitor_id`, started when new) over with an answer.
  void HandOver(const std::string& lead_id, const std::string& visitor_id,
                const HandoffWrite& handoff, int64_t at_ms);

  // Records one page view of `path` for the visitor at `at_ms` (the fold adds it to
  // page_views and pages).
  Status PageView(const std::string& visitor_id, const std::string& path, int64_t at_ms,
                  const std::string& site_key = kSite);

  // The waiting re-decision tasks (due at any time).
  std::vector<RequalificationTask> Tasks();
  std::vector<std::string> DeliveryKeys(const std::string& lead_id);

 private:
  std::string dir_;
  std::unique_ptr<Storage> store_;
  int answer_ids_ = 0;
};

}  // namespace leadq::testing

#endif  // LEADQ_TESTS_SERVER_STORE_CONTRACT_H_
