// Which engine a visitor downloads: with the flow from the server, the compiled flow and
// the small runtime (leadq-runtime.wasm) and nothing else; with data-flow-src, the runtime
// for a compiled flow and the whole engine (leadq-core.wasm, with the decoder) for a flow
// document. Each completes the demo flow and the server stores the same outcome.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';

import { answer, assertStored, hotLead, shownOutcome, synced } from './demo-flow.mjs';
import { root, useStack } from './harness.mjs';

const stack = useStack();

/**
 * Opens `path`, completes the demo flow and returns the engine files the page fetched.
 * @param {string} path
 * @param {(page: import('playwright-core').Page) => Promise<void>} [prepare]
 */
async function complete(path, prepare) {
  const page = await stack.browser.newPage();
  /** @type {string[]} */
  const errors = [];
  /** @type {string[]} */
  const fetched = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname + new URL(r.url()).search));
  await prepare?.(page);
  await page.goto(`${stack.fixtures.url}${path}`);
  await answer(page, hotLead);
  const shown = await shownOutcome(page);
  assert.equal(shown.triage, 'qualified');
  const state = await synced(page);
  await assertStored(stack.server, state.session_id, shown, hotLead);
  assert.deepEqual(errors, []);
  await page.close();
  return { engines: fetched.filter((p) => p.endsWith('.wasm')), fetched };
}

describe('the engine a visitor downloads', () => {
  test('a flow from the server comes compiled, and only the runtime is downloaded', async () => {
    const { engines, fetched } = await complete('/inline.html');
    assert.deepEqual(engines, ['/widget/core/leadq-runtime.wasm']);
    assert.ok(fetched.some((p) => /^\/api\/v1\/flows\/bant-demo\?.*form=compiled/.test(p)), fetched.join('\n'));
  });

  test('data-flow-src with a flow document loads the whole engine', async () => {
    const document = await readFile(`${root}/web/demo/flows/bant-demo.json`, 'utf8');
    const { engines } = await complete('/flow-src.html', (page) =>
      page.route('**/flow-src.json', (route) => route.fulfill({ contentType: 'application/json',
        body: document })));
    assert.deepEqual(engines, ['/widget/core/leadq-core.wasm']);
  });

  test('data-flow-src with a compiled flow loads the runtime', async () => {
    const response = await fetch(`${stack.server.url}/api/v1/flows/bant-demo?site=demo-site&form=compiled`);
    const compiled = (await response.json()).flow;
    assert.equal(compiled.compiled, 2, 'the compiled layout the core writes today');
    const { engines } = await complete('/flow-src.html', (page) =>
      page.route('**/flow-src.json', (route) => route.fulfill({ json: compiled })));
    assert.deepEqual(engines, ['/widget/core/leadq-runtime.wasm']);
  });
});
