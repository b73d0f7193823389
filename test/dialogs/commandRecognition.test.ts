/**
 * Which whole messages are commands while a dialog waits for an answer (dialogs/interruptions.ts), as workers type
 * them: any case, accents or not, punctuation, polite words, Italian or English. And which are answers that only
 * look like one: a firm called "Stop Srl", a status after "sono", a sentence that merely mentions "i miei dati".
 */
import { recognizeCampaignRequest } from '../../dialogs/campaign/campaignIntents';
import { CommandRecognizer } from '../../dialogs/commands';
import { recognizeInterruption, type Interruption } from '../../dialogs/interruptions';
import { createTranslator } from '../../models/i18n';

const COMMANDS: Array<[string, Interruption]> = [
  ['i miei dati', 'myData'],
  ['I MIEI DATI?', 'myData'],
  ['Mostrami i miei dati personali', 'myData'],
  ['che dati avete su di me?', 'myData'],
  ['my data', 'myData'],
  ['Show me my data please', 'myData'],
  ['what do you know about me?', 'myData'],
  ['cancella i miei dati', 'eraseData'],
  ['Cancella tutti i miei dati!', 'eraseData'],
  ['cancellà i miei dati', 'eraseData'],
  ['per favore cancellate i miei dati', 'eraseData'],
  ['vorrei eliminare i miei dati personali', 'eraseData'],
  ['delete my data', 'eraseData'],
  ['Delete all my data.', 'eraseData'],
  ['please erase my personal data', 'eraseData'],
  ['forget me', 'eraseData'],
  ['dimenticami', 'eraseData'],
  ['annulla', 'cancel'],
  ['ANNULLA!', 'cancel'],
  ['Annulla, per favore', 'cancel'],
  ['stop', 'cancel'],
  ['Stop.', 'cancel'],
  ['cancel', 'cancel'],
  ['lascia perdere', 'cancel'],
  ['menu', 'menu'],
  ['Menù', 'menu'],
  ['torna al menu', 'menu'],
  ['aiuto', 'help'],
  ['Aiuto?', 'help'],
  ['?', 'help'],
  ['help', 'help'],
  ['stop notizie', 'unsubscribe'],
  ['Stop alle notizie!', 'unsubscribe'],
  ['disiscrivimi', 'unsubscribe'],
  ['unsubscribe', 'unsubscribe'],
  ['le mie iscrizioni', 'subscriptions'],
  ['english', 'switchToEnglish'],
  ['Italiano', 'switchToItalian'],
  // the six newer languages, as their UI strings tell workers to type them, with and without diacritics
  ['mis datos', 'myData'],
  ['¿Borrar mis datos?', 'eraseData'],
  ['stop noticias', 'unsubscribe'],
  ['menú', 'menu'],
  ['ayuda', 'help'],
  ['cancelar', 'cancel'],
  ['mes données', 'myData'],
  ['Effacer mes données', 'eraseData'],
  ['stop nouvelles', 'unsubscribe'],
  ['datele mele', 'myData'],
  ['Șterge datele mele', 'eraseData'],
  ['sterge datele mele', 'eraseData'],
  ['stop noutăți', 'unsubscribe'],
  ['мої дані', 'myData'],
  ['Видалити мої дані', 'eraseData'],
  ['стоп новини', 'unsubscribe'],
  ['بياناتي', 'myData'],
  ['احذف بياناتي', 'eraseData'],
  ['إحذف بياناتي', 'eraseData'],
  ['أوقف الأخبار', 'unsubscribe'],
  ['؟', 'help'],
  ['të dhënat e mia', 'myData'],
  ['fshij te dhenat e mia', 'eraseData'],
  ['ndalo lajmet', 'unsubscribe'],
  // Arabic "please" in the plural, as the bot itself addresses workers
  ['من فضلكم، احذفوا كل بياناتي', 'eraseData'],
  ['بياناتي لو سمحتم', 'myData'],
  ['القائمة من فضلكم', 'menu'],
  // "don't send me any more news", said as a worker asks it in each of the eight (not the command's own words)
  ['per favore smettete di mandarmi le notizie', 'unsubscribe'],
  ['non inviatemi più avvisi', 'unsubscribe'],
  ["Please don't send me any more updates!", 'unsubscribe'],
  ['stop sending the news', 'unsubscribe'],
  ['vă rog nu-mi mai trimiteți noutăți', 'unsubscribe'],
  ['opriți știrile', 'unsubscribe'],
  ['توقفوا عن إرسال الأخبار', 'unsubscribe'],
  ['لا ترسل لي رسائل بعد اليوم', 'unsubscribe'],
  ['mos më dërgoni lajme më', 'unsubscribe'],
  ['ndaloni dërgimin e lajmeve', 'unsubscribe'],
  ['dejad de enviarme noticias', 'unsubscribe'],
  ['no me envíen más novedades', 'unsubscribe'],
  ['не надсилайте мені більше новин', 'unsubscribe'],
  ['припиніть надсилати мені новини', 'unsubscribe'],
  ["ne m'envoyez plus de nouvelles", 'unsubscribe'],
  ["cessez de m'envoyer les actualités", 'unsubscribe'],
];

const ANSWERS = [
  'Stop Srl',
  'Menu Service spa',
  'Annulla Trasporti',
  'sono disoccupato',
  'sono in cassa integrazione',
  'Mario Rossi',
  'i miei dati sono corretti?',
  'aiuto mio figlio a cercare lavoro',
  'cancella',
  'cancella la prenotazione',
  'my data is wrong',
  'stop working in March',
  'Pomeriggio',
  'Sì, cancella',
  'ciao',
  'grazie',
  'mis datos son correctos?',
  'بياناتي صحيحة؟',
  'мої дані правильні?',
  // asking for the news, or stopping something else, is not stopping the news
  'mandatemi le notizie',
  'non mandatemi la lettera di licenziamento',
  'send me the news',
  'trimiteți-mi noutățile',
  'أرسلوا لي الأخبار',
  'më dërgoni lajmet',
  'envíenme las noticias',
  'надсилайте мені новини',
  "envoyez-moi des nouvelles",
];

describe('commands while a dialog waits for an answer', () => {
  let commands: CommandRecognizer;
  beforeAll(async () => {
    commands = new CommandRecognizer(await createTranslator());
  });
  const recognize = (text: string): Interruption | undefined => recognizeInterruption(text, commands, { recognize: recognizeCampaignRequest });

  test.each(COMMANDS)('%s -> %s', (text, expected) => {
    expect(recognize(text)).toBe(expected);
  });

  test.each(ANSWERS)('%s is an answer, not a command', (text) => {
    expect(recognize(text)).toBeUndefined();
  });
});
