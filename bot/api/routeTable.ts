/**
 * Routes as data. A route says its method and path, who may call it, the zod schemas of its path parameters, query
 * string and JSON body, what it answers (for the OpenAPI document) and its handler; `registerRoutes` puts a list of
 * them on the server with what every operator/staff API route goes through (request.ts `apiRoute`: no caching,
 * authentication, the strict query string, the central error mapping), and openapi.ts builds the document from the
 * same lists, so what is validated and what is documented cannot drift.
 *
 * Order of the checks (kept from the hand-written routes): authentication, staff only, the query's keys (bracketed,
 * repeated, unknown: 400 naming the key), the path parameters, the query's values, the body (presence, 415 when not
 * application/json, a plain object, known fields only, then the schema), then the handler.
 *
 * A schema failure answers today's `{ error: { code: 'VALIDATION', reason, field } }`: the first issue, its path as
 * the field (`provinces.0`) and its message as the reason. The schemas carry the reasons as their error messages
 * (`z.string({ error: 'not_a_string' })`); `required` is said for a missing field by `reasons()`.
 */
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../models/errors';
import type { Principal } from './auth';
import { apiRoute, jsonBody, type ApiDeps, type JsonObject } from './request';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A schema of named fields (query strings, JSON bodies, path parameters). */
export type FieldsSchema = z.ZodObject<z.ZodRawShape>;

// ---- the documentation side (OpenAPI 3.0 objects, what a route answers) --------------------------------------------

export type Reference = { $ref: string };

/** A JSON Schema as OpenAPI 3.0 writes it (generated from zod, or written for a response). */
export type JsonSchema = { [key: string]: unknown };

export interface ResponseDoc {
  description: string;
  /** the body: a zod schema, a JSON schema or a reference to one */
  schema?: z.ZodType | JsonSchema;
  /** default application/json */
  contentType?: string;
  headers?: Record<string, unknown>;
  example?: unknown;
}

export interface ParameterDoc {
  name: string;
  in: 'query' | 'path' | 'header';
  description?: string;
  required?: boolean;
  schema: JsonSchema;
  example?: unknown;
}

export interface RouteDoc {
  operationId: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  /** [] = public; absent = the document's default (bearer) */
  security?: Array<Record<string, string[]>>;
  /** parameters the schemas do not give (a header; a path parameter checked by the handler) */
  parameters?: Array<ParameterDoc | Reference>;
  /** status -> what is answered (a reference to a shared response, or its description and schema) */
  responses: Record<string, ResponseDoc | Reference>;
  requestExample?: unknown;
  /** the body of a route not in a route table: a reference (the Bot Framework activity) or the zod schema its parser uses */
  requestSchema?: Reference | z.ZodType;
}

/** A route as the OpenAPI document sees it (the handler aside). */
export interface RouteInfo extends RouteDoc {
  method: HttpMethod;
  /** restify syntax: /api/referrals/:id */
  path: string;
  params?: FieldsSchema;
  query?: FieldsSchema;
  body?: FieldsSchema;
  /** no body at all reads as `{}` (a body that is sent is still checked) */
  bodyOptional?: boolean;
  /**
   * A body that a domain validator checks (models/, shared with the CLI's import): here only the envelope (JSON, an
   * object, known field names); the handler gets the object as sent. The schema describes it in the document.
   */
  rawBody?: FieldsSchema;
}

// ---- the route --------------------------------------------------------------------------------------------------

/** what a route without a body schema gets: `{}`, or the object as sent (a `rawBody` route) */
type Out<S> = S extends z.ZodType ? z.output<S> : JsonObject;
export type { JsonObject };

export interface RouteCall<P, Q, B> {
  req: Request;
  res: Response;
  principal: Principal;
  params: P;
  query: Q;
  body: B;
  /** the query as sent (its keys checked): for the audit log */
  rawQuery: ReadonlyMap<string, string>;
}

export interface RouteSpec<D, P extends FieldsSchema | undefined, Q extends FieldsSchema | undefined, B extends FieldsSchema | undefined> extends RouteInfo {
  /** staff only (operators get 403) */
  staffOnly?: boolean;
  /** a path parameter that fails its schema is "no such thing" (404 of this entity) rather than a 400 */
  notFoundAs?: string;
  params?: P;
  query?: Q;
  body?: B;
  handler: (call: RouteCall<Out<P>, Out<Q>, Out<B>>, deps: D) => Promise<void>;
}

export interface ApiRoute<D> extends RouteInfo {
  staffOnly?: boolean;
  notFoundAs?: string;
  handler: (call: RouteCall<unknown, unknown, unknown>, deps: D) => Promise<void>;
}

/** A route, its handler typed by its schemas. */
export function route<D, P extends FieldsSchema | undefined = undefined, Q extends FieldsSchema | undefined = undefined, B extends FieldsSchema | undefined = undefined>(spec: RouteSpec<D, P, Q, B>): ApiRoute<D> {
  return spec as unknown as ApiRoute<D>;
}

// ---- schema helpers ---------------------------------------------------------------------------------------------

const CODE = /^[a-z0-9_.:@-]+$/i;

/** The first zod issue as today's ValidationError: its path as the field, its message as the reason. */
export function validationErrorOf(error: z.ZodError, whole: string): ValidationError {
  const issue = error.issues[0];
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : whole;
  const reason = CODE.test(issue.message) ? issue.message : issue.code;
  return new ValidationError(field.slice(0, 64), reason);
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, whole: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationErrorOf(result.error, whole);
  return result.data;
}

/**
 * The JSON body of a request checked against a schema: presence (unless `optional`), 415 when not
 * application/json, a plain object with known fields only (request.ts `jsonBody`), then the schema.
 */
export function checkedBody<S extends FieldsSchema>(req: Request, schema: S, optional = false): z.output<S> {
  return parseWith(schema, jsonBody(req, Object.keys(schema.shape), optional), '(body)');
}

/** Params, query values and body of a request, each checked against the route's schema. */
function checkedInput<D>(r: ApiRoute<D>, req: Request, rawQuery: ReadonlyMap<string, string>): { params: unknown; query: unknown; body: unknown } {
  let params: unknown = {};
  if (r.params) {
    const result = r.params.safeParse(req.params ?? {});
    if (!result.success) {
      if (r.notFoundAs) throw new NotFoundError(r.notFoundAs);
      throw validationErrorOf(result.error, '(path)');
    }
    params = result.data;
  }
  const query = r.query ? parseWith(r.query, Object.fromEntries(rawQuery), '(query)') : {};
  let body: unknown = {};
  if (r.body) {
    body = checkedBody(req, r.body, r.bodyOptional ?? false);
  } else if (r.rawBody) {
    body = jsonBody(req, Object.keys(r.rawBody.shape), r.bodyOptional ?? false);
  }
  return { params, query, body };
}

/** Registers each route on the server, through `apiRoute` (authentication, strict query, error mapping). */
export function registerRoutes<D extends ApiDeps>(server: Server, routes: ReadonlyArray<ApiRoute<D>>, deps: D): void {
  for (const r of routes) {
    const handler = apiRoute(deps, { staffOnly: r.staffOnly, query: r.query ? Object.keys(r.query.shape) : [] }, async ({ req, res, query, principal }) => {
      const input = checkedInput(r, req, query);
      await r.handler({ req, res, principal, rawQuery: query, ...input }, deps);
    });
    const method = r.method === 'delete' ? 'del' : r.method;
    server[method](r.path, handler);
  }
}
