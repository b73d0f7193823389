import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import restify = require('restify');
import { openApiDocument, openApiPath } from '../../bot/api/openapi';
import { call, injectApiBot, tokenFor, type InjectedApiBot } from './helpers';
import openApi30Schema from './fixtures/openapi-3.0.schema.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every `$ref` in the document, with where it was found. */
function refsOf(node: Json, path = '#'): Array<{ ref: string; at: string }> {
  if (Array.isArray(node)) return node.flatMap((child, i) => refsOf(child, `${path}/${i}`));
  if (node === null || typeof node !== 'object') return [];
  const found: Array<{ ref: string; at: string }> = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') found.push({ ref: value, at: path });
    else found.push(...refsOf(value, `${path}/${key}`));
  }
  return found;
}

function resolve(doc: Json, ref: string): Json | undefined {
  let node: Json | undefined = doc;
  for (const part of ref.replace(/^#\//, '').split('/')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = node[part];
  }
  return node;
}

const EXPECTED: Record<string, string[]> = {
  '/api/referrals': ['get'],
  '/api/referrals/export.csv': ['get'],
  '/api/referrals/{id}': ['get', 'patch'],
  '/api/referrals/{id}/claim': ['post'],
  '/api/referrals/{id}/notes': ['post'],
  '/api/referrals/{id}/transcript': ['get'],
  '/api/referrals/{id}/merge': ['post'],
  '/api/handoffs': ['get'],
  '/api/handoffs/availability': ['get', 'put'],
  '/api/handoffs/stats': ['get'],
  '/api/handoffs/{id}': ['get'],
  '/api/handoffs/{id}/accept': ['post'],
  '/api/handoffs/{id}/messages': ['get', 'post'],
  '/api/handoffs/{id}/typing': ['post'],
  '/api/handoffs/{id}/end': ['post'],
  '/api/groups': ['get'],
  '/api/audit': ['get'],
  '/api/projects': ['get', 'post'],
  '/api/projects/{id}': ['patch'],
  '/api/projects/import': ['post'],
  '/api/accounts': ['get', 'post'],
  '/api/accounts/{name}': ['patch'],
  '/api/accounts/{name}/token': ['post'],
  '/api/accounts/{name}/password': ['post'],
  '/api/admin/store/quarantine/ack': ['post'],
  '/api/content/{locale}': ['get'],
  '/api/content/{locale}/{kind}/{id}': ['get', 'delete'],
  '/api/content/{locale}/{kind}/{id}/draft': ['get', 'put', 'delete'],
  '/api/content/{locale}/{kind}/{id}/publish': ['post'],
  '/api/content/{locale}/{kind}/{id}/history': ['get'],
  '/api/content/{locale}/{kind}/{id}/rollback': ['post'],
  '/api/content/preview': ['post'],
  '/api/content/translations': ['get'],
  '/api/content/{locale}/{kind}/{id}/approve': ['post'],
  '/api/content/translations/{locale}/{kind}/{id}': ['get'],
  '/api/content/translations/{locale}/{kind}/{id}/approve': ['post'],
  '/api/analytics/funnel': ['get'],
  '/api/analytics/funnel.csv': ['get'],
  '/api/analytics/unanswered': ['get'],
  '/api/announcements': ['get', 'post'],
  '/api/announcements/options': ['get'],
  '/api/announcements/audience': ['get'],
  '/api/announcements/{id}': ['get'],
  '/api/announcements/{id}/audience': ['get'],
  '/api/announcements/{id}/send': ['post'],
  '/api/announcements/{id}/cancel': ['post'],
  '/console/api/login': ['post'],
  '/console/api/me': ['get'],
  '/console/api/logout': ['post'],
  '/console/api/setup/check': ['post'],
  '/console/api/setup': ['post'],
  '/console/api/strings': ['get'],
  '/api/openapi.json': ['get'],
  '/api/messages': ['post'],
  '/api/eligibility': ['post'],
  '/api/directline/token': ['post'],
  '/healthz': ['get'],
  '/readyz': ['get'],
};

describe('GET /api/openapi.json', () => {
  let api: InjectedApiBot;
  let doc: Json & { [key: string]: Json };
  /** the restify server the bot built (captured as it is created) */
  let server: restify.Server | undefined;

  beforeAll(async () => {
    const createServer = restify.createServer.bind(restify);
    const spy = jest.spyOn(restify, 'createServer').mockImplementation((options) => {
      server = createServer(options);
      return server;
    });
    api = await injectApiBot();
    spy.mockRestore();
    const response = await api.fetch(`${api.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    doc = JSON.parse(await response.text()) as Json & { [key: string]: Json };
  });
  afterAll(async () => {
    await api.bot.stop();
  });

  test('the document validates against the OpenAPI 3.0 schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(openApi30Schema);
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
  });

  test('every route the server registers is documented, and every documented operation is registered', () => {
    // pages, static files and the Direct Line 3.0 stand-in are UI and protocol, not API (the document says so)
    const notApi = [/^\/$/, /^\/(app\.js|styles\.css)$/, /^\/privacy$/, /^\/webchat\//, /^\/console(\/|\/setup|\/\*)?$/, /^\/v3\//, /^\/\.bot\//];
    expect(server).toBeDefined();
    const routes = Object.values((server as unknown as { router: { getRoutes(): Record<string, { method: string; path: string }> } }).router.getRoutes());
    expect(routes.length).toBeGreaterThan(40);
    const registered = routes.filter((r) => !notApi.some((re) => re.test(r.path))).map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`);
    const paths = doc.paths as Record<string, Record<string, Json>>;
    const documented = Object.entries(paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
    expect([...new Set(registered)].sort()).toEqual([...documented].sort());
  });

  test('an OpenAPI 3.0 document of every HTTP API, with the bearer scheme', () => {
    expect(doc).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
    expect(doc.openapi).toBe('3.0.3');
    const paths = doc.paths as Record<string, Record<string, { operationId: string; responses: Record<string, Json> }>>;
    expect(Object.keys(paths).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [path, methods] of Object.entries(EXPECTED)) expect(Object.keys(paths[path]).sort()).toEqual([...methods].sort());
    expect(resolve(doc, '#/components/securitySchemes/bearerAuth')).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    // public endpoints opt out of the bearer default
    for (const path of ['/api/messages', '/api/eligibility', '/api/directline/token', '/healthz', '/readyz', '/api/openapi.json']) {
      const method = EXPECTED[path][0];
      expect((paths[path][method] as unknown as { security: Json }).security).toEqual([]);
    }
  });

  test('every $ref resolves, operation ids are unique, every operation documents its answers and errors', () => {
    const refs = refsOf(doc);
    expect(refs.length).toBeGreaterThan(50);
    for (const { ref, at } of refs) expect({ at, ref, resolves: resolve(doc, ref) !== undefined }).toEqual({ at, ref, resolves: true });
    const operations = Object.values(doc.paths as Record<string, Record<string, { operationId: string; responses: Record<string, Json>; security?: Json[] }>>).flatMap((item) => Object.values(item));
    const ids = operations.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const operation of operations) {
      expect(Object.keys(operation.responses).some((code) => code.startsWith('2'))).toBe(true);
      if (operation.security === undefined) expect(operation.responses['401']).toEqual({ $ref: '#/components/responses/Unauthorized' });
    }
    const error = resolve(doc, '#/components/schemas/Error') as { properties: { error: { required: string[]; properties: Record<string, Json> } } };
    expect(error.properties.error.required).toEqual(['code', 'reason']);
    expect(Object.keys(error.properties.error.properties)).toEqual(expect.arrayContaining(['code', 'reason', 'field']));
    expect(resolve(doc, '#/components/schemas/ReferralPatch')).toMatchObject({ additionalProperties: false, properties: { status: { enum: ['contacted', 'enrolled', 'placed', 'closed'] } } });
  });

  test('every documented operation is served (no route-not-found, no wrong method)', async () => {
    const staff = await tokenFor(api, 'staff-docs', 'staff');
    for (const [path, methods] of Object.entries(EXPECTED)) {
      for (const method of methods) {
        const response = await call<{ error?: { code: string } }>(api, method.toUpperCase(), path.replace('{id}', 'AR-22222'), staff, method === 'get' ? undefined : {});
        expect({ path, method, status: response.status }).not.toEqual(expect.objectContaining({ status: 405 }));
        const code = typeof response.body === 'object' && response.body !== null ? response.body.error?.code : undefined;
        expect({ path, method, code }).not.toEqual({ path, method, code: 'RESOURCE_NOT_FOUND' });
      }
    }
  });
});
