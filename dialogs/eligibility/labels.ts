import type { Translate } from '../../models/i18n';
import { formatCalendarDay, formatDate } from '../../models/text/dates';
import { normalizeCommandText, normalizedLabel } from '../commands';
import type { DateReading, PlaceMatch } from '../understanding';
import { ABROAD_CODE } from './answers';

/** Does the text equal one of these button labels (in any language)? Buttons post their label back. */
export function matchesLabel(text: string, translators: Translate[], key: string): boolean {
  return labelForms(translators, key).has(normalizeCommandText(text));
}

/** Which of several keyed labels the text equals, if any (the first of them, in their order, that it equals). */
export function matchLabel<T extends string>(text: string, translators: Translate[], options: Record<T, string>): T | undefined {
  return optionByLabel(translators, options).get(normalizeCommandText(text));
}

/**
 * A key's label in each language, normalized, worked out once per set of translators: a step compares its message
 * with a dozen labels in eight languages, and a label's text does not change while the translators live (their
 * strings are read once, models/i18n.ts). Keyed by the translators themselves, so other strings get other forms.
 */
const labelFormsOf = new WeakMap<Translate[], Map<string, ReadonlySet<string>>>();

function labelForms(translators: Translate[], key: string): ReadonlySet<string> {
  let byKey = labelFormsOf.get(translators);
  if (!byKey) labelFormsOf.set(translators, (byKey = new Map()));
  let forms = byKey.get(key);
  if (!forms) byKey.set(key, (forms = new Set(translators.map((t) => normalizedLabel(t(key))))));
  return forms;
}

/**
 * Each normalized label of a set of options to its option, built once per translators and options: a label two
 * options share goes to the first of them, as trying the options in order would.
 */
const optionTablesOf = new WeakMap<Translate[], WeakMap<object, ReadonlyMap<string, string>>>();

function optionByLabel<T extends string>(translators: Translate[], options: Record<T, string>): ReadonlyMap<string, T> {
  let tables = optionTablesOf.get(translators);
  if (!tables) optionTablesOf.set(translators, (tables = new WeakMap()));
  let table = tables.get(options);
  if (!table) {
    const byLabel = new Map<string, string>();
    for (const [value, key] of Object.entries(options) as Array<[T, string]>) for (const form of labelForms(translators, key)) if (!byLabel.has(form)) byLabel.set(form, value);
    tables.set(options, (table = byLabel));
  }
  return table as ReadonlyMap<string, T>;
}

/** "Treviglio (BG), Lombardia" or "Bergamo (BG), Lombardia": what the bot repeats back so the user can correct it. */
export function placeLabel(place: PlaceMatch): string {
  // abroad ("Estero") has no province or region to show
  if (place.provinceCode === ABROAD_CODE) return place.provinceName;
  return `${place.comune ?? place.provinceName} (${place.provinceCode}), ${place.region}`;
}

/** A candidate as a button: "Castelnuovo Bocca d'Adda (LO)". */
export function candidateLabel(place: PlaceMatch): string {
  if (place.provinceCode === ABROAD_CODE) return place.provinceName;
  return `${place.comune ?? place.provinceName} (${place.provinceCode})`;
}

export function dateLabel(reading: DateReading, language: string): string {
  const [year, month] = reading.date.split('-').map(Number);
  if (reading.granularity === 'year') return String(year);
  if (reading.granularity === 'month') {
    return formatDate(new Date(Date.UTC(year, month - 1, 1)), language, 'monthYear');
  }
  return formatCalendarDay(reading.date, language, 'numericDate');
}
