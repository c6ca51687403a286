// The console's shell: sign-in with an API key (kept for this tab only, in
// sessionStorage), the hash routes, and the status line every view reports through.
import { ApiError, createApi } from './api.js';
import { renderDeadLetters } from './dead_letters.js';
import { el } from './dom.js';
import { renderFlowDraft } from './flow_draft.js';
import { renderFlows } from './flows.js';
import { renderInbox } from './inbox.js';
import { renderLead } from './lead.js';

const kKeyItem = 'leadq.console.key';

/**
 * What a view gets: the API, the key's role (admin, marketer or sales), its container,
 * the status line, a way to another view that tells the result there, and a place to
 * register what must stop when the view is left (timers).
 * @typedef {{api: ReturnType<typeof createApi>, role: string, main: HTMLElement,
 *   announce: (message: string, isError?: boolean) => void,
 *   fail: (error: unknown) => void, onLeave: (stop: () => void) => void,
 *   go: (hash: string, message?: string) => void}} View
 */

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
const status = /** @type {HTMLElement} */ (document.getElementById('status'));
const nav = /** @type {HTMLElement} */ (document.getElementById('nav'));
/** @type {Array<() => void>} */
let leaving = [];
/** The signed-in key's role, asked once per page load. @type {string} */
let role = '';
/** What the next view announces (the result of what sent the marketer there). */
let pending = '';

/** Goes to `hash`, and says `message` there. @param {string} hash @param {string} [message] */
async function go(hash, message = '') {
  if (location.hash === hash) {
    announce(message);
    await route();
    return;
  }
  pending = message;
  location.hash = hash;
}

/** @param {string} message @param {boolean} [isError] */
function announce(message, isError = false) {
  status.textContent = message;
  status.dataset.tone = isError ? 'error' : 'ok';
}

/** @param {unknown} error */
function fail(error) {
  if (error instanceof ApiError) {
    announce(error.explain(), true);
    if (error.status === 401) signOut();
  } else {
    announce(error instanceof Error ? error.message : String(error), true);
  }
}

function signOut() {
  sessionStorage.removeItem(kKeyItem);
  role = '';
  route();
}

function renderSignIn() {
  nav.hidden = true;
  const key = el('input', { id: 'api-key', type: 'password', autocomplete: 'off', required: true,
    spellcheck: false, attrs: { 'aria-describedby': 'api-key-help' } });
  const form = el('form', { className: 'sign-in', attrs: { 'aria-labelledby': 'sign-in-title' } },
    el('h1', { id: 'sign-in-title', textContent: 'Sign in' }),
    el('label', { htmlFor: 'api-key', textContent: 'API key' }), key,
    el('p', { id: 'api-key-help', className: 'help',
      textContent: 'An admin, marketer or sales key. It is kept in this browser tab only.' }),
    el('button', { type: 'submit', textContent: 'Sign in' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = key.value.trim();
    if (!value) return;
    try {
      // The key's own role proves the key, and decides what the console offers.
      ({ role } = await createApi(value).get('/api/v1/admin/me'));
      sessionStorage.setItem(kKeyItem, value);
      // No hashchange: the status line below must outlive the route.
      // Marketers start at their flows, sales and admins at the inbox.
      if (!location.hash || location.hash === '#/') {
        history.replaceState(null, '', role === 'marketer' ? '#/flows' : '#/inbox');
      }
      // Said first: whatever happens next (a failure, another view) is what stays.
      announce('Signed in.');
      await route();
    } catch (error) {
      fail(error);
    }
  });
  main.replaceChildren(form);
  key.focus();
}

async function route() {
  for (const stop of leaving) stop();
  leaving = [];
  const key = sessionStorage.getItem(kKeyItem);
  if (!key) return renderSignIn();
  const api = createApi(key);
  if (!role) {
    try {
      ({ role } = await api.get('/api/v1/admin/me'));
    } catch (error) {
      return fail(error);
    }
  }
  nav.hidden = false;
  // Dead letters are an operations matter: only admin keys may list and redeliver them.
  const deadLetters = /** @type {HTMLElement} */ (document.getElementById('nav-dead-letters'));
  deadLetters.hidden = role !== 'admin';
  // Flows are the marketers' (and admins'): a sales key is not offered them.
  const flows = /** @type {HTMLElement} */ (document.getElementById('nav-flows'));
  flows.hidden = role === 'sales';
  for (const link of nav.querySelectorAll('a')) {
    if (location.hash.startsWith(link.getAttribute('href') || '')) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  /** @type {View} */
  const view = { api, role, main, announce, fail, onLeave: (stop) => leaving.push(stop), go };
  const lead = /^#\/leads\/([A-Za-z0-9_-]{1,64})$/.exec(location.hash);
  if (lead) return renderLead(view, lead[1]);
  if (location.hash === '#/dead-letters') return renderDeadLetters(view);
  const flow = /^#\/flows\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_.-]{1,64})$/.exec(location.hash);
  if (flow) return renderFlowDraft(view, flow[1], flow[2]);
  if (/^#\/flows(\?|$)/.test(location.hash)) return renderFlows(view);
  return renderInbox(view);
}

/** @type {HTMLElement} */ (document.getElementById('sign-out')).addEventListener('click', () => {
  signOut();
  announce('Signed out.');
});
window.addEventListener('hashchange', async () => {
  // A result belongs to the view it happened in, or to the one it sent you to.
  // (Said before the view renders, so that its own failure, if any, is what stays.)
  announce(pending);
  pending = '';
  await route();
  // Keyboard and screen-reader users land on the new view's heading.
  const heading = main.querySelector('h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  } else {
    main.focus();
  }
});
route();
