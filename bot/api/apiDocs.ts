/**
 * The pieces of the OpenAPI document that route tables name: references to the shared responses and parameters
 * (bot/api/openapiComponents.ts) and to generated schemas, and the answers most routes share. Imports nothing of the routes, so the
 * route files and the generator (openapi.ts) depend on it and not on each other.
 */
import type { JsonSchema, ParameterDoc, Reference, ResponseDoc } from './routeTable';

export const ref = (kind: 'schemas' | 'parameters' | 'responses' | 'headers', name: string): Reference => ({ $ref: `#/components/${kind}/${name}` });
export const schemaRef = (name: string): Reference => ref('schemas', name);
export const responseRef = (name: string): Reference => ref('responses', name);
export const paramRef = (name: string): Reference => ref('parameters', name);

/** A JSON answer: its description, its schema and an example. */
export const jsonAnswer = (description: string, schema: ResponseDoc['schema'], example?: unknown): ResponseDoc => ({ description, schema, ...(example !== undefined ? { example } : {}) });

/** The errors any authenticated API route may answer. */
export const AUTH_ERRORS = { '400': responseRef('BadRequest'), '401': responseRef('Unauthorized'), '500': responseRef('InternalError'), '503': responseRef('StoreUnavailable') };
/** ... and a staff-only one (403 to operators). */
export const STAFF_ERRORS = { '400': responseRef('BadRequest'), '401': responseRef('Unauthorized'), '403': responseRef('Forbidden'), '500': responseRef('InternalError') };

/** A public route (no bearer token). */
export const PUBLIC: Array<Record<string, string[]>> = [];

export const str = (description?: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'string', ...(description ? { description } : {}), ...extra });

/** A path parameter the handler checks itself (so that a bad one answers as an unknown one). */
export const pathParam = (name: string, description: string, pattern: RegExp): ParameterDoc => ({ name, in: 'path', required: true, description, schema: str(undefined, { pattern: pattern.source }) });
