// The sales inbox: leads handed over to sales, the most urgent first, each with its SLA
// timer and follow-up count; filters by state and overdue.
import { el, table } from './dom.js';
import { leadName, when, words } from './format.js';
import { tick, touchesText } from './sla.js';

const kStates = ['open', 'accepted', 'rejected', 'nurturing'];

/** @param {import('./console.js').View} view */
export async function renderInbox(view) {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const state = kStates.includes(params.get('state') || '') ? params.get('state') || 'open' : 'open';
  const overdueOnly = params.get('overdue') === '1';

  const stateSelect = el('select', { id: 'inbox-state' },
    ...kStates.map((s) => el('option', { value: s, textContent: s, selected: s === state })));
  const overdueBox = el('input', { id: 'inbox-overdue', type: 'checkbox', checked: overdueOnly });
  const filters = el('form', { className: 'filters', attrs: { 'aria-label': 'Filter the inbox' } },
    el('label', { htmlFor: 'inbox-state', textContent: 'State' }), stateSelect,
    el('label', { className: 'check' }, overdueBox, ' overdue only'));
  const apply = () => {
    const next = new URLSearchParams({ state: stateSelect.value, ...(overdueBox.checked ? { overdue: '1' } : {}) });
    location.hash = `#/inbox?${next}`;
  };
  stateSelect.addEventListener('change', apply);
  overdueBox.addEventListener('change', apply);
  filters.addEventListener('submit', (e) => { e.preventDefault(); apply(); });

  const list = el('div', { className: 'list', attrs: { 'aria-busy': 'true' } });
  view.main.replaceChildren(el('h1', { textContent: 'Inbox' }), filters, list);
  try {
    const query = new URLSearchParams({ route: 'sales', state, limit: '500',
      ...(overdueOnly ? { overdue: '1' } : {}) });
    const fetchedAt = Date.now();
    /** @type {{handoffs: any[]}} */
    const { handoffs: leads } = await view.api.get(`/api/v1/admin/handoffs?${query}`);
    leads.sort((a, b) => deadlineOf(a) - deadlineOf(b));
    list.removeAttribute('aria-busy');
    if (!leads.length) {
      list.replaceChildren(el('p', { textContent: `No ${overdueOnly ? 'overdue ' : ''}${state} leads.` }));
      return;
    }
    list.replaceChildren(table(`${leads.length} ${state} lead${leads.length === 1 ? '' : 's'}`,
      ['Lead', 'Flow', 'Grade', 'Points', 'Handed over', 'First response', 'Follow-up'], leads, (h) => {
        const timer = el('span', { className: 'sla', attrs: { 'data-sla': '' } });
        /** @type {any} */ (timer).sla = { sla: h.sla, state: h.state, fetchedAt };
        return [
          el('a', { href: `#/leads/${h.lead_id}`, textContent: leadName(h) }),
          h.flow_id,
          el('span', { className: `grade grade-${h.grade || 'none'}`, textContent: words(h.grade || 'none') }),
          String(h.total_points),
          when(h.handed_ms),
          timer,
          touchesText(h.sla),
        ];
      }));
    view.onLeave(tick(list));
  } catch (error) {
    list.removeAttribute('aria-busy');
    list.replaceChildren();
    view.fail(error);
  }
}

/** @param {any} h @returns {number} the deadline, or far away when there is none */
function deadlineOf(h) {
  return h.sla && h.sla.deadline_ms ? h.sla.deadline_ms : Number.MAX_SAFE_INTEGER;
}

