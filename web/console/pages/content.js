// Content publishing (staff): entries per locale and kind with their flags, an edit form per entry (labelled
// fields, validation errors next to the field they name), a chat preview with the drafts applied, publish, and the
// history with rollback; per language, the review of translations against Italian (missing, out of date, to be
// reviewed, reviewed) with an approve button, for the published entries and for the translations kept in files (UI
// string groups, privacy notices: read-only here, compared with the Italian key by key, approved by their digest).
// Everything shown from data goes in as text (textContent / text nodes), never as HTML.
import { busy, clear, dateTime, el, errorText, field, messageArea, select, table, uid, LOMBARDY_PROVINCES } from '../lib/ui.js';

const KINDS = ['section', 'faq', 'news', 'event', 'announcement', 'holiday'];
const LOCALES = ['it', 'en', 'ro', 'ar', 'sq', 'es', 'uk', 'fr'];
/** Translation review statuses (models/publishing/translationReview.ts), in the order staff deal with them. */
const REVIEW_STATUSES = ['missing', 'outOfDate', 'toReview', 'reviewed'];
const REVIEW_BADGE = { missing: 'badge-warn', outOfDate: 'badge-warn', toReview: 'badge-new', reviewed: 'badge-ok' };
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const WITHDRAWABLE = new Set(['news', 'event', 'announcement', 'holiday']);

/** The form of each kind: field name, control, how the entry's value is shown and read back. */
const FIELDS = {
  section: [['title', 'input'], ['body', 'textarea'], ['source', 'input']],
  faq: [['questions', 'lines'], ['answer', 'textarea'], ['tags', 'list'], ['source', 'input'], ['sections', 'list']],
  news: [['title', 'input'], ['body', 'textarea'], ['date', 'date'], ['source', 'input']],
  event: [['title', 'input'], ['date', 'date'], ['time', 'time'], ['place', 'input'], ['province', 'province'], ['link', 'url'], ['description', 'textarea']],
  announcement: [['title', 'input'], ['text', 'textarea']],
  // the operators' days off (Italian list): a rule is MM-DD every year, YYYY-MM-DD once, or easter-monday
  holiday: [['name', 'input'], ['rule', 'input']],
};

function tc(ctx, key, vars) {
  return ctx.t(`consoleContent.${key}`, vars);
}

/** The field an issue names: "questions[2]" -> "questions". */
function fieldOf(issueField) {
  return typeof issueField === 'string' ? issueField.replace(/\[\d+\]$/, '').split('.')[0] : '';
}

export async function render(root, ctx) {
  const state = { locale: ctx.lang === 'en' ? 'en' : 'it', kind: '', review: '', items: [], editing: null };
  const message = messageArea();
  const listArea = el('div', { class: 'content-list' });
  const editorArea = el('section', { class: 'card', attrs: { 'aria-labelledby': 'content-editor-title' }, hidden: true });
  const historyArea = el('section', { class: 'card', attrs: { 'aria-labelledby': 'content-history-title' }, hidden: true });

  const localeSelect = select(LOCALES.map((l) => ({ value: l, label: tc(ctx, `common.locales.${l}`) })), state.locale);
  const kindSelect = select([{ value: '', label: tc(ctx, 'content.allKinds') }, ...KINDS.map((k) => ({ value: k, label: tc(ctx, `content.kinds.${k}`) }))], state.kind);
  localeSelect.addEventListener('change', () => {
    state.locale = localeSelect.value;
    closeEditor();
    void loadList();
  });
  kindSelect.addEventListener('change', () => {
    state.kind = kindSelect.value;
    renderList();
  });
  const reviewSelect = select([{ value: '', label: tc(ctx, 'content.review.allStatuses') }, ...REVIEW_STATUSES.map((s) => ({ value: s, label: tc(ctx, `content.review.statuses.${s}`) }))], state.review);
  reviewSelect.addEventListener('change', () => {
    state.review = reviewSelect.value;
    renderList();
  });

  // the review of translations: one row per language, each count a button that lists those entries
  const reviewArea = el('div', { class: 'content-review' });
  const reviewMessage = messageArea();
  // the same for the translations kept in files: the counts, one language's items, one item beside its Italian
  const filesCountsArea = el('div', { class: 'content-review' });
  const filesListArea = el('div', { class: 'content-list' });
  const compareArea = el('div', { class: 'content-compare' });
  const filesMessage = messageArea();
  const files = { data: null, locale: null, status: null };

  // a new entry: kind + id, then the editor opens on an empty draft
  const newKind = select(KINDS.map((k) => ({ value: k, label: tc(ctx, `content.kinds.${k}`) })), 'news');
  const newId = el('input', { type: 'text', name: 'new-id', autocomplete: 'off', maxLength: 100, attrs: { spellcheck: 'false' } });
  const newMessage = messageArea();
  const createButton = el('button', { type: 'submit', class: 'secondary' }, tc(ctx, 'content.create'));
  const newForm = el('form', { class: 'filter-grid', attrs: { novalidate: true, 'aria-label': tc(ctx, 'content.newEntry') } },
    field(tc(ctx, 'content.newKind'), newKind),
    field(tc(ctx, 'content.newId'), newId, tc(ctx, 'content.newIdHint')),
    el('div', { class: 'actions' }, createButton),
    newMessage.node);
  newForm.addEventListener('submit', (event) => {
    event.preventDefault();
    newMessage.clear();
    const id = newId.value.trim();
    if (!ID.test(id)) {
      newId.setAttribute('aria-invalid', 'true');
      newMessage.error(tc(ctx, 'content.invalidId'));
      newId.focus();
      return;
    }
    newId.removeAttribute('aria-invalid');
    void openEditor(newKind.value, id, true);
  });

  // the preview chat
  const previewLog = el('ol', { class: 'notes', attrs: { 'aria-live': 'polite', 'aria-label': tc(ctx, 'content.previewLog') } });
  const previewInput = el('textarea', { name: 'preview-message', rows: 2, maxLength: 500 });
  const previewSend = el('button', { type: 'submit', class: 'primary' }, tc(ctx, 'content.previewSend'));
  const previewMessage = messageArea();
  const previewForm = el('form', { attrs: { novalidate: true } }, field(tc(ctx, 'content.previewMessage'), previewInput), el('div', { class: 'actions' }, previewSend), previewMessage.node);
  previewForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void sendPreview(previewInput.value);
  });
  previewInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void sendPreview(previewInput.value);
    }
  });
  previewLog.append(el('li', { class: 'muted' }, tc(ctx, 'content.previewEmpty')));

  clear(root);
  root.append(
    el('h1', { id: 'page-title' }, tc(ctx, 'content.title')),
    el('p', { class: 'intro' }, tc(ctx, 'content.intro')),
    message.node,
    el('section', { class: 'card', attrs: { 'aria-labelledby': 'content-review-title' } },
      el('h2', { id: 'content-review-title' }, tc(ctx, 'content.review.title')),
      el('p', { class: 'hint' }, tc(ctx, 'content.review.intro')),
      reviewMessage.node,
      reviewArea,
      el('h3', { id: 'content-files-title' }, tc(ctx, 'content.review.files.title')),
      el('p', { class: 'hint' }, tc(ctx, 'content.review.files.intro')),
      filesMessage.node,
      filesCountsArea,
      filesListArea,
      compareArea),
    el('div', { class: 'filter-grid' }, field(tc(ctx, 'common.locale'), localeSelect), field(tc(ctx, 'content.kind'), kindSelect), field(tc(ctx, 'content.review.filter'), reviewSelect)),
    listArea,
    el('details', { class: 'card' }, el('summary', {}, tc(ctx, 'content.newEntry')), newForm),
    editorArea,
    historyArea,
    el('section', { class: 'card', attrs: { 'aria-labelledby': 'content-preview-title' } },
      el('h2', { id: 'content-preview-title' }, tc(ctx, 'content.preview')),
      el('p', { class: 'hint' }, tc(ctx, 'content.previewIntro')),
      previewLog,
      previewForm),
  );

  async function loadReview() {
    reviewMessage.clear();
    let data;
    try {
      data = await ctx.api('GET', '/api/content/translations');
    } catch (err) {
      reviewMessage.error(errorText(ctx, err));
      return;
    }
    clear(reviewArea);
    reviewArea.append(countsTable(tc(ctx, 'content.review.caption'), data.languages, (lang) => lang.counts, 'content.review.show', (locale, status) => void showReview(locale, status)));
    files.data = data;
    clear(filesCountsArea);
    filesCountsArea.append(countsTable(tc(ctx, 'content.review.files.caption'), data.languages, (lang) => lang.files.counts, 'content.review.files.show', (locale, status) => showFiles(locale, status)));
    if (files.locale) renderFiles();
  }

  /** One row per language, a column per review status; each count a button (`showKey` names it) that lists those. */
  function countsTable(caption, languages, countsOf, showKey, onShow) {
    const headers = [tc(ctx, 'content.review.language'), ...REVIEW_STATUSES.map((s) => tc(ctx, `content.review.statuses.${s}`))];
    const rows = languages.map((lang) => {
      const name = tc(ctx, `common.locales.${lang.locale}`);
      return [name, ...REVIEW_STATUSES.map((status) => {
        const count = countsOf(lang)[status];
        if (count === 0) return '0';
        return el('button', {
          type: 'button',
          class: 'link-button',
          attrs: { 'aria-label': tc(ctx, showKey, { count, status: tc(ctx, `content.review.statuses.${status}`), locale: name }) },
          on: { click: () => onShow(lang.locale, status) },
        }, String(count));
      })];
    });
    return table(caption, headers, rows);
  }

  /** Lists one language's file translations of one review status. */
  function showFiles(locale, status) {
    files.locale = locale;
    files.status = status;
    clear(compareArea);
    renderFiles();
    filesListArea.querySelector('[role="region"]')?.focus();
  }

  function reviewBadge(item) {
    const title = item.reviewedBy ? tc(ctx, 'content.review.by', { by: item.reviewedBy, at: dateTime(item.reviewedAt, ctx.lang) }) : undefined;
    return el('span', { class: `badge ${REVIEW_BADGE[item.status]}`, title }, tc(ctx, `content.review.statuses.${item.status}`));
  }

  function fileApproveButton(item, locale) {
    if ((item.status !== 'toReview' && item.status !== 'outOfDate') || !item.digest) return null;
    const label = tc(ctx, 'content.review.approve');
    return el('button', { type: 'button', class: 'primary', attrs: { 'aria-label': `${label}: ${item.title}` }, on: { click: (event) => void approveFile(event.currentTarget, locale, item) } }, label);
  }

  function renderFiles() {
    clear(filesListArea);
    const lang = files.data?.languages.find((l) => l.locale === files.locale);
    if (!lang) return;
    const items = lang.files.items.filter((i) => !files.status || i.status === files.status);
    const name = tc(ctx, `common.locales.${files.locale}`);
    if (items.length === 0) {
      filesListArea.append(el('p', { class: 'muted' }, tc(ctx, 'content.none')));
      return;
    }
    const col = (k) => tc(ctx, `content.review.files.columns.${k}`);
    const headers = [col('kind'), col('title'), col('file'), col('status'), col('missingKeys'), col('actions')];
    const rows = items.map((item) => {
      const compareLabel = tc(ctx, 'content.review.files.compare');
      const actions = [el('button', { type: 'button', class: 'secondary', attrs: { 'aria-label': `${compareLabel}: ${item.title}` }, on: { click: () => void compareFile(files.locale, item) } }, compareLabel)];
      const approveButton = fileApproveButton(item, files.locale);
      if (approveButton) actions.push(' ', approveButton);
      const missing = item.missingKeys.length > 0 ? el('span', {}, item.missingKeys.map((k, i) => [i > 0 ? ', ' : '', el('code', {}, k)])) : '';
      return [tc(ctx, `content.review.files.kinds.${item.kind}`), el('span', { attrs: { dir: 'auto' } }, item.title), el('code', {}, item.file), reviewBadge(item), missing, el('span', { class: 'actions-inline' }, actions)];
    });
    filesListArea.append(table(tc(ctx, 'content.review.files.listCaption', { locale: name }), headers, rows));
  }

  /** One file translation beside its Italian source, key by key (read-only: the files are edited through git). */
  async function compareFile(locale, item) {
    filesMessage.clear();
    let detail;
    try {
      detail = await ctx.api('GET', `/api/content/translations/${locale}/${item.kind}/${encodeURIComponent(item.id)}`);
    } catch (err) {
      filesMessage.error(errorText(ctx, err));
      return;
    }
    clear(compareArea);
    const name = tc(ctx, `common.locales.${locale}`);
    const rtl = locale === 'ar';
    const headers = [tc(ctx, 'content.review.files.key'), tc(ctx, 'common.locales.it'), name];
    const absent = () => el('span', { class: 'badge badge-warn' }, tc(ctx, 'content.review.files.absent'));
    const rows = detail.rows.map((row) => [
      el('code', {}, row.key),
      row.source === null ? absent() : el('span', { lang: 'it', class: 'note-text' }, row.source),
      row.translation === null ? absent() : el('span', { lang: locale, class: 'note-text', attrs: { dir: rtl ? 'rtl' : 'auto' } }, row.translation),
    ]);
    const approveButton = fileApproveButton(detail, locale);
    compareArea.append(
      el('p', {}, el('code', {}, detail.sourceFile), ' · ', el('code', {}, detail.file), ' ', reviewBadge(detail), approveButton ? [' ', approveButton] : null),
      el('p', { class: 'hint' }, tc(ctx, 'content.review.files.readOnly')),
      table(tc(ctx, 'content.review.files.compareCaption', { title: detail.title, locale: name }), headers, rows),
    );
    compareArea.querySelector('[role="region"]')?.focus();
  }

  async function approveFile(button, locale, item) {
    await busy(button, async () => {
      try {
        await ctx.api('POST', `/api/content/translations/${locale}/${item.kind}/${encodeURIComponent(item.id)}/approve`, { digest: item.digest, sourceDigest: item.sourceDigest });
        const text = tc(ctx, 'content.review.files.approved', { title: item.title });
        const comparing = compareArea.firstChild !== null;
        await loadReview();
        if (comparing) await compareFile(locale, { ...item });
        filesMessage.info(text);
        ctx.announce(text);
      } catch (err) {
        filesMessage.error(errorText(ctx, err));
      }
    });
  }

  /** Lists one language's entries of one review status. */
  async function showReview(locale, status) {
    state.locale = locale;
    state.review = status;
    state.kind = '';
    localeSelect.value = locale;
    reviewSelect.value = status;
    kindSelect.value = '';
    closeEditor();
    await loadList();
    listArea.querySelector('[role="region"]')?.focus();
  }

  async function approve(button, item) {
    await busy(button, async () => {
      try {
        const result = await ctx.api('POST', `/api/content/${state.locale}/${item.kind}/${item.id}/approve`, { version: item.version });
        const text = tc(ctx, 'content.review.approved', { title: item.title, version: result.version });
        await Promise.all([loadList(), loadReview()]);
        message.info(text);
        ctx.announce(text);
      } catch (err) {
        message.error(errorText(ctx, err));
      }
    });
  }

  async function loadList() {
    clear(listArea);
    listArea.append(el('p', { class: 'loading' }, tc(ctx, 'common.loading')));
    try {
      const data = await ctx.api('GET', `/api/content/${state.locale}`);
      state.items = data.items;
      renderList();
    } catch (err) {
      clear(listArea);
      message.error(errorText(ctx, err));
    }
  }

  function badges(item) {
    const out = [];
    if (item.missingHere) out.push(el('span', { class: 'badge badge-warn' }, tc(ctx, 'content.badges.missingHere')));
    else if (item.version !== null) out.push(el('span', { class: 'badge badge-ok' }, `${tc(ctx, 'content.badges.published')} v${item.version}`));
    if (item.hasDraft) out.push(el('span', { class: 'badge badge-new' }, tc(ctx, 'content.badges.draft')));
    if (item.translationOutOfDate) out.push(el('span', { class: 'badge badge-warn' }, tc(ctx, 'content.badges.outOfDate')));
    else if (item.translation === 'behind' && !item.missingHere) out.push(el('span', { class: 'badge badge-muted' }, tc(ctx, 'content.badges.behind')));
    else if (item.translation === 'missing') out.push(el('span', { class: 'badge badge-warn' }, tc(ctx, 'content.badges.missing')));
    if (item.review && item.review !== 'source' && item.review !== 'missing') {
      const title = item.reviewedBy ? tc(ctx, 'content.review.by', { by: item.reviewedBy, at: dateTime(item.reviewedAt, ctx.lang) }) : undefined;
      out.push(el('span', { class: `badge ${REVIEW_BADGE[item.review]}`, title }, tc(ctx, `content.review.statuses.${item.review}`)));
    }
    return el('span', { class: 'badges' }, out.flatMap((b, i) => (i === 0 ? [b] : [' ', b])));
  }

  function renderList() {
    clear(listArea);
    const items = state.items.filter((i) => (!state.kind || i.kind === state.kind) && (!state.review || i.review === state.review));
    if (items.length === 0) {
      listArea.append(el('p', { class: 'muted' }, tc(ctx, 'content.none')));
      return;
    }
    const headers = [tc(ctx, 'content.kind'), tc(ctx, 'content.columns.title'), tc(ctx, 'content.columns.id'), tc(ctx, 'content.columns.state'), tc(ctx, 'content.columns.actions')];
    const rows = items.map((item) => {
      const label = item.missingHere ? tc(ctx, 'content.translate') : tc(ctx, 'content.edit');
      const button = el('button', { type: 'button', class: 'secondary', attrs: { 'aria-label': `${label}: ${item.title}` }, on: { click: () => void openEditor(item.kind, item.id, item.missingHere) } }, label);
      const actions = [button];
      if ((item.review === 'toReview' || item.review === 'outOfDate') && item.version !== null) {
        const approveLabel = tc(ctx, 'content.review.approve');
        actions.push(' ', el('button', { type: 'button', class: 'primary', attrs: { 'aria-label': `${approveLabel}: ${item.title}` }, on: { click: (event) => void approve(event.currentTarget, item) } }, approveLabel));
      }
      return [tc(ctx, `content.kinds.${item.kind}`), item.title, el('code', {}, item.id), badges(item), el('span', { class: 'actions-inline' }, actions)];
    });
    listArea.append(table(tc(ctx, 'content.listCaption', { locale: tc(ctx, `common.locales.${state.locale}`) }), headers, rows));
  }

  function closeEditor() {
    state.editing = null;
    editorArea.hidden = true;
    historyArea.hidden = true;
    clear(editorArea);
    clear(historyArea);
  }

  /** Opens the editor on the entry (draft first, else published); `isNew` starts from an empty form. */
  async function openEditor(kind, id, isNew) {
    message.clear();
    let entry = null;
    try {
      entry = await ctx.api('GET', `/api/content/${state.locale}/${kind}/${id}`);
    } catch (err) {
      if (!(isNew && err.status === 404)) {
        message.error(errorText(ctx, err));
        return;
      }
    }
    let data = entry ? (entry.draft ? entry.draft.data : entry.published ? entry.published.data : null) : null;
    if (!data && isNew) {
      // translating: start from the other language's version
      const other = LOCALES.find((l) => l !== state.locale);
      try {
        const source = await ctx.api('GET', `/api/content/${other}/${kind}/${id}`);
        data = source.draft ? source.draft.data : source.published ? source.published.data : null;
      } catch {
        data = null;
      }
    }
    state.editing = { kind, id, entry };
    renderEditor(kind, id, entry, data ?? { id });
    historyArea.hidden = true;
  }

  function controlFor(kind, name, type, value) {
    const common = { name, id: uid(`content-${name}`) };
    switch (type) {
      case 'textarea':
        return el('textarea', { ...common, rows: name === 'body' || name === 'answer' ? 6 : 3, value: value ?? '' });
      case 'lines':
        return el('textarea', { ...common, rows: 5, value: Array.isArray(value) ? value.join('\n') : '' });
      case 'list':
        return el('input', { ...common, type: 'text', value: Array.isArray(value) ? value.join(', ') : '' });
      case 'date':
        return el('input', { ...common, type: 'date', value: value ?? '' });
      case 'time':
        return el('input', { ...common, type: 'time', value: value ?? '' });
      case 'url':
        return el('input', { ...common, type: 'url', value: value ?? '', attrs: { inputmode: 'url' } });
      case 'province':
        return select([{ value: '', label: '—' }, ...LOMBARDY_PROVINCES.map((p) => ({ value: p, label: p }))], value ?? '', common);
      default:
        return el('input', { ...common, type: 'text', value: value ?? '' });
    }
  }

  function readForm(kind, controls) {
    const data = {};
    for (const [name, type] of FIELDS[kind]) {
      const raw = controls[name].value;
      if (type === 'lines') data[name] = raw.split('\n').map((s) => s.trim()).filter(Boolean);
      else if (type === 'list') data[name] = raw.split(',').map((s) => s.trim()).filter(Boolean);
      else if ((name === 'link' || name === 'description') && raw.trim() === '') continue;
      else data[name] = raw;
    }
    return data;
  }

  function renderEditor(kind, id, entry, data) {
    clear(editorArea);
    editorArea.hidden = false;
    const localeLabel = tc(ctx, `common.locales.${state.locale}`);
    const formMessage = messageArea();
    const controls = {};
    const errors = {};
    const fields = FIELDS[kind].map(([name, type]) => {
      const control = controlFor(kind, name, type, data[name]);
      // text follows its own direction: an Arabic answer reads right to left, an Italian source name inside it stays
      if (type === 'input' || type === 'textarea' || type === 'lines') control.dir = 'auto';
      controls[name] = control;
      const wrapper = field(tc(ctx, `content.fields.${name}`), control);
      const error = el('p', { class: 'message message-error', id: uid('err'), hidden: true });
      errors[name] = error;
      wrapper.append(error);
      return wrapper;
    });
    const other = el('ul', { class: 'problems' });
    const otherBox = el('div', { hidden: true }, el('h3', {}, tc(ctx, 'content.otherProblems')), other);

    const clearErrors = () => {
      for (const [name, node] of Object.entries(errors)) {
        node.hidden = true;
        node.textContent = '';
        controls[name].removeAttribute('aria-invalid');
        const described = (controls[name].getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== node.id);
        if (described.length) controls[name].setAttribute('aria-describedby', described.join(' '));
        else controls[name].removeAttribute('aria-describedby');
      }
      clear(other);
      otherBox.hidden = true;
      formMessage.clear();
    };

    /** Shows a content_invalid answer's issues next to their fields; the first invalid field gets the focus. */
    const showIssues = (err) => {
      const issues = err && err.body && Array.isArray(err.body.issues) ? err.body.issues : null;
      if (!issues) {
        formMessage.error(errorText(ctx, err));
        return;
      }
      let first = null;
      for (const issue of issues) {
        const name = fieldOf(issue.field);
        const text = issue.field && issue.field !== name ? `${issue.field}: ${issue.problem}` : issue.problem;
        if (errors[name]) {
          const node = errors[name];
          node.hidden = false;
          node.textContent = node.textContent ? `${node.textContent} ${text}` : text;
          controls[name].setAttribute('aria-invalid', 'true');
          const described = (controls[name].getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
          if (!described.includes(node.id)) controls[name].setAttribute('aria-describedby', [...described, node.id].join(' '));
          first = first ?? controls[name];
        } else {
          other.append(el('li', {}, [issue.entry, issue.field, issue.problem].filter(Boolean).join(': ')));
          otherBox.hidden = false;
        }
      }
      formMessage.error(tc(ctx, 'content.invalid', { count: issues.length }));
      (first ?? formMessage.node).focus();
    };

    const save = el('button', { type: 'submit', class: 'secondary' }, tc(ctx, 'content.save'));
    const publish = el('button', { type: 'button', class: 'primary' }, tc(ctx, 'content.publish'));
    const discard = el('button', { type: 'button', class: 'secondary', hidden: !(entry && entry.draft) }, tc(ctx, 'content.discard'));
    const withdraw = el('button', { type: 'button', class: 'secondary', hidden: !(WITHDRAWABLE.has(kind) && entry && entry.published) }, tc(ctx, 'content.withdraw'));
    const historyButton = el('button', { type: 'button', class: 'secondary', hidden: !(entry && entry.published) }, tc(ctx, 'content.history'));
    const close = el('button', { type: 'button', class: 'link-button' }, tc(ctx, 'content.close'));

    const saveDraft = async () => {
      clearErrors();
      try {
        await ctx.api('PUT', `/api/content/${state.locale}/${kind}/${id}/draft`, { data: readForm(kind, controls) });
        return true;
      } catch (err) {
        showIssues(err);
        return false;
      }
    };

    const form = el('form', { attrs: { novalidate: true } }, fields, otherBox, formMessage.node,
      el('div', { class: 'actions' }, save, publish, discard, withdraw, historyButton, close));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void busy(save, async () => {
        if (await saveDraft()) {
          formMessage.info(tc(ctx, 'content.savedDraft'));
          ctx.announce(tc(ctx, 'content.savedDraft'));
          discard.hidden = false;
          await loadList();
        }
      });
    });
    publish.addEventListener('click', () => void busy(publish, async () => {
      if (!(await saveDraft())) return;
      try {
        const result = await ctx.api('POST', `/api/content/${state.locale}/${kind}/${id}/publish`);
        const text = tc(ctx, 'content.published', { version: result.version });
        await Promise.all([loadList(), loadReview()]);
        await openEditor(kind, id, false);
        message.info(text);
        ctx.announce(text);
      } catch (err) {
        showIssues(err);
      }
    }));
    discard.addEventListener('click', () => void busy(discard, async () => {
      if (!window.confirm(tc(ctx, 'content.confirmDiscard'))) return;
      try {
        await ctx.api('DELETE', `/api/content/${state.locale}/${kind}/${id}/draft`);
        message.info(tc(ctx, 'content.discarded'));
        await loadList();
        if (entry && entry.published) await openEditor(kind, id, false);
        else closeEditor();
      } catch (err) {
        formMessage.error(errorText(ctx, err));
      }
    }));
    withdraw.addEventListener('click', () => void busy(withdraw, async () => {
      if (!window.confirm(tc(ctx, 'content.confirmWithdraw'))) return;
      try {
        const result = await ctx.api('DELETE', `/api/content/${state.locale}/${kind}/${id}`);
        closeEditor();
        await loadList();
        message.info(tc(ctx, 'content.withdrawn', { version: result.version }));
      } catch (err) {
        showIssues(err);
      }
    }));
    historyButton.addEventListener('click', () => void showHistory(kind, id));
    close.addEventListener('click', () => closeEditor());

    const published = entry && entry.published ? tc(ctx, 'content.editorState', {
      version: entry.published.version,
      draft: entry.draft ? tc(ctx, 'content.draftFrom', { by: entry.draft.by, at: dateTime(entry.draft.updatedAt, ctx.lang) }) : tc(ctx, 'content.noDraft'),
    }) : tc(ctx, 'content.editorNew');
    const flags = [];
    if (entry && entry.translationOutOfDate) flags.push(el('span', { class: 'badge badge-warn' }, tc(ctx, 'content.badges.outOfDate')));
    // the translation's review (publishing from this editor reviews it; the list's Approve keeps it as it is)
    if (entry && entry.review && entry.review !== 'source' && entry.review !== 'missing') flags.push(el('span', { class: `badge ${REVIEW_BADGE[entry.review]}` }, tc(ctx, `content.review.statuses.${entry.review}`)));
    editorArea.append(
      el('h2', { id: 'content-editor-title', tabIndex: -1 }, tc(ctx, 'content.editorTitle', { kind: tc(ctx, `content.kinds.${kind}`), id, locale: localeLabel })),
      el('p', { class: 'muted' }, published, flags.length ? ' ' : null, flags.flatMap((f, i) => (i === 0 ? [f] : [' ', f]))),
      form,
    );
    editorArea.querySelector('h2').focus();
  }

  async function showHistory(kind, id) {
    clear(historyArea);
    historyArea.hidden = false;
    const historyMessage = messageArea();
    historyArea.append(el('h2', { id: 'content-history-title', tabIndex: -1 }, `${tc(ctx, 'content.history')}: ${id}`), historyMessage.node);
    let data;
    try {
      data = await ctx.api('GET', `/api/content/${state.locale}/${kind}/${id}/history`);
    } catch (err) {
      historyMessage.error(errorText(ctx, err));
      return;
    }
    const headers = [tc(ctx, 'content.historyColumns.version'), tc(ctx, 'content.historyColumns.action'), tc(ctx, 'content.historyColumns.at'), tc(ctx, 'content.historyColumns.by'), tc(ctx, 'content.historyColumns.content'), tc(ctx, 'content.columns.actions')];
    const rows = data.items.map((item) => {
      const action = `${tc(ctx, `content.actions.${item.action}`)}${item.fromVersion ? ` (${tc(ctx, 'content.fromVersion', { version: item.fromVersion })})` : ''}${item.approvedBy ? ` · ${tc(ctx, 'content.review.by', { by: item.approvedBy, at: dateTime(item.approvedAt, ctx.lang) })}` : ''}`;
      const summary = item.data ? (item.data.answer ?? item.data.body ?? item.data.text ?? item.data.title ?? '') : tc(ctx, 'content.withdrawnVersion');
      const short = summary.length > 160 ? `${summary.slice(0, 157)}…` : summary;
      const restore = item.current
        ? el('span', { class: 'badge badge-ok' }, tc(ctx, 'content.current'))
        : el('button', { type: 'button', class: 'secondary', on: { click: (event) => void rollback(event.currentTarget, kind, id, item.version, historyMessage) } }, tc(ctx, 'content.rollback', { version: item.version }));
      return [String(item.version), action, dateTime(item.at, ctx.lang), item.by, short, restore];
    });
    historyArea.append(table(tc(ctx, 'content.historyCaption'), headers, rows));
    historyArea.querySelector('h2').focus();
  }

  async function rollback(button, kind, id, version, historyMessage) {
    if (!window.confirm(tc(ctx, 'content.confirmRollback', { version }))) return;
    await busy(button, async () => {
      try {
        const result = await ctx.api('POST', `/api/content/${state.locale}/${kind}/${id}/rollback`, { version });
        const text = tc(ctx, 'content.rolledBack', { from: version, version: result.version });
        await loadList();
        await openEditor(kind, id, false);
        await showHistory(kind, id);
        message.info(text);
        ctx.announce(text);
      } catch (err) {
        const issues = err && err.body && Array.isArray(err.body.issues) ? err.body.issues.map((i) => [i.field, i.problem].filter(Boolean).join(': ')).join('; ') : '';
        historyMessage.error(issues || errorText(ctx, err));
      }
    });
  }

  function bubble(who, text, buttons) {
    const body = el('div', { class: 'note-text' });
    for (const paragraph of String(text).split(/\n{2,}/)) {
      const p = el('p', {});
      paragraph.split('\n').forEach((line, i) => {
        if (i > 0) p.append(el('br'));
        p.append(document.createTextNode(line));
      });
      body.append(p);
    }
    const item = el('li', { class: 'note' }, el('p', { class: 'note-meta' }, who), body);
    if (buttons && buttons.length) {
      item.append(el('div', { class: 'actions' }, buttons.map((label) => el('button', { type: 'button', class: 'secondary', on: { click: () => void sendPreview(label) } }, label))));
    }
    return item;
  }

  async function sendPreview(raw) {
    const text = String(raw).trim();
    if (!text) return;
    previewMessage.clear();
    const empty = previewLog.querySelector('.muted');
    if (empty) empty.remove();
    previewLog.append(bubble(tc(ctx, 'content.previewYou'), text));
    previewInput.value = '';
    await busy(previewSend, async () => {
      try {
        const answer = await ctx.api('POST', '/api/content/preview', { locale: state.locale, text });
        for (const reply of answer.replies) previewLog.append(bubble(tc(ctx, 'content.previewBot'), reply.text, reply.buttons));
      } catch (err) {
        previewMessage.error(errorText(ctx, err));
      }
    });
    previewInput.focus();
  }

  await Promise.all([loadList(), loadReview()]);
}
