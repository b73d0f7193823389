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

test.each([
  'voglio essere ricontattato',
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
