/** Content publishing over a real embedded store: seed, draft, publish, history, rollback, validation, flags, files. */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContentValidationError, type FaqEntry } from '../../models/content';
import { contentDir } from '../../models/paths';
import { ContentPublisher } from '../../models/publishing/contentPublisher';
import { readContentFolder } from '../../models/publishing/files';
import { runContent } from '../../scripts/content';
import { fixedClock, tempStore, type TempStore } from '../leads/fixtures';

const seed = readContentFolder(contentDir);
const FAQ_ID = 'what-is';

function validationIssues(fn: () => Promise<unknown>): Promise<Array<{ entry?: string; field?: string; problem: string }>> {
  return fn().then(
    () => {
      throw new Error('expected a ContentValidationError');
    },
    (err: unknown) => {
      if (!(err instanceof ContentValidationError)) throw err;
      return err.issues.map((i) => ({ entry: i.entry, field: i.field, problem: i.problem }));
    },
  );
}

describe('ContentPublisher', () => {
  let ctx: TempStore;
  let clock: ReturnType<typeof fixedClock>;
  let publisher: ContentPublisher;

  beforeEach(async () => {
    ctx = await tempStore('publishing-');
    clock = fixedClock('2026-03-02T09:00:00.000Z');
    publisher = await ContentPublisher.open(ctx.store, { now: clock.now });
    expect(await publisher.ensureSeeded(() => seed)).toBe('seeded');
  });
  afterEach(async () => {
    await ctx.dispose();
  });

  test('a new installation is seeded from content/ exactly; a second start does not seed again', async () => {
    const { revision, bundle } = await publisher.published();
    expect(revision).toBe(1);
    for (const locale of ['it', 'en'] as const) {
      expect(bundle.measure[locale].sections).toEqual(seed.measure[locale].sections);
      expect(bundle.measure[locale].faq).toEqual(seed.measure[locale].faq);
      expect(bundle.news[locale]).toEqual(seed.news[locale]);
      expect(bundle.events[locale]).toEqual(seed.events[locale]);
    }
    expect(bundle.synonyms).toEqual(seed.synonyms);
    expect(await publisher.ensureSeeded(() => seed)).toBe('present');
    expect(await publisher.revision()).toBe(1);
  });

  test('draft -> publish -> history -> rollback to any earlier version', async () => {
    const original = seed.measure.it.faq.find((f) => f.id === FAQ_ID) as FaqEntry;
    const v2 = { ...original, answer: 'Risposta nuova, versione due.' };
    clock.advance(60_000);
    await publisher.saveDraft('it', 'faq', FAQ_ID, v2, 'staff-anna');
    // a draft is not published
    expect((await publisher.published()).bundle.measure.it.faq.find((f) => f.id === FAQ_ID)?.answer).toBe(original.answer);
    const listed = (await publisher.list('it')).items.find((i) => i.kind === 'faq' && i.id === FAQ_ID);
    expect(listed).toMatchObject({ version: 1, hasDraft: true });

    expect(await publisher.publish('it', 'faq', FAQ_ID, 'staff-anna')).toEqual({ version: 2, revision: 2 });
    expect((await publisher.entry('it', 'faq', FAQ_ID)).draft).toBeNull();
    await publisher.saveDraft('it', 'faq', FAQ_ID, { ...original, answer: 'Versione tre.' }, 'staff-bruno');
    expect(await publisher.publish('it', 'faq', FAQ_ID, 'staff-bruno')).toEqual({ version: 3, revision: 3 });
    expect((await publisher.published()).bundle.measure.it.faq.find((f) => f.id === FAQ_ID)?.answer).toBe('Versione tre.');

    const history = await publisher.history('it', 'faq', FAQ_ID);
    expect(history.map((h) => [h.version, h.action, h.by, h.current])).toEqual([
      [3, 'publish', 'staff-bruno', true],
      [2, 'publish', 'staff-anna', false],
      [1, 'seed', 'seed', false],
    ]);

    expect(await publisher.rollback('it', 'faq', FAQ_ID, 1, 'staff-anna')).toEqual({ version: 4, revision: 4 });
    expect((await publisher.published()).bundle.measure.it.faq.find((f) => f.id === FAQ_ID)).toEqual(original);
    const after = await publisher.history('it', 'faq', FAQ_ID);
    expect(after[0]).toMatchObject({ version: 4, action: 'rollback', fromVersion: 1, current: true });
    // the order of entries is kept
    expect((await publisher.published()).bundle.measure.it.faq.map((f) => f.id)).toEqual(seed.measure.it.faq.map((f) => f.id));
    await expect(publisher.rollback('it', 'faq', FAQ_ID, 99, 'staff-anna')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  test('validation names the entry and the field at fault, and nothing is saved', async () => {
    const original = seed.measure.it.faq.find((f) => f.id === FAQ_ID) as FaqEntry;
    const long = Array.from({ length: 90 }, (_, i) => `parola${i}`).join(' ');
    expect(await validationIssues(() => publisher.saveDraft('it', 'faq', FAQ_ID, { ...original, answer: long }, 's'))).toEqual([
      { entry: `faq "${FAQ_ID}"`, field: 'answer', problem: 'must be at most 80 words (it has 90)' },
    ]);
    const misspelt = await validationIssues(() => publisher.saveDraft('it', 'faq', FAQ_ID, { id: FAQ_ID, questions: original.questions, anwser: 'x', tags: [], source: 's', sections: ['what'] }, 's'));
    expect(misspelt.map((i) => i.field)).toEqual(expect.arrayContaining(['anwser', 'answer']));
    const shared = await validationIssues(() => publisher.saveDraft('it', 'faq', 'nuova-voce', { questions: [original.questions[0]], answer: 'x', tags: [], source: 's', sections: ['what'] }, 's'));
    expect(shared[0]).toMatchObject({ entry: 'faq "nuova-voce"', field: 'questions[0]' });
    expect(await validationIssues(() => publisher.saveDraft('it', 'event', 'incontro-bg', { title: 'Incontro', date: '2026-02-30', time: '25:00', place: 'Sala', province: 'TO', link: 'http://x' }, 's'))).toEqual([
      { entry: 'event "incontro-bg"', field: 'date', problem: 'must be a date written YYYY-MM-DD' },
      { entry: 'event "incontro-bg"', field: 'time', problem: 'must be a time written HH:MM (24 hours)' },
      { entry: 'event "incontro-bg"', field: 'province', problem: expect.stringContaining('Lombardy province code') },
      { entry: 'event "incontro-bg"', field: 'link', problem: 'must be an https:// link' },
    ]);
    expect(await validationIssues(() => publisher.saveDraft('en', 'news', 'n1', { title: '', body: 'b', date: '2026-01-01', source: 's' }, 's'))).toEqual([
      { entry: 'news "n1"', field: 'title', problem: 'must not be empty' },
    ]);
    // a required section cannot be withdrawn
    const removal = await validationIssues(() => publisher.unpublish('it', 'section', 'who', 's'));
    expect(removal.some((i) => i.field === 'sections' || /unknown section/.test(i.problem))).toBe(true);
    expect(await publisher.revision()).toBe(1);
    expect((await publisher.list('it')).items.some((i) => i.hasDraft)).toBe(false);
  });

  test('an entry whose other-language version is older is flagged "translation out of date"', async () => {
    const it = seed.measure.it.faq.find((f) => f.id === FAQ_ID) as FaqEntry;
    clock.advance(3_600_000);
    await publisher.saveDraft('it', 'faq', FAQ_ID, { ...it, answer: 'Cambiata in italiano.' }, 's');
    await publisher.publish('it', 'faq', FAQ_ID, 's');
    const itItem = (await publisher.list('it')).items.find((i) => i.id === FAQ_ID);
    const enItem = (await publisher.list('en')).items.find((i) => i.id === FAQ_ID);
    expect(itItem).toMatchObject({ translation: 'outOfDate', translationOutOfDate: true });
    expect(enItem).toMatchObject({ translation: 'behind', translationOutOfDate: false });
    expect((await publisher.list('it')).items.filter((i) => i.translationOutOfDate).map((i) => i.id)).toEqual([FAQ_ID]);

    // a news item only in Italian: the English list shows it as missing there
    await publisher.saveDraft('it', 'news', 'solo-it', { title: 'Solo in italiano', body: 'Testo.', date: '2026-03-01', source: 'staff' }, 's');
    await publisher.publish('it', 'news', 'solo-it', 's');
    expect((await publisher.list('en')).items.find((i) => i.id === 'solo-it')).toMatchObject({ missingHere: true, version: null });
    expect((await publisher.list('it')).items.find((i) => i.id === 'solo-it')).toMatchObject({ translation: 'missing' });

    // translating it clears the flag
    clock.advance(60_000);
    const en = seed.measure.en.faq.find((f) => f.id === FAQ_ID) as FaqEntry;
    await publisher.saveDraft('en', 'faq', FAQ_ID, { ...en, answer: 'Changed in English.' }, 's');
    await publisher.publish('en', 'faq', FAQ_ID, 's');
    expect((await publisher.list('it')).items.find((i) => i.id === FAQ_ID)).toMatchObject({ translation: 'behind', translationOutOfDate: false });
    expect((await publisher.list('en')).items.find((i) => i.id === FAQ_ID)).toMatchObject({ translation: 'outOfDate', translationOutOfDate: true });
  });

  test('withdrawing an event and rolling the withdrawal back', async () => {
    const event = { title: 'Incontro informativo', date: '2026-04-10', time: '17:30', place: 'Sala civica, Bergamo', province: 'BG', link: 'https://example.org/incontro' };
    await publisher.saveDraft('it', 'event', 'incontro-bg', event, 's');
    await publisher.publish('it', 'event', 'incontro-bg', 's');
    expect((await publisher.published()).bundle.events.it).toEqual([{ id: 'incontro-bg', ...event }]);
    await publisher.unpublish('it', 'event', 'incontro-bg', 's');
    expect((await publisher.published()).bundle.events.it).toEqual([]);
    await publisher.rollback('it', 'event', 'incontro-bg', 1, 's');
    expect((await publisher.published()).bundle.events.it).toEqual([{ id: 'incontro-bg', ...event }]);
  });
});

describe('npm run content -- export | import', () => {
  let dataDir: string;
  let work: string;
  const io = { lines: [] as string[], out(t: string): void { this.lines.push(t); }, err(t: string): void { this.lines.push(t); } };

  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'content-cli-'));
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'content-files-'));
    io.lines = [];
  });
  afterEach(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
    await fs.rm(work, { recursive: true, force: true });
  });

  test('export writes the seed format; import of the same files changes nothing; an edited file is published', async () => {
    const exported = path.join(work, 'export');
    expect(await runContent(['export', exported], { dataDir }, io)).toBe(0);
    const back = readContentFolder(exported);
    expect(back.measure.it.faq).toEqual(seed.measure.it.faq);
    expect(back.measure.en.sections).toEqual(seed.measure.en.sections);
    expect(back.news).toEqual(seed.news);
    expect(back.synonyms).toEqual(seed.synonyms);
    // the seed's files and the export are the same format: the export reads back as the seed does
    expect(Object.keys(JSON.parse(await fs.readFile(path.join(exported, 'measure', 'it.json'), 'utf8')) as object)).toEqual(['version', 'locale', 'sections', 'faq']);

    expect(await runContent(['import', exported], { dataDir }, io)).toBe(0);
    expect(io.lines.join('')).toMatch(/imported: 0 entries changed/);

    const newsFile = path.join(exported, 'news', 'en.json');
    const news = JSON.parse(await fs.readFile(newsFile, 'utf8')) as { locale: string; news: Array<Record<string, string>> };
    news.news[0].title = 'Edited in git';
    await fs.writeFile(newsFile, JSON.stringify(news));
    expect(await runContent(['import', exported], { dataDir }, io)).toBe(0);
    expect(io.lines.join('')).toMatch(/imported: 1 entry changed/);
    const again = path.join(work, 'again');
    expect(await runContent(['export', again], { dataDir }, io)).toBe(0);
    expect(readContentFolder(again).news.en[0].title).toBe('Edited in git');
  });

  test('a folder with any invalid file imports nothing and names the file, the entry and the field', async () => {
    const exported = path.join(work, 'export');
    expect(await runContent(['export', exported], { dataDir }, io)).toBe(0);
    // a valid change in one file, an invalid one in another
    const itNews = path.join(exported, 'news', 'it.json');
    const itDoc = JSON.parse(await fs.readFile(itNews, 'utf8')) as { news: Array<Record<string, string>> };
    itDoc.news[0].title = 'Cambiato';
    await fs.writeFile(itNews, JSON.stringify({ locale: 'it', news: itDoc.news }));
    await fs.writeFile(path.join(exported, 'events', 'en.json'), JSON.stringify({ locale: 'en', events: [{ id: 'bad', title: 'Session', date: '2026-13-01', time: '10:00', place: 'Hall', province: 'BG' }] }));
    io.lines = [];
    expect(await runContent(['import', exported], { dataDir }, io)).toBe(1);
    expect(io.lines.join('')).toContain('export/events/en.json: event "bad": field "date" must be a date written YYYY-MM-DD');
    expect(io.lines.join('')).toMatch(/nothing imported/);
    const check = path.join(work, 'check');
    expect(await runContent(['export', check], { dataDir }, io)).toBe(0);
    expect(readContentFolder(check).news.it).toEqual(seed.news.it);
  });
});
