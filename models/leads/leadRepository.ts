import type { CollectionSpec, DocumentCollection, Filter, Update } from '../store/collection';
import type { Store } from '../store/store';
import type { Lead } from './lead';
import { OPEN_STATUSES } from './lead';
import { pageNewestFirst, type NewestFirstQuery, type Page } from './paging';

export const LEADS_COLLECTION: CollectionSpec = {
  name: 'leads',
  indexes: [
    { field: 'reference', unique: true },
    // the idempotency key of the creating submission, and of every submission merged in (multikey, unique)
    { field: 'submissionId', unique: true, sparse: true },
    { field: 'submissionIds', unique: true, sparse: true },
    // listings walk these timelines (see paging.ts): they serve as the compound (project, time) and (status,
    // time) indexes nedb lacks, so plain projectId/status indexes would only slow loading and writes
    { field: 'createdAt' },
    { field: 'projectTime' },
    { field: 'statusTime' },
    { field: 'phoneKey', sparse: true },
    { field: 'emailKey', sparse: true },
    { field: 'openPhoneKey', unique: true, sparse: true },
    { field: 'openEmailKey', unique: true, sparse: true },
    { field: 'userKeys', sparse: true },
  ],
};

/** Storage of leads over the store port; the rules are in LeadService. */
export class LeadRepository {
  private constructor(private readonly docs: DocumentCollection<Lead>) {}

  static async open(store: Store): Promise<LeadRepository> {
    return new LeadRepository(await store.collection<Lead>(LEADS_COLLECTION));
  }

  /** Rejects with DuplicateKeyError when the reference or a submission id is taken. */
  insert(lead: Lead): Promise<Lead> {
    return this.docs.insert(lead);
  }

  findById(id: string): Promise<Lead | null> {
    return this.docs.findOne({ _id: id });
  }

  findByReference(reference: string): Promise<Lead | null> {
    return this.docs.findOne({ reference });
  }

  findBySubmission(submissionId: string): Promise<Lead | null> {
    return this.docs.findOne({ submissionIds: submissionId });
  }

  /** Open leads with this phone key or e-mail key (two index lookups; $or would scan everything in nedb). */
  async findOpenByContactKeys(phoneKey?: string, emailKey?: string): Promise<Lead[]> {
    const found = new Map<string, Lead>();
    for (const filter of [phoneKey ? { phoneKey } : undefined, emailKey ? { emailKey } : undefined]) {
      if (!filter) continue;
      for (const lead of await this.docs.find(filter)) {
        if ((OPEN_STATUSES as readonly string[]).includes(lead.status)) found.set(lead._id, lead);
      }
    }
    return [...found.values()];
  }

  /**
   * Frees open-contact keys still held by leads that are no longer open (a write that ended a lead without
   * unsetting them, e.g. before they existed): otherwise that person could never submit again.
   */
  async releaseStaleOpenKeys(phoneKey?: string, emailKey?: string): Promise<number> {
    let released = 0;
    const notOpen = { $nin: [...OPEN_STATUSES] };
    if (phoneKey && (await this.docs.updateOne({ openPhoneKey: phoneKey, status: notOpen }, { $unset: { openPhoneKey: true } }))) released += 1;
    if (emailKey && (await this.docs.updateOne({ openEmailKey: emailKey, status: notOpen }, { $unset: { openEmailKey: true } }))) released += 1;
    return released;
  }

  findByUserKey(userKey: string): Promise<Lead[]> {
    return this.docs.find({ userKeys: userKey }, { sort: { createdAt: -1, _id: -1 } });
  }

  /** One atomic conditional update: the updated lead, or null when `filter` matched nothing. */
  updateIf(filter: Filter, update: Update): Promise<Lead | null> {
    return this.docs.updateOne(filter, update);
  }

  /** Newest first along createdAt, or along the given projects' timelines (see paging.ts). */
  page(query: Omit<NewestFirstQuery, 'timeField'>): Promise<Page<Lead>> {
    return pageNewestFirst(this.docs, { ...query, timeField: 'createdAt' });
  }

  find(filter: Filter): Promise<Lead[]> {
    return this.docs.find(filter);
  }
}
