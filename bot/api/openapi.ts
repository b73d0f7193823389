/**
 * The OpenAPI 3.0 description of every HTTP API the bot serves (GET /api/openapi.json, served by openapiRoute.ts),
 * generated from the route tables: the operators' and staff REST API (bot/api/*Routes.ts) and the routes outside it
 * described as data (otherRoutes.ts). Path parameters, query strings and request bodies come from the zod schemas the
 * routes validate with (`z.toJSONSchema`, target OpenAPI 3.0), and so do the answers: each route's response schemas
 * are the zod schemas its views are typed by (a view that drifts from its schema does not compile). The shared answers
 * (errors) and security schemes are in openapiComponents.ts. A schema with a meta `id` becomes a named component. The
 * Direct Line 3.0 stand-in (/v3/...) and the pages are protocol and UI, not API, and are left out.
 */
import { z } from 'zod';
import { ADMIN_ROUTES, STORE_ADMIN_ROUTES } from './adminRoutes';
import { ANALYTICS_ROUTES } from './analyticsRoutes';
import { ANNOUNCEMENTS_ROUTES } from './announcementsRoutes';
import { CONTENT_ROUTES } from './contentRoutes';
import { errorSchema } from './errors';
import { HANDOFF_ROUTES } from './handoffRoutes';
import { COMPONENTS } from './openapiComponents';
import { CHAT_AND_PROBE_ROUTE_DOCS, CONSOLE_ROUTE_DOCS, OPENAPI_ROUTE_DOC } from './otherRoutes';
import { REFERRAL_ROUTES } from './referralsRoutes';
import type { FieldsSchema, JsonSchema, ParameterDoc, Reference, ResponseDoc, RouteInfo } from './routeTable';

export type OpenApiDocument = JsonSchema & { openapi: '3.0.3'; paths: Record<string, Record<string, JsonSchema>>; components: { schemas: Record<string, JsonSchema> } & JsonSchema };

/** Every route the document describes, in its order. */
export const DOCUMENTED_ROUTES: readonly RouteInfo[] = [
  ...CONTENT_ROUTES,
  ...ANALYTICS_ROUTES,
  ...ANNOUNCEMENTS_ROUTES,
  ...REFERRAL_ROUTES,
  ...HANDOFF_ROUTES,
  ...ADMIN_ROUTES,
  ...STORE_ADMIN_ROUTES,
  ...CONSOLE_ROUTE_DOCS,
  OPENAPI_ROUTE_DOC,
  ...CHAT_AND_PROBE_ROUTE_DOCS,
];

const DESCRIPTION =
  'The chatbot of the measure "Azioni di Rete per il lavoro" (Regione Lombardia). Operators of network projects ' +
  'and campaign staff work the referrals ("Refer workers to a network project") through /api/referrals and the ' +
  'staff tools; the chat and the web page use /api/messages, /api/eligibility and /api/directline/token.\n\n' +
  'Authentication: `Authorization: Bearer <token>`; tokens come from `npm run users -- add --name <n> --role ' +
  'operator|staff [--project <projectId>]`. Staff see everything; an operator sees only the referrals of the ' +
  'projects assigned to them (another project\'s referral answers 404, as an unknown one), and a referral\'s ' +
  'contact details, leaving date and notes only once they have claimed it.\n\n' +
  'Errors are JSON: `{ "error": { "code", "reason", "field"? } }`. Unknown query parameters or body fields, ' +
  'objects or operators where a value is expected (`?status[$gt]=`), repeated parameters, bad dates, limits ' +
  'or cursors answer 400 naming the field; bodies over the server\'s limit (MAX_BODY_BYTES, counted after ' +
  'gzip/deflate/br decoding) answer 413, other content encodings 415.\n\n' +
  'The web console (/console) calls the same API with its session cookie `adr_session` instead of a bearer token ' +
  '(POST /console/api/login with a user name and password). With the cookie, every request other than ' +
  'GET/HEAD/OPTIONS must carry the session\'s CSRF token in `X-CSRF-Token` (403 `csrf_token_missing_or_invalid` ' +
  'otherwise); an `Authorization` header, when present, always wins over the cookie.';

const TAGS = [
  { name: 'referrals', description: 'Referrals of workers to network projects (operators and staff)' },
  { name: 'staff', description: 'Staff tools: group formation, audit log' },
  { name: 'projects', description: 'Network projects' },
  { name: 'accounts', description: 'Staff: accounts of operators and staff' },
  { name: 'console', description: 'Sign-in, session and strings of the web console' },
  { name: 'chat', description: 'The bot and its web channel' },
  { name: 'probes', description: 'Liveness and readiness' },
  { name: 'meta', description: 'This document' },
  { name: 'content', description: 'Staff: content publishing (draft, preview, publish, history, rollback)' },
  { name: 'analytics', description: 'Staff: the campaign funnel and the questions not understood' },
  { name: 'handoffs', description: 'Live handoff: a worker asked for a person; operators accept, reply and end (the console\'s "Conversazioni")' },
  { name: 'announcements', description: 'Staff: announcements to the workers subscribed to the campaign\'s news (compose, audience, send, progress)' },
];

// ---- zod -> OpenAPI 3.0 -----------------------------------------------------------------------------------------

/** Rewrites zod's `#/definitions/X` references to components and drops what OpenAPI 3.0 does not take. */
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$schema' || key === 'definitions' || key === '$defs') continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace(/^#\/(definitions|\$defs)\//, '#/components/schemas/');
    else out[key] = tidy(value);
  }
  // a query number is sent as digits: the pattern of its string form says nothing more than its type
  if (out.type === 'integer') delete out.pattern;
  // z.int()'s safe-integer bounds say nothing a reader needs
  if (out.type === 'integer' && out.minimum === Number.MIN_SAFE_INTEGER) delete out.minimum;
  if (out.type === 'integer' && out.maximum === Number.MAX_SAFE_INTEGER) delete out.maximum;
  return out;
}

/**
 * A zod schema as an OpenAPI 3.0 schema; named schemas (meta `id`) go to `schemas` and are referenced. Requests are
 * described as they are sent (`input`), answers as they are written (`output`).
 */
function jsonSchemaOf(schema: z.ZodType, schemas: Record<string, JsonSchema>, io: 'input' | 'output' = 'input'): JsonSchema {
  const generated = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as JsonSchema;
  const definitions = (generated.definitions ?? generated.$defs ?? {}) as Record<string, JsonSchema>;
  for (const [name, definition] of Object.entries(definitions)) schemas[name] = tidy(definition) as JsonSchema;
  return tidy(generated) as JsonSchema;
}

function schemaOrRef(schema: ResponseDoc['schema'], schemas: Record<string, JsonSchema>, io: 'input' | 'output'): JsonSchema {
  return schema instanceof z.ZodType ? jsonSchemaOf(schema, schemas, io) : (schema as JsonSchema);
}

/** The parameters of a fields schema (path or query), each with its description and example lifted out. */
function parametersOf(fields: FieldsSchema | undefined, where: 'path' | 'query', schemas: Record<string, JsonSchema>): ParameterDoc[] {
  if (!fields) return [];
  return Object.entries(fields.shape).map(([name, field]) => {
    const { description, example, ...schema } = jsonSchemaOf(field as z.ZodType, schemas);
    const optional = (field as z.ZodType).safeParse(undefined).success;
    return {
      name,
      in: where,
      ...(typeof description === 'string' ? { description } : {}),
      ...(where === 'path' || !optional ? { required: true } : {}),
      schema,
      ...(example !== undefined ? { example } : {}),
    };
  });
}

function responsesOf(route: RouteInfo, schemas: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [status, answer] of Object.entries(route.responses)) {
    if ('$ref' in answer) {
      out[status] = answer as Reference;
      continue;
    }
    const doc = answer;
    out[status] = {
      description: doc.description,
      ...(doc.headers ? { headers: doc.headers } : {}),
      ...(doc.schema !== undefined ? { content: { [doc.contentType ?? 'application/json']: { schema: schemaOrRef(doc.schema, schemas, 'output'), ...(doc.example !== undefined ? { example: doc.example } : {}) } } } : {}),
    };
  }
  return out;
}

function operationOf(route: RouteInfo, schemas: Record<string, JsonSchema>): JsonSchema {
  const parameters = [...parametersOf(route.params, 'path', schemas), ...(route.parameters ?? []), ...parametersOf(route.query, 'query', schemas)];
  const bodySchema = route.body ?? route.rawBody;
  const body = bodySchema ? jsonSchemaOf(bodySchema, schemas) : route.requestSchema && schemaOrRef(route.requestSchema, schemas, 'input');
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [...route.tags],
    ...(route.security ? { security: route.security } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body
      ? { requestBody: { required: !route.bodyOptional, content: { 'application/json': { schema: body, ...(route.requestExample !== undefined ? { example: route.requestExample } : {}) } } } }
      : {}),
    responses: responsesOf(route, schemas),
  };
}

/** restify's `/api/referrals/:id` as OpenAPI's `/api/referrals/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

/** The document of these routes. */
export function buildOpenApiDocument(routes: readonly RouteInfo[]): OpenApiDocument {
  const schemas: Record<string, JsonSchema> = {};
  // the shared error answers (openapiComponents.ts) name it
  jsonSchemaOf(errorSchema, schemas, 'output');
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] ??= {};
    if (paths[path][route.method]) throw new Error(`two routes for ${route.method.toUpperCase()} ${path}`);
    paths[path][route.method] = operationOf(route, schemas);
  }
  return {
    openapi: '3.0.3',
    info: { title: 'azioni-di-rete-bot HTTP API', version: '1.0.0', description: DESCRIPTION },
    tags: TAGS,
    security: [{ bearerAuth: [] }],
    paths,
    components: { ...COMPONENTS, schemas },
  };
}

export const openApiDocument: OpenApiDocument = buildOpenApiDocument(DOCUMENTED_ROUTES);
