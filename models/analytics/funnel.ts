/**
 * The campaign funnel (pure): chat counters plus the leads' lifecycle steps, summed per ISO week, province,
 * language or channel, and its CSV. By language, every one of the eight has its row (zeros included, so a language
 * nobody uses shows as such), in the order of models/languages.ts, then `unknown` (rows recorded without one).
 */
import { z } from 'zod';
import { romeDay } from '../text/dates';
import { LEAD_LANGUAGES, leadLanguageOf } from '../leads/leadLanguage';
import type { CounterDoc } from './analyticsRecorder';

export const GROUP_BY = ['week', 'province', 'language', 'channel'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export function isGroupBy(value: unknown): value is GroupBy {
  return typeof value === 'string' && (GROUP_BY as readonly string[]).includes(value);
}

/** The funnel's columns in the order of the journey; other counted metrics follow. */
export const FUNNEL_METRICS = [
  'conversations',
  'questions_answered',
  'questions_suggested',
  'questions_not_understood',
  'handoffs_asked',
  // the live handoff's steps (models/handoff/handoffService.ts); the median wait is in `handoffWaits`
  'handoffs_accepted',
  'handoffs_abandoned',
  'handoffs_unanswered',
  'handoffs_to_referral',
  'prechecks_started',
  'prechecks_completed_likely_eligible',
  'prechecks_completed_to_verify',
  'prechecks_completed_not_eligible',
  'referrals',
  'claimed',
  'contacted',
  'enrolled',
  'placed',
] as const;

/** Leads that took a lifecycle step: one at `at`, or `count` of them on `day` (YYYY-MM-DD, Italian time). */
export type LifecycleStep = ({ at: Date; day?: undefined } | { day: string; at?: undefined }) & {
  step: 'claimed' | 'contacted' | 'enrolled' | 'placed';
  province?: string;
  locale: string;
  channel: string;
  /** default 1 */
  count?: number;
};

const counts = z.record(z.string(), z.int());

/** One accepted live handoff's wait, without the worker (models/handoff/handoff.ts WaitRecord). */
export interface HandoffWait {
  day: string;
  province: string;
  language: string;
  channel: string;
  waitMs: number;
}

const waitRow = z.object({
  group: z.string(),
  accepted: z.int().meta({ description: 'acceptances whose wait was recorded' }),
  medianWaitSeconds: z.number().nullable().meta({ description: 'from the request to its acceptance, tenths of a second; null: none accepted' }),
});

/** The funnel as the API answers it (GET /api/analytics/funnel documents this schema). */
export const funnelReportSchema = z.object({
  groupBy: z.enum(GROUP_BY),
  /** first day included, last day excluded (YYYY-MM-DD, Italian days), when bounded */
  fromDay: z.string().meta({ format: 'date' }).optional(),
  toDay: z.string().meta({ format: 'date', description: 'excluded' }).optional(),
  metrics: z.array(z.string()),
  rows: z.array(z.object({ group: z.string(), values: counts })),
  totals: counts,
  /** the live handoff's median wait, per group of the same grouping (a median is not a sum: kept out of `values`) */
  handoffWaits: z.object({ rows: z.array(waitRow), total: waitRow }).optional(),
});
export type FunnelReport = z.infer<typeof funnelReportSchema>;
export type FunnelRow = FunnelReport['rows'][number];

/** "2025-03-03" -> "2025-W10" (ISO 8601 week, weeks start on Monday). */
export function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the Thursday of this week decides the year
  const year = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((date.getTime() - firstThursday.getTime()) / (7 * 24 * 3600 * 1000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

interface Fact {
  day: string;
  metric: string;
  province: string;
  language: string;
  channel: string;
  count: number;
}

function groupOf(fact: Fact, groupBy: GroupBy): string {
  switch (groupBy) {
    case 'week':
      return isoWeek(fact.day);
    case 'province':
      return fact.province;
    case 'language':
      return fact.language;
    case 'channel':
      return fact.channel;
  }
}

/** The median of some waits, in seconds to a tenth; null for none. */
function medianSeconds(waits: readonly number[]): number | null {
  if (waits.length === 0) return null;
  const sorted = [...waits].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return Math.round(median / 100) / 10;
}

/** The median wait per group of the funnel's grouping (the rows the funnel has, in its order, then any other). */
function handoffWaitsOf(waits: readonly HandoffWait[], groupBy: GroupBy, groups: readonly string[], inRange: (day: string) => boolean): NonNullable<FunnelReport['handoffWaits']> {
  const byGroup = new Map<string, number[]>(groups.map((g) => [g, []]));
  const all: number[] = [];
  for (const w of waits) {
    if (!inRange(w.day)) continue;
    const group = groupOf({ day: w.day, metric: '', province: w.province, language: leadLanguageOf(w.language), channel: w.channel, count: 1 }, groupBy);
    byGroup.set(group, [...(byGroup.get(group) ?? []), w.waitMs]);
    all.push(w.waitMs);
  }
  return {
    rows: [...byGroup.entries()].map(([group, list]) => ({ group, accepted: list.length, medianWaitSeconds: medianSeconds(list) })),
    total: { group: 'total', accepted: all.length, medianWaitSeconds: medianSeconds(all) },
  };
}

export function buildFunnel(
  counters: readonly CounterDoc[],
  steps: readonly LifecycleStep[],
  groupBy: GroupBy,
  range: { fromDay?: string; toDay?: string } = {},
  waits?: readonly HandoffWait[],
): FunnelReport {
  const inRange = (day: string): boolean => (range.fromDay === undefined || day >= range.fromDay) && (range.toDay === undefined || day < range.toDay);
  const facts: Fact[] = counters
    .filter((c) => inRange(c.day))
    .map((c) => ({ day: c.day, metric: c.metric, province: c.province, language: leadLanguageOf(c.language), channel: c.channel, count: c.count }));
  for (const s of steps) {
    const day = s.day ?? romeDay(s.at);
    if (!inRange(day)) continue;
    facts.push({ day, metric: s.step, province: s.province ?? 'unknown', language: leadLanguageOf(s.locale), channel: s.channel, count: s.count ?? 1 });
  }
  const extra = [...new Set(facts.map((f) => f.metric))].filter((m) => !(FUNNEL_METRICS as readonly string[]).includes(m)).sort();
  const metrics = [...FUNNEL_METRICS, ...extra];
  const zero = (): Record<string, number> => Object.fromEntries(metrics.map((m) => [m, 0]));
  const rows = new Map<string, Record<string, number>>();
  // by language, each of the eight and `unknown` has its row, with zeros when nothing was counted
  if (groupBy === 'language') for (const language of LEAD_LANGUAGES) rows.set(language, zero());
  const totals = zero();
  for (const f of facts) {
    const group = groupOf(f, groupBy);
    const values = rows.get(group) ?? zero();
    values[f.metric] += f.count;
    totals[f.metric] += f.count;
    rows.set(group, values);
  }
  // languages keep the table's order (rows are seeded in it); other groupings sort by name
  const ordered = (groupBy === 'language' ? [...rows.entries()] : [...rows.entries()].sort(([a], [b]) => a.localeCompare(b))).map(([group, values]) => ({ group, values }));
  return {
    groupBy,
    ...(range.fromDay ? { fromDay: range.fromDay } : {}),
    ...(range.toDay ? { toDay: range.toDay } : {}),
    metrics,
    rows: ordered,
    totals,
    ...(waits ? { handoffWaits: handoffWaitsOf(waits, groupBy, ordered.map((r) => r.group), inRange) } : {}),
  };
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * RFC 4180 with a BOM (Excel), the group first, then one column per metric, then (when the report has the live
 * handoff's waits) `handoff_median_wait_seconds`, empty where no request was accepted; then a total row.
 */
export function funnelCsv(report: FunnelReport): string {
  const waits = report.handoffWaits;
  const medianOf = (group: string): string[] => {
    if (!waits) return [];
    const seconds = (group === 'total' ? waits.total : waits.rows.find((r) => r.group === group))?.medianWaitSeconds;
    return [seconds === null || seconds === undefined ? '' : String(seconds)];
  };
  const lines = [[report.groupBy, ...report.metrics, ...(waits ? ['handoff_median_wait_seconds'] : [])].map(cell).join(',')];
  for (const row of report.rows) lines.push([cell(row.group), ...report.metrics.map((m) => String(row.values[m] ?? 0)), ...medianOf(row.group)].join(','));
  lines.push(['total', ...report.metrics.map((m) => String(report.totals[m] ?? 0)), ...medianOf('total')].join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
