/**
 * Schema pieces the routes share: error messages by case, whole numbers, dates and paging of a query string. Query
 * values arrive as strings; these turn them into what the handlers use, with today's reasons as their messages.
 */
import { z } from 'zod';
import { MAX_PAGE, type PageRequest } from '../../models/leads/paging';
import { parseDateParam } from './request';

/** Error messages by case (`required` when missing): shared with the schemas of models/. */
export { reasons } from '../../models/schemaIssues';

/** A query parameter holding a whole number in [min, max] (at most `digits` digits), as a number. */
export function intQuery(min: number, max: number, digits: number): z.ZodType<number, string> {
  const pattern = new RegExp(`^\\d{1,${digits}}$`);
  return z
    .string()
    .regex(pattern, { error: 'out_of_range' })
    .transform(Number)
    .pipe(z.number().int().min(min, { error: 'out_of_range' }).max(max, { error: 'out_of_range' }))
    .meta({ type: 'integer', minimum: min, maximum: max }) as unknown as z.ZodType<number, string>;
}

/** The same with the value an absent parameter means (shown as the default in the document). */
export function intQueryOr(min: number, max: number, digits: number, fallback: number, description?: string): z.ZodDefault<z.ZodType<number, string>> {
  return intQuery(min, max, digits).meta({ default: fallback, ...(description ? { description } : {}) }).default(fallback);
}

/** A `from` or `to` query parameter (parseDateParam), as a Date. */
export function dateQuery(field: 'from' | 'to'): z.ZodType<Date, string> {
  return z
    .string()
    .transform((value, ctx) => {
      try {
        return parseDateParam(value, field);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not_an_iso_date' });
        return z.NEVER;
      }
    })
    .meta({ description: field === 'from' ? 'At or after: YYYY-MM-DD (UTC) or an ISO date-time with zone' : 'Before: an ISO date-time with zone, or YYYY-MM-DD meaning the end of that (UTC) day', example: field === 'from' ? '2025-03-01' : '2025-03-31' });
}

/** `from` and `to` of a query (each optional). */
export const DATE_RANGE_QUERY = { from: dateQuery('from').optional(), to: dateQuery('to').optional() };

/** 400 on `to` when it is not after `from` (a refinement of a query schema holding DATE_RANGE_QUERY). */
export function toAfterFrom(range: { from?: Date; to?: Date }, ctx: z.RefinementCtx): void {
  if (range.from && range.to && range.to.getTime() <= range.from.getTime()) ctx.addIssue({ code: 'custom', message: 'not_after_from', path: ['to'] });
}

const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;

/** `limit` (1-100, default 20) and the opaque `cursor` of a previous page. */
export const PAGE_QUERY = {
  limit: intQuery(1, MAX_PAGE, 3).meta({ description: 'Page size (default 20)' }).optional(),
  cursor: z.string().regex(CURSOR, { error: 'invalid' }).meta({ description: 'Opaque: the `nextCursor` of the previous page' }).optional(),
};

/** The page request of a query holding PAGE_QUERY. */
export function pageOf(query: { limit?: number; cursor?: string }): PageRequest {
  return { ...(query.limit !== undefined ? { limit: query.limit } : {}), ...(query.cursor !== undefined ? { cursor: query.cursor } : {}) };
}

// ---- answers ----------------------------------------------------------------------------------------------------

/** An ISO date-time as the API writes it (Date.toISOString). */
export const isoDateTime = (description?: string) => z.string().meta({ format: 'date-time', ...(description ? { description } : {}) });

/** A count (the document says integer). */
export const count = (description?: string) => z.int().meta(description ? { description } : {});
