// Implicit signals, recorded only while consent allows it: page views (path, title),
// visit count, time on page, the referrer channel and UTM parameters of each visit.
// A summary lives in localStorage (it feeds the engine's profile); the raw events are
// batched in memory and sent with sendBeacon when the page is hidden.

const kVisitGapMs = 30 * 60 * 1000;
const kMaxPages = 20;

const kSearch = /(^|\.)(google|bing|duckduckgo|ecosia|yahoo|baidu|yandex|startpage|qwant)\./;
const kSocial = /(^|\.)(linkedin|facebook|instagram|twitter|x|t|reddit|youtube|xing)\.(com|co)$/;

/**
 * The channel a visit came through.
 * @param {string} referrer document.referrer
 * @param {URLSearchParams} query the landing page's query string
 * @param {string} ownHost
 * @returns {string} direct | paid | email | organic | social | referral | internal
 */
export function channelOf(referrer, query, ownHost) {
  const medium = (query.get('utm_medium') || '').toLowerCase();
  if (/^(cpc|ppc|paid|paidsearch|display|cpm)/.test(medium) || query.has('gclid')) return 'paid';
  if (medium === 'email' || medium === 'newsletter') return 'email';
  if (medium === 'social') return 'social';
  if (!referrer) return medium ? 'referral' : 'direct';
  let host = '';
  try {
    host = new URL(referrer).hostname.toLowerCase();
  } catch {
    return 'direct';
  }
  if (host === ownHost) return 'internal';
  if (kSearch.test(host)) return 'organic';
  if (kSocial.test(host)) return 'social';
  return 'referral';
}

/**
 * @typedef {{
 *   visits: number, page_views: number, time_on_site: number, channel: string,
 *   utm: Record<string, string>, pages: string[], last_activity_ms: number,
 * }} SignalSummary
 */

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
    /** @private */ this.onHide_ = () => this.pageHidden_();
    /** @private */ this.onVisibility_ = () => {
      if (document.visibilityState === 'hidden') this.pageHidden_();
      else this.shownAt_ = Date.now();
    };
  }

  /** The summary the engine reads as profile.signals (empty without consent). */
  summary() {
    /** @type {SignalSummary | null} */
    const saved = this.started_ ? this.local_.get('signals') : null;
    return saved || { visits: 0, page_views: 0, time_on_site: 0, channel: '', utm: {},
      pages: [], last_activity_ms: 0 };
  }

  /** Starts recording (consent was given). Records this page view. */
  start() {
    if (this.started_) return;
    this.started_ = true;
    const now = Date.now();
    const query = new URLSearchParams(location.search);
    const summary = this.summary();
    const newVisit = !summary.last_activity_ms || now - summary.last_activity_ms > kVisitGapMs;
    const path = location.pathname;
    if (newVisit) {
      summary.visits += 1;
      const channel = channelOf(document.referrer, query, location.hostname);
      if (channel !== 'internal') summary.channel = channel;
      /** @type {Record<string, string>} */
      const utm = {};
      for (const [key, value] of query) {
        if (key.startsWith('utm_')) utm[key.slice(4)] = value.slice(0, 200);
      }
      if (Object.keys(utm).length) summary.utm = utm;
      this.batch_.push({ type: 'visit', at_ms: now, visit: summary.visits,
        channel: summary.channel, utm: summary.utm });
    }
    summary.page_views += 1;
    summary.pages = [path, ...summary.pages.filter((p) => p !== path)].slice(0, kMaxPages);
    summary.last_activity_ms = now;
    this.local_.set('signals', summary);
    this.batch_.push({ type: 'page_view', path, title: document.title.slice(0, 200), at_ms: now });
    this.shownAt_ = now;
    addEventListener('pagehide', this.onHide_);
    document.addEventListener('visibilitychange', this.onVisibility_);
  }

  /** Stops recording and forgets the batch (consent withdrawn). */
  stop() {
    this.started_ = false;
    this.batch_ = [];
    removeEventListener('pagehide', this.onHide_);
    document.removeEventListener('visibilitychange', this.onVisibility_);
  }

  /** @private Adds the time on page and sends the batch. */
  pageHidden_() {
    if (!this.started_ || !this.shownAt_) return;
    const now = Date.now();
    const seconds = Math.round((now - this.shownAt_) / 1000);
    this.shownAt_ = 0;
    const summary = this.summary();
    summary.time_on_site += seconds;
    summary.last_activity_ms = now;
    this.local_.set('signals', summary);
    this.batch_.push({ type: 'time_on_page', path: location.pathname, seconds, at_ms: now });
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
