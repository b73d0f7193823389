/**
 * How many rounds through the leads collection the worker's confirming turn waits for. On the embedded store each
 * round waits for the writes queued before it to be synced (group commit), so under load every round is a sync's
 * wait: the looks a submission makes before and after writing go together. A round starts when an operation on the
 * leads collection starts while none is under way.
 */
import type { CollectionSpec, Doc, DocumentCollection } from '../../models/store/collection';
import type { Store } from '../../models/store/store';
import { LeadRepository } from '../../models/leads/leadRepository';
import { LeadService } from '../../models/leads/leadService';
import { fixedClock, submission, tempStore, type TempStore } from './fixtures';

/** The leads collection's operations, counted in rounds (see above). */
class RoundCounter {
  rounds = 0;
  private inFlight = 0;

  watch<T extends Doc>(docs: DocumentCollection<T>): DocumentCollection<T> {
    return new Proxy(docs, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (this.inFlight === 0) this.rounds += 1;
          this.inFlight += 1;
          return Promise.resolve((value as (...a: unknown[]) => unknown).apply(target, args)).finally(() => (this.inFlight -= 1));
        };
      },
    });
  }
}

describe('a submission waits for few rounds through the leads collection', () => {
  let ctx: TempStore;
  let service: LeadService;
  const counter = new RoundCounter();

  beforeAll(async () => {
    ctx = await tempStore('submit-rounds-');
    const store = ctx.store;
    const watched = {
      collection: async <T extends Doc>(spec: CollectionSpec) => {
        const docs = await store.collection<T>(spec);
        return spec.name === 'leads' ? counter.watch(docs) : docs;
      },
    } as unknown as Store;
    service = new LeadService(await LeadRepository.open(watched), { now: fixedClock().now, projects: { listActive: async () => [] } });
  });
  afterAll(() => ctx.dispose());

  test('a new referral with a phone and an e-mail: its looks, the write and its look for duplicates are one round', async () => {
    counter.rounds = 0;
    const { created } = await service.submit(submission({ channelUserId: 'rounds-1', contact: { name: 'Ada Verdi', phone: '347 555 0101', email: 'ada.verdi@example.org' } }), 'rounds-sub-1');
    expect(created).toBe(true);
    expect(counter.rounds).toBe(1);
  });

  test('the same outcomes as one look after the other: a repeated submission returns its lead, a second one updates it', async () => {
    const first = await service.submit(submission({ channelUserId: 'rounds-2', contact: { name: 'Bruno Neri', email: 'bruno.neri@example.org' } }), 'rounds-sub-2');
    const repeated = await service.submit(submission({ channelUserId: 'rounds-2', contact: { name: 'Bruno Neri', email: 'bruno.neri@example.org' } }), 'rounds-sub-2');
    expect(repeated).toEqual({ lead: first.lead, created: false, updatedExisting: false });
    const again = await service.submit(submission({ channelUserId: 'rounds-2', contact: { name: 'Bruno Neri', phone: '348 555 0202' } }), 'rounds-sub-3');
    expect(again).toMatchObject({ created: false, updatedExisting: true, lead: { _id: first.lead._id, submissionIds: ['rounds-sub-2', 'rounds-sub-3'] } });
    // another identity with the same e-mail: a lead of its own, both marked as possible duplicates (found in one round)
    const other = await service.submit(submission({ channelUserId: 'rounds-3', contact: { name: 'B. Neri', email: 'bruno.neri@example.org', phone: '349 555 0303' } }), 'rounds-sub-4');
    expect(other.created).toBe(true);
    expect(other.lead.possibleDuplicates).toEqual([first.lead._id]);
  });
});
