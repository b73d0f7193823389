// The live "Conversazioni" panel (issue 17): workers who asked for a person. Lists waiting / mine / closed, polled
// every few seconds (the polls also keep the operator "available": a closed console stops counting); the availability
// toggle; a new waiting request is a short sound, a title badge "(2) Conversazioni" and an announcement. #/handoffs/<id>
// opens a conversation beside the lists: its facts (province, sector, language, the last exchange with the bot as
// labels: codes only, no personal data), accept (a lost race names who took it), the messages both ways by long poll,
// a reply box that tells the worker the operator is typing, and the end (closed, back to the bot, referral).
// Everything shown comes from /api/handoffs as text (el() builds text nodes).
import { busy, clear, dateTime, el, errorText, facts, field, languageName, messageArea, sectorLabel, time, typedOrder } from '../lib/ui.js';

/** how often the lists (and the open conversation's typing and status) are read */
const POLL_MS = 3000;
/** the closed list changes rarely: read every this many polls */
const CLOSED_EVERY = 5;
/** a long poll waits this long for a message (the API holds it up to 25 s) */
const WAIT_SECONDS = 20;
/** while typing, the worker is told at most this often (a signal lasts 6 s) */
const TYPING_EVERY_MS = 3000;
const FINAL = new Set(['ended', 'unanswered', 'abandoned']);
const END_REASONS = [
  { reason: 'closed', label: 'endClosed' },
  { reason: 'returned_to_bot', label: 'endReturned' },
  { reason: 'referral', label: 'endReferral' },
];

/** Across renders (the router renders the page anew for each conversation): the waiting ids already announced, and to whom. */
let announcedWaiting = null;
let announcedTo = null;
/** Web Audio for the sound: it may only start after a click in the page (the browsers' autoplay rule). */
let audio = null;

function unlockSound() {
  try {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    audio ??= new Context();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    audio = null;
  }
}

/** A short two-tone chime made in the page (no file, nothing fetched); false when the browser would not play it. */
function chime() {
  if (!audio || audio.state !== 'running') return false;
  const start = audio.currentTime;
  for (const [i, frequency] of [880, 1175].entries()) {
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0.08, start + i * 0.16);
    gain.gain.exponentialRampToValueAtTime(0.001, start + i * 0.16 + 0.15);
    tone.connect(gain).connect(audio.destination);
    tone.start(start + i * 0.16);
    tone.stop(start + i * 0.16 + 0.16);
  }
  return true;
}

function known(t, key, fallback, vars) {
  const text = t(key, vars);
  return text === key ? fallback : text;
}

/** The last exchange with the bot, from its codes (faq:<id>, precheck:<outcome>, menu:<entry>...) to words. */
function exchangeLabel(t, code) {
  const at = code.indexOf(':');
  const kind = at < 0 ? code : code.slice(0, at);
  const value = at < 0 ? '' : code.slice(at + 1);
  if (kind === 'precheck') return t('console.handoffs.exchange.precheck', { outcome: known(t, `console.outcome.${value}`, value) });
  return known(t, `console.handoffs.exchange.${kind}`, code, { value });
}

function statusLabel(t, h) {
  if (h.status === 'ended' && h.endReason) return t('console.handoffs.endedAs', { reason: known(t, `console.handoffs.endReason.${h.endReason}`, h.endReason) });
  return known(t, `console.handoffs.status.${h.status}`, h.status);
}

function roleLabel(t, role) {
  return t(`console.roles.${role}`);
}

export async function render(root, ctx) {
  const { t, me, lang, signal } = ctx;
  const openId = ctx.params && ctx.params.id;
  if (announcedTo !== me.name) {
    // another account signed in in this tab: what is waiting when it opens the panel is not news
    announcedWaiting = null;
    announcedTo = me.name;
  }
  const message = messageArea();
  const baseTitle = `${t('console.app.title')} – ${t('console.app.owner')}`;

  // ---- availability
  const availability = await ctx.api('GET', '/api/handoffs/availability');
  const toggle = el('input', { type: 'checkbox', id: 'handoff-available', checked: availability.available });
  const provinces = availability.provinces.length > 0 ? availability.provinces.join(', ') : t('console.handoffs.unknown');
  const toggleField = el('div', { class: 'field' },
    el('label', { class: 'check', htmlFor: 'handoff-available' }, toggle, ' ', t('console.handoffs.available')),
    el('p', { class: 'hint', id: 'handoff-available-hint' }, me.role === 'staff' ? t('console.handoffs.availableHintStaff') : t('console.handoffs.availableHint', { provinces })));
  toggle.setAttribute('aria-describedby', 'handoff-available-hint');

  // ---- the lists
  const lists = {
    waiting: el('ul', { class: 'cards handoff-list', id: 'handoffs-waiting', attrs: { 'aria-labelledby': 'handoffs-waiting-title' } }),
    mine: el('ul', { class: 'cards handoff-list', id: 'handoffs-mine', attrs: { 'aria-labelledby': 'handoffs-mine-title' } }),
    closed: el('ul', { class: 'cards handoff-list', id: 'handoffs-closed', attrs: { 'aria-labelledby': 'handoffs-closed-title' } }),
  };
  const section = (view) => el('section', { class: 'handoff-section', attrs: { 'aria-labelledby': `handoffs-${view}-title` } },
    el('h2', { id: `handoffs-${view}-title` }, t(`console.handoffs.${view}`)), lists[view]);
  const conversation = el('section', { class: 'card conversation', id: 'conversation', hidden: !openId, attrs: { 'aria-labelledby': 'conversation-title' } });
  // the open conversation first, then the lists: the same order on screen and for the keyboard
  const panel = el('div', { class: 'handoffs', id: 'handoffs-panel', dataset: { alerts: '0' } },
    conversation,
    el('div', { class: 'handoff-lists' }, section('waiting'), section('mine'), section('closed')));
  root.append(
    el('h1', { id: 'page-title' }, t('console.handoffs.title')),
    el('p', { class: 'intro' }, t('console.handoffs.intro')),
    el('div', { class: 'card availability' }, toggleField),
    message.node,
    panel);
  root.addEventListener('click', unlockSound);
  root.addEventListener('keydown', unlockSound);

  let items = { waiting: [], mine: [], closed: [] };

  const setTitle = () => {
    const count = items.waiting.length;
    document.title = count > 0 ? `(${count}) ${t('console.handoffs.title')} – ${baseTitle}` : `${t('console.handoffs.title')} – ${baseTitle}`;
  };

  const accept = async (h, button) => busy(button, async () => {
    message.clear();
    try {
      await ctx.api('POST', `/api/handoffs/${encodeURIComponent(h.id)}/accept`);
      ctx.announce(t('console.handoffs.accepted'));
      ctx.navigate(`#/handoffs/${encodeURIComponent(h.id)}`);
    } catch (err) {
      const takenBy = err && err.body && err.body.error ? err.body.error.claimedBy : undefined;
      message.error(takenBy ? t('console.handoffs.takenBy', { name: takenBy }) : errorText(ctx, err));
      await refresh(true).catch(() => undefined);
      if (openId === h.id) await loadDetail().catch(() => undefined);
    }
  });

  const summaryFacts = (h) => facts([
    [t('console.handoffs.province'), h.province ?? t('console.handoffs.unknown')],
    [t('console.handoffs.sector'), h.sector ? sectorLabel(t, h.sector) : t('console.handoffs.unknown')],
    [t('console.handoffs.language'), el('span', { class: 'language', dataset: { language: h.language } }, languageName(t, h.language))],
    [t('console.handoffs.lastExchange'), h.lastExchange.length > 0 ? h.lastExchange.map((c) => exchangeLabel(t, c)).join(' · ') : t('console.handoffs.none')],
    [t('console.handoffs.operator'), h.operator ? t('console.handoffs.operatorName', { name: h.operator.name, role: roleLabel(t, h.operator.role) }) : ''],
  ]);

  const card = (view, h, fresh) => {
    const when = time(new Date(h.createdAt), lang);
    const actions = el('div', { class: 'actions' });
    if (view === 'waiting') {
      const button = el('button', { type: 'button', class: 'primary', attrs: { 'aria-label': t('console.handoffs.acceptLabel', { time: when, province: h.province ?? t('console.handoffs.unknown') }) } }, t('console.handoffs.accept'));
      button.addEventListener('click', () => void accept(h, button));
      actions.append(button);
    }
    actions.append(el('a', { class: 'button secondary', href: `#/handoffs/${encodeURIComponent(h.id)}`, attrs: { 'aria-label': t('console.handoffs.openLabel', { time: when }), 'aria-current': h.id === openId ? 'true' : null } }, t('console.handoffs.open')));
    return el('li', { class: `card handoff${fresh ? ' is-new' : ''}${h.id === openId ? ' is-open' : ''}`, dataset: { id: h.id, status: h.status } },
      el('div', { class: 'card-head' },
        el('h3', { class: 'card-title' }, t('console.handoffs.request', { time: dateTime(h.createdAt, lang) })),
        el('span', { class: `badge ${view === 'waiting' ? 'badge-new' : view === 'mine' ? 'badge-ok' : 'badge-muted'}` }, statusLabel(t, h))),
      summaryFacts(h),
      actions);
  };

  const draw = (view, fresh = new Set()) => {
    clear(lists[view]);
    for (const h of items[view]) lists[view].append(card(view, h, fresh.has(h.id)));
    if (items[view].length === 0) {
      const empty = view === 'waiting' && !toggle.checked && me.role !== 'staff' ? 'emptyWaitingUnavailable' : `empty${view[0].toUpperCase()}${view.slice(1)}`;
      lists[view].append(el('li', { class: 'empty' }, t(`console.handoffs.${empty}`)));
    }
  };

  let polls = 0;
  /** Reads the lists; a waiting request not seen before is the sound, the badge and an announcement. */
  const refresh = async (withClosed) => {
    const views = withClosed ? ['waiting', 'mine', 'closed'] : ['waiting', 'mine'];
    const pages = await Promise.all(views.map((view) => ctx.api('GET', `/api/handoffs?view=${view}`)));
    if (signal.aborted) return;
    views.forEach((view, i) => { items[view] = pages[i].items; });
    const ids = items.waiting.map((h) => h.id);
    const fresh = new Set(announcedWaiting === null ? [] : ids.filter((id) => !announcedWaiting.has(id)));
    announcedWaiting = new Set([...(announcedWaiting ?? []), ...ids]);
    for (const view of views) draw(view, view === 'waiting' ? fresh : undefined);
    setTitle();
    if (fresh.size > 0) {
      chime();
      panel.dataset.alerts = String(Number(panel.dataset.alerts) + 1);
      ctx.announce(t('console.handoffs.arrived', { count: fresh.size }));
    }
  };

  toggle.addEventListener('change', async () => {
    unlockSound();
    toggle.disabled = true;
    message.clear();
    try {
      const now = await ctx.api('PUT', '/api/handoffs/availability', { available: toggle.checked });
      toggle.checked = now.available;
      message.info(now.available ? t('console.handoffs.nowAvailable') : t('console.handoffs.nowUnavailable'));
      await refresh(false);
    } catch (err) {
      toggle.checked = !toggle.checked;
      message.error(errorText(ctx, err));
    } finally {
      toggle.disabled = false;
    }
  });

  // ---- the open conversation
  let detail = null;
  let cursor = 0;
  const shown = new Set();
  // a live region (role log) around the list: new messages are read out as they arrive
  const list = el('ol', { class: 'msg-list' });
  const log = el('div', { class: 'messages', id: 'handoff-messages', tabIndex: 0, attrs: { role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': t('console.handoffs.messages') } }, list);
  const typingLine = el('p', { class: 'typing muted', id: 'worker-typing', hidden: true }, t('console.handoffs.workerTyping'));
  const head = el('div');
  const controls = el('div');

  const addMessages = (messages) => {
    let added = false;
    for (const m of messages) {
      if (shown.has(m.seq)) continue;
      shown.add(m.seq);
      added = true;
      const empty = list.querySelector('.empty');
      if (empty) empty.remove();
      const who = m.from === 'worker' ? t('console.handoffs.worker') : m.operator ? t('console.handoffs.operatorName', { name: m.operator.name, role: roleLabel(t, m.operator.role) }) : t('console.handoffs.operator');
      const item = el('li', { class: `msg msg-${m.from}`, dataset: { seq: String(m.seq) } },
        el('p', { class: 'msg-meta' }, `${who} · ${time(new Date(m.at), lang)}`),
        // isolated, its direction its own, any bidirectional control shown rather than obeyed (typedOrder)
        el('p', { class: 'msg-text worker-text', dir: 'auto' }, typedOrder(m.text)));
      // in sequence order, whatever order the answers came in
      const after = Array.from(list.querySelectorAll('li.msg')).find((li) => Number(li.dataset.seq) > m.seq);
      list.insertBefore(item, after ?? null);
    }
    if (added) log.scrollTop = log.scrollHeight;
  };

  const drawDetail = () => {
    const h = detail;
    const holder = h.status === 'accepted' && h.operator && h.operator.name === me.name;
    clear(head);
    head.append(
      el('h2', { id: 'conversation-title' }, t('console.handoffs.conversation', { time: dateTime(h.createdAt, lang) })),
      el('p', { id: 'conversation-status' }, el('span', { class: `badge ${FINAL.has(h.status) ? 'badge-muted' : 'badge-ok'}` }, statusLabel(t, h))),
      summaryFacts(h));
    if (h.transcriptKept) head.append(el('p', { class: 'hint' }, t('console.handoffs.transcriptKept')));
    clear(controls);
    if (h.status === 'waiting') {
      const button = el('button', { type: 'button', class: 'primary', id: 'accept-open' }, t('console.handoffs.accept'));
      button.addEventListener('click', () => void accept(h, button));
      controls.append(el('div', { class: 'actions' }, button));
    } else if (holder) {
      controls.append(replyForm(), endActions());
    } else if (h.status === 'accepted') {
      controls.append(el('p', { class: 'muted' }, t('console.handoffs.heldBy', { name: h.operator ? h.operator.name : '' })));
      if (me.role === 'staff') controls.append(endActions());
    }
    typingLine.hidden = !(h.typing && h.typing.worker && h.status === 'accepted');
  };

  let reply = null;
  const replyForm = () => {
    reply ??= (() => {
      const text = el('textarea', { name: 'reply', id: 'handoff-reply', rows: 3, maxLength: 2000 });
      const send = el('button', { type: 'submit', class: 'primary', id: 'handoff-send' }, t('console.handoffs.send'));
      const form = el('form', { class: 'reply-form' }, field(t('console.handoffs.reply'), text, t('console.handoffs.replyHint')), el('div', { class: 'actions' }, send));
      let typingSentAt = 0;
      text.addEventListener('input', () => {
        if (text.value.trim() === '' || Date.now() - typingSentAt < TYPING_EVERY_MS) return;
        typingSentAt = Date.now();
        ctx.api('POST', `/api/handoffs/${encodeURIComponent(openId)}/typing`).catch(() => undefined);
      });
      text.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
          event.preventDefault();
          form.requestSubmit();
        }
      });
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        if (!text.value.trim()) {
          message.error(t('console.handoffs.replyEmpty'));
          text.focus();
          return;
        }
        void busy(send, async () => {
          try {
            const sent = await ctx.api('POST', `/api/handoffs/${encodeURIComponent(openId)}/messages`, { text: text.value });
            text.value = '';
            typingSentAt = 0;
            message.clear();
            addMessages([sent]);
          } catch (err) {
            message.error(errorText(ctx, err));
            await loadDetail().catch(() => undefined);
          }
          text.focus();
        });
      });
      return form;
    })();
    return reply;
  };

  const endActions = () => {
    const box = el('div', { class: 'actions end-actions', attrs: { role: 'group', 'aria-label': t('console.handoffs.end') } });
    for (const { reason, label } of END_REASONS) {
      const button = el('button', { type: 'button', class: reason === 'referral' ? 'primary' : 'secondary', dataset: { reason } }, t(`console.handoffs.${label}`));
      button.addEventListener('click', () => void busy(button, async () => {
        try {
          await ctx.api('POST', `/api/handoffs/${encodeURIComponent(openId)}/end`, { reason });
          await loadDetail();
          const ended = statusLabel(t, detail);
          message.info(ended);
          ctx.announce(ended);
          await refresh(true);
        } catch (err) {
          message.error(errorText(ctx, err));
        }
      }));
      box.append(button);
    }
    return el('div', {}, box, el('p', { class: 'hint' }, t('console.handoffs.endReferralHint')));
  };

  const loadDetail = async () => {
    const before = detail ? detail.status : null;
    detail = await ctx.api('GET', `/api/handoffs/${encodeURIComponent(openId)}`);
    if (signal.aborted) return;
    // a typing-only change leaves the controls (and what is being typed) alone
    if (before !== detail.status) drawDetail();
    else typingLine.hidden = !(detail.typing.worker && detail.status === 'accepted');
  };

  /** The messages: once from the start, then a long poll after the cursor until the conversation ends or the page goes. */
  const follow = async () => {
    let failures = 0;
    // the first read answers at once (what was written so far); the next ones wait for a message. Not "while nothing
    // is shown": a conversation with no message yet was then read again the moment each answer came, hundreds of
    // requests a second
    let first = true;
    while (!signal.aborted) {
      try {
        const wait = first || FINAL.has(detail.status) ? 0 : WAIT_SECONDS;
        const page = await ctx.api('GET', `/api/handoffs/${encodeURIComponent(openId)}/messages?after=${cursor}&waitSeconds=${wait}`, undefined, { signal });
        first = false;
        failures = 0;
        addMessages(page.items);
        cursor = Math.max(cursor, page.cursor);
        typingLine.hidden = !(page.typing.worker && page.status === 'accepted');
        if (page.status !== detail.status) {
          await loadDetail();
          // ended by the worker, the idle sweep or staff: said, as the messages are
          if (FINAL.has(detail.status)) ctx.announce(statusLabel(t, detail));
        }
        // the conversation is read by whoever holds it (and staff): the others are told why they see none
        const reads = me.role === 'staff' || (detail.operator && detail.operator.name === me.name && detail.status !== 'waiting');
        const emptyText = t(reads ? 'console.handoffs.noMessages' : 'console.handoffs.messagesForHolder');
        const empty = list.querySelector('.empty');
        if (shown.size === 0 && (!empty || empty.textContent !== emptyText)) {
          if (empty) empty.remove();
          list.append(el('li', { class: 'empty muted' }, emptyText));
        }
        if (FINAL.has(page.status) && page.items.length === 0) return;
      } catch (err) {
        if (signal.aborted || (err && err.status === 401)) return;
        failures += 1;
        message.error(errorText(ctx, err));
        if (err && err.status === 404) return;
        await new Promise((resolve) => setTimeout(resolve, Math.min(15000, 1000 * 2 ** failures)));
      }
    }
  };

  if (openId) {
    conversation.append(head, log, typingLine, controls);
    try {
      await loadDetail();
    } catch (err) {
      conversation.hidden = true;
      message.error(errorText(ctx, err));
      detail = null;
    }
  }

  await refresh(true);
  if (detail) void follow();

  const timer = setInterval(() => {
    polls += 1;
    refresh(polls % CLOSED_EVERY === 0).catch((err) => {
      if (!signal.aborted && err && err.status !== 401) message.error(errorText(ctx, err));
    });
    if (detail && !FINAL.has(detail.status)) loadDetail().catch(() => undefined);
  }, POLL_MS);
  signal.addEventListener('abort', () => {
    clearInterval(timer);
    document.title = baseTitle;
  });
}
