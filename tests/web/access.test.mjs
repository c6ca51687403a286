// Accessibility: the flow completes with the keyboard alone (including going back to
// revise an answer), and axe-core finds no serious or critical violation in any state.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { assertStored, hotLead, shownOutcome, synced } from './demo-flow.mjs';
import { screenshot, seriousViolations, useStack } from './harness.mjs';


const stack = useStack();

/** @typedef {import('playwright-core').Page} Page */

/**
 * The text of the focused element, looking inside the widget's shadow root.
 * @param {Page} page
 */
function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return el ? `${el.tagName.toLowerCase()}:${(el.textContent || '').trim()}` : '';
  });
}

/**
 * Presses Tab until the focused element's text contains `text`.
 * @param {Page} page
 * @param {string} text
 */
async function tabTo(page, text) {
  for (let i = 0; i < 20; i++) {
    if ((await focused(page)).includes(text)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`no focusable element with "${text}" (last: ${await focused(page)})`);
}


describe('accessibility', () => {
  test('the whole flow completes with the keyboard only, back included', async () => {
    const page = await stack.browser.newPage();
    await page.goto(`${stack.fixtures.url}/bubble.html`);
    await page.locator('leadq-chat .greeting-text').waitFor();
    await tabTo(page, 'Questions about pricing?');
    await page.keyboard.press('Enter');
    // Focus lands on the first answer of the first question.
    await page.locator('leadq-chat .choice').first().waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'LEADQ-CHAT');
    for (const a of hotLead.slice(0, 3)) {
      await page.locator('leadq-chat .msg.bot').last().waitFor();
      await page.locator('leadq-chat .choice').first().waitFor();
      await page.waitForTimeout(50);
      await tabTo(page, /** @type {string} */ (a.click));
      await page.keyboard.press('Enter');
    }
    // Revise the last answer: Back, then a different choice, then the original again.
    await page.locator('leadq-chat .msg.bot', { hasText: 'When do you plan' }).waitFor();
    await tabTo(page, 'Back');
    await page.keyboard.press('Enter');
    await page.locator('leadq-chat .msg.bot', { hasText: 'When do you plan' }).waitFor({ state: 'detached' });
    await page.locator('leadq-chat .choice', { hasText: 'Just curious' }).waitFor();
    await tabTo(page, 'We lose leads');
    await page.keyboard.press('Enter');
    await page.locator('leadq-chat .choice', { hasText: 'Within 2 weeks' }).waitFor();
    await tabTo(page, 'Within 2 weeks');
    await page.keyboard.press('Enter');
    const input = page.locator('leadq-chat .answer .input');
    await input.waitFor();
    await page.waitForFunction(() => {
      const host = document.querySelector('leadq-chat');
      return host?.shadowRoot?.activeElement?.tagName === 'INPUT';
    });
    await page.keyboard.type('Anna@Example.com');
    await page.keyboard.press('Enter');
    const shown = await shownOutcome(page);
    assert.equal(shown.grade, 'high');
    const state = await synced(page);
    // The server got the revised answer to "need" as a new answer: last one wins there.
    const stored = await stack.server.admin(`/api/v1/admin/sessions/${state.session_id}`);
    assert.deepEqual(stored.answers.map((/** @type {any} */ a) => a.step),
        ['budget', 'authority', 'need', 'need', 'timing', 'email']);
    assert.equal(stored.outcome.grade, shown.grade);
    assert.equal(stored.outcome.total_points, shown.total_points);
    // Escape closes the chat and focus returns to the launcher.
    await page.keyboard.press('Escape');
    assert.equal(await focused(page), 'button:');
    await page.close();
  });

  test('axe-core finds no serious or critical violation', async () => {
    const page = await stack.browser.newPage();
    await page.goto(stack.server.url + '/');
    await page.locator('leadq-chat .greeting-text').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'demo page with the greeting');
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await page.locator('leadq-chat .choice').first().waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'first question');
    for (const a of hotLead.slice(0, 4)) {
      await page.locator('leadq-chat button.choice', { hasText: a.click }).click();
    }
    await page.locator('leadq-chat .answer .input').fill('not an address');
    await page.locator('leadq-chat .answer button.send').click();
    await page.locator('leadq-chat .error').filter({ hasText: /./ }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'text question with an error');
    await screenshot(page, 'a11y-error');
    await page.locator('leadq-chat .answer .input').fill('anna@example.com');
    await page.locator('leadq-chat .answer button.send').click();
    await shownOutcome(page);
    assert.deepEqual(await seriousViolations(page), [], 'outcome');
    await page.close();
  });
});
