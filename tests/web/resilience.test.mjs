// Resilience: the conversation never waits on the network. Answers given offline are
// queued and sent on reconnect; an answer whose acknowledgement is lost is retried with
// the same id; a reload mid-flow resumes at the same step. In every case the server ends
// up with each answer exactly once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { answer, assertStored, hotLead, savedState, shownOutcome, synced } from './demo-flow.mjs';
import { launchBrowser, screenshot, startFixtures, startLeadq } from './harness.mjs';

/** @type {Awaited<ReturnType<typeof startLeadq>>} */ let server;
/** @type {Awaited<ReturnType<typeof startFixtures>>} */ let fixtures;
/** @type {import('playwright-core').Browser} */ let browser;
/** Answer posts whose response the proxy swallows after the server handled them. */
let loseResponses = 0;
before(async () => {
  server = await startLeadq();
  fixtures = await startFixtures(server.url, {
    loseResponse: (/** @type {string} */ path) => {
      if (!/\/answers$/.test(path) || loseResponses === 0) return false;
      loseResponses -= 1;
      return true;
    },
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await fixtures?.stop();
  await server?.stop();
});

describe('resilience', () => {
  test('answers given offline reach the server exactly once when back online', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${fixtures.url}/inline.html`);
    await page.locator('leadq-chat .choice').first().waitFor();
    await answer(page, hotLead.slice(0, 1));
    await synced(page);
    await context.setOffline(true);
    await answer(page, hotLead.slice(1));
    const shown = await shownOutcome(page);
    assert.equal(shown.triage, 'qualified', 'the outcome shows while offline');
    await page.locator('leadq-chat .status', { hasText: 'Offline' }).waitFor();
    await screenshot(page, 'offline');
    const queued = await savedState(page);
    assert.equal(queued.pending.length, 4);
    await context.setOffline(false);
    const state = await synced(page);
    await assertStored(server, state.session_id, shown, hotLead);
    await context.close();
  });

  test('a lost acknowledgement is retried with the same id and stored once', async () => {
    const page = await browser.newPage();
    await page.goto(`${fixtures.url}/inline.html`);
    await page.locator('leadq-chat .choice').first().waitFor();
    loseResponses = 2;
    await answer(page, hotLead);
    const shown = await shownOutcome(page);
    const state = await synced(page, 30000);
    assert.equal(loseResponses, 0, 'two responses were lost on the way');
    await assertStored(server, state.session_id, shown, hotLead);
    await page.close();
  });

  test('a reload mid-flow resumes at the same step', async () => {
    const page = await browser.newPage();
    await page.goto(`${fixtures.url}/bubble.html`);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await answer(page, hotLead.slice(0, 2));
    await page.locator('leadq-chat .msg.bot', { hasText: 'Which best describes' }).waitFor();
    await synced(page);
    await page.reload();
    // Open again, with the transcript and the same question.
    await page.locator('leadq-chat .msg.bot', { hasText: 'Which best describes' }).waitFor();
    assert.deepEqual(await page.locator('leadq-chat .msg.user').allTextContents(),
        ['You: Over €50,000', 'You: I decide']);
    assert.equal(await page.locator('leadq-chat .step').innerText(), 'Question 3 of 5');
    await screenshot(page, 'resumed');
    await answer(page, hotLead.slice(2));
    const shown = await shownOutcome(page);
    const state = await synced(page);
    await assertStored(server, state.session_id, shown, hotLead);
    await page.close();
  });
});
