// The flow page's history: what the draft changes compared with the live version (in
// words, flow_diff.js), and the versions, with a roll back to the one before the live one.
import { el, table } from './dom.js';
import { flowChanges } from './flow_diff.js';
import { when } from './format.js';

/**
 * @typedef {{element: HTMLElement, compare: (doc: any) => void}} VersionsPanel
 */

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
  /** @type {any[]} */
  const versions = listed.latest_version ? (await view.api.get(`${base}/versions?${query}`)).versions : [];
  const liveDoc = live ? (await view.api.get(`${base}/versions/${live}?${query}`)).document : null;

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
    changes.replaceChildren(...found.slice(0, 200).map((c) => el('li', {}, el('strong', { textContent: c.where }), `: ${c.what}`)));
    if (found.length > 200) changes.append(el('li', { textContent: `… and ${found.length - 200} more.` }));
  };

  const older = versions.filter((v) => v.version < live).map((v) => v.version);
  const rollBack = el('button', { type: 'button', className: 'secondary',
    textContent: older.length ? `Roll back to version ${Math.max(...older)}` : 'Roll back', hidden: !older.length });
  rollBack.addEventListener('click', async () => {
    try {
      const done = await view.api.post(`${base}/rollback?${query}`);
      view.go(route, `Rolled back: version ${done.published_version} is live again.`);
    } catch (error) {
      view.fail(error);
    }
  });
  const history = versions.length
    ? table(`${versions.length} version${versions.length === 1 ? '' : 's'}, newest first`, ['Version', 'Saved', ''],
      versions, (v) => [`version ${v.version}`, when(v.created_ms), v.version === live ? 'live' : ''])
    : el('p', { className: 'help', textContent: 'No version yet: publishing the draft makes version 1.' });

  const element = el('section', { className: 'history', attrs: { 'aria-labelledby': 'changes-title' } },
    el('h2', { id: 'changes-title', textContent: 'Changes' }), summary, changes,
    el('h2', { textContent: 'Versions' }), history, el('div', { className: 'editor-actions' }, rollBack));
  return { element, compare };
}
