// Lead lists, details and exports.
#include "services/lead_service.h"

#include <algorithm>

namespace leadq {
namespace {

bool OneOf(const std::string& value, std::initializer_list<const char*> allowed) {
  if (value.empty()) return true;
  for (const char* item : allowed) {
    if (value == item) return true;
  }
  return false;
}

std::string CsvCell(const std::string& text) {
  std::string cell = text;
  // A leading = + - @ makes spreadsheets evaluate the cell: never let a visitor's
  // answer run as a formula on a salesperson's machine.
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@')) {
    cell.insert(cell.begin(), '\'');
  }
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string Number(double value) {
  Json number = value;
  return number.dump();
}

}  // namespace

Result<LeadPage> LeadService::List(const LeadFilter& filter) {
  if (!OneOf(filter.triage, {"qualified", "nurture", "disqualified", "not_enough_information"})) {
    return Status::InvalidArgument("unknown triage", "/triage");
  }
  if (!OneOf(filter.grade, {"none", "low", "medium", "high"})) {
    return Status::InvalidArgument("unknown grade", "/grade");
  }
  if (filter.limit < 1 || filter.limit > 500) {
    return Status::InvalidArgument("must be from 1 to 500", "/limit");
  }
  if (filter.offset < 0) return Status::InvalidArgument("must not be negative", "/offset");
  LeadPage page;
  Result<std::vector<LeadRecord>> leads = leads_.ListLeads(filter, &page.total);
  if (!leads.ok()) return leads.status();
  page.leads = std::move(leads).value();
  return page;
}

Result<Json> LeadService::Get(const std::string& lead_id) {
  Result<LeadRecord> lead = leads_.GetLead(lead_id);
  if (!lead.ok()) return lead.status();
  Result<SessionRecord> session = sessions_.GetSession(lead_id);
  if (!session.ok()) return session.status();
  Result<std::vector<AnswerRecord>> answers = sessions_.ListAnswers(lead_id);
  if (!answers.ok()) return answers.status();
  Result<VisitorExport> visitor =
      visitors_.ExportVisitor(lead.value().site_key, lead.value().visitor_id);
  if (!visitor.ok()) return visitor.status();

  Json timeline = Json::array();
  timeline.push_back({{"at_ms", session.value().started_ms},
                      {"type", "session_started"},
                      {"flow", session.value().flow_id},
                      {"variant", session.value().variant}});
  Json answer_list = Json::array();
  for (const AnswerRecord& answer : answers.value()) {
    Json item{{"answer_id", answer.answer_id},
              {"step", answer.step_id},
              {"field", answer.field},
              {"value", answer.value},
              {"received_ms", answer.received_ms}};
    answer_list.push_back(item);
    timeline.push_back({{"at_ms", answer.received_ms},
                        {"type", "answer"},
                        {"step", answer.step_id},
                        {"value", answer.value}});
  }
  for (const Json& event : visitor.value().events) {
    Json item{{"at_ms", event["received_ms"]}, {"type", event["type"]}, {"path", event["path"]}};
    timeline.push_back(item);
  }
  for (const Json& consent : visitor.value().consents) {
    timeline.push_back({{"at_ms", consent["recorded_ms"]},
                        {"type", "consent"},
                        {"version", consent["version"]},
                        {"given", consent["given"] == 1}});
  }
  Result<std::vector<LeadChange>> changes = leads_.ListLeadChanges(lead_id);
  if (!changes.ok()) return changes.status();
  for (const LeadChange& change : changes.value()) {
    timeline.push_back({{"at_ms", change.at_ms},
                        {"type", "grade_changed"},
                        {"from", {{"triage", change.from_triage}, {"grade", change.from_grade}}},
                        {"to", {{"triage", change.to_triage}, {"grade", change.to_grade}}},
                        {"cause", change.cause}});
  }
  timeline.push_back({{"at_ms", lead.value().updated_ms},
                      {"type", "decided"},
                      {"triage", lead.value().triage},
                      {"grade", lead.value().grade}});
  std::stable_sort(timeline.begin(), timeline.end(), [](const Json& a, const Json& b) {
    const int64_t at_a = a["at_ms"].is_number_integer() ? a["at_ms"].get<int64_t>() : 0;
    const int64_t at_b = b["at_ms"].is_number_integer() ? b["at_ms"].get<int64_t>() : 0;
    return at_a < at_b;
  });
  Json body = LeadJson(lead.value());
  body["done"] = session.value().done;
  body["profile"] = {{"fields", visitor.value().profile.fields},
                     {"signals", visitor.value().profile.signals}};
  body["answers"] = answer_list;
  body["timeline"] = timeline;
  return body;
}

Status LeadService::ForEach(const LeadFilter& filter,
                            const std::function<bool(const LeadRecord&)>& row) {
  return leads_.ForEachLead(filter, row);
}

Json LeadJson(const LeadRecord& lead) {
  return Json{{"lead_id", lead.session_id},
              {"site", lead.site_key},
              {"flow", lead.flow_id},
              {"flow_version", lead.flow_version},
              {"variant", lead.variant},
              {"visitor_id", lead.visitor_id},
              {"triage", lead.triage},
              {"grade", lead.grade},
              {"total_points", lead.total_points},
              {"stage", lead.stage},
              {"conversion", lead.conversion},
              {"sla_deadline_ms", lead.sla_deadline_ms},
              {"channel", lead.channel},
              {"email", lead.email},
              {"outcome", lead.outcome},
              {"created_ms", lead.created_ms},
              {"updated_ms", lead.updated_ms}};
}

std::string LeadCsvHeader() {
  return "lead_id,site,flow,flow_version,variant,visitor_id,triage,grade,total_points,stage,"
         "conversion,sla_deadline_ms,channel,email,reasons,created_ms,updated_ms\r\n";
}

std::string LeadCsvLine(const LeadRecord& lead) {
  std::string reasons;
  if (auto criteria = lead.outcome.find("criteria");
      criteria != lead.outcome.end() && criteria->is_array()) {
    for (const Json& item : *criteria) {
      auto reason = item.find("reason");
      if (reason == item.end() || !reason->is_string()) continue;
      if (!reasons.empty()) reasons += "; ";
      reasons += reason->get<std::string>();
    }
  }
  const std::string cells[] = {lead.session_id,
                               lead.site_key,
                               lead.flow_id,
                               std::to_string(lead.flow_version),
                               lead.variant,
                               lead.visitor_id,
                               lead.triage,
                               lead.grade,
                               Number(lead.total_points),
                               lead.stage,
                               lead.conversion,
                               std::to_string(lead.sla_deadline_ms),
                               lead.channel,
                               lead.email,
                               reasons,
                               std::to_string(lead.created_ms),
                               std::to_string(lead.updated_ms)};
  std::string line;
  bool first = true;
  for (const std::string& cell : cells) {
    if (!first) line += ',';
    first = false;
    line += CsvCell(cell);
  }
  return line + "\r\n";
}

}  // namespace leadq
