import { call, startApiBot, tokenFor, type ApiBot, type ErrorBody } from '../api/helpers';
import { ConnectorStandIn } from '../teams/connectorStandIn';
import { until, WorkerChat } from './helpers';

interface Report {
  id: string;
  status: string;
  recipients: number;
  sent: number;
  failed: number;
  skipped: number;
  pending: number;
  failures: Record<string, number>;
}

const valid = { title: 'Nuovo progetto a Bergamo', text: { it: 'Apre un nuovo progetto di rete.', en: 'A new network project opens.' }, provinces: ['BG'], topics: ['projects'] };

describe('campaign: the announcements API and delivery through the adapter', () => {
  let api: ApiBot;
  let connector: ConnectorStandIn;
  let staff: string;
  let operator: string;

  beforeAll(async () => {
    connector = await new ConnectorStandIn().start();
    api = await startApiBot({ ANNOUNCE_POLL_MS: '200', ANNOUNCE_RATE_PER_SECOND: '50', ANNOUNCE_RETRY_BASE_MS: '50' });
    staff = await tokenFor(api, 'staff-campaign', 'staff');
    operator = await tokenFor(api, 'op-campaign', 'operator', ['esempio-bg-metalmeccanico']);
  });
  afterAll(async () => {
    await api.bot.stop();
    await connector.stop();
  });

  test('401 without a token, 403 for an operator', async () => {
    expect((await call(api, 'GET', '/api/announcements')).status).toBe(401);
    expect((await call(api, 'POST', '/api/announcements', undefined, valid)).status).toBe(401);
    expect((await call(api, 'POST', '/api/announcements', operator, valid)).status).toBe(403);
    expect((await call(api, 'GET', '/api/announcements/audience', operator)).status).toBe(403);
  });

  test.each([
    ['Italian text missing', { ...valid, text: { en: 'only English' } }, 'text.it', 'required'],
    ['no text', { title: 'x', topics: ['news'] }, 'text', 'required'],
    ['empty title', { ...valid, title: '  ' }, 'title', 'required'],
    ['unknown province', { ...valid, provinces: ['BG', 'PC'] }, 'provinces.1', 'unknown_province'],
    ['unknown topic', { ...valid, topics: ['projects', 'weather'] }, 'topics.1', 'unknown_topic'],
    ['no topics', { ...valid, topics: [] }, 'topics', 'required'],
    ['unknown field', { ...valid, priority: 'high' }, 'priority', 'unknown_field'],
    ['unknown language', { ...valid, text: { it: 'x', fr: 'y' } }, 'text.fr', 'unknown_field'],
    ['Italian title missing', { ...valid, title: { en: 'English only' } }, 'title.it', 'required'],
    ['title in an unknown language', { ...valid, title: { it: 'x', de: 'y' } }, 'title.de', 'unknown_field'],
    ['English title over an Italian-only text', { ...valid, title: { it: 'x', en: 'y' }, text: { it: 'z' } }, 'text.en', 'required'],
  ])('400 naming the field: %s', async (_name, body, field, reason) => {
    const response = await call<ErrorBody>(api, 'POST', '/api/announcements', staff, body);
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual(expect.objectContaining({ field, reason }));
  });

  test('compose, preview the audience, send (202), progress; each worker gets it once, in their language; audited', async () => {
    const bgIt = new WorkerChat(api.bot, { serviceUrl: connector.url });
    const bgEn = new WorkerChat(api.bot, { serviceUrl: connector.url, locale: 'en-GB' });
    const mi = new WorkerChat(api.bot, { serviceUrl: connector.url });
    for (const [worker, lines] of [
      [bgIt, ['avvisami', 'Sì, iscrivimi', 'Bergamo', 'Nuovi progetti nella mia zona']],
      [bgEn, ['subscribe', 'Yes, subscribe me', 'Bergamo and Brescia', 'All']],
      [mi, ['avvisami', 'Sì, iscrivimi', 'Milano', 'Tutte']],
    ] as const) {
      for (const line of lines) await worker.say(line);
    }
    const preview = await call<{ subscribers: number; byLanguage: Record<string, number> }>(api, 'GET', '/api/announcements/audience?provinces=BG&topics=projects', staff);
    expect(preview.body).toEqual({ subscribers: 2, byLanguage: { it: 1, en: 1 } });
    expect((await call<{ subscribers: number }>(api, 'GET', '/api/announcements/audience', staff)).body.subscribers).toBe(3);
    expect((await call<ErrorBody>(api, 'GET', '/api/announcements/audience?provinces=XX', staff)).body.error.field).toBe('provinces.0');

    // a title per language, like the text: English readers get the English one
    const created = await call<{ id: string }>(api, 'POST', '/api/announcements', staff, { ...valid, title: { it: 'Nuovo progetto a Bergamo', en: 'New project in Bergamo' } });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await call<{ subscribers: number }>(api, 'GET', `/api/announcements/${id}/audience`, staff)).body.subscribers).toBe(2);
    const draft = await call<Report>(api, 'GET', `/api/announcements/${id}`, staff);
    expect(draft.body).toEqual(expect.objectContaining({ status: 'draft', recipients: 0, sent: 0, failed: 0, pending: 0 }));

    const sent = await call<{ status: string }>(api, 'POST', `/api/announcements/${id}/send`, staff);
    expect(sent.status).toBe(202);
    expect(sent.body.status).toBe('scheduled');
    let report: Report | undefined;
    await until(async () => {
      report = (await call<Report>(api, 'GET', `/api/announcements/${id}`, staff)).body;
      return report.status === 'sent';
    });
    expect(report).toEqual(expect.objectContaining({ status: 'sent', recipients: 2, sent: 2, failed: 0, pending: 0 }));
    const toIt = connector.posts(bgIt.chat.conversationId);
    const toEn = connector.posts(bgEn.chat.conversationId);
    expect(toIt).toHaveLength(1);
    expect(toEn).toHaveLength(1);
    expect(toIt[0].activity.text).toMatch(/Nuovo progetto a Bergamo[\s\S]*Apre un nuovo progetto di rete[\s\S]*stop notizie/);
    expect(toEn[0].activity.text).toMatch(/New project in Bergamo[\s\S]*A new network project opens[\s\S]*unsubscribe/);
    expect(toEn[0].activity.text).not.toMatch(/Nuovo progetto/);
    expect(toIt[0].activity.text).not.toMatch(/New project/);
    expect(connector.posts(mi.chat.conversationId)).toHaveLength(0);

    // sending again, or cancelling once sent: 409
    expect((await call<ErrorBody>(api, 'POST', `/api/announcements/${id}/send`, staff)).status).toBe(409);
    expect((await call<ErrorBody>(api, 'POST', `/api/announcements/${id}/cancel`, staff)).body.error.reason).toBe('illegal_transition:sent->cancelled');
    const audit = await api.bot.domain.audit.list({ target: `announcement:${id}` });
    expect(audit.items.map((e) => e.action).sort()).toEqual(['announcement.created', 'announcement.scheduled']);
    const list = await call<{ items: Array<{ id: string; status: string }> }>(api, 'GET', '/api/announcements', staff);
    expect(list.body.items.find((i) => i.id === id)?.status).toBe('sent');
  });

  test('a send at a later time waits, and can be cancelled before it starts; 404 for an unknown id; 400 for a bad time', async () => {
    const { body } = await call<{ id: string }>(api, 'POST', '/api/announcements', staff, { ...valid, provinces: [] });
    const at = new Date(Date.now() + 3600_000).toISOString();
    expect((await call<ErrorBody>(api, 'POST', `/api/announcements/${body.id}/send`, staff, { at: 'tomorrow' })).body.error).toEqual(expect.objectContaining({ field: 'at' }));
    expect((await call<ErrorBody>(api, 'POST', `/api/announcements/${body.id}/send`, staff, { at: '2020-01-01T00:00:00Z' })).body.error).toEqual(expect.objectContaining({ field: 'at', reason: 'in_the_past' }));
    const scheduled = await call<{ status: string; scheduledAt: string }>(api, 'POST', `/api/announcements/${body.id}/send`, staff, { at });
    expect(scheduled.status).toBe(202);
    expect(scheduled.body.scheduledAt).toBe(at);
    // a pass of the sender has run since (an explicit signal, not a wait): the send an hour away did not start
    api.bot.campaign.sender.kick();
    await api.bot.campaign.sender.idle();
    expect((await call<Report>(api, 'GET', `/api/announcements/${body.id}`, staff)).body.status).toBe('scheduled');
    const cancelled = await call<{ status: string }>(api, 'POST', `/api/announcements/${body.id}/cancel`, staff);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await call(api, 'GET', '/api/announcements/00000000-0000-4000-8000-000000000000', staff)).status).toBe(404);
    expect((await call(api, 'POST', '/api/announcements/not-an-id/send', staff)).status).toBe(404);
  });

  test('403 from the channel ends that subscription and counts as failed; 429 Retry-After is honoured', async () => {
    const blocked = new WorkerChat(api.bot, { serviceUrl: connector.url });
    const throttled = new WorkerChat(api.bot, { serviceUrl: connector.url });
    for (const worker of [blocked, throttled]) for (const line of ['avvisami', 'Sì, iscrivimi', 'Sondrio', 'Novità sulla misura']) await worker.say(line);
    let throttledOnce = false;
    connector.responder = (c) => {
      if (c.conversationId === blocked.chat.conversationId) return { status: 403 };
      if (c.conversationId === throttled.chat.conversationId && !throttledOnce) {
        throttledOnce = true;
        return { status: 429, retryAfter: '1' };
      }
      return undefined;
    };
    const { body } = await call<{ id: string }>(api, 'POST', '/api/announcements', staff, { title: 'Sondrio', text: { it: 'Notizia' }, provinces: ['SO'], topics: ['news'] });
    await call(api, 'POST', `/api/announcements/${body.id}/send`, staff);
    let report: Report | undefined;
    await until(async () => {
      report = (await call<Report>(api, 'GET', `/api/announcements/${body.id}`, staff)).body;
      return report.status === 'sent';
    });
    connector.responder = () => undefined;
    expect(report).toEqual(expect.objectContaining({ recipients: 2, sent: 1, failed: 1, pending: 0, failures: { http_403: 1 } }));
    const attempts = connector.attempts.filter((a) => a.conversationId === throttled.chat.conversationId);
    expect(attempts).toHaveLength(2);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(950);
    expect(await blocked.say('le mie iscrizioni')).toMatch(/Non hai iscrizioni attive/);
  });

  test('the OpenAPI document describes the announcements API', async () => {
    const doc = (await call<{ paths: Record<string, Record<string, unknown>> }>(api, 'GET', '/api/openapi.json')).body;
    for (const path of ['/api/announcements', '/api/announcements/{id}', '/api/announcements/{id}/send', '/api/announcements/{id}/cancel', '/api/announcements/{id}/audience', '/api/announcements/audience']) expect(doc.paths[path]).toBeDefined();
  });
});
