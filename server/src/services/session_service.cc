// Starting sessions and taking answers.
#include "services/session_service.h"

#include "services/business_hours.h"
#include "services/handoff_service.h"
#include "services/requalification_service.h"
#include "services/session_decision.h"

#include "leadq/codec.h"
#include "leadq/conversation.h"
#include "platform/core_json.h"

namespace leadq {
namespace {

// Only the fields this flow's questions fill: never more of the profile than the widget
// needs to skip what is already known.
Json FieldsForFlow(const Flow& flow, const Json& fields) {
  Json known = Json::object();
  for (const Step& step : flow.steps) {
    if (step.kind != Step::Kind::kQuestion) continue;
    auto it = fields.find(step.field);
    if (it != fields.end() && !it->is_null()) known[step.field] = *it;
  }
  return known;
}

}  // namespace

ConversationInput MakeInput(const SessionRecord& session, const VisitorProfile& visitor,
                            const std::vector<AnswerRecord>& answers) {
  ConversationInput input;
  Result<Profile> profile = DecodeProfile(
      JsonValue{{"fields", ToCore(visitor.fields)}, {"signals", ToCore(visitor.signals)}}, "");
  if (profile.ok()) {
    input.profile = std::move(profile).value();
  } else {
    input.profile.fields =
        visitor.fields.is_object() ? ToCore(visitor.fields) : JsonValue::MakeObject();
  }
  // The visitor's profile before this session: this session's own answers are replayed,
  // so a revised answer is not shadowed by the value it replaced.
  for (const AnswerRecord& answer : answers) {
    input.profile.fields.Erase(answer.field);
    input.answers.push_back({answer.step_id, ToCore(answer.value)});
  }
  input.language = session.language;
  input.visitor_id = session.visitor_id;
  return input;
}

LeadRecord MakeLead(const SessionRecord& session, const Turn& turn, const std::string& channel,
                    int64_t now_ms) {
  LeadRecord lead;
  lead.session_id = session.session_id;
  lead.site_key = session.site_key;
  lead.flow_id = session.flow_id;
  lead.flow_version = session.flow_version;
  lead.variant = session.variant;
  lead.visitor_id = session.visitor_id;
  lead.triage = ToString(turn.outcome.triage);
  lead.grade = ToString(turn.outcome.grade);
  lead.total_points = turn.outcome.total_points;
  lead.stage = ToString(turn.outcome.stage);
  lead.conversion = ToString(turn.outcome.conversion);
  lead.sla_deadline_ms = turn.outcome.has_sla ? turn.outcome.sla_deadline_ms : 0;
  lead.changes_ms = turn.outcome.changes_ms;
  lead.channel = channel;
  lead.email = turn.fields["email"].as_string();
  for (const auto& [field, value] : turn.fields.members()) {
    // Folded to ASCII lower case, as SQLite's LIKE (the text search) folds case.
    const std::string text = value.is_string() ? value.as_string() : value.Dump();
    for (char c : text) lead.search_text += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    lead.search_text += '\n';
  }
  lead.created_ms = lead.updated_ms = now_ms;
  return lead;
}

Result<StartResult> SessionService::Start(const StartRequest& request) {
  Result<SiteRecord> site = sites_.GetSite(request.site_key);
  if (!site.ok()) return site.status();
  if (!request.visitor_id.empty() && !IsValidClientId(request.visitor_id)) {
    return Status::InvalidArgument("must be 8 to 64 letters, digits, '-' or '_'", "/visitor_id");
  }
  if (!request.session_id.empty() && !IsValidClientId(request.session_id)) {
    return Status::InvalidArgument("must be 8 to 64 letters, digits, '-' or '_'", "/session_id");
  }
  StartResult result;
  if (!request.session_id.empty()) {
    Result<SessionRecord> existing = sessions_.GetSession(request.session_id);
    if (existing.ok()) {
      if (existing.value().site_key != request.site_key ||
          existing.value().flow_id != request.flow_id) {
        return Status::Conflict("this session belongs to another site or flow", "/session_id");
      }
      result.session = std::move(existing).value();
      result.resumed = true;
      Result<std::vector<AnswerRecord>> answers = sessions_.ListAnswers(result.session.session_id);
      if (!answers.ok()) return answers.status();
      result.answers = std::move(answers).value();
    } else if (!existing.status().IsNotFound()) {
      return existing.status();
    }
  }
  std::shared_ptr<const LoadedFlow> flow;
  if (result.resumed) {
    Result<std::shared_ptr<const LoadedFlow>> loaded =
        flows_.Version(request.site_key, result.session.flow_id, result.session.flow_version);
    if (!loaded.ok()) return loaded.status();
    flow = loaded.value();
  } else {
    Result<std::shared_ptr<const LoadedFlow>> loaded =
        flows_.Published(request.site_key, request.flow_id);
    if (!loaded.ok()) return loaded.status();
    flow = loaded.value();
    SessionRecord& session = result.session;
    session.session_id = request.session_id.empty() ? env_.new_id() : request.session_id;
    session.site_key = request.site_key;
    session.flow_id = request.flow_id;
    session.flow_version = flow->record.version;
    session.visitor_id = request.visitor_id.empty() ? env_.new_id() : request.visitor_id;
    session.variant = AssignVariant(flow->flow, session.visitor_id);
    session.language = request.language;
    session.started_ms = session.updated_ms = env_.now_ms();
    Status created = sessions_.CreateSession(session);
    if (!created.ok()) {
      // Two first requests for one client-chosen session id raced and the other one
      // created it: this one resumes it (once — the session now exists).
      if (!request.session_id.empty() && sessions_.GetSession(request.session_id).ok()) {
        return Start(request);
      }
      return created;
    }
  }
  Result<VisitorProfile> visitor =
      visitors_.GetVisitor(request.site_key, result.session.visitor_id);
  if (!visitor.ok()) return visitor.status();
  // A resumed session's own answers come back as answers, not as known fields.
  Json known = FieldsForFlow(flow->flow, visitor.value().fields);
  for (const AnswerRecord& answer : result.answers) known.erase(answer.field);
  result.known_fields = std::move(known);
  return result;
}

Result<AnswerResult> SessionService::SubmitAnswer(const AnswerRequest& request) {
  if (!IsValidClientId(request.answer_id)) {
    return Status::InvalidArgument("must be 8 to 64 letters, digits, '-' or '_'", "/answer_id");
  }
  // Answers of one session rarely race (one visitor, one widget); when they do, the
  // loser decides again over the winner's answer. Bounded, so a pathological client
  // gets a 409 instead of a spinning thread.
  for (int attempt = 0; attempt < 16; ++attempt) {
    AnswerResult result;
    Result<AnswerStored> stored = TryStore(request, &result);
    if (!stored.ok()) return stored.status();
    if (stored.value() == AnswerStored::kStale) continue;
    if (stored.value() == AnswerStored::kDuplicate) {
      Result<SessionRecord> now = sessions_.GetSession(request.session_id);
      if (!now.ok()) return now.status();
      result.duplicate = true;
      result.done = now.value().done;
      result.outcome = std::move(now.value().outcome);
    }
    return result;
  }
  return Status::Conflict("too many concurrent answers for this session; retry", "/session_id");
}

Result<AnswerStored> SessionService::TryStore(const AnswerRequest& request, AnswerResult* result) {
  Result<AnswerContext> context = sessions_.LoadForAnswer(request.session_id);
  if (!context.ok()) return context.status();
  const SessionRecord& session = context.value().session;
  const std::vector<AnswerRecord>& answers = context.value().answers;
  const VisitorProfile& visitor = context.value().visitor;
  if (session.site_key != request.site_key) {
    return Status::NotFound("no session with this id for this site", "/session_id");
  }
  Result<std::shared_ptr<const LoadedFlow>> flow =
      flows_.Version(session.site_key, session.flow_id, session.flow_version);
  if (!flow.ok()) return flow.status();
  const Flow& decoded = flow.value()->flow;
  // The language the conversation runs in: the core's choice, as in the widget.
  const std::string language = ResolveLanguage(decoded, session.language);
  for (const AnswerRecord& answer : answers) {
    if (answer.answer_id == request.answer_id) return AnswerStored::kDuplicate;
  }
  // After a retry of an answer already stored (above): the conversation's end is final.
  if (session.done) {
    return Status::ConversationEnded(
        "this conversation has ended; answers after the end are not stored", "/session_id");
  }
  Result<JsonValue> checked =
      CheckAnswer(decoded, request.step_id, ToCore(request.value), language);
  if (!checked.ok()) {
    const Status& status = checked.status();
    return status.IsNotFound() ? Status::InvalidArgument(status.message(), "/step") : status;
  }

  AnswerWrite write;
  write.expected_answer_count = session.answer_count;
  AnswerRecord& answer = write.answer;
  answer.answer_id = request.answer_id;
  answer.session_id = request.session_id;
  answer.step_id = request.step_id;
  answer.field = decoded.steps[decoded.StepIndex(request.step_id)].field;
  answer.value = FromCore(checked.value());
  answer.received_ms = env_.now_ms();

  Result<OutcomeWrite> decided =
      DecideSession({session, *flow.value(), visitor, answers, context.value().handoff, &answer,
                     answer.received_ms, answer.received_ms,
                     business_hours_ ? business_hours_->For(session.site_key) : nullptr},
                    handoffs_);
  if (!decided.ok()) return decided.status();
  write.outcome = std::move(decided).value();
  write.changes_fields = ChangesFields(visitor.fields, write.outcome.fields);
  write.expected_visitor_revision = visitor.revision;
  Result<AnswerStored> stored = sessions_.StoreAnswer(write);
  if (stored.ok() && stored.value() == AnswerStored::kStored) {
    result->done = write.outcome.done;
    result->outcome = Json::parse(write.outcome.outcome_text, nullptr, false);
    if (handoffs_ != nullptr) handoffs_->Committed(write.outcome.handoff);
  }
  return stored;
}

Result<std::pair<SessionRecord, std::vector<AnswerRecord>>> SessionService::Get(
    const std::string& session_id) {
  Result<SessionRecord> session = sessions_.GetSession(session_id);
  if (!session.ok()) return session.status();
  Result<std::vector<AnswerRecord>> answers = sessions_.ListAnswers(session_id);
  if (!answers.ok()) return answers.status();
  return std::make_pair(std::move(session).value(), std::move(answers).value());
}

}  // namespace leadq
