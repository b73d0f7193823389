// The console's shell: sign-in, navigation by role, a hash router, the it/en switch and sign-out. Pages live in
// ./pages/<name>.js and export `async function render(root, ctx)`; ctx = { api, t, me, navigate, lang, params,
// signal, announce }. The server checks every role and every action; the shell only hides what a role cannot use.
import { busy, clear, el, errorText, field, messageArea } from './lib/ui.js';

const LANG_KEY = 'adr-console-lang';
const POLL_SAFE = new Set(['GET', 'HEAD']);

/** Route table: hash pattern -> page module, roles, nav entry. content/funnel are PART B's modules. */
const ROUTES = [
  { name: 'queue', pattern: /^#\/queue$/, load: () => import('./pages/queue.js'), roles: ['operator', 'staff'], nav: true },
  { name: 'handoffs', pattern: /^#\/handoffs$/, load: () => import('./pages/handoffs.js'), roles: ['operator', 'staff'], nav: true },
  // #/handoffs/<id>; also #handoff/<id>, the link the Teams handoff card gives (bot/teams/handoffTeams.ts)
  { name: 'handoff', pattern: /^#\/?handoffs?\/([0-9a-f-]{36})$/, load: () => import('./pages/handoffs.js'), roles: ['operator', 'staff'], keys: ['id'], navAs: 'handoffs' },
  { name: 'referrals', pattern: /^#\/referrals$/, load: () => import('./pages/queue.js'), roles: ['staff'], nav: true, params: { all: true } },
  { name: 'referral', pattern: /^#\/referral\/([A-Za-z0-9_-]{1,64})$/, load: () => import('./pages/referral.js'), roles: ['operator', 'staff'], keys: ['id'] },
  { name: 'groups', pattern: /^#\/groups$/, load: () => import('./pages/groups.js'), roles: ['staff'], nav: true },
  { name: 'projects', pattern: /^#\/projects$/, load: () => import('./pages/projects.js'), roles: ['staff'], nav: true },
  { name: 'accounts', pattern: /^#\/accounts$/, load: () => import('./pages/accounts.js'), roles: ['staff'], nav: true },
  { name: 'audit', pattern: /^#\/audit$/, load: () => import('./pages/audit.js'), roles: ['staff'], nav: true },
  { name: 'content', pattern: /^#\/content(?:\/.*)?$/, load: () => import('./pages/content.js'), roles: ['staff'], nav: true, optional: true },
  { name: 'funnel', pattern: /^#\/funnel(?:\/.*)?$/, load: () => import('./pages/funnel.js'), roles: ['staff'], nav: true, optional: true },
  { name: 'announcements', pattern: /^#\/announcements$/, load: () => import('./pages/announcements.js'), roles: ['staff'], nav: true, optional: true },
];

const state = {
  lang: 'it',
  strings: {},
  me: null,
  controller: null,
  /** on /console/setup: the one-time link's token, kept in memory only */
  setupToken: null,
};

const $ = (id) => document.getElementById(id);

function initialLanguage() {
  const saved = localStorage.getItem(LANG_KEY);
  if (saved === 'it' || saved === 'en') return saved;
  return (navigator.language || '').toLowerCase().startsWith('en') ? 'en' : 'it';
}

function lookup(key) {
  let node = state.strings;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** t('console.queue.title') or t('queue.title') (console. assumed); {{name}} filled from vars; the key if unknown. */
function t(key, vars = {}) {
  const text = lookup(key) ?? lookup(`console.${key}`);
  if (text === undefined) return key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name) => (vars[name] === undefined || vars[name] === null ? '' : String(vars[name])));
}

async function loadStrings(lang) {
  const res = await fetch(`/console/api/strings?lang=${lang}`, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`strings_${res.status}`);
  state.strings = await res.json();
  state.lang = lang;
  document.documentElement.lang = lang;
}

/** An API error: message = the API's reason code; status, field and the body alongside. */
class ApiError extends Error {
  constructor(reason, status, body) {
    super(reason);
    this.name = 'ApiError';
    this.status = status;
    this.field = body && body.error ? body.error.field : undefined;
    this.body = body;
  }
}

/**
 * Calls the server with the session cookie; changes carry the CSRF token. Parsed JSON, null for 204. `options.signal`
 * cancels the call (a long poll when its page is left).
 */
async function api(method, path, body, options = {}) {
  const headers = { accept: 'application/json' };
  if (!POLL_SAFE.has(method)) headers['x-csrf-token'] = state.me ? state.me.csrfToken : '';
  const init = { method, headers, credentials: 'same-origin', ...(options.signal ? { signal: options.signal } : {}) };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError('network_error', 0, null);
  }
  if (res.status === 204) return null;
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  if (!res.ok) {
    const reason = data && data.error && data.error.reason ? data.error.reason : `http_${res.status}`;
    if (res.status === 401 && state.me) sessionEnded();
    throw new ApiError(reason, res.status, data);
  }
  return data;
}

function announce(text) {
  const node = $('announcer');
  node.textContent = '';
  // a fresh text node so screen readers read it again even when it repeats
  setTimeout(() => { node.textContent = text; }, 30);
}

function navigate(hash) {
  if (location.hash === hash) void route();
  else location.hash = hash;
}

function homeOf(me) {
  return me.role === 'staff' ? '#/referrals' : '#/queue';
}

// ---- chrome ----------------------------------------------------------------------------------------------------

function renderChrome() {
  $('skip-link').textContent = t('console.app.skip');
  $('brand-owner').textContent = t('console.app.owner');
  $('brand-title').textContent = t('console.app.title');
  document.title = `${t('console.app.title')} – ${t('console.app.owner')}`;
  const switcher = $('language-switch');
  const other = state.lang === 'it' ? 'en' : 'it';
  switcher.lang = other;
  switcher.textContent = t('console.app.switchTo');
  switcher.setAttribute('aria-label', t('console.app.switchToLabel'));
  const signOut = $('sign-out');
  signOut.textContent = t('console.app.signOut');
  signOut.hidden = !state.me;
  const who = $('who');
  who.hidden = !state.me;
  who.textContent = state.me ? t('console.app.signedInAs', { name: state.me.name, role: t(`console.roles.${state.me.role}`) }) : '';
  renderNav();
}

function renderNav() {
  const nav = $('nav');
  clear(nav);
  nav.hidden = !state.me;
  if (!state.me) return;
  nav.setAttribute('aria-label', t('console.app.nav'));
  const list = el('ul', { class: 'nav-list' });
  const current = currentRoute();
  for (const r of ROUTES) {
    if (!r.nav || !r.roles.includes(state.me.role)) continue;
    const here = current && (current.route.name === r.name || current.route.navAs === r.name);
    const link = el('a', { href: `#/${r.name}`, attrs: { 'aria-current': here ? 'page' : null } }, t(`console.nav.${r.name}`));
    list.append(el('li', {}, link));
  }
  nav.append(list);
}

function currentRoute() {
  const hash = location.hash || '';
  for (const r of ROUTES) {
    const match = r.pattern.exec(hash);
    if (match) {
      const params = { ...(r.params ?? {}) };
      (r.keys ?? []).forEach((key, i) => { params[key] = decodeURIComponent(match[i + 1]); });
      return { route: r, params };
    }
  }
  return null;
}

// ---- sign-in -----------------------------------------------------------------------------------------------------

function renderSignIn(notice) {
  const main = $('main');
  clear(main);
  const message = messageArea();
  const name = el('input', { type: 'text', name: 'username', autocomplete: 'username', required: true, attrs: { autocapitalize: 'none', spellcheck: 'false' } });
  const password = el('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const submit = el('button', { type: 'submit', class: 'primary' }, t('console.login.submit'));
  const form = el('form', { class: 'card signin', attrs: { novalidate: true } },
    el('h1', { id: 'page-title' }, t('console.login.title')),
    el('p', {}, t('console.login.intro')),
    message.node,
    field(t('console.login.name'), name),
    field(t('console.login.password'), password),
    el('div', { class: 'actions' }, submit));
  if (notice) message.info(notice);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.clear();
    if (!name.value.trim() || !password.value) {
      message.error(t('console.login.missing'));
      (name.value.trim() ? password : name).focus();
      return;
    }
    await busy(submit, async () => {
      try {
        state.me = await api('POST', '/console/api/login', { name: name.value.trim(), password: password.value });
        password.value = '';
        renderChrome();
        const target = currentRoute() ? location.hash : homeOf(state.me);
        if (location.hash !== target) location.hash = target;
        else await route();
      } catch (err) {
        password.value = '';
        if (err.status === 429) {
          const seconds = err.body && err.body.error ? err.body.error.retryAfterSeconds : 900;
          message.error(t('console.login.rateLimited', { minutes: Math.max(1, Math.ceil(Number(seconds) / 60)) }));
        } else if (err.status === 503 && err.message === 'sign_in_busy') {
          message.error(t('console.login.busy'));
        } else if (err.status === 401 || err.status === 400) {
          message.error(t('console.login.failed'));
        } else {
          message.error(errorText(ctx(), err));
        }
        password.focus();
      }
    });
  });
  main.append(form);
  name.focus();
}

function sessionEnded() {
  state.me = null;
  if (state.controller) state.controller.abort();
  renderChrome();
  renderSignIn(t('console.app.sessionEnded'));
}

async function signOut() {
  try {
    await api('POST', '/console/api/logout');
  } catch {
    // the session is gone either way
  }
  state.me = null;
  if (state.controller) state.controller.abort();
  renderChrome();
  renderSignIn(t('console.app.signedOut'));
}

// ---- the router --------------------------------------------------------------------------------------------------

function ctx(params = {}, signal) {
  return { api, t, me: state.me, navigate, lang: state.lang, params, signal: signal ?? new AbortController().signal, announce };
}

function notice(main, text, kind = 'info') {
  main.append(el('h1', { id: 'page-title' }, t('console.app.title')), el('p', { class: `message message-${kind}`, attrs: { role: kind === 'error' ? 'alert' : 'status' } }, text));
}

async function route(focus = true) {
  if (state.controller) state.controller.abort();
  const main = $('main');
  if (!state.me) {
    renderSignIn();
    return;
  }
  const found = currentRoute();
  if (!found) {
    location.replace(homeOf(state.me));
    return;
  }
  const controller = new AbortController();
  state.controller = controller;
  renderNav();
  clear(main);
  main.setAttribute('aria-busy', 'true');
  if (!found.route.roles.includes(state.me.role)) {
    notice(main, t('console.app.notAllowed'), 'error');
    main.removeAttribute('aria-busy');
    return;
  }
  let module;
  try {
    module = await found.route.load();
  } catch {
    if (controller.signal.aborted) return;
    notice(main, found.route.optional ? t('console.app.notAvailable') : t('console.app.loadFailed'), found.route.optional ? 'info' : 'error');
    main.removeAttribute('aria-busy');
    return;
  }
  if (controller.signal.aborted) return;
  if (!module || typeof module.render !== 'function') {
    notice(main, t('console.app.notAvailable'));
    main.removeAttribute('aria-busy');
    return;
  }
  try {
    await module.render(main, ctx(found.params, controller.signal));
  } catch (err) {
    if (controller.signal.aborted) return;
    if (err && err.status === 401) return;
    clear(main);
    notice(main, errorText(ctx(), err), 'error');
  } finally {
    main.removeAttribute('aria-busy');
  }
  if (focus && !controller.signal.aborted) {
    const heading = main.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: false });
    }
  }
}

// ---- the first staff account (/console/setup#<token>, printed by the bot at start) ---------------------------------

async function showSetup() {
  const { renderSetup } = await import('./pages/setup.js');
  await renderSetup($('main'), ctx(), state.setupToken, (me) => {
    // signed in: the setup page is done with, and the link with it
    state.setupToken = null;
    state.me = me;
    history.replaceState(null, '', `/console${homeOf(me)}`);
    renderChrome();
    void route();
  });
}

async function switchLanguage() {
  const next = state.lang === 'it' ? 'en' : 'it';
  localStorage.setItem(LANG_KEY, next);
  await loadStrings(next);
  renderChrome();
  if (state.me) await route(false);
  else if (state.setupToken !== null) await showSetup();
  else renderSignIn();
  $('language-switch').focus();
}

async function boot() {
  try {
    await loadStrings(initialLanguage());
  } catch {
    $('boot').textContent = 'La console non è disponibile. / The console is not available.';
    return;
  }
  // the hash is the router's: the skip link moves the focus itself instead of changing it
  $('skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    $('main').focus();
  });
  $('language-switch').addEventListener('click', () => void switchLanguage());
  $('sign-out').addEventListener('click', () => void signOut());
  window.addEventListener('hashchange', () => void route());
  if (location.pathname === '/console/setup') {
    // the token leaves the address bar and the history at once: it lives in this page's memory until used
    state.setupToken = location.hash.slice(1);
    history.replaceState(null, '', '/console/setup');
    renderChrome();
    await showSetup();
    return;
  }
  try {
    state.me = await api('GET', '/console/api/me');
  } catch {
    state.me = null;
  }
  renderChrome();
  if (state.me && !currentRoute()) location.replace(homeOf(state.me));
  await route(false);
}

void boot();
