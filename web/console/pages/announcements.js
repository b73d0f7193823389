// Announcements to the workers subscribed to the campaign's news (staff): compose per locale, choose the audience
// by provinces and topics with a live size preview, send now or at a time, cancel before the send starts or stop it
// while it runs, and follow the progress and the delivery report (polled). Every value from the server or typed by staff goes into
// the page as text (el() builds text nodes; no innerHTML anywhere).
import { busy, clear, dateTime, el, errorText, field, messageArea, table } from '../lib/ui.js';

const POLL_MS = 2000;
const LIVE = new Set(['scheduled', 'sending']);

/** The page's strings: the `campaign.console` tree served with the options (falls back to the shell's t()). */
function translator(ctx, labels) {
  return (key, vars = {}) => {
    let node = labels;
    for (const part of key.split('.')) node = node && typeof node === 'object' ? node[part] : undefined;
    if (typeof node !== 'string') return ctx.t(`campaign.console.${key}`, vars);
    return node.replace(/\{\{(\w+)\}\}/g, (_m, name) => (vars[name] === undefined ? '' : String(vars[name])));
  };
}

function checkboxGroup(legend, hint, options, name) {
  const boxes = options.map((o) => el('input', { type: 'checkbox', name, value: o.value }));
  const fieldset = el('fieldset', { class: 'checkbox-group' },
    el('legend', {}, legend),
    hint ? el('p', { class: 'hint' }, hint) : null,
    options.map((o, i) => el('label', { class: 'checkbox' }, boxes[i], ` ${o.label}`)));
  return { fieldset, values: () => boxes.filter((b) => b.checked).map((b) => b.value), boxes };
}

function localInputToIso(value) {
  // <input type="datetime-local"> is the browser's local time, without zone: Date reads it as local.
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export async function render(root, ctx) {
  const message = messageArea();
  let options;
  try {
    options = await ctx.api('GET', `/api/announcements/options?lang=${encodeURIComponent(ctx.lang)}`);
  } catch (err) {
    root.append(message.node);
    message.error(errorText(ctx, err));
    return;
  }
  const tr = translator(ctx, options.labels || {});
  const statusLabel = (s) => tr(`statuses.${s}`) || s;
  const body = el('div', { class: 'announcements' });
  root.append(el('h1', { tabIndex: -1 }, tr('title')), el('p', { class: 'lead' }, tr('intro')), message.node, body);
  let poll;
  ctx.signal.addEventListener('abort', () => clearTimeout(poll));

  async function showList() {
    clearTimeout(poll);
    clear(body);
    const newButton = el('button', { type: 'button', class: 'primary', on: { click: () => showCompose() } }, tr('new'));
    body.append(el('p', {}, newButton));
    let items = [];
    try {
      items = (await ctx.api('GET', '/api/announcements?limit=50')).items;
    } catch (err) {
      message.error(errorText(ctx, err));
      return;
    }
    if (ctx.signal.aborted) return;
    if (items.length === 0) {
      body.append(el('p', {}, tr('none')));
      return;
    }
    body.append(table(tr('list'), [tr('fieldTitle'), tr('status'), tr('created'), tr('scheduledAt'), tr('recipients'), ''], items.map((a) => [
      a.title,
      statusLabel(a.status),
      dateTime(a.createdAt, ctx.lang),
      a.scheduledAt ? dateTime(a.scheduledAt, ctx.lang) : '',
      a.recipients === undefined ? '' : String(a.recipients),
      el('button', { type: 'button', class: 'secondary', on: { click: () => showDetail(a.id) } }, tr('open')),
    ])));
  }

  function showCompose() {
    clearTimeout(poll);
    clear(body);
    message.clear();
    const title = el('input', { type: 'text', name: 'title', maxLength: 120, required: true });
    const textIt = el('textarea', { name: 'textIt', rows: 6, maxLength: 2000, required: true });
    const titleEn = el('input', { type: 'text', name: 'titleEn', maxLength: 120 });
    const textEn = el('textarea', { name: 'textEn', rows: 6, maxLength: 2000 });
    const provinces = checkboxGroup(tr('provinces'), tr('provincesHint'), options.provinces.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` })), 'provinces');
    const topics = checkboxGroup(tr('topics'), tr('topicsHint'), options.topics.map((t) => ({ value: t.id, label: t.label })), 'topics');
    const audience = el('p', { class: 'audience', attrs: { 'aria-live': 'polite' } });
    let timer;
    let asked = 0; // only the answer to the latest question is shown (answers can arrive out of order)
    const preview = () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const question = ++asked;
        const query = new URLSearchParams();
        if (provinces.values().length) query.set('provinces', provinces.values().join(','));
        if (topics.values().length) query.set('topics', topics.values().join(','));
        try {
          const size = await ctx.api('GET', `/api/announcements/audience?${query}`);
          if (question === asked) audience.textContent = tr('audience', { count: size.subscribers, it: size.byLanguage.it ?? 0, en: size.byLanguage.en ?? 0 });
        } catch (err) {
          if (question === asked) audience.textContent = errorText(ctx, err);
        }
      }, 250);
    };
    [...provinces.boxes, ...topics.boxes].forEach((b) => b.addEventListener('change', preview));
    preview();
    const save = el('button', { type: 'submit', class: 'primary' }, tr('save'));
    const form = el('form', { attrs: { novalidate: true } },
      field(tr('fieldTitle'), title),
      field(tr('fieldTextIt'), textIt),
      field(tr('fieldTitleEn'), titleEn),
      field(tr('fieldTextEn'), textEn),
      provinces.fieldset,
      topics.fieldset,
      audience,
      el('p', { class: 'actions' }, save, ' ', el('button', { type: 'button', class: 'secondary', on: { click: () => showList() } }, tr('back'))));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void busy(save, async () => {
        [title, textIt, titleEn, textEn].forEach((c) => c.removeAttribute('aria-invalid'));
        const payload = { title: titleEn.value.trim() ? { it: title.value, en: titleEn.value } : title.value, text: { it: textIt.value, ...(textEn.value.trim() ? { en: textEn.value } : {}) }, provinces: provinces.values(), topics: topics.values() };
        try {
          const created = await ctx.api('POST', '/api/announcements', payload);
          ctx.announce(tr('saved'));
          await showDetail(created.id, tr('saved'));
        } catch (err) {
          // name the field by its label on this form (not the API's path, e.g. "text.it"), mark it and focus it
          const fields = { title: [title, tr('fieldTitle')], 'title.it': [title, tr('fieldTitle')], 'title.en': [titleEn, tr('fieldTitleEn')], 'text.it': [textIt, tr('fieldTextIt')], 'text.en': [textEn, tr('fieldTextEn')], topics: [null, tr('topics')] };
          const [control, label] = fields[err.field] || [];
          message.error(label ? `${label}: ${errorText(ctx, { message: err.message })}` : errorText(ctx, err));
          if (control) {
            control.setAttribute('aria-invalid', 'true');
            control.focus();
          }
        }
      });
    });
    body.append(form);
    title.focus();
  }

  async function showDetail(id, notice) {
    clearTimeout(poll);
    clear(body);
    if (notice) message.info(notice);
    else message.clear();
    const header = el('div', { class: 'announcement-header' });
    const report = el('div', { class: 'announcement-report', attrs: { 'aria-live': 'polite' } });
    const actions = el('div', { class: 'actions' });
    body.append(el('p', {}, el('button', { type: 'button', class: 'secondary', on: { click: () => showList() } }, tr('back'))), header, actions, report);

    let live = false; // polling: a failed check is shown and tried again, not the end of the updates
    const refresh = async () => {
      let a;
      let size;
      try {
        a = await ctx.api('GET', `/api/announcements/${encodeURIComponent(id)}`);
        size = a.status === 'draft' || a.status === 'scheduled' ? await ctx.api('GET', `/api/announcements/${encodeURIComponent(id)}/audience`) : null;
      } catch (err) {
        message.error(errorText(ctx, err));
        if (live && !ctx.signal.aborted) poll = setTimeout(() => void refresh(), POLL_MS);
        return;
      }
      if (ctx.signal.aborted) return;
      clear(header);
      // Element.append would write an array or a null as text ("[object HTMLHeadingElement],…", "null")
      header.append(...[
        el('h2', {}, a.title),
        el('p', {}, `${tr('status')}: ${statusLabel(a.status)}${a.scheduledAt ? ` — ${tr('scheduledAt')} ${dateTime(a.scheduledAt, ctx.lang)}` : ''}${a.finishedAt ? ` — ${tr('finishedAt')} ${dateTime(a.finishedAt, ctx.lang)}` : ''}`),
        el('h3', {}, 'IT'), el('p', { class: 'announcement-text' }, a.text.it),
        a.text.en ? [el('h3', {}, 'EN'), a.titleEn ? el('p', { class: 'announcement-title-en' }, el('strong', {}, a.titleEn)) : null, el('p', { class: 'announcement-text' }, a.text.en)] : null,
        el('p', {}, `${tr('provinces')}: ${a.provinces.length ? a.provinces.join(', ') : '—'} · ${tr('topics')}: ${a.topics.map((t) => (options.topics.find((o) => o.id === t) || { label: t }).label).join(', ')}`),
        size ? el('p', { class: 'audience' }, tr('audience', { count: size.subscribers, it: size.byLanguage.it ?? 0, en: size.byLanguage.en ?? 0 })) : null,
        el('p', { class: 'hint' }, tr('rate', { rate: options.ratePerSecond })),
      ].flat().filter(Boolean));
      clear(actions);
      if (a.status === 'draft') {
        const now = el('button', { type: 'button', class: 'primary' }, tr('sendNow'));
        now.addEventListener('click', () => {
          if (!window.confirm(tr('confirmSend', { count: size ? size.subscribers : '?' }))) return;
          void busy(now, async () => {
            try {
              await ctx.api('POST', `/api/announcements/${encodeURIComponent(id)}/send`, {});
              message.clear(); // "draft saved" is no longer news
              await refresh();
            } catch (err) {
              message.error(errorText(ctx, err));
            }
          });
        });
        const at = el('input', { type: 'datetime-local', name: 'at' });
        const schedule = el('button', { type: 'button', class: 'secondary' }, tr('schedule'));
        schedule.addEventListener('click', () => void busy(schedule, async () => {
          const iso = localInputToIso(at.value);
          if (!iso) {
            at.focus();
            return;
          }
          try {
            const result = await ctx.api('POST', `/api/announcements/${encodeURIComponent(id)}/send`, { at: iso });
            message.info(tr('scheduled', { at: dateTime(result.scheduledAt, ctx.lang) }));
            await refresh();
          } catch (err) {
            message.error(errorText(ctx, err));
          }
        }));
        actions.append(now, ' ', field(tr('sendAt'), at), schedule);
      }
      if (a.status === 'draft' || a.status === 'scheduled') {
        const cancel = el('button', { type: 'button', class: 'danger' }, tr('cancel'));
        cancel.addEventListener('click', () => void busy(cancel, async () => {
          try {
            await ctx.api('POST', `/api/announcements/${encodeURIComponent(id)}/cancel`, {});
            message.info(tr('cancelled'));
            await refresh();
          } catch (err) {
            message.error(errorText(ctx, err));
          }
        }));
        actions.append(' ', cancel);
      }
      if (a.status === 'sending') {
        const stop = el('button', { type: 'button', class: 'danger' }, tr('stop'));
        stop.addEventListener('click', () => {
          if (!window.confirm(tr('confirmStop'))) return;
          void busy(stop, async () => {
            try {
              await ctx.api('POST', `/api/announcements/${encodeURIComponent(id)}/cancel`, {});
              message.info(tr('stopped'));
              await refresh();
            } catch (err) {
              message.error(errorText(ctx, err));
            }
          });
        });
        actions.append(stop);
      }
      clear(report);
      // a stopped send (cancelled after it started) still has its report
      if (a.status === 'sending' || a.status === 'sent' || (a.status === 'cancelled' && a.startedAt)) {
        const done = a.sent + a.failed + a.skipped;
        report.append(
          el('h3', {}, tr('progress')),
          el('progress', { max: Math.max(1, a.recipients), value: done, attrs: { 'aria-label': tr('progress') } }),
          el('p', {}, `${done} / ${a.recipients}`),
          table(tr('progress'), [tr('recipients'), tr('sent'), tr('failed'), tr('skipped'), tr('pending')], [[String(a.recipients), String(a.sent), String(a.failed), String(a.skipped), String(a.pending)]]));
        if (a.sent > 0 && a.languages) {
          // the newer languages (ro, ar, sq, es, uk, fr) by their codes, after Italian and English
          const others = Object.entries(a.languages).filter(([l, n]) => l !== 'it' && l !== 'en' && n > 0).map(([l, n]) => `${l} ${n}`);
          report.append(el('p', {}, [tr('languages', { it: a.languages.it ?? 0, en: a.languages.en ?? 0 }), ...others].join(', ')));
        }
        const reasons = Object.entries(a.failures || {});
        if (reasons.length) {
          report.append(el('h3', {}, tr('failures')), table(tr('failures'), [tr('failures'), ''], reasons.map(([code, n]) => {
            const label = tr(`reasons.${code}`);
            return [label && label !== `campaign.console.reasons.${code}` ? label : code, String(n)];
          })));
        }
      }
      live = LIVE.has(a.status) || (a.status === 'cancelled' && a.startedAt && !a.finishedAt); // a stopped send drains
      if (live && !ctx.signal.aborted) poll = setTimeout(() => void refresh(), POLL_MS);
    };
    await refresh();
  }

  await showList();
}
