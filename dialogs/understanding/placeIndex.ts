/**
 * The gazetteer's lookup tables, built once from the comuni list and the alias file. Every name is reachable by
 * several keys so the matcher tolerates how people type: exact ("sesto san giovanni"), fused ("castelgoffredo" for
 * Castel Goffredo), with saints abbreviated ("s giuliano milanese"), by the first words ("castelnuovo" -> every
 * Castelnuovo ...), and by first letter for typo search.
 */
import { letterSet } from './editDistance';
import { normalize } from './normalize';
import type { AliasEntry, AliasFile, ComuneRow } from './placeData';
import { SAINT_FORMS } from './placeWords';
import type { PlaceMatch, Province } from './types';

export interface Target {
  place: PlaceMatch;
  /** for ranking readings of a shared name: biggest first */
  population: number;
  /** an alias that wins over a comune of the same name ("bergamasco" is the Bergamo area) */
  override: boolean;
  /** the name of a province ("Varese" the province), used only when the user says "provincia di ..." */
  provinceName: boolean;
}

/** A name key for the typo search, with its letter set (editDistance.ts) to rule most names out cheaply. */
export interface ShapedKey {
  key: string;
  letters: number;
}

export interface NameRecord {
  tokens: string[];
  targets: Target[];
}

export interface PlaceIndex {
  exact: Map<string, Target[]>;
  compact: Map<string, Target[]>;
  saint: Map<string, Target[]>;
  /** proper word-prefixes of comune names: "cassano" -> Cassano d'Adda, Cassano Magnago ... */
  prefix: Map<string, Target[]>;
  /** multi-word comune names by (saint-folded) first word, for abbreviations such as "Cologno M." */
  byFirstToken: Map<string, NameRecord[]>;
  /** every key by its first letter and length ("s|18"), so the typo search compares only names of similar length */
  keysByShape: Map<string, ShapedKey[]>;
  provinces: Map<string, Province>;
  /** lowercase province codes (sigle) that the user may type: "mi", "bg" */
  sigle: Set<string>;
}

/** Province code for places abroad, as ISTAT uses it: Swiss towns where cross-border workers go. */
export const ABROAD: Province = { code: 'EE', name: 'Estero', region: 'Estero', inLombardy: false };

const LOMBARDY = 'Lombardia';

export function saintKey(tokens: readonly string[]): string {
  return tokens.map((t) => (SAINT_FORMS.has(t) ? 's' : t)).join(' ');
}

export function compactKey(key: string): string {
  return key.replace(/ /g, '');
}

/** Appends without checking for duplicates (readers dedupe): an includes() here made loading quadratic. */
function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function provinceMatch(p: Province): PlaceMatch {
  return { provinceCode: p.code, provinceName: p.name, region: p.region, inLombardy: p.inLombardy };
}

export function buildPlaceIndex(comuni: readonly ComuneRow[], aliases: AliasFile): PlaceIndex {
  const index: PlaceIndex = {
    exact: new Map(),
    compact: new Map(),
    saint: new Map(),
    prefix: new Map(),
    byFirstToken: new Map(),
    keysByShape: new Map(),
    provinces: new Map([[ABROAD.code, ABROAD]]),
    sigle: new Set(),
  };
  const provincePopulation = new Map<string, number>();
  const comuneTargets = new Map<string, Target>(); // "MI|milano" -> target
  const allKeys = new Set<string>();

  for (const c of comuni) {
    if (!index.provinces.has(c.provinceCode)) {
      index.provinces.set(c.provinceCode, { code: c.provinceCode, name: c.provinceName, region: c.region, inLombardy: c.region === LOMBARDY });
      index.sigle.add(c.provinceCode.toLowerCase());
    }
    provincePopulation.set(c.provinceCode, (provincePopulation.get(c.provinceCode) ?? 0) + c.population);
  }

  /** `asPrefix`: whether the name's first words lead to it ("Castiglione" -> Castiglione Olona); only for real comune
   * names, so that asking "which Castiglione?" never offers the comune that absorbed a former Castiglione. */
  const addName = (name: string, target: Target, asPrefix = true): void => {
    // bilingual names ("Bolzano/Bozen") are reachable by each part
    const keys = [name, ...(name.includes('/') ? name.split('/') : [])].map(normalize).filter((k) => k.length > 0);
    for (const key of new Set(keys)) {
      const tokens = key.split(' ');
      push(index.exact, key, target);
      // the other keys only where they differ from the exact one (a lookup tries the exact key too)
      if (tokens.length > 1) push(index.compact, compactKey(key), target);
      const hasSaint = tokens.some((t) => SAINT_FORMS.has(t));
      if (hasSaint) push(index.saint, saintKey(tokens), target);
      allKeys.add(key);
      if (asPrefix && target.place.comune !== undefined && tokens.length > 1) {
        let start = '';
        let foldedStart = '';
        for (let n = 0; n < tokens.length - 1; n++) {
          start = n === 0 ? tokens[0] : `${start} ${tokens[n]}`;
          push(index.prefix, start, target);
          if (hasSaint) {
            const t = SAINT_FORMS.has(tokens[n]) ? 's' : tokens[n];
            foldedStart = n === 0 ? t : `${foldedStart} ${t}`;
            if (foldedStart !== start) push(index.prefix, foldedStart, target);
          }
        }
        push(index.byFirstToken, saintKey(tokens.slice(0, 1)), { tokens, targets: [target] });
      }
    }
  };

  for (const c of comuni) {
    const province = index.provinces.get(c.provinceCode);
    if (!province) continue;
    const target: Target = { place: { comune: c.name, ...provinceMatch(province) }, population: c.population, override: false, provinceName: false };
    comuneTargets.set(`${c.provinceCode}|${normalize(c.name)}`, target);
    addName(c.name, target);
  }
  for (const p of index.provinces.values()) {
    if (p === ABROAD) continue;
    addName(p.name, { place: provinceMatch(p), population: provincePopulation.get(p.code) ?? 0, override: false, provinceName: true });
  }

  // a manual alias replaces a generated one of the same name (staff corrections win)
  const manualKeys = new Set(aliases.manual.map((a) => normalize(a.alias)));
  const all: AliasEntry[] = [...aliases.manual, ...aliases.generated.filter((g) => !manualKeys.has(normalize(g.alias)))];
  for (const a of all) {
    const province = index.provinces.get(a.province);
    if (!province) throw new Error(`aliases.json: "${a.alias}" names an unknown province "${a.province}"`);
    if (a.comune !== undefined) {
      const comune = comuneTargets.get(`${a.province}|${normalize(a.comune)}`);
      if (!comune) throw new Error(`aliases.json: "${a.alias}" points at "${a.comune}", which is not a comune of ${a.province}`);
      addName(a.alias, { place: comune.place, population: a.population || comune.population, override: a.override === true, provinceName: false }, false);
    } else {
      addName(a.alias, { place: provinceMatch(province), population: a.population || (provincePopulation.get(a.province) ?? 0), override: a.override === true, provinceName: false });
    }
  }
  for (const key of allKeys) push(index.keysByShape, shapeOf(key, key.length), { key, letters: letterSet(key) });
  return index;
}

/** Bucket of the typo search: first letter and length. */
export function shapeOf(key: string, length: number): string {
  return `${key[0]}|${length}`;
}
