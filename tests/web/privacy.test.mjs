// Consent first: before consent nothing is written to the device beyond the open
// conversation's session storage and nothing is sent beyond the visitor's answers; after
// leadq('consent', true) page views, visits and UTM parameters are recorded and sent with
// sendBeacon on page hide; with Global Privacy Control or Do-Not-Track, never.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { answer, assertStored, hotLead, shownOutcome, synced } from './demo-flow.mjs';
import { useStack } from './harness.mjs';

const stack = useStack();

/** Records every storage and cookie write the page makes, before any page script runs. */
const recordWrites = () => {
  const writes = /** @type {string[]} */ ([]);
  /** @type {any} */ (window).storageWrites = writes;
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    writes.push(`${this === window.localStorage ? 'local' : 'session'}:${key}`);
    return setItem.call(this, key, value);
  };
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(document, 'cookie', {
    get() { return cookie?.get?.call(document); },
    set(v) { writes.push(`cookie:${v}`); cookie?.set?.call(document, v); },
  });
};

/**
 * Opens the consent fixture with UTM parameters in a fresh context.
 * @param {{gpc?: boolean, dnt?: boolean}} privacy
 */
async function openPage(privacy) {
  const context = await stack.browser.newContext();
  await context.addInitScript(recordWrites);
  if (privacy.gpc) {
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype,
        'globalPrivacyControl', { get: () => true }));
  }
  if (privacy.dnt) {
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype,
        'doNotTrack', { get: () => '1' }));
  }
  const page = await context.newPage();
  const start = stack.fixtures.requests.length;
  await page.goto(`${stack.fixtures.url}/consent.html?utm_source=newsletter&utm_medium=email`);
  await page.locator('leadq-chat .choice').first().waitFor();
  await page.waitForTimeout(500);
  const requests = () => stack.fixtures.requests.slice(start);
  const writes = () => page.evaluate(() => /** @type {any} */ (window).storageWrites);
  return { context, page, requests, writes };
}

/** @param {() => string[]} requests @param {RegExp} pattern */
async function eventually(requests, pattern, ms = 5000) {
  for (let waited = 0; waited < ms; waited += 100) {
    if (requests().some((r) => pattern.test(r))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

const kTracking = /^POST \/api\/v1\/(events|consent)/;

describe('privacy', () => {
  test('before consent: no storage write and no request beyond the answers', async () => {
    const { context, page, requests, writes } = await openPage({});
    assert.deepEqual(await writes(), [], 'nothing stored on load');
    assert.deepEqual(requests().filter((r) => !r.startsWith('GET ')), [], 'only GETs on load');
    await answer(page, hotLead.slice(0, 1));
    await page.locator('leadq-chat .msg.bot', { hasText: 'What is your role' }).waitFor();
    const written = await writes();
    assert.ok(written.length > 0);
    assert.ok(written.every((/** @type {string} */ w) => /^session:leadq:demo-site:bant-demo:conversation$/.test(w)),
        `only the open conversation is stored: ${written}`);
    await page.goto('about:blank');
    assert.equal(await eventually(requests, kTracking, 1500), false, 'no tracking request');
    assert.deepEqual(requests().filter((r) => r.startsWith('POST ')).map((r) => r.split('/')[3]),
        ['sessions', 'sessions']);
    await context.close();
  });

  test('after consent: signals are stored and sent on page hide', async () => {
    const { context, page, requests, writes } = await openPage({});
    await page.evaluate(() => /** @type {any} */ (window).leadq('consent', true));
    assert.ok(await eventually(requests, /^POST \/api\/v1\/consent/), 'consent recorded');
    // The engine folds the page view into the summary (the server folds the same events
    // with the same code); the engine may still be loading when consent comes.
    await page.waitForFunction(() => localStorage.getItem('leadq:demo-site:signals') !== null,
        null, { timeout: 10000 });
    const written = await writes();
    for (const key of ['consent', 'visitor', 'signals']) {
      assert.ok(written.includes(`local:leadq:demo-site:${key}`), `${key} stored`);
    }
    const signals = await page.evaluate(() =>
      JSON.parse(/** @type {string} */ (localStorage.getItem('leadq:demo-site:signals'))));
    assert.equal(signals.visits, 1);
    assert.equal(signals.page_views, 1);
    assert.equal(signals.channel, 'email');
    assert.deepEqual(signals.utm, { source: 'newsletter', medium: 'email' });
    assert.deepEqual(signals.pages, ['/consent.html']);
    await page.goto('about:blank');
    assert.ok(await eventually(requests, /^POST \/api\/v1\/events/), 'events sent on page hide');
    await context.close();
  });

  test('the widget and the server fold the same events into the same profile', async () => {
    // An ad click (gclid) from a search engine, tagged as a newsletter: the engine's one
    // rule decides the channel on both sides (the widget once said "paid" for gclid while
    // the server said "email" for the tag).
    const context = await stack.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack.fixtures.url}/consent.html?utm_source=newsletter&gclid=abc`);
    await page.locator('leadq-chat .choice').first().waitFor();
    await page.evaluate(() => /** @type {any} */ (window).leadq('consent', true));
    await page.waitForFunction(() => localStorage.getItem('leadq:demo-site:signals') !== null,
        null, { timeout: 10000 });
    const [local, visitor] = await page.evaluate(() => [
      JSON.parse(/** @type {string} */ (localStorage.getItem('leadq:demo-site:signals'))),
      JSON.parse(/** @type {string} */ (localStorage.getItem('leadq:demo-site:visitor')))]);
    await page.goto('about:blank');  // page hide: the batch goes out
    /** @type {any} */
    let stored = null;
    for (let i = 0; i < 50 && !stored?.profile?.signals?.page_views; i++) {
      await new Promise((r) => setTimeout(r, 100));
      stored = await stack.server.admin(`/api/v1/admin/visitors/${visitor}?site=demo-site`)
          .catch(() => null);
    }
    const server = stored.profile.signals;
    assert.equal(local.channel, 'paid', 'an ad click id is paid, whatever the tags say');
    for (const key of ['channel', 'utm', 'visits', 'page_views', 'pages']) {
      assert.deepEqual(server[key], local[key], `${key}: server and widget agree`);
    }
    await context.close();
  });

  test('with consent, a returning visitor is not asked again what the server knows', async () => {
    const { context, page } = await openPage({});
    await page.evaluate(() => /** @type {any} */ (window).leadq('consent', true));
    await answer(page, hotLead.slice(0, 2));
    await page.locator('leadq-chat .msg.bot', { hasText: 'Which best describes' }).waitFor();
    await synced(page);
    await page.close();
    // A new tab: a new conversation, the same consented visitor.
    const later = await context.newPage();
    await later.goto(`${stack.fixtures.url}/consent.html`);
    await later.locator('leadq-chat .choice', { hasText: 'We lose leads' }).waitFor();
    assert.equal(await later.locator('leadq-chat .choice', { hasText: 'Over €50,000' }).count(), 0);
    await answer(later, hotLead.slice(2));
    const shown = await shownOutcome(later);
    assert.equal(shown.grade, 'high', 'known budget and authority count');
    const state = await synced(later);
    await assertStored(stack.server, state.session_id, shown, hotLead.slice(2));
    await context.close();
  });

  for (const signal of ['gpc', 'dnt']) {
    test(`with ${signal.toUpperCase()}: nothing is tracked even after consent`, async () => {
      const { context, page, requests, writes } = await openPage({ [signal]: true });
      await page.evaluate(() => /** @type {any} */ (window).leadq('consent', true));
      await answer(page, hotLead.slice(0, 2));
      await page.locator('leadq-chat .msg.bot', { hasText: 'Which best describes' }).waitFor();
      const written = await writes();
      assert.ok(written.every((/** @type {string} */ w) => w.startsWith('session:')), `${written}`);
      await page.goto('about:blank');
      assert.equal(await eventually(requests, kTracking, 1500), false);
      await context.close();
    });
  }
});
