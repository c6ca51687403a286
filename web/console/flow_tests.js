// The flow page's test cases: saved answer sequences with the outcome they must give
// (services/flow_tests.h: the format `leadq simulate FLOW --tests FILE` runs), run by the
// engine against the draft on every edit, each marked passing or failing with what it
// got; kept on the server (saving names the revision, as drafts do), added from a form
// of the flow's questions, and downloadable as a file for the command line.
import { el } from './dom.js';
import { answerText, fieldInputs } from './field_inputs.js';
import { words } from './format.js';

const kTriage = ['qualified', 'nurture', 'disqualified', 'not_enough_information'];
const kGrades = ['high', 'medium', 'low', 'none'];

/**
 * @typedef {{name: string, answers: Record<string, unknown>, expect: {triage: string, grade?: string}}} TestCase
 * @typedef {{passed: boolean, problem: string}} TestResult
 * @typedef {{element: HTMLElement, run: (flow: any | null) => void}} TestsPanel
 */

/**
 * Runs `test` on `flow` with the engine, as RunFlowTest does in the server and the CLI:
 * every answer at once, as a first-time visitor.
 * @param {import('../widget/core.js').Core} core @param {any} flow @param {TestCase} test
 * @returns {TestResult}
 */
export function runTest(core, flow, test) {
  const turn = /** @type {any} */ (core.next({ flow, now_ms: Date.now(), visitor_id: 'test',
    answers: Object.entries(test.answers).map(([step, value]) => ({ step, value })) }));
  const { triage, grade, total_points: points } = turn.outcome;
  if (turn.rejected && turn.rejected.length) {
    return { passed: false, problem: `the answer to ${turn.rejected[0].step} is refused: ${turn.rejected[0].message}` };
  }
  if (triage !== test.expect.triage || (test.expect.grade && grade !== test.expect.grade)) {
    return { passed: false, problem: `expected ${test.expect.triage}${test.expect.grade ? `, grade ${test.expect.grade}` : ''}; ` +
      `got ${triage}, grade ${grade}, ${points} points` };
  }
  return { passed: true, problem: '' };
}

/** "Qualified · high". @param {{triage: string, grade?: string}} e */
function expectText(e) {
  const triage = words(e.triage);
  return `${triage.charAt(0).toUpperCase()}${triage.slice(1)}${e.grade ? ` · ${e.grade}` : ''}`;
}

/**
 * @param {import('./console.js').View} view
 * @param {string} site
 * @param {string} flowId
 * @param {() => import('../widget/core.js').Core | null} engine the engine, once loaded
 * @returns {Promise<TestsPanel>}
 */
export async function testsPanel(view, site, flowId, engine) {
  const path = `/api/v1/admin/flows/${encodeURIComponent(flowId)}/tests?site=${encodeURIComponent(site)}`;
  let stored = await view.api.get(path);
  /** @type {TestCase[]} */
  let cases = stored.document.cases;
  /** @type {any} */
  let flow = null;

  const summary = el('p', { className: 'tests-summary', attrs: { role: 'status' } });
  const list = el('ul', { className: 'test-cases', attrs: { 'aria-label': 'Test cases' } });
  const name = el('input', { id: 'test-name', maxLength: 120, placeholder: 'For example: a hot lead goes to sales' });
  const triage = el('select', { id: 'test-triage' },
    ...kTriage.map((t) => el('option', { value: t, textContent: expectText({ triage: t }) })));
  const grade = el('select', { id: 'test-grade' }, el('option', { value: '', textContent: 'any grade' }),
    ...kGrades.map((g) => el('option', { value: g, textContent: g })));
  const answersSlot = el('div');
  /** @type {import('./field_inputs.js').FieldInputs | null} */
  let answers = null;
  const add = el('button', { type: 'button', textContent: 'Add test case' });
  const download = el('a', { textContent: 'Download for leadq simulate --tests', download: `${flowId}.tests.json`, href: '#' });

  /** Stores `next` as the cases; true when stored. @param {TestCase[]} next */
  const save = async (next) => {
    try {
      stored = await view.api.put(path, { format: 'leadq.tests/1', cases: next },
        stored.revision ? { 'If-Match': `"${stored.revision}"` } : {});
      cases = stored.document.cases;
      return true;
    } catch (error) {
      const e = /** @type {import('./api.js').ApiError} */ (error);
      if (e.status === 409) {
        view.announce(`Not saved: ${e.message}. Reload the page to see the other changes.`, true);
      } else {
        view.fail(error);
      }
      return false;
    }
  };

  let url = '';
  const show = () => {
    const core = engine();
    if (url) URL.revokeObjectURL(url);
    url = URL.createObjectURL(new Blob([JSON.stringify(stored.document, null, 2)], { type: 'application/json' }));
    download.href = url;
    download.hidden = !cases.length;
    if (!cases.length) {
      summary.textContent = 'No test cases yet: add one below, and every edit of the draft runs it.';
      summary.dataset.tone = '';
      list.replaceChildren();
      return;
    }
    const results = flow && core ? cases.map((c) => runTest(core, flow, c)) : null;
    const failing = results ? results.filter((r) => !r.passed).length : 0;
    summary.textContent = !results
      ? `${cases.length} test case${cases.length === 1 ? '' : 's'}: they run when the draft has no problems.`
      : failing
        ? `${failing} of ${cases.length} test case${cases.length === 1 ? '' : 's'} fail${failing === 1 ? 's' : ''} with this draft.`
        : `All ${cases.length} test case${cases.length === 1 ? '' : 's'} pass with this draft.`;
    summary.dataset.tone = !results ? '' : failing ? 'error' : 'ok';
    list.replaceChildren(...cases.map((c, i) => {
      const r = results && results[i];
      const remove = el('button', { type: 'button', className: 'link', textContent: 'Delete',
        attrs: { 'aria-label': `Delete test case “${c.name}”` } });
      remove.addEventListener('click', async () => {
        if (await save(cases.filter((_, j) => j !== i))) {
          view.announce(`Test case “${c.name}” deleted.`);
          show();
        }
      });
      const order = (/** @type {string} */ step) => {
        const at = (flow?.steps || []).findIndex((/** @type {any} */ s) => s.id === step);
        return at < 0 ? Infinity : at;
      };
      const language = String(flow?.default_language || '');
      const given = Object.entries(c.answers).sort(([a], [b]) => order(a) - order(b))
        .map(([step, value]) => answerText(flow, language, step, value));
      return el('li', { className: r ? (r.passed ? 'pass' : 'fail') : '', attrs: { 'data-name': c.name } },
        el('strong', { className: 'badge', textContent: r ? (r.passed ? '✓ Passes' : '✗ Fails') : '–' }),
        ' ', el('span', { className: 'test-name', textContent: c.name }),
        ` — expects ${expectText(c.expect)}`,
        r && !r.passed ? el('div', { className: 'test-problem', textContent: r.problem }) : null,
        el('div', { className: 'quiet', textContent: given.length ? given.join(' · ') : 'no answers' }),
        remove);
    }));
  };

  add.addEventListener('click', async () => {
    if (!name.value.trim()) {
      name.setCustomValidity('Give the test case a name');
      name.reportValidity();
      return;
    }
    name.setCustomValidity('');
    /** @type {TestCase} */
    const test = { name: name.value.trim(), answers: answers ? answers.values() : {},
      expect: { triage: triage.value, ...(grade.value ? { grade: grade.value } : {}) } };
    if (await save([...cases, test])) {
      view.announce(`Test case “${test.name}” added.`);
      name.value = '';
      show();
    }
  });

  // The form's questions follow the draft's, built again only when they change and the
  // form is open (not on every keystroke of a large flow).
  let questions = '';
  const form = el('details', { className: 'add-test' });
  const buildForm = () => {
    if (!flow || !form.open) return;
    const signature = JSON.stringify([flow.default_language, (flow.steps || []).map((/** @type {any} */ s) =>
      [s.id, s.field, s.type, s.text, s.choices, s.bands])]);
    if (signature === questions) return;
    questions = signature;
    const before = answers ? answers.values() : {};
    answers = fieldInputs(flow, String(flow.default_language || ''), 'step', 'test-answer', '(not answered)');
    answers.set(before);
    answersSlot.replaceChildren(answers.element);
  };
  form.addEventListener('toggle', buildForm);
  form.append(el('summary', { textContent: 'Add a test case' }),
      el('div', { className: 'inline' }, el('label', { htmlFor: 'test-name', textContent: 'Name' }), name),
      el('p', { className: 'help', textContent: 'The answers (blank: not answered):' }), answersSlot,
      el('div', { className: 'inline' },
        el('label', { htmlFor: 'test-triage', textContent: 'Expected triage' }), triage,
        el('label', { htmlFor: 'test-grade', textContent: 'grade' }), grade, add));
  const element = el('section', { className: 'tests', attrs: { 'aria-labelledby': 'tests-title' } },
    el('h2', { id: 'tests-title', textContent: 'Test cases' }),
    el('p', { className: 'help', textContent: 'Answers with the outcome they must give, run by the engine on every edit of the draft.' }),
    summary, list, download, form);
  show();
  return {
    element,
    run(next) {
      flow = next;
      buildForm();
      show();
    },
  };
}
