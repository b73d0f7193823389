/**
 * Builds content/places/aliases.json ("generated" section) from the npm package `italia` (ISC), whose comuni.csv is
 * the 2011 list of comuni: names that were comuni in 2011 but are not in the 2020 ISTAT list are former comuni,
 * merged into or renamed as a comune of 2020. People still say them ("lavoro a Brembilla").
 *
 * Run once, by hand, when the lists change: `npx tsc -p tsconfig.build.json && node dist/scripts/build-place-aliases.js`.
 * `italia` is a devDependency: the runtime reads only content/places/*. The "manual" section of the file is kept as is.
 *
 * How the comune that took a former name is found, most reliable first:
 *  1. same ISTAT code in 2020 under another name: a renaming ("Godiasco" -> "Godiasco Salice Terme");
 *  2. exactly one comune of the same province, born or renamed after 2011, whose name contains a distinctive word of
 *     the old name ("Zelo Surrigone" -> "Vermezzo con Zelo");
 *  3. otherwise the province only, which is what eligibility needs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalize } from '../dialogs/understanding/normalize';
import { parseAliasFile, parseComuniCsv, type AliasEntry, type AliasFile, type ComuneRow } from '../dialogs/understanding/placeData';
import { projectRoot } from '../models/paths';

interface OldComune {
  istat: string;
  name: string;
  province: string;
  population: number;
}

/** Words too common in comune names to identify the one that absorbed another. */
const GENERIC_WORDS = new Set([
  'san', 'santa', 'santo', 'sant', 'val', 'valle', 'monte', 'terme', 'con', 'del', 'della', 'dei', 'delle', 'di', 'd',
  'e', 'ed', 'sul', 'sulla', 'al', 'alla', 'in', 'de', 'lago', 'maggiore', 'superiore', 'inferiore', 'po', 'garda',
  'borgo', 'villa', 'castel', 'castello', 'ca', 'le', 'la', 'il', 'lo', 'i', 'gli', 'sopra', 'sotto', 'uniti', 'nuovo',
  'nuova', 'vecchio', 'marina', 'ponte', 'porto', 'riva', 'torre', 'pieve', 'colle', 'monti', 'alto', 'alta', 'basso',
]);

function keysOf(name: string): string[] {
  const parts = name.split('/').map(normalize);
  return [normalize(name), ...parts].filter((k, i, all) => k && all.indexOf(k) === i);
}

function distinctiveWords(name: string): string[] {
  return normalize(name)
    .split(' ')
    .filter((w) => w.length >= 4 && !GENERIC_WORDS.has(w));
}

/**
 * "Vermezzo con Zelo" contains "zelo"; a fused word contains it only next to a generic word ("Borgocarbonara" holds
 * "carbonara" after "borgo"), so "Bondone" does not contain "bondo" and "Civezzano" does not contain "vezzano".
 */
function containsWord(name: string, word: string): boolean {
  return normalize(name)
    .split(' ')
    .some((t) => t === word || (t.includes(word) && GENERIC_WORDS.has(t.replace(word, ''))));
}

function readOldList(file: string): OldComune[] {
  // the package ships Latin-1 with CRLF; columns Istat;Comune;Provincia;Regione;Prefisso;CAP;CodFisco;Abitanti;Link
  const lines = fs.readFileSync(file, 'latin1').split(/\r?\n/).slice(1);
  return lines
    .map((l) => l.split(';'))
    .filter((c) => c.length >= 8 && c[0] && c[1])
    .map((c) => ({ istat: c[0], name: c[1], province: c[2], population: Number(c[7]) || 0 }));
}

/** Old province code -> 2020 code (Sardinia's provinces were redrawn in 2016): the majority of surviving comuni. */
function mapProvinces(old: OldComune[], now: ComuneRow[]): Map<string, string> {
  const byCode = new Map(now.map((c) => [c.istat, c]));
  const byName = new Map<string, ComuneRow[]>();
  for (const c of now) for (const k of keysOf(c.name)) byName.set(k, [...(byName.get(k) ?? []), c]);
  const votes = new Map<string, Map<string, number>>();
  for (const o of old) {
    const same = byCode.get(o.istat) ?? (byName.get(normalize(o.name)) ?? []).find((c) => c.provinceCode === o.province) ?? (byName.get(normalize(o.name)) ?? [])[0];
    if (!same) continue;
    const v = votes.get(o.province) ?? new Map<string, number>();
    v.set(same.provinceCode, (v.get(same.provinceCode) ?? 0) + 1);
    votes.set(o.province, v);
  }
  const map = new Map<string, string>();
  for (const [oldCode, v] of votes) map.set(oldCode, [...v.entries()].sort((a, b) => b[1] - a[1])[0][0]);
  return map;
}

export function buildGenerated(old: OldComune[], now: ComuneRow[]): AliasEntry[] {
  const provinceMap = mapProvinces(old, now);
  const regionOf = new Map(now.map((c) => [c.provinceCode, c.region]));
  const byCode = new Map(now.map((c) => [c.istat, c]));
  const oldCodes = new Set(old.map((o) => o.istat));
  const oldNames = new Set(old.map((o) => normalize(o.name)));
  const nowKeys = new Map<string, ComuneRow[]>();
  for (const c of now) for (const k of keysOf(c.name)) nowKeys.set(k, [...(nowKeys.get(k) ?? []), c]);
  // comuni born (new code) or renamed since 2011: the likely absorbers of a merger
  const changed = new Set(now.filter((c) => !oldCodes.has(c.istat) || !oldNames.has(normalize(c.name))).map((c) => c.istat));

  const out: AliasEntry[] = [];
  for (const o of old) {
    const province = provinceMap.get(o.province) ?? o.province;
    const region = regionOf.get(province);
    if (!region) continue;
    const key = normalize(o.name);
    // still a comune (possibly in a redrawn province of the same region): not an alias
    if ((nowKeys.get(key) ?? []).some((c) => c.region === region)) continue;

    const renamed = byCode.get(o.istat);
    let absorber: ComuneRow | undefined;
    let basis = 'province';
    if (renamed && renamed.region === region) {
      absorber = renamed;
      basis = 'renamed (same ISTAT code)';
    } else {
      const words = distinctiveWords(o.name);
      // only comuni born or renamed since 2011 can have taken the name: "Pesaro" did not absorb "Orciano di Pesaro"
      const candidates = now.filter((c) => c.provinceCode === province && changed.has(c.istat) && words.some((w) => containsWord(c.name, w)));
      if (candidates.length === 1) {
        absorber = candidates[0];
        basis = 'name contained in the 2020 comune';
      }
    }
    out.push({
      alias: o.name,
      province: absorber ? absorber.provinceCode : province,
      ...(absorber ? { comune: absorber.name } : {}),
      population: o.population,
      basis,
    });
  }
  return out.sort((a, b) => a.province.localeCompare(b.province) || a.alias.localeCompare(b.alias));
}

function main(): void {
  const placesDir = path.join(projectRoot, 'content', 'places');
  const italiaCsv = path.join(projectRoot, 'node_modules', 'italia', 'comuni.csv');
  const aliasesPath = path.join(placesDir, 'aliases.json');
  const now = parseComuniCsv(fs.readFileSync(path.join(placesDir, 'comuni-2020.csv'), 'utf8'));
  const old = readOldList(italiaCsv);
  const existing: AliasFile = fs.existsSync(aliasesPath) ? parseAliasFile(fs.readFileSync(aliasesPath, 'utf8')) : { manual: [], generated: [] };
  const file: AliasFile = {
    _about:
      'Alternative place names. "manual": staff-editable (English names, abbreviations, areas, mergers after 2020, ' +
      'corrections); an entry without "comune" points at the whole province; "override": true makes the alias win over ' +
      'a comune of the same name. "generated": former comuni of 2011 (npm package italia, ISC) absent from the 2020 ISTAT ' +
      'list, mapped to the comune that took them or to their province; rebuilt by scripts/build-place-aliases.ts, do not edit.',
    manual: existing.manual,
    generated: buildGenerated(old, now),
  };
  fs.writeFileSync(aliasesPath, `${JSON.stringify(file, null, 2)}\n`);
  const resolved = file.generated.filter((g) => g.comune).length;
  process.stdout.write(`aliases.json: ${file.manual.length} manual, ${file.generated.length} generated (${resolved} to a comune)\n`);
}

if (require.main === module) main();
