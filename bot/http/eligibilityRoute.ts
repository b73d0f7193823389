import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { assessEligibility, parseEligibilityRequest } from '../../models/eligibility';
import { REASON_CODES, type ReasonCode } from '../../models/eligibility/facts';
import { languageOf, type Translator } from '../../models/i18n';
import { sendError } from './errors';

export const eligibilityResponseSchema = z
  .object({
    outcome: z.enum(['likely_eligible', 'to_verify', 'not_eligible']),
    rulesVersion: z.string(),
    reasons: z.array(
      z.object({
        code: z.enum(REASON_CODES as readonly [ReasonCode, ...ReasonCode[]]),
        met: z.union([z.boolean(), z.literal('unknown')]),
        source: z.string().meta({ description: 'The passage of the measure the condition rests on' }),
        text: z.string().meta({ description: 'In the requested language' }),
      }),
    ),
  })
  .meta({ id: 'EligibilityResponse' });

/**
 * POST /api/eligibility: the same rules as the chat, for staff and operators' tools. JSON facts in (no personal
 * data is accepted), outcome and reasons out, each reason with its code, whether it is met, the passage of the
 * measure it rests on and its text in the requested language (?lang=en, default Italian).
 */
export function registerEligibilityRoute(server: Server, translator: Translator): void {
  server.post('/api/eligibility', (req: Request, res: Response, next) => {
    if (!req.is('json')) {
      sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'send the facts as application/json');
      return next();
    }
    const parsed = parseEligibilityRequest(req.body);
    if (!parsed.ok) {
      res.status(400);
      res.json({ error: { code: 'INVALID_FIELD', field: parsed.field, reason: parsed.reason } });
      return next();
    }
    const t = translator.forLanguage(languageOf(typeof req.query?.lang === 'string' ? req.query.lang : undefined));
    const result = assessEligibility(parsed.facts);
    res.json({
      outcome: result.outcome,
      rulesVersion: result.rulesVersion,
      reasons: result.reasons.map((r) => ({ code: r.code, met: r.met, source: r.source, text: t(`eligibility.reason.${r.code}`) })),
    } satisfies z.infer<typeof eligibilityResponseSchema>);
    return next();
  });
}
