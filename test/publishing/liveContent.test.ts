/**
 * A published change reaches the running bot within 5 s with no restart, through /api/messages; rollback restores
 * the old answer; the preview applies drafts for its own request only; the API is staff only and audited.
 */
import type { FaqEntry } from '../../models/content';
import { silentLogger } from '../../models/logger';
import { contentDir } from '../../models/paths';
import { ContentPublisher } from '../../models/publishing/contentPublisher';
import { readContentFolder } from '../../models/publishing/files';
import { LiveContent } from '../../models/publishing/liveContent';
import { call, injectApiBot, tokenFor, type InjectedApiBot } from '../api/helpers';
import { tempStore } from '../leads/fixtures';
import { Chat } from '../support/botServer';
import { eventually } from '../support/eventually';

const seed = readContentFolder(contentDir);
const FAQ_ID = 'what-is';
const QUESTION = "cos'è Azioni di Rete per il lavoro?";
const original = seed.measure.it.faq.find((f) => f.id === FAQ_ID) as FaqEntry;
const NEW_ANSWER = 'Risposta aggiornata dal pannello dello staff: versione di prova numero due.';

describe('publishing through the API reaches the running bot', () => {
  let api: InjectedApiBot;
  let staff: string;
  let operator: string;

  beforeAll(async () => {
    api = await injectApiBot();
    staff = await tokenFor(api, 'staff-content', 'staff');
    operator = await tokenFor(api, 'op-content', 'operator', ['esempio-bg-metalmeccanico']);
  });
  afterAll(async () => {
    await api.bot.stop();
  });

  test('draft (preview only) -> publish (live within 5 s) -> rollback (old answer back)', async () => {
    const chat = new Chat(api.bot);
    expect(await chat.sayText(QUESTION)).toContain(original.answer);

    const saved = await call<{ data: FaqEntry }>(api, 'PUT', `/api/content/it/faq/${FAQ_ID}/draft`, staff, { data: { ...original, answer: NEW_ANSWER } });
    expect(saved.status).toBe(200);
    expect(saved.body.data.answer).toBe(NEW_ANSWER);

    // the preview answers with the draft; the chat does not
    const preview = await call<{ outcome: string; replies: Array<{ text: string; buttons: string[] }> }>(api, 'POST', '/api/content/preview', staff, { locale: 'it', text: QUESTION });
    expect(preview.status).toBe(200);
    expect(preview.body.outcome).toBe('answered');
    expect(preview.body.replies[0].text).toBe(NEW_ANSWER);
    expect(await chat.sayText(QUESTION)).toContain(original.answer);

    api.clock.advance(60_000); // published after the English version: the Italian entry is flagged
    const published = await call<{ version: number }>(api, 'POST', `/api/content/it/faq/${FAQ_ID}/publish`, staff);
    expect(published).toMatchObject({ status: 200, body: { version: 2 } });
    await eventually(async () => (await chat.sayText(QUESTION)).includes(NEW_ANSWER), { withinMs: 5000, everyMs: 100, what: 'the published answer in the chat' });

    const history = await call<{ items: Array<{ version: number; action: string; by: string }> }>(api, 'GET', `/api/content/it/faq/${FAQ_ID}/history`, staff);
    expect(history.body.items.map((h) => [h.version, h.action, h.by])).toEqual([
      [2, 'publish', 'staff-content'],
      [1, 'seed', 'seed'],
    ]);
    const listed = await call<{ items: Array<{ id: string; kind: string; translationOutOfDate: boolean; version: number }> }>(api, 'GET', '/api/content/it', staff);
    expect(listed.body.items.find((i) => i.kind === 'faq' && i.id === FAQ_ID)).toMatchObject({ version: 2, translationOutOfDate: true });

    api.clock.advance(1000);
    const rolled = await call(api, 'POST', `/api/content/it/faq/${FAQ_ID}/rollback`, staff, { version: 1 });
    expect(rolled).toMatchObject({ status: 200, body: { version: 3 } });
    await eventually(async () => (await chat.sayText(QUESTION)).includes(original.answer), { withinMs: 5000, everyMs: 100, what: 'the original answer back in the chat' });

    const audit = await call<{ items: Array<{ actor: string; action: string; target: string; details: Record<string, unknown> }> }>(api, 'GET', '/api/audit?target=content:it:faq:what-is', staff);
    expect(audit.body.items.map((e) => e.action)).toEqual(['content.rolled_back', 'content.published', 'content.draft_saved']);
    expect(audit.body.items.every((e) => e.actor === 'staff-content')).toBe(true);
    expect(JSON.stringify(audit.body.items)).not.toContain(NEW_ANSWER);
  });

  test('validation errors name the field; operators are refused; unknown kinds and ids are 400', async () => {
    const long = Array.from({ length: 85 }, (_, i) => `w${i}`).join(' ');
    const bad = await call<{ error: { code: string; reason: string; field: string }; issues: Array<{ entry: string; field: string; problem: string }> }>(
      api,
      'PUT',
      `/api/content/it/faq/${FAQ_ID}/draft`,
      staff,
      { data: { ...original, answer: long } },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error).toEqual({ code: 'VALIDATION', reason: 'content_invalid', field: 'answer' });
    expect(bad.body.issues).toEqual([{ entry: `faq "${FAQ_ID}"`, field: 'answer', problem: 'must be at most 80 words (it has 85)' }]);

    expect((await call(api, 'GET', '/api/content/it', operator)).status).toBe(403);
    expect((await call(api, 'POST', `/api/content/it/faq/${FAQ_ID}/publish`, operator)).status).toBe(403);
    expect((await call(api, 'GET', '/api/content/it')).status).toBe(401);
    expect((await call<{ error: { field: string } }>(api, 'GET', '/api/content/de', staff)).body.error.field).toBe('locale');
    expect((await call<{ error: { field: string } }>(api, 'GET', '/api/content/it/recipe/x', staff)).body.error.field).toBe('kind');
    expect((await call<{ error: { field: string } }>(api, 'GET', '/api/content/it/faq/Not%20An%20Id', staff)).body.error.field).toBe('id');
    expect((await call(api, 'POST', `/api/content/it/faq/${FAQ_ID}/publish`, staff)).status).toBe(404); // no draft
    expect((await call(api, 'GET', `/api/content/it/faq/${FAQ_ID}/draft`, staff)).status).toBe(404);
  });
});

describe('LiveContent', () => {
  test('another instance picks a published change up by polling the revision, and swaps it atomically', async () => {
    const ctx = await tempStore('live-');
    try {
      const writer = await ContentPublisher.open(ctx.store, { now: () => new Date() });
      await writer.ensureSeeded(() => seed);
      // a second reader over the same store stands for another bot instance
      const reader = await ContentPublisher.open(ctx.store, { now: () => new Date() });
      const swaps: number[] = [];
      const live = await LiveContent.open(reader, { intervalMs: 200, logger: silentLogger, onSwap: (r) => swaps.push(r) });
      live.start();
      const before = live.current();
      expect(before.faq.ask(QUESTION, 'it')).toMatchObject({ kind: 'answer', match: { entry: { answer: original.answer } } });
      await writer.saveDraft('it', 'faq', FAQ_ID, { ...original, answer: NEW_ANSWER }, 's');
      await writer.publish('it', 'faq', FAQ_ID, 's');
      await eventually(
        () => {
          const result = live.current().faq.ask(QUESTION, 'it');
          return result.kind === 'answer' && result.match.entry.answer === NEW_ANSWER;
        },
        { withinMs: 5000, what: 'the new snapshot' },
      );
      expect(swaps).toEqual([2]);
      // the old snapshot is untouched (a turn in flight keeps reading it)
      expect(before.catalogue.faqEntry('it', FAQ_ID)?.answer).toBe(original.answer);
      expect(live.current().catalogue.faqEntry('it', FAQ_ID)?.answer).toBe(NEW_ANSWER);
      await live.stop();
    } finally {
      await ctx.dispose();
    }
  });
});
