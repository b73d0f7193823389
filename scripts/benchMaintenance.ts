/**
 * The maintenance a bench drives by hand on a running bot (the bot's own jobs run on real hours): its state
 * repository, the superseded copies' purge and a retention job on the bench's clock, built the same way for the
 * growth bench and the soak's bot process.
 */
import type { RunningBot } from '../bot/index';
import { botStateLifetime } from '../bot/state/storeStorage';
import { silentLogger } from '../models/logger';
import { SupersededCopies } from '../models/retention/personalData';
import { RetentionJob } from '../models/retention/retentionJob';
import { STATE_COLLECTION, StateRepository } from '../models/state/stateRepository';

export interface BenchMaintenance {
  state: StateRepository;
  copies: SupersededCopies;
  retention: RetentionJob;
}

/** `days`: referrals finished more than this many days before the clock are removed (0: retention of leads off). */
export async function benchMaintenance(bot: RunningBot, clock: () => Date, days: number): Promise<BenchMaintenance> {
  const { dialogStateTtlHours, stateTtlDays } = bot.config;
  const state = await StateRepository.open(bot.store, { lifetime: botStateLifetime(dialogStateTtlHours, stateTtlDays), now: clock });
  const copies = await SupersededCopies.open(bot.store);
  const retention = new RetentionJob({
    leads: bot.domain.leads,
    audit: bot.domain.audit,
    days,
    botState: { repository: state, ttlHours: dialogStateTtlHours, idleDays: stateTtlDays },
    purge: () => copies.purge(),
    purgeState: () => copies.purge([STATE_COLLECTION]),
    now: clock,
    logger: silentLogger,
  });
  return { state, copies, retention };
}
