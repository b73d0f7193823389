/**
 * The lead, project, account and audit services on the MongoDB adapter: the same flows as on the embedded store,
 * to prove the queries they send ($or clauses, $push with $each, dotted $unset, multikey unique indexes, range
 * scans on the timelines) mean the same thing to MongoDB. Runs when MONGODB_URI is set (CI points it at FerretDB),
 * in a database of its own. The claim race runs on FerretDB too: a claim is decided by a unique insert, which
 * FerretDB enforces, not by a conditional update (which FerretDB v1 does not make atomic).
 */
import { randomUUID } from 'node:crypto';
import { AccountService } from '../../models/accounts/accountService';
import { AuditLog } from '../../models/audit/auditLog';
import type { Lead } from '../../models/leads/lead';
import { LeadRepository } from '../../models/leads/leadRepository';
import { LeadService } from '../../models/leads/leadService';
import { ProjectRepository, importProjects, seedSampleProjects } from '../../models/projects/projectRepository';
import { MongoStore } from '../../models/store/mongo/mongoStore';
import { fixedClock, submission } from './fixtures';

const uri = process.env.MONGODB_URI;

function isolated(base: string): string {
  const url = new URL(base);
  url.pathname = `/${url.pathname.replace(/^\//, '') || 'test'}-domain-${randomUUID().slice(0, 8)}`;
  return url.toString();
}

(uri ? describe : describe.skip)('domain services on MongoDB (MONGODB_URI)', () => {
  let store: MongoStore;
  let leads: LeadService;
  let projects: ProjectRepository;
  const clock = fixedClock();

  beforeAll(async () => {
    store = await MongoStore.connect(isolated(uri as string));
    projects = await ProjectRepository.open(store);
    await seedSampleProjects(projects, clock.now(), { activate: true });
    leads = new LeadService(await LeadRepository.open(store), { now: clock.now, projects });
  });
  afterAll(async () => {
    for (const name of ['leads', 'lead_claims', 'projects', 'accounts', 'audit']) {
      await (await store.collection({ name, indexes: [] })).deleteMany({});
    }
    await store.close();
  });

  test('submit, idempotency, resubmission by the same identity, another identity\'s duplicate, merge, lifecycle, notes, erase', async () => {
    const first = await leads.submit(submission({ channelUserId: 'user-1', contact: { name: 'Mongo', phone: '3330000001' } }), 'm-1');
    expect(first).toMatchObject({ created: true, lead: { projectId: 'esempio-bg-metalmeccanico', matchedBy: 'firm' } });
    expect(await leads.submit(submission({ channelUserId: 'user-1', contact: { name: 'Mongo', phone: '3330000001' } }), 'm-1')).toMatchObject({ created: false, updatedExisting: false });
    // a second submission by the same identity, moved to another province and sector: merged, matched again
    const second = await leads.submit(
      submission({
        channelUserId: 'user-1',
        contact: { name: 'Mongo', phone: '+39 333 0000001' },
        employer: { name: 'Ignota', sector: 'commercio' },
        precheck: { ...submission().precheck, answers: { province: 'MI', crisisKind: 'cigs', situation: 'unemployed' } },
      }),
      'm-2',
    );
    expect(second).toMatchObject({ updatedExisting: true, lead: { _id: first.lead._id, projectId: 'esempio-mi-commercio' } });
    expect(second.lead.submissionIds).toEqual(['m-1', 'm-2']);
    await expect(leads.submit(submission({ channelUserId: 'user-1', contact: { name: 'Mongo', phone: '3330000001' } }), 'm-2')).resolves.toMatchObject({ updatedExisting: false });
    // another identity with the same phone: a lead of its own, both marked ($addToSet), the first untouched
    const other = await leads.submit(submission({ channelUserId: 'user-2', contact: { name: 'Altro', phone: '3330000001' } }), 'm-3');
    expect(other).toMatchObject({ created: true, lead: { possibleDuplicates: [first.lead._id] } });
    expect(await leads.get(first.lead._id)).toMatchObject({ contact: { name: 'Mongo' }, possibleDuplicates: [other.lead._id] });
    // an operator merges them ($addToSet $each, $pull)
    const { kept, merged } = await leads.merge(first.lead._id, other.lead._id, 'op-1');
    expect(merged).toMatchObject({ status: 'closed', mergedInto: first.lead._id, possibleDuplicates: [] });
    expect(kept.userKeys).toHaveLength(2);
    expect(kept.possibleDuplicates).toEqual([]);

    const id = first.lead._id;
    await leads.claim(id, 'op-1');
    await expect(leads.claim(id, 'op-2')).rejects.toMatchObject({ reason: 'already_claimed' });
    await leads.transition(id, 'contacted', { by: 'op-1' });
    await expect(leads.transition(id, 'placed', { by: 'op-1' })).rejects.toMatchObject({ reason: 'illegal_transition:contacted->placed' });
    await leads.addNote(id, 'op-1', 'richiamare');
    expect(await leads.eraseByUser({ channel: 'webchat', userId: 'user-1' })).toBeGreaterThanOrEqual(1);
    const tomb = await leads.get(id);
    expect(tomb).toMatchObject({ status: 'erased', notes: [] });
    expect(tomb.contact).toBeUndefined();
    expect(tomb.precheck.answers.leftOn).toBeUndefined();
  });

  test('listing with timelines and cursors', async () => {
    const made: Lead[] = [];
    for (let i = 0; i < 12; i++) {
      if (i % 2) clock.advance(5 * 86_400_000);
      made.push((await leads.submit(submission({ channelUserId: `u-${i}`, contact: { name: `L${i}`, email: `l${i}@example.com` } }), `list-${i}`)).lead);
    }
    const want = [...made]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a._id < b._id ? 1 : -1))
      .map((l) => l._id);
    for (const [scope, filters] of [
      [{ role: 'operator', projectIds: ['esempio-bg-metalmeccanico'] }, {}],
      [{ role: 'staff' }, { status: 'new' }],
      [{ role: 'staff' }, {}],
    ] as const) {
      const got: string[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard === 0 || (cursor && guard < 50); guard++) {
        const page = await leads.list(scope, filters, { limit: 5, ...(cursor ? { cursor } : {}) });
        got.push(...page.items.map((l) => l._id));
        cursor = page.nextCursor;
      }
      expect(got.filter((g) => want.includes(g))).toEqual(want);
    }
    expect((await leads.listOpenUnassigned()).every((l) => l.projectId === null)).toBe(true);
  });

  test('concurrent claims: exactly one wins, one claim in the history (FerretDB included: the claim record\'s unique _id decides)', async () => {
    for (let round = 0; round < 5; round++) {
      const { lead } = await leads.submit(submission({ contact: { name: 'Race', phone: `33300001${round}9` } }), `m-race-${round}`);
      const outcomes = await Promise.allSettled([1, 2, 3, 4, 5, 6, 7, 8].map((i) => leads.claim(lead._id, `op-${i}`)));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const stored = await leads.get(lead._id);
      expect(stored.history.filter((h) => h.action === 'claimed')).toHaveLength(1);
    }
  });

  test('two different submissions of the same identity at once: one open lead (the unique open-owner index)', async () => {
    const results = await Promise.all([1, 2, 3, 4].map((i) => leads.submit(submission({ channelUserId: 'user-two', contact: { name: `Two ${i}`, phone: '3330000077' } }), `m-two-${i}`)));
    expect(new Set(results.map((r) => r.lead._id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  test('accounts, audit and project import', async () => {
    const accounts = await AccountService.open(store, { now: clock.now, projects });
    const { token } = await accounts.createAccount({ name: 'mongo-op', role: 'operator', projectIds: ['esempio-bg-metalmeccanico'] });
    await expect(accounts.authenticate(token)).resolves.toMatchObject({ name: 'mongo-op' });
    await expect(accounts.createAccount({ name: 'mongo-op', role: 'staff' })).rejects.toMatchObject({ reason: 'name_taken' });

    const audit = await AuditLog.open(store, { now: clock.now });
    await audit.append({ actor: 'mongo-op', action: 'lead.claimed', target: 'lead:1' });
    expect((await audit.list({ actor: 'mongo-op' })).items).toHaveLength(1);

    const before = await projects.count();
    expect((await importProjects(projects, [{ id: 'x' }], clock.now())).ok).toBe(false);
    expect(await projects.count()).toBe(before);
  });
});
