/** Sectors from what people type, nouns as well as adjectives ("siderurgia" as well as "siderurgico"), it and en. */
import { sectorFromText } from '../../models/sectors';

test.each([
  ['siderurgia', 'metalmeccanico'],
  ['siderurgico', 'metalmeccanico'],
  ["un'acciaieria", 'metalmeccanico'],
  ['metallurgia', 'metalmeccanico'],
  ['lavoravo in fonderia', 'metalmeccanico'],
  ['steelworks', 'metalmeccanico'],
  ['tessitura', 'tessile'],
  ['una filatura di cotone', 'tessile'],
  ['cartiera', 'carta-grafica'],
  ['settore alberghiero', 'turismo'],
  ['logistica e magazzino', 'logistica'],
  ['chimica', 'chimico'],
  ['food industry', 'alimentare'],
])('%s -> %s', (text, sector) => {
  expect(sectorFromText(text)).toBe(sector);
});

test('a word of no sector gives none', () => {
  expect(sectorFromText('non saprei')).toBeUndefined();
});
