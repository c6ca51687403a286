// The flow page's backtest: what the draft's lead definition would do to the leads of
// the last days, computed by the server (the core over every stored session, off the
// request path) and shown as from → to matrices of triage and grade with the leads that
// change. Publishing asks for a confirmation when more leads change than the marketer's
// limit (kept in this browser).
import { el } from './dom.js';
import { words } from './format.js';

/** How often a running backtest is looked at. */
const kPollMs = 250;
/** How long the page waits for one before it says so (a 100,000-session backtest takes seconds). */
const kMaxWaitMs = 120_000;
const kTriage = ['qualified', 'nurture', 'disqualified', 'not_enough_information'];
const kGrades = ['high', 'medium', 'low', 'none'];
const kLimitKey = 'leadq.backtest.limit';

/**
 * @typedef {{triage: string, grade: string, points: number}} Class
 * @typedef {{id: string, state: 'queued' | 'running' | 'done' | 'failed', error?: string,
 *   days: number, draft_revision: number, progress: {replayed: number, total: number},
 *   leads: number, changed: number, changed_share: number,
 *   triage: {from: string, to: string, leads: number}[], grade: {from: string, to: string, leads: number}[],
 *   changes: {session_id: string, started_ms: number, email: string, company: string, from: Class, to: Class}[],
 *   changes_listed: number, elapsed_ms: number}} Report
 * @typedef {{element: HTMLElement, run: (body: {document?: any}) => Promise<Report | null>,
 *   limit: () => number, days: () => number}} BacktestPanel
 */

/** "12 of 40 leads (30%)". @param {Report} r */
export function changedText(r) {
  const share = r.leads ? Math.round(r.changed_share * 1000) / 10 : 0;
  return `${r.changed} of ${r.leads} lead${r.leads === 1 ? '' : 's'} (${share}%)`;
}

/** "Qualified", "Not enough information". @param {string} code */
function label(code) {
  const text = words(code);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Qualified · medium, 75 points". @param {Class} c */
function classText(c) {
  return `${label(c.triage)}${c.grade !== 'none' ? ` · ${c.grade}` : ''}, ${c.points} point${c.points === 1 ? '' : 's'}`;
}

/**
 * A from → to grid: rows are the leads as they stand, columns as the draft decides them.
 * @param {string} caption @param {string[]} order @param {{from: string, to: string, leads: number}[]} cells
 */
function matrix(caption, order, cells) {
  const seen = order.filter((code) => cells.some((c) => c.from === code || c.to === code));
  const count = (/** @type {string} */ from, /** @type {string} */ to) =>
    cells.find((c) => c.from === from && c.to === to)?.leads || 0;
  return el('table', { className: 'matrix' },
    el('caption', { textContent: caption }),
    el('thead', {}, el('tr', {}, el('th', { textContent: 'Today ↓ / with the draft →', attrs: { scope: 'col' } }),
      ...seen.map((to) => el('th', { textContent: label(to), attrs: { scope: 'col' } })))),
    el('tbody', {}, ...seen.map((from) => el('tr', {},
      el('th', { textContent: label(from), attrs: { scope: 'row' } }),
      ...seen.map((to) => {
        const n = count(from, to);
        return el('td', { textContent: String(n), className: n && from !== to ? 'moved' : n ? 'kept' : 'none',
          attrs: { 'aria-label': `${n} from ${words(from)} to ${words(to)}` } });
      })))));
}

/**
 * @param {import('./console.js').View} view
 * @param {string} site
 * @param {string} flowId
 * @param {() => any} documentNow the editor's document now (undefined while it is not valid)
 * @returns {BacktestPanel}
 */
export function backtestPanel(view, site, flowId, documentNow) {
  const query = `site=${encodeURIComponent(site)}`;
  const base = `/api/v1/admin/flows/${encodeURIComponent(flowId)}/backtests`;
  const days = el('select', { id: 'backtest-days' },
    ...[7, 30, 90, 365].map((d) => el('option', { value: String(d), textContent: `the last ${d} days`, selected: d === 30 })));
  const stored = Number(localStorage.getItem(kLimitKey));
  const limit = el('input', { id: 'backtest-limit', type: 'number', min: '0', max: '100', step: '1',
    value: String(Number.isFinite(stored) && stored > 0 ? stored : 10), className: 'short' });
  limit.addEventListener('change', () => localStorage.setItem(kLimitKey, limit.value));
  const runButton = el('button', { type: 'button', className: 'secondary', textContent: 'Run backtest' });
  const progress = el('progress', { max: 1, value: 0, hidden: true, attrs: { 'aria-label': 'Backtest progress' } });
  const summary = el('p', { className: 'backtest-summary', attrs: { role: 'status' } });
  const result = el('div', { className: 'backtest-result' });

  /** Runs a backtest (the saved draft without `document`) and shows it; null when it failed. */
  const run = async (/** @type {{document?: any}} */ body) => {
    runButton.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    summary.textContent = 'Replaying the stored sessions with the draft…';
    result.replaceChildren();
    try {
      /** @type {Report} */
      let report = await view.api.post(`${base}?${query}`, { days: Number(days.value), ...body });
      const started = Date.now();
      while (report.state === 'queued' || report.state === 'running') {
        if (Date.now() - started > kMaxWaitMs) throw new Error('the backtest is taking long: look again later');
        await new Promise((resolve) => setTimeout(resolve, kPollMs));
        report = await view.api.get(`${base}/${report.id}?${query}`);
        const { replayed, total } = report.progress;
        progress.max = Math.max(1, total);
        progress.value = replayed;
        summary.textContent = `Replayed ${replayed} of ${total} sessions…`;
      }
      if (report.state === 'failed') throw new Error(`the backtest failed: ${report.error}`);
      show(report);
      return report;
    } catch (error) {
      summary.textContent = 'No backtest result.';
      view.fail(error);
      return null;
    } finally {
      runButton.disabled = false;
      progress.hidden = true;
    }
  };

  const show = (/** @type {Report} */ r) => {
    summary.textContent = r.leads
      ? `${changedText(r)} from the last ${r.days} days would change triage or grade with this draft.`
      : `No leads in the last ${r.days} days to try the draft on.`;
    summary.dataset.tone = r.leads && r.changed_share * 100 > Number(limit.value) ? 'warn' : 'ok';
    if (!r.leads) return result.replaceChildren();
    const changed = r.changes.slice(0, 50).map((c) => el('li', {},
      el('a', { href: `#/leads/${c.session_id}`, textContent: c.email || c.company || `lead ${c.session_id.slice(0, 8)}` }),
      `: ${classText(c.from)} → ${classText(c.to)}`));
    result.replaceChildren(el('div', { className: 'matrices' },
      matrix('Triage', kTriage, r.triage), matrix('Grade', kGrades, r.grade)));
    if (r.changed) {
      result.append(
        el('h3', { textContent: `Leads that change${r.changed > changed.length ? ` (the latest ${changed.length})` : ''}` }),
        el('ul', { className: 'changes', attrs: { 'aria-label': 'Leads that change' } }, ...changed));
    }
  };

  runButton.addEventListener('click', () => {
    const doc = documentNow();
    if (!doc) {
      summary.textContent = 'Fix the problems first: only a flow without problems can be backtested.';
      summary.dataset.tone = 'warn';
      return;
    }
    run({ document: doc });
  });
  const element = el('section', { className: 'backtest', attrs: { 'aria-labelledby': 'backtest-title' } },
    el('h2', { id: 'backtest-title', textContent: 'Backtest' }),
    el('p', { className: 'help', textContent: 'Replays the stored conversations of this flow through the draft with the engine, ' +
      'and sets what it decides beside each lead as it stands today.' }),
    el('div', { className: 'inline' },
      el('label', { htmlFor: 'backtest-days', textContent: 'Leads of' }), days, runButton, progress),
    el('div', { className: 'inline' },
      el('label', { htmlFor: 'backtest-limit', textContent: 'Ask before publishing when more than' }), limit,
      el('span', { textContent: '% of them change' })),
    summary, result);
  return { element, run, limit: () => Number(limit.value), days: () => Number(days.value) };
}
