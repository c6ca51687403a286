// The console's flow page on a large flow, in Chromium against a real leadq server: a
// generated flow of 200 steps in 5 languages (single choices with labels, numbers, texts;
// show_if every fifth step, a jump every tenth, 60 criteria), edited as a marketer would,
// in the structured editor (a question's text in its form) and in the JSON text; each edit
// is timed from the input event until the page has caught up: the engine (wasm) has
// checked the document, the problems, the map and the test cases are drawn.
//
//   scripts/build.sh && node bench/console_edit.mjs [--edits N]     (default 40)
//
// Prints the document's size, then per view the median, p90 and worst latency per edit,
// and the page's own split between checking (JSON.parse + the engine's decode_flow) and
// drawing the map. Target: ≤ 100 ms per edit.
import { launchBrowser, startLeadq } from '../tests/web/harness.mjs';

const at = process.argv.indexOf('--edits');
const edits = at > 0 ? Math.max(1, Number(process.argv[at + 1]) || 40) : 40;
const languages = ['en', 'nl', 'de', 'fr', 'es'];

/** @param {string} text @returns {Record<string, string>} */
const texts = (text) => Object.fromEntries(languages.map((l) => [l, `${text} (${l})`]));

function bigFlow() {
  const steps = [];
  for (let i = 0; i < 200; i++) {
    const id = `q${i}`;
    /** @type {any} */
    let step;
    if (i % 3 === 0) {
      step = { id, type: 'single_choice', field: id, text: texts(`Question ${i}: which fits best?`),
        choices: ['a', 'b', 'c', 'd'].map((c) => ({ value: c, label: texts(`Option ${c} of ${i}`) })) };
    } else if (i % 3 === 1) {
      step = { id, type: 'number', field: id, min: 0, max: 100000, text: texts(`Question ${i}: how many?`),
        unit: texts('people') };
    } else {
      step = { id, type: 'short_text', field: id, required: false, text: texts(`Question ${i}: tell us more`) };
    }
    // show_if on the choice question before it, jumps on the number question before it.
    const choice = (i - 1) - ((i - 1) % 3);
    const number = (i - 1) % 3 === 1 ? i - 1 : (i - 1) % 3 === 2 ? i - 2 : i - 3;
    if (i % 5 === 4) step.show_if = { field: `q${choice}`, op: 'in', value: ['a', 'b'] };
    if (i % 10 === 9 && i + 3 < 200) step.jumps = [{ when: { field: `q${number}`, op: 'gte', value: 50 }, to: `q${i + 3}` }];
    steps.push(step);
  }
  const criteria = [];
  for (let i = 0; i < 60; i++) {
    const q = i * 3;
    criteria.push({ id: `c${i}`, category: 'fit', points: 5, reason: texts(`Criterion ${i}`),
      when: { field: `q${q}`, op: 'eq', value: 'a' } });
  }
  return { format: 'leadq.flow/1', id: 'big', name: 'Two hundred steps', languages, steps,
    lead_definition: { criteria, grades: { high: 100, medium: 50, low: 20 }, nurture_min: 5 } };
}

/** @param {number[]} values @param {number} q */
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

const server = await startLeadq();
const browser = await launchBrowser();
try {
  const flow = bigFlow();
  const put = await fetch(`${server.url}/api/v1/admin/flows/big/draft?site=demo-site`, { method: 'PUT',
    headers: { Authorization: `Bearer ${server.adminKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(flow) });
  if (!put.ok) throw new Error(`the draft was not saved: ${put.status} ${await put.text()}`);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${server.url}/console/`);
  await page.getByLabel('API key').fill(server.adminKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  await page.goto(`${server.url}/console/#/flows/demo-site/big`);
  await page.getByText(/^No problems: 200 steps/).waitFor({ timeout: 60000 });
  const size = await page.locator('#flow-json').evaluate((/** @type {HTMLTextAreaElement} */ t) => t.value.length);

  /**
   * Runs `edits` edits of `kind` in the page and prints what they took: "form", a
   * question's English text in its step's form; "json", a few characters typed into
   * the JSON text at a question's text.
   * @param {string} name @param {'form' | 'json'} kind
   */
  const measure = async (name, kind) => {
    /** @type {number[]} */ const latencies = [];
    /** @type {number[]} */ const checks = [];
    /** @type {number[]} */ const maps = [];
    /** @type {number[]} */ const painted = [];
    /** @type {number[]} */ const waits = [];
    for (let n = 0; n < edits; n++) {
      const result = await page.evaluate(async ([k, how]) => {
        const slot = /** @type {HTMLElement} */ (document.querySelector('.map-slot'));
        const before = Number(slot.dataset.updatedAt || 0);
        const start = performance.now();
        if (how === 'form') {
          const input = /** @type {HTMLInputElement} */ (document.querySelector(
            '.step-card[data-step="q3"] .form-row[data-path="/steps/3/text"] .translation input'));
          input.value += String(Number(k) % 10);
          input.dispatchEvent(new Event('input', { bubbles: true }));
        } else {
          const editor = /** @type {HTMLTextAreaElement} */ (document.getElementById('flow-json'));
          const marker = `Question ${Number(k) * 7 % 200}: `;
          const at = editor.value.indexOf(marker) + marker.length;
          editor.setRangeText(`(edited ${k}) `, at, at, 'end');
          editor.dispatchEvent(new Event('input', { bubbles: true }));
        }
        await new Promise((resolve) => {
          const poll = () => (Number(slot.dataset.updatedAt || 0) > before ? resolve(undefined) : setTimeout(poll, 1));
          poll();
        });
        const updated = Number(slot.dataset.updatedAt) - start;
        // Painted: the frame after the update, what the marketer sees.
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        return { ms: updated, painted: performance.now() - start, waited: Number(slot.dataset.startedAt) - start,
          check: Number(slot.dataset.checkMs), map: Number(slot.dataset.mapMs) };
      }, [n, kind]);
      latencies.push(result.ms);
      checks.push(result.check);
      maps.push(result.map);
      painted.push(result.painted);
      waits.push(result.waited);
    }
    const f = (/** @type {number} */ v) => `${v.toFixed(1)} ms`;
    console.log(`${name} (${edits} edits): checked, problems and map updated: median ` +
      `${f(quantile(latencies, 0.5))}, p90 ${f(quantile(latencies, 0.9))}, worst ${f(Math.max(...latencies))}`);
    console.log(`  painted on screen: median ${f(quantile(painted, 0.5))}, p90 ${f(quantile(painted, 0.9))}; ` +
      `checking (JSON.parse + decode_flow in wasm): median ${f(quantile(checks, 0.5))}; map: median ${f(quantile(maps, 0.5))}`);
    console.log(`  from the edit to the check starting: median ${f(quantile(waits, 0.5))}`);
    console.log(`  target ≤ 100 ms from an edit to the screen: ${quantile(painted, 0.9) <= 100 ? 'met' : 'NOT met'} (p90)`);
  };
  console.log(`flow: 200 steps, 5 languages, ${(size / 1024).toFixed(0)} KB of JSON as edited`);

  // The structured editor: a question's English text, in its step's form.
  await page.locator('.step-card[data-step="q3"] .step-title').click();
  await page.locator('.step-card[data-step="q3"] .step-form').waitFor();
  await measure('structured editor, a question\'s text', 'form');

  // The JSON view: a keystroke's worth of text at one place, as typing inserts it.
  await page.getByRole('tab', { name: 'JSON' }).click();
  await measure('JSON text', 'json');
} finally {
  await browser.close();
  await server.stop();
}
