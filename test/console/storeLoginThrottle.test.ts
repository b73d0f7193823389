import { StoreLoginThrottle } from '../../models/sessions/storeLoginThrottle';
import type { Store } from '../../models/store/store';
import { MONGODB_SKIP_NOTE, storeFactories } from '../support/adapters';
import { fixedClock } from '../leads/fixtures';

if (!process.env.MONGODB_URI) test.skip(MONGODB_SKIP_NOTE, () => undefined);

/** The console's sign-in limits kept in the store: two instances (two throttles on one store) count the same attempts. */
describe.each(storeFactories())('sign-in limits in the $name store', (factory) => {
  let store: Store;
  beforeEach(async () => {
    store = await factory.open();
  });
  afterEach(async () => {
    await factory.dispose(store);
  });

  test('two instances share the limit: 5 concurrent attempts pass across both, the sixth is refused with the wait', async () => {
    const clock = fixedClock();
    const policy = { maxFailures: 5, windowMs: 60_000 };
    const [one, two] = await Promise.all([StoreLoginThrottle.open(store, policy, clock.now), StoreLoginThrottle.open(store, policy, clock.now)]);
    const decisions = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? one : two).attempt(['name:a', 'ip:1'], [5, 20])));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    const refused = await two.attempt(['name:a', 'ip:2'], [5, 20]);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 60 });
    // another name from the same address still may (the address allows 20)
    expect((await one.attempt(['name:b', 'ip:1'], [5, 20])).allowed).toBe(true);
    // an attempt never checked frees its slot; a success frees the name
    const allowed = decisions.filter((d) => d.allowed);
    await allowed[0].ticket?.cancelled();
    const again = await one.attempt(['name:a', 'ip:1'], [5, 20]);
    expect(again.allowed).toBe(true);
    await again.ticket?.succeeded();
    for (let i = 0; i < 5; i++) expect((await two.attempt(['name:a', 'ip:3'], [5, 20])).allowed).toBe(true);
    expect((await one.attempt(['name:a', 'ip:3'], [5, 20])).allowed).toBe(false);
    // the window ends: the slots free themselves
    clock.advance(60_001);
    expect((await two.attempt(['name:a', 'ip:3'], [5, 20])).allowed).toBe(true);
  });

  test('keys are stored hashed: no account name or address in the store', async () => {
    const throttle = await StoreLoginThrottle.open(store, { maxFailures: 5, windowMs: 60_000 }, fixedClock().now);
    await throttle.attempt(['name:mario.rossi', 'ip:10.1.2.3']);
    const docs = await (await store.collection({ name: 'login_attempts', indexes: [] })).find({});
    expect(docs).toHaveLength(2);
    expect(JSON.stringify(docs)).not.toMatch(/mario|10\.1\.2\.3/);
  });
});
