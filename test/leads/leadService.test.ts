import { REFERENCE_PATTERN, type Lead } from '../../models/leads/lead';
import { LeadRepository } from '../../models/leads/leadRepository';
import { LeadService, leadVisibleTo, userKeyOf, workerView } from '../../models/leads/leadService';
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
      const { lead, created, updatedExisting } = await service.submit(submission({ contact: { name: ' Anna  Bianchi', phone: '+39 345-1112233' } }), 'sub-create');
      expect({ created, updatedExisting }).toEqual({ created: true, updatedExisting: false });
      expect(lead.reference).toMatch(REFERENCE_PATTERN);
      expect(lead.contact).toEqual({ name: 'Anna Bianchi', phone: '+393451112233' });
      expect(lead.phoneKey).toMatch(/^[0-9a-f]{64}$/);
      expect(lead.userKeys).toEqual([userKeyOf({ channel: 'webchat', userId: 'user-1' })]);
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

    test('the same person by phone updates the open lead instead of creating a second', async () => {
      const first = await service.submit(submission({ contact: { name: 'Luca', phone: '333 555 0001', email: 'luca@example.com' } }), 'sub-p1');
      clock.advance(60_000);
      const second = await service.submit(
        submission({
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
      const retry = await service.submit(submission({ contact: { name: 'Luca Verdi', phone: '3335550001' } }), 'sub-p2');
      expect(retry).toMatchObject({ created: false, updatedExisting: false });
      expect(retry.lead.rev).toBe(second.lead.rev);
    });

    test('the same person by e-mail (any case) updates the open lead', async () => {
      const first = await service.submit(submission({ contact: { name: 'Sara', email: 'Sara.Neri@Example.com' } }), 'sub-e1');
      const second = await service.submit(submission({ contact: { name: 'Sara', email: 'sara.neri@example.COM', phone: '3401234567' } }), 'sub-e2');
      expect(second.updatedExisting).toBe(true);
      expect(second.lead._id).toBe(first.lead._id);
      expect(second.lead.contact?.phone).toBe('+393401234567');
    });

    test('a person whose lead is closed gets a new lead; a claimed lead is updated but keeps its project', async () => {
      const first = await service.submit(submission({ contact: { name: 'Gino', phone: '3209990001' } }), 'sub-c1');
      await service.transition(first.lead._id, 'closed', { by: 'staff', reason: 'withdrawn' });
      const second = await service.submit(submission({ contact: { name: 'Gino', phone: '3209990001' } }), 'sub-c2');
      expect(second.created).toBe(true);
      expect(second.lead._id).not.toBe(first.lead._id);

      await service.claim(second.lead._id, 'op-1');
      const third = await service.submit(
        submission({ contact: { name: 'Gino', phone: '3209990001' }, employer: { name: 'Altra', sector: 'commercio' } }),
        'sub-c3',
      );
      expect(third).toMatchObject({ updatedExisting: true, lead: { _id: second.lead._id, status: 'claimed', projectId: 'bg-officine' } });
    });

    test('two different submissions of the same person at once (two devices): one lead, the others merged into it', async () => {
      const results = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((i) => service.submit(submission({ contact: { name: `Rita ${i}`, phone: '3281112299', email: i % 2 ? 'rita@example.com' : undefined } }), `sub-race-${i}`)),
      );
      expect(new Set(results.map((r) => r.lead._id)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(results.filter((r) => r.updatedExisting)).toHaveLength(5);
      const [lead] = await repo.find({ submissionIds: 'sub-race-1' });
      expect([...lead.submissionIds].sort()).toEqual(['sub-race-1', 'sub-race-2', 'sub-race-3', 'sub-race-4', 'sub-race-5', 'sub-race-6']);
      expect(await repo.find({ phoneKey: lead.phoneKey })).toHaveLength(1);
    });

    test('an ended lead that still holds its open-contact key (written before the key was released) does not block a new referral', async () => {
      const first = await service.submit(submission({ contact: { name: 'Ugo', phone: '3297770001' } }), 'sub-stale-1');
      // as an older version would have left it: closed, key still held
      await repo.updateIf({ _id: first.lead._id }, { $set: { status: 'closed' } });
      const second = await service.submit(submission({ contact: { name: 'Ugo', phone: '3297770001' } }), 'sub-stale-2');
      expect(second.created).toBe(true);
      expect((await repo.findById(first.lead._id))?.openPhoneKey).toBeUndefined();
      expect(second.lead.openPhoneKey).toBe(first.lead.phoneKey);
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
        submission({ contact: { name: 'Triage', phone: '3396666666' }, employer: { name: 'Boh', sector: 'turismo' } }),
        `assign-${unique()}`,
      );
      await expect(service.assignProject(lead._id, 'no-such', 'staff-1')).rejects.toMatchObject({ code: 'VALIDATION' });
      const assigned = await service.assignProject(lead._id, 'mi-commercio', 'staff-1');
      expect(assigned).toMatchObject({ projectId: 'mi-commercio', matchedBy: 'staff' });
      const again = await service.submit(submission({ contact: { name: 'Triage', phone: '3396666666' } }), `assign-${unique()}`);
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
      for (const personal of ['Elena', '338', 'elena@', 'erase-me', 'conv-1']) expect(json).not.toContain(personal);
      expect(await service.findForWorker(me)).toEqual([]);
      expect(await service.eraseByUser(me)).toBe(0);
      await expect(service.addNote(lead._id, 'op-1', 'late')).rejects.toMatchObject({ code: 'CONFLICT', reason: 'erased' });
      await expect(service.transition(lead._id, 'contacted', { by: 'op-1' })).rejects.toMatchObject({ reason: 'illegal_transition:erased->contacted' });
      // the same person may refer themselves again afterwards
      const fresh = await service.submit(submission({ channelUserId: 'erase-me', contact: { name: 'Elena', phone: '3381231234' } }), `erase-${unique()}`);
      expect(fresh.created).toBe(true);
    });
  });

  test('leadVisibleTo', () => {
    expect(leadVisibleTo({ role: 'staff' }, { projectId: null })).toBe(true);
    expect(leadVisibleTo({ role: 'operator', projectIds: ['a'] }, { projectId: 'a' })).toBe(true);
    expect(leadVisibleTo({ role: 'operator', projectIds: ['a'] }, { projectId: 'b' })).toBe(false);
    expect(leadVisibleTo({ role: 'operator', projectIds: ['a'] }, { projectId: null })).toBe(false);
  });
});
