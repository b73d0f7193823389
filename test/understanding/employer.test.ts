/** Who is writing: someone for a firm (the answer for firms) or a worker about their own job (the pre-check). */
import { speaksForEmployer } from '../../dialogs/understanding';

test.each([
  "sono dell'ufficio HR di un'azienda in crisi, come partecipiamo?",
  'sono del personale',
  'sono il responsabile del personale',
  "sono un'azienda, come partecipiamo?",
  'siamo una ditta in difficoltà, come facciamo?',
  'come può aderire la mia azienda?',
  'come possiamo coinvolgere i nostri dipendenti?',
  'we are an employer, how do we get involved?',
  "I'm in HR",
  'how can a company join?',
  'our company is in crisis, how can our employees take part?',
])('%s -> for a firm', (text) => {
  expect(speaksForEmployer(text)).toBe(true);
});

test.each([
  'la mia azienda è fallita, posso partecipare?',
  'la mia azienda è in crisi, posso partecipare?',
  'sono in cassa integrazione',
  "lavoravo in un'azienda in crisi",
  'sono un operaio',
  'my company closed, can I join?',
  "I'm on furlough",
])('%s -> a worker', (text) => {
  expect(speaksForEmployer(text)).toBe(false);
});
