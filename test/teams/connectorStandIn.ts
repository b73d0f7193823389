import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { Chat, type RunningBotLike } from './teamsChat';

export interface ConnectorCall {
  method: string;
  conversationId: string;
  activityId?: string;
  activity: Partial<Activity>;
  at: number;
  /** a post answered: the id the activity got (what a DELETE names) */
  postedId?: string;
}

/** What the stand-in answers to one call: a status (and Retry-After), or undefined for 200. */
export type Responder = (call: ConnectorCall) => { status: number; retryAfter?: string } | undefined;

/** A conversation the bot opened (POST /v3/conversations): what it asked for, and the id answered. */
export interface CreatedConversation {
  id: string;
  parameters: Record<string, unknown>;
  at: number;
}

/**
 * A local stand-in for the Bot Connector API: records proactive posts (POST /v3/conversations/:id/activities), card
 * updates (PUT .../activities/:id), deletions (DELETE .../activities/:id: 404 for an activity never posted there or
 * deleted already, as the Connector answers) and conversations the bot opens (POST /v3/conversations, answered as Teams does:
 * the same id again for the same user, as Teams keeps one personal chat per user and bot), and fails on demand (429,
 * 403...; a call to open a conversation reaches the responder with the method `CREATE`). Nothing leaves the machine.
 */
export class ConnectorStandIn {
  readonly calls: ConnectorCall[] = [];
  /** every request, answered or not, in order */
  readonly attempts: ConnectorCall[] = [];
  /** held calls whose caller had gone by the answer (a bot process killed): never answered, never accepted */
  readonly abandoned: ConnectorCall[] = [];
  /** conversations opened by the bot, in order */
  readonly created: CreatedConversation[] = [];
  responder: Responder = () => undefined;
  /** holds the answer to a call until the promise it returns settles (a slow channel); undefined = answer at once */
  hold: (call: ConnectorCall) => Promise<void> | undefined = () => undefined;
  private server = http.createServer((req, res) => this.handle(req, res));
  url = '';

  /** @param host an IPv4 address of this machine to listen on (tests of local mode use a non-loopback one) */
  async start(host = '127.0.0.1'): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, host, () => resolve()));
    this.url = `http://${host}:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  posts(conversationId?: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'POST' && (conversationId === undefined || c.conversationId === conversationId));
  }

  updates(): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'PUT');
  }

  /** Deletions answered 200, in order. */
  deletes(conversationId?: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'DELETE' && (conversationId === undefined || c.conversationId === conversationId));
  }

  /** The posts to a conversation still there (not deleted). */
  standing(conversationId: string): ConnectorCall[] {
    const deleted = new Set(this.deletes(conversationId).map((c) => c.activityId));
    return this.posts(conversationId).filter((p) => !deleted.has(p.postedId));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.method === 'POST' && /^\/v3\/conversations\/?(?:\?.*)?$/.test(req.url ?? '')) {
        this.createConversation(body, res);
        return;
      }
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
      if (!match) {
        res.writeHead(404).end();
        return;
      }
      const call: ConnectorCall = {
        method: req.method ?? '',
        conversationId: decodeURIComponent(match[1]),
        ...(match[2] ? { activityId: decodeURIComponent(match[2]) } : {}),
        activity: body ? (JSON.parse(body) as Partial<Activity>) : {},
        at: Date.now(),
      };
      this.attempts.push(call);
      const held = this.hold(call);
      if (held) void held.then(() => this.answerIfCallerIsThere(call, res));
      else this.answer(call, res);
    });
  }

  /** POST /v3/conversations: a personal chat with the one member named, the same id for the same user each time. */
  private createConversation(body: string, res: http.ServerResponse): void {
    const parameters = (body ? JSON.parse(body) : {}) as Record<string, unknown>;
    const member = ((parameters.members as Array<{ id?: string }> | undefined) ?? [])[0]?.id ?? '';
    const failure = this.responder({ method: 'CREATE', conversationId: '', activity: {}, at: Date.now() });
    if (failure || !member) {
      res.writeHead(failure?.status ?? 400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'StandIn', message: failure ? 'refused on purpose' : 'no member' } }));
      return;
    }
    const id = this.created.find((c) => ((c.parameters.members as Array<{ id?: string }>)[0]?.id ?? '') === member)?.id ?? `a:created-${randomUUID()}`;
    this.created.push({ id, parameters, at: Date.now() });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id, activityId: `act-${randomUUID()}`, serviceUrl: this.url }));
  }

  /**
   * A held call is answered only if its caller is still connected. A caller killed just now (the test releasing
   * the hold in the tick it sees the exit) has closed its socket, but this process may not have read that yet: the
   * answer waits one turn of the event loop (setImmediate runs after the pending I/O is polled), then looks at the
   * socket. The kernel closes a dying process's sockets before its parent hears of the exit, so the FIN is there
   * to read by then; an HTTP client that ended its side while awaiting an answer has gone too.
   */
  private answerIfCallerIsThere(call: ConnectorCall, res: http.ServerResponse): void {
    setImmediate(() => {
      const socket = res.socket;
      if (res.destroyed || !socket || socket.destroyed || socket.readableEnded || !socket.writable) {
        // nothing was accepted: the caller never hears an answer
        this.abandoned.push(call);
        return;
      }
      this.answer(call, res);
    });
  }

  private answer(call: ConnectorCall, res: http.ServerResponse): void {
    const failure = this.responder(call);
    if (failure) {
      res.writeHead(failure.status, { 'content-type': 'application/json', ...(failure.retryAfter ? { 'retry-after': failure.retryAfter } : {}) });
      res.end(JSON.stringify({ error: { code: 'StandIn', message: 'refused on purpose' } }));
      return;
    }
    if (call.method === 'DELETE' && !this.standing(call.conversationId).some((p) => p.postedId === call.activityId)) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'ActivityNotFound', message: 'no such activity' } }));
      return;
    }
    if (call.method === 'POST') call.postedId = call.activityId ?? `act-${randomUUID()}`;
    this.calls.push(call);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: call.postedId ?? call.activityId ?? `act-${randomUUID()}` }));
  }
}

export { Chat, type RunningBotLike };
