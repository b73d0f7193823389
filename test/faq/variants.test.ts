/**
 * Other spellings of words the FAQ does not know (models/faq/variants.ts) and the per-language folds of the analyzer:
 * Arabic clitics and dialect verb prefixes, Ukrainian apostrophes and Russian letters, Gheg participles. Checked
 * through the real catalogue, as the answerer sees a worker's question.
 */
import { loadMeasureContent } from '../../models/content';
import { createFaqAnswerer } from '../../models/faq';
import { TextAnalyzer } from '../../models/faq/analyzer';
import { spellingVariants } from '../../models/faq/variants';
import { withBorrowedItalian } from '../../models/faq/borrowedTerms';

const catalogue = loadMeasureContent();
const answerer = createFaqAnswerer(catalogue);

function termsOf(question: string, locale: 'ar' | 'uk' | 'sq' | 'it' | 'en'): string[] {
  return answerer.explain(question, locale).terms.filter((t) => t.weight > 0).map((t) => t.term);
}

describe('spelling variants', () => {
  test('Arabic: attached prepositions, pronouns and dialect verb prefixes come off', () => {
    expect(spellingVariants('ar', 'فشركه')).toContain('شركه');
    expect(spellingVariants('ar', 'بيشتغل')).toContain('اشتغل');
    expect(spellingVariants('ar', 'ندخل')).toContain('ادخل');
    expect(spellingVariants('ar', 'الشهر')).toContain('شهر');
    // Egyptian future and present drop the first person's alef after their marker
    expect(spellingVariants('ar', 'هدفع')).toContain('ادفع');
  });

  test('Arabic passive prefixes and Ukrainian instrumental plurals and -ати verbs meet the listed forms', () => {
    expect(spellingVariants('ar', 'تسرحت')).toContain('اتسرحت');
    expect(spellingVariants('ar', 'انطردت')).toContain('اتطردت');
    expect(spellingVariants('uk', 'курсами')).toContain('курси');
    expect(spellingVariants('uk', 'навчають')).toContain('навчання');
    expect(termsOf('цікавлюся курсами', 'uk')).toContain('#formazione');
    expect(termsOf('تسرحت من الشركة', 'ar')).toContain('#licenziato');
  });

  test('Arabic dialect negation "ما...ش" / "م...ش" comes off: the word inside is tried', () => {
    expect(spellingVariants('ar', 'ماعنديش')).toContain('عندي');
    expect(spellingVariants('ar', 'مبشتغلش')).toContain('اشتغل');
    expect(spellingVariants('ar', 'كتعاونوش')).toContain('تعاونو');
    // a short word ending in ش is left whole ("فلوش" is not "فلو" + ش... nor is "كاش")
    expect(spellingVariants('ar', 'كاش')).not.toContain('كا');
  });

  test('an Arabic phrase is read with a preposition or conjunction attached to its words ("فشركة أخرى")', () => {
    expect(termsOf('رجعت خدمت فشركة أخرى', 'ar')).toContain('#rioccupato');
    // the same words apart, as before
    expect(termsOf('خدمت في شركة أخرى', 'ar')).toContain('#rioccupato');
  });

  test('Gheg participles get their Tosk endings; other languages have none', () => {
    expect(spellingVariants('sq', 'pagu')).toContain('paguar');
    expect(spellingVariants('sq', 'hy')).toContain('hyj');
    expect(spellingVariants('ro', 'lucru')).toEqual([]);
  });

  test('Italian, Spanish, French and English by ear: single and double consonants, "k" for the hard c, a dropped final e', () => {
    expect(spellingVariants('it', 'falita')).toContain('fallita');
    expect(spellingVariants('it', 'pocco')).toContain('poco');
    expect(spellingVariants('it', 'kosa')).toContain('cosa');
    expect(spellingVariants('fr', 'kelque')).toContain('quelque');
    expect(spellingVariants('en', 'fre')).toContain('free');
    expect(spellingVariants('it', 'dellazienda')).toContain('azienda');
    expect(spellingVariants('fr', 'lentreprise')).toContain('entreprise');
    // short and typed questions reach their entry ("la ditta è fallita", "is it free")
    expect(termsOf('la dita e falita, rientro?', 'it')).toContain('#fallimento');
    expect(termsOf('is it fre?', 'en')).toContain('#costo');
  });

  test('a variant counts only when the FAQ knows it: "فشركة" is the company concept', () => {
    // ("فشركة أخرى" is the phrase "شركة أخرى", another company: see the phrase test below)
    expect(termsOf('فشركة كبيرة', 'ar')).toContain('#azienda');
    // a stopword with an article attached is no evidence either way
    expect(answerer.explain('الشهر', 'ar').terms).toEqual([]);
  });
});

describe('per-language folds', () => {
  const uk = new TextAnalyzer('uk', []);

  test("Ukrainian apostrophes (' ’ ʼ) make one word, not two", () => {
    const forms = ["п'ємонт", 'п’ємонт', 'пʼємонт'].map((w) => uk.terms(w));
    expect(forms[1]).toEqual(forms[0]);
    expect(forms[2]).toEqual(forms[0]);
    expect(forms[0]).toHaveLength(1);
  });

  test('surzhyk: Russian letters and "работа" read as Ukrainian', () => {
    expect(uk.terms('работы')).toEqual(uk.terms('роботи'));
  });

  test('dialect question words read as the standard ones', () => {
    const ar = new TextAnalyzer('ar', []);
    expect(ar.analyze('قداش')).toEqual([{ term: 'كم', kind: 'question' }]);
    expect(uk.analyze('сколько')).toEqual([{ term: 'скільки', kind: 'question' }]);
  });
});

describe('colloquial questions reach their entry', () => {
  test.each([
    ['ar', 'هل في رسوم لازم اسددها عشان اشترك؟', 'cost'],
    ['ar', 'رفدوني من المصنع من شهرين، ينفع ادخل معاكم؟', 'unemployed'],
    ['uk', 'нас відправили на касу інтеграції, але ми ще числимось на фірмі, підходимо?', 'still-employed'],
    ['sq', 'a duhet me pagu gja per kto sherbime?', 'cost'],
  ] as const)('%s %s', (locale, question, id) => {
    const result = answerer.ask(question, locale);
    expect(result.kind === 'answer' ? result.match.entry.id : result.kind).toBe(id);
  });
});

describe('Italian words inside Arabic, Ukrainian and Albanian sentences', () => {
  test.each([
    ['ar', 'انا licenziato من شهرين، ينفع ادخل؟', 'unemployed'],
    ['uk', 'мене licenziato, можна мені взяти участь?', 'unemployed'],
    ['sq', 'a ka ndonje corso di formazione?', 'training'],
  ] as const)('%s %s', (locale, question, id) => {
    const result = answerer.ask(question, locale);
    expect(result.kind === 'answer' ? result.match.entry.id : result.kind).toBe(id);
  });

  test('only the borrowing languages get them, and short Italian words stay out of Albanian', () => {
    const italian = catalogue.synonyms('it');
    expect(withBorrowedItalian('ro', catalogue.synonyms('ro'), italian)).toBe(catalogue.synonyms('ro'));
    const soldi = withBorrowedItalian('sq', catalogue.synonyms('sq'), italian).find((g) => g.concept === 'soldi');
    expect(soldi?.terms).toContain('stipendi');
    expect(soldi?.terms).not.toContain('date');
  });
});
