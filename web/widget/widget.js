// The widget controller: loads the engine and the flow, runs the conversation through
// the chat view, keeps consent and implicit signals in line with the visitor's choices,
// and tells the host page what happens (CustomEvents, listeners, optional dataLayer).

// The chat view, the conversation and the engine wrapper (later.js) are imported when
// the conversation starts (or while the browser is idle), so a launcher's first paint
// downloads only the small shell.
import { Api } from './api.js';
import { h } from './dom.js';
import { pickLanguage, t } from './i18n.js';
import { Consent } from './privacy.js';
import { Shell } from './shell.js';
import { Signals } from './signals.js';
import { Store, randomId } from './store.js';

/**
 * @typedef {{
 *   site: string, flowId: string, flowSrc: string, apiBase: string, base: string,
 *   mode: import('./shell.js').Mode, target: Element | null, language: string,
 *   position: string, greeting: string, greetingDelay: number, greetingMatch: string,
 *   dataLayer: boolean, typingMs: number, preview: boolean,
 *   previewVisitor: PreviewVisitor | null,
 * }} Config
 * @typedef {{visitor_id?: string, fields?: Record<string, unknown>,
 *   signals?: Record<string, unknown>}} PreviewVisitor the visitor a preview plays: its id
 *   (which decides its variant), the answers known of it and its behaviour
 */

/** The events a host page can listen to (as "leadq:<name>" DOM events or leadq('on')). */
export const kEvents = ['start', 'step', 'complete', 'qualified'];

export class Widget {
  /** @param {Config} config */
  constructor(config) {
    this.config = config;
    const prefix = `leadq:${config.site}:`;
    /** @private */ this.local_ = new Store('localStorage', prefix);
    /** @private */ this.session_ = new Store('sessionStorage', `${prefix}${config.flowId}:`);
    this.api = config.site ? new Api(config.apiBase, config.site) : null;
    this.consent = new Consent(this.local_);
    this.signals = new Signals(this.local_, /** @type {Api} */ (this.api),
        () => this.visitorId_());
    /** @private @type {Map<string, Set<(detail: any) => void>>} */
    this.listeners_ = new Map();
    /** @private @type {Promise<{core: import('./core.js').Core, flow: any}> | null} */
    this.engine_ = null;
    /** @private @type {import('./conversation.js').Conversation | null} */
    this.conversation_ = null;
    /** @private @type {import('./chat.js').ChatView | null} */ this.view_ = null;
    /** @private @type {Promise<void> | null} */ this.started_ = null;
    /** @private */ this.busy_ = false;
    /** @private */ this.wantsFocus_ = false;
    /** @type {import('./i18n.js').Language} */
    this.uiLanguage = pickLanguage(config.language);
    /** @type {Shell | null} */ this.shell = null;
    this.consent.onChange((given) => this.consentChanged_(given));
  }

  /** Puts the widget on the page. */
  mount() {
    const config = this.config;
    this.shell = new Shell({ mode: config.mode, target: config.target, position: config.position,
      cssUrl: config.base + 'widget.css', language: this.uiLanguage,
      onOpen: () => {
        this.wantsFocus_ = true;
        this.start_().then(() => this.view_?.focus());
      } });
    if (this.consent.allowed) this.signals.start();
    if (config.mode === 'inline') {
      this.start_();
      return;
    }
    // Warm up while the visitor reads, so opening is instant.
    const warm = () => this.engine().catch(() => {});
    if ('requestIdleCallback' in window) requestIdleCallback(warm, { timeout: 3000 });
    else setTimeout(warm, 1500);
    if (config.greeting && config.mode === 'bubble' &&
        (!config.greetingMatch || location.pathname.startsWith(config.greetingMatch))) {
      setTimeout(() => this.shell?.showGreeting(config.greeting), config.greetingDelay * 1000);
    }
    // A conversation open before a reload stays open.
    if (this.session_.get('conversation')) this.open();
  }

  open() {
    this.shell?.open();
  }

  close() {
    this.shell?.close();
  }

  /**
   * @param {string} name one of kEvents
   * @param {(detail: any) => void} listener
   */
  on(name, listener) {
    if (!this.listeners_.has(name)) this.listeners_.set(name, new Set());
    this.listeners_.get(name)?.add(listener);
  }

  /** @param {string} name @param {(detail: any) => void} listener */
  off(name, listener) {
    this.listeners_.get(name)?.delete(listener);
  }

  /**
   * The engine and the flow, loaded once.
   * @returns {Promise<{core: import('./core.js').Core, flow: any}>}
   */
  engine() {
    if (!this.engine_) {
      const base = this.config.base;
      const src = this.config.flowSrc;
      // The server sends the compiled flow, which the small runtime engine reads; a flow
      // document from data-flow-src needs the whole engine (its decoder validates it).
      const flow = src
        ? fetch(src).then((r) => r.json())
        : /** @type {Api} */ (this.api).getFlow(this.config.flowId).then((r) => r.flow);
      const engineFile = src
        ? flow.then((f) => (f && f.compiled ? 'leadq-runtime' : 'leadq-core'))
        : 'leadq-runtime';
      // The view modules come in the same chunk, so starting never waits for them.
      const core = Promise.all([import('./later.js'), engineFile])
          .then(([later, file]) => later.loadCore({ wasmUrl: `${base}core/${file}.wasm` }));
      this.engine_ = Promise.all([core, flow]).then(([c, f]) => {
        this.signals.setCore(c);
        return { core: c, flow: f };
      });
      this.engine_.catch(() => { this.engine_ = null; });
    }
    return this.engine_;
  }

  /** @private Starts (or resumes) the conversation once. */
  start_() {
    if (!this.started_) {
      this.started_ = this.startOnce_().catch(() => {
        this.started_ = null;
        this.shell?.panelSlot.replaceChildren(h('p', { class: 'failed' },
            t(this.uiLanguage, 'failed')));
        this.shell?.ready.then(() => { if (this.shell) this.shell.frame.hidden = !this.shell.isOpen; });
      });
    }
    return this.started_;
  }

  /** @private */
  async startOnce_() {
    const [{ core, flow }, { ChatView, Conversation }] = await Promise.all([
      this.engine(), import('./later.js')]);
    const shell = /** @type {Shell} */ (this.shell);
    const language = core.call('resolve_language', { flow, language: this.config.language }).language;
    this.uiLanguage = pickLanguage(language);
    const as = this.config.previewVisitor;
    const conversation = new Conversation({
      core, flow, flowId: this.config.flowId || String(flow.id), language,
      session: this.session_, api: this.api, visitorId: () => as?.visitor_id || this.visitorId_(),
      signals: () => as?.signals || /** @type {Record<string, unknown>} */ (this.signals.summary()),
      onNetwork: (online) => this.view_?.setStatus(online ? '' : t(this.uiLanguage, 'offline')),
    });
    if (as?.fields) conversation.known = as.fields;
    this.conversation_ = conversation;
    const view = new ChatView(this.uiLanguage, {
      closable: shell.mode !== 'inline', typingMs: this.config.typingMs,
      onClose: () => this.close(),
      onBack: () => this.back_(),
    });
    this.view_ = view;
    addEventListener('offline', () => view.setStatus(t(this.uiLanguage, 'offline')));
    shell.setPanel(view.el);
    await shell.ready;
    shell.frame.hidden = !shell.isOpen;
    if (conversation.resumed) {
      await this.replay_(true);
    } else {
      this.emit_('start', { flow: flow.id, language });
      if (this.consent.allowed && this.api && this.local_.get('visitor')) {
        // A returning visitor who consented: the server may know some answers already.
        // The first question shows at once; if the profile arrives before the visitor
        // answers and changes the turn, the conversation is shown again without them.
        const first = JSON.stringify(conversation.turn().question);
        conversation.ensureSession().then(() => {
          if (conversation.state.answers.length === 0 &&
              JSON.stringify(conversation.turn().question) !== first) this.replay_(true);
        }, () => {});
      }
      await this.present_(conversation.turn(), false);
    }
  }

  /** @private @returns {string} */
  visitorId_() {
    if (this.consent.allowed) {
      const known = this.local_.get('visitor');
      if (typeof known === 'string' && known) return known;
      const id = this.conversation_?.state.visitor_id || randomId();
      this.local_.set('visitor', id);
      return id;
    }
    return this.conversation_?.state.visitor_id || randomId();
  }

  /**
   * @private Shows a turn: its messages, then its question or its outcome.
   * @param {import('./core.js').Turn} turn
   * @param {boolean} instant no typing indicator (replays)
   */
  async present_(turn, instant) {
    const view = /** @type {import('./chat.js').ChatView} */ (this.view_);
    const conversation = /** @type {import('./conversation.js').Conversation} */ (this.conversation_);
    this.busy_ = true;
    view.setBack(false);
    try {
      for (const message of turn.messages) {
        if (!(await view.say(message, instant))) return;
      }
      view.setProgress(turn.progress.asked, turn.progress.total);
      if (turn.done || !turn.question) {
        view.showResult(turn.outcome);
        if (!instant) {
          const detail = { flow: conversation.flow.id, outcome: turn.outcome, fields: turn.fields };
          this.emit_('complete', detail);
          if (turn.outcome.triage === 'qualified') this.emit_('qualified', detail);
        }
        return;
      }
      const question = turn.question;
      const prompt = await view.say(question.text, instant);
      if (!prompt) return;
      if (question.help) prompt.append(h('span', { class: 'help' }, question.help));
      view.ask(question, prompt, {
        check: (value) => this.check_(question.id, value, true),
        submit: (value, label) => this.submit_(question, value, label),
      }, this.wantsFocus_);
      view.setBack(Boolean(turn.previous_step));
    } finally {
      this.busy_ = false;
    }
  }

  /**
   * @private @returns {string} "" when `value` is acceptable, else the engine's message
   * @param {string} step @param {unknown} value @param {boolean} quietWhenEmpty
   */
  check_(step, value, quietWhenEmpty) {
    if (quietWhenEmpty && (value === '' || value === null)) return '';
    try {
      /** @type {import('./conversation.js').Conversation} */ (this.conversation_).check(step, value);
      return '';
    } catch (e) {
      return /** @type {Error} */ (e).message;
    }
  }

  /**
   * @private
   * @param {import('./core.js').QuestionView} question
   * @param {unknown} value
   * @param {string} label
   * @returns {string} "" when accepted, else the message to show
   */
  submit_(question, value, label) {
    if (this.busy_) return '';
    const conversation = /** @type {import('./conversation.js').Conversation} */ (this.conversation_);
    const view = /** @type {import('./chat.js').ChatView} */ (this.view_);
    let normalised;
    try {
      normalised = conversation.check(question.id, value);
    } catch (e) {
      return /** @type {Error} */ (e).message;
    }
    this.wantsFocus_ = true;
    view.controls.replaceChildren();
    view.userSays(label || String(normalised ?? ''));
    const turn = conversation.answer(question.id, normalised);
    // A preview (the console's) also gets the engine's turn: the outcome so far and the
    // next question. A site's page never does: its scripts see no answers.
    this.emit_('step', { flow: conversation.flow.id, step: question.id, field: question.field,
      progress: turn.progress, ...(this.config.preview ? { turn } : {}) });
    if (question.type === 'consent' && normalised === true) {
      this.consent.set(true, question.consent_version || 'flow');
    }
    this.present_(turn, false);
    return '';
  }

  /** @private Back to the previous question. */
  async back_() {
    const conversation = this.conversation_;
    if (!conversation || this.busy_) return;
    const step = conversation.turn().previous_step;
    if (!step) return;
    conversation.back(step);
    this.wantsFocus_ = true;
    await this.replay_(true);
  }

  /**
   * @private Re-renders the whole transcript from the answers (resume, back).
   * @param {boolean} instant
   */
  async replay_(instant) {
    const conversation = /** @type {import('./conversation.js').Conversation} */ (this.conversation_);
    const view = /** @type {import('./chat.js').ChatView} */ (this.view_);
    view.clear();
    const answers = conversation.state.answers;
    for (let i = 0; i < answers.length; i++) {
      const turn = conversation.turn(i);
      for (const message of turn.messages) await view.say(message, true);
      if (turn.question) {
        await view.say(turn.question.text, true);
        view.userSays(labelOf(turn.question, answers[i].value, this.uiLanguage));
      }
    }
    await this.present_(conversation.turn(), instant);
  }

  /**
   * Records the site's or the flow's consent decision.
   * @param {boolean} given
   * @param {string} [version]
   */
  setConsent(given, version = 'site') {
    this.consent.set(given, version);
  }

  /** @private @param {boolean} given */
  consentChanged_(given) {
    if (given) {
      const id = this.visitorId_();
      this.signals.start();
      this.api?.postConsent(id, this.consent.version, true).catch(() => {});
    } else {
      this.signals.stop();
      const id = this.conversation_?.state.visitor_id;
      if (id) this.api?.postConsent(id, this.consent.version || 'site', false).catch(() => {});
    }
  }

  /**
   * @private
   * @param {string} name
   * @param {Record<string, unknown>} detail
   */
  emit_(name, detail) {
    const target = this.shell?.host || document;
    target.dispatchEvent(new CustomEvent(`leadq:${name}`, { detail, bubbles: true, composed: true }));
    for (const listener of this.listeners_.get(name) || []) {
      try {
        listener(detail);
      } catch (e) {
        setTimeout(() => { throw e; });
      }
    }
    if (this.config.dataLayer) {
      const w = /** @type {any} */ (window);
      (w.dataLayer = w.dataLayer || []).push({ event: `leadq_${name}`, leadq: detail });
    }
  }
}

/**
 * How an answer reads in the transcript.
 * @param {import('./core.js').QuestionView} question
 * @param {unknown} value
 * @param {import('./i18n.js').Language} language
 */
export function labelOf(question, value, language) {
  if (typeof value === 'boolean') return t(language, value ? 'yes' : 'no');
  const label = (/** @type {unknown} */ v) =>
    question.choices.find((c) => c.value === v)?.label ?? String(v);
  if (Array.isArray(value)) return value.map(label).join(', ');
  return value === null || value === undefined ? '—' : label(value);
}
