import { LOCALES, loadMeasureContent } from '../../models/content';
import type { Locale } from '../../models/content/types';
import { createFaqAnswerer } from '../../models/faq';
import { frameMatches, framesInAnyLanguage, QUESTION_FRAMES, questionFrames } from '../../models/faq/questionFrames';
import { TypoLookup } from '../../models/faq/typos';
import { asksOwnEligibility } from '../../dialogs/eligibility/participation';

const catalogue = loadMeasureContent();
const answerer = createFaqAnswerer(catalogue);

function topId(question: string, locale: (typeof LOCALES)[number]): string {
  const result = answerer.ask(question, locale);
  if (result.kind === 'answer') return result.match.entry.id;
  if (result.kind === 'suggest') return `suggest:${result.matches.map((m) => m.entry.id).join(',')}`;
  return 'none';
}

describe('question frames', () => {
  test('every frame has phrases in every language and names entries of the FAQ', () => {
    const ids = new Set(catalogue.faq('it').map((e) => e.id));
    for (const frame of QUESTION_FRAMES) {
      for (const entry of frame.entries) expect(ids.has(entry)).toBe(true);
      for (const locale of LOCALES) expect(frame.phrases[locale].length).toBeGreaterThan(0);
    }
  });

  test.each([
    ['it', 'ma fino a quando si fa domanda?', 'until-when'],
    ['ro', 'păna când pot depune?', 'until-when'],
    ['fr', "jusqu'à quand c'est ouvert ?", 'until-when'],
    ['uk', 'скільки часу це займає', 'how-long'],
    ['ar', 'كم مدة البرنامج', 'how-long'],
    ['es', '¿Quién paga todo esto?', 'who-pays'],
    ['sq', 'çfarë përfitoj nga kjo?', 'what-do-i-get'],
    ['en', 'where do I go to sign up', 'where-go'],
    ['fr', 'vous avez une adresse mail ?', 'reach'],
    ['ar', 'عمري 58 سنه', 'age'],
    ['es', 'tengo 61 años', 'age'],
    // a phrase that starts with a number ('# years old') is tried at every word, not looked up by its first word
    ['en', 'is it ok for someone 58 years old?', 'age'],
    ['ar', 'هل البرنامج فقط للعمال؟', 'only-for'],
  ] as const)('%s "%s" says %s', (locale, text, frame) => {
    expect(questionFrames(text, locale)).toContain(frame);
  });

  test('one word may stand between two words of a phrase, but not two', () => {
    expect(questionFrames('did it actually work?', 'en')).toContain('did-it-work');
    expect(questionFrames('did it really actually work?', 'en')).not.toContain('did-it-work');
    expect(questionFrames('sa do te zgjase', 'sq')).toContain('how-long');
  });

  test('a message is read for frames in every language (the dialogs do not know its language yet)', () => {
    expect([...framesInAnyLanguage('fino a quando si può fare domanda?')]).toContain('until-when');
    expect([...framesInAnyLanguage('deri kur mund te aplikoj?')]).toContain('until-when');
    expect([...framesInAnyLanguage('posso partecipare?')]).toEqual([]);
  });

  test('a date, a cost or a place asked is no request to check one\'s eligibility; "can I take part?" still is', () => {
    expect(asksOwnEligibility('fino a quando si può fare domanda?')).toBe(false);
    expect(asksOwnEligibility('hasta cuándo puedo apuntarme?')).toBe(false);
    expect(asksOwnEligibility('posso partecipare?')).toBe(true);
    expect(asksOwnEligibility('ho diritto a questo aiuto?')).toBe(true);
  });

  test('the Italian phrases are read in every language (Italian words typed into another language\'s sentence)', () => {
    expect(questionFrames('cual es la scadenza?', 'es')).toContain('until-when');
    expect(topId('pana la ce data e scadenza?', 'ro')).toBe('call-open');
  });

  test('the words that said a frame are reported, folded', () => {
    expect([...frameMatches("jusqu'à quand ?", 'fr').words].sort()).toEqual(['a', 'jusqu', 'quand']);
    expect(questionFrames('parlami della misura', 'it')).toEqual([]);
  });

  test.each([
    ['it', 'ma alla fine a me cosa danno?', 'services-overview'],
    ['en', 'till when can ppl sign up?', 'call-open'],
    ['fr', 'concrètement j’y gagne quoi ?', 'services-overview'],
    ['uk', 'що я конкретно отримаю?', 'services-overview'],
    ['fr', 'vous avez un numéro de tél?', 'contacts'],
    ['ar', 'فين خاصني نمشي باش نسجل؟', 'how-to-join'],
    ['ro', 'cine plateste pentru toate astea?', 'funding'],
    // the frame's own words are explained by an entry of its type, and tell two close entries apart
    ['en', "what's in it for me exactly?", 'services-overview'],
    ['es', 'y yo que gano con esto?', 'services-overview'],
    ['it', 'dove devo andare per segnarmi? in comune?', 'how-to-join'],
    ['fr', 'je touche le chômage naspi, ça compte?', 'income-support'],
    // one's own number or data asked about is no request for the offices' contacts
    ['en', 'who gets my phone number?', 'data-retention'],
    ['uk', 'кому ви дасте мій телефон?', 'data-retention'],
    ['fr', 'à qui vous donnez mon numéro ?', 'data-retention'],
    ['ar', 'لمين رح تعطوا رقمي؟', 'data-retention'],
    ['en', 'give me a phone number', 'contacts'],
  ] as const)('%s "%s" is answered with %s', (locale, question, id) => {
    expect(topId(question, locale)).toBe(id);
  });

  test.each([
    ['es', '¿cuánto dura la pasta cocida en la nevera?'],
    ['en', 'how long does the pasta last in the fridge?'],
    ['it', 'chi paga la cena?'],
    ['fr', 'qui paie le dîner ?'],
    ['it', 'dove posso comprare un telefono nuovo?'],
  ] as const)('a frame beside another subject is no answer: %s "%s"', (locale, question) => {
    expect(answerer.ask(question, locale).kind).not.toBe('answer');
  });
});

describe("a frame's phrase inside a longer phrase of another frame belongs to the longer one", () => {
  test.each([
    ['it', 'dove finisce il mio numero di telefono dopo?', ['my-data']],
    ['ro', 'cine primeste numarul meu de telefon?', ['my-data']],
    ['es', 'qué hacen con mi número de teléfono', ['my-data']],
    ['it', 'mi dite il numero di telefono degli uffici?', ['reach']],
  ])('%s: %p says %p', (locale, text, ids) => {
    expect(questionFrames(text, locale as Locale)).toEqual(ids);
  });
});

describe('character trigrams as a second opinion', () => {
  const lookup = new TypoLookup<string>();
  for (const word of ['curs', 'cursuri', 'durata', 'llogarit']) lookup.add(word, word);

  test('an inflected or misspelt short word finds the known word that begins the same', () => {
    expect(lookup.similar('cursu')?.word).toBe('curs');
    expect(lookup.similar('llogaritet')?.word).toBe('llogarit');
  });

  test('words that only share a few letters, or begin differently, find nothing', () => {
    expect(lookup.similar('cura')).toBeUndefined();
    expect(lookup.similar('ducata')).toBeUndefined();
    expect(lookup.similar('curiosita')).toBeUndefined();
  });

  test('the answerer uses it: "cat dureaza cursu?" is the duration', () => {
    expect(topId('cat dureaza cursu?', 'ro')).toBe('duration');
  });
});

describe('frames for where the money comes from, finding a job, and the other ways when the measure is not for one', () => {
  test.each([
    ['it', 'ma chi ci mette i soldi per tutto questo?', 'funding'],
    ['en', 'who funds this scheme?', 'funding'],
    ['ro', 'de unde vin banii pentru program?', 'funding'],
    ['ar', 'مين بيمول البرنامج ده؟', 'funding'],
    ['sq', 'kush e financon programin?', 'funding'],
    ['es', 'quien financia este programa?', 'funding'],
    ['uk', 'звідки гроші на цю програму?', 'funding'],
    ['fr', 'qui finance ce dispositif ?', 'funding'],
    ['it', 'mi aiutate a trovare un lavoro?', 'job-search-help'],
    ['en', 'can you help me find a job?', 'job-search-help'],
    ['ar', 'ممكن تلاقولي شغل؟', 'job-search-help'],
    ['uk', 'допоможете знайти роботу?', 'job-search-help'],
    ['es', 'en que me ayudan, me consiguen trabajo?', 'job-search-help'],
    ['it', "se non rientro, cos'altro posso fare?", 'elsewhere'],
    ['ro', 'daca nu ma incadrez, ce pot face?', 'elsewhere'],
    ['es', 'y si no cumplo, que otra cosa hay?', 'elsewhere'],
    ['fr', "et si je n'y ai pas droit, je fais quoi ?", 'elsewhere'],
    ['uk', 'якщо я не підходжу, куди ще?', 'elsewhere'],
    // the money into one's own account is the money to the worker
    ['es', 'entonces el dinero no me lo dan a mi?', 'money-to-worker'],
    ['fr', 'l’argent arrive sur mon compte ?', 'money-to-worker'],
    // a cost to oneself, and ways of asking for a number to call
    ['fr', 'ça va me coûter quelque chose ?', 'cost'],
    ['it', 'non ho trovato nessun recapito, come vi contatto?', 'contacts'],
  ] as const)('%s "%s" is answered with %s', (locale, question, id) => {
    expect(topId(question, locale)).toBe(id);
  });

  test.each([
    ['it', 'mi aiutate a trovare un appartamento?'],
    ['fr', "vous pouvez m'aider à trouver un logement ?"],
    ['sq', 'a me ndihmoni te gjej nje banese?'],
    ['it', 'chi finanzia la squadra di calcio del paese?'],
    ['en', 'where does the money for the new stadium come from?'],
    ['ar', 'كم يكلف اشتراك الحافلة؟'],
  ] as const)('the same frames beside another subject are no answer: %s "%s"', (locale, question) => {
    expect(answerer.ask(question, locale).kind).not.toBe('answer');
  });

  test('asking where the money comes from, for a job, or for the other ways is no request to check one\'s eligibility', () => {
    expect(asksOwnEligibility('mi trovate un lavoro?')).toBe(false);
    expect(asksOwnEligibility('quien financia esto?')).toBe(false);
  });
});

describe('what a worker calls the measure when not naming it is no word against the answer', () => {
  test.each([
    ['it', 'ma sta roba quanto dura?', 'duration'],
    ['it', 'fate corsi tipo per il muletto o roba del genere?', 'training'],
    ['uk', 'для кого взагалі ця штука?', 'who-can-join'],
    ['uk', 'а курси якісь є, щоб чомусь навчитися?', 'training'],
    ['en', 'what do i actually get out of this', 'services-overview'],
  ] as const)('%s "%s" is answered with %s', (locale, question, id) => {
    expect(topId(question, locale)).toBe(id);
  });
});

describe('only for some, free for me, did it help, fewer than, the first time', () => {
  test.each([
    ['ro', 'e valabil doar pentru unele meserii?', 'sectors'],
    ['fr', "c'est réservé à certains secteurs ?", 'sectors'],
    ['fr', "c'est gratuit pour moi ?", 'cost'],
    ['es', 'es gratis o hay que pagar algo?', 'cost'],
    ['es', 'somos menos de diez, se puede?', 'min-people'],
    ['it', 'è la prima volta che la fanno?', 'editions'],
    ['ar', 'هل البرنامج نفع بحاجة؟', 'results'],
    // "solo per sapere" (just to know) is no "only for some"
    ['it', 'solo per sapere, quanto dura?', 'duration'],
  ] as const)('%s "%s" is answered with %s', (locale, question, id) => {
    expect(topId(question, locale)).toBe(id);
  });
});

describe('receiving a benefit is the benefit, not money from the measure', () => {
  test.each([
    ['uk', 'я на безробітті і получаю пособіє, мені можна взяти участь?', 'income-support'],
    ['es', 'estoy cobrando la naspi, me puedo meter?', 'income-support'],
    ['it', 'prendo la naspi, posso partecipare?', 'income-support'],
    ['ro', 'primesc naspi, pot participa?', 'income-support'],
    // asking whether the measure pays is still the money question
    ['es', 'me pagan la naspi?', 'money-to-worker'],
  ] as const)('%s "%s" is answered with %s', (locale, question, id) => {
    expect(topId(question, locale)).toBe(id);
  });
});

describe('a story not answered whole that ends with a question of a known kind', () => {
  test.each([
    ['es', 'hola, trabajaba en una fábrica en Monza que cerró y ahora estoy en paro, quería saber si tengo que pagar algo', 'cost'],
    // a message answered whole is kept: its story names the topic a generic question leaves out
    ['ro', 'aș vrea să deschid o afacere, ce îmi oferă măsura?', 'services-self-employment'],
    ['it', 'siamo solo in tre colleghi rimasti a casa, possiamo fare domanda insieme?', 'min-people'],
  ] as const)('%s "%s" is answered with %s', (locale, question, id) => {
    expect(topId(question, locale)).toBe(id);
  });

  // answered whole with an entry of another kind than the one its final question asks (a cost, a length of time):
  // the question decides, not the story's words (its age, the measure's name)
  test.each([
    ['it', 'buongiorno, sono operaio in una cartiera di Varese da vent anni e ne ho 58, il capo dice che chiudiamo a marzo. volevo chiedere se sta cosa di azioni di rete costa qualcosa a noi', 'cost'],
    ['fr', "bonjour, je suis cariste dans un entrepôt près de Lecco depuis 12 ans et on parle de fermeture. c'est payant pour les salariés ?", 'cost'],
  ] as const)('%s "%s" is answered with %s', (locale, question, id) => {
    expect(topId(question, locale)).toBe(id);
  });
});
