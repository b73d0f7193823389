import type { ReferralDetail, ReferralSummary } from '../../bot/api/views';
import type { Logger } from '../../models/logger';
import { BG_PROJECT, CO_PROJECT, call, referral, injectApiBot, tokenFor, type InjectedApiBot, type ErrorBody } from './helpers';

interface Page {
  items: ReferralSummary[];
  nextCursor?: string;
}

interface AuditPage {
  items: Array<{ actor: string; action: string; target: string; details: Record<string, unknown> }>;
}

/** Every line the server logs, to prove no personal data reaches the logs. */
function recordingLogger(lines: string[]): Logger {
  const logger: Logger = {
    debug: (obj, msg) => lines.push(JSON.stringify([obj, msg])),
    info: (obj, msg) => lines.push(JSON.stringify([obj, msg])),
    warn: (obj, msg) => lines.push(JSON.stringify([obj, msg])),
    error: (obj, msg) => lines.push(JSON.stringify([obj, msg])),
    child: () => logger,
  };
  return logger;
}

describe('operators API: referrals', () => {
  let api: InjectedApiBot;
  const logLines: string[] = [];
  let staff: string;
  let opBg: string;
  let opBg2: string;
  let opCo: string;

  beforeAll(async () => {
    api = await injectApiBot({}, { logger: recordingLogger(logLines) });
    staff = await tokenFor(api, 'staff-milano', 'staff');
    opBg = await tokenFor(api, 'op-bergamo-1', 'operator', [BG_PROJECT]);
    opBg2 = await tokenFor(api, 'op-bergamo-2', 'operator', [BG_PROJECT]);
    opCo = await tokenFor(api, 'op-como-1', 'operator', [CO_PROJECT]);
  });
  afterAll(async () => {
    await api.bot.stop();
  });

  describe('visibility', () => {
    test('an operator lists only their projects\' referrals, without contact details before claiming', async () => {
      const bg = await referral(api, 'bg', { name: 'Giulia Bianchi' });
      const co = await referral(api, 'co');
      expect(bg.projectId).toBe(BG_PROJECT);
      expect(co.projectId).toBe(CO_PROJECT);

      const { status, body } = await call<Page>(api, 'GET', '/api/referrals?limit=100', opBg);
      expect(status).toBe(200);
      const ids = body.items.map((i) => i.id);
      expect(ids).toContain(bg._id);
      expect(ids).not.toContain(co._id);
      expect(body.items.every((i) => i.projectId === BG_PROJECT)).toBe(true);

      const item = body.items.find((i) => i.id === bg._id) as ReferralSummary;
      expect(item).toMatchObject({ reference: bg.reference, status: 'new', province: 'BG', sector: 'metalmeccanico', firm: 'Officine Esempio srl', outcome: 'eligible', contactVisible: false, claimedBy: null });
      expect(item.contact).toBeUndefined();
      expect(item.leftOn).toBeUndefined();
      expect(JSON.stringify(body)).not.toContain('Giulia');
      expect(JSON.stringify(body)).not.toContain('@example.com');
    });

    test('another project\'s referral answers 404, exactly like an unknown id', async () => {
      const co = await referral(api, 'co');
      const other = await call<ErrorBody>(api, 'GET', `/api/referrals/${co._id}`, opBg);
      const unknown = await call<ErrorBody>(api, 'GET', '/api/referrals/00000000-0000-4000-8000-000000000000', opBg);
      expect(other.status).toBe(404);
      expect(unknown.status).toBe(404);
      expect(other.body).toEqual(unknown.body);
      expect(other.body.error).toEqual({ code: 'NOT_FOUND', reason: 'referral_not_found' });
      // nor can it be claimed, changed or noted
      expect((await call(api, 'POST', `/api/referrals/${co._id}/claim`, opBg)).status).toBe(404);
      expect((await call(api, 'PATCH', `/api/referrals/${co._id}`, opBg, { note: 'x' })).status).toBe(404);
      expect((await call(api, 'POST', `/api/referrals/${co._id}/notes`, opBg, { text: 'x' })).status).toBe(404);
      // by reference too
      expect((await call(api, 'GET', `/api/referrals/${co.reference}`, opBg)).status).toBe(404);
      expect((await call(api, 'GET', `/api/referrals/${co.reference}`, opCo)).status).toBe(200);
    });

    test('staff see every referral with contact details, and the unassigned queue with project=none', async () => {
      const unassigned = await referral(api, 'unassigned', { name: 'Paolo Verdi' });
      expect(unassigned.projectId).toBeNull();
      const all = await call<Page>(api, 'GET', '/api/referrals?limit=100', staff);
      expect(all.body.items.map((i) => i.id)).toContain(unassigned._id);
      const queue = await call<Page>(api, 'GET', '/api/referrals?project=none&limit=100', staff);
      expect(queue.status).toBe(200);
      expect(queue.body.items.length).toBeGreaterThan(0);
      expect(queue.body.items.every((i) => i.projectId === null)).toBe(true);
      const item = queue.body.items.find((i) => i.id === unassigned._id) as ReferralSummary;
      expect(item.contactVisible).toBe(true);
      expect(item.contact).toMatchObject({ name: 'Paolo Verdi', email: expect.stringContaining('@example.com') });
      // operators may not look at the unassigned queue nor at other projects
      expect((await call<ErrorBody>(api, 'GET', '/api/referrals?project=none', opBg)).status).toBe(403);
      expect((await call<ErrorBody>(api, 'GET', `/api/referrals?project=${CO_PROJECT}`, opBg)).status).toBe(403);
    });

    test('contact details appear once the operator claims; another operator of the project still does not see them', async () => {
      const lead = await referral(api, 'bg', { name: 'Anna Neri' });
      const before = await call<ReferralDetail>(api, 'GET', `/api/referrals/${lead._id}`, opBg);
      expect(before.body.contact).toBeUndefined();
      expect(before.body.notes).toBeUndefined();
      expect(before.body.history.map((h) => h.action)).toEqual(['submitted', 'project_assigned']);

      const claimed = await call<ReferralDetail>(api, 'POST', `/api/referrals/${lead._id}/claim`, opBg);
      expect(claimed.status).toBe(200);
      expect(claimed.body).toMatchObject({ status: 'claimed', claimedBy: 'op-bergamo-1', contactVisible: true, contact: { name: 'Anna Neri', phone: expect.stringMatching(/^\+39333/) }, leftOn: '2025-01-15' });
      expect(claimed.body.history.at(-1)).toMatchObject({ action: 'claimed', by: 'op-bergamo-1', from: 'new', to: 'claimed' });

      const after = await call<ReferralDetail>(api, 'GET', `/api/referrals/${lead.reference}`, opBg);
      expect(after.body.contact?.name).toBe('Anna Neri');
      const colleague = await call<ReferralDetail>(api, 'GET', `/api/referrals/${lead._id}`, opBg2);
      expect(colleague.status).toBe(200);
      expect(colleague.body).toMatchObject({ claimedBy: 'op-bergamo-1', contactVisible: false });
      expect(colleague.body.contact).toBeUndefined();
    });
  });

  describe('listing', () => {
    test('newest first, paged with limit and an opaque cursor, no item twice', async () => {
      for (let i = 0; i < 5; i++) await referral(api, 'co');
      const seen: ReferralSummary[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await call<Page>(api, 'GET', `/api/referrals?limit=2${cursor ? `&cursor=${cursor}` : ''}`, opCo);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 50);
      const times = seen.map((i) => Date.parse(i.createdAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      expect(new Set(seen.map((i) => i.id)).size).toBe(seen.length);
      expect(seen.length).toBeGreaterThanOrEqual(6);
      expect(pages).toBeGreaterThanOrEqual(3);
    });

    test('filters: status (comma list), province, from/to', async () => {
      // just after the previous tests' referrals (from is inclusive)
      const start = new Date(api.clock.now().getTime() + 1);
      const a = await referral(api, 'co');
      const b = await referral(api, 'co');
      await call(api, 'POST', `/api/referrals/${b._id}/claim`, opCo);

      const claimed = await call<Page>(api, 'GET', '/api/referrals?status=claimed&limit=100', opCo);
      expect(claimed.body.items.map((i) => i.id)).toEqual([b._id]);
      const both = await call<Page>(api, 'GET', `/api/referrals?status=new,claimed&from=${encodeURIComponent(start.toISOString())}`, opCo);
      expect(both.body.items.map((i) => i.id)).toEqual([b._id, a._id]);
      const window = await call<Page>(api, 'GET', `/api/referrals?from=${encodeURIComponent(start.toISOString())}&to=${encodeURIComponent(b.createdAt.toISOString())}`, opCo);
      expect(window.body.items.map((i) => i.id)).toEqual([a._id]);
      const province = await call<Page>(api, 'GET', '/api/referrals?province=co&limit=100', staff);
      expect(province.body.items.length).toBeGreaterThan(0);
      expect(province.body.items.every((i) => i.province === 'CO')).toBe(true);
      const day = await call<Page>(api, 'GET', '/api/referrals?from=2025-03-03&to=2025-03-03&limit=100', staff);
      expect(day.body.items.map((i) => i.id)).toEqual(expect.arrayContaining([a._id, b._id]));
      const before = await call<Page>(api, 'GET', '/api/referrals?to=2025-03-02', staff);
      expect(before.body.items).toEqual([]);
    });
  });

  describe('claiming', () => {
    const race = async (operators: string[], names: string[]): Promise<void> => {
      const lead = await referral(api, 'bg');
      const responses = await Promise.all(operators.map((token) => call<ReferralDetail & ErrorBody>(api, 'POST', `/api/referrals/${lead._id}/claim`, token)));
      const won = responses.filter((r) => r.status === 200);
      const lost = responses.filter((r) => r.status === 409);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(operators.length - 1);
      const winner = won[0].body.claimedBy as string;
      expect(names).toContain(winner);
      for (const r of lost) {
        expect(r.body.error).toEqual({ code: 'CONFLICT', reason: `already_claimed_by:${winner}`, claimedBy: winner });
      }
      const stored = await api.bot.domain.leads.get(lead._id);
      expect(stored.history.filter((h) => h.action === 'claimed')).toHaveLength(1);
    };

    test('two concurrent claims: exactly one wins, the other gets 409 naming the winner', async () => {
      await race([opBg, opBg2], ['op-bergamo-1', 'op-bergamo-2']);
    });

    test('eight concurrent claims: exactly one wins, seven get 409 naming the winner', async () => {
      const names = Array.from({ length: 8 }, (_, i) => `op-race-${i}`);
      const tokens = await Promise.all(names.map((n) => tokenFor(api, n, 'operator', [BG_PROJECT])));
      await race(tokens, names);
    });

    test('a later claim names the holder, also after the referral moved on; staff may claim too', async () => {
      const lead = await referral(api, 'bg');
      expect((await call(api, 'POST', `/api/referrals/${lead._id}/claim`, staff)).status).toBe(200);
      await call(api, 'PATCH', `/api/referrals/${lead._id}`, staff, { status: 'contacted' });
      const late = await call<ErrorBody>(api, 'POST', `/api/referrals/${lead._id}/claim`, opBg);
      expect(late.status).toBe(409);
      expect(late.body.error.claimedBy).toBe('staff-milano');
      // closed before anyone took it: an illegal transition, with from/to
      const closed = await referral(api, 'bg');
      await call(api, 'PATCH', `/api/referrals/${closed._id}`, staff, { status: 'closed', reason: 'not_eligible' });
      const claim = await call<ErrorBody>(api, 'POST', `/api/referrals/${closed._id}/claim`, opBg);
      expect(claim.status).toBe(409);
      expect(claim.body.error).toEqual({ code: 'CONFLICT', reason: 'illegal_transition:closed->claimed', from: 'closed', to: 'claimed' });
    });
  });

  describe('lifecycle', () => {
    test('the claimer moves it contacted -> enrolled -> placed; illegal moves answer 409 with from/to', async () => {
      const lead = await referral(api, 'bg');
      await call(api, 'POST', `/api/referrals/${lead._id}/claim`, opBg);
      for (const status of ['contacted', 'enrolled', 'placed']) {
        const moved = await call<ReferralDetail>(api, 'PATCH', `/api/referrals/${lead._id}`, opBg, { status });
        expect(moved.status).toBe(200);
        expect(moved.body.status).toBe(status);
      }
      const again = await call<ErrorBody>(api, 'PATCH', `/api/referrals/${lead._id}`, opBg, { status: 'closed', reason: 'withdrawn' });
      expect(again.status).toBe(409);
      expect(again.body.error).toEqual({ code: 'CONFLICT', reason: 'illegal_transition:placed->closed', from: 'placed', to: 'closed' });

      const fresh = await referral(api, 'bg');
      const skip = await call<ErrorBody>(api, 'PATCH', `/api/referrals/${fresh._id}`, staff, { status: 'placed' });
      expect(skip.status).toBe(409);
      expect(skip.body.error).toMatchObject({ reason: 'illegal_transition:new->placed', from: 'new', to: 'placed' });
    });

    test('closing needs a reason; only the claimer (or staff) may move a claimed referral', async () => {
      const lead = await referral(api, 'bg');
      await call(api, 'POST', `/api/referrals/${lead._id}/claim`, opBg);
      const noReason = await call<ErrorBody>(api, 'PATCH', `/api/referrals/${lead._id}`, opBg, { status: 'closed' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error).toMatchObject({ field: 'reason', reason: 'close_reason_required' });
      const colleague = await call<ErrorBody>(api, 'PATCH', `/api/referrals/${lead._id}`, opBg2, { status: 'contacted' });
      expect(colleague.status).toBe(403);
      expect(colleague.body.error.reason).toBe('not_your_referral');
      const unclaimed = await referral(api, 'bg');
      expect((await call(api, 'PATCH', `/api/referrals/${unclaimed._id}`, opBg, { status: 'closed', reason: 'unreachable' })).status).toBe(403);
      const byStaff = await call<ReferralDetail>(api, 'PATCH', `/api/referrals/${lead._id}`, staff, { status: 'closed', reason: 'unreachable' });
      expect(byStaff.status).toBe(200);
      expect(byStaff.body.history.at(-1)).toMatchObject({ action: 'status_changed', by: 'staff-milano', from: 'claimed', to: 'closed', reason: 'unreachable' });
    });

    test('staff assign an unassigned referral to a project; operators may not; a claimed one cannot be moved', async () => {
      const lead = await referral(api, 'unassigned');
      const byOperator = await call<ErrorBody>(api, 'PATCH', `/api/referrals/${lead._id}`, opBg, { projectId: BG_PROJECT });
      expect(byOperator.status).toBe(404); // operators do not even see the unassigned queue
      const unknown = await call<ErrorBody>(api, 'PATCH', `/api/referrals/${lead._id}`, staff, { projectId: 'no-such-project' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.field).toBe('projectId');
      const assigned = await call<ReferralDetail>(api, 'PATCH', `/api/referrals/${lead._id}`, staff, { projectId: BG_PROJECT });
      expect(assigned.status).toBe(200);
      expect(assigned.body.projectId).toBe(BG_PROJECT);
      expect(assigned.body.history.at(-1)).toMatchObject({ action: 'project_assigned', by: 'staff-milano', to: BG_PROJECT, reason: 'staff' });
      // now the Bergamo operators see it, and one may not reassign it
      expect((await call(api, 'GET', `/api/referrals/${lead._id}`, opBg)).status).toBe(200);
      const reassign = await call<ErrorBody>(api, 'PATCH', `/api/referrals/${lead._id}`, opBg, { projectId: CO_PROJECT });
      expect(reassign.status).toBe(403);
      await call(api, 'POST', `/api/referrals/${lead._id}/claim`, opBg);
      const late = await call<ErrorBody>(api, 'PATCH', `/api/referrals/${lead._id}`, staff, { projectId: CO_PROJECT });
      expect(late.status).toBe(409);
      expect(late.body.error.reason).toBe('not_new:claimed');
    });
  });

  describe('notes', () => {
    test('the claimer adds notes (POST .../notes or PATCH note); others may not; non-claimers do not read them', async () => {
      const lead = await referral(api, 'bg');
      expect((await call(api, 'POST', `/api/referrals/${lead._id}/notes`, opBg, { text: 'prima di claim' })).status).toBe(403);
      await call(api, 'POST', `/api/referrals/${lead._id}/claim`, opBg);
      const noted = await call<ReferralDetail>(api, 'POST', `/api/referrals/${lead._id}/notes`, opBg, { text: 'Chiamata: richiamare lunedì' });
      expect(noted.status).toBe(201);
      expect(noted.body.notes).toEqual([{ at: expect.any(String), by: 'op-bergamo-1', text: 'Chiamata: richiamare lunedì' }]);
      const patched = await call<ReferralDetail>(api, 'PATCH', `/api/referrals/${lead._id}`, opBg, { status: 'contacted', note: 'Colloquio fissato' });
      expect(patched.status).toBe(200);
      expect(patched.body.status).toBe('contacted');
      expect(patched.body.notes?.map((n) => n.text)).toEqual(['Chiamata: richiamare lunedì', 'Colloquio fissato']);

      expect((await call(api, 'POST', `/api/referrals/${lead._id}/notes`, opBg2, { text: 'intruso' })).status).toBe(403);
      const colleague = await call<ReferralDetail>(api, 'GET', `/api/referrals/${lead._id}`, opBg2);
      expect(colleague.body.notes).toBeUndefined();
      expect(JSON.stringify(colleague.body)).not.toContain('Colloquio');
      const byStaff = await call<ReferralDetail>(api, 'GET', `/api/referrals/${lead._id}`, staff);
      expect(byStaff.body.notes).toHaveLength(2);

      const empty = await call<ErrorBody>(api, 'POST', `/api/referrals/${lead._id}/notes`, opBg, { text: '   ' });
      expect(empty.status).toBe(400);
      expect(empty.body.error).toMatchObject({ field: 'text', reason: 'required' });
      const long = await call<ErrorBody>(api, 'POST', `/api/referrals/${lead._id}/notes`, opBg, { text: 'x'.repeat(2001) });
      expect(long.status).toBe(400);
      expect(long.body.error).toMatchObject({ field: 'text', reason: 'too_long' });
    });
  });

  describe('audit', () => {
    test('every change is audited with the account name and no personal data; nothing personal is logged', async () => {
      const lead = await referral(api, 'unassigned', { name: 'Carla Audit' });
      await call(api, 'PATCH', `/api/referrals/${lead._id}`, staff, { projectId: BG_PROJECT });
      await call(api, 'POST', `/api/referrals/${lead._id}/claim`, opBg);
      await call(api, 'PATCH', `/api/referrals/${lead._id}`, opBg, { status: 'contacted', note: 'Nota segreta con 333 9999999' });
      await call(api, 'POST', `/api/referrals/${lead._id}/notes`, opBg, { text: 'Seconda nota riservata' });

      const { status, body } = await call<AuditPage>(api, 'GET', `/api/audit?target=lead:${lead._id}&limit=100`, staff);
      expect(status).toBe(200);
      const entries = body.items.map((e) => `${e.actor} ${e.action}`).sort();
      expect(entries).toEqual([
        'op-bergamo-1 lead.claimed',
        'op-bergamo-1 lead.note_added',
        'op-bergamo-1 lead.note_added',
        'op-bergamo-1 lead.status_changed',
        'staff-milano lead.project_assigned',
      ]);
      expect(body.items.every((e) => e.target === `lead:${lead._id}`)).toBe(true);
      const change = body.items.find((e) => e.action === 'lead.status_changed');
      expect(change?.details).toMatchObject({ from: 'claimed', to: 'contacted', reference: lead.reference });
      const text = JSON.stringify(body);
      for (const personal of ['Carla', 'segreta', 'riservata', '9999999', '@example.com', lead.contact?.phone ?? '-']) expect(text).not.toContain(personal);

      const logs = logLines.join('\n');
      for (const personal of ['Carla', 'Giulia', 'Anna Neri', 'segreta', 'riservata', '@example.com', '+39333']) expect(logs).not.toContain(personal);
    });
  });
});
