// The marketer's flows in the console, in Chromium against a real leadq server: the flows
// list with each flow's live version, draft and last seven days; a new flow from a
// template; the structured editor and the JSON view of one document, each edit in one
// shown in the other, each problem at its field; the JSON checked as it is typed by the
// WebAssembly core (a wrong type shown
// at its step, a syntax error at its line and column, each one click away from its place
// in the text); a draft saved on the server, a second tab's save refused as a conflict,
// publishing with a note, a copy of a flow; a backtest of a stricter lead definition over
// stored leads, and a publish past the marketer's limit that asks first; the preview as a
// returning visitor (known answers skipped, consent or not) and per variant; test cases
// run on every edit, red when a change breaks one, the same in `leadq simulate --tests`;
// versions with who and why, and the changes between any two; and what a sales key is
// offered. At 1280×800 and on a 390-px phone, under the page's strict CSP, with no serious
// axe-core violation.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { hotLead } from './demo-flow.mjs';
import { launchBrowser, screenshot, seriousViolations, serverBinary, startLeadq } from './harness.mjs';


/** @typedef {import('playwright-core').Page} Page */


/** Whether nothing on the page is wider than its viewport. @param {Page} page */
async function fitsWidth(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/**
 * Screenshots the part of the page `selector` names at 1280×800 as `name` and on a 390-px
 * phone as `name`-phone, checking that nothing is wider than the phone.
 * @param {Page} page @param {string} selector @param {string} name
 */
async function screenshotBothWidths(page, selector, name) {
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  await screenshot(page, name);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  assert.ok(await fitsWidth(page), `${name} fits a phone`);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('flows in the console', () => {
  /** @type {Awaited<ReturnType<typeof startLeadq>>} */
  let server;
  /** @type {import('playwright-core').Browser} */
  let browser;
  let marketerKey = '';

  /** @param {string} method @param {string} path @param {unknown} [body] @param {string} [key] */
  const call = async (method, path, body, key) => {
    const response = await fetch(server.url + path, { method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key || server.adminKey}` },
      body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, json: await response.json() };
  };

  before(async () => {
    server = await startLeadq();
    browser = await launchBrowser();
    marketerKey = (await call('POST', '/api/v1/admin/keys', { name: 'Marketing team', role: 'marketer' })).json.key;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A page that collects console errors (CSP refusals among them). @param {{width: number, height: number}} [viewport] */
  const open = async (viewport = { width: 1280, height: 800 }) => {
    const page = await browser.newPage({ viewport });
    /** @type {string[]} */
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
    return { page, errors };
  };

  /** @param {Page} page @param {string} key */
  const signIn = async (page, key) => {
    await page.goto(`${server.url}/console/`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  /** @param {Page} page */
  const editorText = (page) => page.locator('#flow-json').inputValue();
  /** Shows the JSON view of the flow page. @param {Page} page */
  const jsonView = async (page) => {
    const tab = page.getByRole('tab', { name: 'JSON' });
    if (await tab.getAttribute('aria-selected') !== 'true') await tab.click();
  };
  /** @param {Page} page @param {string} text */
  const typeText = async (page, text) => {
    await jsonView(page);
    await page.locator('#flow-json').fill(text);
  };

  test('a marketer lands on the flows list: live version, draft and the last seven days', async () => {
    const session = await call('POST', '/api/v1/sessions', { site: 'demo-site', flow: 'bant-demo' });
    assert.equal(session.status, 200);
    const { page, errors } = await open();
    await signIn(page, marketerKey);
    await page.getByRole('heading', { name: 'Flows' }).waitFor();
    assert.match(page.url(), /#\/flows$/);
    const row = page.locator('tbody tr', { has: page.getByRole('link', { name: 'bant-demo', exact: true }) });
    await row.waitFor();
    const text = await row.textContent() || '';
    assert.match(text, /version 1/);
    assert.match(text, /no draft/);
    assert.match(text, /1 session, 0 qualified/);
    assert.equal(await page.getByRole('link', { name: 'Flows' }).count(), 1);
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'console-flows');
    await page.setViewportSize({ width: 390, height: 844 });
    assert.ok(await fitsWidth(page), 'the flows page fits a phone');
    await screenshot(page, 'console-flows-phone');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a new flow from a template is checked as it is typed, saved and published', async () => {
    const { page, errors } = await open();
    await signIn(page, marketerKey);
    await page.getByLabel('Template').selectOption({ label: 'Short contact form' });
    await page.getByText('Name, e-mail, company, topic').waitFor();
    await page.getByLabel('Flow id (in the embed code)').fill('contact-us');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('heading', { name: 'contact-us' }).waitFor();
    await page.getByText('No problems: 6 steps, 6 questions, in en.').waitFor();
    assert.match(await page.locator('#draft-about').textContent() || '', /Not published yet\. Draft revision 1/);
    assert.equal(JSON.parse(await editorText(page)).id, 'contact-us');

    // A wrong question type: the engine's problem, named by its step, one click from its place.
    const good = await editorText(page);
    await typeText(page, good.replace('"type": "email"', '"type": "emial"'));
    const problem = page.locator('.problems li[data-path="/steps/1/type"]');
    await problem.waitFor();
    assert.match(await problem.textContent() || '', /^Step 2 “email” › type: /);
    assert.equal(await page.getByRole('button', { name: 'Publish' }).isDisabled(), true);
    await problem.getByRole('button').click();
    const selected = await page.locator('#flow-json').evaluate((/** @type {HTMLTextAreaElement} */ t) =>
      t.value.slice(t.selectionStart, t.selectionEnd));
    assert.equal(selected, '"emial"');
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'console-flow-problems');

    // A syntax error: where, in lines and columns, as the server would say.
    await typeText(page, good.replace('"id": "contact-us",', '"id": "contact-us"'));
    await page.getByText(/^Not valid JSON: the text is not valid JSON \(line \d+, column \d+\)/).waitFor();
    await page.getByRole('button', { name: /^Line \d+, column \d+$/ }).waitFor();

    // Fixed and changed: saved as revision 2, then published.
    const changed = JSON.parse(good);
    changed.steps[0].text = 'What may we call you?';
    await typeText(page, JSON.stringify(changed, null, 2));
    await page.getByText('No problems: 6 steps').waitFor();
    await page.getByText('Unsaved changes.').waitFor();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved (revision 2).').waitFor();
    await screenshot(page, 'console-flow-draft');
    await page.setViewportSize({ width: 390, height: 844 });
    assert.ok(await fitsWidth(page), 'the flow page fits a phone');
    await screenshot(page, 'console-flow-draft-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog', { name: /^Publish contact-us/ });
    await dialog.getByText('No leads in the last 30 days to try it on.').waitFor();
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Published as version 1: visitors get it now.').waitFor();
    const served = await fetch(`${server.url}/api/v1/flows/contact-us?site=demo-site`);
    assert.equal(served.status, 200);
    assert.equal((await served.json()).flow.steps[0].text, 'What may we call you?');
    const row = page.locator('tbody tr', { has: page.getByRole('link', { name: 'contact-us', exact: true }) });
    assert.match(await row.textContent() || '', /version 1/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the structured editor edits the same document as the JSON, both ways, with each problem at its field', async () => {
    const { page, errors } = await open();
    await signIn(page, marketerKey);
    await page.getByLabel('Template').selectOption({ label: 'General lead definition' });
    await page.getByLabel('Flow id (in the embed code)').fill('form-demo');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByText(/^No problems: 10 steps/).waitFor();
    assert.equal(await page.getByRole('tab', { name: 'Form' }).getAttribute('aria-selected'), 'true', 'the form comes first');
    const doc = async () => JSON.parse(await editorText(page));

    // A question's text in each language side by side: typed in the form, in the JSON at once.
    const role = page.locator('.step-card[data-step="role"]');
    await role.locator('.step-title').click();
    const english = role.locator('.form-row[data-path="/steps/4/text"] .translation', { hasText: 'en' }).locator('input');
    await english.fill('What is your role?');
    assert.equal((await doc()).steps[4].text.en, 'What is your role?');
    // A choice's label, a criterion's points.
    const firstLabel = role.locator('.form-row[data-path="/steps/4/choices/0/label"] input').first();
    await firstLabel.fill('Owner or board');
    assert.equal((await doc()).steps[4].choices[0].label.en, 'Owner or board');
    const criteria = (await doc()).lead_definition.criteria;
    const points = page.locator(`.form-row[data-path="/lead_definition/criteria/0/points"] input`);
    await points.fill('35');
    assert.equal((await doc()).lead_definition.criteria[0].points, 35);
    assert.equal(criteria.length, (await doc()).lead_definition.criteria.length);
    // A condition from pick-lists: the criterion's field and operator are the flow's own.
    const when = page.locator('.condition[data-path="/lead_definition/criteria/0/when"]').first();
    assert.ok(await when.getByRole('combobox', { name: 'Compare' }).count() >= 1);
    await page.locator('#form-definition').scrollIntoViewIfNeeded();
    await screenshot(page, 'console-flow-form-definition');

    // A missing translation is flagged on the step, and the engine's problem sits at its field.
    const dutch = role.locator('.form-row[data-path="/steps/4/text"] .translation', { hasText: 'nl' }).locator('input');
    await dutch.fill('');
    await role.locator('.step-title .missing', { hasText: 'missing: nl' }).waitFor();
    await role.locator('.form-row[data-path="/steps/4/text"] .field-problem').waitFor();
    await role.locator('.problem-count', { hasText: '1 problem' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Publish' }).isDisabled(), true);
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'console-flow-form');
    await page.setViewportSize({ width: 390, height: 844 });
    assert.ok(await fitsWidth(page), 'the form fits a phone');
    await role.scrollIntoViewIfNeeded();
    await screenshot(page, 'console-flow-form-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    await dutch.fill('Wat is uw rol?');
    await page.getByText(/^No problems: 10 steps/).waitFor();

    // The JSON, broken: its problem's link opens the field in the form.
    const broken = await doc();
    broken.steps[1].type = 'money_rang';
    await typeText(page, JSON.stringify(broken, null, 2));
    await page.getByRole('tab', { name: 'Form' }).click();
    const problem = page.locator('.problems li[data-path="/steps/1/type"] button');
    await problem.click();
    const revenue = page.locator(`.step-card[data-step="${broken.steps[1].id}"]`);
    await revenue.locator('.form-row[data-path="/steps/1/type"] .field-problem').waitFor();
    // Fixed in the form: the JSON follows.
    await revenue.locator('.form-row[data-path="/steps/1/type"] select').selectOption('money_range');
    await page.getByText(/^No problems: 10 steps/).waitFor();
    assert.equal((await doc()).steps[1].type, 'money_range');
    // And an edit in the JSON shows in the form.
    const edited = await doc();
    edited.steps[0].text.en = 'Which sector are you in?';
    await typeText(page, JSON.stringify(edited, null, 2));
    await page.getByRole('tab', { name: 'Form' }).click();
    await page.locator('.step-card[data-step="segment"] .step-title', { hasText: 'Which sector are you in?' }).waitFor();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved (revision 2).').waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('two tabs on one draft: the second save is refused, not an overwrite', async () => {
    const { page: first } = await open();
    const { page: second } = await open();
    for (const page of [first, second]) {
      await signIn(page, marketerKey);
      await page.getByRole('heading', { name: 'Flows' }).waitFor();
      await page.goto(`${server.url}/console/#/flows/demo-site/bant-demo`);
      await page.getByText(/No problems: /).waitFor();
    }
    const edit = async (/** @type {Page} */ page, /** @type {string} */ text) => {
      const doc = JSON.parse(await editorText(page));
      doc.steps[0].text = text;
      await typeText(page, JSON.stringify(doc, null, 2));
      await page.getByRole('button', { name: 'Save draft' }).click();
    };
    await edit(first, 'Budget, first tab');
    await first.getByText('Draft saved (revision 1).').waitFor();
    await edit(second, 'Budget, second tab');
    await second.getByText(/^Not saved: .*draft was saved elsewhere/).waitFor();
    await second.getByRole('button', { name: 'Load the saved draft' }).click();
    await second.getByText('Loaded the saved draft (revision 1).').waitFor();
    assert.equal(JSON.parse(await editorText(second)).steps[0].text, 'Budget, first tab');
    const stored = await call('GET', '/api/v1/admin/flows/bant-demo/draft?site=demo-site');
    assert.equal(stored.json.document.steps[0].text, 'Budget, first tab');
    await first.getByRole('button', { name: 'Discard draft' }).click();
    await first.getByText('Draft discarded.').waitFor();
    await first.close();
    await second.close();
  });

  test('a flow is copied under a new id, and the id is checked first', async () => {
    const { page, errors } = await open();
    await signIn(page, marketerKey);
    const copyId = page.getByLabel('Copy as').first();
    await copyId.waitFor();
    await copyId.fill('contact-us');
    await page.getByRole('button', { name: 'Duplicate' }).first().click();
    assert.match(await copyId.evaluate((/** @type {HTMLInputElement} */ i) => i.validationMessage), /already/);
    await copyId.fill('bant-spring');
    await page.getByRole('button', { name: 'Duplicate' }).first().click();
    await page.getByRole('heading', { name: 'bant-spring' }).waitFor();
    await page.getByText(/No problems: /).waitFor();
    const doc = JSON.parse(await editorText(page));
    assert.equal(doc.id, 'bant-spring');
    assert.match(doc.name, /\(copy\)$/);
    const listed = await call('GET', '/api/v1/admin/flows?site=demo-site');
    const copy = listed.json.flows.find((/** @type {any} */ f) => f.flow === 'bant-spring');
    assert.equal(copy.published_version, 0);
    assert.equal(copy.draft.revision, 1);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the preview runs the draft in the shipped widget and shows what the engine decides', async () => {
    const before = (await call('GET', '/api/v1/admin/leads?site=demo-site')).json;
    const { page, errors } = await open();
    await signIn(page, marketerKey);
    await page.getByRole('heading', { name: 'Flows' }).waitFor();
    await page.goto(`${server.url}/console/#/flows/demo-site/bant-demo`);
    const frame = page.frameLocator('iframe[title="Preview of bant-demo"]');
    const decision = page.locator('.decision');
    await decision.getByText(/^Next: “What budget/).waitFor();
    await frame.locator('leadq-chat button.choice', { hasText: hotLead[0].click }).click();
    await decision.getByText(/^qualified|^nurture|^not enough information/).waitFor();
    await decision.getByText(/budget_large/).waitFor();
    await decision.getByText(/^Next: .*\(authority\)/).waitFor();
    for (const a of hotLead.slice(1, 4)) {
      await frame.locator('leadq-chat button.choice', { hasText: /** @type {string} */ (a.click) }).click();
    }
    await frame.locator('leadq-chat .answer .input').fill('anna@example.com');
    await frame.locator('leadq-chat .answer button.send').click();
    await decision.getByText('The conversation is over.').waitFor();
    assert.match(await decision.textContent() || '', /qualified, grade high/);
    assert.match(await decision.textContent() || '', /SLA: first response within 5 minutes/);
    await screenshot(page, 'console-flow-preview');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('.preview').scrollIntoViewIfNeeded();
    assert.ok(await fitsWidth(page), 'the preview fits a phone');
    await screenshot(page, 'console-flow-preview-phone');
    await page.setViewportSize({ width: 1280, height: 800 });

    // A change restarts the preview on the new text; Dutch is one choice away.
    const doc = JSON.parse(await editorText(page));
    doc.steps[1].text = { en: 'Roughly what budget?', nl: 'Ongeveer welk budget?' };
    await typeText(page, JSON.stringify(doc, null, 2));
    await frame.locator('leadq-chat', { hasText: 'Roughly what budget?' }).waitFor();
    await page.getByLabel('Language', { exact: true }).selectOption('nl');
    await frame.locator('leadq-chat', { hasText: 'Ongeveer welk budget?' }).waitFor();
    assert.deepEqual(await seriousViolations(page), []);
    const after = (await call('GET', '/api/v1/admin/leads?site=demo-site')).json;
    assert.equal(after.leads.length, before.leads.length, 'a preview stores nothing');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the preview plays a returning visitor, with consent or without, and each variant', async () => {
    const { page, errors } = await open();
    await signIn(page, marketerKey);
    await page.getByRole('heading', { name: 'Flows' }).waitFor();
    await page.goto(`${server.url}/console/#/flows/demo-site/bant-demo`);
    const frame = page.frameLocator('iframe[title="Preview of bant-demo"]');
    const decision = page.locator('.decision');
    await decision.getByText(/^Next: “What budget/).waitFor();

    // Known from an earlier visit: the budget. Its question is skipped, its points count.
    await page.getByLabel('Returning visitor').check();
    await page.getByLabel(/^What budget have you set aside for this\? \(budget\)$/).selectOption({ label: 'Over €50,000' });
    await page.getByLabel('UTM campaign').fill('spring-2026');
    await page.getByLabel('UTM campaign').press('Tab');
    await decision.getByText(/^Next: .*\(authority\), question 1 of/).waitFor();
    assert.match(await decision.textContent() || '', /\+30 Budget over €50,000 \(budget_large, budget\)/);
    await frame.locator('leadq-chat', { hasText: 'What is your role in the purchase decision?' }).waitFor();
    assert.equal(await frame.locator('leadq-chat', { hasText: 'What budget have you set aside' }).count(), 0);
    assert.deepEqual(await seriousViolations(page), []);
    await page.locator('.preview').scrollIntoViewIfNeeded();
    await screenshot(page, 'console-flow-preview-returning');

    // Without consent nothing known counts, as on a real site.
    await page.getByLabel('Consented: earlier answers and behaviour count').uncheck();
    await decision.getByText(/^Next: “What budget/).waitFor();
    await frame.locator('leadq-chat', { hasText: 'What budget have you set aside' }).waitFor();

    // A flow with variants: each one previewed as the engine assigns it.
    const variants = JSON.parse(await readFile(new URL('../data/flows/variants.json', import.meta.url), 'utf8'));
    assert.equal((await call('PUT', '/api/v1/admin/flows/variants/draft?site=demo-site', variants, marketerKey)).status, 201);
    await page.goto(`${server.url}/console/#/flows/demo-site/variants`);
    const variantFrame = page.frameLocator('iframe[title="Preview of variants"]');
    await page.getByLabel('Variant', { exact: true }).selectOption('short');
    await variantFrame.locator('leadq-chat', { hasText: 'Budget, roughly?' }).waitFor();
    await page.getByLabel('Variant', { exact: true }).selectOption('control');
    await variantFrame.locator('leadq-chat', { hasText: 'What is your budget?' }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByLabel('Returning visitor').check();
    assert.ok(await fitsWidth(page), 'the visitor controls fit a phone');
    await page.locator('.preview-visitor').scrollIntoViewIfNeeded();
    await screenshot(page, 'console-flow-preview-returning-phone');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the map draws the branching, and a click on a step opens it in the text', async () => {
    const { page, errors } = await open();
    await signIn(page, marketerKey);
    await page.getByLabel('Template').selectOption({ label: 'General lead definition' });
    await page.getByLabel('Flow id (in the embed code)').fill('general');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByText(/^No problems: 10 steps/).waitFor();
    const map = page.locator('svg.flow-map');
    await map.waitFor();
    assert.equal(await map.locator('g.node').count(), 11, 'ten steps and the end');
    // not_a_fit: shown only when the answers so far say "not a fit", then a jump to email.
    assert.ok(await map.locator('path.edge.shown').count() >= 2, 'show_if lines from segment, revenue, employees');
    assert.equal(await map.locator('path.edge.jump').count(), 1);
    assert.match(await map.locator('text.edge-label.jump').textContent() || '', /^always/);
    assert.match(await map.locator('g.node[data-step="not_a_fit"]').textContent() || '', /shown if not \(“fit”\)/);
    // In the form a click opens the step's card; in the JSON view it selects the step.
    await map.locator('g.node[data-step="role"]').click();
    await page.locator('.step-card[data-step="role"] .step-form').waitFor();
    await jsonView(page);
    await map.locator('g.node[data-step="role"]').click();
    const selected = await page.locator('#flow-json').evaluate((/** @type {HTMLTextAreaElement} */ t) =>
      t.value.slice(t.selectionStart, t.selectionEnd));
    assert.equal(JSON.parse(selected).id, 'role', 'the step itself is selected');
    // The keyboard works too.
    await map.locator('g.node[data-step="need"]').focus();
    await page.keyboard.press('Enter');
    const need = await page.locator('#flow-json').evaluate((/** @type {HTMLTextAreaElement} */ t) =>
      t.value.slice(t.selectionStart, t.selectionEnd));
    assert.equal(JSON.parse(need).id, 'need');
    await map.scrollIntoViewIfNeeded();
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'console-flow-map');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('test cases run on every edit, turn red when a change breaks one, and run the same in leadq simulate', async () => {
    const { page, errors } = await open();
    await signIn(page, marketerKey);
    await page.getByRole('heading', { name: 'Flows' }).waitFor();
    await page.goto(`${server.url}/console/#/flows/demo-site/bant-demo`);
    await page.getByText('No test cases yet: add one below, and every edit of the draft runs it.').waitFor();
    const addCase = async (/** @type {string} */ name, /** @type {string[]} */ labels, /** @type {string} */ grade) => {
      const form = page.locator('details.add-test');
      if (!(await form.evaluate((/** @type {HTMLDetailsElement} */ d) => d.open))) await form.locator('summary').click();
      await form.getByLabel('Name', { exact: true }).fill(name);
      const selects = ['budget', 'authority', 'need', 'timing'];
      for (const [i, step] of selects.entries()) {
        await form.getByLabel(new RegExp(`\\(${step}\\)$`)).selectOption({ label: labels[i] });
      }
      await form.getByLabel(/\(email\)$/).fill(labels[4]);
      await page.getByLabel('Expected triage').selectOption('qualified');
      await page.getByLabel('grade', { exact: true }).selectOption(grade);
      await page.getByRole('button', { name: 'Add test case' }).click();
      await page.getByText(`Test case “${name}” added.`).waitFor();
    };
    await addCase('A hot lead goes to sales', ['Over €50,000', 'I decide', 'We lose leads between marketing and sales',
      'Within 2 weeks', 'ann@example.com'], 'high');
    await addCase('An adviser with a mid budget is medium', ['€10,000 – €50,000', 'I advise the decision maker',
      'We lose leads between marketing and sales', 'Within 3 months', 'bo@example.com'], 'medium');
    await page.getByText('All 2 test cases pass with this draft.').waitFor();
    assert.equal(await page.locator('.test-cases li.pass').count(), 2);
    assert.match(await page.locator('.test-cases li .quiet').first().textContent() || '',
      /^What budget have you set aside for this\? → Over €50,000 · What is your role in the purchase decision\? → I decide · /);

    // A stricter lead definition breaks the second: red, with what it got.
    const doc = JSON.parse(await editorText(page));
    doc.lead_definition.grades = { high: 95, medium: 90, low: 80 };
    await typeText(page, JSON.stringify(doc, null, 2));
    await page.getByText('1 of 2 test cases fails with this draft.').waitFor();
    const failing = page.locator('.test-cases li.fail');
    assert.equal(await failing.count(), 1);
    assert.match(await failing.textContent() || '', /An adviser with a mid budget is medium/);
    const problem = await failing.locator('.test-problem').textContent() || '';
    assert.equal(problem, 'expected qualified, grade medium; got nurture, grade none, 75 points');
    assert.deepEqual(await seriousViolations(page), []);
    await screenshotBothWidths(page, '.tests', 'console-flow-tests');

    // The downloaded file runs in `leadq simulate --tests` with the same verdicts.
    const [download] = await Promise.all([page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download for leadq simulate --tests' }).click()]);
    assert.equal(download.suggestedFilename(), 'bant-demo.tests.json');
    const file = await readFile(await download.path(), 'utf8');
    const dir = await mkdtemp(join(tmpdir(), 'leadq-tests-'));
    await writeFile(join(dir, 'tests.json'), file);
    await writeFile(join(dir, 'draft.json'), JSON.stringify(doc));
    const run = spawnSync(serverBinary, ['simulate', join(dir, 'draft.json'), '--tests', join(dir, 'tests.json')],
      { encoding: 'utf8', timeout: 30_000 });
    await rm(dir, { recursive: true, force: true });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^PASS {2}A hot lead goes to sales: qualified, grade high$/m);
    assert.ok(run.stdout.includes(`FAIL  An adviser with a mid budget is medium: ${problem}`), run.stdout);
    const stored = (await call('GET', '/api/v1/admin/flows/bant-demo/tests?site=demo-site')).json;
    assert.equal(stored.document.cases.length, 2);
    assert.equal(stored.updated_by, 'Marketing team');

    // Deleting one keeps the other.
    await page.getByRole('button', { name: 'Delete test case “An adviser with a mid budget is medium”' }).click();
    await page.getByText('All 1 test case pass with this draft.').waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the changes from the live version read in words; publish, then roll back', async () => {
    const { page, errors } = await open();
    await signIn(page, marketerKey);
    await page.getByRole('heading', { name: 'Flows' }).waitFor();
    await page.goto(`${server.url}/console/#/flows/demo-site/bant-demo`);
    await page.getByText('The same as version 1, the live one.').waitFor();
    const doc = JSON.parse(await editorText(page));
    doc.steps[1].text.nl = 'Welk budget heeft u?';
    const criterion = doc.lead_definition.criteria.find((/** @type {any} */ c) => c.id === 'budget_large');
    criterion.points = 40;
    doc.steps[1].bands[2].label.en = 'More than €50,000';
    await typeText(page, JSON.stringify(doc, null, 2));
    await page.getByText('3 changes from version 1, the live one:').waitFor();
    const changes = await page.locator('.changes').textContent() || '';
    assert.match(changes, /Step “budget”: text \(nl\): “Welk budget heeft u hiervoor gereserveerd\?” → “Welk budget heeft u\?”/);
    assert.match(changes, /Step “budget” › band “over_50k”: label \(en\): “Over €50,000” → “More than €50,000”/);
    assert.match(changes, /Criterion “budget_large”: points: 30 → 40/);
    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('What changes, and why (kept in the history)').fill('Budget counts more');
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Published as version 2: visitors get it now.').waitFor();
    await page.goto(`${server.url}/console/#/flows/demo-site/bant-demo`);
    await page.getByText('The same as version 2, the live one.').waitFor();
    await page.getByLabel('Why roll back (kept in the history)').fill('Sales asked for the old budget points');
    await page.getByRole('button', { name: 'Roll back to version 1' }).click();
    await page.getByText('Rolled back: version 1 is live again.').waitFor();
    await page.getByText('2 versions, newest first').waitFor();
    const versions = await page.locator('table', { hasText: '2 versions, newest first' }).textContent() || '';
    assert.match(versions, /version 2.*Marketing team.*Budget counts more/s);
    const who = page.locator('table', { hasText: 'Who did what' });
    assert.match(await who.locator('tbody tr').first().textContent() || '',
      /Marketing team.*rolled back to version 1.*Sales asked for the old budget points/);
    // Any two versions, in words.
    await page.getByText('3 changes from version 1 to version 2:').waitFor();
    await page.getByLabel('From', { exact: true }).selectOption('2');
    await page.getByLabel('to', { exact: true }).selectOption('1');
    await page.getByText('3 changes from version 2 to version 1:').waitFor();
    assert.match(await page.getByRole('list', { name: 'Changes between versions' }).textContent() || '',
      /Criterion “budget_large”: points: 40 → 30/);
    await page.getByRole('heading', { name: 'Compare versions' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'console-flow-versions');
    await page.setViewportSize({ width: 390, height: 844 });
    assert.ok(await fitsWidth(page), 'the versions fit a phone');
    await page.locator('table', { hasText: 'Who did what' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'console-flow-versions-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    const served = await (await fetch(`${server.url}/api/v1/flows/bant-demo?site=demo-site`)).json();
    assert.equal(served.flow_version, 1);
    assert.deepEqual(await seriousViolations(page), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a backtest shows what the draft does to recent leads, and publishing past the limit asks first', async () => {
    // Three leads of the last days: high (100 points), medium (75) and nurture (35).
    const lead = async (/** @type {[string, string][]} */ answers) => {
      const { json } = await call('POST', '/api/v1/sessions', { site: 'demo-site', flow: 'bant-demo' });
      let n = 0;
      for (const [step, value] of answers) {
        const res = await call('POST', `/api/v1/sessions/${json.session_id}/answers`,
          { site: 'demo-site', answer_id: `answer-${++n}`, step, value });
        assert.equal(res.status, 200, JSON.stringify(res.json));
      }
    };
    await lead([['budget', 'over_50k'], ['authority', 'decision_maker'], ['need', 'losing_leads'],
      ['timing', 'within_2_weeks'], ['email', 'hana@example.com']]);
    await lead([['budget', '10k_50k'], ['authority', 'influencer'], ['need', 'losing_leads'],
      ['timing', 'within_3_months'], ['email', 'mo@example.com']]);
    await lead([['budget', '10k_50k'], ['authority', 'researcher'], ['need', 'exploring'],
      ['timing', 'within_6_months'], ['email', 'kim@example.com']]);

    const { page, errors } = await open();
    await signIn(page, marketerKey);
    await page.getByRole('heading', { name: 'Flows' }).waitFor();
    await page.goto(`${server.url}/console/#/flows/demo-site/bant-demo`);
    await page.getByText(/No problems: /).waitFor();
    const doc = JSON.parse(await editorText(page));
    doc.lead_definition.grades = { high: 95, medium: 90, low: 80 };
    await typeText(page, JSON.stringify(doc, null, 2));
    await page.getByText(/No problems: /).waitFor();
    await page.getByRole('button', { name: 'Run backtest' }).click();
    const summary = page.locator('.backtest-summary');
    await summary.getByText(/would change triage or grade with this draft\.$/).waitFor();
    const text = await summary.textContent() || '';
    const [, changed, leads] = /^(\d+) of (\d+) leads/.exec(text) || [];
    assert.ok(Number(leads) >= 3, text);
    assert.ok(Number(changed) >= 1, text);
    const triage = page.locator('table.matrix', { hasText: 'Triage' });
    const qualifiedRow = triage.locator('tbody tr', { has: page.getByRole('rowheader', { name: 'Qualified' }) });
    assert.ok(Number(await qualifiedRow.locator('td.moved').first().textContent()) >= 1, 'qualified → nurture');
    const moved = page.getByRole('list', { name: 'Leads that change' });
    await moved.getByRole('link', { name: 'mo@example.com' }).waitFor();
    assert.match(await moved.textContent() || '', /mo@example\.com: Qualified · medium, 75 points → Nurture, 75 points/);
    assert.deepEqual(await seriousViolations(page), []);
    await screenshotBothWidths(page, '.backtest', 'console-flow-backtest');

    // The limit is 10%: publishing asks, naming the figure; cancel publishes nothing.
    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog', { name: /^Publish bant-demo, draft revision \d+$/ });
    await dialog.getByText(/^With this draft, \d+ of \d+ leads \([\d.]+%\) from the last 30 days change triage or grade — more than your limit of 10%/).waitFor();
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'console-flow-publish-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Not published.').waitFor();
    const still = await (await fetch(`${server.url}/api/v1/flows/bant-demo?site=demo-site`)).json();
    assert.equal(still.flow.lead_definition.grades.high, 85);
    await page.getByRole('button', { name: 'Publish' }).click();
    await dialog.getByLabel('What changes, and why (kept in the history)').fill('Only clear buyers to sales');
    await dialog.getByRole('button', { name: 'Publish anyway' }).click();
    await page.getByText(/^Published as version \d+: visitors get it now\.$/).waitFor();
    const served = await (await fetch(`${server.url}/api/v1/flows/bant-demo?site=demo-site`)).json();
    assert.equal(served.flow.lead_definition.grades.high, 95);
    const history = (await call('GET', '/api/v1/admin/flows/bant-demo/history?site=demo-site')).json.events;
    assert.equal(history[0].note, 'Only clear buyers to sales');
    assert.equal(history[0].actor, 'Marketing team');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the whole path without JSON: edit in the form, preview, test, backtest, publish; the demo site gets it; roll back', async () => {
    const { page, errors } = await open();
    await signIn(page, marketerKey);
    await page.getByRole('heading', { name: 'Flows' }).waitFor();
    await page.getByRole('link', { name: 'bant-demo', exact: true }).click();
    await page.getByText(/^No problems: /).waitFor();
    const doc = async () => JSON.parse(await editorText(page));
    // A question and a criterion, in the form.
    const budget = page.locator('.step-card[data-step="budget"]');
    await budget.locator('.step-title').click();
    await budget.locator('.form-row[data-path="/steps/1/text"] .translation', { hasText: 'en' }).locator('input')
      .fill('Which budget do you have in mind?');
    await page.locator('.form-row[data-path="/lead_definition/criteria/0/points"] input').fill('45');
    assert.equal((await doc()).steps[1].text.en, 'Which budget do you have in mind?');
    assert.equal((await doc()).lead_definition.criteria[0].points, 45);
    // A problem at its field, fixed there.
    const field = budget.locator('.form-row[data-path="/steps/1/field"] input');
    await field.fill('');
    await field.blur();
    await page.locator('.step-card[data-step="budget"] .form-row[data-path="/steps/1/field"] .field-problem').waitFor();
    await page.locator('.step-card[data-step="budget"] .form-row[data-path="/steps/1/field"] input').fill('budget');
    await page.locator('.step-card[data-step="budget"] .form-row[data-path="/steps/1/field"] input').blur();
    await page.getByText(/^No problems: /).waitFor();
    // The preview asks the new question; answer it.
    const frame = page.frameLocator('iframe[title="Preview of bant-demo"]');
    await frame.locator('leadq-chat', { hasText: 'Which budget do you have in mind?' }).waitFor();
    // (An earlier test published "More than €50,000" as this band's label.)
    await frame.locator('leadq-chat button.choice', { hasText: /^(Over|More than) €50,000$/ }).click();
    await page.locator('.decision').getByText(/^\+45 /).waitFor();
    // The backtest, then publish with a note.
    await page.getByRole('button', { name: 'Run backtest' }).click();
    await page.locator('.backtest-summary').getByText(/from the last 30 days/).waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('What changes, and why (kept in the history)').fill('Friendlier budget question');
    await dialog.getByRole('button', { name: /^Publish( anyway)?$/ }).click();
    await page.getByText(/^Published as version (\d+): visitors get it now\.$/).waitFor();

    // A visitor on the demo site gets the new version.
    const visitor = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await visitor.goto(server.url + '/');
    await visitor.getByRole('button', { name: "See if we're a fit" }).click();
    await visitor.locator('leadq-chat .msg.bot', { hasText: 'Which budget do you have in mind?' }).waitFor();
    await visitor.close();

    // And back: the version before is live again.
    await page.getByRole('link', { name: 'bant-demo', exact: true }).click();
    await page.getByLabel('Why roll back (kept in the history)').fill('Back to the tested question');
    await page.getByRole('button', { name: /^Roll back to version \d+$/ }).click();
    await page.getByText(/^Rolled back: version \d+ is live again\.$/).waitFor();
    const served = await (await fetch(`${server.url}/api/v1/flows/bant-demo?site=demo-site`)).json();
    assert.notEqual(served.flow.steps[1].text.en, 'Which budget do you have in mind?');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a sales key is offered no flows and is told why when it goes there', async () => {
    const sales = (await call('POST', '/api/v1/admin/keys', { name: 'Sales desk', role: 'sales' })).json.key;
    const { page } = await open();
    await signIn(page, sales);
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Flows' }).count(), 0);
    await page.goto(`${server.url}/console/#/flows`);
    await page.getByText(/role may not/).waitFor();
    await page.close();
  });
});
