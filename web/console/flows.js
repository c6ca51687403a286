// The flows page: a site's flows with what is live, what is being edited and how each
// did in the last seven days; a new flow from a template, and a copy of an existing one.
// Both start as a draft, which the flow page (flow_draft.js) edits and publishes.
import { el, table } from './dom.js';
import { when } from './format.js';

const kFlowId = /^[A-Za-z0-9_.-]{1,64}$/;
const kSiteItem = 'leadq.console.site';

/**
 * @typedef {{flow: string, published_version: number, latest_version: number,
 *   draft: {revision: number, updated_ms: number} | null, last_change_ms: number,
 *   activity: {days: number, sessions: number, qualified: number}}} FlowItem
 * @typedef {{id: string, name: string, description: string, file: string}} Template
 */

/** The site the flows screens show: the route's, else the last one chosen, else the first. */
export function chosenSite(/** @type {{site_key: string}[]} */ sites) {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const wanted = params.get('site') || sessionStorage.getItem(kSiteItem) || '';
  const site = sites.find((s) => s.site_key === wanted) || sites[0];
  if (site) sessionStorage.setItem(kSiteItem, site.site_key);
  return site ? site.site_key : '';
}

/** @param {string} site @param {string} flow @returns {string} the flow page's route */
export function flowRoute(site, flow) {
  return `#/flows/${encodeURIComponent(site)}/${encodeURIComponent(flow)}`;
}

/** @returns {Promise<Template[]>} */
async function templates() {
  const response = await fetch(new URL('templates/index.json', location.href), { cache: 'no-store' });
  if (!response.ok) throw new Error(`the templates did not load (${response.status})`);
  return (await response.json()).templates;
}

/** @param {Template} template @returns {Promise<any>} its flow document */
async function templateDocument(template) {
  const response = await fetch(new URL(template.file, new URL('templates/', location.href)));
  if (!response.ok) throw new Error(`the template "${template.name}" did not load (${response.status})`);
  return response.json();
}

/** @param {FlowItem} flow @returns {string} */
function liveText(flow) {
  return flow.published_version ? `version ${flow.published_version}` : 'not published';
}

/** @param {FlowItem} flow @returns {string} */
function draftText(flow) {
  if (!flow.draft) return 'no draft';
  return `revision ${flow.draft.revision}, ${when(flow.draft.updated_ms)}`;
}

/** @param {FlowItem} flow @returns {string} */
function activityText(flow) {
  const { sessions, qualified } = flow.activity;
  const rate = sessions ? ` (${Math.round((100 * qualified) / sessions)}%)` : '';
  return `${sessions} session${sessions === 1 ? '' : 's'}, ${qualified} qualified${rate}`;
}

/**
 * The latest document of a flow: its draft, or else its newest version.
 * @param {import('./api.js').Api} api @param {string} site @param {FlowItem} flow
 */
export async function latestDocument(api, site, flow) {
  const query = `site=${encodeURIComponent(site)}`;
  const id = encodeURIComponent(flow.flow);
  if (flow.draft) return (await api.get(`/api/v1/admin/flows/${id}/draft?${query}`)).document;
  return (await api.get(`/api/v1/admin/flows/${id}/versions/${flow.latest_version}?${query}`)).document;
}

/** @param {import('./console.js').View} view */
export async function renderFlows(view) {
  const heading = el('h1', { textContent: 'Flows' });
  const body = el('div', { className: 'list', attrs: { 'aria-busy': 'true' } });
  view.main.replaceChildren(heading, body);
  try {
    /** @type {{sites: {site_key: string, name: string}[]}} */
    const { sites } = await view.api.get('/api/v1/admin/sites');
    const site = chosenSite(sites);
    if (!site) {
      body.removeAttribute('aria-busy');
      body.replaceChildren(el('p', { textContent: 'There is no site yet: an admin creates one first.' }));
      return;
    }
    const query = `site=${encodeURIComponent(site)}`;
    const [{ flows }, offered] = await Promise.all([
      view.api.get(`/api/v1/admin/flows?${query}`), templates()]);
    body.removeAttribute('aria-busy');

    const siteSelect = el('select', { id: 'flows-site' },
      ...sites.map((s) => el('option', { value: s.site_key, textContent: `${s.name} (${s.site_key})`,
        selected: s.site_key === site })));
    siteSelect.addEventListener('change', () => view.go(`#/flows?site=${encodeURIComponent(siteSelect.value)}`));
    const picker = el('form', { className: 'filters', attrs: { 'aria-label': 'Site' } },
      el('label', { htmlFor: 'flows-site', textContent: 'Site' }), siteSelect);
    picker.addEventListener('submit', (e) => e.preventDefault());

    /** @type {FlowItem[]} */
    const items = flows;
    const ids = new Set(items.map((f) => f.flow));
    const list = items.length
      ? table(`${items.length} flow${items.length === 1 ? '' : 's'} on ${site}`,
        ['Flow', 'Live', 'Draft', 'Last change', 'Last 7 days', ''], items, (flow) => [
          el('a', { href: flowRoute(site, flow.flow), textContent: flow.flow }),
          liveText(flow), draftText(flow), when(flow.last_change_ms), activityText(flow),
          copyForm(view, site, flow, ids)], 'stack')
      : el('p', { textContent: 'No flows on this site yet: start one from a template below.' });
    body.replaceChildren(picker, list, newFlowForm(view, site, offered, ids));
  } catch (error) {
    body.removeAttribute('aria-busy');
    view.fail(error);
  }
}

/**
 * A flow id typed by the marketer, checked before anything is sent.
 * @param {HTMLInputElement} input @param {Set<string>} taken @returns {string} "" when refused
 */
function checkedId(input, taken) {
  const id = input.value.trim();
  let problem = '';
  if (!kFlowId.test(id)) problem = 'Use 1 to 64 letters, digits, “-”, “_” or “.”.';
  else if (taken.has(id)) problem = `There is a flow “${id}” already: choose another id.`;
  input.setCustomValidity(problem);
  input.reportValidity();
  return problem ? '' : id;
}

/**
 * Saves `document` as the first draft of a new flow `id` and opens it.
 * @param {import('./console.js').View} view @param {string} site @param {string} id @param {any} document
 */
async function startDraft(view, site, id, document) {
  const flow = { ...document, id };
  await view.api.put(`/api/v1/admin/flows/${encodeURIComponent(id)}/draft?site=${encodeURIComponent(site)}`, flow);
  view.go(flowRoute(site, id), `Draft of “${id}” created.`);
}

/**
 * @param {import('./console.js').View} view @param {string} site @param {Template[]} offered
 * @param {Set<string>} taken
 */
function newFlowForm(view, site, offered, taken) {
  const choice = el('select', { id: 'new-template' },
    ...offered.map((t) => el('option', { value: t.id, textContent: t.name })));
  const about = el('p', { className: 'help', id: 'new-template-help' });
  const describe = () => { about.textContent = offered.find((t) => t.id === choice.value)?.description || ''; };
  choice.addEventListener('change', describe);
  describe();
  const id = el('input', { id: 'new-id', required: true, spellcheck: false, autocomplete: 'off',
    placeholder: 'e.g. spring-demo' });
  id.addEventListener('input', () => id.setCustomValidity(''));
  const form = el('form', { className: 'action', attrs: { 'aria-labelledby': 'new-flow-title' } },
    el('fieldset', {},
      el('legend', { id: 'new-flow-title', textContent: 'New flow' }),
      el('label', { htmlFor: 'new-template', textContent: 'Template' }), choice, about,
      el('label', { htmlFor: 'new-id', textContent: 'Flow id (in the embed code)' }), id,
      el('button', { type: 'submit', textContent: 'Create draft' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const flowId = checkedId(id, taken);
    const template = offered.find((t) => t.id === choice.value);
    if (!flowId || !template) return;
    try {
      await startDraft(view, site, flowId, await templateDocument(template));
    } catch (error) {
      view.fail(error);
    }
  });
  return el('section', { className: 'actions start', attrs: { 'aria-label': 'Start a flow' } }, form);
}

/**
 * "Copy as" beside each flow: its latest document as the draft of a new flow.
 * @param {import('./console.js').View} view @param {string} site @param {FlowItem} flow
 * @param {Set<string>} taken
 */
function copyForm(view, site, flow, taken) {
  const inputId = `copy-${flow.flow}`;
  const id = el('input', { id: inputId, required: true, spellcheck: false, autocomplete: 'off',
    className: 'short', value: `${flow.flow}-copy`.slice(0, 64) });
  id.addEventListener('input', () => id.setCustomValidity(''));
  const form = el('form', { className: 'inline', attrs: { 'aria-label': `Copy ${flow.flow}` } },
    el('label', { htmlFor: inputId, className: 'quiet', textContent: 'Copy as' }), id,
    el('button', { type: 'submit', textContent: 'Duplicate' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const flowId = checkedId(id, taken);
    if (!flowId) return;
    try {
      const document = await latestDocument(view.api, site, flow);
      await startDraft(view, site, flowId, { ...document, name: `${document.name || flow.flow} (copy)` });
    } catch (error) {
      view.fail(error);
    }
  });
  return form;
}
