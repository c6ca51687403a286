// Outcome: the triage of a lead against the flow's lead definition.
#ifndef LEADQ_OUTCOME_H_
#define LEADQ_OUTCOME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "leadq/flow.h"
#include "leadq/profile.h"

namespace leadq {

enum class Triage { kQualified, kNurture, kDisqualified, kNotEnoughInformation };
enum class Conversion { kNone, kSoft, kHard };
enum class Stage { kSuspect, kMarketingQualified, kSalesReady };

struct CriterionResult {
  std::string id;
  Category category = Category::kFit;
  double points = 0;   // after time decay, rounded to 0.01
  std::string reason;  // in the requested language
};

struct Outcome {
  Triage triage = Triage::kNotEnoughInformation;
  Grade grade = Grade::kNone;
  double total_points = 0;
  std::vector<CriterionResult> matched;  // criteria that contributed, in flow order
  std::string knockout;                  // id of the knockout that disqualified, or ""
  std::string knockout_reason;
  std::vector<std::string> missing_fields;
  // Must-have criteria the lead does not meet (points 0): named among the reasons of a
  // near miss, which is nurtured instead of qualified whatever its points.
  std::vector<CriterionResult> unmet;
  Conversion conversion = Conversion::kNone;
  Stage stage = Stage::kSuspect;
  // When fading behaviour points will next move the lead to another grade or triage (the
  // server decides it again then); 0 when time alone never changes it.
  int64_t changes_ms = 0;
  // SLA, only for qualified leads.
  bool has_sla = false;
  int64_t first_response_minutes = 0;
  int64_t sla_deadline_ms = 0;
  int follow_up_touches = 0;
  // The deadline counts working time (the grade's SLA asks for business hours and the
  // site has them); false: calendar time.
  bool sla_business_hours = false;
};

class WorkingTime;  // leadq/business_time.h

// Triage of `fields` (explicit profile merged with answers) and `signals` at `now_ms`.
// Pure and total: every input yields an Outcome. `business_hours` (may be null: none) is
// the site's working time, which an SLA stated in business hours counts its minutes in.
Outcome Decide(const Flow& flow, const JsonValue& fields, const Signals& signals, int64_t now_ms,
               const std::string& language, const WorkingTime* business_hours = nullptr);

const char* ToString(Triage triage);
const char* ToString(Conversion conversion);
const char* ToString(Stage stage);

// The enum named by its wire name (ToString), or nullopt for any other text.
std::optional<Triage> TriageFromString(std::string_view text);
std::optional<Grade> GradeFromString(std::string_view text);

}  // namespace leadq

#endif  // LEADQ_OUTCOME_H_
