// One referral: what it is about, the worker's contact details once claimed (the server leaves them out
// otherwise), claim, status along the lifecycle (with a reason when closing), possible duplicates (open referrals
// of other chats with the same phone or e-mail) with a merge button, notes, history; staff may assign a new
// referral to a project. Notes, names, firms and every other value are shown as text (el() builds text nodes).
import { busy, dateTime, el, errorText, facts, field, languageLabel, messageArea, sectorLabel, select, typedOrder, CLOSE_REASONS, NEXT_STATUSES, OPEN_STATUSES } from '../lib/ui.js';

/** What a worker typed (a name, a firm, a time, their words to an operator): isolated, its bidi controls shown. */
const typed = (text) => (text ? el('span', { class: 'worker-text', dir: 'auto' }, typedOrder(text)) : '');

function label(t, key, fallback) {
  const text = t(key);
  return text === key ? fallback : text;
}

export async function render(root, ctx) {
  const { t, me, lang } = ctx;
  const id = ctx.params.id;
  const message = messageArea();
  let referral = await ctx.api('GET', `/api/referrals/${encodeURIComponent(id)}`);
  const projects = (await ctx.api('GET', '/api/projects')).items;
  const projectTitle = new Map(projects.map((p) => [p.id, p.title]));
  const body = el('div', { class: 'referral-detail' });
  const back = el('a', { href: me.role === 'staff' ? '#/referrals' : '#/queue', class: 'back' }, t('console.referral.back'));
  const heading = el('h1', { id: 'page-title' });
  root.append(back, heading, message.node, body);

  // the kept conversations of a live handoff: undefined until asked, null when not available to this caller
  let transcripts;
  async function loadTranscripts(referralId) {
    try {
      transcripts = (await ctx.api('GET', `/api/referrals/${encodeURIComponent(referralId)}/transcript`)).items;
    } catch {
      transcripts = null;
      return;
    }
    if (transcripts.length > 0) draw();
  }
  const transcriptSection = (items) => {
    const section = el('section', { class: 'card', id: 'transcript', attrs: { 'aria-labelledby': 'transcript-title' } },
      el('h2', { id: 'transcript-title' }, t('console.referral.transcriptTitle')),
      el('p', { class: 'hint' }, t('console.referral.transcriptIntro')));
    for (const kept of items) {
      section.append(el('p', { class: 'note-meta' }, t('console.referral.transcriptConsent', { when: dateTime(kept.consent.givenAt, lang), version: kept.consent.noticeVersion })));
      const list = el('ol', { class: 'notes transcript' });
      for (const m of kept.messages) {
        const who = m.from === 'worker' ? t('console.referral.transcriptWorker') : (m.operator ? m.operator.name : t('console.referral.transcriptOperator'));
        list.append(el('li', { class: 'note' }, el('p', { class: 'note-meta' }, `${dateTime(m.at, lang)} · ${who}`), el('p', { class: 'note-text' }, m.from === 'worker' ? typed(m.text) : m.text)));
      }
      section.append(list);
    }
    return section;
  };

  const draw = () => {
    const r = referral;
    heading.textContent = t('console.referral.title', { reference: r.reference });
    body.replaceChildren();
    const holder = r.claimedBy !== null && r.claimedBy === me.name;
    const mayWork = me.role === 'staff' || holder;

    // ---- what it is about
    body.append(el('section', { class: 'card', attrs: { 'aria-labelledby': 'about-title' } },
      el('h2', { id: 'about-title' }, t('console.referral.about')),
      el('p', {}, el('span', { class: `badge status-${r.status}` }, t(`console.status.${r.status}`))),
      facts([
        [t('console.queue.created'), dateTime(r.createdAt, lang)],
        [t('console.referral.updated'), dateTime(r.updatedAt, lang)],
        [t('staffLanguages.field'), el('span', { class: 'language', id: 'referral-language', dataset: { language: r.language ? r.language.code : '' } }, languageLabel(r, lang))],
        [t('console.queue.province'), r.province ?? t('console.queue.unknown')],
        [t('console.queue.sector'), sectorLabel(t, r.sector)],
        [t('console.queue.firm'), typed(r.firm)],
        [t('console.queue.project'), r.projectId ? projectTitle.get(r.projectId) ?? r.projectId : t('console.queue.noProject')],
        [t('console.queue.outcome'), label(t, `console.outcome.${r.outcome}`, r.outcome)],
        [t('console.referral.reasons'), r.reasons.join(', ')],
        [t('console.referral.crisis'), r.crisisKind],
        [t('console.referral.situation'), r.situation],
        [t('console.referral.channel'), `${r.channel} · ${r.locale}`],
        [t('console.queue.claimedBy'), r.claimedBy ?? t('console.queue.unclaimed')],
        [t('console.referral.mergedInto'), r.mergedInto ? el('a', { href: `#/referral/${encodeURIComponent(r.mergedInto)}`, id: 'merged-into' }, r.mergedInto) : ''],
      ])));

    // ---- contact details (only once claimed; the API decides)
    const contact = el('section', { class: 'card', attrs: { 'aria-labelledby': 'contact-title' } }, el('h2', { id: 'contact-title' }, t('console.referral.contact')));
    if (r.contactVisible && r.contact) {
      const c = r.contact;
      contact.append(facts([
        [t('console.referral.name'), typed(c.name)],
        [t('console.referral.phone'), c.phone ? el('a', { href: `tel:${c.phone}` }, c.phone) : ''],
        [t('console.referral.email'), c.email ? el('a', { href: `mailto:${c.email}` }, c.email) : ''],
        [t('console.referral.preferredTime'), typed(c.preferredTime)],
        [t('console.referral.leftOn'), r.leftOn ?? ''],
      ]));
    } else {
      contact.append(el('p', { class: 'muted' }, r.status === 'erased' ? t('console.referral.erased') : t('console.referral.contactHidden')));
    }
    body.append(contact);

    // ---- actions
    const actions = el('section', { class: 'card', attrs: { 'aria-labelledby': 'actions-title' } }, el('h2', { id: 'actions-title' }, t('console.referral.work')));
    if (r.status === 'new' && !r.claimedBy) {
      const claim = el('button', { type: 'button', class: 'primary', id: 'claim' }, t('console.queue.claim'));
      claim.addEventListener('click', () => busy(claim, async () => {
        try {
          referral = await ctx.api('POST', `/api/referrals/${encodeURIComponent(r.id)}/claim`);
          draw();
          message.info(t('console.queue.claimed', { reference: r.reference }));
        } catch (err) {
          message.error(errorText(ctx, err));
        }
      }));
      actions.append(el('div', { class: 'actions' }, claim));
    }
    const next = NEXT_STATUSES[r.status] ?? [];
    if (next.length === 0) {
      actions.append(el('p', { class: 'muted' }, t('console.referral.final')));
    } else if (!mayWork) {
      actions.append(el('p', { class: 'muted' }, r.claimedBy ? t('console.referral.heldBy', { name: r.claimedBy }) : t('console.referral.mustClaim')));
    } else {
      const statusSelect = select(next.map((s) => ({ value: s, label: t(`console.status.${s}`) })), next[0], { name: 'status', id: 'new-status' });
      const reasonSelect = select(CLOSE_REASONS.map((c) => ({ value: c, label: t(`console.closeReasons.${c}`) })), CLOSE_REASONS[0], { name: 'reason', id: 'close-reason' });
      const reasonField = field(t('console.referral.reason'), reasonSelect);
      reasonField.hidden = statusSelect.value !== 'closed';
      statusSelect.addEventListener('change', () => { reasonField.hidden = statusSelect.value !== 'closed'; });
      const save = el('button', { type: 'submit', class: 'primary' }, t('console.referral.saveStatus'));
      const form = el('form', { class: 'inline-form', attrs: { 'aria-label': t('console.referral.changeStatus') } },
        field(t('console.referral.newStatus'), statusSelect), reasonField, el('div', { class: 'actions' }, save));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        void busy(save, async () => {
          const change = { status: statusSelect.value, ...(statusSelect.value === 'closed' ? { reason: reasonSelect.value } : {}) };
          try {
            referral = await ctx.api('PATCH', `/api/referrals/${encodeURIComponent(r.id)}`, change);
            draw();
            message.info(t('console.referral.statusSaved', { status: t(`console.status.${referral.status}`) }));
            document.getElementById('new-status')?.focus();
          } catch (err) {
            message.error(errorText(ctx, err));
          }
        });
      });
      actions.append(el('h3', {}, t('console.referral.changeStatus')), form);
    }
    if (me.role === 'staff' && r.status === 'new' && !r.claimedBy) {
      const projectSelect = select([{ value: '', label: t('console.queue.noProject') }, ...projects.filter((p) => p.active).map((p) => ({ value: p.id, label: p.title }))], r.projectId ?? '', { id: 'assign-project' });
      const assign = el('button', { type: 'submit', class: 'secondary' }, t('console.referral.assign'));
      const form = el('form', { class: 'inline-form' }, field(t('console.queue.project'), projectSelect), el('div', { class: 'actions' }, assign));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        void busy(assign, async () => {
          try {
            referral = await ctx.api('PATCH', `/api/referrals/${encodeURIComponent(r.id)}`, { projectId: projectSelect.value || null });
            draw();
            message.info(t('console.referral.assigned'));
          } catch (err) {
            message.error(errorText(ctx, err));
          }
        });
      });
      actions.append(el('h3', {}, t('console.referral.assignTitle')), form);
    }
    body.append(actions);

    // ---- possible duplicates: the operator merges one into this referral after speaking to the person
    const duplicates = r.possibleDuplicates ?? [];
    if (duplicates.length > 0) {
      const open = NEXT_STATUSES[r.status] && NEXT_STATUSES[r.status].length > 0;
      const section = el('section', { class: 'card', id: 'duplicates', attrs: { 'aria-labelledby': 'duplicates-title' } },
        el('h2', { id: 'duplicates-title' }, t('console.referral.duplicatesTitle')),
        el('p', { class: 'hint' }, t('console.referral.duplicatesIntro')));
      const list = el('ul', { class: 'duplicates' });
      for (const d of duplicates) {
        const item = el('li', { class: 'duplicate', dataset: { id: d.id } },
          el('a', { href: `#/referral/${encodeURIComponent(d.id)}` }, d.reference), ' · ',
          el('span', { class: `badge status-${d.status}` }, t(`console.status.${d.status}`)), ' · ',
          `${dateTime(d.createdAt, lang)} · ${d.projectId ? projectTitle.get(d.projectId) ?? d.projectId : t('console.queue.noProject')}`,
          d.claimedBy ? ` · ${t('console.queue.claimedBy')}: ${d.claimedBy}` : '');
        if (open && mayWork && OPEN_STATUSES.includes(d.status)) {
          const merge = el('button', { type: 'button', class: 'secondary merge', attrs: { 'aria-label': t('console.referral.mergeLabel', { reference: d.reference }) } }, t('console.referral.merge'));
          merge.addEventListener('click', () => {
            if (!window.confirm(t('console.referral.confirmMerge', { reference: d.reference, target: r.reference }))) return;
            void busy(merge, async () => {
              try {
                referral = await ctx.api('POST', `/api/referrals/${encodeURIComponent(r.id)}/merge`, { duplicate: d.id });
                draw();
                message.info(t('console.referral.mergedDone', { reference: d.reference }));
              } catch (err) {
                message.error(errorText(ctx, err));
              }
            });
          });
          item.append(' ', merge);
        }
        list.append(item);
      }
      section.append(list);
      if (open && !mayWork) section.append(el('p', { class: 'muted' }, t('console.referral.mergeNeedsClaim')));
      body.append(section);
    }

    // ---- notes (shown with the contact details)
    if (r.notes) {
      const notes = el('section', { class: 'card', attrs: { 'aria-labelledby': 'notes-title' } }, el('h2', { id: 'notes-title' }, t('console.referral.notes')));
      const list = el('ol', { class: 'notes', id: 'notes' });
      for (const n of r.notes) {
        list.append(el('li', { class: 'note' }, el('p', { class: 'note-meta' }, `${dateTime(n.at, lang)} · ${n.by}`), el('p', { class: 'note-text' }, n.text)));
      }
      if (r.notes.length === 0) list.append(el('li', { class: 'muted' }, t('console.referral.noNotes')));
      notes.append(list);
      if (mayWork && r.status !== 'erased') {
        const text = el('textarea', { name: 'note', id: 'note-text', rows: 3, maxLength: 2000, required: true });
        const add = el('button', { type: 'submit', class: 'primary' }, t('console.referral.addNote'));
        const form = el('form', { class: 'note-form' }, field(t('console.referral.noteLabel'), text, t('console.referral.noteHint')), el('div', { class: 'actions' }, add));
        form.addEventListener('submit', (event) => {
          event.preventDefault();
          if (!text.value.trim()) {
            message.error(t('console.referral.noteEmpty'));
            text.focus();
            return;
          }
          void busy(add, async () => {
            try {
              referral = await ctx.api('POST', `/api/referrals/${encodeURIComponent(r.id)}/notes`, { text: text.value });
              draw();
              message.info(t('console.referral.noteSaved'));
              document.getElementById('note-text')?.focus();
            } catch (err) {
              message.error(errorText(ctx, err));
            }
          });
        });
        notes.append(form);
      }
      body.append(notes);
    }

    // ---- the live-handoff conversation the worker agreed to attach (personal data: shown with the contact details)
    if (r.notes) {
      if (transcripts === undefined) {
        transcripts = null;
        void loadTranscripts(r.id);
      } else if (transcripts && transcripts.length > 0) {
        body.append(transcriptSection(transcripts));
      }
    }

    // ---- history
    const history = el('ol', { class: 'history' });
    for (const h of r.history) {
      const show = (value) => (value === undefined ? '–' : h.action === 'project_assigned' ? projectTitle.get(value) ?? value : label(t, `console.status.${value}`, value));
      const move = h.from !== undefined || h.to !== undefined ? `: ${show(h.from)} → ${show(h.to)}` : '';
      const why = h.reason ? ` (${label(t, `console.closeReasons.${h.reason}`, label(t, `console.assignedBy.${h.reason}`, h.reason))})` : '';
      history.append(el('li', {}, el('span', { class: 'note-meta' }, `${dateTime(h.at, lang)} · ${h.by}`), ' ', `${label(t, `console.history.${h.action}`, h.action)}${move}${why}`));
    }
    body.append(el('section', { class: 'card', attrs: { 'aria-labelledby': 'history-title' } }, el('h2', { id: 'history-title' }, t('console.referral.history')), history));
  };

  draw();
}
