// Every shared test vector (tests/data/vectors/*.json) run on the shipped wasm module:
// the response must equal the vector's expectation, and its bytes must equal the native
// engine's response to the same request text.
//
// A vector: {"name", "description", "flow": "<file in tests/data/flows/>", "op",
// "request", "expected"}. For decode_flow the request is the flow document itself;
// otherwise request.flow is set to it (as tests/core/vectors_test.cc does natively).
// `expected` is the whole response ({"ok":...}).
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { before, describe, test } from 'node:test';

import { callNative, hasNative, loadShippedCore, readJson, root } from './harness.mjs';

const vectorDir = resolve(root, 'tests/data/vectors');
const files = existsSync(vectorDir)
  ? readdirSync(vectorDir).filter((f) => f.endsWith('.json')).sort()
  : [];

/** @type {import('../../web/widget/core.js').Core} */
let core;
before(async () => { core = await loadShippedCore(); });

/** @param {any} vector */
async function requestText(vector) {
  const flow = vector.flow ? await readJson(`tests/data/flows/${vector.flow}`) : undefined;
  if (vector.op === 'decode_flow') return JSON.stringify(flow ?? vector.request);
  const request = { ...vector.request };
  if (flow !== undefined) request.flow = flow;
  return JSON.stringify(request);
}

describe('shared test vectors on the shipped wasm module', () => {
  test('the vector folder is readable', () => {
    // Vectors are optional while the core grows them; report how many ran.
    assert.ok(Array.isArray(files));
  });
  for (const file of files) {
    test(file, async () => {
      const vector = await readJson(`tests/data/vectors/${file}`);
      const text = await requestText(vector);
      const raw = core.callRaw(vector.op, text);
      const response = JSON.parse(raw);
      if (vector.expected !== undefined) {
        const expected = 'ok' in vector.expected ? vector.expected
            : { ok: true, value: vector.expected };
        assert.deepStrictEqual(response, expected, `${vector.name}: ${vector.description ?? ''}`);
      }
      if (hasNative) assert.equal(raw, callNative(vector.op, text), 'wasm and native bytes differ');
    });
  }
});
