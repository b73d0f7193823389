import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import type { LeadSubmission } from '../../models/leads/leadService';

/** An embedded store in a fresh temp dir; `dispose` closes it and removes the dir. */
export interface TempStore {
  /** replaceable (a test may close and reopen it); dispose closes whatever store is here */
  store: EmbeddedStore;
  dir: string;
  dispose: () => Promise<void>;
}

/** An embedded store in a fresh temp dir; `dispose` closes it and removes the dir. */
export async function tempStore(prefix = 'leads-'): Promise<TempStore> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  const ctx: TempStore = {
    store: await EmbeddedStore.open(dir),
    dir,
    dispose: async () => {
      try {
        await ctx.store.close();
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
  };
  return ctx;
}

/** A clock that only moves when told to. */
export function fixedClock(start = '2025-03-03T09:00:00.000Z'): { now: () => Date; advance: (ms: number) => void } {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

let people = 0;

/**
 * A chat submission. Each call is a new chat identity (a lead belongs to the identity that created it) unless
 * `channelUserId` is given: pass the same one for the same person resubmitting from the same chat.
 */
export function submission(overrides: Partial<LeadSubmission> = {}): LeadSubmission {
  people += 1;
  return {
    precheck: {
      answers: { province: 'BG', crisisKind: 'cigs', situation: 'unemployed', leftOn: '2025-01-15' },
      outcome: 'eligible',
      reasons: ['unit_in_lombardy', 'unemployed_after_crisis'],
      rulesVersion: '2018-10',
    },
    contact: { name: 'Maria Rossi', phone: '333 123 4567', email: 'maria.rossi@example.com', preferredTime: 'mattina' },
    employer: { name: 'Officine Esempio srl', sector: 'metalmeccanico' },
    consent: { noticeVersion: 'v1', textHash: 'sha256:abc123' },
    locale: 'it',
    channel: 'webchat',
    channelUserId: `user-${people}`,
    conversationRef: { channelId: 'webchat', conversation: { id: 'conv-1' }, serviceUrl: 'http://localhost' },
    ...overrides,
  };
}
