import {
  extractFacts,
  limitText,
  loadGazetteer,
  recognizeCrisis,
  recognizePastDate,
  recognizeStatus,
  recognizeYesNo,
  UNDERSTOOD_CHARS,
  type PlaceReading,
} from '../../dialogs/understanding';
import { describesOwnCase } from '../../dialogs/eligibility/trigger';
import { loadMeasureContent } from '../../models/content';
import { createFaqAnswerer } from '../../models/faq';

/**
 * Every recogniser on what understanding reads of a long message (2,000 characters and more): what a worker says
 * first is still understood, and walls of junk of every shape are understood as nothing. How fast lives in
 * `npm run bench` (scripts/bench-longtext.ts); here, what comes back.
 */
const gazetteer = loadGazetteer();
const faq = createFaqAnswerer(loadMeasureContent());
const NOW = new Date('2026-06-15T10:00:00Z');
const JUNK = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(40);

function longer(text: string): string {
  const long = `${text} ${JUNK}`;
  expect(long.length).toBeGreaterThan(UNDERSTOOD_CHARS);
  return long;
}

function comune(reading: PlaceReading): string | undefined {
  return reading.kind === 'found' ? reading.place.comune : undefined;
}

describe('what a worker says first in a long message is understood', () => {
  test('places, as an answer and in passing', () => {
    const text = longer('lavoro a Treviglio.');
    expect(comune(gazetteer.recognizePlace(text, 'it', { context: 'answer' }))).toBe('Treviglio');
    expect(comune(gazetteer.recognizePlace(text, 'it', { context: 'sentence' }))).toBe('Treviglio');
    const typo = gazetteer.recognizePlace(longer('lavoro a Seirate.'), 'it', { context: 'answer' });
    expect(typo.kind === 'ambiguous' ? typo.candidates.map((c) => c.comune) : comune(typo)).toContain('Seriate');
  });

  test('employment status, crisis, yes/no', () => {
    expect(recognizeStatus(longer('sono stato licenziato.'), 'it')).toBe('UNEMPLOYED');
    expect(recognizeCrisis(longer("l'azienda è in cassa integrazione straordinaria."), 'it')).toBe('CIGS');
    expect(recognizeYesNo(`sì, ${'parola '.repeat(300)}`, 'it')).toBe(true);
    expect(recognizeYesNo(`no, ${'parola '.repeat(300)}`, 'it')).toBe(false);
  });

  test('dates', () => {
    expect(recognizePastDate(longer('sono stato licenziato il 12 marzo 2025.'), 'it', NOW)).toEqual({ date: '2025-03-12', granularity: 'day' });
    expect(recognizePastDate(longer("a marzo dell'anno scorso."), 'it', NOW)).toEqual({ date: '2025-03-01', granularity: 'month' });
  });

  test('all facts at once, and whether the message describes the worker', () => {
    const text = longer('Lavoravo a Treviglio, sono stato licenziato il 12 marzo 2025: la ditta è fallita.');
    const facts = extractFacts(text, 'it', NOW, gazetteer);
    expect(comune(facts.place ?? { kind: 'none' })).toBe('Treviglio');
    expect(facts.status).toBe('UNEMPLOYED');
    expect(facts.crisis).toBe('INSOLVENCY');
    expect(facts.leftOn).toEqual({ date: '2025-03-12', granularity: 'day' });
    expect(describesOwnCase(text, 'it', gazetteer)).toBe(true);
  });

  test('a question repeated over 2,000 characters is still answered from the FAQ', () => {
    const single = faq.ask('quanto dura il servizio?', 'it');
    const repeated = faq.ask('quanto dura il servizio? '.repeat(90), 'it');
    expect([single.kind, repeated.kind]).toEqual(['answer', 'answer']);
    const id = (result: typeof single): string | undefined => (result.kind === 'answer' ? result.match.entry.id : undefined);
    expect(id(repeated)).toBe(id(single));
  });
});

describe.each([
  ['letters without spaces', 'a'],
  ['at signs', '@'],
  ['at signs between letters', 'a@'],
  ['dots', 'a.'],
  ['digits without spaces', '1'],
  ['digits with spaces', '1 '],
  ['phone numbers', '333 1234567 '],
  ['emoji', '😀'],
  ['accents and symbols', 'è€ '],
  ['dashes', '-'],
  ['brackets', '(1) '],
  ['negations', 'non '],
])('junk of 2,000+ characters (%s) is understood as nothing', (_name, unit) => {
  const text = unit.repeat(Math.ceil(2500 / unit.length));
  const read = limitText(text).text;

  test('by every recogniser', () => {
    expect(read.length).toBeLessThanOrEqual(UNDERSTOOD_CHARS);
    expect(gazetteer.recognizePlace(read, 'it', { context: 'answer' })).toEqual({ kind: 'none' });
    expect(gazetteer.recognizePlace(read, 'it', { context: 'sentence' })).toEqual({ kind: 'none' });
    expect(recognizeStatus(read, 'it')).toBeUndefined();
    expect(recognizeCrisis(read, 'it')).toBeUndefined();
    expect(recognizeYesNo(read, 'it')).toBeUndefined();
    expect(recognizeYesNo(read, 'en')).toBeUndefined();
    expect(recognizePastDate(read, 'it', NOW)).toBeUndefined();
    expect(extractFacts(read, 'it', NOW, gazetteer)).toEqual({});
    expect(describesOwnCase(read, 'it', gazetteer)).toBe(false);
    expect(faq.ask(read, 'it').kind).toBe('none');
    expect(faq.ask(read, 'en').kind).toBe('none');
  });
});
