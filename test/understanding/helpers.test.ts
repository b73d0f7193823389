import { findCues, anyOf } from '../../dialogs/understanding/cues';
import { typoBudget } from '../../dialogs/understanding/editDistance';
import { editDistance as boundedEditDistance } from '../../models/text/editDistance';
import { clauses, foldAccents, normalize, tokenize } from '../../dialogs/understanding/normalize';

describe('normalize', () => {
  test.each<[string, string]>([
    ["L'azienda è in CIGS!", 'l azienda e in cigs'],
    ['Sì, certo', 'si certo'],
    ['  Cantù   (CO) ', 'cantu co'],
    ["Sant’Angelo Lodigiano", 'sant angelo lodigiano'],
    ['Südtirol', 'sudtirol'],
    ['👍 ok', 'ok'],
    ['', ''],
  ])('%s -> %s', (text, expected) => {
    expect(normalize(text)).toBe(expected);
  });

  test('foldAccents keeps case and punctuation', () => {
    expect(foldAccents('Perché È così?')).toBe('Perche E cosi?');
  });

  test('tokenize keeps the spelling and the position of each word', () => {
    expect(tokenize("Sesto S. Giovanni (MI)")).toEqual([
      { raw: 'Sesto', norm: 'sesto', start: 0, end: 5 },
      { raw: 'S', norm: 's', start: 6, end: 7 },
      { raw: 'Giovanni', norm: 'giovanni', start: 9, end: 17 },
      { raw: 'MI', norm: 'mi', start: 19, end: 21 },
    ]);
  });

  test('clauses split on punctuation and on "ma" / "but"', () => {
    expect(clauses('non sono più in cassa, sono stato licenziato')).toEqual(['non sono piu in cassa', 'sono stato licenziato']);
    expect(clauses("I'm still employed but the company is closing")).toEqual(['i m still employed', 'the company is closing']);
  });
});

describe('boundedEditDistance', () => {
  test.each<[string, string, number, number]>([
    ['seriate', 'seriate', 1, 0],
    ['seirate', 'seriate', 1, 1],
    ['sesto san giovani', 'sesto san giovanni', 2, 1],
    ['bergammo', 'bergamo', 1, 1],
    ['milano', 'torino', 2, 3],
    ['a', 'abcdef', 2, 3],
  ])('%s / %s (max %d) -> %d', (a, b, max, expected) => {
    expect(boundedEditDistance(a, b, max)).toBe(expected);
  });

  test('typo budget grows with length, none for short words', () => {
    expect([3, 4, 5, 8, 9, 17].map(typoBudget)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe('findCues', () => {
  const cues = [
    { value: 'A', re: anyOf('in cassa\\b') },
    { value: 'B', re: anyOf('licenziat[oa]\\b') },
  ];

  test('negation reaches a few words back, within the clause', () => {
    const [hit] = findCues('non sono più in cassa', cues);
    expect(hit).toMatchObject({ value: 'A', negated: true });
    const hits = findCues('non sono più in cassa, sono stato licenziato', cues);
    expect(hits.map((h) => [h.value, h.negated])).toEqual([
      ['A', true],
      ['B', false],
    ]);
  });

  test('"e" ends the reach of a negation; "non solo" affirms', () => {
    expect(findCues("l'azienda non paga e sono in cassa", cues)[0].negated).toBe(false);
    expect(findCues('non solo in cassa', cues)[0].negated).toBe(false);
  });

  test('uncertainty and the present are marked', () => {
    expect(findCues('non so se mi metteranno in cassa', cues)[0].uncertain).toBe(true);
    expect(findCues('ora sono in cassa', cues)[0].current).toBe(true);
  });

  test('an earlier cue consumes its words', () => {
    const ordered = [{ value: 'RISK', re: anyOf('per essere licenziato') }, ...cues];
    expect(findCues('sto per essere licenziato', ordered).map((h) => h.value)).toEqual(['RISK']);
  });
});
