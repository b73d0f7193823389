import * as fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { REFERENCE_ALPHABET } from '../models/leads/lead';

/**
 * Many leads written straight into an nedb data file (one JSON document per line, dates as {"$$date": ms}, which
 * is how nedb persists them), for the listing benchmark and the listing tests: seconds instead of minutes of inserts.
 * Deterministic (seeded), spread over two years, statuses and provinces mixed.
 */
const PROVINCES = ['BG', 'BS', 'CO', 'CR', 'LC', 'LO', 'MN', 'MI', 'MB', 'PV', 'SO', 'VA'];
export const SYNTHETIC_NOW = Date.parse('2025-06-30T12:00:00.000Z');
const SPAN = 2 * 365 * 86_400_000;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function writeSyntheticLeads(file: string, total: number, projects: readonly string[]): void {
  const rand = rng(42);
  const fd = fs.openSync(file, 'w');
  let buffer: string[] = [];
  for (let i = 0; i < total; i++) {
    const created = SYNTHETIC_NOW - Math.floor(rand() * SPAN);
    const date = { $$date: created };
    const r = rand();
    const status = r < 0.2 ? 'new' : r < 0.35 ? 'claimed' : r < 0.5 ? 'contacted' : r < 0.6 ? 'enrolled' : r < 0.7 ? 'placed' : r < 0.98 ? 'closed' : 'erased';
    const projectId = rand() < 0.1 ? null : projects[Math.floor(rand() * projects.length)];
    const province = PROVINCES[Math.floor(rand() * PROVINCES.length)];
    const doc = {
      _id: randomUUID(),
      reference: `AR-${[4, 3, 2, 1, 0].map((d) => REFERENCE_ALPHABET[Math.floor(i / 32 ** d) % 32]).join('')}`,
      submissionId: `bulk-${i}`,
      submissionIds: [`bulk-${i}`],
      precheck: { answers: { province, crisisKind: 'cigs', situation: 'unemployed', leftOn: '2024-01-15' }, outcome: 'eligible', reasons: ['unit_in_lombardy'], rulesVersion: '2018-10' },
      province,
      contact: { name: `Lavoratore ${i}`, phone: `+3933${String(i).padStart(8, '0')}`, email: `w${i}@example.com` },
      phoneKey: `p${i}`,
      emailKey: `e${i}`,
      employer: { name: `Ditta ${i % 500} srl`, sector: 'metalmeccanico' },
      consent: { noticeVersion: 'v1', textHash: 'h', givenAt: date },
      locale: 'it',
      channel: 'webchat',
      conversationRef: { channelId: 'webchat', conversation: { id: `c${i}` } },
      userKeys: [`u${i}`],
      status,
      projectId,
      projectTime: `${projectId ?? ''}|${new Date(created).toISOString()}`,
      statusTime: `${status}|${new Date(created).toISOString()}`,
      notes: [],
      history: historyOf(status, created),
      rev: 1,
      createdAt: date,
      updatedAt: date,
    };
    buffer.push(JSON.stringify(doc));
    if (buffer.length === 5000) {
      fs.writeSync(fd, buffer.join('\n') + '\n');
      buffer = [];
    }
  }
  if (buffer.length) fs.writeSync(fd, buffer.join('\n') + '\n');
  fs.closeSync(fd);
}

/** The lifecycle steps a lead in `status` went through, a day apart (what the funnel counts). */
function historyOf(status: string, created: number): Array<Record<string, unknown>> {
  const history: Array<Record<string, unknown>> = [{ at: { $$date: created }, by: 'worker', action: 'submitted', to: 'new' }];
  const reached = ['claimed', 'contacted', 'enrolled', 'placed'].slice(0, ['new', 'claimed', 'contacted', 'enrolled', 'placed'].indexOf(status));
  reached.forEach((step, i) => {
    const at = { $$date: created + (i + 1) * 86_400_000 };
    history.push(step === 'claimed' ? { at, by: 'op-1', action: 'claimed', from: 'new', to: 'claimed' } : { at, by: 'op-1', action: 'status_changed', to: step });
  });
  return history;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

