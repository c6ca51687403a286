// The structured editor's controls. Each edits one place of the flow document, named by
// its JSON pointer (data-path), so that a problem the engine reports at a path is shown at
// the control that holds it (flow_form.js). A change writes the value into the document
// and calls `changed`; an empty value removes the member, as if it were never written.
import { el } from './dom.js';

/**
 * @typedef {(string | number)[]} Path
 * @typedef {{doc: any, changed: (structural?: boolean) => void, languages: string[]}} FormContext
 */

let nextId = 0;
/** A fresh element id. @param {string} prefix */
export function uid(prefix) {
  return `${prefix}-${++nextId}`;
}

/** The JSON pointer of `path`. @param {Path} path */
export function pointer(path) {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The value at `path` of `doc` (undefined when absent). @param {any} doc @param {Path} path */
export function getAt(doc, path) {
  let at = doc;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = at[key];
  }
  return at;
}

/** Sets (or, for undefined, removes) the value at `path`, creating objects on the way. @param {any} doc @param {Path} path @param {unknown} value */
export function setAt(doc, path, value) {
  let at = doc;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    if (at[key] === null || typeof at[key] !== 'object') at[key] = typeof path[i + 1] === 'number' ? [] : {};
    at = at[key];
  }
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(at) && typeof last === 'number') at.splice(last, 1);
    else delete at[last];
  } else {
    at[last] = value;
  }
}

/** A labelled control in a `.form-row`, carrying its place. @param {string} label @param {HTMLElement} control @param {Path} path */
function row(label, control, path) {
  control.id = control.id || uid('f');
  return el('div', { className: 'form-row', attrs: { 'data-path': pointer(path) } },
    el('label', { htmlFor: control.id, textContent: label }), control);
}

/**
 * A text member. @param {FormContext} ctx @param {Path} path @param {string} label
 * @param {{placeholder?: string, structural?: boolean}} [options]
 */
export function textField(ctx, path, label, options = {}) {
  const value = getAt(ctx.doc, path);
  const input = el('input', { value: typeof value === 'string' ? value : value === undefined ? '' : String(value),
    placeholder: options.placeholder || '' });
  input.addEventListener(options.structural ? 'change' : 'input', () => {
    setAt(ctx.doc, path, input.value === '' ? undefined : input.value);
    ctx.changed(options.structural);
  });
  return row(label, input, path);
}

/** A number member. @param {FormContext} ctx @param {Path} path @param {string} label @param {{min?: number, max?: number, step?: string}} [options] */
export function numberField(ctx, path, label, options = {}) {
  const value = getAt(ctx.doc, path);
  const input = el('input', { type: 'number', className: 'short', value: typeof value === 'number' ? String(value) : '',
    step: options.step || 'any' });
  if (options.min !== undefined) input.min = String(options.min);
  if (options.max !== undefined) input.max = String(options.max);
  input.addEventListener('input', () => {
    const text = input.value.trim();
    setAt(ctx.doc, path, text === '' || !Number.isFinite(Number(text)) ? undefined : Number(text));
    ctx.changed();
  });
  return row(label, input, path);
}

/** A boolean member; `fallback` is what its absence means. @param {FormContext} ctx @param {Path} path @param {string} label @param {boolean} fallback */
export function checkField(ctx, path, label, fallback) {
  const value = getAt(ctx.doc, path);
  const input = el('input', { type: 'checkbox', checked: typeof value === 'boolean' ? value : fallback, id: uid('f') });
  input.addEventListener('change', () => {
    setAt(ctx.doc, path, input.checked === fallback ? undefined : input.checked);
    ctx.changed();
  });
  return el('div', { className: 'form-row check-row', attrs: { 'data-path': pointer(path) } },
    el('label', { className: 'check' }, input, label));
}

/**
 * A choice among `options` ([value, label]); "" removes the member.
 * @param {FormContext} ctx @param {Path} path @param {string} label @param {[string, string][]} options
 * @param {boolean} [structural] whether the rest of the form depends on it
 */
export function selectField(ctx, path, label, options, structural = false) {
  const value = getAt(ctx.doc, path);
  const select = el('select', {}, ...options.map(([v, text]) => el('option', { value: v, textContent: text, selected: v === value })));
  if (value !== undefined && !options.some(([v]) => v === value)) {
    select.prepend(el('option', { value: String(value), textContent: String(value), selected: true }));
  }
  select.addEventListener('change', () => {
    setAt(ctx.doc, path, select.value === '' ? undefined : select.value);
    ctx.changed(structural);
  });
  return row(label, select, path);
}

/**
 * A visible text in every language side by side, each missing translation flagged (a
 * plain string counts as the default language only, as the engine reads it).
 * @param {FormContext} ctx @param {Path} path @param {string} label @param {{optional?: boolean}} [options]
 */
export function translatedField(ctx, path, label, options = {}) {
  const value = getAt(ctx.doc, path);
  const languages = ctx.languages.length ? ctx.languages : ['en'];
  /** @type {Record<string, string>} */
  const texts = typeof value === 'string' ? { [languages[0]]: value }
    : value && typeof value === 'object' ? { ...value } : {};
  const group = el('div', { className: 'translations' });
  const write = () => {
    const filled = Object.fromEntries(Object.entries(texts).filter(([, t]) => t !== ''));
    setAt(ctx.doc, path, Object.keys(filled).length ? filled : undefined);
    ctx.changed();
  };
  for (const language of languages) {
    const id = uid('t');
    const input = el('input', { id, value: texts[language] || '' });
    const missing = el('span', { className: 'missing', textContent: 'missing', hidden: Boolean(texts[language]) || (options.optional && !value) });
    input.addEventListener('input', () => {
      texts[language] = input.value;
      missing.hidden = Boolean(input.value) || Boolean(options.optional && !Object.values(texts).some(Boolean));
      write();
    });
    group.append(el('div', { className: 'translation' },
      el('label', { htmlFor: id, textContent: language }), input, missing));
  }
  return el('div', { className: 'form-row', attrs: { 'data-path': pointer(path) } },
    el('span', { className: 'form-label', textContent: label }), group);
}

/** Whether a text member misses one of `languages` (a plain string holds only the first). @param {unknown} value @param {string[]} languages */
export function missingLanguages(value, languages) {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return languages.slice(1);
  if (typeof value !== 'object') return [];
  return languages.filter((l) => !(/** @type {any} */ (value))[l]);
}

/** A small button. @param {string} text @param {() => void} onClick @param {string} [label] */
export function button(text, onClick, label) {
  const b = el('button', { type: 'button', className: 'secondary small', textContent: text });
  if (label) b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}
