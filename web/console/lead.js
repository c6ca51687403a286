// One lead: why it qualified (points with reasons), what the visitor told and did, the
// SLA, sales' actions (accept, reject with a reason, back to nurturing, a follow-up
// touch), and every delivery attempt.
import { el, pairs, table } from './dom.js';
import { when, words } from './format.js';
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
    lead = await view.api.get(`/api/v1/admin/leads/${id}/forwarding`);
  } catch (error) {
    view.main.replaceChildren(el('h1', { textContent: 'Lead' }), el('p', {},
      el('a', { href: '#/inbox', textContent: 'Back to the inbox' })));
    view.fail(error);
    return;
  }
  const snapshot = lead.lead || {};
  const profile = snapshot.profile || {};
  const explicit = profile.explicit || {};
  const timer = el('span', { className: 'sla', attrs: { 'data-sla': '' } });
  /** @type {any} */ (timer).sla = { sla: lead.sla, state: lead.state, fetchedAt };

  view.main.replaceChildren(
    el('p', {}, el('a', { href: '#/inbox', textContent: '← Inbox' })),
    el('h1', { textContent: typeof explicit.email === 'string' ? explicit.email : `Lead ${id}` }),
    el('dl', { className: 'summary' },
      el('dt', { textContent: 'Grade' }), el('dd', { textContent: words(lead.grade || 'none') }),
      el('dt', { textContent: 'Outcome' }), el('dd', { textContent: words(lead.triage) }),
      el('dt', { textContent: 'Points' }), el('dd', { textContent: String(lead.total_points) }),
      el('dt', { textContent: 'State' }), el('dd', { textContent: lead.state, id: 'lead-state' }),
      el('dt', { textContent: 'First response' }), el('dd', {}, timer),
      el('dt', { textContent: 'Follow-up' }), el('dd', { textContent: touchesText(lead.sla) }),
      el('dt', { textContent: 'Handed over' }), el('dd', { textContent: when(lead.handed_ms) })),
    actions(view, id, lead),
    section('Why this lead', (snapshot.criteria || []).length
      ? table('Points by criterion', ['Points', 'Reason'], snapshot.criteria,
        (/** @type {any} */ c) => [String(c.points), c.reason])
      : el('p', { textContent: 'No criterion matched.' })),
    section('What the visitor told', pairs(explicit)),
    section('What the visitor did', pairs(profile.implicit || {})),
    section('Answers', table('Answers in order', ['Question', 'Answer', 'Given'], snapshot.answers || [],
      (/** @type {any} */ a) => [a.step, typeof a.value === 'string' ? a.value : JSON.stringify(a.value),
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
 * The forms of sales' decisions. Each posts, reports in the status line and reloads.
 * @param {import('./console.js').View} view @param {string} id @param {any} lead
 */
function actions(view, id, lead) {
  /** @param {string} path @param {object} body @param {string} done */
  const send = async (path, body, done) => {
    try {
      await view.api.post(`/api/v1/admin/leads/${id}/${path}`, body);
      await renderLead(view, id);
      view.announce(done);
    } catch (error) {
      view.fail(error);
    }
  };
  /** @param {string} legend @param {Node[]} fields @param {string} label @param {() => void} submit */
  const form = (legend, fields, label, submit) => {
    const f = el('form', { className: 'action' },
      el('fieldset', {}, el('legend', { textContent: legend }), ...fields,
        el('button', { type: 'submit', textContent: label })));
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
  return el('section', { className: 'actions', attrs: { 'aria-labelledby': 'actions-title' } },
    el('h2', { id: 'actions-title', textContent: 'Actions' }),
    decided ? el('p', { textContent: `Sales decided: ${lead.state}.` }) : null,
    form('Accept', [el('p', { className: 'help', textContent: 'Sales takes this lead on.' })],
      'Accept lead', () => send('feedback', { decision: 'accept' }, 'Lead accepted.')),
    form('Reject', [
      el('label', { htmlFor: 'reject-reason', textContent: 'Reason' }), rejectReason,
      el('label', { htmlFor: 'reject-note', textContent: 'Note (needed for “other”)' }), rejectNote,
    ], 'Reject lead', () => send('feedback',
      { decision: 'reject', reason: rejectReason.value, note: rejectNote.value }, 'Lead rejected.')),
    form('Back to nurturing', [
      el('label', { htmlFor: 'nurture-note', textContent: 'Note' }), nurtureNote,
    ], 'Send back to nurturing', () => send('feedback',
      { decision: 'nurture', note: nurtureNote.value }, 'Lead sent back to nurturing.')),
    form('Follow-up touch', [
      el('label', { htmlFor: 'touch-channel', textContent: 'Channel' }), touchChannel,
      el('label', { htmlFor: 'touch-note', textContent: 'Note' }), touchNote,
    ], 'Record touch', () => send('touches',
      { channel: touchChannel.value, note: touchNote.value }, 'Touch recorded.')));
}
