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

class IndexedGazetteer implements Gazetteer {
  private readonly lombardy: Array<{ code: string; name: string }>;

  constructor(private readonly index: PlaceIndex) {
    this.lombardy = [...index.provinces.values()]
      .filter((p) => p.inLombardy)
      .map((p) => ({ code: p.code, name: p.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'it'));
  }

  recognizePlace(text: string, lang: Lang, options?: PlaceOptions): PlaceReading {
    // "в Бергамо", "في ميلانو", "à Côme": names the gazetteer does not index as typed (placeExonyms.ts)
    // an exonym of another language, or a first name ("my colleague Florence") with no place preposition, is no place
    return readPlace(this.index, latinizePlaceNames(withoutUnfitExonyms(text, lang)), lang, options);
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
