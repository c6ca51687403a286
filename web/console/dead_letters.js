// Dead letters: deliveries that kept failing until the retry horizon ran out. Each can be
// sent again once the receiver is fixed (admin keys only).
import { el, table } from './dom.js';
import { when } from './format.js';

/** @param {import('./console.js').View} view */
export async function renderDeadLetters(view) {
  const list = el('div', { className: 'list', attrs: { 'aria-busy': 'true' } });
  view.main.replaceChildren(el('h1', { textContent: 'Dead letters' }),
    el('p', { className: 'help', textContent:
      'Deliveries to sales that failed on every retry. Fix the receiver, then deliver again.' }),
    list);
  try {
    const { deliveries } = await view.api.get('/api/v1/admin/deliveries?state=dead&limit=200');
    list.removeAttribute('aria-busy');
    if (!deliveries.length) {
      list.replaceChildren(el('p', { textContent: 'No dead letters: every delivery arrived or is still being retried.' }));
      return;
    }
    list.replaceChildren(table(`${deliveries.length} dead letter${deliveries.length === 1 ? '' : 's'}`,
      ['Delivery', 'Lead', 'Event', 'Destination', 'Attempts', 'Last error', 'Queued', ''], deliveries,
      (/** @type {any} */ d) => {
        const again = el('button', { type: 'button', textContent: 'Deliver again',
          attrs: { 'aria-label': `Deliver again (delivery ${d.delivery_id})` } });
        again.addEventListener('click', async () => {
          again.disabled = true;
          try {
            await view.api.post(`/api/v1/admin/deliveries/${d.delivery_id}/redeliver`);
            await renderDeadLetters(view);
            view.announce(`Delivery ${d.delivery_id} is queued again.`);
          } catch (error) {
            again.disabled = false;
            view.fail(error);
          }
        });
        return [String(d.delivery_id), el('a', { href: `#/leads/${d.lead_id}`, textContent: d.lead_id.slice(0, 8) }),
          d.event, d.destination_id, String(d.attempts), d.last_error || '', when(d.created_ms), again];
      }));
  } catch (error) {
    list.removeAttribute('aria-busy');
    list.replaceChildren();
    view.fail(error);
  }
}
