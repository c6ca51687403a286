// The admin API as the console uses it: a Bearer key, JSON in and out, and every error
// turned into an ApiError with the server's code, message and path.

export class ApiError extends Error {
  /**
   * @param {number} status @param {string} code @param {string} message @param {string} path
   * @param {Record<string, any>} [details] the whole error object (problems, revision, …)
   */
  constructor(status, code, message, path, details = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.path = path;
    this.details = details;
  }

  /** A sentence for the status line. */
  explain() {
    if (this.status === 401) return 'This API key is not valid (any more). Sign in again.';
    if (this.status === 403) return `Your key's role may not do this: ${this.message}.`;
    if (this.status === 0) return `The server did not answer: ${this.message}.`;
    return `${this.message}${this.path ? ` (${this.path})` : ''}.`;
  }
}

/**
 * @typedef {{get: (path: string) => Promise<any>, post: (path: string, body?: unknown) => Promise<any>,
 *   put: (path: string, body: unknown, headers?: Record<string, string>) => Promise<any>,
 *   del: (path: string, headers?: Record<string, string>) => Promise<any>}} Api
 */

/**
 * @param {string} key the API key
 * @returns {Api}
 */
export function createApi(key) {
  /**
   * @param {string} method @param {string} path @param {unknown} [body]
   * @param {Record<string, string>} [headers]
   */
  async function call(method, path, body, headers = {}) {
    /** @type {Response} */
    let response;
    try {
      response = await fetch(path, {
        method,
        headers: { Authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch (e) {
      throw new ApiError(0, 'unavailable', e instanceof Error ? e.message : String(e), '');
    }
    const text = await response.text();
    /** @type {any} */
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    if (!response.ok) {
      const error = json && json.error ? json.error : {};
      throw new ApiError(response.status, error.code || 'http_error',
        error.message || `HTTP ${response.status}`, error.path || '', error);
    }
    return json;
  }
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
    put: (path, body, headers) => call('PUT', path, body, headers),
    del: (path, headers) => call('DELETE', path, undefined, headers),
  };
}
