// The outbox: answers leave the browser in the order they were given, each with a
// client-generated answer_id, and stay queued (in the conversation's session storage)
// until the server acknowledged them. Retries use the same id, so the server stores each
// answer exactly once however often the network fails. The conversation never waits for
// any of this.

/** @typedef {{answer_id: string, step: string, value: unknown}} QueuedAnswer */

/**
 * @typedef {{
 *   pending: () => QueuedAnswer[],
 *   sessionId: () => string,
 *   setSessionId: (id: string) => void,
 *   ensureSession: () => Promise<string>,
 *   acknowledged: (answerId: string, reply: any) => void,
 *   onState?: (online: boolean) => void,
 * }} OutboxHost
 */

export class Outbox {
  /**
   * @param {import('./api.js').Api} api
   * @param {OutboxHost} host owner of the queue and the session id (the conversation)
   */
  constructor(api, host) {
    /** @private */ this.api_ = api;
    /** @private */ this.host_ = host;
    /** @private */ this.running_ = false;
    /** @private */ this.delay_ = 0;
    /** @private @type {ReturnType<typeof setTimeout> | undefined} */ this.timer_ = undefined;
    /** @private */ this.again_ = false;
    addEventListener('online', () => this.flush(true));
  }

  /**
   * Sends everything queued; safe to call at any time and as often as wanted.
   * @param {boolean} [now] skip a pending back-off (e.g. the browser came online)
   * @returns {Promise<void>}
   */
  async flush(now = false) {
    if (now) {
      clearTimeout(this.timer_);
      this.timer_ = undefined;
      this.delay_ = 0;
      // A run in flight may be failing on the old connection: retry at once after it.
      if (this.running_) this.again_ = true;
    }
    if (this.running_ || this.timer_ !== undefined) return;
    this.running_ = true;
    this.again_ = false;
    let restarts = 0;
    try {
      for (let next = this.host_.pending()[0]; next; next = this.host_.pending()[0]) {
        const sessionId = await this.host_.ensureSession();
        try {
          const reply = await this.api_.postAnswer(sessionId, next);
          this.host_.acknowledged(next.answer_id, reply);
        } catch (e) {
          const error = /** @type {import('./api.js').ApiError} */ (e);
          if (error.status === 404 && restarts++ === 0) {
            // The server no longer knows the session: start a new one, resend from here.
            this.host_.setSessionId('');
            continue;
          }
          if (error.retryable || error.status === undefined) throw e;
          // A refusal that no retry can fix (e.g. 400): drop it rather than block the rest.
          this.host_.acknowledged(next.answer_id, null);
        }
      }
      this.delay_ = 0;
      this.host_.onState?.(true);
    } catch {
      this.host_.onState?.(false);
      this.delay_ = this.again_ ? 0 : Math.min(30000, this.delay_ ? this.delay_ * 2 : 1000);
      this.timer_ = setTimeout(() => {
        this.timer_ = undefined;
        this.flush();
      }, this.delay_);
    } finally {
      this.running_ = false;
    }
  }
}
