// The leadq server's HTTP API as the widget uses it (base path /api/v1). Every call
// resolves with the parsed body or rejects with an ApiError; nothing here retries (the
// outbox in sync.js does).

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, or 0 when the server could not be reached
   * @param {string} code the server's error code, or "network"
   * @param {string} message
   */
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }

  /** True when trying again later may succeed (network trouble, 408, 429, 5xx). */
  get retryable() {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

export class Api {
  /**
   * @param {string} base the server's origin plus "/api/v1", e.g. "https://x.example/api/v1"
   * @param {string} site the site key
   */
  constructor(base, site) {
    /** @private */ this.base_ = base.replace(/\/$/, '');
    /** @private */ this.site_ = site;
  }

  /**
   * @private
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<any>}
   */
  async request_(method, path, body) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 15000);
    /** @type {Response} */
    let response;
    try {
      response = await fetch(this.base_ + path, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        // An answer given just before the tab closes still reaches the server.
        keepalive: method === 'POST',
        signal: controller.signal,
      });
    } catch (e) {
      throw new ApiError(0, 'network', String(e));
    } finally {
      clearTimeout(timer);
    }
    /** @type {any} */
    let parsed = null;
    try {
      parsed = await response.json();
    } catch { /* an empty or non-JSON body */ }
    if (!response.ok) {
      const error = (parsed && parsed.error) || {};
      throw new ApiError(response.status, String(error.code || 'http_' + response.status),
          String(error.message || response.statusText));
    }
    return parsed;
  }

  /**
   * The published flow, compiled for the runtime engine.
   * @param {string} flowId @returns {Promise<{flow: any, flow_version: number}>}
   */
  getFlow(flowId) {
    return this.request_('GET',
        `/flows/${encodeURIComponent(flowId)}?site=${encodeURIComponent(this.site_)}&form=compiled`);
  }

  /**
   * Starts (or, with a known session_id, resumes) a session.
   * @param {{flow: string, visitor_id?: string, session_id?: string, language?: string}} body
   * @returns {Promise<{session_id: string, visitor_id: string, variant: string,
   *   flow_version: number, profile: {fields: Record<string, unknown>},
   *   answers: Array<{answer_id: string, step: string, value: unknown}>}>}
   */
  startSession(body) {
    return this.request_('POST', '/sessions', { site: this.site_, ...body });
  }

  /**
   * @param {string} sessionId
   * @param {{answer_id: string, step: string, value: unknown}} answer
   * @returns {Promise<{answer_id: string, duplicate: boolean, done: boolean, outcome: any}>}
   */
  postAnswer(sessionId, answer) {
    return this.request_('POST', `/sessions/${encodeURIComponent(sessionId)}/answers`,
        { site: this.site_, ...answer });
  }

  /**
   * @param {string} visitorId
   * @param {string} version
   * @param {boolean} given
   */
  postConsent(visitorId, version, given) {
    return this.request_('POST', '/consent',
        { site: this.site_, visitor_id: visitorId, version, given });
  }

  /**
   * Sends a batch of behaviour events in a way that survives the page going away.
   * @param {string} visitorId
   * @param {Array<Record<string, unknown>>} events
   * @returns {boolean} whether the browser accepted the batch for sending
   */
  sendEvents(visitorId, events) {
    const body = JSON.stringify({ site: this.site_, visitor_id: visitorId, events, consent: true });
    const url = this.base_ + '/events';
    try {
      if (navigator.sendBeacon && navigator.sendBeacon(url,
          new Blob([body], { type: 'application/json' }))) return true;
    } catch { /* fall back to fetch */ }
    fetch(url, { method: 'POST', body, keepalive: true, credentials: 'omit',
      headers: { 'Content-Type': 'application/json' } }).catch(() => {});
    return true;
  }
}
