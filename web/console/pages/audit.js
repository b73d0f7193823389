// Staff: the audit log, newest first: who did what to which referral, project or account (codes and ids only).
import { busy, dateTime, el, errorText, field, messageArea, table } from '../lib/ui.js';

export async function render(root, ctx) {
  const { t, lang } = ctx;
  const message = messageArea();
  const actor = el('input', { type: 'text', name: 'actor', autocomplete: 'off' });
  const action = el('input', { type: 'text', name: 'action', autocomplete: 'off', placeholder: 'lead.claimed' });
  const from = el('input', { type: 'date', name: 'from' });
  const to = el('input', { type: 'date', name: 'to' });
  const apply = el('button', { type: 'submit', class: 'primary' }, t('console.audit.apply'));
  const form = el('form', { class: 'filters card' },
    el('div', { class: 'filter-grid' }, field(t('console.audit.actor'), actor), field(t('console.audit.action'), action), field(t('console.queue.from'), from), field(t('console.queue.to'), to)),
    el('div', { class: 'actions' }, apply));
  const results = el('div', { id: 'audit' });
  const more = el('button', { type: 'button', class: 'secondary', hidden: true }, t('console.queue.more'));
  root.append(el('h1', { id: 'page-title' }, t('console.audit.title')), el('p', { class: 'intro' }, t('console.audit.intro')), form, message.node, results, el('div', { class: 'actions' }, more));

  let entries = [];
  let cursor;
  const detailsText = (d) => Object.entries(d).map(([k, v]) => `${k}=${v}`).join(' · ');
  const draw = () => {
    results.replaceChildren();
    if (entries.length === 0) {
      results.append(el('p', { class: 'muted' }, t('console.audit.empty')));
    } else {
      results.append(table(t('console.audit.title'), [t('console.audit.at'), t('console.audit.actor'), t('console.audit.action'), t('console.audit.target'), t('console.audit.details')],
        entries.map((e) => [dateTime(e.at, lang), e.actor, e.action, e.target, detailsText(e.details)])));
    }
    more.hidden = !cursor;
  };
  const fetchPage = (after) => {
    const params = new URLSearchParams({ limit: '50' });
    if (actor.value.trim()) params.set('actor', actor.value.trim());
    if (action.value.trim()) params.set('action', action.value.trim());
    if (from.value) params.set('from', from.value);
    if (to.value) params.set('to', to.value);
    if (after) params.set('cursor', after);
    return ctx.api('GET', `/api/audit?${params.toString()}`);
  };
  const load = async () => {
    const page = await fetchPage();
    entries = page.items;
    cursor = page.nextCursor;
    draw();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    void busy(apply, async () => {
      try {
        await load();
      } catch (err) {
        message.error(errorText(ctx, err));
      }
    });
  });
  more.addEventListener('click', () => busy(more, async () => {
    try {
      const page = await fetchPage(cursor);
      entries.push(...page.items);
      cursor = page.nextCursor;
      draw();
    } catch (err) {
      message.error(errorText(ctx, err));
    }
  }));
  await load();
}
