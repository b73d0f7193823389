import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { buildPackage, crc32, packageSettings, PackageError, pngInfo, validatePackage, writePackage, zip } from '../../bot/teams/appPackage';
import { tempDir } from '../support/adapters';

const ENV = { MicrosoftAppId: '11111111-2222-4333-8444-555555555555', PUBLIC_URL: 'https://bot.example.org' };

function problemsOf(run: () => void): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof PackageError) return err.problems;
    throw err;
  }
  return [];
}

/** Reads a zip written by zip(): name -> content. */
function unzip(buffer: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let offset = 0;
  while (buffer.readUInt32LE(offset) === 0x04034b50) {
    const size = buffer.readUInt32LE(offset + 18);
    const nameLength = buffer.readUInt16LE(offset + 26);
    const name = buffer.subarray(offset + 30, offset + 30 + nameLength).toString('utf8');
    const data = inflateRawSync(buffer.subarray(offset + 30 + nameLength, offset + 30 + nameLength + size));
    expect(crc32(data)).toBe(buffer.readUInt32LE(offset + 14));
    files.set(name, data);
    offset += 30 + nameLength + size;
  }
  return files;
}

describe('Teams app package', () => {
  test('the manifest is valid against the official v1.22 schema: personal and team scopes, commands, Italian default, English file', () => {
    const files = buildPackage(packageSettings(ENV, '0.1.0'));
    expect(() => validatePackage(files)).not.toThrow();
    expect(files.manifest).toMatchObject({
      manifestVersion: '1.22',
      id: ENV.MicrosoftAppId,
      bots: [{ botId: ENV.MicrosoftAppId, scopes: ['personal', 'team'], commandLists: [{ scopes: ['personal'] }, { scopes: ['team'] }] }],
      localizationInfo: { defaultLanguageTag: 'it-it', additionalLanguages: [{ languageTag: 'en-us', file: 'en-us.json' }] },
      validDomains: ['bot.example.org'],
    });
    expect(JSON.stringify(files.manifest)).toContain('collega progetto');
    expect(files.localization['bots[0].commandLists[1].commands[0].title']).toBe('link project');
    expect(pngInfo(files.colorIcon)).toEqual({ width: 192, height: 192, colorType: 6 });
    expect(pngInfo(files.outlineIcon)).toEqual({ width: 32, height: 32, colorType: 6 });
  });

  test('a broken field is named', () => {
    const files = buildPackage(packageSettings(ENV, '0.1.0'));
    const broken = { ...files, manifest: { ...files.manifest, accentColor: 'blue', developer: { name: 'x', websiteUrl: 'ftp://files.example.org', privacyUrl: 'https://a.example.org', termsOfUseUrl: 'https://a.example.org' } } };
    const problems = problemsOf(() => validatePackage(broken));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^manifest\.json: accentColor /), expect.stringMatching(/^manifest\.json: developer\.websiteUrl /)]));
    const { bots: _bots, ...noBotsButId } = files.manifest;
    const missing = problemsOf(() => validatePackage({ ...files, manifest: { ...noBotsButId, id: undefined } }));
    expect(missing.join('\n')).toMatch(/manifest\.json: id is required/);
    const extra = problemsOf(() => validatePackage({ ...files, manifest: { ...files.manifest, colour: '#fff' } }));
    expect(extra.join('\n')).toMatch(/manifest\.json: colour is not allowed/);
  });

  test('settings come from the environment, and a missing or wrong variable is named', () => {
    expect(problemsOf(() => packageSettings({}, '0.1.0'))).toEqual([expect.stringMatching(/^MicrosoftAppId is required/), expect.stringMatching(/^PUBLIC_URL is required/)]);
    expect(problemsOf(() => packageSettings({ MicrosoftAppId: 'not-a-guid', PUBLIC_URL: 'http://x.example.org' }, '0.1.0'))).toEqual([expect.stringMatching(/MicrosoftAppId must be a GUID/), expect.stringMatching(/PUBLIC_URL must start with https/)]);
  });

  test('the zip holds the manifest, the localization and both icons', async () => {
    const dir = await tempDir('teams-pkg-');
    const zipPath = writePackage(packageSettings({ ...ENV, TEAMS_APP_VERSION: '1.2.3' }, '0.1.0'), dir);
    expect(path.basename(zipPath)).toBe('azioni-di-rete-teams-1.2.3.zip');
    const files = unzip(fs.readFileSync(zipPath));
    expect([...files.keys()].sort()).toEqual(['color.png', 'en-us.json', 'manifest.json', 'outline.png']);
    expect(JSON.parse(files.get('manifest.json')?.toString() ?? '{}')).toMatchObject({ version: '1.2.3' });
    expect(pngInfo(files.get('color.png') ?? Buffer.alloc(0)).width).toBe(192);
    // system unzip agrees, when there is one
    try {
      execFileSync('unzip', ['-t', zipPath], { stdio: 'pipe' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    expect(zip([]).length).toBe(22);
  });
});
