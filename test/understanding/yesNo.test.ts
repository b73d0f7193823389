import { isOnlyYesNo, recognizeFactualYesNo, recognizeYesNo } from '../../dialogs/understanding';
import type { Lang, YesNoAnswer } from '../../dialogs/understanding';

describe('recognizeYesNo (it)', () => {
  test.each<[string, YesNoAnswer]>([
    ['sì', true],
    ['si', true],
    ['sí', true],
    ['Sì!', true],
    ['SI', true],
    ['certo', true],
    ['Certo!', true],
    ['esatto', true],
    ['va bene', true],
    ['Va benissimo', true],
    ['ok', true],
    ['OK grazie', true],
    ["d'accordo", true],
    ['daccordo', true],
    ['confermo', true],
    ['giusto', true],
    ['assolutamente', true],
    ['certamente', true],
    ['sì certo', true],
    ['sì, grazie', true],
    ['beh sì', true],
    ['direi di sì', true],
    ['credo di sì', true],
    ['è vero', true],
    ['esattamente così', true],
    ['perfetto', true],
    ['sicuramente', true],
    ['ovviamente', true],
    ['sì, ma non so quando', true],
    ['lavoro a Milano, sì', true],
    ['yes', true],
    ['👍', true],
    ['no', false],
    ['No.', false],
    ['no grazie', false],
    ['No, grazie mille', false],
    ['non proprio', false],
    ['assolutamente no', false],
    ['macché', false],
    ['macche', false],
    ['per niente', false],
    ['per nulla', false],
    ['niente affatto', false],
    ['non è vero', false],
    ['non è così', false],
    ['non credo', false],
    ['credo di no', false],
    ['direi di no', false],
    ['certo che no', false],
    ['non ancora', false],
    ['non va bene', false],
    ['non esattamente', false],
    ['mai', false],
    ['nessuna', false],
    ['no no', false],
    ['👎', false],
    ['non so', 'unknown'],
    ['non lo so', 'unknown'],
    ['Non lo so proprio', 'unknown'],
    ['boh', 'unknown'],
    ['bho', 'unknown'],
    ['non saprei', 'unknown'],
    ['forse', 'unknown'],
    ['forse sì', 'unknown'],
    ['non sono sicuro', 'unknown'],
    ['non sono sicura', 'unknown'],
    ['non ne ho idea', 'unknown'],
    ['non ricordo', 'unknown'],
    ['mah', 'unknown'],
    ['chissà', 'unknown'],
    ['no, non lo so', 'unknown'],
    ['dipende', 'unknown'],
  ])('%s -> %s', (text, expected) => {
    expect(recognizeYesNo(text, 'it')).toBe(expected);
  });

  test.each([
    'Milano',
    'vorrei sapere se è vero che posso partecipare al progetto',
    'si tratta di una fabbrica di mobili',
    'si chiama Rossi',
    'quanto dura il percorso?',
    'sono in cassa integrazione',
    '',
    '   ',
    '!!!',
  ])('%s is not a yes/no answer', (text) => {
    expect(recognizeYesNo(text, 'it')).toBeUndefined();
  });
});

describe('recognizeYesNo (en)', () => {
  test.each<[string, YesNoAnswer]>([
    ['yes', true],
    ['Yes please', true],
    ['yeah', true],
    ['yep', true],
    ['sure', true],
    ['of course', true],
    ['absolutely', true],
    ['definitely', true],
    ['correct', true],
    ["that's right", true],
    ['ok', true],
    ['okay', true],
    ['I agree', true],
    ['sì', true],
    ['no', false],
    ['No thanks', false],
    ['nope', false],
    ['nah', false],
    ['not really', false],
    ['of course not', false],
    ['absolutely not', false],
    ['not at all', false],
    ['it is not true', false],
    ["I don't think so", false],
    ['i dont think so', false],
    ['I dont agree', false],
    ['never', false],
    ["don't know", 'unknown'],
    ["I don't know", 'unknown'],
    ['not sure', 'unknown'],
    ["I'm not sure", 'unknown'],
    ['no idea', 'unknown'],
    ['maybe', 'unknown'],
    ['perhaps', 'unknown'],
    ['dunno', 'unknown'],
    ['non lo so', 'unknown'],
  ])('%s -> %s', (text, expected) => {
    expect(recognizeYesNo(text, 'en')).toBe(expected);
  });

  test.each(['I work in Milan', 'right now I work in a factory', 'how long does it last?'])('%s is not a yes/no answer', (text) => {
    expect(recognizeYesNo(text, 'en')).toBeUndefined();
  });
});

describe('recognizeYesNo: intensifiers and idioms', () => {
  test.each<[string, 'it' | 'en', YesNoAnswer]>([
    ['sicuramente no', 'it', false],
    ['sicuramente sì', 'it', true],
    ['proprio no', 'it', false],
    ['nessun problema', 'it', true],
    ['no problem', 'it', true],
    ['altroché', 'it', true],
    ['come no!', 'it', true],
    ['non mi risulta', 'it', false],
    ['mica tanto', 'it', false],
    ['non è esatto', 'it', false],
    ['no problem', 'en', true],
    ['definitely not', 'en', false],
    ['probably not', 'en', false],
    ['I think so', 'en', true],
    ['not really sure', 'en', 'unknown'],
  ])('%s (%s) -> %s', (text, lang, expected) => {
    expect(recognizeYesNo(text, lang)).toBe(expected);
  });
});

describe('recognizeYesNo in the six newer languages', () => {
  test.each<[string, Lang, YesNoAnswer]>([
    ['da, sigur', 'ro', true],
    ['nu, mulțumesc', 'ro', false],
    ['nu știu', 'ro', 'unknown'],
    ['sí, claro', 'es', true],
    ['no, gracias', 'es', false],
    ['no sé', 'es', 'unknown'],
    ['oui bien sûr', 'fr', true],
    ['non merci', 'fr', false],
    ['je ne sais pas', 'fr', 'unknown'],
    ['po, sigurisht', 'sq', true],
    ['jo', 'sq', false],
    ['nuk e di', 'sq', 'unknown'],
    ['так, звісно', 'uk', true],
    ['ні, дякую', 'uk', false],
    ['не знаю', 'uk', 'unknown'],
    ['نعم بالتأكيد', 'ar', true],
    ['لا شكراً', 'ar', false],
    ['لا أعرف', 'ar', 'unknown'],
    ['ok', 'ar', true],
    ['sì', 'ro', true],
  ])('%s [%s] -> %s', (text, lang, expected) => {
    expect(recognizeYesNo(text, lang)).toBe(expected);
  });
});

describe('recognizeYesNo: words whose meaning depends on the dialect, and yes said through a negation', () => {
  // Arabic "ماشي": "OK" in Egyptian, "not" in Moroccan. Alone it is neither (the question is asked again).
  test.each<[string, Lang, YesNoAnswer | undefined]>([
    ['ماشي', 'ar', undefined],
    ['ماشي.', 'ar', undefined],
    ['ماشي، اكيد', 'ar', true],
    ['ماشي، لا شكرا', 'ar', false],
    ['ماشي زوين', 'ar', false],
    ['ماشي مشكل', 'ar', true],
    ['ايه؟', 'ar', undefined],
    ['ايه', 'ar', true],
    ['لا بأس', 'ar', true],
    ['non, pas de souci', 'fr', true],
    ['no, no pasa nada', 'es', true],
    ['nu e nicio problemă', 'ro', true],
    ['nuk ka asnjë problem', 'sq', true],
    ['та нет', 'uk', false],
    ['non mi disturba', 'it', true],
    ["I don't mind at all", 'en', true],
    ['no', 'es', false],
  ])('%s (%s) -> %s', (text, lang, expected) => {
    expect(recognizeYesNo(text, lang)).toBe(expected);
  });
});

describe('recognizeFactualYesNo: acceptance is no answer to a question of fact', () => {
  test.each<[Lang, string]>([
    ['it', 'ok'], ['it', 'va bene'], ['it', "d'accordo"], ['it', 'perfetto, grazie'], ['it', 'nessun problema'], ['it', '👍'],
    ['en', 'ok'], ['en', 'sounds good'], ['en', 'no problem'], ['en', 'alright thanks'],
    ['es', 'vale'], ['es', 'de acuerdo'], ['fr', "d'accord"], ['fr', 'ça marche'], ['ro', 'bine'], ['ro', 'de acord'],
    ['sq', 'në rregull'], ['sq', 'dakord'], ['uk', 'добре'], ['uk', 'гаразд'], ['ar', 'تمام'], ['ar', 'اوكي'],
  ])('%s: "%s" answers nothing (though it accepts an offer)', (lang, text) => {
    expect(recognizeYesNo(text, lang)).toBe(true);
    expect(recognizeFactualYesNo(text, lang)).toBeUndefined();
  });

  test.each<[Lang, string, ReturnType<typeof recognizeFactualYesNo>]>([
    ['it', 'sì', true], ['it', 'ok, sì', true], ['it', 'va bene, certo', true], ['it', 'no', false], ['it', 'non lo so', 'unknown'],
    ['en', 'yes', true], ['en', 'ok yes', true], ['en', 'no', false], ['es', 'sí, claro', true], ['fr', 'oui', true],
    ['ro', 'da', true], ['sq', 'po', true], ['uk', 'так', true], ['ar', 'نعم', true], ['ar', 'لا', false],
  ])('%s: "%s" is %s', (lang, text, expected) => {
    expect(recognizeFactualYesNo(text, lang)).toBe(expected);
  });
});

describe('isOnlyYesNo: a message that is an answer and nothing else', () => {
  test.each<[Lang, string]>([
    ['it', 'sì'], ['it', 'sì?'], ['it', 'ma certo, grazie'], ['it', 'come no!'], ['it', 'perché no'], ['it', 'no grazie'],
    ['en', 'of course'], ['en', 'why not?'], ['en', 'ok thanks'], ['es', 'claro que sí'], ['fr', 'oui, bien sûr'],
    ['ro', 'da, desigur'], ['sq', 'po, patjetër'], ['uk', 'так, звісно'], ['ar', 'نعم اكيد'], ['es', 'ok'],
  ])('%s: "%s"', (lang, text) => {
    expect(isOnlyYesNo(text, lang)).toBe(true);
  });

  // recognizeYesNo reads these short questions as a yes (the impersonal "si", "già" = "already"): the rest asks
  test.each<[Lang, string]>([
    ['it', 'come ci si iscrive?'], ['it', 'si guadagna qualcosa?'], ['it', 'già chiuso tutto?'], ['it', 'quando si inizia?'],
    ['en', 'yes but how long?'], ['it', 'sì, ma quanto costa?'], ['it', 'Treviglio'], ['it', ''],
  ])('%s: "%s" is not', (lang, text) => {
    expect(isOnlyYesNo(text, lang)).toBe(false);
  });
});

describe('to a question of fact, an impersonal "si" or a hope is no yes', () => {
  test.each<[string, Lang]>([
    ['si vedrà più avanti', 'it'],
    ['si spera di no', 'it'],
    ['speravo di no, ma non so', 'it'],
    ['staremo a vedere', 'it'],
    ['I hope not', 'en'],
    ['hopefully not', 'en'],
    ['ojalá que no', 'es'],
    ["j'espère que non", 'fr'],
    ['sper că nu', 'ro'],
    ['shpresoj që jo', 'sq'],
    ['сподіваюся, що ні', 'uk'],
    ['أتمنى لا', 'ar'],
  ])('%s (%s) -> not known yet', (text, lang) => {
    expect(recognizeFactualYesNo(text, lang)).toBe('unknown');
  });

  test.each(['si pensa che chiuderanno', 'si vocifera qualcosa', 'si prevedono tagli'])('«%s» is not a plain yes', (text) => {
    expect(recognizeFactualYesNo(text, 'it')).not.toBe(true);
  });

  test.each(['si', 'sì, purtroppo', 'si, ci sono'])('«%s» is still yes', (text) => {
    expect(recognizeFactualYesNo(text, 'it')).toBe(true);
  });
});

describe('a hope after a yes or no leaves the answer given', () => {
  test.each<[string, Lang, YesNoAnswer]>([
    ['sì purtroppo, speriamo che non chiuda', 'it', true],
    ['sì, spero si risolva presto', 'it', true],
    ['yes, sadly. I hope not for long', 'en', true],
    ['No. Fingers crossed.', 'en', false],
    ['sí, espero que no por mucho tiempo', 'es', true],
    ["oui, j'espère pas pour longtemps", 'fr', true],
    ['da, să sperăm că nu pentru mult timp', 'ro', true],
    ['po, shpresoj që jo për shumë kohë', 'sq', true],
    ['так, сподіваюсь що не надовго', 'uk', true],
    ['نعم، اتمنى ان لا يطول', 'ar', true],
    ['si dovrebbe, una trentina', 'it', true],
  ])('%s (%s) -> %s', (text, lang, expected) => {
    expect(recognizeFactualYesNo(text, lang)).toBe(expected);
  });
});
