// Staff: accounts of operators and staff: add (with a console password or not), disable/enable, assign an
// operator's projects, a new API token (shown once) or a new console password.
import { busy, dateTime, el, errorText, field, messageArea, select } from '../lib/ui.js';

export async function render(root, ctx) {
  const { t, me, lang } = ctx;
  const message = messageArea();
  const secret = el('div', { id: 'secret', class: 'secret', hidden: true, tabIndex: -1 });
  const list = el('div', { id: 'accounts' });
  root.append(el('h1', { id: 'page-title' }, t('console.accounts.title')), el('p', { class: 'intro' }, t('console.accounts.intro')), message.node, secret);

  let projects = [];
  let accounts = [];

  /** A token is shown once, in a box that can be copied, until the page changes. */
  const showSecret = (text, value) => {
    secret.replaceChildren(el('p', {}, text), el('p', {}, el('code', { class: 'token', id: 'secret-value' }, value)));
    secret.hidden = false;
    secret.focus();
  };

  const projectChecks = (chosen, prefix) => {
    const set = new Set(chosen);
    const boxes = projects.map((p) => el('input', { type: 'checkbox', value: p.id, checked: set.has(p.id), id: `${prefix}-${p.id}` }));
    return {
      node: el('fieldset', { class: 'checks' }, el('legend', {}, t('console.accounts.projects')), boxes.map((b, i) => el('label', { class: 'check', htmlFor: b.id }, b, ` ${projects[i].title}`))),
      values: () => boxes.filter((b) => b.checked).map((b) => b.value),
    };
  };

  // ---- add
  const name = el('input', { type: 'text', name: 'name', required: true, autocomplete: 'off', attrs: { pattern: '[A-Za-z0-9][A-Za-z0-9._\\-]{1,63}', autocapitalize: 'none', spellcheck: 'false' } });
  const role = select([{ value: 'operator', label: t('console.roles.operator') }, { value: 'staff', label: t('console.roles.staff') }], 'operator', { name: 'role' });
  const password = el('input', { type: 'password', name: 'new-password', autocomplete: 'new-password', attrs: { minlength: '12' } });
  const create = el('button', { type: 'submit', class: 'primary' }, t('console.accounts.create'));
  const addProjects = el('div');
  const addForm = el('form', { class: 'card', attrs: { 'aria-labelledby': 'add-title' } },
    el('h2', { id: 'add-title' }, t('console.accounts.add')),
    el('div', { class: 'filter-grid' }, field(t('console.accounts.name'), name, t('console.accounts.nameHint')), field(t('console.accounts.role'), role), field(t('console.accounts.password'), password, t('console.accounts.passwordHint'))),
    addProjects,
    el('div', { class: 'actions' }, create));
  let addChecks;
  const drawAddProjects = () => {
    addChecks = projectChecks([], 'new');
    addProjects.replaceChildren(role.value === 'operator' ? addChecks.node : '');
  };
  role.addEventListener('change', drawAddProjects);
  addForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = { name: name.value.trim(), role: role.value, ...(role.value === 'operator' ? { projectIds: addChecks.values() } : {}), ...(password.value ? { password: password.value } : {}) };
    void busy(create, async () => {
      try {
        const created = await ctx.api('POST', '/api/accounts', body);
        name.value = '';
        password.value = '';
        message.info(t('console.accounts.created', { name: created.account.name }));
        await load();
        showSecret(t('console.accounts.tokenOnce', { name: created.account.name }), created.token);
      } catch (err) {
        message.error(errorText(ctx, err));
      }
    });
  });

  const draw = () => {
    list.replaceChildren();
    const cards = el('ul', { class: 'cards' });
    for (const a of accounts) {
      const state = a.disabled ? t('console.accounts.disabled') : t('console.accounts.active');
      const toggle = el('button', { type: 'button', class: 'secondary', disabled: a.name === me.name, attrs: { 'aria-label': t(a.disabled ? 'console.accounts.enableLabel' : 'console.accounts.disableLabel', { name: a.name }) } }, a.disabled ? t('console.accounts.enable') : t('console.accounts.disable'));
      toggle.addEventListener('click', () => busy(toggle, async () => {
        try {
          await ctx.api('PATCH', `/api/accounts/${encodeURIComponent(a.name)}`, { disabled: !a.disabled });
          message.info(t(a.disabled ? 'console.accounts.enabled' : 'console.accounts.disabledDone', { name: a.name }));
          await load();
        } catch (err) {
          message.error(errorText(ctx, err));
        }
      }));
      const token = el('button', { type: 'button', class: 'secondary', attrs: { 'aria-label': t('console.accounts.resetTokenLabel', { name: a.name }) } }, t('console.accounts.resetToken'));
      token.addEventListener('click', () => busy(token, async () => {
        if (!window.confirm(t('console.accounts.confirmToken', { name: a.name }))) return;
        try {
          const result = await ctx.api('POST', `/api/accounts/${encodeURIComponent(a.name)}/token`);
          showSecret(t('console.accounts.tokenOnce', { name: a.name }), result.token);
        } catch (err) {
          message.error(errorText(ctx, err));
        }
      }));

      const newPassword = el('input', { type: 'password', autocomplete: 'new-password', id: `pw-${a.id}`, attrs: { minlength: '12' } });
      const setPassword = el('button', { type: 'submit', class: 'secondary' }, t('console.accounts.setPassword'));
      const passwordForm = el('form', { class: 'inline-form' }, field(t('console.accounts.newPassword', { name: a.name }), newPassword, t('console.accounts.passwordHint')), el('div', { class: 'actions' }, setPassword));
      passwordForm.addEventListener('submit', (event) => {
        event.preventDefault();
        void busy(setPassword, async () => {
          try {
            await ctx.api('POST', `/api/accounts/${encodeURIComponent(a.name)}/password`, { password: newPassword.value });
            newPassword.value = '';
            message.info(t('console.accounts.passwordSet', { name: a.name }));
            if (a.name === me.name) return;
            await load();
          } catch (err) {
            message.error(errorText(ctx, err));
          }
        });
      });

      const parts = [
        el('div', { class: 'card-head' },
          el('h2', { class: 'card-title' }, a.name),
          el('span', { class: 'badge badge-muted' }, t(`console.roles.${a.role}`)),
          el('span', { class: `badge ${a.disabled ? 'badge-warn' : 'badge-ok'}` }, state)),
        el('p', { class: 'muted' }, [
          t('console.accounts.createdAt', { date: dateTime(a.createdAt, lang) }),
          ' · ',
          a.hasPassword ? t('console.accounts.canSignIn') : t('console.accounts.noPassword'),
          a.teamsLinked ? ` · ${t('console.accounts.teams')}` : '',
        ]),
      ];
      if (a.role === 'operator') {
        const checks = projectChecks(a.projectIds, `p-${a.id}`);
        const saveProjects = el('button', { type: 'submit', class: 'secondary' }, t('console.accounts.saveProjects'));
        const projectForm = el('form', { class: 'inline-form' }, checks.node, el('div', { class: 'actions' }, saveProjects));
        projectForm.addEventListener('submit', (event) => {
          event.preventDefault();
          void busy(saveProjects, async () => {
            try {
              await ctx.api('PATCH', `/api/accounts/${encodeURIComponent(a.name)}`, { projectIds: checks.values() });
              message.info(t('console.accounts.projectsSaved', { name: a.name }));
              await load();
            } catch (err) {
              message.error(errorText(ctx, err));
            }
          });
        });
        parts.push(el('details', {}, el('summary', {}, t('console.accounts.projectsOf', { count: a.projectIds.length })), projectForm));
      }
      parts.push(el('details', {}, el('summary', {}, t('console.accounts.passwordTitle')), passwordForm));
      parts.push(el('div', { class: 'actions' }, toggle, token));
      cards.append(el('li', { class: 'card account', dataset: { name: a.name } }, parts));
    }
    list.append(cards);
  };

  const load = async () => {
    accounts = (await ctx.api('GET', '/api/accounts')).items;
    draw();
  };

  projects = (await ctx.api('GET', '/api/projects')).items;
  drawAddProjects();
  root.append(addForm, el('h2', {}, t('console.accounts.list')), list);
  await load();
}
