// Implicit signals, recorded only while consent allows it: page views (path, title, the
// referrer and the landing page's UTM tags and parameter names) and time on page. What
// they mean — visits, the entry channel, the pages kept — is the engine's decision: the
// events are folded into the summary by the core (its fold_events operation, the same
// code the server runs on the events it stores), as soon as the engine is loaded. The
// summary and the events not yet folded live in localStorage; the raw events are batched
// in memory and sent with sendBeacon when the page is hidden.

/** Events kept for folding while the engine loads (a page records one or two). */
const kMaxPending = 100;

/**
 * @typedef {{
 *   visits: number, page_views: number, time_on_site: number, channel: string,
 *   utm: Record<string, string>, pages: string[], pages_seen_ms?: number[],
 *   last_activity_ms: number,
 * }} SignalSummary
 */

/** @returns {SignalSummary} */
function emptySummary() {
  return { visits: 0, page_views: 0, time_on_site: 0, channel: '', utm: {}, pages: [],
    last_activity_ms: 0 };
}

/**
 * The page view of this page, as the engine reads events (leadq/signals.h).
 * @param {number} now
 */
export function pageViewEvent(now) {
  const query = new URLSearchParams(location.search);
  /** @type {Record<string, string>} */
  const utm = {};
  /** @type {string[]} */
  const params = [];
  for (const [key, value] of query) {
    if (key.startsWith('utm_')) utm[key.slice(4)] = value.slice(0, 200);
    else if (params.length < 20 && key.length <= 64 && !params.includes(key)) params.push(key);
  }
  /** @type {Record<string, unknown>} */
  const event = { type: 'page_view', path: location.pathname.slice(0, 2048),
    title: document.title.slice(0, 200), host: location.hostname,
    referrer: document.referrer.slice(0, 2048), at_ms: now };
  if (Object.keys(utm).length) event.utm = utm;
  if (params.length) event.params = params;
  return event;
}

export class Signals {
  /**
   * @param {import('./store.js').Store} local persistent store (written only when started)
   * @param {import('./api.js').Api} api
   * @param {() => string} visitorId
   */
  constructor(local, api, visitorId) {
    /** @private */ this.local_ = local;
    /** @private */ this.api_ = api;
    /** @private */ this.visitorId_ = visitorId;
    /** @private @type {Array<Record<string, unknown>>} */ this.batch_ = [];
    /** @private */ this.started_ = false;
    /** @private */ this.shownAt_ = 0;
    /** @private @type {import('./core.js').Core | null} */ this.core_ = null;
    /** @private */ this.onHide_ = () => this.pageHidden_();
    /** @private */ this.onVisibility_ = () => {
      if (document.visibilityState === 'hidden') this.pageHidden_();
      else this.shownAt_ = Date.now();
    };
  }

  /**
   * The engine, once loaded: events recorded before it came are folded now.
   * @param {import('./core.js').Core} core
   */
  setCore(core) {
    this.core_ = core;
    if (this.started_) this.fold_([]);
  }

  /** The summary the engine reads as profile.signals (empty without consent). */
  summary() {
    if (!this.started_) return emptySummary();
    this.fold_([]);
    /** @type {SignalSummary | null} */
    const saved = this.local_.get('signals');
    return saved || emptySummary();
  }

  /** Starts recording (consent was given). Records this page view. */
  start() {
    if (this.started_) return;
    this.started_ = true;
    const now = Date.now();
    const event = pageViewEvent(now);
    this.batch_.push(event);
    this.fold_([event]);
    this.shownAt_ = now;
    addEventListener('pagehide', this.onHide_);
    document.addEventListener('visibilitychange', this.onVisibility_);
  }

  /**
   * @private Folds what is pending, and `events`, into the stored summary through the
   * engine; without it, keeps them pending.
   * @param {Array<Record<string, unknown>>} events
   */
  fold_(events) {
    /** @type {Array<Record<string, unknown>>} */
    const pending = [...(this.local_.get('signals_pending') || []), ...events].slice(-kMaxPending);
    if (!pending.length) return;
    if (!this.core_) {
      this.local_.set('signals_pending', pending);
      return;
    }
    try {
      const folded = this.core_.call('fold_events',
          { signals: this.local_.get('signals'), events: pending });
      this.local_.set('signals', folded.signals);
    } catch {
      // A summary the engine refuses (written by another version) starts afresh.
      this.local_.remove('signals');
    }
    this.local_.remove('signals_pending');
  }

  /** Stops recording and forgets the batch (consent withdrawn). */
  stop() {
    this.started_ = false;
    this.batch_ = [];
    removeEventListener('pagehide', this.onHide_);
    document.removeEventListener('visibilitychange', this.onVisibility_);
  }

  /** @private Records the time on page and sends the batch. */
  pageHidden_() {
    if (!this.started_ || !this.shownAt_) return;
    const now = Date.now();
    const seconds = Math.min(86400, Math.round((now - this.shownAt_) / 1000));
    this.shownAt_ = 0;
    const event = { type: 'time_on_page', path: location.pathname.slice(0, 2048), seconds,
      at_ms: now };
    this.batch_.push(event);
    this.fold_([event]);
    this.flush();
  }

  /** Sends what is batched (also called by tests through leadq('flush')). */
  flush() {
    if (!this.started_ || this.batch_.length === 0) return;
    const events = this.batch_;
    this.batch_ = [];
    this.api_.sendEvents(this.visitorId_(), events);
  }
}
