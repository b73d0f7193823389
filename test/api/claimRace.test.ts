/**
 * Claims raced through the real API on every store: the embedded one always, MongoDB when MONGODB_URI is set
 * (CI points it at FerretDB, whose conditional updates are not atomic: the claim is decided by a unique insert,
 * which FerretDB enforces, so these run there unskipped). Each race: exactly one 200 with the worker's contacts,
 * the others 409 naming the winner, one claim in the history, one audit entry.
 */
import type { ReferralDetail } from '../../bot/api/views';
import type { MongoStore } from '../../models/store/mongo/mongoStore';
import { botStoreEnvs } from '../support/adapters';
import { BG_PROJECT, call, referral, injectApiBot, tokenFor, type InjectedApiBot, type ErrorBody } from './helpers';

const ROUNDS = 3;

describe.each(botStoreEnvs('claims'))('concurrent claims through the API on the $name store', ({ name, env }) => {
  let api: InjectedApiBot;
  const operators: Array<{ name: string; token: string }> = [];

  beforeAll(async () => {
    api = await injectApiBot(env());
    for (let i = 0; i < 8; i++) {
      const account = `op-race-${name}-${i}`;
      operators.push({ name: account, token: await tokenFor(api, account, 'operator', [BG_PROJECT]) });
    }
  });
  afterAll(async () => {
    if (name === 'mongodb') await (api.bot.store as MongoStore).dropDatabase();
    await api.bot.stop();
  });

  test.each([2, 8])(`%i concurrent claims, ${ROUNDS} times: exactly one 200 with the contacts, the others 409 naming the winner, one audit entry`, async (n) => {
    for (let round = 0; round < ROUNDS; round++) {
      const lead = await referral(api, 'bg');
      const racing = operators.slice(0, n);
      const responses = await Promise.all(racing.map((op) => call<ReferralDetail & ErrorBody>(api, 'POST', `/api/referrals/${lead._id}/claim`, op.token)));
      const won = responses.filter((r) => r.status === 200);
      const lost = responses.filter((r) => r.status === 409);
      expect({ won: won.length, lost: lost.length }).toEqual({ won: 1, lost: n - 1 });
      const winner = won[0].body.claimedBy as string;
      expect(racing.map((op) => op.name)).toContain(winner);
      expect(won[0].body.contact?.name).toBe(lead.contact?.name);
      for (const r of lost) {
        expect(r.body.error).toEqual({ code: 'CONFLICT', reason: `already_claimed_by:${winner}`, claimedBy: winner });
        expect(JSON.stringify(r.body)).not.toContain(lead.contact?.phone ?? 'no phone');
      }
      const stored = await api.bot.domain.leads.get(lead._id);
      expect(stored.history.filter((h) => h.action === 'claimed')).toHaveLength(1);
      const audit = await api.bot.domain.audit.list({ action: 'lead.claimed', target: `lead:${lead._id}` });
      expect(audit.items.map((e) => e.actor)).toEqual([winner]);
    }
  }, 60_000);
});
