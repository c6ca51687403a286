// The console's flow page on a large flow, in Chromium against a real leadq server: a
// generated flow of 200 steps in 5 languages (single choices with labels, numbers, texts;
// show_if every fifth step, a jump every tenth, 60 criteria), edited in the JSON text as
// a marketer would; each edit is timed from the input event until the page has caught
// up: the engine (wasm) has checked the text, the problems list and the map are drawn.
//
//   scripts/build.sh && node bench/console_edit.mjs [--edits N]     (default 40)
//
// Prints the document's size, then the median, p90 and worst latency per edit, and the
// page's own split between checking (JSON.parse + the engine's decode_flow) and drawing
// the map. Target: ≤ 100 ms per edit.
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

  /** @type {number[]} */ const latencies = [];
  /** @type {number[]} */ const checks = [];
  /** @type {number[]} */ const maps = [];
  /** @type {number[]} */ const typing = [];
  /** @type {number[]} */ const painted = [];
  for (let n = 0; n < edits; n++) {
    // One edit: a question's English text, as if typed, then the page catching up.
    const result = await page.evaluate(async (k) => {
      const editor = /** @type {HTMLTextAreaElement} */ (document.getElementById('flow-json'));
      const slot = /** @type {HTMLElement} */ (document.querySelector('.map-slot'));
      const before = Number(slot.dataset.updatedAt || 0);
      const marker = `Question ${k * 7 % 200}: `;
      const at = editor.value.indexOf(marker) + marker.length;
      const start = performance.now();
      // A keystroke's worth of text at one place, as typing inserts it.
      editor.setRangeText(`(edited ${k}) `, at, at, 'end');
      const typed = performance.now();
      editor.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => {
        const poll = () => (Number(slot.dataset.updatedAt || 0) > before ? resolve(undefined) : setTimeout(poll, 1));
        poll();
      });
      const updated = Number(slot.dataset.updatedAt) - start;
      // Painted: the frame after the update, what the marketer sees.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      return { ms: updated, painted: performance.now() - start, typed: typed - start,
        check: Number(slot.dataset.checkMs), map: Number(slot.dataset.mapMs) };
    }, n);
    latencies.push(result.ms);
    checks.push(result.check);
    maps.push(result.map);
    typing.push(result.typed);
    painted.push(result.painted);
  }
  const f = (/** @type {number} */ v) => `${v.toFixed(1)} ms`;
  console.log(`flow: 200 steps, 5 languages, ${(size / 1024).toFixed(0)} KB of JSON as edited`);
  console.log(`edit → JSON checked, problems and map updated (${edits} edits): median ` +
    `${f(quantile(latencies, 0.5))}, p90 ${f(quantile(latencies, 0.9))}, worst ${f(Math.max(...latencies))}`);
  console.log(`edit → painted on screen: median ${f(quantile(painted, 0.5))}, p90 ${f(quantile(painted, 0.9))}`);
  console.log(`  of which checking (JSON.parse + decode_flow in wasm): median ${f(quantile(checks, 0.5))}; ` +
    `drawing the map: median ${f(quantile(maps, 0.5))}; the browser's own edit of the text: median ` +
    `${f(quantile(typing, 0.5))}`);
  console.log(`target ≤ 100 ms from an edit to the screen: ${quantile(painted, 0.9) <= 100 ? 'met' : 'NOT met'} (p90)`);
} finally {
  await browser.close();
  await server.stop();
}
