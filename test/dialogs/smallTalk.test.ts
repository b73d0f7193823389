/**
 * Ordinary moves that are not questions about the measure (issue 15): a person asked for or "are you a robot?",
 * thanks, goodbye, starting over; in Italian and English, in many wordings; and what must not be taken for them.
 */
import { recognizeSmallTalk } from '../../dialogs/smallTalk';

test.each([
  'voglio parlare con una persona',
  'voglio parlare con un operatore',
  'voglio parlare con un umano',
  'vorrei parlare con una persona vera',
  'posso parlare con qualcuno?',
  'mi passi un operatore per favore',
  "c'è un operatore?",
  'operatore',
  'sei un robot?',
  'sei una persona vera?',
  'ma sei un bot?',
  'con chi sto parlando?',
  'mi risponde una persona o una macchina?',
  'human please',
  'are you a bot?',
  'are you a real person?',
  "I'd like to speak to a human",
  'can I talk to someone?',
  'is this a real person?',
  'who am I talking to?',
])('%s -> a person asked for', (text) => {
  expect(recognizeSmallTalk(text)).toBe('human');
});

test.each([
  ['ricominciamo da capo', 'restart'],
  ['ricomincia da capo', 'restart'],
  ['possiamo ricominciare?', 'restart'],
  ['start over', 'restart'],
  ["let's start again", 'restart'],
  ['arrivederci', 'goodbye'],
  ['ciao ciao', 'goodbye'],
  ['grazie, arrivederci', 'goodbye'],
  ['grazie mille, arrivederci', 'goodbye'],
  ['a presto', 'goodbye'],
  ['bye', 'goodbye'],
  ['goodbye', 'goodbye'],
  ['grazie', 'thanks'],
  ['no grazie', 'thanks'],
  ['ok grazie mille per le informazioni', 'thanks'],
  ['ti ringrazio', 'thanks'],
  ['thanks', 'thanks'],
  ['thank you so much', 'thanks'],
])('%s -> %s', (text, move) => {
  expect(recognizeSmallTalk(text)).toBe(move);
});

// the six newer languages: the closing bag and starting over, with the worker's own punctuation
test.each([
  ['au revoir', 'goodbye'],
  ['Merci beaucoup, bonne journée !', 'goodbye'],
  ["d'accord, merci", 'thanks'],
  ['non merci', 'thanks'],
  ['on recommence depuis le début', 'restart'],
  ['La revedere!', 'goodbye'],
  ['mulțumesc frumos', 'thanks'],
  ['nu, mersi', 'thanks'],
  ['hai să începem din nou', 'restart'],
  ['muchas gracias, adiós', 'goodbye'],
  ['vale, gracias', 'thanks'],
  ['¿podemos empezar de nuevo?', 'restart'],
  ['mirupafshim', 'goodbye'],
  ['jo faleminderit', 'thanks'],
  ['rifillojmë nga fillimi ju lutem', 'restart'],
  ['до побачення', 'goodbye'],
  ['ні, дякую', 'thanks'],
  ['Дуже дякую за допомогу', 'thanks'],
  ['почнімо спочатку', 'restart'],
  ['مع السلامة', 'goodbye'],
  ['شكرا جزيلا، مع السلامة', 'goodbye'],
  ['لا شكرا', 'thanks'],
  ['نبدأ من جديد', 'restart'],
  ['merci salut', 'goodbye'],
])('%s -> %s', (text, move) => {
  expect(recognizeSmallTalk(text)).toBe(move);
});

test.each([
  'voglio essere ricontattato',
  'salut',
  'tung',
  'merci, mais je peux participer ?',
  'gracias, pero ¿cuánto dura?',
  'nu',
  'спочатку я працював у Бергамо',
  'de la început am lucrat la Brescia',
  'ciao',
  'sono in cassa integrazione',
  "l'azienda è una persona giuridica?",
  'lavoro come operatore di magazzino',
  'impiegato',
  'ho parlato con una persona del sindacato',
  'responsabile',
  'consulente',
  'una donna',
  'grazie, ma posso partecipare se sono in naspi?',
  'Bergamo',
  '',
])('%s is none of them', (text) => {
  expect(recognizeSmallTalk(text)).toBeUndefined();
});
