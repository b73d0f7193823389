/**
 * Arabizi (Arabic in Latin letters with digits) read as Arabic script (models/faq/arabizi.ts), through the real
 * catalogue as the answerer sees an Arabic conversation's question.
 */
import { loadMeasureContent } from '../../models/content';
import { createFaqAnswerer } from '../../models/faq';
import { arabiziToArabic } from '../../models/faq/arabizi';

const answerer = createFaqAnswerer(loadMeasureContent());

describe('Arabizi', () => {
  test('its frequent words take their Arabic spelling; other Latin words (Italian ones too) stay as typed', () => {
    expect(arabiziToArabic('wach n9der nchark?')).toBe('واش نقدر نشارك?');
    expect(arabiziToArabic('ana f cassa integrazione')).toBe('انا f cassa integrazione');
    expect(arabiziToArabic('Chno hiya had lbarnamaj')).toBe('شنو هي هاد البرنامج');
    // numbers are not words
    expect(arabiziToArabic('3 mois 2000')).toBe('3 mois 2000');
  });

  test('a question in Arabizi reaches its entry in an Arabic conversation', () => {
    const result = answerer.ask('wach khassni nkhalss chi haja?', 'ar');
    expect(result.kind === 'answer' ? result.match.entry.id : result.kind).toBe('cost');
  });

  test('Arabizi is read only in Arabic: an Italian question keeps its words', () => {
    const result = answerer.ask('chi può partecipare?', 'it');
    expect(result.kind === 'answer' ? result.match.entry.id : result.kind).toBe('who-can-join');
  });
});
