// The map of a flow: its steps top to bottom as the conversation meets them, with the
// branching drawn — jumps (and end_if) as arrows on the right, labelled with their
// condition; show_if and knockouts as dashed lines on the left from the question whose
// answer decides them. Clicking a step opens it in the editor. Plain SVG, drawn again on
// every valid change (a 200-step flow is a few hundred elements).
import { words } from './format.js';

const kNs = 'http://www.w3.org/2000/svg';
const kNodeHeight = 46;
const kGap = 22;
const kNodeWidth = 230;
const kLeft = 96;  // room for the dependency lines on the left

/**
 * @param {string} tag @param {Record<string, string | number>} attrs @param {...(Node | string)} children
 * @returns {SVGElement}
 */
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(kNs, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

/** A value in a condition, short. @param {unknown} value @returns {string} */
function shortValue(value) {
  if (Array.isArray(value)) return value.length > 3 ? `${value.slice(0, 3).join(', ')}, …` : value.join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const kOps = /** @type {Record<string, string>} */ ({ eq: '=', neq: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤',
  in: 'in', not_in: 'not in', present: 'given', absent: 'not given' });

/**
 * A condition in words: "budget = over_50k", "fit", "role in owner, director".
 * @param {any} condition @returns {string}
 */
export function conditionText(condition) {
  if (!condition || typeof condition !== 'object') return '';
  if (typeof condition.ref === 'string') return `“${condition.ref}”`;
  if (Array.isArray(condition.all)) return condition.all.map(conditionText).join(' and ');
  if (Array.isArray(condition.any)) return condition.any.map(conditionText).join(' or ');
  if (condition.not) return `not (${conditionText(condition.not)})`;
  const subject = condition.field || condition.signal || '?';
  const op = kOps[condition.op] || words(String(condition.op || ''));
  return 'value' in condition ? `${subject} ${op} ${shortValue(condition.value)}` : `${subject} ${op}`;
}

/**
 * The fields a condition reads, named conditions followed (each once).
 * @param {any} condition @param {Record<string, any>} named @param {Set<string>} [seen]
 * @returns {string[]}
 */
export function fieldsOf(condition, named, seen = new Set()) {
  if (!condition || typeof condition !== 'object') return [];
  if (typeof condition.ref === 'string') {
    if (seen.has(condition.ref)) return [];
    seen.add(condition.ref);
    return fieldsOf(named[condition.ref], named, seen);
  }
  const parts = condition.all || condition.any || (condition.not ? [condition.not] : null);
  if (Array.isArray(parts)) return parts.flatMap((c) => fieldsOf(c, named, seen));
  return typeof condition.field === 'string' ? [condition.field] : [];
}

/** @param {string} text @param {number} max @returns {string} */
function clip(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A step's text in `language` (or its first). @param {any} step @param {string} language */
function stepText(step, language) {
  const text = step.text;
  if (typeof text === 'string') return text;
  if (text && typeof text === 'object') return String(text[language] ?? Object.values(text)[0] ?? '');
  return '';
}

/**
 * Draws the map of `flow` (a valid flow document).
 * @param {any} flow
 * @param {(index: number) => void} open called with a step's index when it is clicked
 * @returns {SVGElement}
 */
export function drawMap(flow, open) {
  const steps = Array.isArray(flow.steps) ? flow.steps : [];
  const language = Array.isArray(flow.languages) ? flow.languages[0] : 'en';
  const named = flow.conditions && typeof flow.conditions === 'object' ? flow.conditions : {};
  const index = new Map(steps.map((/** @type {any} */ s, /** @type {number} */ i) => [s.id, i]));
  const asks = new Map();  // field -> index of the first question asking it
  steps.forEach((/** @type {any} */ s, /** @type {number} */ i) => {
    if (s.type !== 'message' && s.field && !asks.has(s.field)) asks.set(s.field, i);
  });
  const end = steps.length;  // the End node's row
  const top = (/** @type {number} */ i) => 10 + i * (kNodeHeight + kGap);
  const middle = (/** @type {number} */ i) => top(i) + kNodeHeight / 2;
  const right = kLeft + kNodeWidth;

  /** @type {SVGElement[]} */
  const lines = [];
  /** @type {SVGElement[]} */
  const nodes = [];
  // Jumps and end_if: arrows on the right, each a little further out.
  let lane = 0;
  const arrow = (/** @type {number} */ from, /** @type {number} */ to, /** @type {string} */ label, /** @type {string} */ kind) => {
    const out = right + 16 + (lane++ % 6) * 14;
    const y1 = middle(from), y2 = middle(to);
    lines.push(svg('path', { d: `M ${right} ${y1} C ${out} ${y1}, ${out} ${y2}, ${right} ${y2}`,
      class: `edge ${kind}`, 'marker-end': 'url(#arrow)' }, svg('title', {}, label)));
    if (label) {
      lines.push(svg('text', { x: out + 4, y: (y1 + y2) / 2, class: `edge-label ${kind}` }, clip(label, 34)));
    }
  };
  // show_if and knockouts: dashed lines on the left from the question they read.
  const depends = (/** @type {number} */ from, /** @type {number} */ to, /** @type {string} */ kind, /** @type {string} */ label) => {
    if (from === to) return;
    const x = kLeft - 14 - (lane++ % 5) * 14;
    lines.push(svg('path', { d: `M ${kLeft} ${middle(from)} C ${x} ${middle(from)}, ${x} ${middle(to)}, ${kLeft} ${middle(to)}`,
      class: `edge ${kind}` }, svg('title', {}, label)));
  };

  steps.forEach((/** @type {any} */ step, /** @type {number} */ i) => {
    if (i + 1 <= end) {
      lines.push(svg('line', { x1: kLeft + kNodeWidth / 2, y1: top(i) + kNodeHeight,
        x2: kLeft + kNodeWidth / 2, y2: top(i + 1), class: 'edge next' }));
    }
    for (const jump of Array.isArray(step.jumps) ? step.jumps : []) {
      const to = jump.to === 'end' ? end : index.get(jump.to);
      if (to === undefined) continue;
      arrow(i, to, jump.when ? `if ${conditionText(jump.when)}` : 'always', 'jump');
    }
    if (step.end_if) arrow(i, end, `ends if ${conditionText(step.end_if)}`, 'ends');
    if (step.show_if) {
      for (const field of new Set(fieldsOf(step.show_if, named))) {
        const from = asks.get(field);
        if (from !== undefined) depends(from, i, 'shown', `shown if ${conditionText(step.show_if)}`);
      }
    }
  });
  const knockouts = Array.isArray(flow.lead_definition?.knockouts) ? flow.lead_definition.knockouts : [];
  /** @type {Map<number, string[]>} */
  const knocked = new Map();
  for (const knockout of knockouts) {
    for (const field of new Set(fieldsOf(knockout.when, named))) {
      const at = asks.get(field);
      if (at === undefined) continue;
      knocked.set(at, [...(knocked.get(at) || []), String(knockout.id)]);
    }
  }

  steps.forEach((/** @type {any} */ step, /** @type {number} */ i) => {
    const kind = step.type === 'message' ? 'message' : 'question';
    const badges = [step.show_if ? `shown if ${conditionText(step.show_if)}` : '',
      knocked.has(i) ? `knockout: ${(knocked.get(i) || []).join(', ')}` : ''].filter(Boolean);
    const title = `${step.id} · ${words(String(step.type))}${step.required === false ? ' · optional' : ''}`;
    // Named by what it shows; the whole of it (text, conditions) is its description.
    const group = svg('g', { class: `node ${kind}${knocked.has(i) ? ' knockout' : ''}`, tabindex: 0, role: 'button',
      'data-step': step.id },
    svg('desc', {}, `Step ${i + 1}. ${stepText(step, language)} ${badges.join('. ')}`),
    svg('rect', { x: kLeft, y: top(i), width: kNodeWidth, height: kNodeHeight, rx: 8 }),
    svg('text', { x: kLeft + 10, y: top(i) + 18, class: 'node-title' }, clip(title, 34)),
    svg('text', { x: kLeft + 10, y: top(i) + 36, class: 'node-text' },
      clip(badges.length ? badges.join(' · ') : stepText(step, language), 36)));
    group.addEventListener('click', () => open(i));
    group.addEventListener('keydown', (event) => {
      const key = /** @type {KeyboardEvent} */ (event).key;
      if (key === 'Enter' || key === ' ') {
        event.preventDefault();
        open(i);
      }
    });
    nodes.push(group);
  });
  nodes.push(svg('g', { class: 'node end' },
    svg('rect', { x: kLeft, y: top(end), width: kNodeWidth, height: kNodeHeight, rx: 23 }),
    svg('text', { x: kLeft + kNodeWidth / 2, y: middle(end) + 5, class: 'node-title', 'text-anchor': 'middle' }, 'End: outcome')));

  const width = right + 16 + 6 * 14 + 210;
  const height = top(end) + kNodeHeight + 10;
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'flow-map', role: 'group',
    'aria-label': `Map of ${steps.length} steps` },
  svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7,
    markerHeight: 7, orient: 'auto-start-reverse' }, svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }))),
  ...lines, ...nodes);
}
