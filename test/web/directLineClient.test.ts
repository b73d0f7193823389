import XMLHttpRequestForNode = require('xhr2');
import { ConnectionStatus, DirectLine, type Activity as DirectLineActivity, type Message } from 'botframework-directlinejs';
import type { RunningBot } from '../../bot/index';
import { startTestBot } from '../support/botServer';

/**
 * The official Direct Line client (the one Web Chat bundles) against the bot's local Direct Line: token,
 * conversation, a question, and the answer by polling. rxjs's ajax inside it needs an XMLHttpRequest, which Node
 * lacks: xhr2 stands in for the browser's, for this test only.
 */
const globals = globalThis as { XMLHttpRequest?: typeof XMLHttpRequest; WebSocket?: unknown };
const originalXhr = globals.XMLHttpRequest;
// The client looks the WebSocket global up even when told not to use it; Node 20 has none, like an old browser.
const hadWebSocket = 'WebSocket' in globalThis;

let bot: RunningBot;
beforeAll(async () => {
  globals.XMLHttpRequest = XMLHttpRequestForNode;
  if (!hadWebSocket) globals.WebSocket = undefined;
  bot = await startTestBot();
});
afterAll(async () => {
  await bot.stop();
  globals.XMLHttpRequest = originalXhr;
  if (!hadWebSocket) delete globals.WebSocket;
});

function waitFor<T>(what: string, ms: number, subscribe: (resolve: (value: T) => void) => () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let unsubscribe: () => void = () => undefined;
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out waiting for ${what}`));
    }, ms);
    unsubscribe = subscribe((value) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    });
  });
}

test('botframework-directlinejs talks to the bot by polling: welcome, question, FAQ answer', async () => {
  const response = await fetch(`${bot.url}/api/directline/token`, { method: 'POST' });
  const session = (await response.json()) as { token: string; domain: string; conversationId: string };
  const directLine = new DirectLine({ token: session.token, domain: session.domain, webSocket: false, pollingInterval: 200, conversationStartProperties: { locale: 'it-IT' } });
  const received: DirectLineActivity[] = [];
  // Every subscription handles errors: ending the client errors its streams with "conversation ended".
  const ignore = (): void => undefined;
  const all = directLine.activity$.subscribe((activity) => received.push(activity), ignore);
  try {
    const welcome = await waitFor<DirectLineActivity>('the welcome', 10000, (resolve) => {
      const s = directLine.activity$.subscribe((a) => {
        if (a.type === 'message' && a.from.role === 'bot') resolve(a);
      }, ignore);
      return () => s.unsubscribe();
    });
    expect((welcome as Message).text).toContain('Azioni di Rete');
    expect(welcome.conversation?.id).toBe(session.conversationId);
    expect(directLine.connectionStatus$.getValue()).toBe(ConnectionStatus.Online);

    const userId = (JSON.parse(Buffer.from(session.token.split('.')[1], 'base64url').toString()) as { user: string }).user;
    const id = await waitFor<string>('the post', 10000, (resolve) => {
      const s = directLine.postActivity({ type: 'message', from: { id: userId }, text: "Cos'è Azioni di Rete?", locale: 'it-IT' }).subscribe(resolve, ignore);
      return () => s.unsubscribe();
    });
    expect(id).toMatch(/\|\d{7}$/);
    const answer = await waitFor<Message>('the answer', 10000, (resolve) => {
      const check = (): void => {
        const reply = received.find((a): a is Message => a.type === 'message' && (a as Message & { replyToId?: string }).replyToId === id);
        if (reply) resolve(reply);
      };
      const s = directLine.activity$.subscribe(check, ignore);
      check();
      return () => s.unsubscribe();
    });
    expect(answer.text).toMatch(/crisi/i);
    // The client also sees its own message echoed, under the user id the token carries.
    expect(received.some((a) => a.id === id && a.from.id === userId && a.from.role === 'user')).toBe(true);
  } finally {
    all.unsubscribe();
    directLine.end();
  }
});
