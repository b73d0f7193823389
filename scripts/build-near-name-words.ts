/**
 * Builds dialogs/understanding/nearNameWords.json: Italian words that the place reader would take for a misspelt
 * comune after "in"/"a" ("in palestra" read as Palestro, "a cesare" as Cesate), found by running the reader itself
 * on every word of the Debian Italian word list (package `witalian`, /usr/share/dict/italian). The reader skips them
 * as typos (exact names are unaffected): a real word is far likelier than a comune missing one letter, and a place
 * read wrongly changes a pre-check's outcome.
 *
 * Run once, by hand, when the comuni or the word list change (`apt-get install witalian`, then
 * `npx tsc -p tsconfig.build.json && node dist/scripts/build-near-name-words.js`). The runtime reads only the JSON.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createGazetteer } from '../dialogs/understanding/gazetteer';
import { normalize } from '../dialogs/understanding/normalize';
import { parseAliasFile, parseComuniCsv } from '../dialogs/understanding/placeData';
import { NEAR_NAME_WORDS } from '../dialogs/understanding/placeWords';
import { projectRoot } from '../models/paths';

const WORD_LIST = '/usr/share/dict/italian';
const OUTPUT = path.join(projectRoot, 'dialogs', 'understanding', 'nearNameWords.json');

function main(): void {
  if (!fs.existsSync(WORD_LIST)) throw new Error(`${WORD_LIST} is missing: apt-get install witalian`);
  const placesDir = path.join(projectRoot, 'content', 'places');
  const comuni = parseComuniCsv(fs.readFileSync(path.join(placesDir, 'comuni-2020.csv'), 'utf8'));
  const aliases = parseAliasFile(fs.readFileSync(path.join(placesDir, 'aliases.json'), 'utf8'));
  // every word tried as the reader reads without the list (the script's own process only)
  NEAR_NAME_WORDS.clear();
  const gazetteer = createGazetteer(comuni, aliases);
  const names = [...comuni.flatMap((c) => [c.name, ...c.name.split('/')]), ...[...aliases.manual, ...aliases.generated].map((a) => a.alias)];
  const exactKeys = new Set(names.map(normalize));
  const words = new Set<string>();
  for (const line of fs.readFileSync(WORD_LIST, 'utf8').split('\n')) {
    const word = normalize(line.trim());
    // one word of letters only, long enough to have a typo budget (typoBudget: five letters or more)
    if (/^[a-z]{5,}$/.test(word)) words.add(word);
  }
  const near: string[] = [];
  for (const word of words) {
    const reading = gazetteer.recognizePlace(`in ${word}`, 'it');
    if (reading.kind !== 'found' && reading.kind !== 'ambiguous') continue;
    // the word is a comune's own name (exact): not a typo, and not this list's business
    if (exactKeys.has(word)) continue;
    near.push(word);
  }
  near.sort();
  fs.writeFileSync(OUTPUT, `${JSON.stringify(near, null, 0).replace(/","/g, '",\n"')}\n`);
  process.stdout.write(`${near.length} words of ${words.size} would be read as a misspelt comune: ${path.relative(projectRoot, OUTPUT)}\n`);
}

main();
