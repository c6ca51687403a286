// The console in Chromium against a real leadq server: sign in with an API key, the
// sales inbox with a ticking SLA timer, one lead with its reasons and delivery log, a
// follow-up touch and acceptance, a rejection and a send-back to nurturing (and the lead
// back in the inbox when its visitor returns), a dead letter (a receiver on loopback that
// refused every attempt until the short retry horizon ran out) delivered again by hand,
// and what sales and marketer keys are offered. Under the page's own strict
// Content-Security-Policy, with no serious axe-core violation.
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, screenshot, seriousViolations, startLeadq } from './harness.mjs';


/** @typedef {import('playwright-core').Page} Page */

const kSecret = 'console-test-secret-0123456789';

/**
 * Whether a request carries leadq's signature over its timestamp and raw body.
 * @param {import('node:http').IncomingHttpHeaders} headers @param {Buffer} body
 */
function signed(headers, body) {
  const timestamp = String(headers['x-leadq-timestamp'] || '');
  const expected = Buffer.from(`v1=${createHmac('sha256', kSecret).update(`${timestamp}.`).update(body).digest('hex')}`);
  const got = Buffer.from(String(headers['x-leadq-signature'] || ''));
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/** A webhook receiver on loopback that fails until told otherwise. */
async function startReceiver() {
  const state = { failing: true,
    /** @type {{event: string, status: number, key: string, signed: boolean}[]} */ got: [] };
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const status = state.failing ? 500 : 200;
    state.got.push({ event: String(req.headers['x-leadq-event'] || ''), status,
      key: String(req.headers['idempotency-key'] || ''), signed: signed(req.headers, Buffer.concat(chunks)) });
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
      url: receiver.url, secret: kSecret });
    leadId = await qualifiedLead('ann@example.com');
    // Refused on every attempt until the 2 s horizon ran out: a dead letter.
    await until(async () => (await call('GET', '/api/v1/admin/deliveries?state=dead')).deliveries.length === 1);
    receiver.state.failing = false;
  });

  after(async () => {
    await browser?.close();
    await receiver?.stop();
    await server?.stop();
  });

  /**
   * A lead that qualifies with grade high, answered through the public API.
   * @param {string} email @returns {Promise<string>} its id
   */
  const qualifiedLead = async (email) => {
    const session = await call('POST', '/api/v1/sessions', { site: 'demo-site', flow: 'bant-demo' }, '');
    const answers = [['budget', 'over_50k'], ['authority', 'decision_maker'], ['need', 'losing_leads'],
      ['timing', 'within_2_weeks'], ['email', email]];
    for (const [i, [step, value]] of answers.entries()) {
      await call('POST', `/api/v1/sessions/${session.session_id}/answers`,
        { site: 'demo-site', answer_id: `${session.session_id}-answer-${i}`, step, value }, '');
    }
    return session.session_id;
  };

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
    // The answers read as the visitor saw them: questions and choice labels, not values.
    const given = await page.getByRole('table', { name: 'Answers in order' }).textContent() || '';
    assert.match(given, /What budget have you set aside for this\?\s*Over €50,000/);
    assert.match(given, /When do you plan to decide\?\s*Within 2 weeks/);
    assert.doesNotMatch(given, /over_50k|decision_maker|within_2_weeks/);
    await page.getByRole('table', { name: 'Answers in order' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'console-lead-answers');
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
    const view = await call('GET', `/api/v1/admin/leads/${leadId}/handoff`);
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
    // The same hand-over, so the same idempotency key as every refused attempt; all signed.
    const keys = new Set(receiver.state.got.map((g) => g.key));
    assert.equal(keys.size, 1, [...keys].join(', '));
    assert.match([...keys][0], new RegExp(`^${leadId}\\.[^.]+\\.qualified\\.1$`));
    assert.ok(receiver.state.got.every((g) => g.signed), 'every request verifies');
    assert.ok(receiver.state.got.filter((g) => g.status === 500).length >= 2);
    await page.reload();
    await page.getByText('No dead letters').waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('rejecting needs a note for "other"; a lead sent back to nurturing leaves the inbox', async () => {
    const rejected = await qualifiedLead('rob@example.com');
    const nurtured = await qualifiedLead('nell@example.com');
    const { page, errors } = await open();
    await signIn(page, server.adminKey);
    await page.locator(`a[href="#/leads/${rejected}"]`).click();
    await page.getByRole('heading', { name: 'rob@example.com' }).waitFor();
    await page.getByLabel('Reason').selectOption('other');
    await page.getByRole('button', { name: 'Reject lead' }).click();
    // The server's refusal is shown, and the note it points at is marked and focused.
    await until(async () => /needs a note \(\/note\)/.test(await page.locator('#status').textContent() || ''), 10000);
    assert.equal(await page.locator('#status').getAttribute('data-tone'), 'error');
    const note = page.locator('#reject-note');
    assert.equal(await note.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'reject-note');
    assert.deepEqual(await seriousViolations(page), [], 'a refused field');
    await note.fill('went with a competitor');
    await page.getByRole('button', { name: 'Reject lead' }).click();
    await until(async () => (await page.locator('#status').textContent()) === 'Lead rejected.', 10000);
    assert.equal(await page.locator('#lead-state').textContent(), 'rejected');

    // Back to nurturing with the keyboard alone; focus comes back to the button.
    await page.goto(`${server.url}/console/#/leads/${nurtured}`);
    await page.getByRole('heading', { name: 'nell@example.com' }).waitFor();
    await page.locator('#nurture-note').focus();
    await page.keyboard.type('call back in Q3');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await until(async () => (await page.locator('#status').textContent()) === 'Lead sent back to nurturing.', 10000);
    assert.equal(await page.locator('#lead-state').textContent(), 'nurturing');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'nurture-submit');
    const feedback = await call('GET', `/api/v1/admin/leads/${nurtured}/handoff`);
    assert.deepEqual(feedback.feedback.map((/** @type {any} */ f) => [f.decision, f.note]),
        [['nurture', 'call back in Q3']]);
    const reason = await call('GET', `/api/v1/admin/leads/${rejected}/handoff`);
    assert.deepEqual(reason.feedback.map((/** @type {any} */ f) => [f.reason, f.note]),
        [['other', 'went with a competitor']]);

    await page.locator('#nav').getByRole('link', { name: 'Inbox' }).click();
    const list = page.locator('.list:not([aria-busy])');
    await list.waitFor();
    assert.doesNotMatch(await list.textContent() || '', /nell@example\.com|rob@example\.com/,
        'decided leads leave the open inbox');
    await page.getByLabel('State').selectOption('nurturing');
    await page.locator(`a[href="#/leads/${nurtured}"]`).waitFor();

    // The visitor comes back to the site: new data re-qualifies the lead, and it is in the
    // open inbox again as its second hand-over.
    const { visitor_id: visitor } = await call('GET', `/api/v1/admin/sessions/${nurtured}`);
    await call('POST', '/api/v1/events',
      { site: 'demo-site', visitor_id: visitor, events: [{ type: 'page_view', path: '/pricing' }] }, '');
    await page.getByLabel('State').selectOption('open');
    await page.locator(`a[href="#/leads/${nurtured}"]`).click();
    await page.getByText(/^number 2, after it was sent back to nurturing on /).waitFor();
    assert.equal(await page.locator('#lead-state').textContent(), 'open');
    await until(async () => receiver.state.got.some((g) => g.key.startsWith(`${nurtured}.`) && g.key.endsWith('.qualified.2')));
    await screenshot(page, 'console-requalified');
    // The browser logs the one request the server refused on purpose; nothing else.
    assert.deepEqual(errors, ['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    await page.close();
  });

  test('a sales key reads the inbox but is told dead letters need another role', async () => {
    const created = await call('POST', '/api/v1/admin/keys', { name: 'sales desk', role: 'sales' });
    const { page } = await open();
    await signIn(page, created.key);
    await page.locator('h1', { hasText: 'Inbox' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Dead letters' }).count(), 0, 'not offered');
    await page.goto(`${server.url}/console/#/dead-letters`);
    await until(async () => /role may not/.test(await page.locator('#status').textContent() || ''), 10000);
    await page.close();
  });

  test('a marketer key reads a lead but is offered no sales action', async () => {
    const created = await call('POST', '/api/v1/admin/keys', { name: 'marketing', role: 'marketer' });
    const { page, errors } = await open();
    await signIn(page, created.key);
    await page.goto(`${server.url}/console/#/leads/${leadId}`);
    await page.getByRole('heading', { name: 'ann@example.com' }).waitFor();
    await page.getByText('Your role (marketer) reads leads').waitFor();
    assert.equal(await page.locator('form.action').count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
