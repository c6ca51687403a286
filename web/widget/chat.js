// The chat view: a log of bot and visitor messages (an ARIA live region), a typing
// indicator, the current question's controls (choice buttons or a validated input), a
// progress bar and a back button. It renders what it is given and reports what the
// visitor does; all decisions are the engine's.

import { h, uid } from './dom.js';
import { duration, t } from './i18n.js';

/** @typedef {import('./core.js').QuestionView} QuestionView */
/** @typedef {import('./i18n.js').Language} Language */

/**
 * @typedef {{
 *   submit: (value: unknown, label: string) => string,
 *   check: (value: unknown) => string,
 * }} QuestionHandlers submit returns "" when accepted or the message to show; check
 *   returns the live validation message ("" when fine)
 */

/** The question types answered by pressing one button. */
const kChoiceTypes = new Set(['single_choice', 'money_range', 'timeframe', 'yes_no', 'consent',
  'scale']);
/** Text question types the browser has an input type for (also its keyboard and autofill). */
const kInputKinds = /** @type {Record<string, string>} */ ({ email: 'email', phone: 'tel',
  url: 'url' });

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class ChatView {
  /**
   * @param {Language} language
   * @param {{closable: boolean, onClose: () => void, onBack: () => void, typingMs: number}} options
   */
  constructor(language, options) {
    /** @private */ this.language_ = language;
    /** @private */ this.options_ = options;
    /** @private */ this.typingMs_ = options.typingMs;
    const titleId = uid('title');
    /** @private */ this.log_ = h('div', { class: 'log', role: 'log', 'aria-live': 'polite',
      'aria-label': t(language, 'log'), tabindex: '0' });
    /** @private */ this.bar_ = h('span', { class: 'bar' });
    /** @private */ this.progress_ = h('div', { class: 'progress', role: 'progressbar',
      'aria-valuemin': '0', 'aria-valuemax': '1', 'aria-valuenow': '0',
      'aria-label': t(language, 'progress', { n: 1, total: 1 }) }, this.bar_);
    this.controls = h('div', { class: 'controls' });
    /** @private */ this.backButton_ = h('button', { type: 'button', class: 'back', hidden: true,
      'aria-label': t(language, 'backLabel'), onclick: () => options.onBack() },
    h('span', { 'aria-hidden': 'true', class: 'arrow' }, '‹'), t(language, 'back'));
    /** @private */ this.stepLabel_ = h('span', { class: 'step', 'aria-hidden': 'true' });
    /** @private */ this.status_ = h('p', { class: 'status', role: 'status' });
    // Keep the newest message in view whenever the controls change height.
    new ResizeObserver(() => this.scroll_()).observe(this.controls);
    this.el = h('section', { class: 'panel', 'aria-labelledby': titleId },
        h('header', { class: 'head' },
            h('span', { class: 'avatar', 'aria-hidden': 'true' }, h('span', { class: 'dot' })),
            h('div', { class: 'titles' },
                h('h2', { class: 'title', id: titleId }, t(language, 'title')),
                h('p', { class: 'subtitle' }, t(language, 'subtitle'))),
            options.closable ? h('button', { type: 'button', class: 'close',
              'aria-label': t(language, 'close'), onclick: () => options.onClose() },
            h('span', { 'aria-hidden': 'true' }, '×')) : null),
        this.progress_, this.log_, this.status_, this.controls,
        h('footer', { class: 'foot' }, this.backButton_, this.stepLabel_));
    /** @private */ this.generation_ = 0;
  }

  /** Removes every message and control (before replaying a conversation). */
  clear() {
    this.generation_ += 1;
    this.log_.replaceChildren();
    this.controls.replaceChildren();
  }

  /** @private */
  scroll_() {
    this.log_.scrollTop = this.log_.scrollHeight;
  }

  /**
   * Shows a bot message, after a short typing indicator unless `instant`.
   * @param {string} text
   * @param {boolean} instant
   * @returns {Promise<HTMLElement | null>} the message, or null when cleared meanwhile
   */
  async say(text, instant) {
    const generation = this.generation_;
    if (!instant && this.typingMs_ > 0) {
      const typing = h('div', { class: 'msg bot typing', 'aria-hidden': 'true',
        title: t(this.language_, 'typing') }, h('i'), h('i'), h('i'));
      this.log_.append(typing);
      this.scroll_();
      await sleep(Math.min(this.typingMs_ * 2, this.typingMs_ + text.length * 6));
      typing.remove();
      if (generation !== this.generation_) return null;
    }
    const message = h('div', { class: 'msg bot' }, text);
    this.log_.append(message);
    this.scroll_();
    return message;
  }

  /** @param {string} text what the visitor answered, as shown to them */
  userSays(text) {
    this.log_.append(h('div', { class: 'msg user' },
        h('span', { class: 'sr' }, t(this.language_, 'you') + ': '), text));
    this.scroll_();
  }

  /**
   * @param {number} asked questions answered so far
   * @param {number} total
   */
  setProgress(asked, total) {
    const n = Math.min(asked + 1, Math.max(total, 1));
    this.progress_.setAttribute('aria-valuemax', String(total));
    this.progress_.setAttribute('aria-valuenow', String(asked));
    const label = t(this.language_, 'progress', { n, total });
    this.progress_.setAttribute('aria-label', label);
    this.bar_.style.transform = `scaleX(${total ? asked / total : 0})`;
    this.stepLabel_.textContent = total ? label : '';
  }

  /** @param {boolean} enabled */
  setBack(enabled) {
    this.backButton_.hidden = !enabled;
  }

  /** @param {string} text "" hides the status line */
  setStatus(text) {
    this.status_.textContent = text;
  }

  /**
   * Shows the controls for `question`.
   * @param {QuestionView} question
   * @param {HTMLElement} prompt the bot message holding the question (labels the controls)
   * @param {QuestionHandlers} handlers
   * @param {boolean} focus move keyboard focus to the first control
   */
  ask(question, prompt, handlers, focus) {
    prompt.id = uid('q');
    const error = h('p', { class: 'error', id: uid('err'), 'aria-live': 'assertive' });
    /** @param {string} message */
    const showError = (message) => {
      error.textContent = message;
      this.controls.classList.toggle('invalid', Boolean(message));
    };
    /** @type {HTMLElement} */
    let body;
    if (kChoiceTypes.has(question.type)) {
      body = this.choiceButtons_(question, prompt.id, handlers, showError);
    } else if (question.type === 'multiple_choice') {
      body = this.multiChoice_(question, prompt.id, handlers, showError);
    } else {
      body = this.textInput_(question, prompt.id, error.id, handlers, showError);
    }
    // The message goes above the controls, which sit at the bottom of the panel: showing
    // or hiding it never moves the button under the visitor's pointer.
    this.controls.replaceChildren(error, body);
    this.scroll_();  // the controls took room from the log
    if (focus) this.focus();
  }

  /** Moves focus to the first control of the current question. */
  focus() {
    const first = /** @type {HTMLElement | null} */ (
      this.controls.querySelector('input, textarea, button:not([disabled])'));
    first?.focus({ preventScroll: true });
  }

  /**
   * @private
   * @param {QuestionView} q
   * @param {string} labelledBy
   * @param {QuestionHandlers} handlers
   * @param {(message: string) => void} showError
   */
  choiceButtons_(q, labelledBy, handlers, showError) {
    /** @type {Array<{value: unknown, label: string}>} */
    let options = q.choices;
    if (q.type === 'yes_no' || q.type === 'consent') {
      options = [{ value: true, label: t(this.language_, 'yes') },
        { value: false, label: t(this.language_, 'no') }];
    } else if (q.type === 'scale') {
      options = [];
      for (let n = q.min ?? 1; n <= (q.max ?? 5); n++) options.push({ value: n, label: String(n) });
    }
    const group = h('div', { class: `choices ${q.type === 'scale' ? 'scale' : ''}`,
      role: 'group', 'aria-labelledby': labelledBy });
    for (const option of options) {
      group.append(h('button', { type: 'button', class: 'choice',
        onclick: () => showError(handlers.submit(option.value, option.label)) }, option.label));
    }
    if (q.type !== 'money_range') return group;
    // A visitor may type an amount instead: the engine stores the band that holds it.
    const amount = h('input', { class: 'input', inputmode: 'decimal', autocomplete: 'off',
      'aria-label': t(this.language_, 'amount'), placeholder: t(this.language_, 'amount') });
    return h('div', {}, group, h('form', { class: 'answer', novalidate: true,
      onsubmit: (/** @type {Event} */ e) => {
        e.preventDefault();
        showError(handlers.submit(amount.value, amount.value.trim()));
      } }, amount, h('button', { type: 'submit', class: 'send' }, t(this.language_, 'send'))));
  }

  /**
   * @private
   * @param {QuestionView} q
   * @param {string} labelledBy
   * @param {QuestionHandlers} handlers
   * @param {(message: string) => void} showError
   */
  multiChoice_(q, labelledBy, handlers, showError) {
    const boxes = q.choices.map((choice) => {
      const input = h('input', { type: 'checkbox', value: choice.value });
      return { choice, input, el: h('label', { class: 'choice check' }, input, h('span', {}, choice.label)) };
    });
    return h('form', { class: 'multi', onsubmit: (/** @type {Event} */ e) => {
      e.preventDefault();
      const picked = boxes.filter((b) => b.input.checked);
      showError(handlers.submit(picked.map((b) => b.choice.value),
          picked.map((b) => b.choice.label).join(', ')));
    } },
    h('fieldset', { 'aria-labelledby': labelledBy },
        h('p', { class: 'hint' }, t(this.language_, 'multiHint')),
        h('div', { class: 'choices' }, ...boxes.map((b) => b.el))),
    h('button', { type: 'submit', class: 'send' }, t(this.language_, 'send')));
  }

  /**
   * @private
   * @param {QuestionView} q
   * @param {string} labelledBy
   * @param {string} errorId
   * @param {QuestionHandlers} handlers
   * @param {(message: string) => void} showError
   */
  textInput_(q, labelledBy, errorId, handlers, showError) {
    const kind = kInputKinds[q.type];
    /** @type {Record<string, string | boolean | number>} */
    const attrs = { class: 'input', 'aria-labelledby': labelledBy, 'aria-describedby': errorId,
      placeholder: t(this.language_, 'placeholder'), autocomplete: kind || 'off',
      'aria-required': q.required ? 'true' : 'false' };
    if (q.max_length) attrs.maxlength = q.max_length;
    const field = q.type === 'long_text'
      ? h('textarea', { ...attrs, rows: 3 })
      : h('input', { ...attrs, type: kind || 'text',
        inputmode: kind || (q.type === 'number' ? 'decimal' : 'text'),
        spellcheck: q.type === 'short_text' });
    let touched = false;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    const live = () => {
      const message = handlers.check(field.value);
      field.setAttribute('aria-invalid', message ? 'true' : 'false');
      showError(message);
    };
    field.addEventListener('input', () => {
      clearTimeout(timer);
      if (touched) timer = setTimeout(live, 250);
    });
    field.addEventListener('blur', () => {
      if (field.value.trim()) {
        touched = true;
        live();
      }
    });
    if (field instanceof HTMLTextAreaElement) {
      field.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.requestSubmit();
      });
    }
    const form = h('form', { class: 'answer', novalidate: true,
      onsubmit: (/** @type {Event} */ e) => {
        e.preventDefault();
        clearTimeout(timer);
        touched = true;
        const message = handlers.submit(field.value, field.value.trim());
        field.setAttribute('aria-invalid', message ? 'true' : 'false');
        showError(message);
        if (message) field.focus();
      } },
    field, q.unit ? h('span', { class: 'unit' }, q.unit) : null,
    h('button', { type: 'submit', class: 'send' }, t(this.language_, 'send')));
    return form;
  }

  /**
   * Shows the outcome the engine computed, in the visitor's words.
   * @param {import('./core.js').Outcome} outcome
   */
  showResult(outcome) {
    const lang = this.language_;
    let text = t(lang, 'resultIncomplete');
    if (outcome.triage === 'qualified') {
      text = t(lang, 'resultQualified', { when: outcome.sla
        ? t(lang, 'within', { time: duration(lang, outcome.sla.first_response_minutes) }) : '' });
    } else if (outcome.triage === 'nurture') {
      text = t(lang, 'resultNurture');
    } else if (outcome.triage === 'disqualified') {
      text = t(lang, 'resultNotQualified');
    }
    const reasons = outcome.criteria.map((c) => h('li', {}, c.reason));
    const card = h('div', { class: 'result', 'data-triage': outcome.triage,
      'data-grade': outcome.grade, 'data-points': String(outcome.total_points),
      'data-criteria': outcome.criteria.map((c) => c.id).join(' ') },
    h('p', { class: 'result-text' }, text),
    reasons.length ? h('p', { class: 'why' }, t(lang, 'why')) : null,
    reasons.length ? h('ul', {}, ...reasons) : null);
    this.controls.replaceChildren();
    this.log_.append(card);
    this.scroll_();
    this.setBack(false);
    this.stepLabel_.textContent = '';
  }
}
