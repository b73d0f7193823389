/** The operators' days off as content (issue 17): read from content/holidays/, written back by export, validated. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContentValidationError } from '../../models/content';
import { contentDir } from '../../models/paths';
import { readContentFolder, writeContentFolder } from '../../models/publishing/files';
import { ContentPublisher } from '../../models/publishing/contentPublisher';
import { NoticeBoard } from '../../models/publishing/notices';
import { fixedClock, tempStore } from '../leads/fixtures';
import { bundledContentOnce } from '../support/botServer';

test('the seed holds the Italian list; export then import gives it back; the office calendar reads its rules', () => {
  const bundle = bundledContentOnce();
  expect(bundle.holidays?.it?.map((h) => h.rule)).toEqual(['01-01', '01-06', 'easter-monday', '04-25', '05-01', '06-02', '08-15', '10-04', '11-01', '12-07', '12-08', '12-25', '12-26']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holidays-'));
  try {
    writeContentFolder(dir, bundle);
    expect(fs.existsSync(path.join(dir, 'holidays', 'it.json'))).toBe(true);
    // a language with none has no file
    expect(fs.existsSync(path.join(dir, 'holidays', 'en.json'))).toBe(false);
    expect(readContentFolder(dir).holidays).toEqual(bundle.holidays);
    expect(new NoticeBoard(bundle).holidayRules()).toContain('easter-monday');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a rule written wrong is named with its entry and field, and nothing is read', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holidays-bad-'));
  try {
    fs.cpSync(contentDir, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}places`) });
    fs.writeFileSync(path.join(dir, 'holidays', 'it.json'), JSON.stringify({ locale: 'it', holidays: [{ id: 'natale', name: 'Natale', rule: '25-12' }] }));
    let error: unknown;
    try {
      readContentFolder(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ContentValidationError);
    expect(String((error as Error).message)).toMatch(/holiday "natale".*rule.*MM-DD/s);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('importing an export made before holidays existed keeps the published days off; a holidays folder replaces them', async () => {
  const seed = bundledContentOnce();
  const ctx = await tempStore('holidays-import-');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holidays-old-export-'));
  try {
    const publisher = await ContentPublisher.open(ctx.store, { now: fixedClock('2026-12-07T09:00:00.000Z').now });
    await publisher.ensureSeeded(() => seed);
    writeContentFolder(dir, seed);
    fs.rmSync(path.join(dir, 'holidays'), { recursive: true });
    const older = readContentFolder(dir);
    expect(older.holidays).toBeUndefined();
    await publisher.importBundle(older, 'import');
    expect((await publisher.published()).bundle.holidays?.it).toEqual(seed.holidays?.it);

    // with the folder, its list is the list: a day removed there is withdrawn
    const fewer = { ...seed, holidays: { it: seed.holidays?.it?.filter((h) => h.rule !== '10-04') ?? [] } };
    const { changed } = await publisher.importBundle(fewer, 'import');
    expect(changed).toBe(1);
    expect((await publisher.published()).bundle.holidays?.it?.map((h) => h.rule)).not.toContain('10-04');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await ctx.dispose();
  }
});
