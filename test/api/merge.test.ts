/**
 * Merging possible duplicates through the real API, on the embedded store and (MONGODB_URI) on MongoDB: an
 * operator who spoke to the person folds one referral into the other; audited; operators only within their
 * projects (404) and on referrals they hold (403).
 */
import { randomUUID } from 'node:crypto';
import type { ReferralDetail } from '../../bot/api/views';
import type { Lead } from '../../models/leads/lead';
import type { MongoStore } from '../../models/store/mongo/mongoStore';
import { submission } from '../leads/fixtures';
import { botStoreEnvs } from '../support/adapters';
import { BG_PROJECT, CO_PROJECT, call, injectApiBot, tokenFor, type InjectedApiBot, type ErrorBody } from './helpers';

describe.each(botStoreEnvs('merge'))('POST /api/referrals/:id/merge on the $name store', ({ name, env }) => {
  let api: InjectedApiBot;
  let staff: string;
  let opBg: string;
  let opBg2: string;
  let opCo: string;
  let phones = 0;

  beforeAll(async () => {
    api = await injectApiBot(env());
    staff = await tokenFor(api, `staff-merge-${name}`, 'staff');
    opBg = await tokenFor(api, `op-merge-bg-${name}`, 'operator', [BG_PROJECT]);
    opBg2 = await tokenFor(api, `op-merge-bg2-${name}`, 'operator', [BG_PROJECT]);
    opCo = await tokenFor(api, `op-merge-co-${name}`, 'operator', [CO_PROJECT]);
  });
  afterAll(async () => {
    if (name === 'mongodb') await (api.bot.store as MongoStore).dropDatabase();
    await api.bot.stop();
  });

  /** Two chat identities that gave the same phone (the same person on two devices, say); `where` picks each project. */
  async function pair(where: ['bg' | 'co', 'bg' | 'co'] = ['bg', 'bg']): Promise<[Lead, Lead]> {
    phones += 1;
    const phone = `333 777 ${String(1000 + phones)}`;
    const made: Lead[] = [];
    for (const [i, place] of where.entries()) {
      api.clock.advance(1000);
      const base = submission();
      const { lead } = await api.bot.domain.leads.submit(
        {
          ...base,
          channelUserId: `device-${i}-${randomUUID()}`,
          contact: { name: `Persona ${phones}${i ? ' (telefono nuovo)' : ''}`, phone },
          precheck: { ...base.precheck, answers: { ...base.precheck.answers, province: place === 'bg' ? 'BG' : 'CO' } },
          employer: place === 'bg' ? { name: 'Officine Esempio srl', sector: 'metalmeccanico' } : { name: 'Seterie Esempio S.p.A.', sector: 'tessile' },
        },
        `merge-${randomUUID()}`,
      );
      made.push(lead);
    }
    expect(made[0].projectId).toBe(where[0] === 'bg' ? BG_PROJECT : CO_PROJECT);
    return [made[0], made[1]];
  }

  const merge = (keep: string, duplicate: unknown, token: string) => call<ReferralDetail & ErrorBody>(api, 'POST', `/api/referrals/${keep}/merge`, token, duplicate === undefined ? {} : { duplicate });

  test('the operator holding one of two possible duplicates merges the other into it: closed as merged, owners joined, audited', async () => {
    const [keep, duplicate] = await pair();
    const shown = await call<ReferralDetail>(api, 'GET', `/api/referrals/${keep._id}`, opBg);
    expect(shown.body.possibleDuplicates).toEqual([{ id: duplicate._id, reference: duplicate.reference, status: 'new', createdAt: duplicate.createdAt.toISOString(), projectId: BG_PROJECT, claimedBy: null }]);
    expect((await call(api, 'POST', `/api/referrals/${keep._id}/claim`, opBg)).status).toBe(200);

    const merged = await merge(keep.reference, duplicate.reference, opBg);
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ id: keep._id, status: 'claimed', possibleDuplicates: [] });
    expect(merged.body.history.at(-1)).toMatchObject({ action: 'merged', by: `op-merge-bg-${name}`, from: duplicate._id });

    const folded = await call<ReferralDetail>(api, 'GET', `/api/referrals/${duplicate._id}`, opBg);
    expect(folded.body).toMatchObject({ status: 'closed', mergedInto: keep._id, possibleDuplicates: [] });
    expect(folded.body.history.at(-1)).toMatchObject({ action: 'status_changed', from: 'new', to: 'closed', reason: 'merged' });
    const stored = await api.bot.domain.leads.get(keep._id);
    expect(stored.userKeys).toEqual([...(keep.userKeys ?? []), ...(duplicate.userKeys ?? [])]);

    const audit = await api.bot.domain.audit.list({ action: 'lead.merged', target: `lead:${keep._id}` });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ actor: `op-merge-bg-${name}`, details: { reference: keep.reference, merged: duplicate.reference, mergedId: duplicate._id, from: 'new', to: 'closed' } });
    expect(JSON.stringify(audit.items[0])).not.toMatch(/Persona|333 ?777/);

    // done once: the duplicate is no longer open
    const again = await merge(keep._id, duplicate._id, opBg);
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({ code: 'CONFLICT', reason: 'not_open:closed' });
  });

  test('operators: 404 for referrals outside their projects, 403 unless they hold the kept one and the other is not someone else\'s', async () => {
    const [keep, duplicate] = await pair();
    // another project's operator: neither exists for them
    expect((await merge(keep._id, duplicate._id, opCo)).body.error).toEqual({ code: 'NOT_FOUND', reason: 'referral_not_found' });
    // not claimed by the caller
    const unclaimed = await merge(keep._id, duplicate._id, opBg);
    expect(unclaimed.status).toBe(403);
    expect(unclaimed.body.error.reason).toBe('not_your_referral');
    // the duplicate held by a colleague
    await call(api, 'POST', `/api/referrals/${keep._id}/claim`, opBg);
    await call(api, 'POST', `/api/referrals/${duplicate._id}/claim`, opBg2);
    const held = await merge(keep._id, duplicate._id, opBg);
    expect(held.status).toBe(403);
    expect(held.body.error.reason).toBe('duplicate_held_by_another');
    // a duplicate in another project is unknown to this operator
    const [bgLead, coLead] = await pair(['bg', 'co']);
    await call(api, 'POST', `/api/referrals/${bgLead._id}/claim`, opBg);
    const other = await merge(bgLead._id, coLead._id, opBg);
    expect(other.status).toBe(404);
    for (const lead of [keep, duplicate, bgLead, coLead]) expect((await api.bot.domain.leads.get(lead._id)).status).not.toBe('closed');
    expect((await api.bot.domain.audit.list({ action: 'lead.merged', target: `lead:${keep._id}` })).items).toHaveLength(0);
    // staff may merge across projects, without claiming
    const byStaff = await merge(coLead._id, bgLead._id, staff);
    expect(byStaff.status).toBe(200);
    expect((await api.bot.domain.leads.get(bgLead._id)).mergedInto).toBe(coLead._id);
  });

  test('bad requests: no duplicate, the same referral, an unknown field; nothing changes', async () => {
    const [keep] = await pair();
    expect((await merge(keep._id, undefined, staff)).body.error).toEqual({ code: 'VALIDATION', reason: 'required', field: 'duplicate' });
    expect((await merge(keep._id, keep.reference, staff)).body.error).toEqual({ code: 'VALIDATION', reason: 'same_referral', field: 'duplicate' });
    expect((await merge(keep._id, 42, staff)).body.error).toMatchObject({ code: 'VALIDATION', field: 'duplicate' });
    const unknown = await call<ErrorBody>(api, 'POST', `/api/referrals/${keep._id}/merge`, staff, { duplicate: keep._id, into: 'x' });
    expect(unknown.body.error).toMatchObject({ code: 'VALIDATION', reason: 'unknown_field' });
    expect((await merge(keep._id, 'AR-22222', staff)).status).toBe(404);
    expect((await call(api, 'POST', `/api/referrals/${keep._id}/merge`, undefined, { duplicate: 'x' })).status).toBe(401);
    expect((await api.bot.domain.leads.get(keep._id)).status).toBe('new');
  });
});
