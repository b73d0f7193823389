import type { FetchLike } from './botForwarder';
import { newUserId } from './tokens';

export interface DirectLineToken {
  token: string;
  conversationId: string;
  expires_in: number;
  /** the Direct Line base URL the page talks to (ends in /v3/directline) */
  domain: string;
}

export type ExchangeResult = { ok: true; value: DirectLineToken } | { ok: false; reason: string };

/**
 * Exchanges the Direct Line secret for a conversation token (Azure Bot Service, "Generate token"), with a fresh
 * `dl_` user id burnt into the token so no page can speak as another user. The secret stays on the server: it
 * goes out only in the Authorization header to the Direct Line service, never into an answer or a log.
 */
export function createAzureTokenExchange(options: { secret: string; endpoint: string; fetch: FetchLike; timeoutMs?: number }) {
  const base = `${options.endpoint.replace(/\/+$/, '')}/v3/directline`;
  return async (): Promise<ExchangeResult> => {
    let response: Response;
    try {
      response = await options.fetch(`${base}/tokens/generate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${options.secret}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ user: { id: newUserId() } }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10000),
      });
    } catch (err) {
      return { ok: false, reason: (err as Error).name === 'TimeoutError' ? 'Direct Line did not answer in time' : 'Direct Line could not be reached' };
    }
    if (response.status < 200 || response.status >= 300) {
      await response.arrayBuffer().catch(() => undefined);
      return { ok: false, reason: `Direct Line refused the token request (${response.status})` };
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return { ok: false, reason: 'Direct Line answered something that is not JSON' };
    }
    const b = body as Record<string, unknown> | null;
    if (!b || typeof b.token !== 'string' || typeof b.conversationId !== 'string') return { ok: false, reason: 'Direct Line answered without a token' };
    const expires = typeof b.expires_in === 'number' && Number.isFinite(b.expires_in) ? b.expires_in : 1800;
    return { ok: true, value: { token: b.token, conversationId: b.conversationId, expires_in: expires, domain: base } };
  };
}
