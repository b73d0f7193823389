import type { Translate } from '../../models/i18n';
import { formatCalendarDay, formatDate } from '../../models/text/dates';
import { normalizeCommandText, normalizedLabel } from '../commands';
import type { DateReading, PlaceMatch } from '../understanding';
import { ABROAD_CODE } from './answers';

/** Does the text equal one of these button labels (in any language)? Buttons post their label back. */
export function matchesLabel(text: string, translators: Translate[], key: string): boolean {
  return labelMatches(normalizeCommandText(text), translators, key);
}

/** The text (already normalized) is the label of `key` in one of the languages. */
function labelMatches(normalized: string, translators: Translate[], key: string): boolean {
  return translators.some((t) => normalizedLabel(t(key)) === normalized);
}

/** Which of several keyed labels the text equals, if any. */
export function matchLabel<T extends string>(text: string, translators: Translate[], options: Record<T, string>): T | undefined {
  const normalized = normalizeCommandText(text);
  for (const [value, key] of Object.entries(options) as Array<[T, string]>) if (labelMatches(normalized, translators, key)) return value;
  return undefined;
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
