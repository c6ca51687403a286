// What a draft changes, as a marketer reads it: per step, per choice, per criterion and
// knockout, per text and language — not a JSON patch. Steps, criteria, knockouts, choices
// and variants are matched by their ids (values for choices), so a moved step is one
// change, not a removal and an addition.
import { conditionText } from './flow_map.js';

/** @typedef {{where: string, what: string}} Change */

const kConditionKeys = new Set(['show_if', 'end_if', 'when']);

/** @param {unknown} a @param {unknown} b */
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** A value in a line of text. @param {string} key @param {unknown} value @returns {string} */
function shown(key, value) {
  if (value === undefined) return '(none)';
  if (kConditionKeys.has(key)) return conditionText(value);
  if (typeof value === 'string') return `“${value.length > 60 ? `${value.slice(0, 59)}…` : value}”`;
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** Whether `value` is a text per language ({"en": …, "nl": …}). @param {unknown} value */
function isTranslated(value) {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value) &&
    Object.values(/** @type {object} */ (value)).every((v) => typeof v === 'string');
}

/**
 * The changes of one object's members (a step, a criterion), keys in `skip` left out.
 * @param {string} where @param {any} a @param {any} b @param {Change[]} out
 * @param {Set<string>} [skip]
 */
function members(where, a, b, out, skip = new Set()) {
  const keys = [...new Set([...Object.keys(a || {}), ...Object.keys(b || {})])].filter((k) => !skip.has(k));
  for (const key of keys) {
    const before = a?.[key];
    const after = b?.[key];
    if (same(before, after)) continue;
    if ((isTranslated(before) || typeof before === 'string' || before === undefined) &&
        (isTranslated(after) || typeof after === 'string' || after === undefined) &&
        (isTranslated(before) || isTranslated(after))) {
      const ta = typeof before === 'string' ? { '*': before } : before || {};
      const tb = typeof after === 'string' ? { '*': after } : after || {};
      for (const language of new Set([...Object.keys(ta), ...Object.keys(tb)])) {
        if (ta[language] === tb[language]) continue;
        const label = language === '*' ? key : `${key} (${language})`;
        out.push({ where, what: `${label}: ${shown(key, ta[language])} → ${shown(key, tb[language])}` });
      }
    } else if (key === 'choices' || key === 'bands') {
      list(`${where} › ${key === 'bands' ? 'band' : 'choice'}`, before || [], after || [], 'value', out);
    } else {
      out.push({ where, what: `${key.replace(/_/g, ' ')}: ${shown(key, before)} → ${shown(key, after)}` });
    }
  }
}

/**
 * The changes between two lists of items matched by `key`.
 * @param {string} label @param {any[]} a @param {any[]} b @param {string} key @param {Change[]} out
 */
function list(label, a, b, key, out) {
  const before = new Map(a.map((item, i) => [String(item?.[key]), { item, i }]));
  const after = new Map(b.map((item, i) => [String(item?.[key]), { item, i }]));
  for (const [id, { item, i }] of after) {
    const where = `${label} “${id}”`;
    const old = before.get(id);
    if (!old) {
      out.push({ where, what: `added as number ${i + 1}` });
      continue;
    }
    if (old.i !== i) out.push({ where, what: `moved from number ${old.i + 1} to ${i + 1}` });
    members(where, old.item, item, out, new Set([key]));
  }
  for (const [id] of before) {
    if (!after.has(id)) out.push({ where: `${label} “${id}”`, what: 'removed' });
  }
}

/**
 * Every change from flow document `a` to `b`.
 * @param {any} a @param {any} b @returns {Change[]}
 */
export function flowChanges(a, b) {
  /** @type {Change[]} */
  const out = [];
  list('Step', a?.steps || [], b?.steps || [], 'id', out);
  const da = a?.lead_definition || {};
  const db = b?.lead_definition || {};
  list('Criterion', da.criteria || [], db.criteria || [], 'id', out);
  list('Knockout', da.knockouts || [], db.knockouts || [], 'id', out);
  members('Lead definition', da, db, out, new Set(['criteria', 'knockouts']));
  list('Variant', a?.variants || [], b?.variants || [], 'id', out);
  const ca = a?.conditions || {};
  const cb = b?.conditions || {};
  for (const name of new Set([...Object.keys(ca), ...Object.keys(cb)])) {
    if (!same(ca[name], cb[name])) {
      out.push({ where: `Condition “${name}”`, what: `${shown('when', ca[name])} → ${shown('when', cb[name])}` });
    }
  }
  members('Flow', a, b, out, new Set(['steps', 'lead_definition', 'variants', 'conditions']));
  return out;
}
