/**
 * The gazetteer: Italian comuni (ISTAT 2020), provinces and alternative names, loaded once from content/places/.
 * The data is immutable, so one module-level copy serves every conversation.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contentDir } from '../../models/paths';
import { exonymAliases, latinizePlaceNames, withoutUnfitExonyms } from './placeExonyms';
import { parseAliasFile, parseComuniCsv, type AliasFile, type ComuneRow } from './placeData';
import { buildPlaceIndex, type PlaceIndex } from './placeIndex';
import { readPlace } from './places';
import type { Gazetteer, Lang, PlaceOptions, PlaceReading, Province } from './types';

export const placesDir = path.join(contentDir, 'places');

/**
 * Readings remembered: one message is read for a place several times in a turn, in the same way (whether it tells
 * the worker's own case, the province of the info sessions asked for, the facts a pre-check starts from), and a
 * reading costs about 0.15 ms. Only the last few messages: this is for the turn, not a cache of what workers wrote.
 */
const RECENT_READINGS = 16;

/** A copy the caller may keep and change without changing the remembered reading. */
function copyOf(reading: PlaceReading): PlaceReading {
  if (reading.kind === 'found') return { ...reading, place: { ...reading.place } };
  if (reading.kind === 'ambiguous') return { ...reading, candidates: reading.candidates.map((c) => ({ ...c })) };
  return { ...reading };
}

class IndexedGazetteer implements Gazetteer {
  private readonly lombardy: Array<{ code: string; name: string }>;
  private readonly recent = new Map<string, PlaceReading>();

  constructor(private readonly index: PlaceIndex) {
    this.lombardy = [...index.provinces.values()]
      .filter((p) => p.inLombardy)
      .map((p) => ({ code: p.code, name: p.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'it'));
  }

  recognizePlace(text: string, lang: Lang, options?: PlaceOptions): PlaceReading {
    const key = `${lang}\u0000${JSON.stringify(options ?? {})}\u0000${text}`;
    let reading = this.recent.get(key);
    if (reading === undefined) {
      // "в Бергамо", "في ميلانو", "à Côme": names the gazetteer does not index as typed (placeExonyms.ts)
      // an exonym of another language, or a first name ("my colleague Florence") with no place preposition, is no place
      reading = readPlace(this.index, latinizePlaceNames(withoutUnfitExonyms(text, lang)), lang, options);
      if (this.recent.size >= RECENT_READINGS) this.recent.delete(this.recent.keys().next().value as string);
      this.recent.set(key, reading);
    }
    return copyOf(reading);
  }

  provinceByCode(code: string): Province | undefined {
    const p = this.index.provinces.get(code.trim().toUpperCase());
    return p ? { ...p } : undefined;
  }

  lombardyProvinces(): Array<{ code: string; name: string }> {
    return this.lombardy.map((p) => ({ ...p }));
  }
}

/** A gazetteer over given data (tests use small lists). */
export function createGazetteer(comuni: readonly ComuneRow[], aliases: AliasFile = { manual: [], generated: [] }): Gazetteer {
  return new IndexedGazetteer(buildPlaceIndex(comuni, aliases));
}

let cached: Gazetteer | undefined;

/** The project's gazetteer; throws with a clear message if content/places/ is missing or malformed. */
export function loadGazetteer(): Gazetteer {
  if (!cached) {
    const comuni = parseComuniCsv(fs.readFileSync(path.join(placesDir, 'comuni-2020.csv'), 'utf8'));
    const aliases = parseAliasFile(fs.readFileSync(path.join(placesDir, 'aliases.json'), 'utf8'));
    // the newer languages' Latin-script names of the main cities ("Bergame", "Plaisance", "Milán"), beside the staff's
    cached = createGazetteer(comuni, { ...aliases, manual: [...aliases.manual, ...exonymAliases()] });
  }
  return cached;
}
