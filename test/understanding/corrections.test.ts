import { normalizeCommandText } from '../../dialogs/commands';
import { correctsAnEarlierAnswer, withoutCorrectionCue } from '../../dialogs/understanding/corrections';
import { asksToGoBack } from '../../dialogs/understanding/goBack';

const corrects = (text: string): boolean => correctsAnEarlierAnswer(normalizeCommandText(text), text);

describe('a message that corrects an earlier answer', () => {
  test.each([
    'no, era Brescia',
    'no era Brescia',
    'ah no scusa, ho sbagliato: lavoro a Novara',
    'lavoro a Novara, ho sbagliato prima',
    'ops, mi sono sbagliata',
    'actually it is Como',
    'oops, I typed it wrong, it is Novara',
    'nu, era Bergamo',
    'de fapt lucrez la Lecco',
    'perdón, me equivoqué, trabajo en Novara',
    'non, c’était Lecco',
    'en fait je travaille à Novara',
    'jo, gabova',
    'ні, я помилився',
    'لا، غلطت، أعمل في Novara',
  ])('%p is a correction', (text) => {
    expect(corrects(text)).toBe(true);
  });

  // the same word as the negation of a verb is an ordinary answer, not a correction
  test.each(['non lo so', 'non ho ancora trovato lavoro', 'no tengo trabajo', 'nu am găsit de lucru', 'non je ne sais pas', 'لا أعمل الآن', 'nessuna crisi', 'sono disoccupato'])(
    '%p is not a correction',
    (text) => {
      expect(corrects(text)).toBe(false);
    },
  );

  test.each([
    ['no, era Brescia', 'brescia'],
    ['ah no scusa, ho sbagliato: lavoro a Novara', 'lavoro a novara'],
    ['nu, de fapt Bergamo', 'bergamo'],
    ['لا، كانت Monza', 'monza'],
  ])('%p without its cue is %p', (text, rest) => {
    expect(withoutCorrectionCue(normalizeCommandText(text))).toBe(rest);
  });
});

describe('asking to go back to the previous question', () => {
  test.each(['indietro', 'torna indietro', 'voglio tornare alla domanda precedente', 'indietro per favore', 'go back', 'back', 'previous question', 'înapoi', 'vreau să mă întorc înapoi', 'volver atrás', 'la pregunta anterior', 'revenir en arrière', 'retour', 'kthehu mbrapa', 'назад', 'повернутися до попереднього питання', 'رجوع', 'ارجع للسؤال السابق'])(
    '%p goes back',
    (text) => {
      expect(asksToGoBack(text)).toBe(true);
    },
  );

  test.each(['torna al menu', 'back to the menu', 'sono tornato indietro dal lavoro', 'la sede è a Bergamo', 'indietro di due mesi con lo stipendio', 'retour au menu'])('%p does not', (text) => {
    expect(asksToGoBack(text)).toBe(false);
  });
});
