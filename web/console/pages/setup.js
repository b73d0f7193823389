// The first staff account, from the one-time link the bot prints at start when it has none
// (/console/setup#<token>). The shell passes the token (already taken out of the address bar); this page checks the
// link, then asks for a user name, a display name and the password twice, and hands the new session to the shell.
import { busy, clear, el, errorText, field, messageArea } from '../lib/ui.js';

const PASSWORD_MIN = 12;

function gone(root, ctx, reason) {
  clear(root);
  const known = ['setup_link_used', 'setup_link_expired', 'setup_link_unknown', 'staff_account_exists'];
  const key = known.includes(reason) ? reason : 'setup_link_unknown';
  root.append(
    el('section', { class: 'card signin' },
      el('h1', { id: 'page-title' }, ctx.t('console.setup.goneTitle')),
      el('p', { class: 'message message-error', attrs: { role: 'alert' } }, ctx.t(`console.setup.gone.${key}`)),
      el('p', {}, el('a', { href: '/console' }, ctx.t('console.setup.toSignIn')))),
  );
  const heading = root.querySelector('h1');
  heading.setAttribute('tabindex', '-1');
  heading.focus();
}

/** Renders the setup page into `root`; `onSignedIn(me)` once the account exists and its session is open. */
export async function renderSetup(root, ctx, token, onSignedIn) {
  clear(root);
  root.append(el('p', { class: 'loading' }, ctx.t('console.setup.checking')));
  if (!/^[A-Za-z0-9_-]{43}$/.test(token || '')) {
    gone(root, ctx, 'setup_link_unknown');
    return;
  }
  try {
    await ctx.api('POST', '/console/api/setup/check', { token });
  } catch (err) {
    if (err.status === 410) gone(root, ctx, err.message);
    else {
      clear(root);
      root.append(el('p', { class: 'message message-error', attrs: { role: 'alert' } }, errorText(ctx, err)));
    }
    return;
  }

  clear(root);
  const message = messageArea();
  const name = el('input', { type: 'text', name: 'username', autocomplete: 'username', required: true, attrs: { autocapitalize: 'none', spellcheck: 'false', maxlength: '64' } });
  const displayName = el('input', { type: 'text', name: 'display-name', autocomplete: 'name', attrs: { maxlength: '100' } });
  const password = el('input', { type: 'password', name: 'new-password', autocomplete: 'new-password', required: true, attrs: { minlength: String(PASSWORD_MIN) } });
  const confirm = el('input', { type: 'password', name: 'confirm-password', autocomplete: 'new-password', required: true, attrs: { minlength: String(PASSWORD_MIN) } });
  const submit = el('button', { type: 'submit', class: 'primary' }, ctx.t('console.setup.submit'));
  const form = el('form', { class: 'card signin', attrs: { novalidate: true } },
    el('h1', { id: 'page-title' }, ctx.t('console.setup.title')),
    el('p', {}, ctx.t('console.setup.intro')),
    message.node,
    field(ctx.t('console.setup.name'), name, ctx.t('console.setup.nameHint')),
    field(ctx.t('console.setup.displayName'), displayName),
    field(ctx.t('console.setup.password'), password, ctx.t('console.setup.passwordHint', { min: PASSWORD_MIN })),
    field(ctx.t('console.setup.confirm'), confirm),
    el('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.clear();
    if (!name.value.trim()) {
      message.error(ctx.t('console.setup.nameMissing'));
      name.focus();
      return;
    }
    if ([...password.value].length < PASSWORD_MIN) {
      message.error(ctx.t('console.setup.passwordShort', { min: PASSWORD_MIN }));
      password.focus();
      return;
    }
    if (password.value !== confirm.value) {
      message.error(ctx.t('console.setup.mismatch'));
      confirm.value = '';
      confirm.focus();
      return;
    }
    await busy(submit, async () => {
      try {
        const me = await ctx.api('POST', '/console/api/setup', { token, name: name.value.trim(), displayName: displayName.value.trim(), password: password.value });
        password.value = '';
        confirm.value = '';
        onSignedIn(me);
      } catch (err) {
        if (err.status === 410) {
          gone(root, ctx, err.message);
          return;
        }
        message.error(errorText(ctx, err));
        (err.field === 'password' ? password : name).focus();
      }
    });
  });
  root.append(form);
  name.focus();
}
