// Consent and the browser's privacy signals. Tracking (implicit signals, a visitor id
// that outlives the tab) needs consent, given either by the flow's consent question or
// by the site through leadq('consent', true), and never happens when the browser sends
// Global Privacy Control or Do-Not-Track.

/** True when the visitor's browser asks not to be tracked (GPC or DNT). */
export function trackingRefused() {
  const nav = /** @type {any} */ (navigator);
  return nav.globalPrivacyControl === true || nav.doNotTrack === '1' ||
      nav.doNotTrack === 'yes' || /** @type {any} */ (window).doNotTrack === '1';
}

export class Consent {
  /** @param {import('./store.js').Store} local the persistent (localStorage) store */
  constructor(local) {
    /** @private */ this.local_ = local;
    /** @private @type {Array<(given: boolean) => void>} */ this.listeners_ = [];
    const saved = trackingRefused() ? null : local.get('consent');
    /** @type {boolean} */
    this.given = Boolean(saved && saved.given);
    /** @type {string} */
    this.version = (saved && saved.version) || '';
  }

  /** Whether tracking may happen now. */
  get allowed() {
    return this.given && !trackingRefused();
  }

  /**
   * Records a decision. Giving consent under GPC/DNT is remembered for nothing: the
   * browser's signal wins.
   * @param {boolean} given
   * @param {string} version the consent text's version ("site" when the site declared it)
   * @returns {boolean} whether the decision changed what may happen
   */
  set(given, version) {
    if (trackingRefused()) return false;
    const changed = given !== this.given;
    this.given = given;
    this.version = version;
    if (given) {
      this.local_.set('consent', { given, version, at_ms: Date.now() });
    } else {
      for (const key of ['consent', 'visitor', 'signals', 'signals_pending']) this.local_.remove(key);
    }
    if (changed) for (const listener of this.listeners_) listener(given);
    return changed;
  }

  /** @param {(given: boolean) => void} listener */
  onChange(listener) {
    this.listeners_.push(listener);
  }
}
