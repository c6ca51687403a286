// The preview frame of the flow page (flow_draft.js): it asks its parent for the draft,
// then boots the shipped widget on it, inline, as the visitor the parent describes (a
// first-time one unless the marketer chose otherwise), and reports each
// turn the widget's engine computes back to the parent, which shows the decision.
//
// Messages (same origin only): to the parent {type: "leadq-preview-ready"} and
// {type: "leadq-preview-turn", turn}; from it {type: "leadq-preview-flow", flow, language,
// visitor} (visitor: the returning visitor to play, preview_visitor.js).

const kReady = 'leadq-preview-ready';
const kFlow = 'leadq-preview-flow';
const kTurn = 'leadq-preview-turn';

/** @param {unknown} message */
function tell(message) {
  window.parent.postMessage(message, location.origin);
}

/** The widget keeps a site-less conversation under "leadq::": a preview starts afresh. */
function forgetEarlierPreviews() {
  for (const area of [sessionStorage, localStorage]) {
    for (let i = area.length - 1; i >= 0; i--) {
      const key = area.key(i);
      if (key && key.startsWith('leadq::')) area.removeItem(key);
    }
  }
}

let booted = false;
window.addEventListener('message', (event) => {
  if (event.origin !== location.origin || event.source !== window.parent) return;
  const data = event.data;
  if (!data || data.type !== kFlow || booted) return;
  booted = true;
  forgetEarlierPreviews();
  const src = URL.createObjectURL(new Blob([JSON.stringify(data.flow)], { type: 'application/json' }));
  const script = document.createElement('script');
  script.src = new URL('../widget/leadq.js', location.href).href;
  script.async = true;
  Object.assign(script.dataset, { flowSrc: src, mode: 'inline', lang: String(data.language || ''),
    typingMs: '0', preview: '', previewVisitor: JSON.stringify(data.visitor || {}) });
  document.head.append(script);
});

document.addEventListener('leadq:step', (event) => {
  tell({ type: kTurn, turn: /** @type {CustomEvent} */ (event).detail.turn });
});
document.addEventListener('leadq:complete', (event) => {
  const { outcome, fields } = /** @type {CustomEvent} */ (event).detail;
  tell({ type: kTurn, turn: { done: true, question: null, outcome, fields } });
});

tell({ type: kReady });
