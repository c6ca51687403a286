// The end-to-end slice: the demo page from a real leadq server, every answer clicked and
// typed like a person, then the server's stored session checked through the admin API.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { assertStored, hotLead, answer, shownOutcome, synced } from './demo-flow.mjs';
import { launchBrowser, screenshot, startLeadq } from './harness.mjs';

/** @type {Awaited<ReturnType<typeof startLeadq>>} */ let server;
/** @type {import('playwright-core').Browser} */ let browser;
before(async () => {
  server = await startLeadq();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a visitor qualifies on the demo page and the server stores the same outcome', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url + '/');
  await page.getByRole('button', { name: "See if we're a fit" }).click();
  await page.locator('leadq-chat .msg.bot', { hasText: 'What budget' }).waitFor();
  await screenshot(page, 'slice-first-question');
  await answer(page, hotLead);
  const shown = await shownOutcome(page);
  assert.equal(shown.triage, 'qualified');
  assert.equal(shown.grade, 'high');
  assert.match(shown.text, /within 5 minutes/);
  await screenshot(page, 'slice-outcome');
  const state = await synced(page);
  await assertStored(server, state.session_id, shown, hotLead);
  assert.deepEqual(errors, []);
  await page.close();
});
