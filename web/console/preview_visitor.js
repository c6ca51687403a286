// Who the preview's visitor is: a first-time visitor, or a returning one with answers
// known from earlier visits (progressive profiling skips their questions), visits, pages
// seen, a campaign, and consent given or not (without it, as on a real site, nothing
// known or seen counts); and which of the flow's variants it gets. The engine assigns
// variants by visitor id, so a variant is previewed under an id the engine assigns to it.
import { el } from './dom.js';
import { fieldInputs } from './field_inputs.js';

/**
 * @typedef {import('../widget/widget.js').PreviewVisitor} PreviewVisitor
 * @typedef {{element: HTMLElement, setFlow: (flow: any, language: string) => void,
 *   visitor: () => PreviewVisitor}} VisitorControls
 */

const kChannels = ['', 'direct', 'organic', 'paid', 'social', 'email', 'referral'];

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
  const known = el('div');
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
  /** @type {import('./field_inputs.js').FieldInputs | null} */
  let answers = null;

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
      const before = answers ? answers.values() : {};
      answers = fieldInputs(flow, language, 'field', 'preview-known', '(not known)');
      answers.set(before);
      known.replaceChildren(answers.element);
    },
    visitor() {
      const id = variant.value && flow ? idFor(flow, variant.value) : '';
      /** @type {PreviewVisitor} */
      const who = id ? { visitor_id: id } : {};
      if (!returning.checked || !consent.checked) return { ...who, fields: {}, signals: {} };
      const fields = answers ? answers.values() : {};
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
