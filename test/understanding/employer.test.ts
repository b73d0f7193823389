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

test.each([
  'soy empresario y mi empresa esta en crisis, como presento un proyecto?',
  'somos una empresa en crisis, ¿cómo participamos?',
  "je suis chef d'entreprise, comment inscrire mes salariés ?",
  'sunt patronul unei firme in criza, cum fac un proiect?',
  'jam pronar i nje firme ne krize, si mund te marrin pjese punonjesit tane?',
  'я роботодавець, як залучити наших працівників?',
  'انا صاحب الشركه، كيف يشارك عمالنا؟',
])('%s -> for a firm (the newer languages)', (text) => {
  expect(speaksForEmployer(text)).toBe(true);
});

test.each([
  'mi empresa está en crisis, ¿puedo participar?',
  'sunt angajat la o firma in criza',
  "mon entreprise a fermé, j'ai droit ?",
  'firma ku punoj ka falimentuar',
  'моя фірма закрилась, чи можу я?',
  'الشركه اللي بشتغل فيها افلست',
])('%s -> a worker (the newer languages)', (text) => {
  expect(speaksForEmployer(text)).toBe(false);
});
