// The console in Chromium against a real leadq server: sign in with an API key, the
// sales inbox with a ticking SLA timer, one lead with its reasons and delivery log, a
// follow-up touch and acceptance, and a dead letter (a receiver on loopback that refused
// every attempt until the short retry horizon ran out) delivered again by hand. Under the
// page's own strict Content-Security-Policy, with no serious axe-core violation.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, screenshot, startLeadq } from './harness.mjs';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** @typedef {import('playwright-core').Page} Page */

/** A webhook receiver on loopback that fails until told otherwise. */
async function startReceiver() {
  const state = { failing: true, /** @type {{event: string, status: number}[]} */ got: [] };
  const server = http.createServer(async (req, res) => {
    for await (const chunk of req) void chunk;
    const status = state.failing ? 500 : 200;
    state.got.push({ event: String(req.headers['x-leadq-event'] || ''), status });
    res.writeHead(status, { 'Content-Type': 'text/plain' }).end(state.failing ? 'down for maintenance' : 'ok');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { state, url: `http://127.0.0.1:${address.port}/hook`,
    stop: () => new Promise((r) => server.close(() => r(undefined))) };
}

/**
 * Polls `check` every 200 ms until it returns a truthy value (bounded).
 * @template T @param {() => Promise<T>} check @param {number} [timeoutMs] @returns {Promise<T>}
 */
async function until(check, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** @param {Page} page */
async function seriousViolations(page) {
  // Evaluated through the DevTools protocol: the page's CSP forbids inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(() => /** @type {any} */ (window).axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  return results.violations
      .filter((/** @type {any} */ v) => v.impact === 'serious' || v.impact === 'critical')
      .map((/** @type {any} */ v) => `${v.id}: ${v.nodes.map((/** @type {any} */ n) => n.target.join(' ')).join(', ')}`);
}

describe('console', () => {
  /** @type {Awaited<ReturnType<typeof startLeadq>>} */
  let server;
  /** @type {Awaited<ReturnType<typeof startReceiver>>} */
  let receiver;
  /** @type {import('playwright-core').Browser} */
  let browser;
  let leadId = '';

  /** @param {string} method @param {string} path @param {unknown} [body] @param {string} [key] */
  const call = async (method, path, body, key) => {
    const response = await fetch(server.url + path, { method,
      headers: { 'Content-Type': 'application/json', ...(key === '' ? {} : { Authorization: `Bearer ${key || server.adminKey}` }) },
      body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await response.json();
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };

  before(async () => {
    server = await startLeadq({ args: ['--retry-horizon', '2'] });
    receiver = await startReceiver();
    browser = await launchBrowser();
    await call('POST', '/api/v1/admin/destinations', { site: 'demo-site', name: 'CRM', kind: 'webhook',
      url: receiver.url, secret: 'console-test-secret-0123456789' });
    // A lead that qualifies with grade high, answered through the public API.
    const session = await call('POST', '/api/v1/sessions', { site: 'demo-site', flow: 'bant-demo' }, '');
    leadId = session.session_id;
    const answers = [['budget', 'over_50k'], ['authority', 'decision_maker'], ['need', 'losing_leads'],
      ['timing', 'within_2_weeks'], ['email', 'ann@example.com']];
    for (const [i, [step, value]] of answers.entries()) {
      await call('POST', `/api/v1/sessions/${leadId}/answers`,
        { site: 'demo-site', answer_id: `console-answer-${i}`, step, value }, '');
    }
    // Refused on every attempt until the 2 s horizon ran out: a dead letter.
    await until(async () => (await call('GET', '/api/v1/admin/deliveries?state=dead')).deliveries.length === 1);
    receiver.state.failing = false;
  });

  after(async () => {
    await browser?.close();
    await receiver?.stop();
    await server?.stop();
  });

  /** A page that collects console errors (CSP refusals among them). */
  const open = async () => {
    const page = await browser.newPage();
    /** @type {string[]} */
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    return { page, errors };
  };

  /** @param {Page} page @param {string} key */
  const signIn = async (page, key) => {
    await page.goto(`${server.url}/console/`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  test('a wrong key is refused with a clear message', async () => {
    const { page } = await open();
    await signIn(page, 'not-a-key-0000000000');
    await until(async () => /not valid/.test(await page.locator('#status').textContent() || ''), 10000);
    assert.equal(await page.locator('#nav').isHidden(), true);
    await page.close();
  });

  test('the inbox shows the qualified lead with a ticking SLA timer', async () => {
    const { page, errors } = await open();
    await signIn(page, server.adminKey);
    const row = page.locator('tbody tr', { has: page.locator(`a[href="#/leads/${leadId}"]`) });
    await row.waitFor();
    const timer = row.locator('.sla');
    const first = await timer.textContent();
    assert.match(first || '', /^\d+ min \d\d s left$/, 'the demo flow gives a high lead 5 minutes');
    await until(async () => (await timer.textContent()) !== first, 5000);
    assert.match(await row.textContent() || '', /high/);
    assert.match(await row.textContent() || '', /0 of 6 touches/);
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'console-inbox');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a lead shows its reasons and delivery log; a touch and acceptance are recorded', async () => {
    const { page, errors } = await open();
    await signIn(page, server.adminKey);
    await page.locator(`a[href="#/leads/${leadId}"]`).click();
    await page.getByRole('heading', { name: 'ann@example.com' }).waitFor();
    assert.match(await page.locator('section', { hasText: 'Why this lead' }).textContent() || '', /\d+/);
    const log = page.locator('section', { hasText: 'Delivery log' });
    assert.ok((await log.locator('tbody tr').count()) >= 2, 'every refused attempt is in the log');
    assert.match(await log.textContent() || '', /500/);
    assert.deepEqual(await seriousViolations(page), []);

    await page.getByLabel('Channel').selectOption('call');
    await page.locator('#touch-note').fill('left a voicemail');
    await page.getByRole('button', { name: 'Record touch' }).click();
    await until(async () => (await page.locator('#status').textContent()) === 'Touch recorded.', 10000);
    assert.match(await page.locator('.summary').textContent() || '', /1 of 6 touches/);

    await page.getByRole('button', { name: 'Accept lead' }).click();
    await until(async () => (await page.locator('#status').textContent()) === 'Lead accepted.', 10000);
    assert.equal(await page.locator('#lead-state').textContent(), 'accepted');
    assert.match(await page.locator('.summary .sla').textContent() || '', /accepted in time/);
    const view = await call('GET', `/api/v1/admin/leads/${leadId}/forwarding`);
    assert.equal(view.state, 'accepted');
    assert.equal(view.touches[0].note, 'left a voicemail');
    await screenshot(page, 'console-lead');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a dead letter is delivered again from the console', async () => {
    const { page, errors } = await open();
    await signIn(page, server.adminKey);
    await page.getByRole('link', { name: 'Dead letters' }).click();
    const again = page.getByRole('button', { name: /^Deliver again/ });
    await again.waitFor();
    assert.match(await page.locator('tbody').textContent() || '', /HTTP 500|500/);
    assert.deepEqual(await seriousViolations(page), []);
    await again.click();
    await until(async () => /queued again/.test(await page.locator('#status').textContent() || ''), 10000);
    await until(async () => receiver.state.got.some((g) => g.status === 200), 20000);
    await until(async () => (await call('GET', '/api/v1/admin/deliveries?state=dead')).deliveries.length === 0);
    await page.reload();
    await page.getByText('No dead letters').waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a sales key reads the inbox but is told dead letters need another role', async () => {
    const created = await call('POST', '/api/v1/admin/keys', { name: 'sales desk', role: 'sales' });
    const { page } = await open();
    await signIn(page, created.key);
    await page.locator('h1', { hasText: 'Inbox' }).waitFor();
    await page.getByRole('link', { name: 'Dead letters' }).click();
    await until(async () => /role may not/.test(await page.locator('#status').textContent() || ''), 10000);
    await page.close();
  });
});
