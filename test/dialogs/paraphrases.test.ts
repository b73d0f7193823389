/**
 * The ordinary moves said in other words than the ones first seen (held-out conversations, issue 15): closing
 * words in any order, starting over, consent taken back, a refusal or a date at the firm step, a contact or the
 * pre-check asked for, a person sought; and the look-alikes that must stay what they are.
 */
import { recognizeRequest } from '../../dialogs/intents';
import { recognizeWithdrawal } from '../../dialogs/interruptions';
import { readEmployer } from '../../dialogs/referral/fieldChecks';
import { recognizeSmallTalk } from '../../dialogs/smallTalk';
import { describesOwnCase } from '../../dialogs/eligibility/trigger';
import { loadGazetteer } from '../../dialogs/understanding';

describe('closing words, read as a bag', () => {
  test.each(['cheers, goodbye', 'ok grazie ciao', 'ti ringrazio, buona giornata', 'perfetto grazie mille, a presto', 'basta così, grazie', 'thanks a lot, bye'])('«%s» is a goodbye', (text) => {
    expect(recognizeSmallTalk(text)).toBe('goodbye');
  });
  test.each(['grazie', 'no grazie', 'ok, thank you very much', 'molto gentile, grazie'])('«%s» is thanks', (text) => {
    expect(recognizeSmallTalk(text)).toBe('thanks');
  });
  test.each(['ciao', 'ok', 'capito', 'grazie, quanto dura?', 'grazie mille Bergamo'])('«%s» is neither', (text) => {
    expect(['goodbye', 'thanks']).not.toContain(recognizeSmallTalk(text));
  });
});

describe('starting over', () => {
  test.each(["ripartiamo dall'inizio", 'ricominciamo da zero', "torniamo all'inizio", 'possiamo rifare tutto da capo?', 'go back to the start', "let's start from scratch"])('«%s» restarts', (text) => {
    expect(recognizeSmallTalk(text)).toBe('restart');
  });
  test.each(['voglio ripartire da zero con un nuovo lavoro', 'torno al lavoro lunedì'])('«%s» does not', (text) => {
    expect(recognizeSmallTalk(text)).not.toBe('restart');
  });
});

describe('a person sought, asked as a question', () => {
  test.each(["c'è qualcuno con cui posso parlare?", 'is there anyone I can speak to?'])('«%s»', (text) => {
    expect(recognizeSmallTalk(text)).toBe('human');
  });
});

describe('consent taken back in other words', () => {
  test.each([
    'non voglio più dare il consenso, lasciate perdere',
    'ho cambiato idea, tolgo il consenso',
    'cancellate la mia richiesta, non chiamatemi più',
    'annullate la segnalazione',
    'actually I take back my consent',
    'I no longer consent',
    "please don't call me again",
  ])('«%s» withdraws', (text) => {
    expect(recognizeWithdrawal(text)).toBe(true);
  });
  test.each(['non chiamatemi di sera', "don't call me in the morning", 'posso ritirare il consenso più avanti?', 'acconsento', 'non do il consenso', 'voglio essere ricontattato'])('«%s» does not', (text) => {
    expect(recognizeWithdrawal(text)).toBe(false);
  });
});

describe('the firm step', () => {
  test.each(['non te lo voglio dire', 'non ve lo posso dire', 'preferisco di no', 'sono fatti miei', "I'd prefer not to"])('«%s» is skipped', (text) => {
    expect(readEmployer(text).kind).toBe('skipped');
  });
  test.each([['domani mattina', 'time'], ['lunedì pomeriggio', 'time'], ['tomorrow morning', 'time'], ['da gennaio', 'date'], ['a marzo 2025', 'date'], ['since January', 'date'], ['due mesi fa', 'date']])('«%s» is a %s, not a firm', (text, because) => {
    expect(readEmployer(text)).toEqual({ kind: 'invalid', because });
  });
  test.each(['Sabato Trasporti srl', 'Marzo Costruzioni', 'Domani Lavoro spa', 'Officine Passoni'])('«%s» is a firm', (text) => {
    expect(readEmployer(text)).toEqual({ kind: 'name', value: text });
  });
});

describe('requests in other words', () => {
  test.each(['mi potete ricontattare?', 'vorrei essere contattato da qualcuno', 'qualcuno mi può chiamare?', 'could someone call me back?', "I'd like someone to contact me"])('«%s» asks to be contacted', (text) => {
    expect(recognizeRequest(text)).toBe('contact');
  });
  test.each(['vorrei capire se questa cosa fa per me', 'mi aiutate a capire se posso entrare nel programma?', 'fa al caso mio?', "I'd like to know if I qualify"])('«%s» asks for the pre-check', (text) => {
    expect(recognizeRequest(text)).toBe('eligibility');
  });
  test.each(['chi devo chiamare?', 'posso chiamare la regione?'])('«%s» is a question, not a request', (text) => {
    expect(recognizeRequest(text)).toBeUndefined();
  });
});

describe('an infinitive after «a» is no misspelt comune', () => {
  const gazetteer = loadGazetteer();
  test.each(['mi aiutate a capire se posso entrare', 'sono venuto a chiedere', 'devo iniziare a cercarmi un lavoro'])('«%s» names no place', (text) => {
    expect(gazetteer.recognizePlace(text, 'it', { context: 'sentence' }).kind).toBe('none');
  });
  test('an exact comune still counts: «lavoro a Monza»', () => {
    expect(gazetteer.recognizePlace('lavoro a Monza', 'it', { context: 'sentence' }).kind).toBe('found');
  });
});

describe('a work site told outside the pre-check', () => {
  const gazetteer = loadGazetteer();
  test.each(['lavoro a Monza', 'la mia fabbrica è a Lodi', 'I work in Bergamo'])('«%s» is the worker\'s own case', (text) => {
    expect(describesOwnCase(text, text.startsWith('I ') ? 'en' : 'it', gazetteer)).toBe(true);
  });
  test.each(['lavoro a Milano, quanto dura il percorso?', 'lavoro come magazziniere'])('«%s» is not (a question of its own, or no place)', (text) => {
    expect(describesOwnCase(text, 'it', gazetteer)).toBe(false);
  });
});

describe('participation asked in other forms, with a fact of the case, starts the pre-check', () => {
  const gazetteer = loadGazetteer();
  test.each([
    'non sono sicuro di poter partecipare, la ditta di Varese dove lavoravo non è fallita ma ha chiuso un reparto',
    'vorrei sapere se ho diritto, sono in cassa integrazione',
    'mi chiedo se possa rientrare anche io, mi hanno licenziato a Lodi',
  ])('«%s»', (text) => {
    expect(describesOwnCase(text, 'it', gazetteer)).toBe(true);
  });
});
