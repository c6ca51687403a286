// Where the widget lives on the host page: a <leadq-chat> element with a shadow root
// (host CSS cannot reach in, ours cannot leak out), styled by widget.css through a
// <link> (allowed by a strict style-src, unlike injected <style>), in one of three modes:
//   inline  inside a host element, always open;
//   popup   a centred modal dialog, opened by leadq('open') or [data-leadq-open] buttons;
//   bubble  a launcher in a corner opening a chat panel, with an optional greeting.

import { h } from './dom.js';
import { t } from './i18n.js';

/** @typedef {'inline' | 'popup' | 'bubble'} Mode */

export class Shell {
  /**
   * @param {{mode: Mode, target: Element | null, cssUrl: string, position: string,
   *   language: import('./i18n.js').Language, onOpen: () => void}} options
   */
  constructor(options) {
    this.mode = options.mode;
    /** @private */ this.options_ = options;
    this.host = document.createElement('leadq-chat');
    this.host.setAttribute('data-mode', options.mode);
    /** @private */ this.root_ = this.host.attachShadow({ mode: 'open' });
    this.frame = h('div', { class: `frame ${options.mode} ${options.position}`, hidden: true });
    this.isOpen = options.mode === 'inline';
    /** @private @type {HTMLElement | null} */ this.launcher_ = null;
    /** @private @type {HTMLElement | null} */ this.greeting_ = null;
    /** @private @type {HTMLElement | null} */ this.returnFocus_ = null;
    const link = h('link', { rel: 'stylesheet', href: options.cssUrl });
    this.ready = new Promise((resolve) => {
      link.addEventListener('load', () => resolve(true));
      link.addEventListener('error', () => resolve(false));
    });
    this.root_.append(link);
    const lang = options.language;
    if (options.mode === 'bubble') {
      this.launcher_ = h('button', { type: 'button', class: `launcher ${options.position}`,
        'aria-label': t(lang, 'open'), 'aria-expanded': 'false', onclick: () => this.toggle() },
      h('span', { class: 'icon', 'aria-hidden': 'true' }));
      this.root_.append(this.launcher_);
    }
    if (options.mode === 'popup') {
      this.frame.append(h('div', { class: 'backdrop', onclick: () => this.close() }));
    }
    this.panelSlot = h('div', { class: 'slot' });
    this.frame.append(this.panelSlot);
    this.root_.append(this.frame);
    this.root_.addEventListener('keydown', (e) => this.onKey_(/** @type {KeyboardEvent} */ (e)));
    // Escape also works when focus fell back to the page (e.g. after the last answer).
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.isOpen && this.mode !== 'inline' && !e.defaultPrevented) {
        this.close();
      }
    });
    if (options.mode === 'inline') {
      (options.target || document.body).append(this.host);
      this.frame.hidden = false;
    } else {
      document.body.append(this.host);
    }
  }

  /** @param {HTMLElement} panel */
  setPanel(panel) {
    if (this.mode !== 'inline') panel.setAttribute('role', 'dialog');
    if (this.mode === 'popup') panel.setAttribute('aria-modal', 'true');
    this.panelSlot.replaceChildren(panel);
  }

  open() {
    if (this.isOpen) return;
    this.hideGreeting_();
    const active = document.activeElement;
    this.returnFocus_ = active instanceof HTMLElement && active !== document.body ? active : null;
    this.isOpen = true;
    this.frame.hidden = false;
    this.launcher_?.setAttribute('aria-expanded', 'true');
    this.launcher_?.classList.add('open');
    this.options_.onOpen();
  }

  close() {
    if (!this.isOpen || this.mode === 'inline') return;
    this.isOpen = false;
    this.frame.hidden = true;
    this.launcher_?.setAttribute('aria-expanded', 'false');
    this.launcher_?.classList.remove('open');
    (this.launcher_ || this.returnFocus_)?.focus();
  }

  toggle() {
    if (this.isOpen) this.close();
    else this.open();
  }

  /** Shows the proactive greeting next to the launcher (bubble mode only). @param {string} text */
  showGreeting(text) {
    if (this.mode !== 'bubble' || this.isOpen || this.greeting_) return;
    const lang = this.options_.language;
    this.greeting_ = h('div', { class: `greeting ${this.options_.position}`, role: 'status' },
        h('button', { type: 'button', class: 'greeting-text', onclick: () => this.open() }, text),
        h('button', { type: 'button', class: 'greeting-close', 'aria-label': t(lang, 'dismiss'),
          onclick: () => this.hideGreeting_() }, h('span', { 'aria-hidden': 'true' }, '×')));
    this.root_.append(this.greeting_);
  }

  /** @private */
  hideGreeting_() {
    this.greeting_?.remove();
    this.greeting_ = null;
  }

  /** @private @param {KeyboardEvent} e */
  onKey_(e) {
    if (e.key === 'Escape' && this.isOpen && this.mode !== 'inline') {
      e.preventDefault();
      this.close();
      return;
    }
    if (e.key !== 'Tab' || this.mode !== 'popup' || !this.isOpen) return;
    // Keep focus inside the modal dialog.
    const focusable = /** @type {HTMLElement[]} */ (Array.from(this.frame.querySelectorAll(
        'button:not([disabled]):not([hidden]), input, textarea, [tabindex="0"]')))
        .filter((el) => el.offsetParent !== null);
    if (!focusable.length) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = this.root_.activeElement;
    if (e.shiftKey && active === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first.focus();
    }
  }
}
