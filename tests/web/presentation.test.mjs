// The widget holds up on pages that fight it: hostile host CSS (measured boxes and
// computed styles, screenshots in test-artifacts/) and a strict Content-Security-Policy
// (the one extra directive wasm needs is 'wasm-unsafe-eval'); Dutch from the page's lang.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { answer, assertStored, shownOutcome, synced } from './demo-flow.mjs';
import { launchBrowser, screenshot, startFixtures, startLeadq } from './harness.mjs';

export const kStrictCsp = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; " +
    "style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; " +
    "form-action 'none'; frame-ancestors 'none'";

/** @type {Awaited<ReturnType<typeof startLeadq>>} */ let server;
/** @type {Awaited<ReturnType<typeof startFixtures>>} */ let fixtures;
/** @type {Awaited<ReturnType<typeof startFixtures>>} */ let strict;
/** @type {import('playwright-core').Browser} */ let browser;
before(async () => {
  server = await startLeadq();
  fixtures = await startFixtures(server.url);
  strict = await startFixtures(server.url, { headers: { 'Content-Security-Policy': kStrictCsp } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await fixtures?.stop();
  await strict?.stop();
  await server?.stop();
});

/**
 * @param {import('playwright-core').Locator} locator
 * @param {string[]} properties
 */
function styles(locator, properties) {
  return locator.evaluate((el, props) => {
    const s = getComputedStyle(el);
    return Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)]));
  }, properties);
}

describe('presentation', () => {
  test('hostile host CSS cannot break the widget', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(`${fixtures.url}/hostile.html`);
    const launcher = page.getByRole('button', { name: 'Chat with us' });
    await launcher.waitFor();
    const lbox = await launcher.boundingBox();
    assert.ok(lbox);
    assert.deepEqual([Math.round(lbox.width), Math.round(lbox.height)], [60, 60]);
    assert.equal(Math.round(lbox.x + lbox.width), 1200 - 20, 'launcher 20 px from the right');
    assert.equal(Math.round(lbox.y + lbox.height), 800 - 20, 'launcher 20 px from the bottom');
    await screenshot(page, 'hostile-closed');
    await launcher.click();
    const choice = page.locator('leadq-chat button.choice').first();
    await choice.waitFor();
    const panel = await page.locator('leadq-chat .panel').boundingBox();
    assert.ok(panel);
    assert.equal(Math.round(panel.width), 380);
    assert.equal(Math.round(panel.height), 560);
    const cbox = await choice.boundingBox();
    assert.ok(cbox && cbox.width > 300 && cbox.height >= 40 && cbox.height < 60);
    const choiceStyle = await styles(choice, ['font-size', 'font-family', 'letter-spacing',
      'text-transform', 'display', 'background-color', 'border-top-style']);
    assert.equal(choiceStyle['font-size'], '15px');
    assert.doesNotMatch(choiceStyle['font-family'], /Comic/);
    assert.equal(choiceStyle['letter-spacing'], 'normal');
    assert.equal(choiceStyle['text-transform'], 'none');
    assert.equal(choiceStyle.display, 'flex');
    assert.equal(choiceStyle['background-color'], 'rgb(255, 255, 255)');
    assert.equal(choiceStyle['border-top-style'], 'solid');
    const message = page.locator('leadq-chat .msg.bot').first();
    const messageStyle = await styles(message, ['color', 'font-size', 'line-height']);
    assert.equal(messageStyle.color, 'rgb(29, 36, 51)');
    assert.equal(messageStyle['font-size'], '15px');
    await screenshot(page, 'hostile-open');
    // The widget's own styles do not leak out onto the host page.
    const hostButton = await styles(page.getByRole('button', { name: 'Open the chat' }),
        ['background-color']);
    assert.equal(hostButton['background-color'], 'rgb(255, 0, 0)');
    await page.close();
  });

  test('the host page themes the widget through custom properties', async () => {
    const page = await browser.newPage();
    await page.goto(`${fixtures.url}/inline.html`);
    await page.addStyleTag({ content: 'leadq-chat { --leadq-accent: rgb(11, 110, 79); ' +
      '--leadq-radius: 4px; --leadq-font: monospace; }' });
    await page.locator('leadq-chat .choice').first().waitFor();
    const head = await styles(page.locator('leadq-chat .head'), ['background-color']);
    assert.equal(head['background-color'], 'rgb(11, 110, 79)');
    const panel = await styles(page.locator('leadq-chat .panel'), ['border-top-left-radius']);
    assert.equal(panel['border-top-left-radius'], '4px');
    const choice = await styles(page.locator('leadq-chat .choice').first(), ['font-family', 'color']);
    assert.equal(choice['font-family'], 'monospace');
    assert.equal(choice.color, 'rgb(11, 110, 79)');
    await screenshot(page, 'themed');
    await page.close();
  });

  test('a strict CSP page runs the whole flow with no violation, in Dutch', async () => {
    const page = await browser.newPage();
    /** @type {string[]} */
    const console = [];
    page.on('console', (m) => { if (/Content.Security.Policy|Refused/i.test(m.text())) console.push(m.text()); });
    await page.goto(`${strict.url}/csp.html`);
    await page.locator('leadq-chat .msg.bot', { hasText: 'Welk budget' }).waitFor();
    const answers = [
      { step: 'budget', click: 'Meer dan €50.000', value: 'over_50k' },
      { step: 'authority', click: 'Ik adviseer de beslisser', value: 'influencer' },
      { step: 'need', click: 'We verkennen de mogelijkheden', value: 'exploring' },
      { step: 'timing', click: 'Binnen 6 maanden', value: 'within_6_months' },
      { step: 'email', type: 'jan@bedrijf.nl', value: 'jan@bedrijf.nl' },
    ];
    await answer(page, answers.slice(0, 4));
    // Live validation speaks Dutch too.
    await page.locator('leadq-chat .answer .input').fill('jan@');
    await page.locator('leadq-chat .answer button.send').click();
    await page.locator('leadq-chat .error', { hasText: 'e-mailadres' }).waitFor();
    await answer(page, answers.slice(4));
    const shown = await shownOutcome(page);
    assert.equal(shown.grade, 'low');
    assert.match(shown.text, /binnen 2 dagen contact/);
    const state = await synced(page);
    await assertStored(server, state.session_id, shown, answers);
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).cspViolations), []);
    assert.deepEqual(console, []);
    await screenshot(page, 'strict-csp');
    await page.close();
  });
});
