// Who the preview's visitor is: a first-time visitor, or a returning one with answers
// known from earlier visits (progressive profiling skips their questions), visits, pages
// seen, a campaign, and consent given or not (without it, as on a real site, nothing
// known or seen counts); and which of the flow's variants it gets. The engine assigns
// variants by visitor id, so a variant is previewed under an id the engine assigns to it.
import { el } from './dom.js';

/**
 * @typedef {import('../widget/widget.js').PreviewVisitor} PreviewVisitor
 * @typedef {{element: HTMLElement, setFlow: (flow: any, language: string) => void,
 *   visitor: () => PreviewVisitor}} VisitorControls
 */

const kChannels = ['', 'direct', 'organic', 'paid', 'social', 'email', 'referral'];
/** The choices of question types that have them built in. @type {Record<string, [unknown, string][]>} */
const kBuiltIn = {
  timeframe: [['within_2_weeks', 'Within 2 weeks'], ['within_3_months', 'Within 3 months'],
    ['within_6_months', 'Within 6 months'], ['later', 'Later'], ['no_plan', 'No plans yet']],
  yes_no: [[true, 'Yes'], [false, 'No']],
};

/** A question's text in `language`. @param {any} step @param {string} language */
function textOf(step, language) {
  const text = step.text;
  if (typeof text === 'string') return text;
  return (text && (text[language] || Object.values(text)[0])) || step.id;
}

/** A choice's label in `language`. @param {any} choice @param {string} language */
function labelOf(choice, language) {
  const label = choice.label;
  if (typeof label === 'string') return label;
  return (label && (label[language] || Object.values(label)[0])) || String(choice.value);
}

/**
 * @param {(flow: any, variant: string) => string} idFor a visitor id the engine assigns to
 *   `variant` of `flow` ("" for none found)
 * @param {() => void} changed called when the visitor changes
 * @returns {VisitorControls}
 */
export function visitorControls(idFor, changed) {
  const variant = el('select', { id: 'preview-variant' });
  const returning = el('input', { type: 'checkbox', id: 'preview-returning' });
  const consent = el('input', { type: 'checkbox', id: 'preview-consent', checked: true });
  const visits = el('input', { type: 'number', id: 'preview-visits', min: '1', max: '999', value: '3', className: 'short' });
  const pages = el('input', { id: 'preview-pages', value: '/pricing', placeholder: '/pricing, /demo' });
  const utm = Object.fromEntries(['source', 'medium', 'campaign'].map((k) =>
    [k, el('input', { id: `preview-utm-${k}`, className: 'short', placeholder: k === 'campaign' ? 'spring-2026' : '' })]));
  const channel = el('select', { id: 'preview-channel' },
    ...kChannels.map((c) => el('option', { value: c, textContent: c || '(from the campaign)' })));
  const known = el('div', { className: 'known-fields' });
  const details = el('fieldset', { className: 'returning', disabled: true },
    el('legend', { textContent: 'What is known of this visitor' }),
    el('label', { className: 'check' }, consent, 'Consented: earlier answers and behaviour count'),
    el('div', { className: 'inline' },
      el('label', { htmlFor: 'preview-visits', textContent: 'Visits' }), visits,
      el('label', { htmlFor: 'preview-pages', textContent: 'Pages seen' }), pages),
    el('div', { className: 'inline' },
      el('label', { htmlFor: 'preview-channel', textContent: 'Channel' }), channel,
      ...['source', 'medium', 'campaign'].flatMap((k) =>
        [el('label', { htmlFor: `preview-utm-${k}`, textContent: `UTM ${k}` }), utm[k]])),
    el('p', { className: 'help', textContent: 'Answers known from earlier visits (blank: not known):' }),
    known);
  /** @type {any} */
  let flow = null;
  /** @type {Map<string, HTMLInputElement | HTMLSelectElement>} */
  let fieldInputs = new Map();

  const element = el('div', { className: 'preview-visitor' },
    el('div', { className: 'inline' },
      el('label', { htmlFor: 'preview-variant', textContent: 'Variant' }), variant,
      el('label', { className: 'check' }, returning, 'Returning visitor')),
    details);
  returning.addEventListener('change', () => { details.disabled = !returning.checked; changed(); });
  element.addEventListener('change', (event) => { if (event.target !== returning) changed(); });

  return {
    element,
    setFlow(next, language) {
      flow = next;
      const variants = Array.isArray(flow.variants) ? flow.variants.map((/** @type {any} */ v) => String(v.id)) : [];
      const chosen = variant.value;
      variant.replaceChildren(el('option', { value: '', textContent: variants.length ? 'as assigned' : 'none in this flow' }),
        ...variants.map((/** @type {string} */ v) => el('option', { value: v, textContent: v, selected: v === chosen })));
      variant.disabled = !variants.length;
      // One input per question that stores a field: its choices as a pick-list.
      const before = new Map([...fieldInputs].map(([k, input]) => [k, input.value]));
      fieldInputs = new Map();
      known.replaceChildren();
      for (const step of flow.steps || []) {
        if (!step || !step.field || step.type === 'message' || fieldInputs.has(step.field)) continue;
        const id = `preview-known-${fieldInputs.size}`;
        const builtIn = kBuiltIn[step.type];
        const options = step.choices || step.bands ||
          (builtIn && builtIn.map(([value, label]) => ({ value, label })));
        const input = options
          ? el('select', { id }, el('option', { value: '', textContent: '(not known)' }),
            ...options.map((/** @type {any} */ c) => el('option', { value: JSON.stringify(c.value), textContent: labelOf(c, language) })))
          : el('input', { id, placeholder: '(not known)' });
        input.value = before.get(step.field) || '';
        fieldInputs.set(step.field, input);
        known.append(el('label', { htmlFor: id, textContent: `${textOf(step, language)} (${step.field})` }), input);
      }
    },
    visitor() {
      const id = variant.value && flow ? idFor(flow, variant.value) : '';
      /** @type {PreviewVisitor} */
      const who = id ? { visitor_id: id } : {};
      if (!returning.checked || !consent.checked) return { ...who, fields: {}, signals: {} };
      /** @type {Record<string, unknown>} */
      const fields = {};
      for (const [field, input] of fieldInputs) {
        if (!input.value) continue;
        if (input instanceof HTMLSelectElement) fields[field] = JSON.parse(input.value);
        else fields[field] = /^-?\d+(\.\d+)?$/.test(input.value.trim()) ? Number(input.value) : input.value.trim();
      }
      const seen = pages.value.split(',').map((p) => p.trim()).filter(Boolean);
      /** @type {Record<string, string>} */
      const campaign = {};
      for (const [k, input] of Object.entries(utm)) if (input.value.trim()) campaign[k] = input.value.trim();
      const count = Math.max(1, Math.floor(Number(visits.value) || 1));
      return { ...who, fields, signals: { visits: count, page_views: Math.max(count, seen.length),
        pages: seen, utm: campaign, ...(channel.value ? { channel: channel.value } : {}), last_activity_ms: Date.now() } };
    },
  };
}
