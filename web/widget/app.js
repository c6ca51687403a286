// Boot: reads the script tag's data-attributes, creates the widget, and replaces the
// queue stub with the real command function, replaying the calls made before load.
//
// Commands: leadq('open'), leadq('close'), leadq('toggle'), leadq('on', event, fn),
// leadq('off', event, fn), leadq('consent', true|false). Each is also a method:
// leadq.open(), leadq.on('qualified', fn), ...

import { pickLanguage, t } from './i18n.js';
import { Widget } from './widget.js';

// The lazy chunk (later.js, bundled) takes the helpers it shares with the launcher from
// app.js, which is loaded already (see scripts/build-widget.mjs).
export { h, uid } from './dom.js';
export { duration, t } from './i18n.js';
export { randomId } from './store.js';

/**
 * @param {HTMLScriptElement} script the loader's script element
 * @param {string} base URL of the widget folder, ending in "/"
 * @returns {import('./widget.js').Config}
 */
function readConfig(script, base) {
  const d = script.dataset;
  const mode = d.mode === 'inline' || d.mode === 'popup' ? d.mode : 'bubble';
  const delay = Number(d.greetingDelay);
  const typing = Number(d.typingMs);
  const apiBase = d.api || new URL('/api/v1', script.src).href;
  return {
    site: d.site || '',
    flowId: d.flow || '',
    flowSrc: d.flowSrc ? new URL(d.flowSrc, location.href).href : '',
    apiBase,
    base,
    mode,
    target: mode === 'inline' ? document.querySelector(d.target || '[data-leadq-inline]') : null,
    language: d.lang || document.documentElement.lang || navigator.language || 'en',
    position: d.position === 'left' ? 'left' : 'right',
    greeting: d.greeting === undefined ? '' : d.greeting,
    greetingDelay: Number.isFinite(delay) && delay >= 0 ? delay : 5,
    greetingMatch: d.greetingMatch || '',
    dataLayer: d.datalayer === 'true' || d.datalayer === '',
    typingMs: Number.isFinite(typing) && typing >= 0 ? typing : 450,
    // Only without a site (nothing is sent anywhere): the console's preview of a draft,
    // as the visitor it describes (data-preview-visitor).
    preview: d.preview !== undefined && !d.site,
    previewVisitor: d.preview !== undefined && !d.site ? parseVisitor(d.previewVisitor) : null,
  };
}

/**
 * The visitor a preview plays: {visitor_id, fields, signals} as JSON, or null.
 * @param {string | undefined} text @returns {import('./widget.js').PreviewVisitor | null}
 */
function parseVisitor(text) {
  try {
    const v = JSON.parse(text || 'null');
    return v && typeof v === 'object' ? v : null;
  } catch {
    return null;
  }
}

/**
 * @param {HTMLScriptElement} script
 * @param {string} base
 */
export function boot(script, base) {
  const w = /** @type {any} */ (window);
  const queued = (w.leadq && w.leadq.q) || [];
  const config = readConfig(script, base);
  if (config.greeting === '' && script.hasAttribute('data-greeting')) {
    config.greeting = t(pickLanguage(config.language), 'greeting');
  }
  const widget = new Widget(config);
  /** @type {Record<string, (...args: any[]) => unknown>} */
  const commands = {
    open: () => widget.open(),
    close: () => widget.close(),
    toggle: () => (widget.shell?.isOpen ? widget.close() : widget.open()),
    on: (name, fn) => typeof fn === 'function' && widget.on(String(name), fn),
    off: (name, fn) => widget.off(String(name), fn),
    consent: (given, version) => widget.setConsent(Boolean(given), version ? String(version) : 'site'),
    flush: () => widget.signals.flush(),
  };
  /** @type {(command: string, ...args: any[]) => unknown} */
  const leadq = (command, ...args) => {
    const run = commands[command];
    return run ? run(...args) : undefined;
  };
  for (const name of Object.keys(commands)) {
    /** @type {any} */ (leadq)[name] = (/** @type {any[]} */ ...args) => leadq(name, ...args);
  }
  /** @type {any} */ (leadq).loaded = true;
  /** @type {any} */ (leadq).widget = widget;
  w.leadq = leadq;
  widget.mount();
  for (const args of queued) {
    const [command, ...rest] = Array.from(/** @type {any[]} */ (args));
    leadq(command, ...rest);
  }
}
