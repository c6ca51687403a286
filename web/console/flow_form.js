// The structured editor: everything the flow format holds as form controls — the
// languages, each step with the fields of its question type (choices and bands with their
// labels, ranges, units, required, help), show_if / end_if / jumps built from pick-lists,
// the named conditions, criteria and points, knockouts, grade thresholds, SLA per grade
// and variants with weights — every visible text in each language side by side, a
// missing translation flagged on its step. It edits the same document as the JSON view
// (flow_draft.js keeps them in step both ways) and shows each of the engine's problems at
// the control its path points to.
import { conditionEditor } from './condition_editor.js';
import { el } from './dom.js';
import { inLanguage } from './field_inputs.js';
import { button, checkField, getAt, missingLanguages, numberField, pointer, selectField, textField,
  translatedField } from './form_controls.js';

const kTypes = ['message', 'single_choice', 'multiple_choice', 'money_range', 'timeframe', 'yes_no', 'number',
  'scale', 'short_text', 'long_text', 'email', 'phone', 'url', 'consent'];
const kCategories = ['budget', 'authority', 'need', 'timing', 'fit', 'intent', 'engagement'];
const kGrades = ['high', 'medium', 'low'];

/**
 * @typedef {import('./form_controls.js').FormContext} FormContext
 * @typedef {{element: HTMLElement, setDocument: (doc: any) => void,
 *   showProblems: (problems: {path: string, message: string}[]) => void, open: (path: string) => void}} FlowForm
 */

/** The texts of a step a missing translation is looked for in. @param {any} step */
function stepTexts(step) {
  const texts = [step.text, step.help, step.unit && typeof step.unit === 'object' ? step.unit : undefined];
  for (const c of [...(step.choices || []), ...(step.bands || [])]) texts.push(c.label);
  return texts;
}

/** The languages a step misses a text in. @param {any} step @param {string[]} languages */
export function stepMissing(step, languages) {
  const missing = new Set();
  for (const text of stepTexts(step)) for (const l of missingLanguages(text, languages)) missing.add(l);
  return [...missing];
}

/**
 * @param {(doc: any, structural: boolean) => void} onChange the document changed (structural:
 *   the form was drawn again)
 * @returns {FlowForm}
 */
export function flowForm(onChange) {
  const element = el('div', { className: 'flow-form' });
  /** @type {any} */
  let doc = null;
  let openStep = -1;
  /** @type {{path: string, message: string}[]} */
  let problems = [];

  /** @type {FormContext} */
  const ctx = {
    get doc() { return doc; },
    languages: [],
    changed(structural = false) {
      if (structural) draw();
      onChange(doc, structural);
    },
  };

  const subjects = () => {
    /** @type {Map<string, any>} */
    const fields = new Map();
    for (const step of doc.steps || []) if (step && step.field && !fields.has(step.field)) fields.set(step.field, step);
    for (const name of doc.profile_fields || []) if (!fields.has(name)) fields.set(name, null);
    return { fields, named: Object.keys(doc.conditions || {}) };
  };

  const section = (/** @type {string} */ title, /** @type {string} */ id, /** @type {Array<Node | null>} */ ...content) =>
    el('section', { className: 'form-section', attrs: { 'aria-labelledby': id } },
      el('h3', { id, textContent: title }), ...content.filter(Boolean).map((n) => /** @type {Node} */ (n)));

  /** A list of items at `path` with a form per item, and add / remove. */
  const listOf = (/** @type {(string | number)[]} */ path, /** @type {string} */ noun,
    /** @type {(i: number) => HTMLElement} */ item, /** @type {() => any} */ fresh) => {
    const items = getAt(doc, path) || [];
    return el('div', { className: 'form-list' },
      ...items.map((/** @type {unknown} */ _, /** @type {number} */ i) => el('div', { className: 'form-item', attrs: { 'data-path': pointer([...path, i]) } },
        item(i), button(`Remove ${noun}`, () => {
          items.splice(i, 1);
          ctx.changed(true);
        }))),
      button(`Add ${noun}`, () => {
        const list = getAt(doc, path);
        if (Array.isArray(list)) list.push(fresh()); else setAtPath(path, [fresh()]);
        ctx.changed(true);
      }));
  };
  const setAtPath = (/** @type {(string | number)[]} */ path, /** @type {unknown} */ value) => {
    let at = doc;
    for (const key of path.slice(0, -1)) at = at[key] = at[key] && typeof at[key] === 'object' ? at[key] : {};
    at[path[path.length - 1]] = value;
  };

  const stepForm = (/** @type {number} */ i) => {
    const step = doc.steps[i];
    const at = ['steps', i];
    const type = step.type;
    /** @type {Array<HTMLElement | null>} */
    const parts = [
      el('div', { className: 'form-grid' }, textField(ctx, [...at, 'id'], 'Id', { structural: true }),
        selectField(ctx, [...at, 'type'], 'Type', kTypes.map((t) => [t, t.replace(/_/g, ' ')]), true),
        type !== 'message' ? textField(ctx, [...at, 'field'], 'Field', { structural: true }) : null),
      translatedField(ctx, [...at, 'text'], type === 'message' ? 'Message' : 'Question'),
    ];
    if (type !== 'message') {
      parts.push(translatedField(ctx, [...at, 'help'], 'Help', { optional: true }),
        el('div', { className: 'form-grid' }, checkField(ctx, [...at, 'required'], 'Required', true),
          checkField(ctx, [...at, 'always_ask'], 'Ask even when known', false),
          numberField(ctx, [...at, 'priority'], 'Priority', { min: -1000, max: 1000, step: '1' })));
    }
    if (type === 'single_choice' || type === 'multiple_choice' || (type === 'timeframe' && step.choices)) {
      parts.push(el('h4', { textContent: 'Choices' }), listOf([...at, 'choices'], 'choice', (c) => el('div', { className: 'choice-row' },
        textField(ctx, [...at, 'choices', c, 'value'], 'Value', { structural: true }),
        translatedField(ctx, [...at, 'choices', c, 'label'], 'Label')), () => ({ value: `choice_${(step.choices || []).length + 1}` })));
    }
    if (type === 'money_range') {
      parts.push(el('h4', { textContent: 'Bands' }), listOf([...at, 'bands'], 'band', (b) => el('div', {},
        el('div', { className: 'form-grid' }, textField(ctx, [...at, 'bands', b, 'value'], 'Value', { structural: true }),
          numberField(ctx, [...at, 'bands', b, 'min'], 'From'), numberField(ctx, [...at, 'bands', b, 'max'], 'Up to (not incl.)')),
        translatedField(ctx, [...at, 'bands', b, 'label'], 'Label')), () => ({ value: `band_${(step.bands || []).length + 1}` })));
    }
    if (type === 'number' || type === 'scale') {
      parts.push(el('div', { className: 'form-grid' }, numberField(ctx, [...at, 'min'], 'Minimum'),
        numberField(ctx, [...at, 'max'], 'Maximum')));
      if (type === 'number') parts.push(translatedField(ctx, [...at, 'unit'], 'Unit', { optional: true }));
    }
    if (type === 'short_text' || type === 'long_text') parts.push(numberField(ctx, [...at, 'max_length'], 'Longest answer', { min: 1, step: '1' }));
    if (type === 'consent') parts.push(textField(ctx, [...at, 'consent_version'], 'Consent version'));
    const s = subjects();
    parts.push(el('h4', { textContent: 'Shown' }), conditionEditor(ctx, [...at, 'show_if'], s, 'Always shown.'),
      el('h4', { textContent: 'Ends the conversation' }), conditionEditor(ctx, [...at, 'end_if'], s, 'Never ends it (no knockout here).'),
      el('h4', { textContent: 'Jumps' }), listOf([...at, 'jumps'], 'jump', (j) => el('div', {},
        selectField(ctx, [...at, 'jumps', j, 'to'], 'Go to', [...doc.steps.slice(i + 1).map((/** @type {any} */ t) =>
          /** @type {[string, string]} */ ([t.id, t.id])), ['end', 'the end']]),
        conditionEditor(ctx, [...at, 'jumps', j, 'when'], s, 'Always.')), () => ({ to: 'end' })));
    return el('div', { className: 'step-form' }, ...parts.filter(Boolean).map((n) => /** @type {Node} */ (n)));
  };

  const stepsSection = () => {
    const languages = ctx.languages;
    const cards = (doc.steps || []).map((/** @type {any} */ step, /** @type {number} */ i) => {
      if (!step || typeof step !== 'object') return el('p', { textContent: `Step ${i + 1} is not an object: edit it in the JSON view.` });
      const missing = stepMissing(step, languages);
      const title = el('button', { type: 'button', className: 'step-title', attrs: { 'aria-expanded': String(openStep === i) } },
        el('strong', { textContent: `${i + 1}. ${step.id || '(no id)'}` }), ` · ${String(step.type || '?').replace(/_/g, ' ')} — `,
        inLanguage(step.text, languages[0] || 'en', ''),
        el('span', { className: 'missing', hidden: !missing.length, textContent: `missing: ${missing.join(', ')}` }),
        el('span', { className: 'problem-count', hidden: true }));
      title.addEventListener('click', () => {
        openStep = openStep === i ? -1 : i;
        draw();
      });
      const move = (/** @type {number} */ by) => {
        const [moved] = doc.steps.splice(i, 1);
        doc.steps.splice(i + by, 0, moved);
        openStep = i + by;
        ctx.changed(true);
      };
      return el('div', { className: 'step-card', attrs: { 'data-path': `/steps/${i}`, 'data-step': String(step.id || '') } },
        el('div', { className: 'step-head' }, title,
          i > 0 ? button('↑', () => move(-1), `Move step ${step.id} up`) : null,
          i < doc.steps.length - 1 ? button('↓', () => move(1), `Move step ${step.id} down`) : null,
          button('Remove', () => { doc.steps.splice(i, 1); openStep = -1; ctx.changed(true); }, `Remove step ${step.id}`)),
        openStep === i ? stepForm(i) : null);
    });
    const newType = el('select', { attrs: { 'aria-label': 'Type of the new step' } },
      ...kTypes.map((t) => el('option', { value: t, textContent: t.replace(/_/g, ' '), selected: t === 'single_choice' })));
    const add = button('Add step', () => {
      const n = doc.steps.length + 1;
      /** @type {any} */
      const step = { id: `step_${n}`, type: newType.value, text: Object.fromEntries(languages.map((l) => [l, ''])) };
      if (newType.value !== 'message') step.field = `field_${n}`;
      if (newType.value === 'single_choice' || newType.value === 'multiple_choice') step.choices = [{ value: 'yes' }, { value: 'no' }];
      if (newType.value === 'money_range') step.bands = [{ value: 'low', max: 10000 }, { value: 'high', min: 10000 }];
      if (newType.value === 'consent') step.consent_version = '1';
      doc.steps.push(step);
      openStep = doc.steps.length - 1;
      ctx.changed(true);
    });
    return section('Steps', 'form-steps', el('div', { className: 'step-cards' }, ...cards), el('div', { className: 'inline' }, newType, add));
  };

  const definitionSection = () => {
    const s = subjects();
    const base = ['lead_definition'];
    const named = Object.keys(doc.conditions || {});
    return section('Lead definition', 'form-definition',
      el('h4', { textContent: 'Named conditions (reusable in every condition)' }),
      el('div', { className: 'form-list' }, ...named.map((name) => el('div', { className: 'form-item', attrs: { 'data-path': `/conditions/${name}` } },
        el('strong', { textContent: name }), conditionEditor(ctx, ['conditions', name], s, ''),
        button('Remove', () => { delete doc.conditions[name]; ctx.changed(true); }, `Remove named condition ${name}`))),
      (() => {
        const input = el('input', { placeholder: 'name, e.g. fit', className: 'short', attrs: { 'aria-label': 'Name of the new condition' } });
        return el('div', { className: 'inline' }, input, button('Add named condition', () => {
          const name = input.value.trim();
          if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name) || (doc.conditions && doc.conditions[name])) {
            input.setCustomValidity('A new name of letters, digits, _ . -');
            input.reportValidity();
            return;
          }
          doc.conditions = { ...(doc.conditions || {}), [name]: { field: s.fields.keys().next().value || 'email', op: 'present' } };
          ctx.changed(true);
        }));
      })()),
      el('h4', { textContent: 'Criteria and points' }),
      listOf([...base, 'criteria'], 'criterion', (c) => el('div', {},
        el('div', { className: 'form-grid' }, textField(ctx, [...base, 'criteria', c, 'id'], 'Id', { structural: true }),
          selectField(ctx, [...base, 'criteria', c, 'category'], 'Category', kCategories.map((k) => [k, k])),
          numberField(ctx, [...base, 'criteria', c, 'points'], 'Points'),
          checkField(ctx, [...base, 'criteria', c, 'must_have'], 'Must have', false),
          checkField(ctx, [...base, 'criteria', c, 'decays'], 'Fades with time',
            ['intent', 'engagement'].includes(getAt(doc, [...base, 'criteria', c, 'category'])))),
        translatedField(ctx, [...base, 'criteria', c, 'reason'], 'Reason (shown to sales)'),
        conditionEditor(ctx, [...base, 'criteria', c, 'when'], s, 'No condition yet.')),
      () => ({ id: `criterion_${(getAt(doc, [...base, 'criteria']) || []).length + 1}`, category: 'fit', points: 10,
        reason: Object.fromEntries(ctx.languages.map((l) => [l, ''])), when: { field: s.fields.keys().next().value || 'email', op: 'present' } })),
      el('h4', { textContent: 'Knockouts' }),
      listOf([...base, 'knockouts'], 'knockout', (k) => el('div', {},
        textField(ctx, [...base, 'knockouts', k, 'id'], 'Id', { structural: true }),
        translatedField(ctx, [...base, 'knockouts', k, 'reason'], 'Reason'),
        conditionEditor(ctx, [...base, 'knockouts', k, 'when'], s, 'No condition yet.')),
      () => ({ id: `knockout_${(getAt(doc, [...base, 'knockouts']) || []).length + 1}`,
        reason: Object.fromEntries(ctx.languages.map((l) => [l, ''])), when: { field: s.fields.keys().next().value || 'email', op: 'absent' } })),
      el('h4', { textContent: 'Grades and triage' }),
      el('div', { className: 'form-grid' }, ...kGrades.map((g) => numberField(ctx, [...base, 'grades', g], `${g} from (points)`)),
        numberField(ctx, [...base, 'nurture_min'], 'Nurture from (points)'),
        numberField(ctx, [...base, 'decay_half_life_days'], 'Behaviour fades by half in (days)', { min: 0, step: '1' })),
      el('div', { className: 'form-row', attrs: { 'data-path': '/lead_definition/required_fields' } },
        el('span', { className: 'form-label', textContent: 'Needed for a decision' }),
        el('span', { className: 'choice-list' }, ...[...s.fields.keys()].map((field) => {
          const required = getAt(doc, [...base, 'required_fields']) || [];
          const check = el('input', { type: 'checkbox', checked: required.includes(field) });
          check.addEventListener('change', () => {
            const now = (getAt(doc, [...base, 'required_fields']) || []).filter((/** @type {string} */ f) => f !== field);
            if (check.checked) now.push(field);
            setAtPath([...base, 'required_fields'], now);
            ctx.changed();
          });
          return el('label', { className: 'check' }, check, field);
        }))),
      el('h4', { textContent: 'Conversions' }),
      el('div', { className: 'form-row', attrs: { 'data-path': '/lead_definition/conversions/hard' } },
        el('span', { className: 'form-label', textContent: 'A hard conversion (a demo or quote request) is when' }),
        conditionEditor(ctx, [...base, 'conversions', 'hard'], s, 'None defined.')),
      el('div', { className: 'form-row', attrs: { 'data-path': '/lead_definition/conversions/soft' } },
        el('span', { className: 'form-label', textContent: 'A soft conversion (a download, the newsletter) is when' }),
        conditionEditor(ctx, [...base, 'conversions', 'soft'], s, 'None defined.')),
      (() => {
        const triggers = getAt(doc, [...base, 'handoff_triggers']) || [];
        const check = el('input', { type: 'checkbox', id: 'form-hard-handoff', checked: triggers.includes('hard_conversion') });
        check.addEventListener('change', () => {
          const now = (getAt(doc, [...base, 'handoff_triggers']) || []).filter((/** @type {string} */ t) => t !== 'hard_conversion');
          if (check.checked) now.push('hard_conversion');
          if (now.length) setAtPath([...base, 'handoff_triggers'], now); else delete doc.lead_definition.handoff_triggers;
          ctx.changed();
        });
        return el('div', { className: 'form-row check-row', attrs: { 'data-path': '/lead_definition/handoff_triggers' } },
          el('label', { className: 'check' }, check, 'A hard conversion goes to sales even when not qualified (unless disqualified)'));
      })());
  };

  const slaSection = () => section('SLA per grade', 'form-sla',
    el('div', { className: 'form-grid sla-grid' }, ...kGrades.flatMap((g) => [
      el('strong', { textContent: g }),
      numberField(ctx, ['sla', g, 'first_response_minutes'], 'First response within (minutes)', { min: 1, step: '1' }),
      numberField(ctx, ['sla', g, 'follow_up_touches'], 'Follow-up touches', { min: 1, max: 100, step: '1' }),
      checkField(ctx, ['sla', g, 'business_hours'], 'In business hours', false)])));

  const variantsSection = () => section('Variants', 'form-variants',
    listOf(['variants'], 'variant', (v) => el('div', { className: 'form-grid' },
      textField(ctx, ['variants', v, 'id'], 'Id', { structural: true }),
      numberField(ctx, ['variants', v, 'weight'], 'Weight', { min: 0, step: '1' }),
      el('div', { className: 'form-row', attrs: { 'data-path': `/variants/${v}/hide` } },
        el('span', { className: 'form-label', textContent: 'Leaves out' }),
        el('span', { className: 'choice-list' }, ...(doc.steps || []).map((/** @type {any} */ step) => {
          const hidden = getAt(doc, ['variants', v, 'hide']) || [];
          const check = el('input', { type: 'checkbox', checked: hidden.includes(step.id) });
          check.addEventListener('change', () => {
            const now = (getAt(doc, ['variants', v, 'hide']) || []).filter((/** @type {string} */ id) => id !== step.id);
            if (check.checked) now.push(step.id);
            setAtPath(['variants', v, 'hide'], now.length ? now : undefined);
            if (!now.length) delete doc.variants[v].hide;
            ctx.changed();
          });
          return el('label', { className: 'check' }, check, step.id);
        }))),
      variantTexts(v)),
    () => ({ id: `variant_${(doc.variants || []).length + 1}`, weight: 1 })));

  /** A variant's own texts for some steps, each in every language. @param {number} v */
  const variantTexts = (v) => {
    const texts = getAt(doc, ['variants', v, 'texts']) || {};
    const pick = el('select', { attrs: { 'aria-label': `Step whose text variant ${v + 1} changes` } },
      ...(doc.steps || []).filter((/** @type {any} */ step) => step && !(step.id in texts))
        .map((/** @type {any} */ step) => el('option', { value: step.id, textContent: step.id })));
    return el('div', { className: 'form-row variant-texts', attrs: { 'data-path': `/variants/${v}/texts` } },
      el('span', { className: 'form-label', textContent: 'Its own texts' }),
      ...Object.keys(texts).map((id) => el('div', { className: 'inline' },
        translatedField(ctx, ['variants', v, 'texts', id], `Step ${id}`),
        button('Remove', () => {
          delete doc.variants[v].texts[id];
          if (!Object.keys(doc.variants[v].texts).length) delete doc.variants[v].texts;
          ctx.changed(true);
        }, `Remove the variant's text for ${id}`))),
      pick.options.length ? el('div', { className: 'inline' }, pick, button('Add a text', () => {
        const step = doc.steps.find((/** @type {any} */ s) => s.id === pick.value);
        setAtPath(['variants', v, 'texts', pick.value], step && typeof step.text === 'object' ? { ...step.text } : step?.text || '');
        ctx.changed(true);
      })) : null);
  };

  const basics = () => {
    const languages = el('input', { value: (doc.languages || []).join(', '), id: 'form-languages' });
    languages.addEventListener('change', () => {
      doc.languages = languages.value.split(',').map((l) => l.trim()).filter(Boolean);
      ctx.changed(true);
    });
    return section('Flow', 'form-flow', el('div', { className: 'form-grid' },
      textField(ctx, ['name'], 'Name'),
      el('div', { className: 'form-row', attrs: { 'data-path': '/languages' } },
        el('label', { htmlFor: 'form-languages', textContent: 'Languages (comma-separated)' }), languages),
      selectField(ctx, ['default_language'], 'Default language', [['', '(the first)'],
        ...(doc.languages || []).map((/** @type {string} */ l) => /** @type {[string, string]} */ ([l, l]))]),
      numberField(ctx, ['max_questions_per_visit'], 'Questions per visit (0: all)', { min: 0, max: 500, step: '1' }),
      (() => {
        const input = el('input', { id: 'form-profile-fields', value: (doc.profile_fields || []).join(', '),
          placeholder: 'e.g. industry, crm_owner' });
        input.addEventListener('change', () => {
          const fields = input.value.split(',').map((f) => f.trim()).filter(Boolean);
          if (fields.length) doc.profile_fields = fields; else delete doc.profile_fields;
          ctx.changed(true);
        });
        return el('div', { className: 'form-row', attrs: { 'data-path': '/profile_fields' } },
          el('label', { htmlFor: 'form-profile-fields', textContent: 'Fields from the profile (CRM), not asked' }), input);
      })()));
  };

  const draw = () => {
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
      element.replaceChildren(el('p', { className: 'help', textContent: 'The form shows once the JSON is a flow object.' }));
      return;
    }
    if (!Array.isArray(doc.steps)) doc.steps = [];
    ctx.languages = Array.isArray(doc.languages) ? doc.languages.filter((/** @type {unknown} */ l) => typeof l === 'string') : [];
    element.replaceChildren(basics(), stepsSection(), definitionSection(), slaSection(), variantsSection());
    mark();
  };

  /** Marks each problem at the deepest control whose place holds its path, and counts
   * them on the step headers (in place: the control being typed in keeps its focus). */
  const mark = () => {
    for (const old of element.querySelectorAll('.field-problem')) old.remove();
    for (const old of element.querySelectorAll('[aria-invalid="true"]')) old.removeAttribute('aria-invalid');
    for (const card of element.querySelectorAll('.step-card')) {
      const at = /** @type {HTMLElement} */ (card).dataset.path || '';
      const step = doc.steps[Number(at.slice('/steps/'.length))];
      const flag = /** @type {HTMLElement | null} */ (card.querySelector('.step-title .missing'));
      if (flag && step && typeof step === 'object') {
        const missing = stepMissing(step, ctx.languages);
        flag.hidden = !missing.length;
        flag.textContent = `missing: ${missing.join(', ')}`;
      }
      const mine = problems.filter((p) => p.path === at || p.path.startsWith(`${at}/`)).length;
      const count = /** @type {HTMLElement} */ (card.querySelector('.problem-count'));
      count.hidden = !mine;
      count.textContent = `${mine} problem${mine === 1 ? '' : 's'}`;
    }
    const places = [...element.querySelectorAll('[data-path]')].map((node) => /** @type {HTMLElement} */ (node));
    for (const problem of problems) {
      let best = null;
      for (const place of places) {
        const p = place.dataset.path || '';
        if ((problem.path === p || problem.path.startsWith(`${p}/`)) &&
          (!best || p.length > (best.dataset.path || '').length)) best = place;
      }
      if (!best) continue;
      // A text missing a language marks its empty inputs; any other row its control.
      const empty = [...best.querySelectorAll('.translation input')].filter((i) => !/** @type {HTMLInputElement} */ (i).value);
      const control = best.querySelector('input, select');
      if (empty.length) for (const input of empty) input.setAttribute('aria-invalid', 'true');
      else if (control && best.classList.contains('form-row')) control.setAttribute('aria-invalid', 'true');
      best.append(el('p', { className: 'field-problem', textContent: problem.message, attrs: { 'data-problem-path': problem.path } }));
    }
  };

  return {
    element,
    setDocument(next) {
      doc = next;
      draw();
    },
    showProblems(next) {
      problems = next;
      mark();
    },
    open(path) {
      const step = /^\/steps\/(\d+)/.exec(path);
      if (step && Number(step[1]) !== openStep) {
        openStep = Number(step[1]);
        draw();
      }
      const target = [...element.querySelectorAll('[data-path]')].map((n) => /** @type {HTMLElement} */ (n))
        .filter((n) => path === n.dataset.path || path.startsWith(`${n.dataset.path}/`))
        .sort((a, b) => (b.dataset.path || '').length - (a.dataset.path || '').length)[0];
      if (target) {
        target.scrollIntoView({ block: 'center' });
        /** @type {HTMLElement | null} */ (target.querySelector('input, select, button'))?.focus();
      }
    },
  };
}
