// The flow page's history: what the draft changes compared with the live version (in
// words, flow_diff.js), the versions with who saved each and why, the changes between any
// two of them, who did what (publishes and roll-backs), and a roll back to the version
// before the live one.
import { el, table } from './dom.js';
import { flowChanges } from './flow_diff.js';
import { when } from './format.js';

/** Changes listed at once; the rest are counted. */
const kShownChanges = 200;

/**
 * @typedef {{element: HTMLElement, compare: (doc: any) => void}} VersionsPanel
 * @typedef {{version: number, created_ms: number, created_by: string, note: string}} Version
 */

/** Fills `list` with `found`, the first kShownChanges of them. @param {HTMLElement} list @param {import('./flow_diff.js').Change[]} found */
function listChanges(list, found) {
  list.replaceChildren(...found.slice(0, kShownChanges).map((c) => el('li', {}, el('strong', { textContent: c.where }), `: ${c.what}`)));
  if (found.length > kShownChanges) list.append(el('li', { textContent: `… and ${found.length - kShownChanges} more.` }));
}

/** "published version 3", "rolled back to version 2". @param {{action: string, version: number}} e */
function actionText(e) {
  if (e.action === 'rolled_back') return `rolled back to version ${e.version}`;
  if (e.action === 'saved') return `saved version ${e.version} (not published)`;
  return `published version ${e.version}`;
}

/**
 * @param {import('./console.js').View} view
 * @param {string} site
 * @param {string} flowId
 * @param {{published_version: number, latest_version: number}} listed the flows list's entry
 * @param {string} route this page's route (to come back to after a roll back)
 * @returns {Promise<VersionsPanel>}
 */
export async function versionsPanel(view, site, flowId, listed, route) {
  const query = `site=${encodeURIComponent(site)}`;
  const base = `/api/v1/admin/flows/${encodeURIComponent(flowId)}`;
  const live = listed.published_version;
  /** @type {Version[]} */
  const versions = listed.latest_version ? (await view.api.get(`${base}/versions?${query}`)).versions : [];
  /** @type {{at_ms: number, actor: string, action: string, version: number, note: string}[]} */
  const events = listed.latest_version ? (await view.api.get(`${base}/history?${query}`)).events : [];
  /** @type {Map<number, any>} documents by version, fetched once */
  const documents = new Map();
  const documentOf = async (/** @type {number} */ version) => {
    if (!documents.has(version)) documents.set(version, (await view.api.get(`${base}/versions/${version}?${query}`)).document);
    return documents.get(version);
  };
  const liveDoc = live ? await documentOf(live) : null;

  const changes = el('ul', { className: 'changes', attrs: { 'aria-label': 'Changes' } });
  const summary = el('p', { className: 'help' });
  const compare = (/** @type {any} */ doc) => {
    if (!liveDoc) {
      summary.textContent = 'Not published yet: all of it is new.';
      changes.replaceChildren();
      return;
    }
    const found = flowChanges(liveDoc, doc);
    summary.textContent = found.length
      ? `${found.length} change${found.length === 1 ? '' : 's'} from version ${live}, the live one:`
      : `The same as version ${live}, the live one.`;
    listChanges(changes, found);
  };

  const older = versions.filter((v) => v.version < live).map((v) => v.version);
  const rollBack = el('button', { type: 'button', className: 'secondary',
    textContent: older.length ? `Roll back to version ${Math.max(...older)}` : 'Roll back', hidden: !older.length });
  const rollNote = el('input', { id: 'rollback-note', maxLength: 500, hidden: !older.length,
    placeholder: 'Why (kept in the history)', attrs: { 'aria-label': 'Why roll back (kept in the history)' } });
  rollBack.addEventListener('click', async () => {
    try {
      const note = rollNote.value.trim();
      const done = await view.api.post(`${base}/rollback?${query}`, note ? { note } : {});
      view.go(route, `Rolled back: version ${done.published_version} is live again.`);
    } catch (error) {
      view.fail(error);
    }
  });
  const list = versions.length
    ? table(`${versions.length} version${versions.length === 1 ? '' : 's'}, newest first`, ['Version', 'Saved', 'By', 'Note', ''],
      versions, (v) => [`version ${v.version}`, when(v.created_ms), v.created_by || '—', v.note || '—', v.version === live ? 'live' : ''],
      'stack')
    : el('p', { className: 'help', textContent: 'No version yet: publishing the draft makes version 1.' });

  // Any two versions, side by side in words.
  const pick = (/** @type {string} */ id, /** @type {number} */ chosen) => el('select', { id },
    ...versions.map((v) => el('option', { value: String(v.version), textContent: `version ${v.version}${v.version === live ? ' (live)' : ''}`,
      selected: v.version === chosen })));
  const from = pick('compare-from', versions[1]?.version || 0);
  const to = pick('compare-to', versions[0]?.version || 0);
  const between = el('ul', { className: 'changes', attrs: { 'aria-label': 'Changes between versions' } });
  const betweenSummary = el('p', { className: 'help', attrs: { role: 'status' } });
  const showBetween = async () => {
    try {
      const [a, b] = [Number(from.value), Number(to.value)];
      const found = flowChanges(await documentOf(a), await documentOf(b));
      betweenSummary.textContent = a === b ? 'The same version.' : found.length
        ? `${found.length} change${found.length === 1 ? '' : 's'} from version ${a} to version ${b}:`
        : `Versions ${a} and ${b} are the same.`;
      listChanges(between, found);
    } catch (error) {
      view.fail(error);
    }
  };
  from.addEventListener('change', showBetween);
  to.addEventListener('change', showBetween);
  if (versions.length >= 2) showBetween();
  const comparison = versions.length >= 2
    ? el('div', {}, el('h2', { textContent: 'Compare versions' }),
      el('div', { className: 'inline' }, el('label', { htmlFor: 'compare-from', textContent: 'From' }), from,
        el('label', { htmlFor: 'compare-to', textContent: 'to' }), to),
      betweenSummary, between)
    : null;

  const who = events.length
    ? table('Who did what, newest first', ['When', 'Who', 'What', 'Note'], events,
      (e) => [when(e.at_ms), e.actor || '—', actionText(e), e.note || '—'], 'stack')
    : null;

  const element = el('section', { className: 'history', attrs: { 'aria-labelledby': 'changes-title' } },
    el('h2', { id: 'changes-title', textContent: 'Changes' }), summary, changes,
    el('h2', { textContent: 'Versions' }), list, el('div', { className: 'editor-actions' }, rollBack, rollNote),
    comparison, who);
  return { element, compare };
}
