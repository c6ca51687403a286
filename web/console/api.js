// The admin API as the console uses it: a Bearer key, JSON in and out, and every error
// turned into an ApiError with the server's code, message and path.

export class ApiError extends Error {
  /**
   * @param {number} status @param {string} code @param {string} message @param {string} path
   */
  constructor(status, code, message, path) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.path = path;
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
 * @param {string} key the API key
 * @returns {{get: (path: string) => Promise<any>, post: (path: string, body?: unknown) => Promise<any>}}
 */
export function createApi(key) {
  /** @param {string} method @param {string} path @param {unknown} [body] */
  async function call(method, path, body) {
    /** @type {Response} */
    let response;
    try {
      response = await fetch(path, {
        method,
        headers: { Authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
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
        error.message || `HTTP ${response.status}`, error.path || '');
    }
    return json;
  }
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
  };
}
