// The referrals queue. Operators (#/queue): their projects' referrals, newest unclaimed first. Staff: the same
// across projects (#/queue: open ones; #/referrals: all). Filters, claim, CSV of what the caller may see, and new
// referrals appear on their own (polling every 5 s while the page is open).
import { busy, clear, dateTime, el, errorText, facts, field, languageLabel, messageArea, sectorLabel, select, time, LEAD_STATUSES, LOMBARDY_PROVINCES, OPEN_STATUSES } from '../lib/ui.js';

const POLL_MS = 5000;
const PAGE = 50;
/** filters survive going to a referral and back (per page kind) */
const remembered = { queue: null, all: null };

function defaults(all) {
  return { status: all ? '' : 'open', province: '', project: '', from: '', to: '' };
}

function queryOf(filters) {
  const params = new URLSearchParams();
  if (filters.status === 'open') params.set('status', OPEN_STATUSES.join(','));
  else if (filters.status) params.set('status', filters.status);
  if (filters.province) params.set('province', filters.province);
  if (filters.project) params.set('project', filters.project);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  return params;
}

/** Unclaimed (new) first, then the rest; newest first within each. */
function ordered(items) {
  return [...items].sort((a, b) => {
    const an = a.status === 'new' ? 0 : 1;
    const bn = b.status === 'new' ? 0 : 1;
    if (an !== bn) return an - bn;
    return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;
  });
}

export async function render(root, ctx) {
  const { t, me, lang } = ctx;
  const all = Boolean(ctx.params && ctx.params.all);
  const kind = all ? 'all' : 'queue';
  const filters = { ...(remembered[kind] ?? defaults(all)) };
  const projects = (await ctx.api('GET', '/api/projects')).items;
  const projectTitle = new Map(projects.map((p) => [p.id, p.title]));

  const title = all ? t('console.queue.titleAll') : me.role === 'staff' ? t('console.queue.titleStaff') : t('console.queue.title');
  const intro = me.role === 'staff' ? t('console.queue.introStaff') : t('console.queue.intro');

  // ---- filters
  const statusSelect = select(
    [{ value: 'open', label: t('console.queue.openStatuses') }, { value: '', label: t('console.queue.anyStatus') }, ...LEAD_STATUSES.map((s) => ({ value: s, label: t(`console.status.${s}`) }))],
    filters.status,
    { name: 'status' },
  );
  const provinceSelect = select([{ value: '', label: t('console.queue.anyProvince') }, ...LOMBARDY_PROVINCES.map((p) => ({ value: p, label: p }))], filters.province, { name: 'province' });
  const projectOptions = [{ value: '', label: t('console.queue.anyProject') }, ...projects.map((p) => ({ value: p.id, label: p.title }))];
  if (me.role === 'staff') projectOptions.push({ value: 'none', label: t('console.queue.noProject') });
  const projectSelect = select(projectOptions, filters.project, { name: 'project' });
  const fromInput = el('input', { type: 'date', name: 'from', value: filters.from });
  const toInput = el('input', { type: 'date', name: 'to', value: filters.to });
  const apply = el('button', { type: 'submit', class: 'primary' }, t('console.queue.apply'));
  const reset = el('button', { type: 'button', class: 'secondary' }, t('console.queue.reset'));
  const csv = el('a', { class: 'button secondary', download: '', id: 'csv-link' }, t('console.queue.csv'));
  const form = el('form', { class: 'filters card', attrs: { 'aria-labelledby': 'filters-title' } },
    el('h2', { id: 'filters-title' }, t('console.queue.filters')),
    el('div', { class: 'filter-grid' },
      field(t('console.queue.status'), statusSelect),
      field(t('console.queue.province'), provinceSelect),
      field(t('console.queue.project'), projectSelect),
      field(t('console.queue.from'), fromInput),
      field(t('console.queue.to'), toInput)),
    el('div', { class: 'actions' }, apply, reset, csv));

  const message = messageArea();
  const summary = el('p', { class: 'summary', id: 'queue-summary' });
  const list = el('ul', { class: 'cards', id: 'referral-list', attrs: { 'aria-labelledby': 'page-title' } });
  const more = el('button', { type: 'button', class: 'secondary', hidden: true }, t('console.queue.more'));
  root.append(el('h1', { id: 'page-title' }, title), el('p', { class: 'intro' }, intro), form, message.node, summary, list, el('div', { class: 'actions' }, more));

  let items = [];
  let nextCursor;
  let lastUpdate = new Date();

  const updateCsv = () => {
    const params = queryOf(filters);
    // the CSV names the worker's language in the console's language
    params.set('lang', lang === 'en' ? 'en' : 'it');
    csv.href = `/api/referrals/export.csv?${params.toString()}`;
  };

  const card = (r, fresh) => {
    const link = el('a', { href: `#/referral/${encodeURIComponent(r.id)}` }, r.reference);
    const actions = el('div', { class: 'actions' });
    if (r.status === 'new' && !r.claimedBy) {
      const claim = el('button', { type: 'button', class: 'primary', attrs: { 'aria-label': t('console.queue.claimLabel', { reference: r.reference }) } }, t('console.queue.claim'));
      claim.addEventListener('click', () => busy(claim, async () => {
        try {
          await ctx.api('POST', `/api/referrals/${encodeURIComponent(r.id)}/claim`);
          ctx.announce(t('console.queue.claimed', { reference: r.reference }));
          ctx.navigate(`#/referral/${encodeURIComponent(r.id)}`);
        } catch (err) {
          message.error(errorText(ctx, err));
          await refresh(false);
        }
      }));
      actions.append(claim);
    }
    actions.append(el('a', { class: 'button secondary', href: `#/referral/${encodeURIComponent(r.id)}`, attrs: { 'aria-label': t('console.queue.openLabel', { reference: r.reference }) } }, t('console.queue.open')));
    return el('li', { class: `card referral${fresh ? ' is-new' : ''}`, dataset: { id: r.id, status: r.status } },
      el('div', { class: 'card-head' },
        el('h2', { class: 'card-title' }, link),
        el('span', { class: `badge status-${r.status}` }, t(`console.status.${r.status}`)),
        fresh ? el('span', { class: 'badge badge-new' }, t('console.queue.newBadge')) : null),
      facts([
        [t('console.queue.created'), dateTime(r.createdAt, lang)],
        // the worker's language: an operator calls with an interpreter when it is not Italian
        [t('staffLanguages.field'), el('span', { class: 'language', dataset: { language: r.language ? r.language.code : '' } }, languageLabel(r, lang))],
        [t('console.queue.province'), r.province ?? t('console.queue.unknown')],
        [t('console.queue.sector'), sectorLabel(t, r.sector)],
        [t('console.queue.firm'), r.firm ?? ''],
        [t('console.queue.project'), r.projectId ? projectTitle.get(r.projectId) ?? r.projectId : t('console.queue.noProject')],
        [t('console.queue.outcome'), t(`console.outcome.${r.outcome}`) === `console.outcome.${r.outcome}` ? r.outcome : t(`console.outcome.${r.outcome}`)],
        [t('console.queue.claimedBy'), r.claimedBy ?? t('console.queue.unclaimed')],
      ]),
      actions);
  };

  const draw = (freshIds = new Set()) => {
    clear(list);
    const sorted = ordered(items);
    for (const r of sorted) list.append(card(r, freshIds.has(r.id)));
    if (sorted.length === 0) list.append(el('li', { class: 'empty' }, t('console.queue.empty')));
    summary.textContent = t('console.queue.summary', { count: sorted.length, time: time(lastUpdate, lang) });
    more.hidden = !nextCursor;
  };

  const fetchPage = async (cursor) => {
    const params = queryOf(filters);
    params.set('limit', String(PAGE));
    if (cursor) params.set('cursor', cursor);
    return ctx.api('GET', `/api/referrals?${params.toString()}`);
  };

  /** first=true: a fresh list; else merge the first page into what is shown, announcing newcomers. */
  const refresh = async (first) => {
    const page = await fetchPage();
    lastUpdate = new Date();
    if (first) {
      items = page.items;
      nextCursor = page.nextCursor;
      draw();
      return;
    }
    const known = new Map(items.map((r) => [r.id, r]));
    const fresh = new Set();
    for (const r of page.items) {
      if (!known.has(r.id)) fresh.add(r.id);
      known.set(r.id, r);
    }
    items = [...known.values()];
    // keep the page's filter honest: items that no longer match (e.g. claimed by someone else) refresh in place
    draw(fresh);
    if (fresh.size > 0) ctx.announce(t('console.queue.arrived', { count: fresh.size }));
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    Object.assign(filters, { status: statusSelect.value, province: provinceSelect.value, project: projectSelect.value, from: fromInput.value, to: toInput.value });
    remembered[kind] = { ...filters };
    updateCsv();
    message.clear();
    await busy(apply, async () => {
      try {
        await refresh(true);
      } catch (err) {
        message.error(errorText(ctx, err));
      }
    });
  });
  reset.addEventListener('click', () => {
    Object.assign(filters, defaults(all));
    statusSelect.value = filters.status;
    provinceSelect.value = '';
    projectSelect.value = '';
    fromInput.value = '';
    toInput.value = '';
    form.requestSubmit();
  });
  more.addEventListener('click', () => busy(more, async () => {
    try {
      const page = await fetchPage(nextCursor);
      const known = new Set(items.map((r) => r.id));
      items.push(...page.items.filter((r) => !known.has(r.id)));
      nextCursor = page.nextCursor;
      draw();
    } catch (err) {
      message.error(errorText(ctx, err));
    }
  }));

  updateCsv();
  await refresh(true);

  const timer = setInterval(() => {
    if (document.hidden) return;
    refresh(false).catch((err) => {
      if (err && err.status !== 401) message.error(errorText(ctx, err));
    });
  }, POLL_MS);
  ctx.signal.addEventListener('abort', () => clearInterval(timer));
}
