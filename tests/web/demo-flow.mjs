// Driving the demo flow (web/demo/flows/bant-demo.json) like a person, in English.
import assert from 'node:assert/strict';

/** The hot lead: every answer a person gives, by the label they click or the text they type. */
export const hotLead = [
  { step: 'budget', click: 'Over €50,000', value: 'over_50k' },
  { step: 'authority', click: 'I decide', value: 'decision_maker' },
  { step: 'need', click: 'We lose leads between marketing and sales', value: 'losing_leads' },
  { step: 'timing', click: 'Within 2 weeks', value: 'within_2_weeks' },
  { step: 'email', type: 'Anna@Example.com', value: 'anna@example.com' },
];

/**
 * Answers `answers` by clicking choice buttons and typing into the text field.
 * @param {import('playwright-core').Page} page
 * @param {typeof hotLead} answers
 */
export async function answer(page, answers) {
  for (const a of answers) await answerOne(page, a);
}

/**
 * @param {import('playwright-core').Page} page
 * @param {typeof hotLead[number]} a
 */
export async function answerOne(page, a) {
  if (a.click) {
    await page.locator('leadq-chat button.choice', { hasText: a.click }).click();
  } else {
    const field = page.locator('leadq-chat .answer .input');
    await field.fill(/** @type {string} */ (a.type));
    await page.locator('leadq-chat .answer button.send').click();
  }
}

/**
 * The conversation state the widget keeps for the tab (session id, answers, queue).
 * @param {import('playwright-core').Page} page
 * @returns {Promise<any>}
 */
export function savedState(page) {
  return page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((k) => k.endsWith(':conversation'));
    return key ? JSON.parse(/** @type {string} */ (sessionStorage.getItem(key))) : null;
  });
}

/**
 * Waits until the widget has no answer left to send, and returns its state.
 * @param {import('playwright-core').Page} page
 */
export async function synced(page, timeoutMs = 20000) {
  await page.waitForFunction(() => {
    const key = Object.keys(sessionStorage).find((k) => k.endsWith(':conversation'));
    const state = key && JSON.parse(/** @type {string} */ (sessionStorage.getItem(key)));
    return state && state.session_id && state.pending.length === 0;
  }, null, { timeout: timeoutMs });
  return savedState(page);
}

/**
 * What the widget showed as the outcome (the result card's data attributes).
 * @param {import('playwright-core').Page} page
 */
export async function shownOutcome(page) {
  const card = page.locator('leadq-chat .result');
  await card.waitFor();
  return {
    triage: await card.getAttribute('data-triage'),
    grade: await card.getAttribute('data-grade'),
    total_points: Number(await card.getAttribute('data-points')),
    criteria: String(await card.getAttribute('data-criteria')).split(' ').filter(Boolean),
    text: await card.innerText(),
  };
}

/**
 * Asserts the server stored each answer exactly once and decided what the widget showed.
 * @param {{admin: (path: string) => Promise<any>}} server
 * @param {string} sessionId
 * @param {Awaited<ReturnType<typeof shownOutcome>>} shown
 * @param {typeof hotLead} answers
 */
export async function assertStored(server, sessionId, shown, answers) {
  const stored = await server.admin(`/api/v1/admin/sessions/${sessionId}`);
  assert.deepEqual(stored.answers.map((/** @type {any} */ a) => [a.step, a.value]),
      answers.map((a) => [a.step, a.value]));
  const ids = new Set(stored.answers.map((/** @type {any} */ a) => a.answer_id));
  assert.equal(ids.size, answers.length, 'every answer exactly once');
  assert.equal(stored.outcome.triage, shown.triage);
  assert.equal(stored.outcome.grade, shown.grade);
  assert.equal(stored.outcome.total_points, shown.total_points);
  assert.deepEqual(stored.outcome.criteria.map((/** @type {any} */ c) => c.id), shown.criteria);
  return stored;
}
