// Publishing a draft, with confidence: a dialog that asks what the change is for (the
// note goes into the flow's history with who published it) and, before it lets the
// draft go live, backtests it over the recent leads; when more of them change than the
// marketer's limit, it names the figure and asks to publish anyway.
import { changedText } from './backtest.js';
import { el } from './dom.js';

/**
 * Asks to publish revision `revision`; resolves with the note, or null when cancelled.
 * @param {{flowId: string, revision: number, backtest: import('./backtest.js').BacktestPanel}} options
 * @returns {Promise<{note: string} | null>}
 */
export function confirmPublish({ flowId, revision, backtest }) {
  const note = el('textarea', { id: 'publish-note', rows: 3, maxLength: 500,
    placeholder: 'For example: stricter budget criterion after the sales review' });
  const verdict = el('p', { className: 'publish-verdict', attrs: { role: 'status' },
    textContent: `Trying the draft on the leads of the last ${backtest.days()} days…` });
  const ok = el('button', { type: 'button', textContent: 'Publish', disabled: true });
  const cancel = el('button', { type: 'button', className: 'secondary', textContent: 'Cancel' });
  const dialog = el('dialog', { className: 'publish-dialog', attrs: { 'aria-labelledby': 'publish-title' } },
    el('h2', { id: 'publish-title', textContent: `Publish ${flowId}, draft revision ${revision}` }),
    el('p', { className: 'help', textContent: 'Visitors get the new version at once; the versions list keeps the old one for a roll back.' }),
    el('label', { htmlFor: 'publish-note', textContent: 'What changes, and why (kept in the history)' }), note,
    verdict,
    el('div', { className: 'editor-actions' }, ok, cancel));
  document.body.append(dialog);
  dialog.showModal();
  note.focus();

  backtest.run({}).then((report) => {
    if (!report) {
      verdict.textContent = 'The backtest did not finish: you may still publish, without knowing what it does to recent leads.';
      verdict.dataset.tone = 'warn';
      ok.textContent = 'Publish without a backtest';
    } else if (!report.leads) {
      verdict.textContent = `No leads in the last ${report.days} days to try it on.`;
    } else {
      const over = report.changed_share * 100 > backtest.limit();
      verdict.textContent = `With this draft, ${changedText(report)} from the last ${report.days} days change triage or grade` +
        (over ? ` — more than your limit of ${backtest.limit()}%. Look at them under Backtest before you publish.` : '.');
      verdict.dataset.tone = over ? 'warn' : 'ok';
      if (over) ok.textContent = 'Publish anyway';
    }
    ok.disabled = false;
  });

  return new Promise((resolve) => {
    const close = (/** @type {{note: string} | null} */ answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    ok.addEventListener('click', () => close({ note: note.value.trim() }));
    cancel.addEventListener('click', () => close(null));
    dialog.addEventListener('cancel', (event) => { event.preventDefault(); close(null); });
  });
}
