// The flow page's preview: the shipped widget running the draft in a frame
// (preview.html), restarted whenever the draft changes and stays valid, in the language
// chosen; and beside it what the engine decides as the marketer answers: triage, grade,
// points per criterion with their reasons, must-haves not met, a knockout, the SLA that
// would apply and the question that comes next.
import { el } from './dom.js';
import { words } from './format.js';
import { visitorControls } from './preview_visitor.js';

/**
 * @typedef {import('../widget/core.js').Turn} Turn
 * @typedef {{element: HTMLElement, show: (flow: any, languages: string[]) => void,
 *   decide: (turn: Turn | null) => void}} PreviewPanel
 */

/**
 * What a turn's outcome says, as a marketer reads it.
 * @param {any} turn @returns {HTMLElement[]}
 */
function decision(turn) {
  const outcome = turn.outcome;
  /** @type {HTMLElement[]} */
  const parts = [el('p', { className: 'verdict' },
    el('strong', { textContent: words(outcome.triage) }),
    outcome.grade && outcome.grade !== 'none' ? `, grade ${outcome.grade}` : '',
    `, ${outcome.total_points} point${outcome.total_points === 1 ? '' : 's'}`)];
  const reasons = el('ul', { className: 'reasons', attrs: { 'aria-label': 'Points' } });
  for (const c of outcome.criteria || []) {
    reasons.append(el('li', { textContent: `${c.points >= 0 ? '+' : ''}${c.points} ${c.reason} (${c.id}, ${words(c.category)})` }));
  }
  for (const c of outcome.unmet || []) {
    reasons.append(el('li', { className: 'unmet', textContent: `Must-have not met: ${c.reason} (${c.id})` }));
  }
  if (reasons.childElementCount) parts.push(reasons);
  if (outcome.knockout) {
    parts.push(el('p', { className: 'unmet', textContent: `Knocked out by ${outcome.knockout.id}: ${outcome.knockout.reason}` }));
  }
  const sla = outcome.sla;
  parts.push(el('p', { textContent: sla
    ? `SLA: first response within ${sla.first_response_minutes} ${sla.business_hours ? 'business ' : ''}minutes, ` +
      `${sla.follow_up_touches} follow-up touches.`
    : 'SLA: none for this outcome.' }));
  parts.push(el('p', { className: 'next', textContent: turn.done || !turn.question
    ? 'The conversation is over.'
    : `Next: “${turn.question.text}” (${turn.question.id}), question ${turn.progress.asked + 1} of ${turn.progress.total}.` }));
  return parts;
}

/**
 * @param {import('./console.js').View} view
 * @param {(flow: any, language: string, visitor: import('./preview_visitor.js').PreviewVisitor) => Turn | null} firstTurn
 *   the engine's turn before any answer
 * @param {(flow: any, variant: string) => string} idFor a visitor id the engine assigns to a variant
 * @returns {PreviewPanel}
 */
export function previewPanel(view, firstTurn, idFor) {
  const language = el('select', { id: 'preview-language' });
  const restart = el('button', { type: 'button', className: 'secondary', textContent: 'Restart' });
  const frameSlot = el('div', { className: 'preview-frame' });
  const decided = el('div', { className: 'decision', attrs: { 'aria-live': 'polite' } });
  /** @type {any} */
  let flow = null;
  /** @type {HTMLIFrameElement | null} */
  let frame = null;
  /** @type {import('./preview_visitor.js').PreviewVisitor} */
  let visitor = {};
  const who = visitorControls(idFor, () => start());

  const decide = (/** @type {Turn | null} */ turn) => {
    decided.replaceChildren(...(turn ? decision(turn) : [el('p', { className: 'help',
      textContent: 'The preview starts when the draft has no problems.' })]));
  };
  const start = () => {
    if (!flow) return;
    visitor = who.visitor();
    frame = el('iframe', { src: 'preview.html', title: `Preview of ${flow.id}` });
    frameSlot.replaceChildren(frame);
    decide(firstTurn(flow, language.value, visitor));
  };
  /** @param {MessageEvent} event */
  const onMessage = (event) => {
    if (!frame || event.source !== frame.contentWindow || event.origin !== location.origin) return;
    const data = event.data || {};
    if (data.type === 'leadq-preview-ready') {
      frame.contentWindow?.postMessage({ type: 'leadq-preview-flow', flow, language: language.value, visitor },
        location.origin);
    } else if (data.type === 'leadq-preview-turn' && data.turn) {
      decide(data.turn);
    }
  };
  window.addEventListener('message', onMessage);
  view.onLeave(() => window.removeEventListener('message', onMessage));
  language.addEventListener('change', () => {
    if (flow) who.setFlow(flow, language.value);
    start();
  });
  restart.addEventListener('click', start);
  decide(null);

  const element = el('section', { className: 'preview', attrs: { 'aria-labelledby': 'preview-title' } },
    el('h2', { id: 'preview-title', textContent: 'Preview' }),
    el('p', { className: 'help', textContent: 'The widget as visitors get it, running this draft. Nothing you answer here is stored.' }),
    el('div', { className: 'inline' }, el('label', { htmlFor: 'preview-language', textContent: 'Language' }), language, restart),
    who.element,
    el('div', { className: 'preview-body' }, frameSlot,
      el('div', { className: 'decision-box' }, el('h3', { textContent: 'What the engine decides' }), decided)));

  return {
    element,
    decide,
    show(next, languages) {
      const chosen = languages.includes(language.value) ? language.value : languages[0] || '';
      language.replaceChildren(...languages.map((l) => el('option', { value: l, textContent: l, selected: l === chosen })));
      flow = next;
      who.setFlow(flow, chosen);
      start();
    },
  };
}
