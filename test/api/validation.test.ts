import { BG_PROJECT, call, referral, injectApiBot, tokenFor, type InjectedApiBot, type ErrorBody } from './helpers';

describe('operators API: input validated at the edge', () => {
  let api: InjectedApiBot;
  let staff: string;
  let operator: string;
  let leadId: string;

  beforeAll(async () => {
    api = await injectApiBot();
    staff = await tokenFor(api, 'staff-1', 'staff');
    operator = await tokenFor(api, 'op-bg', 'operator', [BG_PROJECT]);
    const lead = await referral(api, 'bg');
    leadId = lead._id;
    await call(api, 'POST', `/api/referrals/${leadId}/claim`, operator);
  });
  afterAll(async () => {
    await api.bot.stop();
  });

  test.each([
    ['operator injection in status', '?status[$gt]=', 'status', 'must_be_a_plain_value'],
    ['operator injection in project', '?project[$ne]=x', 'project', 'must_be_a_plain_value'],
    ['array syntax', '?status[]=new', 'status', 'must_be_a_plain_value'],
    ['dotted key', '?status.x=new', 'status.x', 'unknown_parameter'],
    ['unknown parameter', '?sort=name', 'sort', 'unknown_parameter'],
    ['prototype key', '?__proto__[admin]=1', '__proto__[admin]', 'unknown_parameter'],
    ['repeated parameter', '?status=new&status=claimed', 'status', 'repeated_parameter'],
    ['unknown status', '?status=new,bogus', 'status', 'unknown_status'],
    ['empty status', '?status=', 'status', 'unknown_status'],
    ['bad province', '?province=Bergamo', 'province', 'invalid_province'],
    ['bad project id', '?project=$where', 'project', 'invalid_project_id'],
    ['limit zero', '?limit=0', 'limit', 'out_of_range'],
    ['limit too big', '?limit=101', 'limit', 'out_of_range'],
    ['limit not a number', '?limit=ten', 'limit', 'out_of_range'],
    ['limit negative', '?limit=-5', 'limit', 'out_of_range'],
    ['limit fractional', '?limit=2.5', 'limit', 'out_of_range'],
    ['cursor not base64url', '?cursor=***', 'cursor', 'invalid'],
    ['cursor that decodes to nothing useful', '?cursor=bm9wZQ', 'cursor', 'invalid'],
    ['impossible date', '?from=2025-02-30', 'from', 'not_an_iso_date'],
    ['not a date', '?from=yesterday', 'from', 'not_an_iso_date'],
    ['date-time without zone', '?to=2025-03-01T10:00', 'to', 'not_an_iso_date'],
    ['to before from', '?from=2025-03-10&to=2025-03-01', 'to', 'not_after_from'],
  ])('GET /api/referrals %s -> 400 naming the field', async (_name, query, field, reason) => {
    const response = await call<ErrorBody>(api, 'GET', `/api/referrals${query}`, staff);
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({ code: 'VALIDATION', field, reason });
  });

  test('limit and cursor are not export parameters', async () => {
    const response = await call<ErrorBody>(api, 'GET', '/api/referrals/export.csv?limit=5', staff);
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('limit');
  });

  test('routes without parameters refuse any', async () => {
    expect((await call<ErrorBody>(api, 'GET', `/api/referrals/${leadId}?fields=contact`, staff)).body.error).toMatchObject({ field: 'fields', reason: 'unknown_parameter' });
    expect((await call<ErrorBody>(api, 'GET', '/api/projects?all=1', operator)).status).toBe(400);
  });

  test.each([
    ['unknown field', { status: 'contacted', operatorId: 'me' }, 'operatorId', 'unknown_field'],
    ['object where a string is expected', { status: { $ne: null } }, 'status', 'not_a_string'],
    ['number as status', { status: 3 }, 'status', 'not_a_string'],
    ['unknown status', { status: 'hired' }, 'status', 'unknown_status'],
    ['claim through PATCH', { status: 'claimed' }, 'status', 'use_the_claim_endpoint'],
    ['erase through PATCH', { status: 'erased' }, 'status', 'unknown_status'],
    ['reason without closing', { status: 'contacted', reason: 'withdrawn' }, 'reason', 'only_when_closing'],
    ['unknown close reason', { status: 'closed', reason: 'bored' }, 'reason', 'unknown_close_reason'],
    ['note not a string', { note: ['a'] }, 'note', 'not_a_string'],
    ['empty note', { note: '' }, 'note', 'required'],
    ['project id an object', { projectId: { $gt: '' } }, 'projectId', 'not_a_string_or_null'],
    ['nothing to change', {}, '(body)', 'nothing_to_change'],
    ['array body', [{ status: 'contacted' }], '(body)', 'not_a_json_object'],
    ['prototype pollution', JSON.parse('{"__proto__": {"admin": true}}') as unknown, '__proto__', 'unknown_field'],
  ])('PATCH %s -> 400 naming the field', async (_name, body, field, reason) => {
    const response = await call<ErrorBody>(api, 'PATCH', `/api/referrals/${leadId}`, operator, JSON.stringify(body));
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({ code: 'VALIDATION', field, reason });
    // nothing was changed
    expect((await api.bot.domain.leads.get(leadId)).status).toBe('claimed');
  });

  test('bodies: bad JSON 400, not JSON 415, missing 400, too large 413', async () => {
    const badJson = await call<ErrorBody>(api, 'PATCH', `/api/referrals/${leadId}`, operator, '{"status": ');
    expect(badJson.status).toBe(400);
    const text = await call<ErrorBody>(api, 'PATCH', `/api/referrals/${leadId}`, operator, 'status=contacted', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const missing = await call<ErrorBody>(api, 'PATCH', `/api/referrals/${leadId}`, operator);
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('(body)');
    const huge = await call<ErrorBody>(api, 'POST', `/api/referrals/${leadId}/notes`, operator, { text: 'x'.repeat(300 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('claim takes no body fields; notes take only text', async () => {
    const lead = await referral(api, 'bg');
    const claim = await call<ErrorBody>(api, 'POST', `/api/referrals/${lead._id}/claim`, operator, { operatorId: 'someone-else' });
    expect(claim.status).toBe(400);
    expect(claim.body.error).toMatchObject({ field: 'operatorId', reason: 'unknown_field' });
    expect((await call(api, 'POST', `/api/referrals/${lead._id}/claim`, operator, {})).status).toBe(200);
    const note = await call<ErrorBody>(api, 'POST', `/api/referrals/${lead._id}/notes`, operator, { text: 'ok', by: 'staff-1' });
    expect(note.body.error).toMatchObject({ field: 'by', reason: 'unknown_field' });
    const notString = await call<ErrorBody>(api, 'POST', `/api/referrals/${lead._id}/notes`, operator, { text: { $gt: '' } });
    expect(notString.body.error).toMatchObject({ field: 'text', reason: 'not_a_string' });
  });

  test('a malformed id is simply not found', async () => {
    const response = await call<ErrorBody>(api, 'GET', `/api/referrals/${encodeURIComponent('{"$ne":null}')}`, staff);
    expect(response.status).toBe(404);
  });
});
