/**
 * What a worker's turns cost in synced store writes on the embedded store (each one an append and an fsync before
 * the reply): the bench's pre-check and referral walks (scripts/bench-turns.ts), one turn at a time through the bot
 * in process, with the data files' syncs counted. A state write no turn needs shows up here before it shows up as
 * throughput lost in `npm run bench`.
 */
import * as path from 'node:path';
import type { StoreFileHandle } from '../../models/store/embedded/fileSystem';
import { PRECHECK, REFERRAL, type Step } from '../../scripts/bench-turns';
import { Chat, textOf } from '../support/botServer';
import { startInProcessBot, type InProcessBot } from '../support/inProcessBot';
import { PassThroughDisk } from '../support/passThroughDisk';

/** The real disk, with the syncs of each data file counted (by file name). */
class SyncCountingDisk extends PassThroughDisk {
  readonly syncs = new Map<string, number>();
  /** data files whose syncs wait until `release` is called (a slow disk for them alone) */
  private held = new Set<string>();
  private gate: Promise<void> = Promise.resolve();
  private opened: () => void = () => undefined;

  holdSyncsOf(...names: string[]): void {
    this.held = new Set(names);
    this.gate = new Promise<void>((resolve) => (this.opened = resolve));
  }

  release(): void {
    this.held = new Set();
    this.opened();
  }

  override async open(file: string, flags: string, mode?: number): Promise<StoreFileHandle> {
    const handle = await this.base.open(file, flags, mode);
    const name = path.basename(file);
    return {
      write: (buffer, offset, length, position) => handle.write(buffer, offset, length, position),
      sync: async () => {
        this.syncs.set(name, (this.syncs.get(name) ?? 0) + 1);
        if (this.held.has(name)) await this.gate;
        return handle.sync();
      },
      truncate: (length) => handle.truncate(length),
      stat: () => handle.stat(),
      close: () => handle.close(),
    };
  }
}

describe('synced store writes per turn (embedded store, one turn at a time)', () => {
  const disk = new SyncCountingDisk();
  let bot: InProcessBot;
  beforeAll(async () => {
    bot = await startInProcessBot({}, { storeFiles: disk });
  }, 120_000);
  afterAll(async () => {
    await bot.stop();
  });

  /** Walks the steps as a new worker in a new conversation; the syncs of each data file meanwhile. */
  async function walk(steps: Step[], user: number): Promise<Map<string, number>> {
    const chat = new Chat(bot, { userId: `walker-${user}`, conversationId: `walk-${user}` });
    const before = new Map(disk.syncs);
    for (const step of steps) {
      const reply = textOf(await chat.say(step.say(user)));
      if (step.expect) expect(reply).toMatch(step.expect);
    }
    return new Map([...disk.syncs].map(([file, n]) => [file, n - (before.get(file) ?? 0)]));
  }

  test('a pre-check walk: one conversation-state write per turn, and no user state (nobody chose a language)', async () => {
    const syncs = await walk(PRECHECK, 1);
    // 7 turns; 8 before the first turn stopped writing an empty user profile
    expect(syncs.get('bot_state.db')).toBe(PRECHECK.length);
    expect(syncs.get('leads.db') ?? 0).toBe(0);
  }, 60_000);

  test('a referral walk: one conversation-state write per turn; the lead written, then (after the reply) its events published and cleared', async () => {
    const before = new Map(disk.syncs);
    const last = REFERRAL.length - 1;
    await walk(REFERRAL.slice(0, last), 2);
    // the confirming turn's reply waits for the lead on disk, not for its events' outbox rows: with the outbox's
    // syncs held back, the reference still comes
    disk.holdSyncsOf('lead_events.db', 'lead_event_deliveries.db');
    try {
      const confirming = await walk(REFERRAL.slice(last), 2);
      expect(confirming.get('leads.db')).toBe(1);
    } finally {
      disk.release();
    }
    await bot.domain.leads.publicationsSettled();
    const syncs = new Map([...disk.syncs].map(([file, n]) => [file, n - (before.get(file) ?? 0)]));
    expect(syncs.get('bot_state.db')).toBe(REFERRAL.length);
    expect(syncs.get('leads.db')).toBe(2);
    expect(syncs.get('lead_events.db')).toBe(1);
  }, 60_000);
});
