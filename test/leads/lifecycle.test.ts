import { ConflictError, ValidationError } from '../../models/errors';
import { LEAD_STATUSES, canTransition, checkTransition, type LeadStatus } from '../../models/leads/lead';
import { LeadRepository } from '../../models/leads/leadRepository';
import { LeadService } from '../../models/leads/leadService';
import { fixedClock, submission, tempStore } from './fixtures';

const LEGAL: Array<[LeadStatus, LeadStatus]> = [
  ['new', 'claimed'],
  ['claimed', 'contacted'],
  ['contacted', 'enrolled'],
  ['enrolled', 'placed'],
  ['new', 'closed'],
  ['claimed', 'closed'],
  ['contacted', 'closed'],
  ['enrolled', 'closed'],
];
const isLegal = (from: LeadStatus, to: LeadStatus): boolean => LEGAL.some(([f, t]) => f === from && t === to);
const ALL_PAIRS = LEAD_STATUSES.flatMap((from) => LEAD_STATUSES.map((to): [LeadStatus, LeadStatus] => [from, to]));

describe('lifecycle table', () => {
  test.each(ALL_PAIRS)('%s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(isLegal(from, to));
    const reason = to === 'closed' ? 'withdrawn' : undefined;
    if (isLegal(from, to)) expect(() => checkTransition(from, to, reason)).not.toThrow();
    else {
      expect(() => checkTransition(from, to, reason)).toThrow(ConflictError);
      expect(() => checkTransition(from, to, reason)).toThrow(`illegal_transition:${from}->${to}`);
    }
  });

  test.each(['not_eligible', 'unreachable', 'withdrawn'])('closing with reason %s is legal', (reason) => {
    expect(() => checkTransition('claimed', 'closed', reason)).not.toThrow();
  });

  test.each([undefined, '', 'bored'])('closing with reason %j is a ValidationError', (reason) => {
    expect(() => checkTransition('claimed', 'closed', reason)).toThrow(ValidationError);
  });

  test('a reason on a non-closing move is refused', () => {
    expect(() => checkTransition('claimed', 'contacted', 'withdrawn')).toThrow(ValidationError);
  });
});

describe('LeadService transitions on the embedded store', () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>;
  let service: LeadService;
  const clock = fixedClock();

  beforeAll(async () => {
    ctx = await tempStore();
    service = new LeadService(await LeadRepository.open(ctx.store), { now: clock.now });
  });
  afterAll(() => ctx.dispose());

  let n = 0;
  async function newLead(): Promise<string> {
    n += 1;
    const { lead } = await service.submit(submission({ contact: { name: `W ${n}`, email: `w${n}@example.com` } }), `s-${n}`);
    return lead._id;
  }

  test('the whole happy path, with history', async () => {
    const id = await newLead();
    await service.claim(id, 'op-1');
    await service.transition(id, 'contacted', { by: 'op-1' });
    await service.transition(id, 'enrolled', { by: 'op-1' });
    const placed = await service.transition(id, 'placed', { by: 'op-1' });
    expect(placed.status).toBe('placed');
    expect(placed.operatorId).toBe('op-1');
    expect(placed.history.map((h) => [h.action, h.from, h.to])).toEqual([
      ['submitted', undefined, 'new'],
      ['claimed', 'new', 'claimed'],
      ['status_changed', 'claimed', 'contacted'],
      ['status_changed', 'contacted', 'enrolled'],
      ['status_changed', 'enrolled', 'placed'],
    ]);
    await expect(service.transition(id, 'closed', { by: 'op-1', reason: 'withdrawn' })).rejects.toThrow('illegal_transition:placed->closed');
  });

  test('skipping a step is a conflict naming from and to', async () => {
    const id = await newLead();
    await expect(service.transition(id, 'enrolled', { by: 'op-1' })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'illegal_transition:new->enrolled' });
    await service.claim(id, 'op-1');
    await expect(service.transition(id, 'new', { by: 'op-1' })).rejects.toMatchObject({ reason: 'illegal_transition:claimed->new' });
  });

  test('closing needs a reason and records it; closed is final', async () => {
    const id = await newLead();
    await expect(service.transition(id, 'closed', { by: 'op-1' })).rejects.toBeInstanceOf(ValidationError);
    const closed = await service.transition(id, 'closed', { by: 'staff-1', reason: 'unreachable' });
    expect(closed.status).toBe('closed');
    expect(closed.history[closed.history.length - 1]).toMatchObject({ action: 'status_changed', from: 'new', to: 'closed', reason: 'unreachable' });
    await expect(service.claim(id, 'op-1')).rejects.toMatchObject({ reason: 'illegal_transition:closed->claimed' });
  });

  test('transition to claimed goes through claim', async () => {
    const id = await newLead();
    const claimed = await service.transition(id, 'claimed', { by: 'op-2' });
    expect(claimed).toMatchObject({ status: 'claimed', operatorId: 'op-2' });
  });

  test('requireClaimedBy keeps other operators out', async () => {
    const id = await newLead();
    await service.claim(id, 'op-1');
    await expect(service.transition(id, 'contacted', { by: 'op-2', requireClaimedBy: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(service.transition(id, 'contacted', { by: 'op-1', requireClaimedBy: true })).resolves.toMatchObject({ status: 'contacted' });
  });

  test('unknown lead and unknown status', async () => {
    await expect(service.transition('nope', 'contacted', { by: 'op-1' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const id = await newLead();
    await expect(service.transition(id, 'archived' as LeadStatus, { by: 'op-1' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(service.transition(id, 'erased', { by: 'op-1' })).rejects.toMatchObject({ reason: 'illegal_transition:new->erased' });
  });

  test('notes: trimmed, at most 2000 characters, with a history line', async () => {
    const id = await newLead();
    const noted = await service.addNote(id, 'op-1', '  chiamata alle 10, richiamare  ');
    expect(noted.notes).toEqual([{ by: 'op-1', at: clock.now(), text: 'chiamata alle 10, richiamare' }]);
    expect(noted.history[noted.history.length - 1]).toEqual({ at: clock.now(), by: 'op-1', action: 'note_added' });
    await expect(service.addNote(id, 'op-1', 'x'.repeat(2001))).rejects.toMatchObject({ field: 'text', reason: 'too_long' });
    await expect(service.addNote(id, 'op-1', '   ')).rejects.toMatchObject({ field: 'text', reason: 'required' });
    await expect(service.addNote(id, 'op-1', 'x'.repeat(2000))).resolves.toBeTruthy();
    await expect(service.addNote('nope', 'op-1', 'hi')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
