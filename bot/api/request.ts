/**
 * What every operator/staff API route goes through: no caching, authentication by bearer token or the console's
 * session cookie with its CSRF token (auth.ts; optionally staff only), a strict query string (known parameters
 * only, one plain value each), and the central error mapping.
 *
 * The query string is read from the raw URL, not from restify's parsed `req.query`: `qs` turns `?status[$gt]=x`
 * into an object and silently drops `__proto__[...]`, while here any bracketed, repeated or unknown key is a 400
 * that names it, so no operator or object can reach a filter.
 */
import type { Request, Response } from 'restify';
import type { Domain } from '../../models/domain';
import { ValidationError } from '../../models/errors';
import type { Logger } from '../../models/logger';
import { isCalendarDay } from '../../models/text/dates';
import { authenticateRequest, requireStaff, type Principal } from './auth';
import { UnsupportedMediaTypeError, sendApiError } from './errors';

export interface ApiDeps {
  domain: Domain;
  logger: Logger;
  now: () => Date;
}

export interface ApiCall {
  req: Request;
  res: Response;
  /** the validated query parameters (only those the route declares) */
  query: ReadonlyMap<string, string>;
  principal: Principal;
}

export interface RouteOptions {
  /** query parameters the route accepts (any other is a 400) */
  query?: readonly string[];
  /** staff only (operators get 403) */
  staffOnly?: boolean;
}

type Handler = (req: Request, res: Response) => Promise<void>;

const MAX_KEY_IN_ERROR = 64;

function requestIdOf(req: Request): string | undefined {
  return (req as Request & { requestId?: string }).requestId;
}

/** Known parameters only, each once, each a plain string. */
export function parseQuery(url: string | undefined, allowed: readonly string[]): Map<string, string> {
  const params = new URL(url ?? '/', 'http://localhost').searchParams;
  const query = new Map<string, string>();
  for (const key of new Set(params.keys())) {
    const bracket = key.indexOf('[');
    const base = bracket > 0 ? key.slice(0, bracket) : key;
    if (bracket >= 0 || key.includes('.')) {
      // status[$gt]=..., status[]=..., a.b=...: an object or operator where a string is expected
      if (allowed.includes(base)) throw new ValidationError(base, 'must_be_a_plain_value');
      throw new ValidationError(key.slice(0, MAX_KEY_IN_ERROR), 'unknown_parameter');
    }
    if (!allowed.includes(key)) throw new ValidationError(key.slice(0, MAX_KEY_IN_ERROR), 'unknown_parameter');
    const values = params.getAll(key);
    if (values.length > 1) throw new ValidationError(key, 'repeated_parameter');
    query.set(key, values[0]);
  }
  return query;
}

/** Wraps a route: no-store, authentication, query validation, and every failure through the central mapping. */
export function apiRoute(deps: ApiDeps, options: RouteOptions, handler: (call: ApiCall) => Promise<void>): Handler {
  return async (req: Request, res: Response): Promise<void> => {
    res.header('Cache-Control', 'no-store');
    try {
      const principal = await authenticateRequest(req, deps.domain.accounts);
      if (options.staffOnly) requireStaff(principal);
      const query = parseQuery(req.url, options.query ?? []);
      await handler({ req, res, query, principal });
    } catch (err) {
      sendApiError(res, err, deps.logger, requestIdOf(req));
    }
  };
}

/** A public route of the API (no token): the same no-store and error mapping. */
export function publicRoute(deps: Pick<ApiDeps, 'logger'>, handler: (req: Request, res: Response) => Promise<void>): Handler {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      parseQuery(req.url, []);
      await handler(req, res);
    } catch (err) {
      sendApiError(res, err, deps.logger, requestIdOf(req));
    }
  };
}

export type JsonObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function hasContent(req: Request): boolean {
  const length = req.header('content-length');
  return (length !== undefined && length !== '' && length !== '0') || req.header('transfer-encoding') !== undefined;
}

/**
 * The JSON object body with only `allowed` fields (400 naming the first other one). With `optional`, no body at
 * all reads as `{}`; any body that is sent must be application/json (415 otherwise).
 */
export function jsonBody(req: Request, allowed: readonly string[], optional = false): JsonObject {
  const raw: unknown = req.body;
  const sent = hasContent(req) || (raw !== undefined && raw !== null && raw !== '');
  if (!sent) {
    if (optional) return {};
    throw new ValidationError('(body)', 'required');
  }
  if (!req.is('json')) throw new UnsupportedMediaTypeError();
  const body = raw === undefined || raw === '' ? {} : raw;
  if (!isPlainObject(body)) throw new ValidationError('(body)', 'not_a_json_object');
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) throw new ValidationError(key.slice(0, MAX_KEY_IN_ERROR), 'unknown_field');
  }
  return body;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `YYYY-MM-DD` (a UTC day) or an ISO date-time with its zone (`2025-03-01T08:00:00Z`, `...+01:00`). A bare day as
 * `to` includes that whole day, so `from=2025-03-01&to=2025-03-31` is all of March.
 */
export function parseDateParam(value: string, field: 'from' | 'to'): Date {
  const day = ISO_DATE.exec(value);
  const dateTime = day ? undefined : ISO_DATE_TIME.exec(value);
  const parts = day ?? dateTime;
  if (!parts || !isCalendarDay(value.slice(0, 10))) throw new ValidationError(field, 'not_an_iso_date');
  const date = new Date(day ? `${value}T00:00:00.000Z` : value);
  if (Number.isNaN(date.getTime())) throw new ValidationError(field, 'not_an_iso_date');
  if (day && field === 'to') date.setUTCDate(date.getUTCDate() + 1);
  return date;
}
