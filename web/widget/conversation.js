// One visitor's conversation with one flow: the answers given so far, the turn the
// engine derives from them, and the queue of answers still to reach the server. The
// engine decides everything (next question, validation, outcome); this class only keeps
// state, persists it for the tab's session (so a reload resumes at the same step) and
// feeds the outbox.

import { Outbox } from './sync.js';
import { randomId } from './store.js';

/**
 * @typedef {{answer_id: string, step: string, value: unknown}} Answer
 * @typedef {{
 *   v: 1, flow_id: string, visitor_id: string, session_id: string,
 *   answers: Answer[], pending: Answer[], outcome: any, known?: Record<string, unknown>,
 * }} SavedState
 */

export class Conversation {
  /**
   * @param {{
   *   core: import('./core.js').Core, flow: any, flowId: string, language: string,
   *   session: import('./store.js').Store, api: import('./api.js').Api | null,
   *   visitorId: () => string, signals: () => Record<string, unknown>,
   *   onSynced?: (reply: any) => void, onNetwork?: (online: boolean) => void,
   * }} options
   */
  constructor(options) {
    this.core = options.core;
    this.flow = options.flow;
    this.language = options.language;
    /** @private */ this.options_ = options;
    /** @private */ this.session_ = options.session;
    const saved = /** @type {SavedState | null} */ (this.session_.get('conversation'));
    /** @type {SavedState} */
    this.state = saved && saved.v === 1 && saved.flow_id === options.flowId ? saved : {
      v: 1, flow_id: options.flowId, visitor_id: '', session_id: '', answers: [], pending: [],
      outcome: null,
    };
    /** @type {Record<string, unknown>} fields the server already knows of this visitor */
    this.known = this.state.known || {};
    /** @private @type {Promise<string> | null} */
    this.starting_ = null;
    /** True when this conversation continues one from before a reload. */
    this.resumed = this.state.answers.length > 0 || this.state.pending.length > 0;
    /** @type {Outbox | null} */
    this.outbox = options.api ? new Outbox(options.api, {
      pending: () => this.state.pending,
      sessionId: () => this.state.session_id,
      setSessionId: (id) => {
        this.state.session_id = id;
        this.save_();
      },
      ensureSession: () => this.ensureSession(),
      acknowledged: (id, reply) => {
        this.state.pending = this.state.pending.filter((a) => a.answer_id !== id);
        if (reply && reply.outcome) this.state.outcome = reply.outcome;
        this.save_();
        if (reply) options.onSynced?.(reply);
      },
      onState: options.onNetwork,
    }) : null;
    if (this.state.pending.length) this.outbox?.flush();
  }

  /**
   * The server session for this conversation, started once (concurrent callers share the
   * request). Its known profile fields of the visitor join the engine's profile, so the
   * widget decides exactly as the server does and never asks what is already known.
   * @returns {Promise<string>}
   */
  ensureSession() {
    if (this.state.session_id) return Promise.resolve(this.state.session_id);
    const api = this.options_.api;
    if (!api) return Promise.reject(new Error('no server'));
    if (!this.starting_) {
      this.starting_ = api.startSession({ flow: this.options_.flowId,
        visitor_id: this.visitorId(), language: this.language }).then((session) => {
        this.known = (session.profile && session.profile.fields) || {};
        this.state.known = this.known;
        this.state.session_id = session.session_id;
        if (this.state.answers.length) this.save_();
        return session.session_id;
      }).finally(() => { this.starting_ = null; });
    }
    return this.starting_;
  }

  /** The visitor id this conversation runs under (kept with it). */
  visitorId() {
    if (!this.state.visitor_id) this.state.visitor_id = this.options_.visitorId();
    return this.state.visitor_id;
  }

  /**
   * The engine's turn after the first `count` answers (all by default).
   * @param {number} [count]
   * @returns {import('./core.js').Turn}
   */
  turn(count = this.state.answers.length) {
    return this.core.next({
      flow: this.flow,
      profile: { fields: this.known, signals: this.options_.signals() },
      answers: this.state.answers.slice(0, count).map(({ step, value }) => ({ step, value })),
      now_ms: Date.now(),
      language: this.language,
      visitor_id: this.visitorId(),
    });
  }

  /**
   * Validates an answer with the engine.
   * @param {string} step
   * @param {unknown} value
   * @returns {unknown} the normalised value
   * @throws {import('./core.js').LeadqError} "invalid_answer" with a localised message
   */
  check(step, value) {
    return this.core.checkAnswer({ flow: this.flow, step, value, language: this.language });
  }

  /**
   * Records a checked answer, queues it for the server and returns the next turn.
   * @param {string} step
   * @param {unknown} value a value returned by check()
   */
  answer(step, value) {
    const answer = { answer_id: randomId(), step, value };
    this.state.answers.push(answer);
    this.state.pending.push(answer);
    this.save_();
    this.outbox?.flush();
    return this.turn();
  }

  /**
   * Goes back to `step` (the turn's previous_step): its answer and every later one are
   * taken out of the conversation, to be given again. The server keeps its history; a new
   * answer to the same step supersedes the old one there.
   * @param {string} step
   */
  back(step) {
    let index = -1;
    this.state.answers.forEach((a, i) => { if (a.step === step) index = i; });
    if (index >= 0) this.state.answers = this.state.answers.slice(0, index);
    this.save_();
    return this.turn();
  }

  /** @private */
  save_() {
    this.session_.set('conversation', this.state);
  }
}
