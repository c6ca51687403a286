// Each embedding mode completes the demo flow on a host page: inline (always open in a
// host element), popup (a modal opened by a [data-leadq-open] button, with listeners
// queued through the stub before load and a dataLayer push) and bubble (launcher in a
// corner with a proactive greeting).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { answer, assertStored, hotLead, shownOutcome, synced } from './demo-flow.mjs';
import { screenshot, useStack } from './harness.mjs';

const stack = useStack();

/** @typedef {import('playwright-core').Page} Page */

const modes = [
  {
    mode: 'inline',
    open: async (/** @type {Page} */ page) => {
      // Open from the start, inside the host's #contact element, without stealing focus.
      await page.locator('leadq-chat .choice').first().waitFor();
      const inside = await page.evaluate(() =>
        document.querySelector('#contact leadq-chat') !== null);
      assert.ok(inside);
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'BODY');
    },
  },
  {
    mode: 'popup',
    open: async (/** @type {Page} */ page) => {
      assert.equal(await page.locator('leadq-chat .panel').isVisible(), false);
      await page.getByRole('button', { name: 'Get a quote' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      assert.equal(await dialog.getAttribute('aria-modal'), 'true');
    },
    after: async (/** @type {Page} */ page) => {
      const seen = await page.evaluate(() => /** @type {any} */ (window).leadqSeen);
      const kinds = seen.map((/** @type {any[]} */ s) => s[0]);
      assert.deepEqual(kinds.filter((/** @type {string} */ k) => k === 'dom:step').length, 5);
      assert.ok(kinds.includes('dom:start'));
      assert.ok(kinds.includes('complete'));
      const qualified = seen.find((/** @type {any[]} */ s) => s[0] === 'qualified');
      assert.equal(qualified[1].outcome.grade, 'high');
      const layer = await page.evaluate(() => /** @type {any} */ (window).dataLayer
        .map((/** @type {any} */ e) => e.event));
      assert.deepEqual(layer.filter((/** @type {string} */ e) => e !== 'leadq_step'),
          ['leadq_start', 'leadq_complete', 'leadq_qualified']);
      // Tab and Shift+Tab stay inside the modal dialog.
      await page.getByRole('button', { name: 'Close chat' }).focus();
      for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
        await page.keyboard.press(key);
        assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'LEADQ-CHAT', key);
      }
      // Escape closes the dialog and gives focus back to the button that opened it.
      await page.keyboard.press('Escape');
      assert.equal(await page.getByRole('dialog').count(), 0);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'quote');
    },
  },
  {
    mode: 'bubble',
    open: async (/** @type {Page} */ page) => {
      const greeting = page.locator('leadq-chat .greeting-text');
      await greeting.waitFor();
      assert.equal(await greeting.innerText(), 'Questions about pricing?');
      const launcher = page.getByRole('button', { name: 'Chat with us' });
      const box = await launcher.boundingBox();
      assert.ok(box && box.x < 100, 'the launcher sits in the bottom-left corner');
      await screenshot(page, 'bubble-greeting');
      await greeting.click();
      await page.getByRole('dialog').waitFor();
      assert.equal(await launcher.getAttribute('aria-expanded'), 'true');
    },
  },
];

describe('embedding modes', () => {
  for (const m of modes) {
    test(`${m.mode} mode completes the flow`, async () => {
      const page = await stack.browser.newPage({ viewport: { width: 1100, height: 760 } });
      /** @type {string[]} */
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${stack.fixtures.url}/${m.mode}.html`);
      await m.open(page);
      await answer(page, hotLead);
      const shown = await shownOutcome(page);
      assert.equal(shown.triage, 'qualified');
      await screenshot(page, `mode-${m.mode}`);
      const state = await synced(page);
      await assertStored(stack.server, state.session_id, shown, hotLead);
      await m.after?.(page);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  test('a greeting limited to some pages stays quiet elsewhere', async () => {
    const page = await stack.browser.newPage();
    await page.goto(`${stack.fixtures.url}/greeting-elsewhere.html`);
    await page.getByRole('button', { name: 'Chat with us' }).waitFor();
    await page.waitForTimeout(1000);
    assert.equal(await page.locator('leadq-chat .greeting').count(), 0);
    await page.close();
  });

  test('a phone-sized screen gets the full-screen layout', async () => {
    const page = await stack.browser.newPage({ viewport: { width: 375, height: 700 }, isMobile: true,
      hasTouch: true });
    await page.goto(`${stack.fixtures.url}/bubble.html`);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    const panel = page.locator('leadq-chat .panel');
    await page.locator('leadq-chat .choice').first().waitFor();
    const box = await panel.boundingBox();
    assert.ok(box);
    assert.equal(Math.round(box.width), 375);
    assert.equal(Math.round(box.height), 700);
    const choice = await page.locator('leadq-chat .choice').first().boundingBox();
    assert.ok(choice && choice.height >= 44, 'touch targets are at least 44 px high');
    await screenshot(page, 'mobile');
    await page.close();
  });
});
