/**
 * What a worker's turns cost in store writes on the embedded store: the bench's pre-check and referral walks
 * (scripts/bench-turns.ts), one turn at a time through the bot in process, with the data files' appends and syncs
 * counted. A write no turn needs shows up here before it shows up as throughput lost in `npm run bench`. Leads are
 * synced before the reply; conversation state is synced within STATE_SYNC_DELAY_MS after it, no turn waiting for it,
 * and a lead's mark that its events are published within SYNC_LATER_MS.
 */
import * as path from 'node:path';
import type { StoreFileHandle } from '../../models/store/embedded/fileSystem';
import { PRECHECK, REFERRAL, type Step } from '../../scripts/bench-turns';
import { Chat, textOf } from '../support/botServer';
import { startInProcessBot, type InProcessBot } from '../support/inProcessBot';
import { PassThroughDisk } from '../support/passThroughDisk';
import { eventually } from '../support/eventually';
import { STATE_SYNC_DELAY_MS } from '../../models/state/stateRepository';
import { SYNC_LATER_MS } from '../../models/store/collection';

/** The real disk, with the syncs of each data file counted (by file name). */
class SyncCountingDisk extends PassThroughDisk {
  readonly syncs = new Map<string, number>();
  /** appends (write calls) per data file */
  readonly writes = new Map<string, number>();
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
      write: (buffer, offset, length, position) => {
        this.writes.set(name, (this.writes.get(name) ?? 0) + 1);
        return handle.write(buffer, offset, length, position);
      },
      sync: async () => {
        if (this.held.has(name)) await this.gate;
        await handle.sync();
        // counted once done: a held sync is not on disk yet
        this.syncs.set(name, (this.syncs.get(name) ?? 0) + 1);
      },
      truncate: (length) => handle.truncate(length),
      read: (buffer, offset, length, position) => handle.read(buffer, offset, length, position),
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
  async function walk(steps: Step[], user: number, counted: Map<string, number> = disk.syncs): Promise<Map<string, number>> {
    const chat = new Chat(bot, { userId: `walker-${user}`, conversationId: `walk-${user}` });
    const before = new Map(counted);
    for (const step of steps) {
      const reply = textOf(await chat.say(step.say(user)));
      if (step.expect) expect(reply).toMatch(step.expect);
    }
    return new Map([...counted].map(([file, n]) => [file, n - (before.get(file) ?? 0)]));
  }

  test('a pre-check walk: one conversation-state write per turn, and no user state (nobody chose a language)', async () => {
    const syncsBefore = new Map(disk.syncs);
    const writes = await walk(PRECHECK, 1, disk.writes);
    // 7 turns; 8 before the first turn stopped writing an empty user profile
    expect(writes.get('bot_state.db')).toBe(PRECHECK.length);
    expect(writes.get('leads.db') ?? 0).toBe(0);
    expect((disk.syncs.get('leads.db') ?? 0) - (syncsBefore.get('leads.db') ?? 0)).toBe(0);
  }, 60_000);

  test('no turn waits for conversation state to be synced: with its syncs held back the walk goes on; they come within STATE_SYNC_DELAY_MS', async () => {
    const before = disk.syncs.get('bot_state.db') ?? 0;
    disk.holdSyncsOf('bot_state.db');
    try {
      // every reply comes while no sync of the state file can finish
      const writes = await walk(PRECHECK, 3, disk.writes);
      expect(writes.get('bot_state.db')).toBe(PRECHECK.length);
    } finally {
      disk.release();
    }
    // the deferred sync, asked for within the delay, reaches the disk once the disk answers
    await eventually(() => (disk.syncs.get('bot_state.db') ?? 0) > before, { withinMs: 20 * STATE_SYNC_DELAY_MS + 5000, what: 'a sync of the state file' });
  }, 60_000);

  test('a referral walk: one conversation-state write per turn; the lead synced before the reply, then its events published (synced) and marked published on the lead (synced later)', async () => {
    const before = new Map(disk.syncs);
    const writesBefore = new Map(disk.writes);
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
    // the events' rows are synced; the lead's mark that they are published is written without waiting for a sync
    // of the leads' file (a crash of the machine that lost it would have the relay publish them again, same ids)
    disk.holdSyncsOf('leads.db');
    try {
      await bot.domain.leads.publicationsSettled();
      const syncs = new Map([...disk.syncs].map(([file, n]) => [file, n - (before.get(file) ?? 0)]));
      expect((disk.writes.get('leads.db') ?? 0) - (writesBefore.get('leads.db') ?? 0)).toBe(2);
      expect(syncs.get('leads.db')).toBe(1);
      expect(syncs.get('lead_events.db')).toBe(1);
      // conversation state: one write per turn, synced together later (see above)
      expect((disk.writes.get('bot_state.db') ?? 0) - (writesBefore.get('bot_state.db') ?? 0)).toBe(REFERRAL.length);
    } finally {
      disk.release();
    }
    // and the mark reaches the disk by itself, within SYNC_LATER_MS
    await eventually(() => (disk.syncs.get('leads.db') ?? 0) - (before.get('leads.db') ?? 0) >= 2, { withinMs: 20 * SYNC_LATER_MS + 5000, what: 'the later sync of the leads file' });
  }, 60_000);
});
