// Times, durations, codes and names as a salesperson reads them.

/**
 * "4 min 05 s", "2 h 10 min", "3 d 4 h".
 * @param {number} ms a duration (negative is treated as 0)
 * @returns {string}
 */
export function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60), sec = s % 60;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m} min ${String(sec).padStart(2, '0')} s`;
}

/** @param {number | null | undefined} ms since the epoch @returns {string} */
export function when(ms) {
  if (!ms) return '—';
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "not_a_fit" → "not a fit". @param {string} code @returns {string} */
export function words(code) {
  return code.replace(/_/g, ' ');
}

/**
 * Who a handed-over lead is, as far as the visitor said: name, e-mail and company from
 * its `contact`, or the start of its id.
 * @param {{lead_id: string, contact?: Record<string, string>}} handoff
 * @returns {string}
 */
export function leadName(handoff) {
  const contact = handoff.contact || {};
  const who = [contact.name, contact.email].filter(Boolean).join(' · ') ||
    `lead ${handoff.lead_id.slice(0, 8)}`;
  return contact.company ? `${who} (${contact.company})` : who;
}
