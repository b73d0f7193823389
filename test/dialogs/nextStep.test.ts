/**
 * "What now?" in the eight languages (dialogs/nextStep.ts): a whole short message asking for the next step; what the
 * bot answers depends on where the conversation is (next-steps.conversations.json covers that).
 */
import { asksForNextStep } from '../../dialogs/nextStep';

test.each([
  'e adesso?',
  'E ora cosa devo fare?',
  'cosa devo fare?',
  'cosa succede adesso?',
  'qual è il prossimo passo?',
  'come procedo?',
  'e poi?',
  'what now?',
  "what's next?",
  'what should I do now?',
  'next steps?',
  'and then?',
  'și acum?',
  'ce urmează?',
  'ce trebuie să fac acum?',
  '¿y ahora qué?',
  '¿Qué tengo que hacer ahora?',
  '¿cuál es el siguiente paso?',
  'et maintenant ?',
  'que dois-je faire ?',
  "qu'est-ce qui se passe maintenant ?",
  'quelle est la prochaine étape ?',
  'dhe tani?',
  'çfarë duhet të bëj tani?',
  'cili është hapi tjetër?',
  'що далі?',
  'і що мені робити тепер?',
  'який наступний крок?',
  'والآن؟',
  'ماذا يجب أن أفعل الآن؟',
  'شو لازم اعمل؟',
  'ما هي الخطوة التالية؟',
])('%s asks for the next step', (text) => {
  expect(asksForNextStep(text)).toBe(true);
});

test.each([
  'cosa devo fare per partecipare?',
  'cosa succede se trovo un nuovo lavoro?',
  'adesso lavoro a Milano',
  'poi mi hanno licenziato',
  'what should I do if the company closes?',
  'now I work in Bergamo',
  '¿qué tengo que hacer para inscribirme en el programa de la región?',
  'maintenant je suis au chômage',
  'тепер я безробітний',
  'posso partecipare?',
  '',
])('%s is not a next-step question', (text) => {
  expect(asksForNextStep(text)).toBe(false);
});

test('at a step a bare time word is an answer ("adesso" when asked since when), a question is a question', () => {
  expect(asksForNextStep('adesso', { atStep: true })).toBe(false);
  expect(asksForNextStep('dopo', { atStep: true })).toBe(false);
  expect(asksForNextStep('adesso?', { atStep: true })).toBe(true);
  expect(asksForNextStep('e adesso', { atStep: true })).toBe(true);
  expect(asksForNextStep('adesso')).toBe(true);
});
