// Staff: where new network projects could be formed: open referrals no project has taken, per sector and
// province, and the best combination of up to maxFirms firms (fact sheet: at least 10 workers, at most 3 firms).
import { busy, el, errorText, field, messageArea, sectorLabel, table } from '../lib/ui.js';

export async function render(root, ctx) {
  const { t } = ctx;
  const message = messageArea();
  const minWorkers = el('input', { type: 'number', name: 'minWorkers', value: '10', min: '1', max: '1000', required: true });
  const maxFirms = el('input', { type: 'number', name: 'maxFirms', value: '3', min: '1', max: '20', required: true });
  const apply = el('button', { type: 'submit', class: 'primary' }, t('console.groups.apply'));
  const form = el('form', { class: 'filters card' }, el('div', { class: 'filter-grid' }, field(t('console.groups.minWorkers'), minWorkers), field(t('console.groups.maxFirms'), maxFirms)), el('div', { class: 'actions' }, apply));
  const summary = el('p', { class: 'summary' });
  const results = el('div', { id: 'groups' });
  root.append(el('h1', { id: 'page-title' }, t('console.groups.title')), el('p', { class: 'intro' }, t('console.groups.intro')), form, message.node, summary, results);

  const firmsText = (firms) => firms.map((f) => `${f.firm} (${f.workers})`).join(', ');

  const load = async () => {
    const params = new URLSearchParams({ minWorkers: minWorkers.value, maxFirms: maxFirms.value });
    const data = await ctx.api('GET', `/api/groups?${params.toString()}`);
    summary.textContent = t('console.groups.considered', { count: data.leads });
    results.replaceChildren();
    if (data.items.length === 0) {
      results.append(el('p', { class: 'muted' }, t('console.groups.empty')));
      return;
    }
    results.append(table(t('console.groups.title'), [t('console.groups.sector'), t('console.groups.province'), t('console.groups.firms'), t('console.groups.workers'), t('console.groups.canForm'), t('console.groups.otherFirms'), t('console.groups.withoutFirm')],
      data.items.map((g) => [
        sectorLabel(t, g.sector),
        g.province,
        firmsText(g.firms),
        String(g.workers),
        el('span', { class: `badge ${g.canForm ? 'badge-ok' : 'badge-muted'}` }, g.canForm ? t('console.groups.yes') : t('console.groups.notYet')),
        firmsText(g.otherFirms),
        String(g.withoutFirm),
      ])));
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
  await load();
}
