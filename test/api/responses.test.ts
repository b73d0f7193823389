/**
 * What the server answers matches what the OpenAPI document says it answers: real responses of the main routes,
 * through the real server, validated against the response schemas the document generates from the views' zod
 * schemas (the same ajv the document's own test uses). A view that adds, drops or retypes a field fails here even
 * where the compiler cannot see it (a spread, an `unknown`).
 */
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { openApiDocument, openApiPath } from '../../bot/api/openapi';
import { BG_PROJECT, call, referral, startApiBot, tokenFor, type ApiBot, type ApiResponse } from './helpers';

type Json = { [key: string]: unknown };

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(openApiDocument, 'openapi');

/** A JSON pointer segment (RFC 6901). */
const segment = (part: string): string => part.replace(/~/g, '~0').replace(/\//g, '~1');

/** The pointer of the JSON schema the document gives for this answer (following a shared response's $ref). */
function answerPointer(method: string, path: string, status: number): string {
  const operation = (openApiDocument.paths[openApiPath(path)] as Record<string, { responses: Record<string, Json> }> | undefined)?.[method];
  if (!operation) throw new Error(`${method} ${path} is not documented`);
  const answer = operation.responses[String(status)];
  if (!answer) throw new Error(`${method} ${path} does not document ${status}`);
  const base = typeof answer.$ref === 'string' ? answer.$ref : `#/paths/${segment(openApiPath(path))}/${method}/responses/${status}`;
  return `openapi${base}/content/application~1json/schema`;
}

/** The schema errors of this response (empty when it matches the document). */
function mismatches(method: string, path: string, response: ApiResponse): unknown[] {
  const validate = ajv.compile({ $ref: answerPointer(method, path, response.status) });
  return validate(response.body) ? [] : (validate.errors ?? []);
}

describe('responses match the OpenAPI document', () => {
  let api: ApiBot;
  let staff: string;
  let operator: string;

  beforeAll(async () => {
    api = await startApiBot();
    staff = await tokenFor(api, 'staff-shapes', 'staff');
    operator = await tokenFor(api, 'op-shapes', 'operator', [BG_PROJECT]);
  });
  afterAll(async () => {
    await api.bot.stop();
  });

  /** Calls the route and expects its answer, with that status, to match the document. */
  async function expectDocumented(method: string, template: string, path: string, token: string | undefined, status: number, body?: unknown): Promise<ApiResponse<Json>> {
    const response = await call<Json>(api, method.toUpperCase(), path, token, body);
    expect({ path, status: response.status }).toEqual({ path, status });
    expect({ path, errors: mismatches(method, template, response) }).toEqual({ path, errors: [] });
    return response;
  }

  test('referrals: the list, a detail (operator before and after claiming; staff), a change, a note', async () => {
    const bg = await referral(api, 'bg');
    await referral(api, 'unassigned');
    const list = await expectDocumented('get', '/api/referrals', '/api/referrals', staff, 200);
    expect((list.body.items as unknown[]).length).toBeGreaterThanOrEqual(2);
    await expectDocumented('get', '/api/referrals', '/api/referrals?limit=1', operator, 200);
    const hidden = await expectDocumented('get', '/api/referrals/:id', `/api/referrals/${bg._id}`, operator, 200);
    expect(hidden.body.contactVisible).toBe(false);
    const claimed = await expectDocumented('post', '/api/referrals/:id/claim', `/api/referrals/${bg.reference}/claim`, operator, 200);
    expect(claimed.body.contact).toBeDefined();
    await expectDocumented('patch', '/api/referrals/:id', `/api/referrals/${bg._id}`, operator, 200, { status: 'contacted' });
    const noted = await expectDocumented('post', '/api/referrals/:id/notes', `/api/referrals/${bg._id}/notes`, operator, 201, { text: 'Richiamare lunedì' });
    expect((noted.body.notes as unknown[]).length).toBe(1);
    const detail = await expectDocumented('get', '/api/referrals/:id', `/api/referrals/${bg._id}`, staff, 200);
    expect((detail.body.history as unknown[]).length).toBeGreaterThanOrEqual(3);
  });

  test('errors: 400 naming the field, 401, 403, 404, 409', async () => {
    await expectDocumented('get', '/api/referrals', '/api/referrals?sort=x', staff, 400);
    await expectDocumented('get', '/api/referrals', '/api/referrals', undefined, 401);
    await expectDocumented('get', '/api/groups', '/api/groups', operator, 403);
    await expectDocumented('get', '/api/referrals/:id', '/api/referrals/AR-22222', staff, 404);
    const lead = await referral(api, 'bg');
    await call(api, 'POST', `/api/referrals/${lead._id}/claim`, staff);
    await expectDocumented('post', '/api/referrals/:id/claim', `/api/referrals/${lead._id}/claim`, operator, 409);
  });

  test('projects, a new project and an import with invalid rows', async () => {
    const projects = await expectDocumented('get', '/api/projects', '/api/projects', staff, 200);
    expect((projects.body.items as unknown[]).length).toBeGreaterThan(0);
    const row = { id: 'progetto-forma', title: 'Progetto di prova', leadPartner: 'Ente capofila', provinces: ['BG'], sectors: ['tessile'], firms: ['Ditta srl'], contact: { email: 'capofila@example.com' } };
    await expectDocumented('post', '/api/projects', '/api/projects', staff, 201, row);
    await expectDocumented('patch', '/api/projects/:id', '/api/projects/progetto-forma', staff, 200, { active: false });
    const invalid = await expectDocumented('post', '/api/projects/import', '/api/projects/import', staff, 400, { projects: [{ ...row, provinces: ['XX'] }] });
    expect((invalid.body.rows as unknown[]).length).toBeGreaterThan(0);
    await expectDocumented('post', '/api/projects/import', '/api/projects/import', staff, 200, { projects: [row] });
  });

  test('staff tools: groups, audit, funnel, accounts', async () => {
    await referral(api, 'unassigned');
    const groups = await expectDocumented('get', '/api/groups', '/api/groups?minWorkers=1', staff, 200);
    expect((groups.body.items as unknown[]).length).toBeGreaterThan(0);
    const audit = await expectDocumented('get', '/api/audit', '/api/audit', staff, 200);
    expect((audit.body.items as unknown[]).length).toBeGreaterThan(0);
    await expectDocumented('get', '/api/analytics/funnel', '/api/analytics/funnel?groupBy=province', staff, 200);
    await expectDocumented('get', '/api/analytics/funnel', '/api/analytics/funnel?from=2025-03-01&to=2025-03-31', staff, 200);
    await expectDocumented('get', '/api/accounts', '/api/accounts', staff, 200);
    await expectDocumented('post', '/api/accounts', '/api/accounts', staff, 201, { name: 'op-shapes-2', role: 'operator', projectIds: [BG_PROJECT] });
    await expectDocumented('post', '/api/accounts/:name/token', '/api/accounts/op-shapes-2/token', staff, 200);
  });

  test('announcements: compose, list, report, audience, cancel', async () => {
    const created = await expectDocumented('post', '/api/announcements', '/api/announcements', staff, 201, { title: 'Titolo', text: { it: 'Testo' }, provinces: ['BG'], topics: ['news'] });
    const id = created.body.id as string;
    await expectDocumented('get', '/api/announcements', '/api/announcements', staff, 200);
    await expectDocumented('get', '/api/announcements/:id', `/api/announcements/${id}`, staff, 200);
    await expectDocumented('get', '/api/announcements/:id/audience', `/api/announcements/${id}/audience`, staff, 200);
    await expectDocumented('get', '/api/announcements/audience', '/api/announcements/audience?provinces=BG', staff, 200);
    await expectDocumented('get', '/api/announcements/options', '/api/announcements/options?lang=en', staff, 200);
    await expectDocumented('post', '/api/announcements/:id/cancel', `/api/announcements/${id}/cancel`, staff, 200);
  });

  test('public routes: probes and the eligibility check', async () => {
    await expectDocumented('get', '/healthz', '/healthz', undefined, 200);
    await expectDocumented('get', '/readyz', '/readyz', undefined, 200);
    const body = { workSite: { provinceCode: 'BG' }, crisis: { kind: 'CIGS', redundanciesForeseen: 'yes' }, situation: 'AT_RISK' };
    const eligibility = await expectDocumented('post', '/api/eligibility', '/api/eligibility?lang=en', undefined, 200, body);
    expect((eligibility.body.reasons as unknown[]).length).toBeGreaterThan(0);
  });

  test('a field the document does not list fails the check (the test can fail)', () => {
    const forged: ApiResponse = { status: 200, headers: new Headers(), body: { status: 'ok', extra: true } };
    expect(mismatches('get', '/healthz', forged)).not.toEqual([]);
    // through a shared component ($ref) and a nullable field
    const page: ApiResponse = { status: 200, headers: new Headers(), body: { items: [{ id: 'x', reference: 'AR-22222', province: 7 }] } };
    expect(mismatches('get', '/api/referrals', page)).toEqual(expect.arrayContaining([expect.objectContaining({ instancePath: '/items/0/province' })]));
  });
});
