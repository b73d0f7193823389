/**
 * The bot in process: the server as the composition root builds it (config, store, dialogs, middleware, error
 * handler), each activity handed to its Bot Framework adapter as POST /api/messages hands it over, without a socket
 * or HTTP. `new Chat(bot)` talks to it as to a running server. For dialog tables and other tests of what a turn
 * does; what only the wire shows (routes, status codes, Direct Line, Teams over HTTP) stays on startTestBot.
 */
import type { Activity } from 'botbuilder';
import type { BuiltServer, StartOptions } from '../../bot/index';
import { activityProblem, toActivity } from '../../bot/http/messagesRoute';
import { buildTestServer } from './botServer';

export interface InProcessBot extends BuiltServer {
  /** one activity through the adapter (deliveryMode "expectReplies"); the replies as the response body carries them */
  exchange(activity: Partial<Activity>): Promise<Activity[]>;
}

export async function startInProcessBot(env: Record<string, string | undefined> = {}, options: Omit<StartOptions, 'env'> = {}): Promise<InProcessBot> {
  const built = await buildTestServer(env, options);
  const exchange = async (activity: Partial<Activity>): Promise<Activity[]> => {
    // the activity as the route receives it: JSON on the wire, checked, time fields read back as Dates
    const body = JSON.parse(JSON.stringify(activity)) as Record<string, unknown>;
    const problem = activityProblem(body);
    if (problem) throw new Error(`not an activity the route would take: ${problem}`);
    if (!built.adapter.mayReplyTo(body.serviceUrl as string)) throw new Error('the route would refuse this serviceUrl (403)');
    const response = await built.adapter.processAuthenticated('', toActivity(body), (context) => built.bot.run(context));
    if ((response?.status ?? 200) !== 200) throw new Error(`the adapter answered ${response?.status}: ${JSON.stringify(response?.body)}`);
    const replies = (response?.body as { activities?: Activity[] } | undefined)?.activities ?? [];
    return JSON.parse(JSON.stringify(replies)) as Activity[];
  };
  return Object.assign(built, { exchange });
}
