// Staff: network projects: list, add, edit, deactivate/activate, and import a JSON file (the same format as
// `npm run projects -- import`; every row is checked first and nothing is written when one is wrong).
import { busy, dateTime, el, errorText, facts, field, messageArea, sectorLabel, LOMBARDY_PROVINCES, SECTORS } from '../lib/ui.js';

function checkboxGroup(legend, name, values, chosen, labelOf = (v) => v) {
  const set = new Set(chosen);
  const boxes = values.map((v) => el('input', { type: 'checkbox', name, value: v, checked: set.has(v), id: `${name}-${v}` }));
  const fieldset = el('fieldset', { class: 'checks' }, el('legend', {}, legend), boxes.map((box) => el('label', { class: 'check', htmlFor: box.id }, box, ` ${labelOf(box.value)}`)));
  return { node: fieldset, values: () => boxes.filter((b) => b.checked).map((b) => b.value) };
}

export async function render(root, ctx) {
  const { t, lang } = ctx;
  const message = messageArea();
  const list = el('div', { id: 'projects' });
  const editor = el('div', { id: 'project-editor' });
  const addButton = el('button', { type: 'button', class: 'primary', id: 'add-project' }, t('console.projects.add'));
  const importSlot = el('div');
  root.append(el('h1', { id: 'page-title' }, t('console.projects.title')), el('p', { class: 'intro' }, t('console.projects.intro')), message.node, el('div', { class: 'actions' }, addButton), editor, importSlot, list);

  let projects = [];

  const openEditor = (project) => {
    editor.replaceChildren();
    const editing = Boolean(project);
    const p = project ?? { id: '', title: '', leadPartner: '', provinces: [], sectors: [], firms: [], contact: {}, active: true };
    const id = el('input', { type: 'text', name: 'id', value: p.id, required: true, disabled: editing, attrs: { pattern: '[a-z0-9][a-z0-9\\-]{2,63}', autocapitalize: 'none' } });
    const title = el('input', { type: 'text', name: 'title', value: p.title, required: true, maxLength: 200 });
    const leadPartner = el('input', { type: 'text', name: 'leadPartner', value: p.leadPartner, required: true, maxLength: 200 });
    const provinces = checkboxGroup(t('console.projects.provinces'), 'provinces', LOMBARDY_PROVINCES, p.provinces);
    const sectors = checkboxGroup(t('console.projects.sectors'), 'sectors', SECTORS, p.sectors, (code) => sectorLabel(t, code));
    const firms = el('textarea', { name: 'firms', rows: 3, value: p.firms.join('\n') });
    const email = el('input', { type: 'email', name: 'email', value: p.contact.email ?? '', autocomplete: 'off' });
    const phone = el('input', { type: 'tel', name: 'phone', value: p.contact.phone ?? '', autocomplete: 'off' });
    const website = el('input', { type: 'url', name: 'website', value: p.contact.website ?? '', autocomplete: 'off', placeholder: 'https://' });
    const active = el('input', { type: 'checkbox', name: 'active', checked: p.active, id: 'project-active' });
    const save = el('button', { type: 'submit', class: 'primary' }, t('console.projects.save'));
    const cancel = el('button', { type: 'button', class: 'secondary' }, t('console.projects.cancel'));
    const form = el('form', { class: 'card project-form', attrs: { 'aria-labelledby': 'editor-title' } },
      el('h2', { id: 'editor-title' }, editing ? t('console.projects.editTitle', { id: p.id }) : t('console.projects.add')),
      field(t('console.projects.id'), id, t('console.projects.idHint')),
      field(t('console.projects.titleField'), title),
      field(t('console.projects.leadPartner'), leadPartner),
      provinces.node,
      sectors.node,
      field(t('console.projects.firms'), firms, t('console.projects.firmsHint')),
      el('div', { class: 'filter-grid' }, field(t('console.projects.email'), email), field(t('console.projects.phone'), phone), field(t('console.projects.website'), website)),
      el('label', { class: 'check', htmlFor: active.id }, active, ` ${t('console.projects.active')}`),
      el('div', { class: 'actions' }, save, cancel));
    cancel.addEventListener('click', () => {
      editor.replaceChildren();
      addButton.focus();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const contact = {};
      if (email.value.trim()) contact.email = email.value.trim();
      if (phone.value.trim()) contact.phone = phone.value.trim();
      if (website.value.trim()) contact.website = website.value.trim();
      const row = {
        title: title.value,
        leadPartner: leadPartner.value,
        provinces: provinces.values(),
        sectors: sectors.values(),
        firms: firms.value.split('\n').map((f) => f.trim()).filter(Boolean),
        contact,
        active: active.checked,
      };
      void busy(save, async () => {
        try {
          if (editing) await ctx.api('PATCH', `/api/projects/${encodeURIComponent(p.id)}`, row);
          else await ctx.api('POST', '/api/projects', { id: id.value.trim(), ...row });
          editor.replaceChildren();
          message.info(t('console.projects.saved'));
          await load();
        } catch (err) {
          message.error(errorText(ctx, err));
        }
      });
    });
    editor.append(form);
    (editing ? title : id).focus();
  };

  const draw = () => {
    list.replaceChildren();
    const cards = el('ul', { class: 'cards' });
    for (const p of projects) {
      const edit = el('button', { type: 'button', class: 'secondary', attrs: { 'aria-label': t('console.projects.editLabel', { title: p.title }) } }, t('console.projects.edit'));
      edit.addEventListener('click', () => openEditor(p));
      const toggle = el('button', { type: 'button', class: 'secondary', attrs: { 'aria-label': t(p.active ? 'console.projects.deactivateLabel' : 'console.projects.activateLabel', { title: p.title }) } }, p.active ? t('console.projects.deactivate') : t('console.projects.activate'));
      toggle.addEventListener('click', () => busy(toggle, async () => {
        try {
          await ctx.api('PATCH', `/api/projects/${encodeURIComponent(p.id)}`, { active: !p.active });
          message.info(t(p.active ? 'console.projects.deactivated' : 'console.projects.activated', { title: p.title }));
          await load();
        } catch (err) {
          message.error(errorText(ctx, err));
        }
      }));
      cards.append(el('li', { class: 'card' },
        el('div', { class: 'card-head' }, el('h2', { class: 'card-title' }, p.title), el('span', { class: `badge ${p.active ? 'badge-ok' : 'badge-muted'}` }, p.active ? t('console.projects.activeBadge') : t('console.projects.inactive')), p.sample ? el('span', { class: 'badge badge-muted' }, t('console.projects.sample')) : null),
        facts([
          [t('console.projects.id'), p.id],
          [t('console.projects.leadPartner'), p.leadPartner],
          [t('console.projects.provinces'), p.provinces.join(', ')],
          [t('console.projects.sectors'), p.sectors.map((s) => sectorLabel(t, s)).join(', ')],
          [t('console.projects.firmsShort'), p.firms.join(', ')],
          [t('console.projects.contact'), [p.contact.email, p.contact.phone, p.contact.website].filter(Boolean).join(' · ')],
          [t('console.referral.updated'), dateTime(p.updatedAt, lang)],
        ]),
        el('div', { class: 'actions' }, edit, toggle)));
    }
    if (projects.length === 0) cards.append(el('li', { class: 'empty' }, t('console.projects.empty')));
    list.append(cards);
  };

  const load = async () => {
    projects = (await ctx.api('GET', '/api/projects')).items;
    draw();
  };

  // ---- import
  const file = el('input', { type: 'file', name: 'file', accept: '.json,application/json' });
  const importButton = el('button', { type: 'submit', class: 'secondary' }, t('console.projects.import'));
  const problems = el('ul', { class: 'problems', id: 'import-problems' });
  const importForm = el('form', { class: 'import-form' },
    field(t('console.projects.importFile'), file, t('console.projects.importHint')),
    el('div', { class: 'actions' }, importButton),
    problems);
  importForm.addEventListener('submit', (event) => {
    event.preventDefault();
    problems.replaceChildren();
    const chosen = file.files && file.files[0];
    if (!chosen) {
      message.error(t('console.projects.importNoFile'));
      file.focus();
      return;
    }
    void busy(importButton, async () => {
      let rows;
      try {
        rows = JSON.parse((await chosen.text()).replace(/^\uFEFF/, ''));
      } catch {
        message.error(t('console.projects.importInvalidJson'));
        return;
      }
      try {
        const result = await ctx.api('POST', '/api/projects/import', { projects: rows });
        message.info(t('console.projects.importDone', { count: result.imported }));
        await load();
      } catch (err) {
        const rowsWithProblems = err.body && Array.isArray(err.body.rows) ? err.body.rows : [];
        if (rowsWithProblems.length > 0) {
          message.error(t('console.projects.importErrors', { count: rowsWithProblems.length }));
          for (const e of rowsWithProblems) problems.append(el('li', {}, `${e.row < 0 ? t('console.projects.file') : t('console.projects.row', { row: e.row + 1 })}${e.id ? ` (${e.id})` : ''}: ${e.field} – ${e.reason}`));
        } else {
          message.error(errorText(ctx, err));
        }
      }
    });
  });
  importSlot.append(el('details', { class: 'card', id: 'import' }, el('summary', {}, t('console.projects.importTitle')), importForm));

  addButton.addEventListener('click', () => openEditor(null));
  await load();
}
