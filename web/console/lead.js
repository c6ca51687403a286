// One lead: why it qualified (points with reasons), what the visitor told and did, the
// SLA, sales' actions (accept, reject with a reason, back to nurturing, a follow-up
// touch), and every delivery attempt.
import { ApiError } from './api.js';
import { el, pairs, table } from './dom.js';
import { leadName, when, words } from './format.js';
import { tick, touchesText } from './sla.js';

const kReasons = ['not_a_fit', 'no_budget', 'no_authority', 'no_need', 'bad_timing',
  'unreachable', 'duplicate', 'other'];
const kChannels = ['call', 'email', 'meeting', 'chat', 'other'];

/** @param {import('./console.js').View} view @param {string} id */
export async function renderLead(view, id) {
  view.main.replaceChildren(el('h1', { textContent: 'Lead' }), el('p', { textContent: 'Loading…' }));
  /** @type {any} */
  let lead;
  const fetchedAt = Date.now();
  try {
    lead = await view.api.get(`/api/v1/admin/leads/${id}/handoff`);
  } catch (error) {
    view.main.replaceChildren(el('h1', { textContent: 'Lead' }), el('p', {},
      el('a', { href: '#/inbox', textContent: 'Back to the inbox' })));
    view.fail(error);
    return;
  }
  const snapshot = lead.lead || {};
  const profile = snapshot.profile || {};
  const explicit = profile.explicit || {};
  const mayAct = view.role === 'admin' || view.role === 'sales';
  const timer = el('span', { className: 'sla', attrs: { 'data-sla': '' } });
  /** @type {any} */ (timer).sla = { sla: lead.sla, state: lead.state, fetchedAt };

  view.main.replaceChildren(
    el('p', {}, el('a', { href: '#/inbox', textContent: '← Inbox' })),
    el('h1', { textContent: leadName(lead) }),
    el('dl', { className: 'summary' },
      el('dt', { textContent: 'Grade' }), el('dd', { textContent: words(lead.grade || 'none') }),
      el('dt', { textContent: 'Outcome' }), el('dd', { textContent: words(lead.triage) }),
      el('dt', { textContent: 'Points' }), el('dd', { textContent: String(lead.total_points) }),
      el('dt', { textContent: 'State' }), el('dd', { textContent: lead.state, id: 'lead-state' }),
      el('dt', { textContent: 'First response' }), el('dd', {}, timer),
      el('dt', { textContent: 'Follow-up' }), el('dd', { textContent: touchesText(lead.sla) }),
      el('dt', { textContent: 'Handed over' }), el('dd', { textContent: when(lead.handed_ms) }),
      // A lead back from nurturing (re-qualified on new data) says so.
      lead.generation > 1 ? el('dt', { textContent: 'Hand-over' }) : null,
      lead.generation > 1 ? el('dd', { textContent: `number ${lead.generation}` +
        (lead.sent_back_ms ? `, after it was sent back to nurturing on ${when(lead.sent_back_ms)}` : '') }) : null),
    mayAct ? actions(view, id, lead)
      : el('p', { className: 'help', textContent: `Your role (${view.role}) reads leads; sales keys act on them.` }),
    section('Why this lead', (snapshot.criteria || []).length
      ? table('Points by criterion', ['Points', 'Reason'], snapshot.criteria,
        (/** @type {any} */ c) => [String(c.points), c.reason])
      : el('p', { textContent: 'No criterion matched.' })),
    section('What the visitor told', pairs(explicit)),
    section('What the visitor did', pairs(profile.implicit || {})),
    section('Answers', table('Answers in order', ['Question', 'Answer', 'Given'], snapshot.answers || [],
      // In words (the question, the choice's label) where the server gave them.
      (/** @type {any} */ a) => [a.question || a.step,
        a.answer !== undefined ? a.answer : typeof a.value === 'string' ? a.value : JSON.stringify(a.value),
        when(a.received_ms)])),
    section('Follow-up touches', table('Touches', ['When', 'Channel', 'Note'], lead.touches,
      (/** @type {any} */ t) => [when(t.at_ms), t.channel, t.note])),
    section('Feedback', table('Feedback given', ['When', 'Decision', 'Reason', 'Note'], lead.feedback,
      (/** @type {any} */ f) => [when(f.at_ms), f.decision, words(f.reason || ''), f.note])),
    section('Delivery log', table('Delivery attempts', ['When', 'Delivery', 'Attempt', 'Status', 'Latency', 'Error'],
      lead.delivery_log, (/** @type {any} */ a) => [when(a.at_ms), String(a.delivery_id), String(a.attempt),
        a.status_code === null ? '—' : String(a.status_code), `${a.latency_ms} ms`, a.error || ''])),
  );
  view.onLeave(tick(view.main));
}

/** @param {string} title @param {Node} content */
function section(title, content) {
  return el('section', {}, el('h2', { textContent: title }), content);
}

/**
 * The forms of sales' decisions. Each posts, reports in the status line and reloads;
 * focus returns to the button that was pressed, and a refused field is marked invalid
 * and focused.
 * @param {import('./console.js').View} view @param {string} id @param {any} lead
 */
function actions(view, id, lead) {
  /** The inputs a refusal can point at, by the JSON pointer of the request member. */
  /** @type {Record<string, Record<string, HTMLElement>>} */
  const fieldsByForm = {};
  /**
   * @param {string} form the form's id @param {string} path @param {object} body
   * @param {string} done
   */
  const send = async (form, path, body, done) => {
    try {
      await view.api.post(`/api/v1/admin/leads/${id}/${path}`, body);
      await renderLead(view, id);
      view.announce(done);
      document.getElementById(`${form}-submit`)?.focus();
    } catch (error) {
      view.fail(error);
      const field = error instanceof ApiError ? (fieldsByForm[form] || {})[error.path] : undefined;
      if (field) {
        field.setAttribute('aria-invalid', 'true');
        field.setAttribute('aria-describedby', 'status');
        field.focus();
      }
    }
  };
  /**
   * @param {string} name the form's id @param {string} legend
   * @param {Record<string, [string, HTMLElement]>} fields label and input by request member
   * @param {string} label @param {() => void} submit
   */
  const form = (name, legend, fields, label, submit) => {
    fieldsByForm[name] = {};
    /** @type {Node[]} */
    const controls = [];
    for (const [member, [text, input]] of Object.entries(fields)) {
      fieldsByForm[name][`/${member}`] = input;
      input.addEventListener('input', () => input.removeAttribute('aria-invalid'));
      controls.push(el('label', { htmlFor: input.id, textContent: text }), input);
    }
    const f = el('form', { id: name, className: 'action' },
      el('fieldset', {}, el('legend', { textContent: legend }), ...controls,
        el('button', { id: `${name}-submit`, type: 'submit', textContent: label })));
    f.addEventListener('submit', (e) => { e.preventDefault(); submit(); });
    return f;
  };

  const rejectReason = el('select', { id: 'reject-reason' },
    ...kReasons.map((r) => el('option', { value: r, textContent: words(r) })));
  const rejectNote = el('input', { id: 'reject-note', type: 'text', maxLength: 2000 });
  const nurtureNote = el('input', { id: 'nurture-note', type: 'text', maxLength: 2000 });
  const touchChannel = el('select', { id: 'touch-channel' },
    ...kChannels.map((c) => el('option', { value: c, textContent: c })));
  const touchNote = el('input', { id: 'touch-note', type: 'text', maxLength: 2000 });

  const decided = lead.state !== 'open';
  const accept = form('accept', 'Accept', {}, 'Accept lead',
    () => send('accept', 'feedback', { decision: 'accept' }, 'Lead accepted.'));
  accept.querySelector('legend')?.after(el('p', { className: 'help', textContent: 'Sales takes this lead on.' }));
  return el('section', { className: 'actions', attrs: { 'aria-labelledby': 'actions-title' } },
    el('h2', { id: 'actions-title', textContent: 'Actions' }),
    decided ? el('p', { textContent: `Sales decided: ${lead.state}.` }) : null,
    accept,
    form('reject', 'Reject', {
      reason: ['Reason', rejectReason], note: ['Note (needed for “other”)', rejectNote],
    }, 'Reject lead', () => send('reject', 'feedback',
      { decision: 'reject', reason: rejectReason.value, note: rejectNote.value }, 'Lead rejected.')),
    form('nurture', 'Back to nurturing', { note: ['Note', nurtureNote] },
      'Send back to nurturing', () => send('nurture', 'feedback',
        { decision: 'nurture', note: nurtureNote.value }, 'Lead sent back to nurturing.')),
    form('touch', 'Follow-up touch', { channel: ['Channel', touchChannel], note: ['Note', touchNote] },
      'Record touch', () => send('touch', 'touches',
        { channel: touchChannel.value, note: touchNote.value }, 'Touch recorded.')));
}
