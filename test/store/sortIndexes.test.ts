/**
 * Every sort a listing uses has its compound index, created when the collection is opened at start
 * (CollectionSpec.sortIndexes) on both stores (nedb compound indexes on the embedded store, where the single-field
 * indexes of the leads' timelines serve the listings); and the single-field indexes exist. Lists them on both
 * stores. Which sorts the listings use is checked in listingSorts.test.ts.
 */
import { ANALYTICS_UNANSWERED } from '../../models/analytics/analyticsRecorder';
import { AUDIT_COLLECTION } from '../../models/audit/auditLog';
import { ANNOUNCEMENTS_COLLECTION } from '../../models/campaign/announcements';
import { LEAD_COUNTERS } from '../../models/leads/leadCounters';
import { LEADS_COLLECTION } from '../../models/leads/leadRepository';
import { CONTENT_VERSIONS } from '../../models/publishing/contentPublisher';
import type { CollectionSpec, SortSpec } from '../../models/store/collection';
import { JOB_LEASES } from '../../models/store/jobLease';
import { HANDOFF_MESSAGES_COLLECTION, HANDOFFS_COLLECTION } from '../../models/handoff/handoff';
import { storeFactories } from '../support/adapters';

const SPECS: CollectionSpec[] = [LEADS_COLLECTION, LEAD_COUNTERS, AUDIT_COLLECTION, ANALYTICS_UNANSWERED, ANNOUNCEMENTS_COLLECTION, CONTENT_VERSIONS, JOB_LEASES, HANDOFFS_COLLECTION, HANDOFF_MESSAGES_COLLECTION];

/** MongoDB's default name of an index: `field_direction` joined by `_`. */
const mongoName = (keys: SortSpec): string => Object.entries(keys).map(([field, direction]) => `${field}_${direction}`).join('_');

describe.each(storeFactories())('indexes after start on the $name store', (factory) => {
  test('each collection has its declared indexes, and on MongoDB one per listing sort', async () => {
    const store = await factory.open();
    try {
      const listed: Record<string, string[]> = {};
      for (const spec of SPECS) listed[spec.name] = (await (await store.collection(spec)).indexNames()).sort();
      for (const spec of SPECS) {
        const names = listed[spec.name];
        if (factory.name === 'mongodb') {
          for (const index of spec.indexes) expect(names).toContain(`${index.field}_1`);
          for (const keys of spec.sortIndexes ?? []) expect(names).toContain(mongoName(keys));
        } else {
          for (const index of spec.indexes) expect(names).toContain(index.field);
          // listed by MongoDB's names (built as nedb compound indexes where nedb could ever use one): the declaration is the one source
          for (const keys of spec.sortIndexes ?? []) expect(names).toContain(mongoName(keys));
        }
      }
      // nedb would never read a compound index holding _id or an indexed field: none is built for the leads
      if (factory.name !== 'mongodb') expect(listed.leads.filter((name) => name.includes(','))).toEqual([]);
      expect(listed.leads).toEqual(expect.arrayContaining(factory.name === 'mongodb' ? ['createdAt_-1__id_-1', 'projectTime_-1__id_-1', 'statusTime_-1__id_-1', 'userKeys_1_createdAt_-1__id_-1', 'endedAt_1'] : ['createdAt', 'projectTime', 'statusTime', 'endedAt', 'createdAt_-1__id_-1', 'userKeys_1_createdAt_-1__id_-1']));
    } finally {
      await factory.dispose(store);
    }
  });
});
