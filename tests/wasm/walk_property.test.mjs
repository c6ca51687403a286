// The walk's promise on the shipped wasm module, as a property over generated flows: a
// required, visible question whose field is unknown is always asked before the
// conversation can end, unless a knockout on answers already given ends it (the native
// suite, tests/core/walk_property_test.cc, checks the same with its own generator).
// Every turn's bytes must also equal the native engine's for the same request.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { callNative, hasNative, loadShippedCore } from './harness.mjs';

/** @type {import('../../web/widget/core.js').Core} */
let core;
before(async () => {
  core = await loadShippedCore('leadq-core');
});

/** A seeded generator (a linear congruential one: the same seed, the same flows). */
function random(seed) {
  let state = seed;
  return (/** @type {number} */ n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * n);
  };
}

const kFields = 6;

/** @param {(n: number) => number} below @returns {any} */
function condition(below) {
  const field = `f${below(kFields)}`;
  switch (below(5)) {
    case 0: return { field, op: 'eq', value: below(2) === 0 };
    case 1: return { field, op: 'present' };
    case 2: return { field, op: 'absent' };
    case 3: return { not: condition(below) };
    default: return { [below(2) === 0 ? 'all' : 'any']: [condition(below), condition(below)] };
  }
}

/** @param {(n: number) => number} below */
function generateFlow(below) {
  const count = 2 + below(8);
  const steps = [];
  for (let i = 0; i < count; i++) {
    /** @type {any} */
    const step = { id: `s${i}`, text: `step ${i}` };
    if (below(4) === 0) {
      step.type = 'message';
    } else {
      Object.assign(step, { type: 'yes_no', field: `f${below(kFields)}`, required: below(4) !== 0 });
    }
    if (below(4) === 0) step.show_if = condition(below);
    if (below(4) === 0) step.end_if = condition(below);
    if (below(3) === 0) {
      /** @type {any} */
      const jump = {};
      if (below(2) === 0) jump.when = condition(below);
      const target = i + 1 + below(count - i);
      jump.to = target >= count ? 'end' : `s${target}`;
      step.jumps = [jump];
    }
    steps.push(step);
  }
  return { format: 'leadq.flow/1', id: 'g', languages: ['en'],
    profile_fields: Array.from({ length: kFields }, (_, f) => `f${f}`), steps,
    lead_definition: { criteria: [], grades: { high: 3, medium: 2, low: 1 } } };
}

// ---- The reference walk, in three-valued logic where it must be ----

const known = (/** @type {any} */ v) => v !== null && v !== undefined && v !== '' &&
    !(Array.isArray(v) && v.length === 0);

/**
 * @param {any} c @param {Record<string, unknown>} fields
 * @param {(field: string) => boolean} [pending] fields whose value is still to come
 * @returns {boolean | null} null: unknown
 */
function evaluate(c, fields, pending = () => false) {
  if (c === undefined) return true;
  if (c.all || c.any) {
    const all = Boolean(c.all);
    let result = /** @type {boolean | null} */ (all);
    for (const child of c.all || c.any) {
      const value = evaluate(child, fields, pending);
      if (value === !all) return value;
      if (value === null) result = null;
    }
    return result;
  }
  if (c.not) {
    const value = evaluate(c.not, fields, pending);
    return value === null ? null : !value;
  }
  if (pending(c.field)) return null;
  const value = fields[c.field];
  if (c.op === 'present') return known(value);
  if (c.op === 'absent') return !known(value);
  return known(value) && value === c.value;
}

/**
 * The next question, walking from the profile and taking each answer when its step is
 * reached; null when the walk ends first.
 * @param {any} flow @param {Record<string, unknown>} profile
 * @param {Array<{step: string, value: unknown}>} answers
 */
function nextQuestion(flow, profile, answers) {
  const fields = { ...profile };
  let i = 0;
  while (i < flow.steps.length) {
    const step = flow.steps[i];
    if (!evaluate(step.show_if, fields)) { i++; continue; }
    if (step.type !== 'message') {
      const given = answers.filter((a) => a.step === step.id).pop();
      if (given) fields[step.field] = given.value;
      else if (!known(fields[step.field])) return { step, index: i, fields };
    }
    if (step.end_if && evaluate(step.end_if, fields)) return null;
    let next = i + 1;
    for (const jump of step.jumps || []) {
      if (!evaluate(jump.when, fields)) continue;
      if (jump.to === 'end') return null;
      next = flow.steps.findIndex((/** @type {any} */ s) => s.id === jump.to);
      break;
    }
    i = next;
  }
  return null;
}

/** A later end_if that holds whatever the fields without a value turn out to be. */
function knockoutOnGivenAnswers(/** @type {any} */ flow, /** @type {any} */ open) {
  return flow.steps.slice(open.index + 1).some((/** @type {any} */ step) =>
    step.end_if && Object.keys(step.end_if).length > 0 &&
    evaluate(step.end_if, open.fields, (field) => !known(open.fields[field])) === true);
}

describe('the walk on the shipped wasm module, over generated flows', () => {
  test('a required visible unknown question is asked before the end', () => {
    let turns = 0;
    let flows = 0;
    for (let seed = 1; flows < 150; seed++) {
      const below = random(seed);
      const flow = generateFlow(below);
      try {
        core.decodeFlow(flow);
      } catch {
        continue;  // a flow the decoder refuses (a step no walk reaches) is no flow to test
      }
      flows++;
      /** @type {Record<string, unknown>} */
      const profile = {};
      for (let f = 0; f < kFields; f++) if (below(4) === 0) profile[`f${f}`] = below(2) === 0;
      /** @type {Array<{step: string, value: unknown}>} */
      const answers = [];
      for (let round = 0; round <= flow.steps.length; round++) {
        const text = JSON.stringify({ flow, profile: { fields: profile }, answers });
        const raw = core.callRaw('next', text);
        if (hasNative && seed % 3 === 0) {
          assert.equal(raw, callNative('next', text), `seed ${seed}: wasm and native differ`);
        }
        const turn = JSON.parse(raw).value;
        turns++;
        const expected = nextQuestion(flow, profile, answers);
        if (turn.done) {
          if (expected && expected.step.required) {
            assert.ok(knockoutOnGivenAnswers(flow, expected),
                `seed ${seed}: ended before asking ${expected.step.id}: ${JSON.stringify(flow)}`);
          }
          break;
        }
        assert.ok(expected, `seed ${seed}: asked ${turn.question.id} after the end`);
        assert.equal(turn.question.id, expected.step.id, `seed ${seed}: ${JSON.stringify(flow)}`);
        const value = turn.question.required || below(2) === 0 ? below(2) === 0 : null;
        answers.push({ step: turn.question.id, value });
      }
    }
    assert.ok(turns > 300, `${turns} turns`);
  });

  test('the bug as found: a closing jump to the end waits for the question before it', () => {
    const flow = { format: 'leadq.flow/1', id: 't', languages: ['en'],
      steps: [{ id: 'q1', type: 'short_text', field: 'company', text: 'Company?' },
        { id: 'bye', type: 'message', text: 'Thanks!', jumps: [{ to: 'end' }] }],
      lead_definition: { criteria: [], grades: { high: 3, medium: 2, low: 1 } } };
    const first = core.next({ flow });
    assert.equal(first.done, false);
    assert.equal(first.question.id, 'q1');
    const last = core.next({ flow, answers: [{ step: 'q1', value: 'Acme' }] });
    assert.equal(last.done, true);
    assert.deepEqual(last.messages, ['Thanks!']);
  });
});
