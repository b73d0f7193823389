/**
 * Every sort a listing asks the store for has a matching declared index, on both stores: the listings run against
 * a store that records each sorted `find`, and each recorded sort must be served by an index the collection
 * declares (CollectionSpec.sortIndexes, or a one-field index) whose last keys are the sort's (in order, all
 * directions the same or all reversed) and whose keys before them the filter fixes by equality; that index must be
 * listed by the store after start (`indexNames`). A managed service that refuses sorts without an index (Cosmos DB's
 * MongoDB API) then serves them all, and a new listing without its index fails here.
 */
import { AnnouncementStore } from '../../models/campaign/announcements';
import { SubscriptionStore } from '../../models/campaign/subscriptions';
import { AccountService } from '../../models/accounts/accountService';
import { AnalyticsRecorder } from '../../models/analytics/analyticsRecorder';
import { AuditLog } from '../../models/audit/auditLog';
import { LeadEventLog } from '../../models/leads/leadEvents';
import { LeadRepository } from '../../models/leads/leadRepository';
import { LeadService } from '../../models/leads/leadService';
import { silentLogger } from '../../models/logger';
import { ProjectRepository } from '../../models/projects/projectRepository';
import { sortIndexName, type CollectionSpec, type Doc, type DocumentCollection, type Filter, type FindOptions, type SortSpec } from '../../models/store/collection';
import { JobLease } from '../../models/store/jobLease';
import type { Store } from '../../models/store/store';
import { ChannelLinkStore } from '../../models/teams/channelLinks';
import { Outbox } from '../../models/teams/outbox';
import { storeFactories } from '../support/adapters';
import { fixedClock, submission } from '../leads/fixtures';

interface SortedFind {
  spec: CollectionSpec;
  filter: Filter;
  sort: SortSpec;
}

/** The store, with every sorted find recorded along with the spec its collection was opened with. */
function recording(store: Store, finds: SortedFind[]): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop !== 'collection') return Reflect.get(target, prop, receiver) as unknown;
      return async <T extends Doc>(spec: CollectionSpec): Promise<DocumentCollection<T>> => {
        const docs = await target.collection<T>(spec);
        return new Proxy(docs, {
          get(inner, name, innerReceiver) {
            if (name !== 'find') return Reflect.get(inner, name, innerReceiver) as unknown;
            return (filter: Filter, options: FindOptions = {}) => {
              if (options.sort) finds.push({ spec, filter, sort: options.sort });
              return inner.find(filter, options);
            };
          },
        });
      };
    },
  });
}

/** Whether the filter fixes `field` to one value (or a set of values: MongoDB merges their sorted runs). */
function fixedBy(filter: Filter, field: string): boolean {
  const value = filter[field];
  if (value === undefined) return false;
  if (value === null || typeof value !== 'object' || value instanceof Date) return true;
  const ops = Object.keys(value);
  return ops.length > 0 && ops.every((op) => op === '$eq' || op === '$in');
}

/** The declared index (by its name as both stores list it) that serves this sort, if any. */
function servingIndex({ spec, filter, sort }: SortedFind): string | undefined {
  const wanted = Object.entries(sort);
  const candidates: SortSpec[] = [...(spec.sortIndexes ?? []), ...spec.indexes.map((index): SortSpec => ({ [index.field]: 1 }))];
  if (wanted.length === 1 && wanted[0][0] === '_id') return '_id';
  for (const keys of candidates) {
    const entries = Object.entries(keys);
    const tail = entries.slice(entries.length - wanted.length);
    if (tail.length !== wanted.length || tail.some(([field], i) => field !== wanted[i][0])) continue;
    const same = tail.every(([, direction], i) => direction === wanted[i][1]);
    const reversed = tail.every(([, direction], i) => direction === -wanted[i][1]);
    if (!same && !reversed) continue;
    if (entries.slice(0, entries.length - wanted.length).every(([field]) => fixedBy(filter, field))) {
      return entries.length === 1 && (spec.sortIndexes ?? []).every((k) => sortIndexName(k) !== sortIndexName(keys)) ? entries[0][0] : sortIndexName(keys);
    }
  }
  return undefined;
}

const COLLECTIONS_SORTED = ['accounts', 'analytics_unanswered', 'audit', 'campaign_announcements', 'campaign_subscriptions', 'job_leases', 'lead_events', 'leads', 'projects', 'teams_channel_links', 'teams_outbox'];

describe.each(storeFactories())('listing sorts on the $name store', (factory) => {
  test('every sort a listing uses has a matching declared index, listed by the store after start', async () => {
    const opened = await factory.open();
    const finds: SortedFind[] = [];
    const store = recording(opened, finds);
    const clock = fixedClock('2030-01-01T09:00:00.000Z');
    try {
      const leads = new LeadService(await LeadRepository.open(store), { now: clock.now });
      const { lead } = await leads.submit(submission({ channelUserId: 'sorts-1' }), 'sorts-1');
      await leads.list({ role: 'staff' }, {}, { limit: 5 });
      await leads.list({ role: 'staff' }, { status: 'new' }, { limit: 5 });
      await leads.list({ role: 'staff' }, { projectId: null }, { limit: 5 });
      await leads.list({ role: 'operator', projectIds: ['p1', 'p2'] }, {}, { limit: 5 });
      await leads.findForWorker({ channel: 'webchat', userId: 'sorts-1' });
      const events = await LeadEventLog.open(store, { consumers: ['teams'], clock: clock.now });
      await events.forLead(lead._id);
      const audit = await AuditLog.open(store, { now: clock.now });
      await audit.append({ actor: 'staff-1', action: 'lead.claimed', target: `lead:${lead._id}` });
      await audit.list({}, { limit: 5 });
      await audit.list({ actor: 'staff-1', action: 'lead.claimed' }, { limit: 5 });
      const projects = await ProjectRepository.open(store);
      await projects.list();
      await projects.listActive();
      await (await JobLease.open(store, 'retention', 60_000)).acquire(clock.now());
      const announcements = await AnnouncementStore.open(store, { now: clock.now });
      await announcements.list(10);
      await announcements.due(clock.now());
      await announcements.nextScheduledAt();
      const subscriptions = await SubscriptionStore.open(store, { now: clock.now });
      await subscriptions.activeFor('webchat', 'sorts-1', 'conv-1');
      await subscriptions.page({ provinces: ['BG'], topics: [] }, undefined, 10);
      const links = await ChannelLinkStore.open(store, { now: clock.now });
      await links.forConversation('19:conv@thread.tacv2');
      await links.activeForProject('p1');
      const outbox = await Outbox.open(store);
      await outbox.due(clock.now());
      await outbox.nextDueAt();
      await (await AccountService.open(store, { now: clock.now })).list();
      const analytics = await AnalyticsRecorder.open(store, { now: clock.now, logger: silentLogger });
      await analytics.topUnanswered(10);
      await analytics.topUnanswered(10, 'it');
      await analytics.close();

      // the listings above reached these collections with a sort (a listing dropped from here fails loudly)
      expect([...new Set(finds.map((f) => f.spec.name))].sort()).toEqual(COLLECTIONS_SORTED);
      const unserved = finds.filter((f) => servingIndex(f) === undefined).map((f) => `${f.spec.name}: ${JSON.stringify(f.sort)} with ${JSON.stringify(Object.keys(f.filter))}`);
      expect([...new Set(unserved)]).toEqual([]);
      for (const f of finds) {
        const name = servingIndex(f) as string;
        const listed = await (await opened.collection(f.spec)).indexNames();
        const expected = factory.name === 'mongodb' && name !== '_id' && !name.includes('_-1') && !name.includes('_1') ? `${name}_1` : name;
        expect({ collection: f.spec.name, listed: listed.includes(expected) || (name === '_id' && listed.includes('_id_')) }).toEqual({ collection: f.spec.name, listed: true });
      }
    } finally {
      await factory.dispose(opened);
    }
  }, 60_000);
});
