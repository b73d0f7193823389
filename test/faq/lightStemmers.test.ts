/**
 * The light stemmers of the languages Snowball serves badly or not at all (models/faq/lightStemmers.ts): inflected
 * forms of a word meet, different words stay apart. Words are folded first, as the analyzer folds them.
 */
import { albanianLightStem, arabicLightStem, ukrainianLightStem } from '../../models/faq/lightStemmers';
import { foldText } from '../../models/faq/analyzer';

const fold = (word: string): string => foldText(word.normalize('NFD'));

describe.each([
  [
    'Arabic',
    arabicLightStem,
    [
      ['الخدمة', 'الخدمات', 'والخدمات', 'خدمة'],
      ['التدريب', 'بالتدريب', 'تدريب'],
      ['الشركة', 'شركات', 'الشركه'],
    ],
    [['فلوس', 'لوس']],
  ],
  [
    'Ukrainian',
    ukrainianLightStem,
    [
      ['роботу', 'роботи', 'робота'],
      ['працівників', 'працівники', 'працівник'],
      ['програма', 'програми', 'програмою', 'програмі'],
      ['гроші', 'грошей'],
      ['звільнили', 'звільнило', 'звільнила', 'звільнив'],
      // the synthetic future meets the infinitive
      ['платити', 'платитимуть', 'платитиме'],
      ['тривати', 'триватиме', 'триватимуть'],
      // the present's third person singular meets the plural
      ['допомагає', 'допомагають'],
      ['триває', 'тривають'],
    ],
    [['роботу', 'роботодавець'], ['коштуватиме', 'кошти']],
  ],
  [
    'Albanian',
    albanianLightStem,
    [
      ['punëtorët', 'punëtorit', 'punëtor', 'punëtorëve'],
      ['projekti', 'projektet', 'projekt'],
    ],
    [['punë', 'punëtor']],
  ],
] as const)('%s light stemming', (_language, stem, same, apart) => {
  test.each(same.map((words) => [words.join(', '), words] as const))('one stem: %s', (_label, words) => {
    const stems = new Set(words.map((w) => stem(fold(w))));
    expect(stems.size).toBe(1);
  });

  test.each(apart.map((words) => [words.join(' / '), words] as const))('different words stay apart: %s', (_label, words) => {
    expect(stem(fold(words[0]))).not.toBe(stem(fold(words[1])));
  });
});

test('a word is never stemmed to nothing', () => {
  for (const word of ['و', 'ال', 'і', 'ти', 'e', 'të']) {
    expect(arabicLightStem(fold(word)).length).toBeGreaterThan(0);
    expect(ukrainianLightStem(fold(word)).length).toBeGreaterThan(0);
    expect(albanianLightStem(fold(word)).length).toBeGreaterThan(0);
  }
});
