// Small DOM helpers for the console's pages. Everything user-supplied goes in as text (text nodes, textContent,
// attribute values): no page ever builds HTML from data, so a "<script>" in a note is shown as those characters.

let counter = 0;

/** A unique element id with a readable prefix. */
export function uid(prefix = 'c') {
  counter += 1;
  return `${prefix}-${counter}`;
}

const PROPS = new Set(['id', 'type', 'value', 'href', 'htmlFor', 'name', 'disabled', 'checked', 'hidden', 'required', 'selected', 'min', 'max', 'maxLength', 'rows', 'placeholder', 'autocomplete', 'download', 'multiple', 'accept', 'tabIndex', 'title', 'lang', 'open']);

/**
 * el('button', { class: 'primary', type: 'button', on: { click } , attrs: { 'aria-label': '...' } }, 'text', child)
 * Strings become text nodes; null/undefined/false are skipped; arrays are flattened.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'on') for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    else if (key === 'attrs') for (const [name, v] of Object.entries(value)) { if (v !== undefined && v !== null && v !== false) node.setAttribute(name, String(v)); }
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (PROPS.has(key)) node[key] = value;
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** A labelled control: <div class="field"><label for=id>label</label>control<p class="hint">hint</p></div>. */
export function field(label, control, hint) {
  if (!control.id) control.id = uid('f');
  const children = [el('label', { htmlFor: control.id }, label), control];
  if (hint) {
    const hintId = uid('h');
    control.setAttribute('aria-describedby', hintId);
    children.push(el('p', { class: 'hint', id: hintId }, hint));
  }
  return el('div', { class: 'field' }, children);
}

/** <select> from [{ value, label }], with `value` selected. */
export function select(options, value, props = {}) {
  const node = el('select', props);
  for (const option of options) node.append(el('option', { value: option.value, selected: option.value === value }, option.label));
  return node;
}

/** A definition list of [term, value] rows (values as text or nodes); rows with an empty value are left out. */
export function facts(rows) {
  const dl = el('dl', { class: 'facts' });
  for (const [term, value] of rows) {
    if (value === undefined || value === null || value === '') continue;
    dl.append(el('div', { class: 'fact' }, el('dt', {}, term), el('dd', {}, value)));
  }
  return dl;
}

const LOCALES = { it: 'it-IT', en: 'en-GB' };

/** "03/03/25, 10:00" in Italian time, in the console's language. */
export function dateTime(iso, lang) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(LOCALES[lang] ?? 'it-IT', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Rome' }).format(date);
}

export function time(date, lang) {
  return new Intl.DateTimeFormat(LOCALES[lang] ?? 'it-IT', { timeStyle: 'short', timeZone: 'Europe/Rome' }).format(date);
}

/** The text of a failed API call in the console's language: a known reason, else the generic message with it. */
export function errorText(ctx, err) {
  const reason = err && typeof err.message === 'string' ? err.message : 'internal_error';
  const base = reason.split(':')[0];
  const key = `console.errors.${base}`;
  const known = ctx.t(key, { detail: reason.slice(base.length + 1), field: err && err.field ? err.field : '' });
  if (known !== key) return err && err.field && base !== 'invalid_rows' ? `${known} (${err.field})` : known;
  return ctx.t('console.errors.generic', { reason: err && err.field ? `${reason}: ${err.field}` : reason });
}

/** A message area (role=status for news, role=alert for errors) that pages fill with text. */
export function messageArea() {
  const node = el('div', { class: 'message', attrs: { role: 'status', 'aria-live': 'polite' } });
  return {
    node,
    info(text) {
      node.className = 'message message-info';
      node.setAttribute('role', 'status');
      node.textContent = text;
    },
    error(text) {
      node.className = 'message message-error';
      node.setAttribute('role', 'alert');
      node.textContent = text;
    },
    clear() {
      node.className = 'message';
      node.textContent = '';
    },
  };
}

/** Runs `action` with the button disabled meanwhile (no double submits). */
export async function busy(button, action) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** A table with a caption and header row, inside a wrapper that scrolls sideways on narrow screens. */
export function table(caption, headers, rows) {
  const thead = el('thead', {}, el('tr', {}, headers.map((h) => el('th', { attrs: { scope: 'col' } }, h))));
  const tbody = el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c, i) => el('td', { dataset: { label: headers[i] } }, c)))));
  const wrapper = el('div', { class: 'table-wrap', tabIndex: 0, attrs: { role: 'region', 'aria-label': caption } }, el('table', {}, el('caption', { class: 'visually-hidden' }, caption), thead, tbody));
  return wrapper;
}

export const LOMBARDY_PROVINCES = ['BG', 'BS', 'CO', 'CR', 'LC', 'LO', 'MN', 'MI', 'MB', 'PV', 'SO', 'VA'];
/** A sector's name in the console's language (the code when there is no label). */
export function sectorLabel(t, code) {
  if (!code) return '';
  const text = t(`sectors.${code}`);
  return text === `sectors.${code}` ? code : text;
}

/** The worker's language as the API names it for staff ("Arabo (ar)"), in the console's language. */
export function languageLabel(referral, lang) {
  const language = referral.language;
  if (!language) return referral.locale ?? '';
  return language.label[lang] ?? language.label.it;
}

/** A language code (or `unknown`) named for staff: "Arabo (ar)", "Non registrata". */
export function languageName(t, code) {
  const key = `staffLanguages.name.${code}`;
  const name = t(key);
  if (name === key) return code;
  return code === 'unknown' ? name : t('staffLanguages.label', { name, code });
}

export const SECTORS = ['metalmeccanico', 'tessile', 'chimico', 'alimentare', 'commercio', 'logistica', 'edilizia', 'legno-arredo', 'carta-grafica', 'ict', 'servizi', 'turismo'];
export const OPEN_STATUSES = ['new', 'claimed', 'contacted', 'enrolled'];
export const LEAD_STATUSES = ['new', 'claimed', 'contacted', 'enrolled', 'placed', 'closed', 'erased'];
export const CLOSE_REASONS = ['not_eligible', 'unreachable', 'withdrawn'];
/** the lifecycle's next steps the console offers (claiming has its own button) */
export const NEXT_STATUSES = { new: ['closed'], claimed: ['contacted', 'closed'], contacted: ['enrolled', 'closed'], enrolled: ['placed', 'closed'], placed: [], closed: [], erased: [] };

/**
 * Text typed by a worker, for display: the bidirectional controls in it (embeddings, overrides and isolates,
 * U+202A-202E and U+2066-2069, and the marks U+200E, U+200F, U+061C) would reorder what follows them (a phone number
 * or a name shown reversed), so each is shown as a visible mark naming it, and the rest in the order it was typed.
 * What is stored is not changed. Returns nodes for el()'s children; put them in an element with dir="auto" and
 * `unicode-bidi: isolate` (.worker-text) so the text cannot reorder what is around it either.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
export function typedOrder(text) {
  const nodes = [];
  let last = 0;
  for (const match of String(text).matchAll(BIDI_CONTROLS)) {
    if (match.index > last) nodes.push(text.slice(last, match.index));
    const code = `U+${match[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    nodes.push(el('span', { class: 'bidi-control', title: code }, `[${code}]`));
    last = match.index + match[0].length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}
