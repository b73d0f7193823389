/**
 * Append-only record of who did what (claims, transitions, exports, account changes), for staff. Entries carry
 * ids and codes only: `details` takes flat primitive values and refuses keys that usually hold personal data.
 * There is no update or delete here on purpose.
 */
import { randomUUID } from 'node:crypto';
import type { CollectionSpec, DocumentCollection, Filter } from '../store/collection';
import type { Store } from '../store/store';
import { ValidationError } from '../errors';
import { pageNewestFirst, type Page, type PageRequest } from '../leads/paging';

export type AuditDetails = Record<string, string | number | boolean | null>;

export type AuditEntry = {
  _id: string;
  at: Date;
  /** account id, "worker" or "system" */
  actor: string;
  /** e.g. "lead.claimed", "lead.exported", "account.created" */
  action: string;
  /** what was acted on, e.g. "lead:<id>", "project:<id>" */
  target: string;
  details: AuditDetails;
};

export interface AuditFilters {
  actor?: string;
  action?: string;
  target?: string;
  from?: Date;
  to?: Date;
}

export const AUDIT_COLLECTION: CollectionSpec = {
  name: 'audit',
  indexes: [{ field: 'at' }, { field: 'actor' }, { field: 'target' }],
  sortIndexes: [{ at: -1, _id: -1 }],
};

/** keys that would invite personal data into the log */
const FORBIDDEN_KEYS = /name|phone|email|mail|text|note|contact|address|token|password|secret/i;
const CODE = /^[A-Za-z0-9_.:@-]{1,200}$/;
const MAX_DETAILS = 20;

function checkCode(value: unknown, field: string): string {
  if (typeof value !== 'string' || !CODE.test(value)) throw new ValidationError(field, 'invalid_code');
  return value;
}

export class AuditLog {
  private constructor(private readonly docs: DocumentCollection<AuditEntry>, private readonly now: () => Date) {}

  static async open(store: Store, deps: { now: () => Date }): Promise<AuditLog> {
    return new AuditLog(await store.collection<AuditEntry>(AUDIT_COLLECTION), deps.now);
  }

  async append(entry: { actor: string; action: string; target: string; details?: AuditDetails }): Promise<AuditEntry> {
    const details: AuditDetails = {};
    const given = entry.details ?? {};
    if (Object.keys(given).length > MAX_DETAILS) throw new ValidationError('details', 'too_many');
    for (const [key, value] of Object.entries(given)) {
      if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(key) || FORBIDDEN_KEYS.test(key)) throw new ValidationError(`details.${key}`, 'not_allowed');
      if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) throw new ValidationError(`details.${key}`, 'not_a_primitive');
      if (typeof value === 'string' && value.length > 200) throw new ValidationError(`details.${key}`, 'too_long');
      details[key] = value;
    }
    const doc: AuditEntry = {
      _id: randomUUID(),
      at: this.now(),
      actor: checkCode(entry.actor, 'actor'),
      action: checkCode(entry.action, 'action'),
      target: checkCode(entry.target, 'target'),
      details,
    };
    return this.docs.insert(doc);
  }

  /** Newest first, walking the time index in windows (see leads/paging.ts); filters apply within each window. */
  list(filters: AuditFilters = {}, page: PageRequest = {}): Promise<Page<AuditEntry>> {
    const where: Filter = {};
    if (filters.action !== undefined) where.action = checkCode(filters.action, 'action');
    if (filters.target !== undefined) where.target = checkCode(filters.target, 'target');
    if (filters.actor !== undefined) where.actor = checkCode(filters.actor, 'actor');
    return pageNewestFirst(this.docs, {
      timeField: 'at',
      where,
      ...(filters.from ? { from: filters.from } : {}),
      ...(filters.to ? { to: filters.to } : {}),
      page,
      now: this.now(),
    });
  }
}
