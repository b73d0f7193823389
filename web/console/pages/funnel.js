// The campaign funnel (staff): a table per week, province, language or channel, accessible SVG bar charts drawn
// here (no chart library, nothing from another server), the CSV, and the most frequent questions not understood
// (already scrubbed of phone numbers, e-mails and names by the server). Data goes in as text only.
import { busy, clear, dateTime, el, errorText, field, languageName, messageArea, select, table, uid } from '../lib/ui.js';

const GROUPS = ['week', 'province', 'language', 'channel'];
// the eight languages of the chat, then questions recorded without one (models/leads/leadLanguage.ts)
const LANGUAGES = ['it', 'en', 'ro', 'ar', 'sq', 'es', 'uk', 'fr', 'unknown'];
const STAGES = ['conversations', 'questions_answered', 'prechecks_started', 'prechecks_completed_likely_eligible', 'referrals', 'claimed', 'contacted', 'enrolled', 'placed'];
// the live handoff's figures, shown together (the median wait comes from report.handoffWaits)
const HANDOFF_COUNTS = ['handoffs_asked', 'handoffs_accepted', 'handoffs_abandoned', 'handoffs_unanswered', 'handoffs_to_referral'];
const SVG = 'http://www.w3.org/2000/svg';
const BAR_COLOR = '#0b4f8a'; // 8:1 on white
const TEXT_COLOR = '#1b1f24';

function tf(ctx, key, vars) {
  return ctx.t(`consoleContent.funnel.${key}`, vars);
}

function metricLabel(ctx, metric) {
  const key = `consoleContent.funnel.metrics.${metric}`;
  const label = ctx.t(key);
  return label === key ? metric : label;
}

function svgEl(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

/**
 * A horizontal bar chart as SVG: role="img" named by its <title> and described by its <desc>; each bar has its own
 * <title> and its value written beside it, so nothing depends on colour or hovering. Scales to the container.
 */
export function barChart(title, description, bars) {
  const labelWidth = 240;
  const barArea = 360;
  const rowHeight = 28;
  const width = labelWidth + barArea + 70;
  const height = Math.max(1, bars.length) * rowHeight + 10;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const titleId = uid('chart-title');
  const descId = uid('chart-desc');
  const svg = svgEl('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-labelledby': `${titleId} ${descId}`, focusable: 'false', preserveAspectRatio: 'xMinYMin meet' },
    svgEl('title', { id: titleId }, title),
    svgEl('desc', { id: descId }, `${description} ${bars.map((b) => `${b.label}: ${b.value}`).join('; ')}`));
  bars.forEach((bar, i) => {
    const y = 5 + i * rowHeight;
    const w = Math.round((bar.value / max) * barArea);
    const label = bar.label.length > 34 ? `${bar.label.slice(0, 33)}…` : bar.label;
    const group = svgEl('g', {},
      svgEl('title', {}, `${bar.label}: ${bar.value}`),
      svgEl('text', { x: labelWidth - 8, y: y + 18, 'text-anchor': 'end', 'font-size': 14, fill: TEXT_COLOR }, label),
      svgEl('rect', { x: labelWidth, y: y + 4, width: Math.max(w, bar.value > 0 ? 2 : 0), height: rowHeight - 10, fill: BAR_COLOR }),
      svgEl('text', { x: labelWidth + w + 6, y: y + 18, 'font-size': 14, fill: TEXT_COLOR }, String(bar.value)));
    svg.append(group);
  });
  return el('figure', { class: 'chart' }, svg);
}

function todayIso() {
  return new Date().toISOString().slice(0, 10);
}

function daysAgoIso(days) {
  return new Date(Date.now() - days * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

/** "12,5 s", or a dash when nothing was accepted (a median of no wait is not zero). */
function seconds(ctx, value) {
  return value === null || value === undefined ? '–' : tf(ctx, 'handoffs.seconds', { value: value.toLocaleString(ctx.lang) });
}

/**
 * The live handoff by the chosen grouping: asked, accepted, median wait, abandoned, unanswered, turned into
 * referrals; the counts are the funnel's own, the median wait its `handoffWaits` for the same groups.
 */
function handoffSection(ctx, report, groupLabel, groupName) {
  const waits = new Map((report.handoffWaits?.rows ?? []).map((w) => [w.group, w.medianWaitSeconds]));
  const headers = [groupLabel, ...HANDOFF_COUNTS.slice(0, 2).map((m) => metricLabel(ctx, m)), tf(ctx, 'handoffs.medianWait'), ...HANDOFF_COUNTS.slice(2).map((m) => metricLabel(ctx, m))];
  const line = (group, values, wait) => [group, ...HANDOFF_COUNTS.slice(0, 2).map((m) => String(values[m] ?? 0)), seconds(ctx, wait), ...HANDOFF_COUNTS.slice(2).map((m) => String(values[m] ?? 0))];
  const rows = report.rows.map((r) => line(groupName(r.group), r.values, waits.get(r.group)));
  // a group with an acceptance but no counted request of this period (the request was asked the day before) still shows
  for (const w of report.handoffWaits?.rows ?? []) if (!report.rows.some((r) => r.group === w.group)) rows.push(line(groupName(w.group), {}, w.medianWaitSeconds));
  rows.push(line(tf(ctx, 'total'), report.totals, report.handoffWaits?.total.medianWaitSeconds));
  return el('section', { class: 'card', id: 'funnel-handoffs', attrs: { 'aria-labelledby': 'funnel-handoffs-title' } },
    el('h2', { id: 'funnel-handoffs-title' }, tf(ctx, 'handoffs.title')),
    el('p', { class: 'hint' }, tf(ctx, 'handoffs.intro')),
    table(tf(ctx, 'handoffs.caption', { group: groupLabel }), headers, rows));
}

export async function render(root, ctx) {
  const message = messageArea();
  const from = el('input', { type: 'date', name: 'from', value: daysAgoIso(84) });
  const to = el('input', { type: 'date', name: 'to', value: todayIso() });
  const groupBy = select(GROUPS.map((g) => ({ value: g, label: tf(ctx, `groups.${g}`) })), 'week', { name: 'groupBy' });
  const show = el('button', { type: 'submit', class: 'primary' }, tf(ctx, 'show'));
  const csv = el('a', { class: 'button secondary', href: '#', download: '' }, tf(ctx, 'csv'));
  const results = el('div', { class: 'funnel-results', attrs: { 'aria-live': 'polite' } });
  const unansweredLanguage = select([{ value: '', label: ctx.t('staffLanguages.unanswered.all') }, ...LANGUAGES.map((l) => ({ value: l, label: languageName(ctx.t, l) }))], '', { name: 'unansweredLanguage' });
  unansweredLanguage.addEventListener('change', () => void loadUnanswered());
  const unanswered = el('section', { class: 'card', attrs: { 'aria-labelledby': 'funnel-unanswered-title' } });

  const form = el('form', { class: 'filter-grid', attrs: { novalidate: true } },
    field(tf(ctx, 'from'), from),
    field(tf(ctx, 'to'), to),
    field(tf(ctx, 'groupBy'), groupBy),
    el('div', { class: 'actions' }, show, csv));

  clear(root);
  root.append(
    el('h1', { id: 'page-title' }, tf(ctx, 'title')),
    el('p', { class: 'intro' }, tf(ctx, 'intro')),
    form,
    message.node,
    results,
    unanswered,
  );

  function query() {
    const params = new URLSearchParams();
    if (from.value) params.set('from', from.value);
    if (to.value) params.set('to', to.value);
    params.set('groupBy', groupBy.value);
    return params.toString();
  }

  async function load() {
    message.clear();
    csv.href = `/api/analytics/funnel.csv?${query()}`;
    let report;
    try {
      report = await ctx.api('GET', `/api/analytics/funnel?${query()}`);
    } catch (err) {
      message.error(errorText(ctx, err));
      return;
    }
    clear(results);
    const groupLabel = tf(ctx, `groups.${report.groupBy}`);
    // by language, a group is a code: staff read its name ("Arabo (ar)")
    const groupName = (group) => (report.groupBy === 'language' ? languageName(ctx.t, group) : group);
    if (report.rows.length === 0) {
      results.append(el('p', { class: 'muted' }, tf(ctx, 'empty')));
      return;
    }
    // the journey's totals
    results.append(el('section', { class: 'card', attrs: { 'aria-label': tf(ctx, 'chartStages') } },
      el('h2', {}, tf(ctx, 'chartStages')),
      barChart(tf(ctx, 'chartStages'), tf(ctx, 'chartStagesDesc'), STAGES.map((m) => ({ label: metricLabel(ctx, m), value: report.totals[m] ?? 0 })))));

    // one figure across the groups
    const metricSelect = select(report.metrics.map((m) => ({ value: m, label: metricLabel(ctx, m) })), 'conversations', { name: 'metric' });
    const chartBox = el('div');
    const drawByGroup = () => {
      clear(chartBox);
      const metric = metricSelect.value;
      const title = tf(ctx, 'chartByGroup', { metric: metricLabel(ctx, metric), group: groupLabel });
      chartBox.append(barChart(title, tf(ctx, 'chartByGroupDesc'), report.rows.map((r) => ({ label: groupName(r.group), value: r.values[metric] ?? 0 }))));
    };
    metricSelect.addEventListener('change', drawByGroup);
    drawByGroup();
    results.append(el('section', { class: 'card', attrs: { 'aria-label': tf(ctx, 'chartMetric') } }, field(tf(ctx, 'chartMetric'), metricSelect), chartBox));

    // the table: groups as rows, figures as columns, totals last
    const headers = [groupLabel, ...report.metrics.map((m) => metricLabel(ctx, m))];
    const rows = report.rows.map((r) => [groupName(r.group), ...report.metrics.map((m) => String(r.values[m] ?? 0))]);
    rows.push([tf(ctx, 'total'), ...report.metrics.map((m) => String(report.totals[m] ?? 0))]);
    results.append(table(tf(ctx, 'tableCaption', { group: groupLabel }), headers, rows));
    results.append(handoffSection(ctx, report, groupLabel, groupName));
  }

  async function loadUnanswered() {
    clear(unanswered);
    unanswered.append(el('h2', { id: 'funnel-unanswered-title' }, tf(ctx, 'unanswered')), el('p', { class: 'hint' }, tf(ctx, 'unansweredIntro')), field(ctx.t('staffLanguages.unanswered.filter'), unansweredLanguage));
    try {
      const language = unansweredLanguage.value;
      const data = await ctx.api('GET', `/api/analytics/unanswered?limit=20${language ? `&language=${encodeURIComponent(language)}` : ''}`);
      // every language, zeros included
      unanswered.append(
        el('p', { class: 'hint' }, ctx.t('staffLanguages.unanswered.byLanguageIntro')),
        table(ctx.t('staffLanguages.unanswered.byLanguage'), [tf(ctx, 'unansweredColumns.language'), ctx.t('staffLanguages.unanswered.distinct'), ctx.t('staffLanguages.unanswered.asked')],
          data.byLanguage.map((b) => [languageName(ctx.t, b.language), String(b.distinct), String(b.asked)])));
      if (data.items.length === 0) {
        unanswered.append(el('p', { class: 'muted' }, tf(ctx, 'unansweredNone')));
        return;
      }
      const headers = [tf(ctx, 'unansweredColumns.text'), tf(ctx, 'unansweredColumns.count'), tf(ctx, 'unansweredColumns.language'), tf(ctx, 'unansweredColumns.lastAt')];
      unanswered.append(table(tf(ctx, 'unanswered'), headers, data.items.map((u) => [u.text, String(u.count), languageName(ctx.t, u.language), dateTime(u.lastAt, ctx.lang)])));
    } catch (err) {
      unanswered.append(el('p', { class: 'message message-error', attrs: { role: 'alert' } }, errorText(ctx, err)));
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(show, load);
  });
  await Promise.all([load(), loadUnanswered()]);
}
