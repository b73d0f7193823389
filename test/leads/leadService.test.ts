import { REFERENCE_PATTERN, type Lead } from '../../models/leads/lead';
import { LeadRepository } from '../../models/leads/leadRepository';
import { CLAIM_STALE_MS, LeadService, leadVisibleTo, userKeyOf, workerView } from '../../models/leads/leadService';
import type { NetworkProject } from '../../models/projects/project';
import { fixedClock, submission, tempStore } from './fixtures';

const project = (id: string, over: Partial<NetworkProject> = {}): NetworkProject => ({
  _id: id,
  title: `[ESEMPIO] ${id}`,
  leadPartner: 'Ente di esempio',
  provinces: ['BG'],
  sectors: ['metalmeccanico'],
  firms: [],
  contact: { email: 'contatto-esempio@example.org' },
  active: true,
  sample: true,
  updatedAt: new Date(0),
  ...over,
});

const PROJECTS = [
  project('bg-officine', { firms: ['Officine Esempio S.r.l.'] }),
  project('mi-commercio', { provinces: ['MI'], sectors: ['commercio'] }),
];

describe('LeadService', () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>;
  let repo: LeadRepository;
  let service: LeadService;
  const clock = fixedClock();
  let seq = 0;
  const unique = (): string => `${++seq}`;

  beforeAll(async () => {
    ctx = await tempStore();
    repo = await LeadRepository.open(ctx.store);
    service = new LeadService(repo, { now: clock.now, projects: { listActive: async () => PROJECTS } });
  });
  afterAll(() => ctx.dispose());

  describe('submit', () => {
    test('creates a lead with a reference, normalised contact, hashed keys and a matched project', async () => {
      const { lead, created, updatedExisting } = await service.submit(submission({ channelUserId: 'user-1', contact: { name: ' Anna  Bianchi', phone: '+39 345-1112233' } }), 'sub-create');
      expect({ created, updatedExisting }).toEqual({ created: true, updatedExisting: false });
      expect(lead.reference).toMatch(REFERENCE_PATTERN);
      expect(lead.contact).toEqual({ name: 'Anna Bianchi', phone: '+393451112233' });
      expect(lead.phoneKey).toMatch(/^[0-9a-f]{64}$/);
      expect(lead.userKeys).toEqual([userKeyOf({ channel: 'webchat', userId: 'user-1' })]);
      expect(lead.openOwnerKey).toBe(userKeyOf({ channel: 'webchat', userId: 'user-1' }));
      expect(lead.possibleDuplicates).toBeUndefined();
      expect(lead).toMatchObject({ status: 'new', projectId: 'bg-officine', matchedBy: 'firm', province: 'BG', rev: 1 });
      expect(lead.consent).toEqual({ noticeVersion: 'v1', textHash: 'sha256:abc123', givenAt: clock.now() });
      expect(lead.history).toEqual([
        { at: clock.now(), by: 'worker', action: 'submitted', to: 'new' },
        { at: clock.now(), by: 'system', action: 'project_assigned', to: 'bg-officine', reason: 'firm' },
      ]);
      // durable: a second store opened on the same folder sees it
      expect(await repo.findById(lead._id)).toEqual(lead);
    });

    test('the same submissionId, even concurrently, yields one lead', async () => {
      const input = submission({ contact: { name: 'Dup', phone: '3470000001' } });
      const results = await Promise.all([1, 2, 3, 4].map(() => service.submit(input, 'sub-twice')));
      const ids = new Set(results.map((r) => r.lead._id));
      expect(ids.size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(results.every((r) => !r.updatedExisting)).toBe(true);
      expect(await repo.find({ submissionIds: 'sub-twice' })).toHaveLength(1);
      const again = await service.submit(input, 'sub-twice');
      expect(again).toMatchObject({ created: false, updatedExisting: false });
      expect(again.lead._id).toBe(results[0].lead._id);
    });

    test('the same chat identity again updates its open lead instead of creating a second', async () => {
      const first = await service.submit(submission({ channelUserId: 'luca', contact: { name: 'Luca', phone: '333 555 0001', email: 'luca@example.com' } }), 'sub-p1');
      clock.advance(60_000);
      const second = await service.submit(
        submission({
          channelUserId: 'luca',
          contact: { name: 'Luca Verdi', phone: '+39 333-5550001' },
          precheck: { ...submission().precheck, answers: { province: 'MI', crisisKind: 'fallimento', situation: 'unemployed' } },
          employer: { name: 'Negozio Qualsiasi', sector: 'commercio' },
        }),
        'sub-p2',
      );
      expect(second).toMatchObject({ created: false, updatedExisting: true });
      expect(second.lead._id).toBe(first.lead._id);
      expect(second.lead.contact).toEqual({ name: 'Luca Verdi', phone: '+393335550001', email: 'luca@example.com', preferredTime: undefined });
      expect(second.lead.emailKey).toBe(first.lead.emailKey);
      expect(second.lead.precheck.answers.province).toBe('MI');
      expect(second.lead.province).toBe('MI');
      expect(second.lead.submissionIds).toEqual(['sub-p1', 'sub-p2']);
      // still new and matched by the system: matched again on the new answers
      expect(second.lead).toMatchObject({ projectId: 'mi-commercio', matchedBy: 'province_sector' });
      expect(second.lead.history.slice(-2)).toEqual([
        { at: clock.now(), by: 'worker', action: 'resubmitted' },
        { at: clock.now(), by: 'system', action: 'project_assigned', from: 'bg-officine', to: 'mi-commercio', reason: 'province_sector' },
      ]);
      // retrying the second submission is idempotent too
      const retry = await service.submit(submission({ channelUserId: 'luca', contact: { name: 'Luca Verdi', phone: '3335550001' } }), 'sub-p2');
      expect(retry).toMatchObject({ created: false, updatedExisting: false });
      expect(retry.lead.rev).toBe(second.lead.rev);
    });

    test('the same chat identity updates its open lead also with other contacts (the identity decides, not the contacts)', async () => {
      const first = await service.submit(submission({ channelUserId: 'sara', contact: { name: 'Sara', email: 'Sara.Neri@Example.com' } }), 'sub-e1');
      const second = await service.submit(submission({ channelUserId: 'sara', contact: { name: 'Sara', email: 'sara.neri@example.COM', phone: '3401234567' } }), 'sub-e2');
      expect(second.updatedExisting).toBe(true);
      expect(second.lead._id).toBe(first.lead._id);
      expect(second.lead.contact?.phone).toBe('+393401234567');
      const third = await service.submit(submission({ channelUserId: 'sara', contact: { name: 'Sara N.', email: 'altra@example.com' } }), 'sub-e3');
      expect(third).toMatchObject({ updatedExisting: true, lead: { _id: first.lead._id, contact: { email: 'altra@example.com' } } });
    });

    describe.each([
      ['phone only', 1, { phone: '+39 333 444 0001' }],
      ['e-mail only', 2, { email: 'VITTIMA.2@example.com' }],
      ['phone and e-mail', 3, { phone: '3334440003', email: 'vittima.3@example.com' }],
    ])('another chat identity with the same contacts (%s)', (_label, n, attacker) => {
      test('gets a lead of its own; the victim\'s lead is unchanged; both are marked as possible duplicates', async () => {
        const victimId = `victim-${unique()}`;
        const victim = await service.submit(
          submission({ channelUserId: victimId, contact: { name: 'Vera Vittima', phone: `333 444 000${n}`, email: `vittima.${n}@example.com` } }),
          `victim-${unique()}`,
        );
        const before = await service.get(victim.lead._id);
        const attack = await service.submit(submission({ channelUserId: `attacker-${unique()}`, contact: { name: 'Intruso', ...attacker } }), `attack-${unique()}`);
        expect(attack).toMatchObject({ created: true, updatedExisting: false });
        expect(attack.lead._id).not.toBe(victim.lead._id);
        expect(attack.lead.reference).not.toBe(victim.lead.reference);
        expect(attack.lead.contact?.name).toBe('Intruso');
        expect(attack.lead.possibleDuplicates).toEqual([victim.lead._id]);
        const after = await service.get(victim.lead._id);
        // nothing of the victim's lead changed but the operators' mark
        expect({ ...after, possibleDuplicates: undefined }).toEqual({ ...before, possibleDuplicates: undefined });
        expect(after.possibleDuplicates).toEqual([attack.lead._id]);
        expect(after.userKeys).toEqual(before.userKeys);
        expect(await service.findForWorker({ channel: 'webchat', userId: victimId })).toHaveLength(1);
        expect((await service.possibleDuplicatesOf(after)).map((l) => l._id)).toEqual([attack.lead._id]);
        expect((await service.possibleDuplicatesOf(attack.lead)).map((l) => l._id)).toEqual([victim.lead._id]);
      });
    });

    test('a submission without a chat identity is never merged into anything, and is marked as a possible duplicate', async () => {
      const owned = await service.submit(submission({ channelUserId: `owner-${unique()}`, contact: { name: 'Con Chat', phone: '3334440099' } }), `nouser-${unique()}`);
      const { channelUserId: _none, ...withoutIdentity } = submission({ contact: { name: 'Senza Chat', phone: '3334440099' } });
      const first = await service.submit(withoutIdentity, `nouser-${unique()}`);
      const second = await service.submit(withoutIdentity, `nouser-${unique()}`);
      expect(new Set([owned.lead._id, first.lead._id, second.lead._id]).size).toBe(3);
      expect([first.created, second.created]).toEqual([true, true]);
      expect(first.lead.userKeys).toBeUndefined();
      expect(first.lead.openOwnerKey).toBeUndefined();
      expect([...(second.lead.possibleDuplicates ?? [])].sort()).toEqual([owned.lead._id, first.lead._id].sort());
      expect((await service.get(owned.lead._id)).contact?.name).toBe('Con Chat');
    });

    test('two identities submitting the same contacts at once: two leads, each marked as the other\'s possible duplicate', async () => {
      const [a, b] = await Promise.all(
        ['a', 'b'].map((who) => service.submit(submission({ channelUserId: `twin-${who}-${unique()}`, contact: { name: `Twin ${who}`, phone: '3334440077' } }), `twin-${who}-${unique()}`)),
      );
      expect(a.lead._id).not.toBe(b.lead._id);
      expect((await service.get(a.lead._id)).possibleDuplicates).toEqual([b.lead._id]);
      expect((await service.get(b.lead._id)).possibleDuplicates).toEqual([a.lead._id]);
    });

    test('an identity whose lead is closed gets a new lead; a claimed lead is updated but keeps its project', async () => {
      const first = await service.submit(submission({ channelUserId: 'gino', contact: { name: 'Gino', phone: '3209990001' } }), 'sub-c1');
      await service.transition(first.lead._id, 'closed', { by: 'staff', reason: 'withdrawn' });
      expect((await service.get(first.lead._id)).openOwnerKey).toBeUndefined();
      const second = await service.submit(submission({ channelUserId: 'gino', contact: { name: 'Gino', phone: '3209990001' } }), 'sub-c2');
      expect(second.created).toBe(true);
      expect(second.lead._id).not.toBe(first.lead._id);
      // a closed lead is no possible duplicate
      expect(second.lead.possibleDuplicates).toBeUndefined();

      await service.claim(second.lead._id, 'op-1');
      const third = await service.submit(
        submission({ channelUserId: 'gino', contact: { name: 'Gino', phone: '3209990001' }, employer: { name: 'Altra', sector: 'commercio' } }),
        'sub-c3',
      );
      expect(third).toMatchObject({ updatedExisting: true, lead: { _id: second.lead._id, status: 'claimed', projectId: 'bg-officine' } });
    });

    test('different submissions of the same chat identity at once (two tabs): one lead, the others merged into it', async () => {
      const results = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((i) => service.submit(submission({ channelUserId: 'rita', contact: { name: `Rita ${i}`, phone: '3281112299', email: i % 2 ? 'rita@example.com' : undefined } }), `sub-race-${i}`)),
      );
      expect(new Set(results.map((r) => r.lead._id)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(results.filter((r) => r.updatedExisting)).toHaveLength(5);
      const [lead] = await repo.find({ submissionIds: 'sub-race-1' });
      expect([...lead.submissionIds].sort()).toEqual(['sub-race-1', 'sub-race-2', 'sub-race-3', 'sub-race-4', 'sub-race-5', 'sub-race-6']);
      expect(await repo.find({ phoneKey: lead.phoneKey })).toHaveLength(1);
    });

    test('an ended lead that still holds its open-owner key (ended by a write that did not release it) does not block a new referral', async () => {
      const first = await service.submit(submission({ channelUserId: 'ugo', contact: { name: 'Ugo', phone: '3297770001' } }), 'sub-stale-1');
      // as a hand edit or an older version would leave it: closed, key still held
      await repo.updateIf({ _id: first.lead._id }, { $set: { status: 'closed' } });
      const second = await service.submit(submission({ channelUserId: 'ugo', contact: { name: 'Ugo', phone: '3297770001' } }), 'sub-stale-2');
      expect(second.created).toBe(true);
      expect((await repo.findById(first.lead._id))?.openOwnerKey).toBeUndefined();
      expect(second.lead.openOwnerKey).toBe(first.lead.openOwnerKey);
    });

    test('a lead written before ownership (open-contact keys held) neither blocks nor absorbs a new lead with the same contacts', async () => {
      const legacy = await service.submit(submission({ channelUserId: 'legacy-owner', contact: { name: 'Vecchio', phone: '3297770002' } }), 'sub-legacy-1');
      await repo.updateIf({ _id: legacy.lead._id }, { $set: { openPhoneKey: legacy.lead.phoneKey }, $unset: { openOwnerKey: true } });
      const other = await service.submit(submission({ channelUserId: 'someone-else', contact: { name: 'Nuovo', phone: '3297770002' } }), 'sub-legacy-2');
      expect(other.created).toBe(true);
      expect((await service.get(legacy.lead._id)).contact?.name).toBe('Vecchio');
      // its owner still updates it
      const again = await service.submit(submission({ channelUserId: 'legacy-owner', contact: { name: 'Vecchio Due', phone: '3297770002' } }), 'sub-legacy-3');
      expect(again).toMatchObject({ updatedExisting: true, lead: { _id: legacy.lead._id } });
      await service.transition(legacy.lead._id, 'closed', { by: 'staff', reason: 'withdrawn' });
      expect((await service.get(legacy.lead._id)).openPhoneKey).toBeUndefined();
    });

    test('no project matches: unassigned', async () => {
      const { lead } = await service.submit(
        submission({ contact: { name: 'Nessuno', phone: '3311111111' }, employer: { name: 'Sconosciuta', sector: 'turismo' } }),
        'sub-none',
      );
      expect(lead.projectId).toBeNull();
      expect(lead.matchedBy).toBeUndefined();
      const unassigned = await service.listOpenUnassigned();
      expect(unassigned.map((l) => l._id)).toContain(lead._id);
      expect(unassigned.every((l) => l.projectId === null && ['new', 'claimed', 'contacted', 'enrolled'].includes(l.status))).toBe(true);
      await service.transition(lead._id, 'closed', { by: 'staff', reason: 'not_eligible' });
      expect((await service.listOpenUnassigned()).map((l) => l._id)).not.toContain(lead._id);
    });

    test('a reference already taken is drawn again', async () => {
      const bytes = [
        Uint8Array.from([0, 0, 0, 0, 0]), // AR-22222
        Uint8Array.from([0, 0, 0, 0, 0]), // collides
        Uint8Array.from([31, 31, 31, 31, 31]), // AR-ZZZZZ
      ];
      const forced = new LeadService(repo, { now: clock.now, random: () => bytes.shift() ?? Uint8Array.from([1, 2, 3, 4, 5]) });
      const a = await forced.submit(submission({ contact: { name: 'R1', phone: '3312222221' } }), 'sub-r1');
      const b = await forced.submit(submission({ contact: { name: 'R2', phone: '3312222222' } }), 'sub-r2');
      expect(a.lead.reference).toBe('AR-22222');
      expect(b.lead.reference).toBe('AR-ZZZZZ');
      expect(await service.getByReference('ar-zzzzz')).toMatchObject({ _id: b.lead._id });
    });

    test.each([
      ['submissionId', () => service.submit(submission(), '')],
      ['contact.phone', () => service.submit(submission({ contact: { name: 'X', phone: '12345' } }), 'v1')],
      ['precheck.answers.province', () => service.submit(submission({ precheck: { ...submission().precheck, answers: { province: 'Milano', crisisKind: 'x', situation: 'y' } } }), 'v2')],
      ['precheck.answers.leftOn', () => service.submit(submission({ precheck: { ...submission().precheck, answers: { province: 'MI', crisisKind: 'x', situation: 'y', leftOn: '15/01/2025' } } }), 'v3')],
      ['consent.noticeVersion', () => service.submit(submission({ consent: { noticeVersion: '', textHash: 'h' } }), 'v4')],
      ['conversationRef', () => service.submit(submission({ conversationRef: { $where: 'x' } }), 'v5')],
      ['locale', () => service.submit(submission({ locale: 'Italiano!' }), 'v6')],
    ])('invalid %s is a ValidationError and writes nothing', async (field, run) => {
      await expect(run()).rejects.toMatchObject({ code: 'VALIDATION', field });
    });
  });

  describe('claim', () => {
    test('8 concurrent claims: exactly one wins, the others are told it is already claimed', async () => {
      const { lead } = await service.submit(submission({ contact: { name: 'Race', phone: '3398888888' } }), `race-${unique()}`);
      const outcomes = await Promise.allSettled([1, 2, 3, 4, 5, 6, 7, 8].map((i) => service.claim(lead._id, `op-${i}`)));
      const won = outcomes.filter((o): o is PromiseFulfilledResult<Lead> => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(7);
      for (const l of lost) expect(l.reason).toMatchObject({ code: 'CONFLICT', reason: 'already_claimed' });
      const stored = await service.get(lead._id);
      expect(stored).toMatchObject({ status: 'claimed', operatorId: won[0].value.operatorId });
      expect(stored.history.filter((h) => h.action === 'claimed')).toHaveLength(1);
    });

    test('the claim record decides: of 8 concurrent claims one record and one history entry; a lead put back to new in a later round can be claimed again', async () => {
      const { lead } = await service.submit(submission({ contact: { name: 'Round', phone: '3398888001' } }), `round-${unique()}`);
      const outcomes = await Promise.allSettled([1, 2, 3, 4, 5, 6, 7, 8].map((i) => service.claim(lead._id, `op-${i}`)));
      const winner = outcomes.find((o): o is PromiseFulfilledResult<Lead> => o.status === 'fulfilled')?.value.operatorId;
      for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ reason: 'already_claimed', operatorId: winner });
      expect(await repo.findClaim(`${lead._id}:0`)).toMatchObject({ leadId: lead._id, round: 0, operatorId: winner });
      // as a future "release" would do it: back to new, in the next round
      await repo.updateIf({ _id: lead._id }, { $set: { status: 'new', claimRound: 1 }, $unset: { operatorId: true } });
      await expect(service.claim(lead._id, 'op-later')).resolves.toMatchObject({ status: 'claimed', operatorId: 'op-later' });
      expect(await repo.findClaim(`${lead._id}:1`)).toMatchObject({ operatorId: 'op-later' });
    });

    test('a claimer that stopped between its claim record and the lead update: the lead is not stuck, the next attempt after CLAIM_STALE_MS completes that claim', async () => {
      const { lead } = await service.submit(submission({ contact: { name: 'Crash', phone: '3398888002' } }), `crash-${unique()}`);
      // the crashed claimer's record, and nothing else
      await repo.insertClaim({ _id: `${lead._id}:0`, leadId: lead._id, round: 0, operatorId: 'op-crashed', at: clock.now() });
      const started = Date.now();
      // soon after: the record still stands for its claimer (who may only be slow)
      await expect(service.claim(lead._id, 'op-2')).rejects.toMatchObject({ reason: 'already_claimed', operatorId: 'op-crashed' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
      expect((await service.get(lead._id)).status).toBe('new');
      clock.advance(CLAIM_STALE_MS);
      await expect(service.claim(lead._id, 'op-3')).rejects.toMatchObject({ reason: 'already_claimed', operatorId: 'op-crashed' });
      const stored = await service.get(lead._id);
      expect(stored).toMatchObject({ status: 'claimed', operatorId: 'op-crashed' });
      expect(stored.history.filter((h) => h.action === 'claimed')).toEqual([{ at: new Date(clock.now().getTime() - CLAIM_STALE_MS), by: 'op-crashed', action: 'claimed', from: 'new', to: 'claimed' }]);
    }, 20000);

    test('an operator can claim only leads of their projects', async () => {
      const { lead } = await service.submit(submission({ contact: { name: 'Scope', phone: '3397777777' } }), `scope-${unique()}`);
      await expect(service.claim(lead._id, 'op-mi', { projectIds: ['mi-commercio'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(service.claim(lead._id, 'op-bg', { projectIds: ['bg-officine'] })).resolves.toMatchObject({ status: 'claimed' });
      await expect(service.claim('missing', 'op-bg')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('assignProject', () => {
    test('staff assigns an unassigned lead; the system no longer re-matches it', async () => {
      const { lead } = await service.submit(
        submission({ channelUserId: 'triage', contact: { name: 'Triage', phone: '3396666666' }, employer: { name: 'Boh', sector: 'turismo' } }),
        `assign-${unique()}`,
      );
      await expect(service.assignProject(lead._id, 'no-such', 'staff-1')).rejects.toMatchObject({ code: 'VALIDATION' });
      const assigned = await service.assignProject(lead._id, 'mi-commercio', 'staff-1');
      expect(assigned).toMatchObject({ projectId: 'mi-commercio', matchedBy: 'staff' });
      const again = await service.submit(submission({ channelUserId: 'triage', contact: { name: 'Triage', phone: '3396666666' } }), `assign-${unique()}`);
      expect(again.lead.projectId).toBe('mi-commercio');
      await service.claim(lead._id, 'op-1');
      await expect(service.assignProject(lead._id, null, 'staff-1')).rejects.toMatchObject({ code: 'CONFLICT' });
    });
  });

  describe('worker data', () => {
    test('findForWorker and eraseByUser leave a tombstone without personal data', async () => {
      const me = { channel: 'webchat', userId: 'erase-me' };
      const { lead } = await service.submit(submission({ channelUserId: 'erase-me', contact: { name: 'Elena', phone: '3381231234', email: 'elena@example.com' } }), `erase-${unique()}`);
      await service.claim(lead._id, 'op-1');
      await service.addNote(lead._id, 'op-1', 'Elena says call after 5pm at 338 123 1234');
      const mine = await service.findForWorker(me);
      expect(mine.map((l) => l._id)).toEqual([lead._id]);
      expect(workerView(mine[0])).not.toHaveProperty('notes');
      expect(await service.findForWorker({ channel: 'msteams', userId: 'erase-me' })).toEqual([]);

      clock.advance(1000);
      expect(await service.eraseByUser(me)).toBe(1);
      const tomb = await service.get(lead._id);
      expect(tomb.status).toBe('erased');
      expect(tomb.erasedAt).toEqual(clock.now());
      for (const field of ['contact', 'employer', 'conversationRef', 'phoneKey', 'emailKey', 'userKeys'] as const) expect(tomb[field]).toBeUndefined();
      expect(tomb.notes).toEqual([]);
      expect(tomb.precheck.answers.leftOn).toBeUndefined();
      expect(tomb.precheck.answers.province).toBe('BG');
      expect(tomb.history.map((h) => h.action)).toEqual(['submitted', 'project_assigned', 'claimed', 'note_added', 'erased']);
      const json = JSON.stringify(tomb);
      for (const personal of ['Elena', '3381231234', '338 123', 'elena@', 'erase-me', 'conv-1']) expect(json).not.toContain(personal);
      expect(await service.findForWorker(me)).toEqual([]);
      expect(await service.eraseByUser(me)).toBe(0);
      await expect(service.addNote(lead._id, 'op-1', 'late')).rejects.toMatchObject({ code: 'CONFLICT', reason: 'erased' });
      await expect(service.transition(lead._id, 'contacted', { by: 'op-1' })).rejects.toMatchObject({ reason: 'illegal_transition:erased->contacted' });
      // the same person may refer themselves again afterwards
      const fresh = await service.submit(submission({ channelUserId: 'erase-me', contact: { name: 'Elena', phone: '3381231234' } }), `erase-${unique()}`);
      expect(fresh.created).toBe(true);
    });
  });

  describe('consent withdrawn (issue 15)', () => {
    test('withdrawByUser closes the open leads as withdrawn, erases their personal data and keeps the history', async () => {
      const me = { channel: 'webchat', userId: 'withdraw-me' };
      const { lead } = await service.submit(submission({ channelUserId: 'withdraw-me', contact: { name: 'Wanda', phone: '3381239999', email: 'wanda@example.com' } }), `withdraw-${unique()}`);
      await service.claim(lead._id, 'op-1');
      await service.addNote(lead._id, 'op-1', 'Wanda prefers mornings, 338 123 9999');
      clock.advance(1000);
      const withdrawn = await service.withdrawByUser(me);
      expect(withdrawn.map((l) => l.reference)).toEqual([lead.reference]);
      const closed = await service.get(lead._id);
      expect(closed.status).toBe('closed');
      expect(closed.statusTime.startsWith('closed|')).toBe(true);
      expect(closed.history.at(-1)).toEqual({ at: clock.now(), by: 'worker', action: 'status_changed', from: 'claimed', to: 'closed', reason: 'withdrawn' });
      expect(closed.history.map((h) => h.action)).toEqual(['submitted', 'project_assigned', 'claimed', 'note_added', 'status_changed']);
      for (const field of ['contact', 'employer', 'conversationRef', 'phoneKey', 'emailKey', 'userKeys', 'openOwnerKey'] as const) expect(closed[field]).toBeUndefined();
      expect(closed.notes).toEqual([]);
      const json = JSON.stringify(closed);
      for (const personal of ['Wanda', '3381239999', '338 123', 'wanda@', 'withdraw-me']) expect(json).not.toContain(personal);
      // the staff queue of closed leads lists it
      const queue = await service.list({ role: 'staff' }, { status: 'closed' });
      expect(queue.items.map((l) => l._id)).toContain(lead._id);
      // nothing left to withdraw; an operator can no longer move it; the worker may refer themselves again
      expect(await service.withdrawByUser(me)).toEqual([]);
      await expect(service.transition(lead._id, 'contacted', { by: 'op-1' })).rejects.toMatchObject({ reason: 'illegal_transition:closed->contacted' });
      const fresh = await service.submit(submission({ channelUserId: 'withdraw-me', contact: { name: 'Wanda', phone: '3381239999' } }), `withdraw-${unique()}`);
      expect(fresh.created).toBe(true);
    });

    test('a lead already closed by an operator keeps its close reason and loses its personal data (erased, reason withdrawn)', async () => {
      const me = { channel: 'webchat', userId: 'withdraw-closed' };
      const { lead } = await service.submit(submission({ channelUserId: 'withdraw-closed', contact: { name: 'Carlo', phone: '3381238888' } }), `withdraw-${unique()}`);
      await service.transition(lead._id, 'closed', { by: 'op-1', reason: 'unreachable' });
      expect((await service.withdrawByUser(me)).map((l) => l._id)).toEqual([lead._id]);
      const after = await service.get(lead._id);
      expect(after.status).toBe('erased');
      expect(after.history.at(-2)).toMatchObject({ to: 'closed', reason: 'unreachable' });
      expect(after.history.at(-1)).toMatchObject({ by: 'worker', action: 'erased', from: 'closed', reason: 'withdrawn' });
      expect(after.contact).toBeUndefined();
      expect(await service.withdrawByUser(me)).toEqual([]);
    });
  });

  describe('merge (an operator folds a duplicate into the kept lead)', () => {
    test('the duplicate is closed as merged and points to the kept lead, whose owners now include the duplicate\'s', async () => {
      const first = await service.submit(submission({ channelUserId: 'device-1', contact: { name: 'Pia', phone: '3351110001' } }), `merge-${unique()}`);
      clock.advance(1000);
      const second = await service.submit(submission({ channelUserId: 'device-2', contact: { name: 'Pia Rossi', phone: '3351110001', email: 'pia@example.com' } }), `merge-${unique()}`);
      expect(second.lead.possibleDuplicates).toEqual([first.lead._id]);
      clock.advance(1000);
      const { kept, merged } = await service.merge(first.lead._id, second.lead._id, 'op-1');
      expect(merged).toMatchObject({ status: 'closed', mergedInto: first.lead._id });
      expect(merged.openOwnerKey).toBeUndefined();
      expect(merged.possibleDuplicates).toEqual([]);
      expect(merged.history.at(-1)).toEqual({ at: clock.now(), by: 'op-1', action: 'status_changed', from: 'new', to: 'closed', reason: 'merged' });
      expect(kept.userKeys).toEqual([userKeyOf({ channel: 'webchat', userId: 'device-1' }), userKeyOf({ channel: 'webchat', userId: 'device-2' })]);
      expect(kept.possibleDuplicates).toEqual([]);
      expect(kept.history.at(-1)).toEqual({ at: clock.now(), by: 'op-1', action: 'merged', from: second.lead._id });
      expect(kept.contact?.name).toBe('Pia');
      // both devices see the kept lead; the second device's next submission updates it
      expect((await service.findForWorker({ channel: 'webchat', userId: 'device-2' })).map((l) => l._id)).toEqual([second.lead._id, first.lead._id]);
      const again = await service.submit(submission({ channelUserId: 'device-2', contact: { name: 'Pia Rossi', phone: '3351110001' } }), `merge-${unique()}`);
      expect(again).toMatchObject({ updatedExisting: true, lead: { _id: first.lead._id } });
    });

    test('refused for the same lead twice, and for a lead that is not open', async () => {
      const a = await service.submit(submission({ contact: { name: 'A', phone: '3351110002' } }), `merge-${unique()}`);
      const b = await service.submit(submission({ contact: { name: 'B', phone: '3351110002' } }), `merge-${unique()}`);
      await expect(service.merge(a.lead._id, a.lead._id, 'op-1')).rejects.toMatchObject({ code: 'VALIDATION', field: 'duplicate', reason: 'same_referral' });
      await service.transition(b.lead._id, 'closed', { by: 'op-1', reason: 'withdrawn' });
      await expect(service.merge(a.lead._id, b.lead._id, 'op-1')).rejects.toMatchObject({ code: 'CONFLICT', reason: 'not_open:closed' });
      await expect(service.merge(b.lead._id, a.lead._id, 'op-1')).rejects.toMatchObject({ code: 'CONFLICT', reason: 'not_open:closed' });
      await expect(service.merge(a.lead._id, 'missing', 'op-1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await service.get(a.lead._id)).status).toBe('new');
    });

    test('erasing one of two possible duplicates removes the mark from the other', async () => {
      const a = await service.submit(submission({ channelUserId: 'dup-a', contact: { name: 'A', phone: '3351110003' } }), `merge-${unique()}`);
      const b = await service.submit(submission({ channelUserId: 'dup-b', contact: { name: 'B', phone: '3351110003' } }), `merge-${unique()}`);
      expect(b.lead.possibleDuplicates).toEqual([a.lead._id]);
      expect(await service.eraseByUser({ channel: 'webchat', userId: 'dup-b' })).toBe(1);
      expect((await service.get(b.lead._id)).possibleDuplicates).toBeUndefined();
      expect((await service.get(a.lead._id)).possibleDuplicates).toEqual([]);
      expect((await service.get(a.lead._id)).contact?.name).toBe('A');
    });
  });

  test('a Teams worker\'s former per-bot id still finds (and erases) the leads stored under it', async () => {
    const { lead } = await service.submit(submission({ channel: 'msteams', channelUserId: '29:old-id', contact: { name: 'Teams', phone: '3351110004' } }), `teams-${unique()}`);
    const identity = { channel: 'msteams', userId: 'aad-object-id', formerUserIds: ['29:old-id'] };
    expect((await service.findForWorker(identity)).map((l) => l._id)).toEqual([lead._id]);
    expect(await service.findForWorker({ channel: 'msteams', userId: 'aad-object-id' })).toEqual([]);
    expect(await service.eraseByUser(identity)).toBe(1);
  });

  test('leadVisibleTo', () => {
    expect(leadVisibleTo({ role: 'staff' }, { projectId: null })).toBe(true);
    expect(leadVisibleTo({ role: 'operator', projectIds: ['a'] }, { projectId: 'a' })).toBe(true);
    expect(leadVisibleTo({ role: 'operator', projectIds: ['a'] }, { projectId: 'b' })).toBe(false);
    expect(leadVisibleTo({ role: 'operator', projectIds: ['a'] }, { projectId: null })).toBe(false);
  });
});
