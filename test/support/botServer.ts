/** Tests talk to the real server through the same client as the evaluation scripts. */
import type { RunningBot, StartOptions } from '../../bot/index';
import { startLocalBot } from '../../scripts/chatClient';

export { Chat, buttonsOf, textOf, type ChatOptions } from '../../scripts/chatClient';

/**
 * A bot on a free port for a test. The bundled [ESEMPIO] projects are seeded active here (SAMPLE_PROJECTS=active),
 * so referral, Teams and API tests can follow a worker to a matched project; an installation's default is inactive,
 * which tests of that default ask for with `{ SAMPLE_PROJECTS: 'inactive' }`.
 */
export function startTestBot(env: Record<string, string | undefined> = {}, options: Omit<StartOptions, 'env'> = {}): Promise<RunningBot> {
  return startLocalBot({ SAMPLE_PROJECTS: 'active', ...env }, options);
}
