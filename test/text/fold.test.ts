import { foldAccents, foldForComparison, foldLatinAccents } from '../../models/text/fold';

describe('accent fold (the one shared fold)', () => {
  test.each<[string, string, string]>([
    // input, foldAccents (every mark), foldLatinAccents (U+0300-U+036F only)
    ['Sì, è Cantù', 'Si, e Cantu', 'Si, e Cantu'],
    ['PERCHÉ così?', 'PERCHE cosi?', 'PERCHE cosi?'],
    ["L'Aquila, d’Adda", "L'Aquila, d’Adda", "L'Aquila, d’Adda"],
    ['Çelik Ñandú Šťastný Łódź', 'Celik Nandu Stastny Łodz', 'Celik Nandu Stastny Łodz'],
    ['e\u0301 (already decomposed)', 'e (already decomposed)', 'e (already decomposed)'],
    ['❤️ grazie', '❤ grazie', '❤️ grazie'], // U+FE0F variation selector is a mark
    ['1️⃣', '1', '1️⃣'], // keycap: U+FE0F U+20E3
    ['नमस्ते', 'नमसत', 'नमस्ते'], // Devanagari vowel signs and virama are marks
    ['', '', ''],
  ])('%s', (input, all, latin) => {
    expect(foldAccents(input)).toBe(all);
    expect(foldLatinAccents(input)).toBe(latin);
  });

  test('the two agree on text whose only marks are Latin diacritics', () => {
    const italian = 'àèéìíòóùú ÀÈÉÌÒÙ çñ äöü ß œ æ å ø';
    expect(foldLatinAccents(italian)).toBe(foldAccents(italian));
  });

  test.each<[string, string]>([
    ["L'azienda è in CIGS!", 'l azienda e in cigs'],
    ["dell'anno  --  scorso", 'dell anno scorso'],
    ['  Sesto S. Giovanni (MI) ', 'sesto s giovanni mi'],
    ['❤️ 1️⃣', '1'],
    ['?!', ''],
  ])('foldForComparison(%s) -> %s', (input, expected) => {
    expect(foldForComparison(input)).toBe(expected);
  });
});
