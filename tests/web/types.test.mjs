// Every question type of the shared flow tests/data/flows/types.json, answered in the
// browser: text and long text, e-mail, phone and URL normalised by the engine, a number
// with live validation, bands (a typed amount becomes its band), single and multiple choice, yes/no, both scales, a
// timeframe, and the flow's consent question (which grants tracking consent).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { shownOutcome, synced } from './demo-flow.mjs';
import { screenshot, useStack } from './harness.mjs';

const stack = useStack({ flows: ['tests/data/flows/types.json'] });

/** @typedef {import('playwright-core').Page} Page */

/**
 * @param {Page} page
 * @param {string} question the bot's question, to wait for
 */
const asked = (page, question) =>
  page.locator('leadq-chat .msg.bot', { hasText: question }).last().waitFor();

/** @param {Page} page @param {string} text */
async function type(page, text) {
  await page.locator('leadq-chat .answer .input').fill(text);
  await page.locator('leadq-chat .answer button.send').click();
}

/** @param {Page} page @param {string} label */
const click = (page, label) =>
  page.locator('leadq-chat button.choice', { hasText: label }).first().click();

test('every question type renders, validates and is stored normalised', async () => {
  const page = await stack.browser.newPage();
  await page.goto(`${stack.fixtures.url}/types.html`);
  await asked(page, 'Your name?');
  await type(page, '  Anna de Vries ');
  await asked(page, 'Anything else?');
  assert.equal(await page.locator('leadq-chat textarea.input').count(), 1);
  await type(page, 'Two sites, one CRM.');
  await asked(page, 'Your e-mail?');
  await type(page, 'Anna@Example.com');
  await asked(page, 'Your phone?');
  await type(page, '+31 6 1234 5678');
  await asked(page, 'Your website?');
  await type(page, 'https://www.Example.com/contact');
  await asked(page, 'How many employees?');
  await type(page, 'many');
  await page.locator('leadq-chat .error').filter({ hasText: /./ }).waitFor();
  assert.equal(await page.locator('leadq-chat .answer .input').getAttribute('aria-invalid'), 'true');
  await type(page, '250');
  await asked(page, 'Your budget?');
  // Bands as buttons, or an amount typed in: the engine stores the band that holds it.
  assert.equal(await page.locator('leadq-chat button.choice').count(), 3);
  await screenshot(page, 'types-money-range');
  await type(page, 'lots');
  await page.locator('leadq-chat .error').filter({ hasText: /./ }).waitFor();
  await type(page, '€ 75,000');
  await asked(page, 'Your role?');
  await click(page, 'I decide');
  await asked(page, 'Interested in?');
  await page.locator('leadq-chat label.choice', { hasText: 'Chat' }).click();
  await page.locator('leadq-chat label.choice', { hasText: 'CRM' }).click();
  await page.locator('leadq-chat .multi button.send').click();
  await asked(page, 'Would you like a demo?');
  await click(page, 'Yes');
  await asked(page, 'How likely are you to recommend us?');
  assert.equal(await page.locator('leadq-chat button.choice').count(), 11);
  await click(page, '9');
  await asked(page, 'How well do we fit?');
  assert.equal(await page.locator('leadq-chat button.choice').count(), 5);
  await click(page, '4');
  await asked(page, 'When do you decide?');
  await click(page, 'Within 3 months');
  await asked(page, 'May we contact you?');
  await screenshot(page, 'types-consent');
  await click(page, 'Yes');
  const shown = await shownOutcome(page);
  const state = await synced(page);
  const stored = await stack.server.admin(`/api/v1/admin/sessions/${state.session_id}`);
  assert.deepEqual(Object.fromEntries(stored.answers.map((/** @type {any} */ a) => [a.step, a.value])), {
    name: 'Anna de Vries', notes: 'Two sites, one CRM.', email: 'anna@example.com',
    phone: '+31612345678', website: 'example.com', employees: 250, budget: 'over_50k',
    role: 'decision_maker', interests: ['crm', 'chat'], demo: true, nps: 9, fit: 4,
    timing: 'within_3_months', consent: true,
  });
  assert.equal(stored.outcome.triage, shown.triage);
  assert.equal(stored.outcome.total_points, shown.total_points);
  // The flow's consent question granted consent, with its version.
  const consent = await page.evaluate(() =>
    JSON.parse(/** @type {string} */ (localStorage.getItem('leadq:demo-site:consent'))));
  assert.equal(consent.given, true);
  assert.equal(consent.version, '2024-01');
  assert.ok(stack.fixtures.requests.some((r) => r.startsWith('POST /api/v1/consent')));
  await page.close();
});
