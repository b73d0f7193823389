/** Tests talk to the real server through the same client as the evaluation scripts. */
import { buildServer, type BuiltServer, type RunningBot, type StartOptions } from '../../bot/index';
import { contentDir } from '../../models/paths';
import { readContentFolder } from '../../models/publishing/files';
import type { ContentBundle } from '../../models/publishing/types';
import { PasswordHasher } from '../../models/sessions/passwordHasher';
import { localBotOptions, startLocalBot } from '../../scripts/chatClient';

export { Chat, buttonsOf, textOf, type ChatOptions } from '../../scripts/chatClient';

/**
 * A password hasher like production's (same queue, slots and rest) but with a cheap scrypt (2^10 instead of 2^15:
 * ~1 ms instead of 50-100 ms a run), so console tests do not spend their time in scrypt. Tests of scrypt's own load
 * (test/console/signInFlood.test.ts) pass `passwordHasher: undefined`: the server's own, production's cost.
 */
export function cheapPasswordHasher(): PasswordHasher {
  return new PasswordHasher({ cost: { N: 2 ** 10, r: 8, p: 1 } });
}

let bundledContent: ContentBundle | undefined;

/**
 * content/ as a new store is seeded with it: read and validated once per test file (it does not change during a
 * run), a copy each time, so no server sees what another did to its own. Reading and validating the folder is a
 * third of building a server; the first server of each file still reads and validates it.
 */
export function bundledContentOnce(): ContentBundle {
  bundledContent ??= readContentFolder(contentDir);
  return structuredClone(bundledContent);
}

/**
 * A bot on a free port for a test. The bundled [ESEMPIO] projects are seeded active here (SAMPLE_PROJECTS=active),
 * so referral, Teams and API tests can follow a worker to a matched project; an installation's default is inactive,
 * which tests of that default ask for with `{ SAMPLE_PROJECTS: 'inactive' }`. Console passwords use
 * cheapPasswordHasher() unless the test passes its own, and a new store is seeded with bundledContentOnce().
 */
export function startTestBot(env: Record<string, string | undefined> = {}, options: Omit<StartOptions, 'env'> = {}): Promise<RunningBot> {
  return startLocalBot({ SAMPLE_PROJECTS: 'active', ...env }, { passwordHasher: cheapPasswordHasher(), seedContent: bundledContentOnce, ...options });
}

/**
 * The same server as startTestBot, built but not listening and with no background job running: for tests of what
 * the composition root wires (and in-process harnesses). `stop()` closes its store.
 */
export async function buildTestServer(env: Record<string, string | undefined> = {}, options: Omit<StartOptions, 'env'> = {}): Promise<BuiltServer> {
  return buildServer(await localBotOptions({ SAMPLE_PROJECTS: 'active', ...env }, { passwordHasher: cheapPasswordHasher(), seedContent: bundledContentOnce, ...options }));
}
