/**
 * Reading a worker's choices for the campaign's news: provinces (free text through the gazetteer, the province
 * buttons, "tutta la Lombardia"; several at once) and topics (buttons or words; several at once). Pure functions.
 */
import { TOPICS, type Topic } from '../../models/campaign/types';
import type { Language, Translate } from '../../models/i18n';
import { normalizeCommandText } from '../commands';
import { matchesLabel } from '../eligibility/labels';
import type { Gazetteer } from '../understanding';

export interface ProvinceChoice {
  all: boolean;
  codes: string[];
  /** places named outside Lombardy (repeated back) */
  outside: string[];
}

const ALL_LOMBARDY = /^(tutta (la )?lombardia|tutte( le province)?|ovunque|in tutta la regione|tutta la regione|all( of)? lombardy|all( the)? provinces|all|everywhere|the whole region)$/;
const SEPARATORS = /\s*(?:,|;|\/|\+|&|\be\b|\bed\b|\band\b|\boppure\b|\bor\b)\s*/;

export function provinceButton(p: { code: string; name: string }): string {
  return `${p.name} (${p.code})`;
}

export function readProvinces(text: string, language: Language, gazetteer: Gazetteer, translators: Translate[]): ProvinceChoice {
  const normalized = normalizeCommandText(text);
  const choice: ProvinceChoice = { all: false, codes: [], outside: [] };
  if (matchesLabel(text, translators, 'campaign.buttons.allLombardy') || ALL_LOMBARDY.test(normalized)) return { ...choice, all: true };
  const lombardy = gazetteer.lombardyProvinces();
  const codes = new Set<string>();
  const byButton = lombardy.find((p) => normalizeCommandText(provinceButton(p)) === normalized);
  if (byButton) return { ...choice, codes: [byButton.code] };
  const read = (piece: string): boolean => {
    const button = lombardy.find((p) => normalizeCommandText(provinceButton(p)) === normalizeCommandText(piece));
    if (button) {
      codes.add(button.code);
      return true;
    }
    const reading = gazetteer.recognizePlace(piece, language, { context: 'answer' });
    if (reading.kind === 'found') {
      if (reading.place.inLombardy) codes.add(reading.place.provinceCode);
      else choice.outside.push(reading.place.comune ?? reading.place.provinceName);
      return true;
    }
    if (reading.kind === 'ambiguous') {
      const inLombardy = new Set(reading.candidates.filter((c) => c.inLombardy).map((c) => c.provinceCode));
      if (inLombardy.size === 1) {
        codes.add([...inLombardy][0]);
        return true;
      }
    }
    return false;
  };
  const pieces = text.split(SEPARATORS).map((p) => p.trim()).filter(Boolean);
  let missed = 0;
  for (const piece of pieces) if (!read(piece)) missed += 1;
  // "Monza e Brianza": a name with a separator inside it
  if (pieces.length > 1 && missed > 0) read(text);
  return { ...choice, codes: [...codes].sort() };
}

const TOPIC_WORDS: Record<Topic, RegExp> = {
  projects: /\b(progett\w*|project\w*|nuovi progetti|network projects?)\b/,
  sessions: /\b(incontr\w*|session\w*|event\w*|serat\w*|meeting\w*|info ?days?)\b/,
  news: /\b(novita|notizi\w*|news|misura|measure|aggiornament\w*|updates?)\b/,
};
const ALL_TOPICS = /^(tutte|tutti|tutto|tutte quante|entrambi|all|all of them|everything|any|both)$|\b(tutti gli argomenti|all topics)\b/;

/** The topics a message chooses; 'all'; or undefined when it names none. */
export function readTopics(text: string, translators: Translate[]): Topic[] | 'all' | undefined {
  const normalized = normalizeCommandText(text);
  if (matchesLabel(text, translators, 'campaign.buttons.allTopics') || ALL_TOPICS.test(normalized)) return 'all';
  for (const topic of TOPICS) if (matchesLabel(text, translators, `campaign.topic.${topic}`)) return [topic];
  const found = TOPICS.filter((topic) => TOPIC_WORDS[topic].test(normalized));
  return found.length > 0 ? found : undefined;
}
