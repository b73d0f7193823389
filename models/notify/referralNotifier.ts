import type { Lead } from '../leads/lead';
import type { Logger } from '../logger';
import { describeError } from '../errorDescription';
import { NotFoundError } from '../errors';
import type { LeadEventHandler } from '../leads/leadEvents';

/** Tells someone of a new referral directly: the Teams dispatcher's fallback when no channel could receive it. */
export interface ReferralNotifier {
  newReferral(lead: Lead): Promise<void>;
}

/** What a notification carries: enough to find the referral, nothing personal (it may reach a shared channel). */
export function referralNotice(lead: Lead): Record<string, unknown> {
  return {
    type: 'referral.new',
    id: lead._id,
    reference: lead.reference,
    projectId: lead.projectId,
    province: lead.province ?? null,
    sector: lead.employer?.sector ?? null,
    outcome: lead.precheck.outcome,
    createdAt: lead.createdAt.toISOString(),
  };
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * The webhook consumer of the lead events (models/leads/leadEvents.ts): POSTs each new referral's notice to
 * REFERRAL_WEBHOOK_URL, one POST per attempt. A 429, a 5xx, a timeout or a network error is retried by the consumer
 * with backoff (bounded attempts, then the delivery is recorded as failed); any other refusal (4xx) ends it as
 * failed at once, since repeating the same request cannot change the answer. It never delays or fails the worker's
 * confirmation: the lead and its event are already on disk, and operators also see the referral in their queue.
 * At least once: a receiver that must not count a referral twice uses the notice's `id`.
 */
export function webhookLeadEventHandler(url: string, deps: { leads: { get(id: string): Promise<Lead> }; logger: Logger; fetch?: Fetch; timeoutMs?: number }): LeadEventHandler {
  return async (event) => {
    if (event.kind !== 'new') return { outcome: 'skipped', reason: 'not_subscribed' };
    let lead: Lead;
    try {
      lead = await deps.leads.get(event.leadId);
    } catch (err) {
      if (err instanceof NotFoundError) return { outcome: 'skipped', reason: 'lead_not_found' };
      throw err;
    }
    if (lead.status === 'erased') return { outcome: 'skipped', reason: 'erased' };
    let response: Response;
    try {
      response = await (deps.fetch ?? fetch)(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(referralNotice(lead)),
        signal: AbortSignal.timeout(deps.timeoutMs ?? 5000),
      });
    } catch (err) {
      deps.logger.warn({ leadId: lead._id, err: describeError(err) }, 'referral webhook failed');
      return { outcome: 'retry', reason: 'network' };
    }
    await response.body?.cancel().catch(() => undefined);
    if (response.ok) return { outcome: 'delivered' };
    if (response.status === 429 || response.status >= 500) {
      deps.logger.warn({ leadId: lead._id, status: response.status }, 'referral webhook failed');
      return { outcome: 'retry', reason: `http_${response.status}`, ...retryAfter(response) };
    }
    deps.logger.warn({ leadId: lead._id, status: response.status }, 'referral webhook refused the notification');
    return { outcome: 'failed', reason: `http_${response.status}` };
  };
}

/** A Retry-After in seconds (at most an hour), when the receiver gave one. */
function retryAfter(response: Response): { retryAfterMs?: number } {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? { retryAfterMs: Math.min(seconds, 3600) * 1000 } : {};
}
