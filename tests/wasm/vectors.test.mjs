// Every shared test vector (tests/data/vectors/*.json) run on the shipped wasm modules:
// the response must equal the vector's expectation, and its bytes must equal the native
// engine's response to the same request text. leadq-core.wasm runs every vector on the
// flow document; leadq-runtime.wasm (what the widget downloads) runs every vector on a
// flow, given the flow's compiled form (compile_flow on leadq-core.wasm).
//
// A vector: {"name", "description", "flow": "<file in tests/data/flows/>" (not for
// fold_events), "op", "request", "expected"}. For decode_flow the request is the flow document itself;
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
/** @type {import('../../web/widget/core.js').Core} */
let runtime;
before(async () => {
  core = await loadShippedCore('leadq-core');
  runtime = await loadShippedCore('leadq-runtime');
});

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

describe('shared test vectors on the shipped runtime module, with compiled flows', () => {
  for (const file of files) {
    test(file, async (t) => {
      const vector = await readJson(`tests/data/vectors/${file}`);
      if (vector.op === 'decode_flow') {
        t.skip('decode_flow is not in the runtime');
        return;
      }
      if (!vector.flow) {  // fold_events: no flow to compile
        const text = JSON.stringify(vector.request);
        const raw = runtime.callRaw(vector.op, text);
        assert.equal(raw, core.callRaw(vector.op, text), 'the runtime folds as the whole engine');
        assert.deepStrictEqual(JSON.parse(raw), vector.expected, vector.name);
        return;
      }
      const flow = await readJson(`tests/data/flows/${vector.flow}`);
      const compiled = core.call('compile_flow', flow);
      const text = JSON.stringify({ ...vector.request, flow: compiled });
      const raw = runtime.callRaw(vector.op, text);
      if ('business_hours' in vector.request) {
        // The runtime counts no business hours (the server decides SLAs), and says so.
        const { error } = JSON.parse(raw);
        assert.equal(error.code, 'invalid_argument');
        assert.equal(error.path, '/business_hours');
        return;
      }
      assert.equal(raw, core.callRaw(vector.op, JSON.stringify({ ...vector.request, flow })),
          'the runtime on the compiled flow answers as the whole engine on the document');
      assert.deepStrictEqual(JSON.parse(raw), vector.expected, vector.name);
      if (hasNative) assert.equal(raw, callNative(vector.op, text), 'wasm and native bytes differ');
    });
  }
});
