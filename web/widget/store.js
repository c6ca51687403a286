// Device storage behind one small interface, so that every write is deliberate: the open
// conversation lives in sessionStorage (gone when the tab closes); anything that outlives
// the tab goes to localStorage and only after consent (see privacy.js). Storage that
// throws (sandboxed frames, full quota, disabled cookies) degrades to memory.

export class Store {
  /**
   * @param {'sessionStorage' | 'localStorage'} kind
   * @param {string} prefix namespace of every key, e.g. "leadq:demo-site:"
   */
  constructor(kind, prefix) {
    /** @private @type {Storage | null} */
    this.area_ = null;
    try {
      this.area_ = window[kind];
    } catch {
      this.area_ = null;
    }
    /** @private */ this.prefix_ = prefix;
    /** @private @type {Map<string, string>} */ this.memory_ = new Map();
  }

  /**
   * @param {string} key
   * @returns {any} the stored JSON value, or null
   */
  get(key) {
    let text = this.memory_.get(key) ?? null;
    try {
      if (this.area_) text = this.area_.getItem(this.prefix_ + key) ?? text;
    } catch { /* memory only */ }
    if (text === null) return null;
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  }

  /** @param {string} key @param {unknown} value */
  set(key, value) {
    const text = JSON.stringify(value);
    this.memory_.set(key, text);
    try {
      this.area_?.setItem(this.prefix_ + key, text);
    } catch { /* memory only */ }
  }

  /** @param {string} key */
  remove(key) {
    this.memory_.delete(key);
    try {
      this.area_?.removeItem(this.prefix_ + key);
    } catch { /* nothing stored */ }
  }
}

/** A random id (RFC 4122 v4 shape), also where crypto.randomUUID is unavailable. */
export function randomId() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
