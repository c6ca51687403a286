// Records about leads: the decided outcome of a session, as the admin API lists it, and
// the outcome write that the answer path commits atomically.
#ifndef LEADQ_SERVER_STORAGE_LEAD_RECORDS_H_
#define LEADQ_SERVER_STORAGE_LEAD_RECORDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "storage/handoff_records.h"
#include "storage/records.h"

namespace leadq {

// One lead per session that has at least one answer; updated on every answer.
struct LeadRecord {
  std::string session_id;  // also the lead id
  std::string site_key;
  std::string flow_id;
  int flow_version = 0;
  std::string variant;
  std::string visitor_id;
  std::string triage;  // qualified, nurture, disqualified, not_enough_information
  std::string grade;   // none, low, medium, high
  double total_points = 0;
  std::string stage;
  std::string conversion;
  int64_t sla_deadline_ms = 0;  // 0: no SLA
  std::string channel;
  std::string email;
  std::string search_text;  // lower-cased explicit field values, for text search
  int64_t created_ms = 0;
  int64_t updated_ms = 0;
  // When fading behaviour points will move the lead to another grade or triage (the
  // outcome's changes_ms): the time sweep decides it again then. 0: never.
  int64_t changes_ms = 0;
  Json outcome;  // the full outcome (points with reasons)
};

// A lead's triage or grade changed: an entry of its timeline. Recorded by the store in
// the transaction that writes the new outcome.
struct LeadChange {
  std::string session_id;
  int64_t at_ms = 0;
  std::string from_triage, from_grade;
  std::string to_triage, to_grade;
  std::string cause;  // "answer", "new_data" (re-qualification), "time" (points faded)
};

struct LeadFilter {
  std::string site_key;  // "" for every site
  std::string triage, grade, flow_id, variant, channel;
  int64_t from_ms = 0, to_ms = 0;  // on updated_ms; 0: open
  std::string text;                // substring of any explicit field value
  int limit = 50;
  int offset = 0;
};

// The server's decision after an answer: session state, lead row and visitor fields,
// committed together with the answer. Handoffs extend this record with what it must
// write in the same transaction (its outbox rows) — see SqliteStorage::StoreAnswer.
struct OutcomeWrite {
  std::string outcome_text;  // the outcome as JSON text, made once: stored and answered as is
  bool done = false;
  Json fields = Json::object();  // merged into the visitor's explicit profile
  LeadRecord lead;               // its `outcome` is not read: the row stores `outcome` above
  std::string cause = "answer";  // why it was decided (LeadChange::cause)
  HandoffWrite handoff;          // the lead handed to sales or nurturing, when it is (handoffs)
};

// An answer with the outcome decided over all stored answers plus this one.
struct AnswerWrite {
  AnswerRecord answer;
  int expected_answer_count = 0;  // the session's answer_count the outcome was decided on
  OutcomeWrite outcome;
  // What re-qualification needs to know (SessionStore::StoreAnswer): whether merging the
  // outcome's fields changes the visitor's profile, and its revision the decision read.
  bool changes_fields = false;
  int64_t expected_visitor_revision = 0;
};

// A session decided again without a new answer, because new data about its visitor
// arrived (re-qualification). Stored only while the session still has
// `expected_answer_count` answers and the visitor's profile (`visitor_id`, the canonical
// id the decision read) still has `expected_visitor_revision`.
struct RedecisionWrite {
  std::string session_id;
  int expected_answer_count = 0;
  std::string visitor_id;
  int64_t expected_visitor_revision = 0;
  OutcomeWrite outcome;  // `fields` is not written: the profile already holds them
};

enum class AnswerStored {
  kStored,     // answer and outcome committed
  kDuplicate,  // this answer_id was stored before; nothing changed
  kStale,      // another answer arrived meanwhile; nothing changed, decide again
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_LEAD_RECORDS_H_
