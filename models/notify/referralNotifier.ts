import type { Lead } from '../leads/lead';
import type { Logger } from '../logger';
import { describeError } from '../errorDescription';

/** Tells the operators of a project that a new referral arrived. Pluggable: a webhook now, Teams later. */
export interface ReferralNotifier {
  newReferral(lead: Lead): Promise<void>;
  /** staff put the referral in a (new) project: its operators are told too; optional per notifier */
  projectAssigned?(lead: Lead): Promise<void>;
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
 * POSTs each new referral to a webhook (REFERRAL_WEBHOOK_URL), retrying a few times with backoff. It never delays
 * or fails the worker's confirmation: the lead is already on disk, and operators also see it in their queue.
 */
export class WebhookNotifier implements ReferralNotifier {
  constructor(
    private readonly url: string,
    private readonly deps: { logger: Logger; fetch?: Fetch; attempts?: number; backoffMs?: number },
  ) {}

  async newReferral(lead: Lead): Promise<void> {
    const fetchImpl = this.deps.fetch ?? fetch;
    const attempts = this.deps.attempts ?? 3;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const response = await fetchImpl(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(referralNotice(lead)),
          signal: AbortSignal.timeout(5000),
        });
        if (response.ok) return;
        if (response.status < 500 && response.status !== 429) {
          this.deps.logger.warn({ leadId: lead._id, status: response.status }, 'referral webhook refused the notification');
          return;
        }
      } catch (err) {
        this.deps.logger.warn({ leadId: lead._id, attempt, err: describeError(err) }, 'referral webhook failed');
      }
      if (attempt < attempts) await new Promise((r) => setTimeout(r, (this.deps.backoffMs ?? 500) * 2 ** (attempt - 1)));
    }
    this.deps.logger.error({ leadId: lead._id }, 'referral webhook gave up');
  }
}

/** When no webhook is configured: operators see new referrals in their queue. */
export const noNotifier: ReferralNotifier = { newReferral: async () => undefined };
