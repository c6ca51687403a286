// A flow's page: its document in a structured editor (flow_form.js) and as JSON, the two
// kept in step, checked as you type by the engine itself (the WebAssembly core, so the
// problems are the server's, each at its control and at its place in the text),
// saved as a draft on the server whatever its problems, and published once it has none;
// beside it the real widget previews the draft (preview_panel.js), its test cases run on
// every edit (flow_tests.js), a backtest shows what
// it would do to the recent leads (backtest.js), and publishing asks for a note and, when
// too many leads would change, a confirmation (publish_dialog.js).
// A save names the draft revision it was made on: when another tab or person saved in
// between, the server refuses it and the page says so, instead of overwriting.
import { backtestPanel } from './backtest.js';
import { el } from './dom.js';
import { engine } from './engine.js';
import { flowForm } from './flow_form.js';
import { drawMap } from './flow_map.js';
import { testsPanel } from './flow_tests.js';
import { versionsPanel } from './flow_versions.js';
import { latestDocument } from './flows.js';
import { when } from './format.js';
import { describe, locate } from './json_pointer.js';
import { previewPanel } from './preview_panel.js';
import { confirmPublish } from './publish_dialog.js';

/** How long typing may pause before the document is checked again: none, the check of
 * even a 200-step flow takes a few milliseconds (bench/console_edit.mjs); events that
 * arrive together (a paste, key repeat) are still checked once. */
const kCheckDelayMs = 0;
/** And before the preview restarts on the changed draft (a widget restart is heavier). */
const kPreviewDelayMs = 700;

/**
 * @typedef {{flow: string, revision: number, base_version: number, updated_ms: number,
 *   updated_by: string, document: any, valid: boolean,
 *   problems: {path: string, message: string}[]}} Draft
 * @typedef {{state: 'valid', summary: string, doc: any, languages: string[]} | {state: 'problems',
 *   problems: {path: string, message: string}[], doc: any} |
 *   {state: 'syntax', message: string, line: number, column: number}} Check
 */

/**
 * Checks `text` as a flow document with the engine.
 * @param {import('../widget/core.js').Core} core @param {string} text @returns {Check}
 */
export function checkText(core, text) {
  /** @type {any} */
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    // The engine's own parser says where, as the server and `leadq validate-flow` do.
    const answer = JSON.parse(core.callRaw('decode_flow', text));
    const message = String(answer?.error?.message || 'the text is not valid JSON');
    const at = /line (\d+), column (\d+)/.exec(message);
    return { state: 'syntax', message: message.replace(/^the request/, 'the text'),
      line: at ? Number(at[1]) : 1, column: at ? Number(at[2]) : 1 };
  }
  try {
    const summary = core.decodeFlow(doc);
    return { state: 'valid', doc, languages: summary.languages,
      summary: `${summary.steps} step${summary.steps === 1 ? '' : 's'}, ` +
      `${summary.questions} question${summary.questions === 1 ? '' : 's'}, ` +
      `in ${summary.languages.join(', ')}` +
      (summary.variants.length ? `, variants ${summary.variants.join(', ')}` : '') };
  } catch (error) {
    const e = /** @type {import('../widget/core.js').LeadqError} */ (error);
    const problems = e.problems && e.problems.length ? e.problems : [{ path: e.path || '', message: e.message }];
    return { state: 'problems', problems, doc };
  }
}

/** The offset of `line`, `column` (1-based) in `text`. @param {string} text */
function offsetOf(text, /** @type {number} */ line, /** @type {number} */ column) {
  let offset = 0;
  for (let l = 1; l < line && offset >= 0; l++) offset = text.indexOf('\n', offset) + 1;
  return Math.min(text.length, Math.max(0, offset) + column - 1);
}

/**
 * @param {import('./console.js').View} view
 * @param {string} site
 * @param {string} flowId
 */
export async function renderFlowDraft(view, site, flowId) {
  const query = `site=${encodeURIComponent(site)}`;
  const draftPath = `/api/v1/admin/flows/${encodeURIComponent(flowId)}/draft?${query}`;
  const back = el('p', {}, el('a', { href: `#/flows?${query}`, textContent: '← All flows' }));
  const heading = el('h1', { textContent: flowId });
  const about = el('p', { className: 'help', id: 'draft-about' });
  view.main.replaceChildren(back, heading, about);

  /** @type {Draft | null} */
  let draft = null;
  /** @type {any} */
  let listed = null;
  /** @type {import('./flow_versions.js').VersionsPanel} */
  let history;
  /** @type {import('./flow_tests.js').TestsPanel} */
  let tests;
  /** @type {import('../widget/core.js').Core | null} */
  let core = null;
  try {
    const { flows } = await view.api.get(`/api/v1/admin/flows?${query}`);
    listed = flows.find((/** @type {any} */ f) => f.flow === flowId) || null;
    if (!listed) {
      view.announce(`There is no flow “${flowId}” on ${site}.`, true);
      return;
    }
    if (listed.draft) draft = await view.api.get(draftPath);
    history = await versionsPanel(view, site, flowId, listed, location.hash);
    tests = await testsPanel(view, site, flowId, () => core);
  } catch (error) {
    return view.fail(error);
  }
  const live = listed.published_version;
  const text = JSON.stringify(draft ? draft.document : await latestDocument(view.api, site, listed), null, 2);
  let saved = draft ? text : '';  // the text as stored in the draft ("" when there is none)
  /** @type {Check | null} */
  let check = null;

  const editor = el('textarea', { id: 'flow-json', value: text, spellcheck: false, rows: 26,
    attrs: { autocapitalize: 'off', autocomplete: 'off', 'aria-describedby': 'check-summary' } });
  const summary = el('p', { id: 'check-summary', className: 'check-summary', attrs: { role: 'status' } });
  const problemList = el('ol', { className: 'problems', attrs: { 'aria-label': 'Problems' } });
  const state = el('p', { className: 'draft-state', attrs: { 'aria-live': 'polite' } });
  const mapSlot = el('div', { className: 'map-slot' },
    el('p', { className: 'help', textContent: 'The map shows when the draft has no problems.' }));
  const save = el('button', { type: 'button', textContent: 'Save draft' });
  const publish = el('button', { type: 'button', textContent: 'Publish' });
  const discard = el('button', { type: 'button', className: 'secondary', textContent: 'Discard draft' });
  const reload = el('button', { type: 'button', className: 'secondary', textContent: 'Load the saved draft', hidden: true });

  const describeDraft = () => {
    const liveText = live ? `Live: version ${live}.` : 'Not published yet.';
    about.textContent = draft
      ? `${liveText} Draft revision ${draft.revision}, saved ${when(draft.updated_ms)}` +
        `${draft.updated_by ? ` by ${draft.updated_by}` : ''}` +
        `${draft.base_version ? `, started from version ${draft.base_version}` : ''}.`
      : `${liveText} No draft: your first save starts one from version ${listed.latest_version}.`;
  };
  const refresh = () => {
    const dirty = editor.value !== saved;
    state.textContent = dirty ? 'Unsaved changes.' : draft ? 'Saved.' : '';
    save.disabled = !dirty;
    publish.disabled = !check || check.state !== 'valid' || (!dirty && !draft);
    publish.title = publish.disabled && check && check.state !== 'valid' ? 'Fix the problems to publish' : '';
    discard.hidden = !draft;
  };

  /** Selects `start`..`end` of the editor's text and brings it into view. */
  const select = (/** @type {number} */ start, /** @type {number} */ end) => {
    editor.focus();
    editor.setSelectionRange(start, end);
    const line = editor.value.slice(0, start).split('\n').length;
    editor.scrollTop = Math.max(0, (line - 4) * (editor.scrollHeight / editor.value.split('\n').length));
  };

  const showCheck = () => {
    if (!check) return;
    problemList.replaceChildren();
    editor.setAttribute('aria-invalid', String(check.state !== 'valid'));
    if (check.state === 'valid') {
      summary.textContent = `No problems: ${check.summary}.`;
      summary.dataset.tone = 'ok';
    } else if (check.state === 'syntax') {
      const at = check;
      summary.textContent = `Not valid JSON: ${at.message}.`;
      summary.dataset.tone = 'error';
      const offset = offsetOf(editor.value, at.line, at.column);
      problemList.append(el('li', {}, el('button', { type: 'button', className: 'link',
        textContent: `Line ${at.line}, column ${at.column}`, onclick: () => select(offset, offset + 1) })));
    } else {
      const { problems, doc } = check;
      summary.textContent = `${problems.length} problem${problems.length === 1 ? '' : 's'}: the draft can be saved, not published.`;
      summary.dataset.tone = 'error';
      for (const problem of problems) {
        const where = describe(doc, problem.path);
        problemList.append(el('li', { attrs: { 'data-path': problem.path } },
          el('button', { type: 'button', className: 'link', textContent: where,
            title: problem.path || '/', onclick: () => openAt(problem.path) }),
          `: ${problem.message}`));
      }
    }
    refresh();
  };

  // The two views of the document: the form (what a marketer edits) and the JSON text.
  let inForm = true;
  let formStale = false;  // the text changed since the form last showed it
  const form = flowForm((doc) => {
    editor.value = JSON.stringify(doc, null, 2);
    // One edit in the form is one change (no key repeat or paste to batch): checked at once.
    clearTimeout(timer);
    runCheck();
  });
  const formTab = el('button', { type: 'button', id: 'tab-form', textContent: 'Form',
    attrs: { role: 'tab', 'aria-controls': 'panel-form' } });
  const jsonTab = el('button', { type: 'button', id: 'tab-json', textContent: 'JSON',
    attrs: { role: 'tab', 'aria-controls': 'panel-json' } });
  const formPanel = el('div', { id: 'panel-form', className: 'editor-form',
    attrs: { role: 'tabpanel', 'aria-labelledby': 'tab-form' } }, form.element);
  const jsonPanel = el('div', { id: 'panel-json', className: 'editor-text',
    attrs: { role: 'tabpanel', 'aria-labelledby': 'tab-json' } },
    el('label', { htmlFor: 'flow-json', textContent: 'Flow document (JSON)' }), editor);
  const showView = (/** @type {boolean} */ toForm) => {
    if (toForm && formStale) {
      try {
        form.setDocument(JSON.parse(editor.value));
        formStale = false;
      } catch {
        view.announce('The JSON does not parse: fix the place shown under Problems to edit it in the form.', true);
        return;
      }
    }
    inForm = toForm;
    formPanel.hidden = !toForm;
    jsonPanel.hidden = toForm;
    formTab.setAttribute('aria-selected', String(toForm));
    jsonTab.setAttribute('aria-selected', String(!toForm));
    formTab.tabIndex = toForm ? 0 : -1;
    jsonTab.tabIndex = toForm ? -1 : 0;
  };
  formTab.addEventListener('click', () => showView(true));
  jsonTab.addEventListener('click', () => showView(false));
  for (const tab of [formTab, jsonTab]) {
    tab.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      showView(!inForm);
      (inForm ? formTab : jsonTab).focus();
    });
  }
  /** Opens the place `path` points to, in the view shown. @param {string} path */
  const openAt = (path) => {
    if (inForm) return form.open(path);
    const span = locate(editor.value, path);
    select(span.start, span.end);
  };

  const backtest = backtestPanel(view, site, flowId,
    () => (check && check.state === 'valid' ? check.doc : undefined));
  const preview = previewPanel(view, (flow, language, visitor) => {
    try {
      return core ? core.next({ flow, language, now_ms: Date.now(), visitor_id: visitor.visitor_id || 'preview',
        profile: { fields: visitor.fields || {}, signals: visitor.signals || {} } }) : null;
    } catch {
      return null;
    }
  }, (flow, variant) => {
    // The engine assigns variants by a hash of the visitor id: the first id it gives `variant`.
    for (let i = 0; core && i < 500; i++) {
      const id = `preview-visitor-${i}`;
      try {
        if (core.next({ flow, now_ms: Date.now(), visitor_id: id }).variant === variant) return id;
      } catch {
        return '';
      }
    }
    return '';
  });
  let previewed = '';  // the text the preview runs
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let previewTimer;
  const runCheck = () => {
    if (!core) return;
    const started = performance.now();
    check = checkText(core, editor.value);
    showCheck();
    const checked = performance.now();
    const valid = check.state === 'valid' ? check : null;
    tests.run(valid ? valid.doc : null);
    form.showProblems(check.state === 'problems' ? check.problems : []);
    if (valid) {
      history.compare(valid.doc);
      mapSlot.replaceChildren(drawMap(valid.doc, (i) => openAt(`/steps/${i}`)));
    }
    // For the benchmark: when the page last caught up with the text, and what it took.
    Object.assign(mapSlot.dataset, { updatedAt: String(performance.now()), startedAt: String(started),
      checkMs: (checked - started).toFixed(2), mapMs: (performance.now() - checked).toFixed(2) });
    if (valid && editor.value !== previewed) {
      clearTimeout(previewTimer);
      const text = editor.value;
      previewTimer = setTimeout(() => {
        previewed = text;
        preview.show(valid.doc, valid.languages);
      }, previewed ? kPreviewDelayMs : 0);
    }
  };
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  editor.addEventListener('input', () => {
    formStale = true;
    clearTimeout(timer);
    timer = setTimeout(runCheck, kCheckDelayMs);
    refresh();
  });
  view.onLeave(() => { clearTimeout(timer); clearTimeout(previewTimer); });

  /** Stores the editor's text as the draft; true when it was stored. */
  const store = async () => {
    /** @type {any} */
    let doc;
    try {
      doc = JSON.parse(editor.value);
    } catch {
      view.announce('The draft is not valid JSON yet: fix the place shown under Problems to save it.', true);
      return false;
    }
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
      view.announce('A flow is a JSON object: {"format": "leadq.flow/1", …}.', true);
      return false;
    }
    try {
      draft = /** @type {Draft} */ (await view.api.put(draftPath, doc,
        draft ? { 'If-Match': `"${draft.revision}"` } : {}));
      saved = editor.value;
      reload.hidden = true;
      describeDraft();
      refresh();
      return true;
    } catch (error) {
      const e = /** @type {import('./api.js').ApiError} */ (error);
      if (e.status === 409) {
        view.announce(`Not saved: ${e.message}. Load the saved draft to see the other changes ` +
          '(copy yours first if you want to keep them).', true);
        reload.hidden = false;
      } else {
        view.fail(error);
      }
      return false;
    }
  };

  save.addEventListener('click', async () => {
    if (await store()) view.announce(`Draft saved (revision ${draft?.revision}).`);
  });
  publish.addEventListener('click', async () => {
    if (editor.value !== saved && !(await store())) return;
    if (!draft) return;
    const confirmed = await confirmPublish({ flowId, revision: draft.revision, backtest });
    if (!confirmed) return view.announce('Not published.');
    try {
      const published = await view.api.post(
        `/api/v1/admin/flows/${encodeURIComponent(flowId)}/draft/publish?${query}`,
        { revision: draft.revision, ...(confirmed.note ? { note: confirmed.note } : {}) });
      view.go(`#/flows?${query}`, `Published as version ${published.version}: visitors get it now.`);
    } catch (error) {
      view.fail(error);
    }
  });
  discard.addEventListener('click', async () => {
    if (!draft) return;
    try {
      await view.api.del(draftPath, { 'If-Match': `"${draft.revision}"` });
      view.go(`#/flows?${query}`, 'Draft discarded.');
    } catch (error) {
      view.fail(error);
    }
  });
  reload.addEventListener('click', async () => {
    try {
      draft = await view.api.get(draftPath);
      editor.value = saved = JSON.stringify(/** @type {Draft} */ (draft).document, null, 2);
      form.setDocument(JSON.parse(editor.value));
      reload.hidden = true;
      describeDraft();
      runCheck();
      view.announce(`Loaded the saved draft (revision ${draft?.revision}).`);
    } catch (error) {
      view.fail(error);
    }
  });

  describeDraft();
  view.main.append(
    el('div', { className: 'editor-actions' }, save, publish, discard, reload, state),
    el('div', { className: 'editor' },
      el('div', { className: 'editor-views' },
        el('div', { className: 'tabs', attrs: { role: 'tablist', 'aria-label': 'Edit as' } }, formTab, jsonTab),
        formPanel, jsonPanel),
      el('section', { className: 'editor-check', attrs: { 'aria-labelledby': 'check-title' } },
        el('h2', { id: 'check-title', textContent: 'Problems' }), summary, problemList)),
    el('section', { className: 'map', attrs: { 'aria-labelledby': 'map-title' } },
      el('h2', { id: 'map-title', textContent: 'Map' }),
      el('p', { className: 'help', textContent: 'Arrows on the right: jumps and ends, with their condition; ' +
        'dashed lines on the left: a step shown only after certain answers. Click a step to open it.' }), mapSlot),
    tests.element,
    backtest.element,
    history.element,
    preview.element);
  summary.textContent = 'Loading the engine…';
  try {
    form.setDocument(JSON.parse(text));
    showView(true);
  } catch {
    showView(false);
  }
  refresh();
  try {
    core = await engine();
    runCheck();
  } catch (error) {
    summary.textContent = 'The engine did not load: the draft can be saved, and the server checks it.';
    view.fail(error);
  }
}
