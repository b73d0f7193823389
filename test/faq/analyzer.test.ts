import { loadMeasureContent, SynonymGroup } from '../../models/content';
import { foldText, TextAnalyzer } from '../../models/faq';
import { Bm25Index } from '../../models/faq/bm25';
import { isTypoOf, maxEdits, TypoLookup } from '../../models/faq/typos';
import { editDistance as boundedEditDistance } from '../../models/text/editDistance';

const catalogue = loadMeasureContent();
const it = new TextAnalyzer('it', catalogue.synonyms('it'));
const en = new TextAnalyzer('en', catalogue.synonyms('en'));

describe('TextAnalyzer', () => {
  test('folds accents and case and joins thousands separators', () => {
    expect(foldText('Perché CIGS è 2.000 €')).toBe('perche cigs e 2000 €');
    expect(it.terms('1.835 euro')).toEqual(['1835', '#valore']);
    expect(en.terms('EUR 3,860')).toEqual(['#valore', '3860']);
  });

  test.each([
    ['sono cassintegrato', ['#cig']],
    ['sono in cassa integrazione', ['#cig']],
    ['sono in CIGS', ['#cig']],
    ['ho perso il mio lavoro', ['#licenziato']],
    ['mi hanno licenziata', ['#licenziato']],
    ['voglio mettermi in proprio', ['#autoimpresa']],
    ['ho la partita IVA', ['#autonomo']],
    ['qual è la normativa?', ['#normativa']],
    ['sono in cassa integrazzione', ['#cig']],
  ])('Italian synonyms: %s', (text, terms) => {
    expect(it.terms(text)).toEqual(terms);
  });

  test.each([
    ["I'm self-employed", ['#autonomo']],
    ['I want to become self-employed', ['#autoimpresa']],
    ['I was laid off', ['#licenziato']],
    ['I am on furlough', ['#cig']],
    ['can I have a phone number to call?', ['#contatto', '#contatto']],
    ['who can benefit from this?', ['#destinatari']],
  ])('English synonyms: %s', (text, terms) => {
    expect(en.terms(text)).toEqual(terms);
  });

  test('a short stem does not stand for its neighbours ("tempo" is not "tempi")', () => {
    expect(it.terms('che tempo fa')).toEqual(['tempo']);
    expect(it.terms('quanto tempo dura')).toEqual(['#durata', '#durata']);
  });

  test('stopwords go, question words stay as their own kind, number words become digits', () => {
    expect(it.analyze('chi può partecipare con tre aziende?')).toEqual([
      { term: '#destinatari', kind: 'concept' },
      { term: '3', kind: 'number' },
      { term: '#azienda', kind: 'concept' },
    ]);
    expect(it.analyze('come si aderisce?').map((t) => t.kind)).toEqual(['question', 'concept']);
  });

  test('names inside a sentence are flagged, the first word of a sentence is not', () => {
    const terms = it.analyze('Abito a Novara. Lavoro a Magenta');
    expect(terms.filter((t) => t.properNoun === true).map((t) => t.typed)).toEqual(['novara', 'magenta']);
  });

  test('common verbs and everyday words are weak, names of the measure are anchors', () => {
    expect(it.analyze('vengono dati').map((t) => t.kind)).toEqual(['weak', 'weak']);
    expect(it.analyze('qual è il numero di telefono').map((t) => t.kind)).toEqual(['weak']);
    expect(it.analyze('azioni di rete')).toEqual([{ term: '#misura', kind: 'anchor' }]);
    expect(it.terms('in base alla legge')).toEqual(['#normativa']);
  });

  test('a misspelt one-word synonym is recognised, a different word is not', () => {
    expect(it.conceptForTypo('licenziatto')?.term).toBe('#licenziato');
    expect(it.conceptForTypo('disocupato')?.term).toBe('#disoccupato');
    expect(en.conceptForTypo('president')).toBeUndefined();
    expect(it.conceptForTypo('milano')).toBeUndefined();
  });

  test('works without a synonym table', () => {
    const plain = new TextAnalyzer('it', []);
    expect(plain.terms('Sono disoccupato')).toEqual(['disoccup']);
  });

  test('phrases that share stems are told apart by the words typed', () => {
    const groups: SynonymGroup[] = [
      { concept: 'a', terms: ['self-employed'] },
      { concept: 'b', terms: ['self-employment'] },
    ];
    const analyzer = new TextAnalyzer('en', groups);
    expect(analyzer.terms('self-employed')).toEqual(['#a']);
    expect(analyzer.terms('self-employment')).toEqual(['#b']);
  });

  test("an article inside a phrase may be left out, its last word may not (\"firma mea\" is not every \"firma\")", () => {
    const groups: SynonymGroup[] = [
      { concept: 'own', terms: ['firma mea'] },
      { concept: 'firm', terms: ['firma'] },
      { concept: 'lost', terms: ['am pierdut un serviciu'] },
    ];
    const analyzer = new TextAnalyzer('ro', groups);
    expect(analyzer.terms('firma mea')).toEqual(['#own']);
    expect(analyzer.terms('firma are probleme')).toEqual(['#firm', 'problem']);
    expect(analyzer.terms('am pierdut serviciu')).toEqual(['#lost']);
  });

  test.each([
    ['ro', 'firma la care lucram a dat faliment', ['#azienda', '#fallimento']],
    ['ro', 'm-am angajat deja la altă firmă', ['#rioccupato', '#rioccupato']],
    ['es', 'me quedé sin laburo hace un mes', ['#licenziato']],
    ['es', 'ya conseguí otro empleo', ['#rioccupato']],
    ['fr', "j'ai perdu mon taf", ['#licenziato']],
    ['fr', 'je bosse encore, ça va mal dans la boîte', ['#dipendente', '#crisi', '#azienda']],
    // a short word with its article or plural ending: "cursul" is "curs", too short to match by stem
    ['ro', 'cât costă cursul?', ['#costo', '#formazione']],
  ] as const)('colloquial cases in %s: %s', (locale, text, terms) => {
    const analyzer = new TextAnalyzer(locale, catalogue.synonyms(locale));
    expect(analyzer.terms(text)).toEqual(terms);
  });

  test.each([
    ['en', 'I have 20 years, is it ok for me?', true],
    ['en', "im 22 years, can I join?", true],
    ['en', 'I have 20 years of experience in the factory', false],
    ['en', 'I was fired 2 years ago', false],
    ['it', 'ho 20 anni, posso partecipare?', true],
    ['it', 'ho 20 anni di contributi', false],
    ['it', 'sono in cassa da 2 anni', false],
    ['fr', "j'ai 20 ans, c'est possible ?", true],
    ['fr', "j'ai 20 ans d'ancienneté", false],
    ['ar', 'عندي 19 سنة ومعنديش شغل', true],
    ['ar', 'انا 24 عام، ينفع؟', true],
    ['ar', 'عندي 10 سنين في الشركة', false],
    ['ar', 'عندي 3 سنين بشتغل هناك', false],
    ['uk', 'мені 19, я не працюю', true],
    ['uk', 'мені 23 роки, є щось для мене?', true],
    ['uk', 'мені 2 місяці залишилось на касі', false],
    ['uk', 'мені 20 євро не вистачає', false],
  ] as const)('an age said as a count of years is the age topic (%s: %s -> %s)', (locale, text, age) => {
    const analyzer = new TextAnalyzer(locale, catalogue.synonyms(locale));
    expect(analyzer.terms(text).includes('#garanziagiovani')).toBe(age);
  });
});

describe('typos', () => {
  test.each([
    ['kitten', 'sitting', 3, 3],
    ['abcd', 'abdc', 1, 1],
    ['licenziatto', 'licenziato', 1, 1],
    ['abc', 'abc', 0, 0],
    ['abcdef', 'uvwxyz', 2, 3],
  ])('distance(%s, %s) within %i', (a, b, _max, expected) => {
    expect(boundedEditDistance(a, b, Math.max(_max, 0))).toBe(expected);
  });

  test('only long words are corrected, and never in their first two letters', () => {
    expect(maxEdits('casa')).toBe(0);
    expect(maxEdits('licenza')).toBe(1);
    expect(maxEdits('disoccupatto')).toBe(2);
    expect(maxEdits('2000000')).toBe(0);
    expect(isTypoOf('licenziatto', 'licenziato')).toBe(true);
    expect(isTypoOf('president', 'resident')).toBe(false);
    expect(isTypoOf('licenziato', 'licenziato')).toBe(false);
  });

  test('TypoLookup finds the closest word and prefers as told', () => {
    const lookup = new TypoLookup<number>();
    lookup.add('formazione', 1);
    lookup.add('formazioni', 5);
    lookup.add('informazione', 9);
    expect(lookup.closest('formazzione')?.word).toBe('formazione');
    expect(lookup.closest('formaziona', (a, b) => a > b)?.value).toBe(5);
    expect(lookup.closest('nformazione')).toBeUndefined();
  });
});

describe('Bm25Index', () => {
  const index = new Bm25Index(
    [
      { fields: [['cig', 'partecipare']] },
      { fields: [['partecipare']] },
      { fields: [['cig', 'cig', 'durata', 'mesi', 'lunga', 'frase']] },
      { fields: [['risorse']] },
    ],
    [1],
  );

  test('ranks documents matching more terms first, then shorter ones', () => {
    const hits = index.search(
      [
        { term: 'cig', boost: 1 },
        { term: 'partecipare', boost: 1 },
      ],
      10,
    );
    expect(hits[0].doc).toBe(0);
    expect(hits.map((h) => h.doc).sort()).toEqual([0, 1, 2]);
    expect(hits[0].score).toBeGreaterThan(hits[1].score);
    // same terms matched: the shorter document ranks higher
    expect(hits[1].doc).toBe(1);
  });

  test('keeps only the best `limit`, and boosts scale terms', () => {
    expect(index.search([{ term: 'partecipare', boost: 1 }], 1)).toHaveLength(1);
    expect(index.search([{ term: 'nothing', boost: 1 }], 5)).toEqual([]);
    const low = index.search([{ term: 'risorse', boost: 0.5 }], 1)[0].score;
    const high = index.search([{ term: 'risorse', boost: 1 }], 1)[0].score;
    expect(high).toBeCloseTo(2 * low);
  });

  test('searches are independent (scratch state is reset)', () => {
    const first = index.search([{ term: 'cig', boost: 1 }], 10);
    const again = index.search([{ term: 'cig', boost: 1 }], 10);
    expect(again).toEqual(first);
  });
});

describe('a doer is not the activity that shares its stem', () => {
  test.each([
    ['it', 'i lavoratori', 'il lavoro'],
    ['es', 'los trabajadores', 'el trabajo'],
    ['fr', 'les travailleurs', 'le travail'],
  ] as const)('%s: "%s" is the workers, "%s" is not', (locale, workers, work) => {
    const analyzer = new TextAnalyzer(locale, catalogue.synonyms(locale));
    expect(analyzer.terms(workers)).toContain('#lavoratore');
    expect(analyzer.terms(work)).not.toContain('#lavoratore');
  });

  test('inflections of the same doer still match ("lavoratrici" for "lavoratore", "trabajadora")', () => {
    expect(it.terms('le lavoratrici')).toContain('#lavoratore');
    expect(new TextAnalyzer('es', catalogue.synonyms('es')).terms('una trabajadora')).toContain('#lavoratore');
  });
});

describe('an adverb slipped inside a phrase', () => {
  test.each([
    ['it', 'ho già ripreso a lavorare', '#rioccupato'],
    ['ro', 'am deja gasit de lucru', '#rioccupato'],
    ['en', 'I have already found a new job', '#rioccupato'],
  ] as const)('%s "%s" still reads as %s', (locale, text, concept) => {
    expect(new TextAnalyzer(locale, catalogue.synonyms(locale)).terms(text)).toContain(concept);
  });

  test('is never taken off a phrase\'s own words: "lavoro" alone is not "ora lavoro" (working again)', () => {
    expect(it.terms('cerco lavoro')).not.toContain('#rioccupato');
    expect(it.terms('il lavoro')).not.toContain('#rioccupato');
  });
});
