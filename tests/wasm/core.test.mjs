// The JS API over the shipped wasm module (web/widget/core.js): values in, values out,
// engine refusals as LeadqError, identical bytes to the native engine, and no trap or
// exception from C++ on any input.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { LeadqError, loadCore } from '../../web/widget/core.js';
import { callNative, hasNative, loadShippedCore, readJson, shippedModule } from './harness.mjs';

/**
 * A deterministic mutator: each call copies `node` with one member, somewhere down a
 * random path, replaced by one of `odd` (the walk stops early with chance `stop`).
 * @param {{seed: number, maxDepth: number, stop: number, odd: unknown[]}} options
 * @returns {(node: any) => any}
 */
function mutator({ seed, maxDepth, stop, odd }) {
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  /** @param {any} node @param {number} depth @returns {any} */
  const mutate = (node, depth) => {
    if (node === null || typeof node !== 'object' || depth > maxDepth || random() < stop) {
      return odd[Math.floor(random() * odd.length)];
    }
    const copy = Array.isArray(node) ? [...node] : { ...node };
    const keys = Object.keys(copy);
    const key = keys[Math.floor(random() * keys.length)];
    if (key !== undefined) /** @type {any} */ (copy)[key] = mutate(/** @type {any} */ (copy)[key], depth + 1);
    return copy;
  };
  return (node) => mutate(node, 0);
}

/** @type {import('../../web/widget/core.js').Core} */
let core;
/** @type {any} */
let flow;
before(async () => {
  core = await loadShippedCore();
  flow = await readJson('web/demo/flows/bant-demo.json');
});

const hot = [
  { step: 'budget', value: 'over_50k' },
  { step: 'authority', value: 'decision_maker' },
  { step: 'need', value: 'losing_leads' },
  { step: 'timing', value: 'within_2_weeks' },
  { step: 'email', value: 'Anna@Example.COM' },
];

// Requests run on both engines; `check` asserts on the wasm response's value or error.
const cases = [
  {
    name: 'decode_flow summarises the demo flow',
    op: 'decode_flow', request: () => flow,
    check: (/** @type {any} */ v) => {
      assert.equal(v.id, 'bant-demo');
      assert.equal(v.questions, 5);
    },
  },
  {
    name: 'next opens with the welcome message and the budget question in Dutch',
    op: 'next', request: () => ({ flow, answers: [], language: 'nl', now_ms: 0 }),
    check: (/** @type {any} */ v) => {
      assert.equal(v.messages.length, 1);
      assert.match(v.messages[0], /Vier korte vragen/);
      assert.equal(v.question.id, 'budget');
      assert.equal(v.question.choices.length, 3);
      assert.deepEqual(v.progress, { asked: 0, total: 5 });
      assert.equal(v.done, false);
    },
  },
  {
    name: 'next after every answer is done and qualified high',
    op: 'next', request: () => ({ flow, answers: hot, language: 'en', now_ms: 1700000000000 }),
    check: (/** @type {any} */ v) => {
      assert.equal(v.done, true);
      assert.equal(v.question, null);
      assert.equal(v.outcome.triage, 'qualified');
      assert.equal(v.outcome.grade, 'high');
      assert.equal(v.fields.email, 'anna@example.com');
    },
  },
  {
    name: 'a known profile field is not asked again',
    op: 'next', request: () => ({ flow, profile: { fields: { budget: 'over_50k' } },
      answers: [], language: 'en' }),
    check: (/** @type {any} */ v) => assert.equal(v.question.id, 'authority'),
  },
  {
    name: 'decide gives the outcome of a knocked-out lead',
    op: 'decide', request: () => ({ flow, answers: [{ step: 'need', value: 'no_need' }] }),
    check: (/** @type {any} */ v) => assert.equal(v.knockout.id, 'no_need'),
  },
  {
    name: 'check_answer normalises an e-mail address',
    op: 'check_answer', request: () => ({ flow, step: 'email', value: ' A@B.nl ', language: 'en' }),
    check: (/** @type {any} */ v) => assert.equal(v.value, 'a@b.nl'),
  },
  {
    name: 'check_answer refuses an invalid e-mail address in Dutch',
    op: 'check_answer', request: () => ({ flow, step: 'email', value: 'nope', language: 'nl' }),
    error: 'invalid_answer',
  },
  {
    name: 'check_answer refuses an unknown choice',
    op: 'check_answer', request: () => ({ flow, step: 'authority', value: 'ceo', language: 'en' }),
    error: 'invalid_answer',
  },
  {
    name: 'an unknown operation is not found',
    op: 'explode', request: () => ({}), error: 'not_found',
  },
  {
    name: 'a broken flow reports every problem with paths under /flow',
    op: 'next', request: () => ({ flow: { format: 'leadq.flow/1', steps: 7 } }),
    error: 'invalid_flow',
  },
];

describe('core.js over the shipped module', () => {
  for (const c of cases) {
    test(c.name, () => {
      const request = c.request();
      if (c.error) {
        assert.throws(() => core.call(c.op, request), (/** @type {any} */ e) => {
          assert.ok(e instanceof LeadqError);
          assert.ok(e instanceof Error);
          assert.equal(e.code, c.error);
          assert.equal(typeof e.message, 'string');
          assert.ok(e.message.length > 0);
          assert.equal(typeof e.path, 'string');
          return true;
        });
      } else {
        c.check?.(core.call(c.op, request));
      }
      if (hasNative) {
        const text = JSON.stringify(request);
        assert.equal(core.callRaw(c.op, text), callNative(c.op, text));
      }
    });
  }

  test('an invalid answer carries a localised message and the path /value', () => {
    try {
      core.checkAnswer({ flow, step: 'email', value: 'nope', language: 'nl' });
      assert.fail('expected a LeadqError');
    } catch (e) {
      assert.ok(e instanceof LeadqError);
      assert.equal(e.path, '/value');
      assert.match(e.message, /e-mailadres/);
    }
  });

  test('the helpers return values, not envelopes', () => {
    assert.equal(core.decodeFlow(flow).id, 'bant-demo');
    assert.equal(core.next({ flow }).question?.id, 'budget');
    assert.equal(core.decide({ flow, answers: hot }).grade, 'high');
    assert.equal(core.checkAnswer({ flow, step: 'budget', value: 'over_50k' }), 'over_50k');
  });
});

describe('hostile input never escapes as a trap or a C++ exception', () => {
  const ops = ['decode_flow', 'next', 'check_answer', 'decide', '', 'x'.repeat(1000)];
  let deep = '1';
  for (let i = 0; i < 20000; i++) deep = `[${deep}]`;
  const texts = [
    '', 'null', '{', '}', '[]', '"\\ud800"', '{"flow":null}', '{"flow":{}}',
    '\u0000', '\uffff\ud800', deep, '{"a":' + '9'.repeat(400) + '}', '1e999', '-0',
    JSON.stringify({ flow: { format: 'leadq.flow/1', id: '\ud800', steps: [{ id: '\udfff' }] } }),
  ];

  test('raw texts on every operation give an {"ok":...} response', () => {
    for (const op of ops) {
      for (const text of texts) {
        const raw = core.callRaw(op, text);
        const response = JSON.parse(raw);
        assert.equal(typeof response.ok, 'boolean', `${op}: ${text.slice(0, 40)}`);
      }
    }
  });

  test('mutated demo flows never trap', () => {
    // A deterministic walk over many single-member mutations of a valid request.
    const mutate = mutator({ seed: 7, maxDepth: 6, stop: 0.15,
      odd: [null, true, 0, -1, 1.5, 2 ** 53, '', 'x', [], {}, [null], { a: 1 }] });
    for (let i = 0; i < 400; i++) {
      const request = mutate({ flow, answers: hot, profile: { fields: {}, signals: {} },
        language: 'nl', now_ms: 5, visitor_id: 'v', step: 'email', value: 'a@b.nl' });
      for (const op of ['next', 'decide', 'check_answer']) {
        try {
          core.call(op, request);
        } catch (e) {
          assert.ok(e instanceof LeadqError, String(e));
          assert.notEqual(e.code, 'internal', e.message);
        }
      }
    }
  });

  test('nesting a million levels deep is refused, not a stack overflow', () => {
    const deep = '['.repeat(1000000) + ']'.repeat(1000000);
    const raw = core.callRaw('next', `{"flow":${JSON.stringify(flow)},"profile":{"fields":{"x":${deep}}}}`);
    assert.equal(JSON.parse(raw).error.code, 'invalid_json');
    assert.equal(core.next({ flow }).question?.id, 'budget', 'the engine is still sound');
  });

  test('a request over the size limit is refused before it reaches wasm', () => {
    assert.throws(() => core.call('next', { flow, pad: 'x'.repeat(5 * 1024 * 1024) }),
        (/** @type {any} */ e) => e instanceof LeadqError && e.code === 'invalid_argument');
  });

  test('a trap inside the module becomes a LeadqError and the instance is replaced', async () => {
    let instances = 0;
    const trapping = (/** @type {import('../../web/widget/core.js').EngineExports} */ mod) => {
      instances += 1;
      if (instances > 1) return mod;
      return { ...mod, leadq_call: () => { throw new WebAssembly.RuntimeError('unreachable'); } };
    };
    const fragile = await loadCore({ wasmBinary: await shippedModule('leadq-core'),
      wrapExports: trapping });
    assert.throws(() => fragile.next({ flow }), (/** @type {any} */ e) =>
      e instanceof LeadqError && e.code === 'internal');
    await fragile.ready();
    assert.equal(fragile.next({ flow }).question?.id, 'budget');
    assert.equal(instances, 2);
  });

  test('the wrapper frees every string it allocates or receives', async () => {
    // The C++ side is leak-checked natively under AddressSanitizer; this checks the JS half.
    const live = new Set();
    const counting = (/** @type {import('../../web/widget/core.js').EngineExports} */ mod) => ({
      ...mod,
      malloc: (/** @type {number} */ n) => { const p = mod.malloc(n); live.add(p); return p; },
      free: (/** @type {number} */ p) => { assert.ok(live.delete(p)); mod.free(p); },
      leadq_call: (/** @type {number} */ a, /** @type {number} */ b) => {
        const p = mod.leadq_call(a, b); live.add(p); return p;
      },
      leadq_free: (/** @type {number} */ p) => { assert.ok(live.delete(p)); mod.leadq_free(p); },
    });
    const counted = await loadCore({ wasmBinary: await shippedModule('leadq-core'),
      wrapExports: counting });
    counted.next({ flow, answers: hot });
    assert.throws(() => counted.checkAnswer({ flow, step: 'email', value: 'x' }));
    assert.throws(() => counted.call('nope', {}));
    counted.callRaw('next', '{');
    assert.equal(live.size, 0);
  });
});

describe('the runtime module (leadq-runtime.wasm, what the widget downloads)', () => {
  /** @type {import('../../web/widget/core.js').Core} */
  let runtime;
  /** @type {any} */
  let compiled;
  before(async () => {
    runtime = await loadShippedCore('leadq-runtime');
    compiled = core.call('compile_flow', flow);
  });

  test('converses on a compiled flow exactly as the whole engine on the document', () => {
    for (const request of [{ answers: [], language: 'nl' }, { answers: hot, now_ms: 1700000000000 }]) {
      assert.deepEqual(runtime.next({ ...request, flow: compiled }), core.next({ ...request, flow }));
    }
    assert.equal(runtime.checkAnswer({ flow: compiled, step: 'email', value: ' A@B.nl ' }), 'a@b.nl');
  });

  test('refuses a flow document, and has no decoder', () => {
    assert.throws(() => runtime.next({ flow }), (/** @type {any} */ e) =>
      e instanceof LeadqError && e.code === 'invalid_flow' && e.path === '/flow');
    for (const op of ['decode_flow', 'compile_flow']) {
      assert.throws(() => runtime.call(op, flow), (/** @type {any} */ e) => e.code === 'not_found');
    }
  });

  test('mutated compiled flows never trap', () => {
    const mutate = mutator({ seed: 11, maxDepth: 8, stop: 0.1,
      odd: [null, true, 0, -1, 1.5, 14, 2 ** 53, '', 'x', [], {}, [null], [4, 0, 'x', 1, 2]] });
    let accepted = 0;
    for (let i = 0; i < 600; i++) {
      const broken = mutate(compiled);
      for (const op of ['next', 'decide', 'check_answer']) {
        try {
          runtime.call(op, { flow: broken, answers: hot, step: 'email', value: 'a@b.nl', now_ms: 5 });
          accepted += 1;
        } catch (e) {
          assert.ok(e instanceof LeadqError, String(e));
          assert.notEqual(e.code, 'internal', e.message);
        }
      }
    }
    assert.ok(accepted > 0, 'some mutations keep a readable flow');
  });
});
