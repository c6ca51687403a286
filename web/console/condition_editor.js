// A condition built from pick-lists of the flow's own fields, the behaviour signals and
// the lead definition's named conditions (reusable items), with the operators that make
// sense for what is compared and its value picked from the question's choices where it
// has them; "all of" / "any of" groups and "not" nest. The engine still checks it (a
// problem shows at its place, flow_form.js).
import { el } from './dom.js';
import { inLanguage } from './field_inputs.js';
import { button, getAt, pointer, setAt, uid } from './form_controls.js';

/**
 * @typedef {import('./form_controls.js').FormContext} FormContext
 * @typedef {import('./form_controls.js').Path} Path
 * @typedef {{fields: Map<string, any>, named: string[]}} Subjects fields: name → the step that asks it (null: a profile field)
 */

const kSignals = [['page_views', 'page views'], ['visits', 'visits'], ['time_on_site', 'time on site (s)'],
  ['channel', 'channel'], ['utm_source', 'UTM source'], ['utm_medium', 'UTM medium'], ['utm_campaign', 'UTM campaign'],
  ['utm_term', 'UTM term'], ['utm_content', 'UTM content'], ['pages', 'pages seen']];
const kOpLabels = { eq: 'is', neq: 'is not', in: 'is one of', not_in: 'is none of', gt: 'more than', gte: 'at least',
  lt: 'less than', lte: 'at most', between: 'between', contains: 'contains', starts_with: 'starts with',
  any_starts_with: 'has one starting with', present: 'is known', absent: 'is not known' };
const kTimeframes = ['within_2_weeks', 'within_3_months', 'within_6_months', 'later', 'no_plan'];

/** The operators for a subject. @param {any} c the comparison @param {Subjects} subjects */
function opsFor(c, subjects) {
  if (c.signal !== undefined) {
    if (['page_views', 'visits', 'time_on_site'].includes(c.signal)) return ['gte', 'gt', 'lte', 'lt', 'eq', 'between'];
    if (c.signal === 'pages') return ['any_starts_with', 'contains'];
    return ['eq', 'neq', 'in', 'starts_with', 'contains', 'present', 'absent'];
  }
  const step = subjects.fields.get(c.field);
  switch (step?.type) {
    case 'single_choice': case 'multiple_choice': return ['in', 'not_in', 'eq', 'neq', 'present', 'absent'];
    case 'money_range': case 'timeframe': return ['in', 'not_in', 'gte', 'gt', 'lte', 'lt', 'between', 'eq', 'present', 'absent'];
    case 'number': case 'scale': return ['gte', 'gt', 'lte', 'lt', 'between', 'eq', 'neq', 'present', 'absent'];
    case 'yes_no': case 'consent': return ['eq', 'neq', 'present', 'absent'];
    default: return ['eq', 'neq', 'contains', 'starts_with', 'in', 'present', 'absent'];
  }
}

/**
 * What a value is picked from: [value, label] choices, 'number', 'boolean' or 'text'.
 * @param {any} c @param {Subjects} subjects @param {string} language
 * @returns {[unknown, string][] | 'number' | 'boolean' | 'text'}
 */
function valueKind(c, subjects, language) {
  if (c.signal !== undefined) return ['page_views', 'visits', 'time_on_site'].includes(c.signal) ? 'number' : 'text';
  const step = subjects.fields.get(c.field);
  const ordered = ['gt', 'gte', 'lt', 'lte', 'between'].includes(c.op);
  if (!step) return 'text';
  if (step.type === 'money_range') {
    return ordered ? 'number' : (step.bands || []).map((/** @type {any} */ b) => [b.value, inLanguage(b.label, language, b.value)]);
  }
  if (step.type === 'timeframe') {
    return step.choices ? step.choices.map((/** @type {any} */ ch) => [ch.value, inLanguage(ch.label, language, ch.value)])
      : kTimeframes.map((t) => [t, t.replace(/_/g, ' ')]);
  }
  if (step.choices) return step.choices.map((/** @type {any} */ ch) => [ch.value, inLanguage(ch.label, language, String(ch.value))]);
  if (step.type === 'number' || step.type === 'scale') return 'number';
  if (step.type === 'yes_no' || step.type === 'consent') return 'boolean';
  return 'text';
}

/** A value input for one value of `kind`. @param {ReturnType<typeof valueKind>} kind @param {unknown} value @param {(v: unknown) => void} set */
function singleValue(kind, value, set) {
  if (Array.isArray(kind) || kind === 'boolean') {
    const options = kind === 'boolean' ? [[true, 'yes'], [false, 'no']] : kind;
    const select = el('select', { attrs: { 'aria-label': 'Value' } }, el('option', { value: '', textContent: '(choose)' }),
      ...options.map(([v, label]) => el('option', { value: JSON.stringify(v), textContent: String(label),
        selected: JSON.stringify(v) === JSON.stringify(value) })));
    select.addEventListener('change', () => set(select.value ? JSON.parse(select.value) : undefined));
    return select;
  }
  const input = el('input', { type: kind === 'number' ? 'number' : 'text', className: 'short', step: 'any',
    value: value === undefined || value === null ? '' : String(value), attrs: { 'aria-label': 'Value' } });
  input.addEventListener('input', () => {
    const text = input.value.trim();
    set(text === '' ? undefined : kind === 'number' ? Number(text) : input.value);
  });
  return input;
}

/**
 * Edits the condition at `path` (absent: "always" / none, with a button to add one).
 * @param {FormContext} ctx @param {Path} path @param {Subjects} subjects @param {string} none what no condition means
 * @returns {HTMLElement}
 */
export function conditionEditor(ctx, path, subjects, none) {
  const box = el('div', { className: 'condition', attrs: { 'data-path': pointer(path) } });
  const language = ctx.languages[0] || 'en';
  const again = () => box.replaceWith(conditionEditor(ctx, path, subjects, none));
  const write = (/** @type {unknown} */ value, redraw = false) => {
    setAt(ctx.doc, path, value);
    ctx.changed();
    if (redraw) again();
  };
  const c = getAt(ctx.doc, path);
  const firstField = subjects.fields.keys().next().value;
  const fresh = () => (firstField !== undefined ? { field: firstField, op: 'present' } : { signal: 'visits', op: 'gte', value: 2 });
  if (c === undefined) {
    box.append(el('span', { className: 'quiet', textContent: none }), ' ',
      button('Add a condition', () => write(fresh(), true)));
    return box;
  }
  if (!c || typeof c !== 'object' || Array.isArray(c)) {
    box.append(el('span', { className: 'quiet', textContent: 'Not a condition: edit it in the JSON view.' }));
    return box;
  }
  const remove = button('Remove', () => write(undefined, true), 'Remove this condition');
  if (Array.isArray(c.all) || Array.isArray(c.any)) {
    const key = Array.isArray(c.all) ? 'all' : 'any';
    const kind = el('select', { attrs: { 'aria-label': 'Group' } },
      el('option', { value: 'all', textContent: 'all of these', selected: key === 'all' }),
      el('option', { value: 'any', textContent: 'any of these', selected: key === 'any' }));
    kind.addEventListener('change', () => write({ [kind.value]: c[key] }, true));
    const items = el('div', { className: 'condition-items' },
      ...c[key].map((/** @type {unknown} */ _, /** @type {number} */ i) => conditionEditor(ctx, [...path, key, i], subjects, '')));
    box.append(el('div', { className: 'inline' }, kind,
      button('+ condition', () => write({ [key]: [...c[key], fresh()] }, true)), remove), items);
    box.classList.add('group');
    return box;
  }
  if (c.not !== undefined) {
    box.append(el('div', { className: 'inline' }, el('strong', { textContent: 'not' }),
      button('Remove “not”', () => write(c.not, true))), conditionEditor(ctx, [...path, 'not'], subjects, ''));
    box.classList.add('group');
    return box;
  }

  // One comparison, or a named condition.
  const subject = el('select', { attrs: { 'aria-label': 'Compare' } });
  const current = c.ref !== undefined ? `ref:${c.ref}` : c.signal !== undefined ? `signal:${c.signal}` : `field:${c.field}`;
  const option = (/** @type {string} */ value, /** @type {string} */ text) =>
    el('option', { value, textContent: text, selected: value === current });
  subject.append(
    el('optgroup', { label: 'Answers' }, ...[...subjects.fields].map(([name, step]) =>
      option(`field:${name}`, step ? `${name} — ${inLanguage(step.text, language, name)}` : `${name} (profile)`))),
    el('optgroup', { label: 'Behaviour' }, ...kSignals.map(([name, text]) => option(`signal:${name}`, text))),
    ...(subjects.named.length ? [el('optgroup', { label: 'Named conditions' },
      ...subjects.named.map((name) => option(`ref:${name}`, name)))] : []));
  if (![...subject.querySelectorAll('option')].some((o) => o.selected)) subject.prepend(option(current, current.replace(':', ': ')));
  subject.addEventListener('change', () => {
    const [kind, name] = [subject.value.slice(0, subject.value.indexOf(':')), subject.value.slice(subject.value.indexOf(':') + 1)];
    const next = kind === 'ref' ? { ref: name } : { [kind]: name, op: '' };
    if (kind !== 'ref') next.op = opsFor(next, subjects)[0];
    write(next, true);
  });
  box.append(subject);
  if (c.ref === undefined) {
    const ops = opsFor(c, subjects);
    const op = el('select', { attrs: { 'aria-label': 'Operator' } },
      ...(ops.includes(c.op) ? ops : [c.op, ...ops]).map((o) => el('option', { value: o,
        textContent: /** @type {Record<string, string>} */ (kOpLabels)[o] || o, selected: o === c.op })));
    op.addEventListener('change', () => {
      const next = { ...c, op: op.value };
      if (['present', 'absent'].includes(op.value)) delete next.value;
      else if (['in', 'not_in', 'between'].includes(op.value) !== Array.isArray(c.value)) delete next.value;
      write(next, true);
    });
    box.append(op);
    const kind = valueKind(c, subjects, language);
    const setValue = (/** @type {unknown} */ v) => write({ ...getAt(ctx.doc, path), value: v });
    if (['in', 'not_in'].includes(c.op) && Array.isArray(kind)) {
      const chosen = new Set((Array.isArray(c.value) ? c.value : []).map((/** @type {unknown} */ v) => JSON.stringify(v)));
      const list = el('span', { className: 'choice-list' }, ...kind.map(([v, label]) => {
        const id = uid('v');
        const check = el('input', { type: 'checkbox', id, checked: chosen.has(JSON.stringify(v)) });
        check.addEventListener('change', () => {
          if (check.checked) chosen.add(JSON.stringify(v)); else chosen.delete(JSON.stringify(v));
          const values = kind.map(([value]) => value).filter((value) => chosen.has(JSON.stringify(value)));
          setValue(values.length ? values : undefined);
        });
        return el('label', { className: 'check', htmlFor: id }, check, String(label));
      }));
      box.append(list);
    } else if (['in', 'not_in'].includes(c.op)) {
      const input = el('input', { value: Array.isArray(c.value) ? c.value.join(', ') : '', attrs: { 'aria-label': 'Values, separated by commas' } });
      input.addEventListener('input', () => {
        const values = input.value.split(',').map((v) => v.trim()).filter(Boolean);
        setValue(values.length ? values : undefined);
      });
      box.append(input);
    } else if (c.op === 'between') {
      const pair = Array.isArray(c.value) ? [...c.value] : [undefined, undefined];
      box.append(singleValue(kind, pair[0], (v) => { pair[0] = v; setValue([...pair]); }), el('span', { textContent: 'and' }),
        singleValue(kind, pair[1], (v) => { pair[1] = v; setValue([...pair]); }));
    } else if (!['present', 'absent'].includes(c.op)) {
      box.append(singleValue(kind, c.value, setValue));
    }
  }
  box.append(button('+ and', () => write({ all: [c, fresh()] }, true), '+ and: add a condition that must hold too'),
    button('not', () => write({ not: c }, true), 'not: turn this condition around'), remove);
  box.classList.add('inline');
  return box;
}
