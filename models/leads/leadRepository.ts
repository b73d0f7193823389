import type { CollectionSpec, DocumentCollection, Filter, Update, WriteOptions } from '../store/collection';
import type { Store } from '../store/store';
import type { Lead } from './lead';
import { LeadCounters } from './leadCounters';
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
    // one open lead per chat identity (see Lead.openOwnerKey); the former unique openPhoneKey/openEmailKey indexes
    // are gone: a phone number or an e-mail never decides whose lead it is
    { field: 'openOwnerKey', unique: true, sparse: true },
    { field: 'userKeys', sparse: true },
    { field: 'possibleDuplicates', sparse: true },
    // leads holding events not yet published (a crash between the change and its publication): the relay's sweep
    { field: 'eventsPending', sparse: true },
    // retention finds the leads that ended before its cut-off here (set when closed or placed, unset on erasure)
    { field: 'endedAt', sparse: true },
    // the retention pass purges the Teams cards' outbox rows of referrals erased lately, by the worker too
    { field: 'erasedTime', sparse: true },
  ],
  // the listings' sorts (paging.ts sorts along the timeline walked; "i miei dati" along createdAt)
  sortIndexes: [
    { createdAt: -1, _id: -1 },
    { projectTime: -1, _id: -1 },
    { statusTime: -1, _id: -1 },
    { userKeys: 1, createdAt: -1, _id: -1 },
  ],
};

/**
 * One document per decided claim: `_id` is `<lead id>:<claim round>`, so the database's unique `_id` lets exactly
 * one of concurrent claimers insert it, on every store (FerretDB included, whose conditional updates are not
 * atomic). The lead's own update follows; the record is what decides.
 */
export const LEAD_CLAIMS_COLLECTION: CollectionSpec = { name: 'lead_claims', indexes: [{ field: 'leadId' }] };

export type LeadClaim = {
  /** `<lead id>:<claim round>` */
  _id: string;
  leadId: string;
  round: number;
  operatorId: string;
  at: Date;
};

/** Storage of leads over the store port; the rules are in LeadService. */
export class LeadRepository {
  private constructor(
    private readonly docs: DocumentCollection<Lead>,
    private readonly claims: DocumentCollection<LeadClaim>,
    /** the funnel's lifecycle counters, moved by LeadService at each change of a lead */
    readonly counters: LeadCounters,
  ) {}

  static async open(store: Store): Promise<LeadRepository> {
    return new LeadRepository(await store.collection<Lead>(LEADS_COLLECTION), await store.collection<LeadClaim>(LEAD_CLAIMS_COLLECTION), await LeadCounters.open(store));
  }

  /** Rejects with DuplicateKeyError when the reference or a submission id is taken. */
  insert(lead: Lead): Promise<Lead> {
    return this.docs.insert(lead);
  }

  /**
   * Inserts a new lead unless its submission was recorded already or its owner (`openOwnerKey`) has an open lead:
   * then nothing is written and those are the answer, as findBySubmission and findOpenByOwner give them. When
   * inserted, the other open leads with its phone or e-mail key come with it, as findOpenByContactKeys called after
   * the insert. Where the store applies operations in call order (the embedded store), the looks, the insert and
   * the look behind it are one round through the store: the worker's confirmation waits for one sync, not three.
   * Rejects as insert does.
   */
  async insertUnlessKnown(lead: Lead): Promise<{ inserted: Lead; sameContacts: Lead[] } | { seen: Lead | null; owned: Lead[] }> {
    const unless: Filter[] = [{ submissionIds: lead.submissionId }];
    if (lead.openOwnerKey) unless.push({ userKeys: lead.openOwnerKey, status: { $in: [...OPEN_STATUSES] } });
    const inserting = this.docs.insertUnless(lead, unless);
    const looksBehind = (lead.phoneKey || lead.emailKey) && this.docs.appliesInCallOrder;
    const finding = looksBehind ? this.findOpenByContactKeys(lead.phoneKey, lead.emailKey) : undefined;
    // a refused insert, or one not made, is the answer: the look behind it is dropped (its own failure with it)
    finding?.catch(() => undefined);
    const outcome = await inserting;
    if ('found' in outcome) {
      const [[seen], owned = []] = outcome.found;
      return { seen: seen ?? null, owned: owned.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime()) };
    }
    const sameContacts = finding ? await finding : lead.phoneKey || lead.emailKey ? await this.findOpenByContactKeys(lead.phoneKey, lead.emailKey) : [];
    return { inserted: outcome.inserted, sameContacts };
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

  /**
   * Open leads with this phone key or e-mail key: two index lookups ($or would scan everything in nedb), asked at
   * once so that a submission with both waits for one round through the store.
   */
  async findOpenByContactKeys(phoneKey?: string, emailKey?: string): Promise<Lead[]> {
    const filters = [phoneKey ? { phoneKey } : undefined, emailKey ? { emailKey } : undefined].filter((f) => f !== undefined);
    const found = new Map<string, Lead>();
    for (const leads of await Promise.all(filters.map((filter) => this.docs.find(filter)))) {
      for (const lead of leads) {
        if ((OPEN_STATUSES as readonly string[]).includes(lead.status)) found.set(lead._id, lead);
      }
    }
    return [...found.values()];
  }

  /** The open leads this chat identity owns (normally one), the most recently updated first. */
  async findOpenByOwner(userKey: string): Promise<Lead[]> {
    const owned = await this.docs.find({ userKeys: userKey });
    return owned
      .filter((lead) => (OPEN_STATUSES as readonly string[]).includes(lead.status))
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  }

  /**
   * Frees the open-owner key still held by a lead that is no longer open (a write that ended it without unsetting
   * the key, e.g. an older version or a hand edit): otherwise that identity could never submit again.
   */
  async releaseStaleOwnerKey(userKey: string): Promise<boolean> {
    return (await this.docs.updateOne({ openOwnerKey: userKey, status: { $nin: [...OPEN_STATUSES] } }, { $unset: { openOwnerKey: true } })) !== null;
  }

  /** Leads naming this one among their possible duplicates. */
  findNamingAsDuplicate(leadId: string): Promise<Lead[]> {
    return this.docs.find({ possibleDuplicates: leadId });
  }

  findByIds(ids: readonly string[]): Promise<Lead[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.docs.find({ _id: { $in: [...ids] } });
  }

  findByUserKey(userKey: string): Promise<Lead[]> {
    return this.docs.find({ userKeys: userKey }, { sort: { createdAt: -1, _id: -1 } });
  }

  /** Records a claim; rejects with DuplicateKeyError when this lead's round was claimed already (someone else won). */
  insertClaim(claim: LeadClaim): Promise<LeadClaim> {
    return this.claims.insert(claim);
  }

  findClaim(id: string): Promise<LeadClaim | null> {
    return this.claims.findOne({ _id: id });
  }

  /** Withdraws a claim record whose lead update did not happen (the claimer's own, by id and operator). */
  async deleteClaim(id: string, operatorId: string): Promise<void> {
    await this.claims.deleteMany({ _id: id, operatorId });
  }

  /** One atomic conditional update: the updated lead, or null when `filter` matched nothing. */
  updateIf(filter: Filter, update: Update, options?: WriteOptions): Promise<Lead | null> {
    return this.docs.updateOne(filter, update, options);
  }

  /** Newest first along createdAt, or along the given projects' timelines (see paging.ts). */
  page(query: Omit<NewestFirstQuery, 'timeField'>): Promise<Page<Lead>> {
    return pageNewestFirst(this.docs, { ...query, timeField: 'createdAt' });
  }

  find(filter: Filter, limit?: number): Promise<Lead[]> {
    return this.docs.find(filter, limit ? { limit } : {});
  }
}
