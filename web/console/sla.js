// The SLA of a handed-over lead as a live timer: time left until the first response is
// due, how long it is overdue, or how it ended; and the follow-up touches against target.
import { duration } from './format.js';

/**
 * @typedef {{deadline_ms: number | null, overdue: boolean, overdue_ms: number | null,
 *   accepted_ms: number | null, remaining_ms: number | null, met?: boolean | null,
 *   follow_up: {target: number, done: number, remaining: number}}} Sla
 */

/**
 * The timer's text now. `fetchedAt` is when the server computed `remaining_ms`, on this
 * browser's clock, so a skewed clock does not move the time left. (How long a lead is
 * overdue is read against the deadline itself.)
 * @param {Sla} sla @param {string} state @param {number} fetchedAt @param {number} now
 * @returns {{text: string, tone: 'ok' | 'due' | 'late' | 'done'}}
 */
export function slaText(sla, state, fetchedAt, now) {
  if (!sla || sla.deadline_ms === null) return { text: 'no SLA', tone: 'done' };
  if (sla.accepted_ms) {
    return { text: sla.met ? 'accepted in time' : 'accepted late', tone: 'done' };
  }
  if (sla.overdue) return { text: `overdue by ${duration(now - sla.deadline_ms)}`, tone: 'late' };
  if (state !== 'open' || sla.remaining_ms === null) return { text: state, tone: 'done' };
  const left = sla.remaining_ms - (now - fetchedAt);
  if (left <= 0) return { text: 'due now', tone: 'late' };
  return { text: `${duration(left)} left`, tone: left < 5 * 60 * 1000 ? 'due' : 'ok' };
}

/** "2 of 6 touches". @param {Sla} sla @returns {string} */
export function touchesText(sla) {
  if (!sla || !sla.follow_up || !sla.follow_up.target) return '—';
  return `${sla.follow_up.done} of ${sla.follow_up.target} touches`;
}

/**
 * Keeps every `[data-sla]` element under `root` ticking once a second; returns the stop
 * function. The element's `sla` property holds {sla, state, fetchedAt}.
 * @param {HTMLElement} root @returns {() => void}
 */
export function tick(root) {
  const update = () => {
    for (const node of root.querySelectorAll('[data-sla]')) {
      const data = /** @type {any} */ (node).sla;
      if (!data) continue;
      const { text, tone } = slaText(data.sla, data.state, data.fetchedAt, Date.now());
      if (node.textContent !== text) node.textContent = text;
      node.setAttribute('data-tone', tone);
    }
  };
  update();
  const timer = setInterval(update, 1000);
  return () => clearInterval(timer);
}
