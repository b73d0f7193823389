/**
 * The unanswered-questions scrubber (models/analytics/scrub.ts): realistic questions workers type, Italian and
 * English, each shown with what is kept. Personal data goes (names, codici fiscali, IBANs, addresses, e-mails also
 * written with (at)/[at]/chiocciola/punto, phone numbers, runs of 6 or more digits); the words that say what the
 * question is about stay, and "sono" as a verb ("sono disoccupato", "sono in cassa integrazione") is not a name.
 */
import { MAX_SCRUBBED_CHARS, scrubText } from '../../models/analytics/scrub';

const SCRUBBED: Array<[string, string]> = [
  ['rossi mario via roma 12 bergamo, lavoravo alla Brembo e sono in cassa integrazione', '[nome] [indirizzo] bergamo, lavoravo alla brembo e sono in cassa integrazione'],
  ['codice fiscale è rss mra 80a01 h501u, posso fare la verifica?', 'codice fiscale è [codice], posso fare la verifica?'],
  ['mario.rossi(at)gmail.com vorrei essere richiamato', '[email] vorrei essere richiamato'],
  ['il mio cf è BNCLRA85M41F205Z e sono stata licenziata a marzo', 'il mio cf è [codice] e sono stata licenziata a marzo'],
  ['CF: vrd gpp 75c12 a794 k', 'cf: [codice]'],
  ['Mi chiamo Giuseppe Esposito, ho 52 anni e sono disoccupato da gennaio', 'mi chiamo [nome], ho 52 anni e sono disoccupato da gennaio'],
  ['mi chiamo fatima el amrani e lavoravo in una cooperativa di pulizie', 'mi chiamo [nome] e lavoravo in una cooperativa di pulizie'],
  ['il mio nome è Chiara e vorrei sapere se posso partecipare', 'il mio nome è [nome] e vorrei sapere se posso partecipare'],
  ['Salve sono Paolo Colombo della ditta Colombo Serramenti, i miei operai possono aderire?', 'salve sono [nome] della ditta colombo serramenti, i miei operai possono aderire?'],
  ['ciao sono luca, quanto dura il percorso?', 'ciao sono [nome], quanto dura il percorso?'],
  ['sono Marco, operaio metalmeccanico a Lecco: la misura vale per me?', 'sono [nome], operaio metalmeccanico a lecco: la misura vale per me?'],
  ['sono stato licenziato il 15/01/2025, cosa devo fare?', 'sono stato licenziato il [numero], cosa devo fare?'],
  ['nata il 03.07.1979 a Cremona, posso partecipare?', 'nata il [numero] a cremona, posso partecipare?'],
  ['abito in viale Papa Giovanni XXIII 45 a Bergamo', 'abito in [indirizzo] a bergamo'],
  ['mi trovate in piazza Vittorio Veneto 3/b Lodi', 'mi trovate in [indirizzo] lodi'],
  ["residente in corso Garibaldi 112 20121 Milano, c'è un progetto?", "residente in [indirizzo] milano, c'è un progetto?"],
  ['largo Augusto 8 milano quali documenti servono?', '[indirizzo] milano quali documenti servono?'],
  ['chiamatemi al 348 765 4321 dopo le 17', 'chiamatemi al [telefono] dopo le 17'],
  ['il mio cellulare: +39 320-555-1234', 'il mio cellulare: [telefono]'],
  ['tel. 0363 123456 chiedere di Anna', 'tel. [telefono] chiedere di [nome]'],
  ['numero di matricola 00458812, serve per la domanda?', 'numero di matricola [telefono], serve per la domanda?'],
  ["la mia carta d'identità è CA12345BC", "la mia carta d'identità è [codice]"],
  ['IBAN IT60 X054 2811 1010 0000 0123 456 per il rimborso?', 'iban [codice] per il rimborso?'],
  ['my iban is it02l1234512345123456789012', 'my iban is [codice]'],
  ['scrivetemi a giulia.bianchi chiocciola libero punto it', 'scrivetemi a [email]'],
  ['email: luca_verdi [at] hotmail [dot] com', 'email: [email]'],
  ['anna.neri (at) yahoo.it grazie', '[email] grazie'],
  ['please write to peter dot jones at outlook dot com', 'please write to [email]'],
  ['Hi, my name is Ahmed Hassan, I worked in a factory in Brescia', 'hi, my name is [nome], i worked in a factory in brescia'],
  ["I'm Olga Petrenko, I lost my job in Monza", "i'm [nome], i lost my job in monza"],
  ['I live at 221b Baker Street, is there a project?', 'i live at [indirizzo], is there a project?'],
  ['call me on 02 8765 4321, my name is Mary Brown', 'call me on [telefono], my name is [nome]'],
  ['regards, John Smith', 'regards, [nome]'],
  ['Buongiorno, scrivo per mio marito Antonio Russo che è in cassa integrazione', 'buongiorno, scrivo per mio marito [nome] che è in cassa integrazione'],
  ['Grazie mille, cordiali saluti Francesca Ferrari', 'grazie mille, cordiali saluti [nome]'],
  ['Distinti saluti, Roberto Conti', 'distinti saluti, [nome]'],
  ['sig. Bianchi, via Milano 10, Monza: come faccio?', 'sig. [nome], [indirizzo], monza: come faccio?'],
  ["ho parlato con la dottoressa Greco del centro per l'impiego", "ho parlato con la dottoressa [nome] del centro per l'impiego"],
  ['firmato Luigi Romano, Pavia', 'firmato [nome], pavia'],
  ['io sono Elena Popescu e abito a Lodi', 'io sono [nome] e abito a lodi'],
  ['sono andrea, tel 3391234567, email andrea@example.com', 'sono [nome], tel [telefono], email [email]'],
  ['Buongiorno, mi chiamo Mario Rossi, il mio numero è 333 123 4567 e la mail mario.rossi@example.com: quando riapre il bando?', 'buongiorno, mi chiamo [nome], il mio numero è [telefono] e la mail [email]: quando riapre il bando?'],
  ['sono mario rossi e ho perso il lavoro', 'sono [nome] e ho perso il lavoro'],
  ['andrea lavora in fiat, può partecipare?', '[nome] lavora in fiat, può partecipare?'],
  ['write to john [at] example [dot] org please', 'write to [email] please'],
  ['via roma 12 20121 milano', '[indirizzo] milano'],
  ['Abito a Bergamo in Via XX Settembre 15', 'abito a bergamo in [indirizzo]'],
  ['corso Vittorio Emanuele II 23, Milano', '[indirizzo], milano'],
  ['I live at 10 Downing Street, can I join?', 'i live at [indirizzo], can i join?'],
  ["numero pratica 123456 del centro per l'impiego", "numero pratica [numero] del centro per l'impiego"],
];

/** Questions with nothing personal in them: only lowercased and their spaces collapsed. */
const INTACT = [
  'quanto dura il percorso?',
  'sono in cassa integrazione, posso partecipare?',
  'sono disoccupato da marzo',
  'Sono disoccupata da 8 mesi, posso rientrare?',
  'sono una lavoratrice della Rossi spa in crisi',
  'la dote vale 1500 euro?',
  'il corso dura 12 mesi?',
  'il corso inizia il 12 marzo?',
  'ho scritto via email 3 volte ma nessuno risponde',
  'nel 2024 ero in cassa integrazione',
  'corso di formazione 2024 a Brescia',
  'I am unemployed, can I join the programme?',
  "I'm looking for a job near Varese",
  'sono italiano e lavoro a Como',
  'Sono rumeno, lavoro a Brescia',
  'chi è il referente per la provincia di Bergamo?',
  'la risposta non è chiara, mi spiegate meglio?',
  'what happens at the end of the course?',
  'is there a meeting at 10 in Milan?',
  'sono stato in cassa integrazione per 2 anni',
  'I work at Fiat in Turin, am I eligible?',
];

describe('scrubText', () => {
  test('the table is as large as promised', () => {
    expect(SCRUBBED.length).toBeGreaterThanOrEqual(40);
  });

  test.each(SCRUBBED)('%s -> %s', (raw, expected) => {
    expect(scrubText(raw)).toBe(expected);
  });

  test.each(INTACT)('%s stays as it is', (raw) => {
    expect(scrubText(raw)).toBe(raw.toLowerCase().replace(/\s+/g, ' ').trim());
  });

  test('scrubbing twice changes nothing more, and the result is bounded', () => {
    for (const [raw] of SCRUBBED) expect(scrubText(scrubText(raw))).toBe(scrubText(raw));
    expect(scrubText(`mi chiamo Mario Rossi ${'e vorrei sapere '.repeat(200)}`).length).toBeLessThanOrEqual(MAX_SCRUBBED_CHARS);
  });
});
