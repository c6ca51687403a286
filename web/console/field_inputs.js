// One input per question of a flow, labelled with its text: the question's choices as a
// pick-list (with their labels, in the flow's language), a text field otherwise; blank
// means no answer. The preview's returning visitor (answers known by field) and the test
// cases (answers by step) both fill them.
import { el } from './dom.js';

/** The choices of question types that have them built in. @type {Record<string, [unknown, string][]>} */
const kBuiltIn = {
  timeframe: [['within_2_weeks', 'Within 2 weeks'], ['within_3_months', 'Within 3 months'],
    ['within_6_months', 'Within 6 months'], ['later', 'Later'], ['no_plan', 'No plans yet']],
  yes_no: [[true, 'Yes'], [false, 'No']],
  consent: [[true, 'Yes'], [false, 'No']],
};

/** A text of the flow (a string, or one per language) in `language`. @param {any} text @param {string} language @param {string} fallback */
export function inLanguage(text, language, fallback) {
  if (typeof text === 'string') return text;
  return (text && (text[language] || Object.values(text)[0])) || fallback;
}

/**
 * @typedef {{element: HTMLElement, values: () => Record<string, unknown>,
 *   set: (values: Record<string, unknown>) => void}} FieldInputs
 */

/** The choices a question offers, or null. @param {any} step @returns {any[] | null} */
function optionsOf(step) {
  const builtIn = kBuiltIn[step.type];
  return step.choices || step.bands || (builtIn && builtIn.map(([value, label]) => ({ value, label }))) || null;
}

/**
 * An answer to step `stepId` as a marketer reads it: "What budget…? → Over €50,000".
 * @param {any} flow @param {string} language @param {string} stepId @param {unknown} value
 */
export function answerText(flow, language, stepId, value) {
  const step = (flow?.steps || []).find((/** @type {any} */ s) => s && s.id === stepId);
  if (!step) return `${stepId} → ${JSON.stringify(value)}`;
  const option = (optionsOf(step) || []).find((c) => JSON.stringify(c.value) === JSON.stringify(value));
  const shown = option ? inLanguage(option.label, language, String(option.value))
    : typeof value === 'string' ? value : JSON.stringify(value);
  return `${inLanguage(step.text, language, step.id)} → ${shown}`;
}

/**
 * @param {any} flow
 * @param {string} language
 * @param {'field' | 'step'} keyBy what the values are keyed by
 * @param {string} idPrefix ids of the inputs
 * @param {string} blank what an empty input says
 * @returns {FieldInputs}
 */
export function fieldInputs(flow, language, keyBy, idPrefix, blank) {
  /** @type {Map<string, {input: HTMLInputElement | HTMLSelectElement}>} */
  const inputs = new Map();
  const element = el('div', { className: 'known-fields' });
  for (const step of flow.steps || []) {
    if (!step || !step.field || step.type === 'message') continue;
    const key = keyBy === 'field' ? step.field : step.id;
    if (inputs.has(key)) continue;
    const id = `${idPrefix}-${inputs.size}`;
    const options = optionsOf(step);
    const input = options
      ? el('select', { id }, el('option', { value: '', textContent: blank }),
        ...options.map((/** @type {any} */ c) => el('option', { value: JSON.stringify(c.value),
          textContent: inLanguage(c.label, language, String(c.value)) })))
      : el('input', { id, placeholder: blank });
    inputs.set(key, { input });
    element.append(el('label', { htmlFor: id, textContent: `${inLanguage(step.text, language, step.id)} (${key})` }), input);
  }
  return {
    element,
    values() {
      /** @type {Record<string, unknown>} */
      const values = {};
      for (const [key, { input }] of inputs) {
        const text = input.value.trim();
        if (!text) continue;
        if (input instanceof HTMLSelectElement) values[key] = JSON.parse(text);
        else values[key] = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
      }
      return values;
    },
    set(values) {
      for (const [key, { input }] of inputs) {
        const value = values[key];
        input.value = value === undefined ? '' : input instanceof HTMLSelectElement ? JSON.stringify(value) : String(value);
      }
    },
  };
}
