// Starting sessions and taking answers.
#include "services/session_service.h"

#include "leadq/codec.h"
#include "leadq/conversation.h"

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

Result<StartResult> SessionService::Start(const StartRequest& request) {
  Result<SiteRecord> site = storage_.GetSite(request.site_key);
  if (!site.ok()) return site.status();
  if (!request.visitor_id.empty() && !IsValidClientId(request.visitor_id)) {
    return Status::InvalidArgument("must be 8 to 64 letters, digits, '-' or '_'", "/visitor_id");
  }
  if (!request.session_id.empty() && !IsValidClientId(request.session_id)) {
    return Status::InvalidArgument("must be 8 to 64 letters, digits, '-' or '_'", "/session_id");
  }
  StartResult result;
  if (!request.session_id.empty()) {
    Result<SessionRecord> existing = storage_.GetSession(request.session_id);
    if (existing.ok()) {
      if (existing.value().site_key != request.site_key ||
          existing.value().flow_id != request.flow_id) {
        return Status::Conflict("this session belongs to another site or flow", "/session_id");
      }
      result.session = std::move(existing).value();
      result.resumed = true;
      Result<std::vector<AnswerRecord>> answers = storage_.ListAnswers(result.session.session_id);
      if (!answers.ok()) return answers.status();
      result.answers = std::move(answers).value();
    } else if (existing.status().code() != "not_found") {
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
    Status created = storage_.CreateSession(session);
    if (!created.ok()) return created;
  }
  Result<Json> fields = storage_.GetVisitorFields(request.site_key, result.session.visitor_id);
  if (!fields.ok()) return fields.status();
  // A resumed session's own answers come back as answers, not as known fields.
  Json known = FieldsForFlow(flow->flow, fields.value());
  for (const AnswerRecord& answer : result.answers) known.erase(answer.field);
  result.known_fields = std::move(known);
  return result;
}

Result<AnswerResult> SessionService::SubmitAnswer(const AnswerRequest& request) {
  if (!IsValidClientId(request.answer_id)) {
    return Status::InvalidArgument("must be 8 to 64 letters, digits, '-' or '_'", "/answer_id");
  }
  Result<SessionRecord> session = storage_.GetSession(request.session_id);
  if (!session.ok()) return session.status();
  if (session.value().site_key != request.site_key) {
    return Status::NotFound("no session with this id for this site", "/session_id");
  }
  Result<std::shared_ptr<const LoadedFlow>> flow = flows_.Version(
      session.value().site_key, session.value().flow_id, session.value().flow_version);
  if (!flow.ok()) return flow.status();
  const Flow& decoded = flow.value()->flow;
  const std::string language =
      session.value().language.empty() ? decoded.default_language : session.value().language;
  Result<Json> checked = CheckAnswer(decoded, request.step_id, request.value, language);
  if (!checked.ok()) {
    const Status& status = checked.status();
    return status.code() == "not_found" ? Status::InvalidArgument(status.message(), "/step")
                                        : status;
  }
  AnswerRecord answer;
  answer.answer_id = request.answer_id;
  answer.session_id = request.session_id;
  answer.step_id = request.step_id;
  answer.field = decoded.steps[decoded.StepIndex(request.step_id)].field;
  answer.value = checked.value();
  answer.received_ms = env_.now_ms();
  Result<bool> stored = storage_.AppendAnswer(answer);
  if (!stored.ok()) return stored.status();
  Result<AnswerResult> result = Redecide(session.value(), *flow.value());
  if (!result.ok()) return result;
  result.value().duplicate = !stored.value();
  return result;
}

Result<AnswerResult> SessionService::Redecide(const SessionRecord& session,
                                              const LoadedFlow& flow) {
  Result<std::vector<AnswerRecord>> answers = storage_.ListAnswers(session.session_id);
  if (!answers.ok()) return answers.status();
  Result<Json> fields = storage_.GetVisitorFields(session.site_key, session.visitor_id);
  if (!fields.ok()) return fields.status();
  ConversationInput input;
  // The visitor's profile before this session: this session's own answers are replayed
  // below, so a revised answer is not shadowed by the value it replaced.
  input.profile.fields = fields.value();
  for (const AnswerRecord& answer : answers.value()) {
    input.profile.fields.erase(answer.field);
    input.answers.push_back({answer.step_id, answer.value});
  }
  input.now_ms = env_.now_ms();
  input.language = session.language;
  input.visitor_id = session.visitor_id;
  Turn turn = NextTurn(flow.flow, input);
  AnswerResult result;
  result.done = turn.done;
  result.outcome = EncodeOutcome(turn.outcome);
  // A lead handed over is queued in the outcome's own transaction (never lost, never
  // queued for an outcome that did not commit).
  HandoffWrite handoff;
  if (forwarding_ != nullptr) {
    Result<HandoffWrite> planned =
        forwarding_->Plan({session, flow, result.outcome, turn.done, answers.value(), turn.fields,
                           Json::object(), input.now_ms});
    if (!planned.ok()) return planned.status();
    handoff = std::move(planned).value();
  }
  Status saved = storage_.SaveOutcome(session.session_id, result.outcome, turn.done, turn.fields,
                                      input.now_ms, handoff);
  if (!saved.ok()) return saved;
  if (forwarding_ != nullptr) forwarding_->Committed(handoff);
  return result;
}

Result<std::pair<SessionRecord, std::vector<AnswerRecord>>> SessionService::Get(
    const std::string& session_id) {
  Result<SessionRecord> session = storage_.GetSession(session_id);
  if (!session.ok()) return session.status();
  Result<std::vector<AnswerRecord>> answers = storage_.ListAnswers(session_id);
  if (!answers.ok()) return answers.status();
  return std::make_pair(std::move(session).value(), std::move(answers).value());
}

}  // namespace leadq
