import { Chat, buttonsOf, textOf } from '../support/botServer';
import { startInProcessBot, type InProcessBot } from '../support/inProcessBot';

/** A fixed clock: "a marzo" must mean March 2026 whatever day the tests run. */
const NOW = new Date('2026-06-15T10:00:00Z');

interface Step {
  say: string;
  expect?: RegExp[];
  not?: RegExp[];
}

interface Case {
  name: string;
  locale?: string;
  steps: Step[];
}

const LIKELY = /probabilmente puoi partecipare/;
const VERIFY = /serve una verifica da parte di un operatore/;
const NOT_ELIGIBLE = /non rientri nella misura/;
/** No call of the measure is known to be open: a likely or to-verify outcome says what a referral leads to. */
const NO_OPEN_CALL = /non ci risulta aperto un bando[\s\S]*ti contatterà un operatore se e quando un progetto di rete è attivo nella tua zona/;
/** The rules' version is for staff: workers never see it. */
const RULES_VERSION = /Regole:|ar-2018/;
/** Where to turn when not eligible (content/measure: section "elsewhere"). */
const ELSEWHERE = /Centro per l'Impiego[\s\S]*Garanzia Giovani/;
/** A question the worker is asked only when needed. */
const REDUNDANCY_QUESTION = /accordi sulla cassa integrazione prevedono esuberi/;

const cases: Case[] = [
  {
    name: 'eligible: at risk with CIGS in Lombardy, then referral offered',
    steps: [
      { say: 'Posso partecipare?', expect: [/verifica preliminare/, /Dove si trova la sede/] },
      { say: 'Treviglio', expect: [/Treviglio \(BG\), Lombardia/, /crisi/] },
      { say: 'Cassa integrazione straordinaria', expect: [/cassa integrazione straordinaria/, /situazione/] },
      { say: 'Lavoro ancora lì, ma rischio di perdere il posto', expect: [/Situazione: sei ancora dipendente dell'azienda\./, REDUNDANCY_QUESTION], not: [/in uscita/] },
      { say: 'Sì, sono previsti esuberi', expect: [/Esuberi previsti dagli accordi: sì/, /Come si chiama l'azienda/] },
      { say: 'Rossi Meccanica srl', expect: [/settore/] },
      { say: 'Metalmeccanico', expect: [LIKELY, /unità produttive\/operative ubicate in Lombardia/, /gli accordi prevedono esuberi/, /non una garanzia di ammissione/, NO_OPEN_CALL], not: [RULES_VERSION] },
    ],
  },
  {
    name: 'eligible: unemployed after a bankruptcy, with the month of leaving',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'lavoravo a Seriate' , expect: [/Seriate \(BG\)/] },
      { say: "l'azienda è fallita", expect: [/fallimento/] },
      { say: 'sono stato licenziato e non lavoro', expect: [/quando sei uscito/] },
      { say: 'a marzo', expect: [/marzo 2026/] },
      { say: 'preferisco non dirlo' },
      { say: 'non lo so', expect: [LIKELY, /già espulsi da aziende in crisi/] },
    ],
  },
  {
    name: 'not eligible: work site outside Lombardy, with where to turn',
    steps: [
      { say: 'Posso partecipare?' },
      // outside Lombardy settles it: no more questions
      {
        say: 'Parma',
        expect: [/Parma \(PR\), Emilia-Romagna, fuori dalla Lombardia/, NOT_ELIGIBLE, /solo per lavoratori di unità produttive\/operative ubicate in Lombardia/, ELSEWHERE],
        not: [/Come si chiama l'azienda/, /L'azienda è coinvolta in una crisi/, RULES_VERSION],
      },
    ],
  },
  {
    name: 'not eligible: no crisis',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'Milano' },
      { say: 'no, nessuna crisi' },
      { say: 'lavoro ancora lì', expect: [NOT_ELIGIBLE, /non risulta in crisi/] },
    ],
  },
  {
    name: 'not eligible: already working again',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'Brescia' },
      { say: 'licenziamenti collettivi' },
      { say: 'ho trovato un nuovo lavoro', expect: [/Situazione: hai un nuovo lavoro/, /quando sei uscito/] },
      { say: 'Non ricordo', expect: [NOT_ELIGIBLE, /Hai già un nuovo lavoro/] },
    ],
  },
  {
    name: 'to verify: every answer "non lo so"',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'non lo so', expect: [/la sede la verificherà un operatore/] },
      { say: 'boh' },
      { say: 'non saprei' },
      { say: 'Preferisco non dirlo' },
      { say: 'Non lo so', expect: [VERIFY, /Non sappiamo ancora dove si trova la sede/, /Vuoi essere ricontattato/] },
    ],
  },
  {
    name: 'free text first: facts in the first message skip their questions',
    steps: [
      { say: 'lavoravo a Treviglio in una fabbrica fallita e ora sono disoccupato, posso partecipare?', expect: [/Treviglio \(BG\), Lombardia/, /fallimento/, /disoccupato/, /quando sei uscito/], not: [/Dove si trova la sede/] },
    ],
  },
  {
    name: 'correction at any point: "no, era Brescia"',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'Bergamo', expect: [/Bergamo \(BG\)/] },
      { say: 'no, era Brescia', expect: [/correggo/, /Brescia \(BS\), Lombardia/, /crisi/] },
    ],
  },
  {
    name: 'ambiguous place: the bot asks which, and a number picks it',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'Castelnuovo', expect: [/Quale intendi/] },
      { say: '1', expect: [/Castelnuovo Bocca d'Adda \(LO\), Lombardia/] },
    ],
  },
  {
    name: 're-prompts: a hint first, then the choices as buttons',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'qwerty zxcv', expect: [/Non ho riconosciuto il luogo/] },
      { say: 'asdfgh jkl', expect: [/Scegli una delle opzioni/] },
    ],
  },
  {
    name: '"annulla" leaves cleanly, and the next message is handled normally',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'annulla', expect: [/ho interrotto/] },
      { say: 'Milano', not: [/crisi\?/] },
    ],
  },
  {
    name: 'English: the same path in English',
    locale: 'en-US',
    steps: [
      { say: 'Can I take part?', expect: [/pre-check/, /Where is the site/] },
      { say: 'I work in Milan', expect: [/Milano \(MI\), Lombardia/] },
      { say: "I don't know", expect: [/situation today/] },
      { say: "I'm still employed but the company is closing", expect: [/company's name/] },
      { say: 'Prefer not to say' },
      { say: "Don't know", expect: [/an operator needs to check/] },
    ],
  },
];

/**
 * The call's recipients as workers say them (issue 15): the cases seen going wrong, and other phrasings of the same
 * situations, so the skill is general (negation of redundancies, the registered office or home vs the work site).
 */
const callCases: Case[] = [
  // ---- still employed with CIGS/CIGD: only "dove gli accordi prevedono esuberi" ----
  ...[
    'sono in CIGS ma non sono previsti esuberi',
    'cassa integrazione straordinaria, nessun esubero',
    'siamo in cigs senza esuberi',
    "cassa integrazione in deroga ma l'accordo non prevede esuberi",
    'CIGS. Esuberi non ce ne sono',
  ].map<Case>((answer) => ({
    name: `still employed, CIGS/CIGD and no redundancies ("${answer}") -> not a recipient of this call, kindly, with where to turn`,
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'Milano' },
      { say: answer, expect: [/Hai detto che non sono previsti esuberi/, /situazione/] },
      {
        say: 'lavoro ancora lì',
        expect: [NOT_ELIGIBLE, /gli accordi non prevedono esuberi/, /rifai la verifica/, ELSEWHERE],
        not: [LIKELY, REDUNDANCY_QUESTION, /Come si chiama l'azienda/, RULES_VERSION],
      },
    ],
  })),
  {
    name: 'still employed with CIGS, redundancies not said: ONE plain question; "non lo so" -> to verify, with what to ask the employer or union',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'Lecco' },
      { say: 'siamo in cassa integrazione straordinaria' },
      { say: 'sono ancora dipendente', expect: [REDUNDANCY_QUESTION] },
      { say: 'non lo so', expect: [/non sai ancora se sono previsti esuberi/, /Come si chiama l'azienda/] },
      { say: 'preferisco non dirlo' },
      { say: 'Metalmeccanico', expect: [VERIFY, /Chiedi all'azienda o al sindacato/, /prevede esuberi/, NO_OPEN_CALL], not: [LIKELY, RULES_VERSION] },
    ],
  },
  {
    name: 'a question about the step ("what counts as a crisis?") is answered, not taken as the answer; the step is asked again',
    locale: 'en',
    steps: [
      { say: 'am I eligible?' },
      { say: 'I work in Bergamo', expect: [/Bergamo \(BG\)/, /crisis/] },
      { say: 'what counts as a crisis?', expect: [/Is the company going through a crisis/], not: [/Company crisis:/] },
      { say: 'collective dismissals', expect: [/Company crisis: redundancies or collective dismissals/] },
    ],
  },
  {
    name: 'a question about a word at a later step corrects nothing: "що означає криза?" at the firm step keeps the closure told',
    locale: 'uk',
    steps: [
      { say: 'Добрий день, я працюю в Брешії, фабрика закривається. Чи можу я взяти участь?', expect: [/Криза на підприємстві: закриття/] },
      { say: 'що означає криза?', expect: [/Як називається підприємство/], not: [/виправляю/, /вид треба уточнити/] },
    ],
  },
  {
    name: 'a question of fact is not answered by "ok": the redundancy and crisis questions are asked again, "ok, sì" answers',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'Lecco' },
      { say: 'ok', expect: [/cassa integrazione, sta licenziando, è fallita o chiude/], not: [/Crisi aziendale:/] },
      { say: 'va bene', not: [/Crisi aziendale:/] },
      { say: 'siamo in cassa integrazione straordinaria', expect: [/Crisi aziendale: cassa integrazione straordinaria/] },
      { say: 'sono ancora dipendente', expect: [REDUNDANCY_QUESTION] },
      { say: 'quanto dura la cassa?', expect: [REDUNDANCY_QUESTION] },
      { say: 'ok', expect: [REDUNDANCY_QUESTION], not: [/Esuberi previsti dagli accordi/] },
      { say: 'ok, sì', expect: [/Esuberi previsti dagli accordi: sì/, /Come si chiama l'azienda/] },
    ],
  },
  {
    name: 'still employed with CIGD, the redundancy question answered "no" -> not eligible',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'Pavia' },
      { say: 'cassa integrazione in deroga' },
      { say: 'sono ancora in organico', expect: [REDUNDANCY_QUESTION] },
      { say: 'no', expect: [NOT_ELIGIBLE, /gli accordi non prevedono esuberi/] },
    ],
  },
  {
    name: 'redundancies told in the first message are not asked again ("in cigs, sono tra gli esuberi")',
    steps: [
      { say: 'lavoro a Brescia, siamo in cigs e io sono tra gli esuberi: posso partecipare?', expect: [/Brescia \(BS\)/, /Esuberi previsti dagli accordi: sì/, /Come si chiama l'azienda/], not: [REDUNDANCY_QUESTION] },
    ],
  },
  {
    name: 'cassa integrazione named without its kind, still employed: which one is asked, then the redundancies -> likely',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'Bergamo' },
      { say: "sì, l'azienda è in crisi" },
      { say: 'sono in cassa integrazione', expect: [/Che tipo di cassa integrazione/] },
      { say: 'la straordinaria', expect: [/cassa integrazione straordinaria/, REDUNDANCY_QUESTION] },
      { say: 'sì', expect: [/Come si chiama l'azienda/] },
      { say: 'Rossi srl' },
      { say: 'Metalmeccanico', expect: [LIKELY, /gli accordi prevedono esuberi/] },
    ],
  },
  {
    name: '"in cassa integrazione e ci sono esuberi" in one message: only which cassa is asked',
    steps: [
      {
        say: 'sono in cassa integrazione a Lecco e ci sono esuberi, posso partecipare?',
        expect: [/Lecco \(LC\)/, /esuberi o licenziamenti collettivi/, /Che tipo di cassa integrazione/],
        not: [REDUNDANCY_QUESTION],
      },
      { say: 'in deroga', expect: [/cassa integrazione in deroga/, /Esuberi previsti dagli accordi: sì/, /Come si chiama l'azienda/], not: [REDUNDANCY_QUESTION] },
    ],
  },
  {
    name: 'which cassa integrazione: "non lo so" -> to verify with what to ask; "ordinaria" -> to verify, CIGO alone is not enough',
    steps: [
      { say: 'sono in cassa integrazione a Lecco, posso partecipare?', expect: [/Che tipo di cassa integrazione/] },
      { say: 'non lo so', expect: [/lo verificherà un operatore/, /Come si chiama l'azienda/], not: [REDUNDANCY_QUESTION] },
      { say: 'preferisco non dirlo' },
      { say: 'non lo so', expect: [VERIFY, /Chiedi all'azienda o al sindacato/] },
      { say: 'Correggi una risposta' },
      { say: 'La crisi', expect: [/L'azienda è coinvolta in una crisi/] },
      { say: 'cassa integrazione ordinaria', expect: [VERIFY, /ordinaria da sola non basta/], not: [/Che tipo di cassa integrazione/] },
    ],
  },
  // ---- concordato preventivo is not bankruptcy (art. 72) ----
  {
    name: 'concordato preventivo while working normally -> to verify, never "sospeso per una procedura fallimentare"',
    steps: [
      { say: "l'azienda è in concordato preventivo ma lavoro normalmente, posso partecipare?", expect: [/concordato preventivo/, /Situazione: sei ancora dipendente/] },
      { say: 'Bergamo', expect: [/Come si chiama l'azienda/] },
      { say: 'preferisco non dirlo' },
      { say: 'non lo so', expect: [VERIFY, /non è un fallimento|non comporta la sospensione/], not: [LIKELY, /sospes[oi] per una procedura fallimentare/] },
    ],
  },
  {
    name: 'concordato, then dismissed and unemployed -> likely (already out of a firm in crisis)',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'Cremona' },
      { say: "c'è stato il concordato in continuità" },
      { say: 'mi hanno licenziato, sono disoccupata', expect: [/quando sei uscito/] },
      { say: 'a febbraio' },
      { say: 'preferisco non dirlo' },
      { say: 'Alimentare', expect: [LIKELY, /già espulsi da aziende in crisi/] },
    ],
  },
  {
    name: 'bankruptcy while still employed -> likely, citing art. 72 without saying the worker was suspended',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'Varese' },
      { say: "l'azienda è fallita, c'è il curatore" },
      { say: 'sono ancora dipendente', expect: [/Come si chiama l'azienda/], not: [REDUNDANCY_QUESTION] },
      { say: 'preferisco non dirlo' },
      { say: 'non lo so', expect: [LIKELY, /art\. 72/] },
    ],
  },
  {
    name: 'CIGO alone is not enough -> to verify',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'Mantova' },
      { say: 'cassa integrazione ordinaria' },
      { say: 'lavoro ancora lì', expect: [/Come si chiama l'azienda/], not: [REDUNDANCY_QUESTION] },
      { say: 'preferisco non dirlo' },
      { say: 'non lo so', expect: [VERIFY, /ordinaria da sola non basta/], not: [LIKELY] },
    ],
  },
  // ---- out and unemployed: NASpI or not ----
  {
    name: '"posso farlo se sono in naspi?" -> the pre-check, NASpI understood as unemployed with income support (never "No")',
    steps: [{ say: 'posso farlo se sono in naspi?', expect: [/verifica preliminare/, /Situazione: sei disoccupato/, /NASpI .*non è un ostacolo/, /Dove si trova la sede/], not: [/^No/, /non denaro versato a te/] }],
  },
  ...['con la naspi posso?', 'e se sono in naspi?', 'se percepisco la naspi posso fare il percorso?'].map<Case>((first) => ({
    name: `NASpI asked in other words ("${first}") -> the pre-check for an unemployed worker, never the "No" about money`,
    steps: [{ say: first, expect: [/verifica preliminare/, /Situazione: sei disoccupato/, /non è un ostacolo/], not: [/^No/, /non ti versa denaro/] }],
  })),
  {
    name: 'a question about a word is not the worker\'s own case: "cos\'è la cassa integrazione?" gets an answer, no pre-check, no place "La Cassa"',
    steps: [{ say: "cos'è la cassa integrazione?", expect: [/cassa integrazione/], not: [/verifica preliminare/, /La Cassa/, NOT_ELIGIBLE] }],
  },
  {
    name: 'unemployed on NASpI after a closure -> likely, with or without income support',
    steps: [
      { say: 'prendo la naspi da quando la ditta di Monza ha chiuso, rientro?', expect: [/Monza \(MB\)/, /chiusura/, /sei disoccupato/] },
      { say: 'a gennaio' },
      { say: 'preferisco non dirlo' },
      { say: 'Commercio', expect: [LIKELY, /con o senza sostegno al reddito/, NO_OPEN_CALL] },
    ],
  },
  // ---- never worked / students: not the target, said kindly, with where to turn ----
  ...[
    'ho 23 anni e non ho mai lavorato, posso partecipare?',
    'sono una studentessa universitaria, posso partecipare?',
    'cerco il primo lavoro, fa per me?',
    'mi sono appena diplomato, posso aderire?',
  ].map<Case>((first) => ({
    name: `never worked or studying ("${first}") -> not the target, kindly, with where to turn; nothing repeated that was not said`,
    steps: [
      {
        say: first,
        expect: [NOT_ELIGIBLE, /chi studia o non ha ancora lavorato/, ELSEWHERE],
        not: [/sei uscito/, /sei disoccupato/, /Dove si trova la sede/, /L'azienda non risulta in crisi/, /Non sai se l'azienda/, RULES_VERSION],
      },
    ],
  })),
  {
    name: 'never worked, said as the answer about the situation',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'Lodi' },
      { say: 'non lo so' },
      { say: 'non ho mai lavorato', expect: [/non hai ancora avuto un lavoro/, NOT_ELIGIBLE, ELSEWHERE], not: [/sei disoccupato/] },
    ],
  },
  // ---- the work site: the unit, not the home nor the registered office; abroad is outside ----
  ...['lavoro a Lugano, abito a Como', 'sono frontaliere: lavoro a Chiasso e vivo a Como', 'abito a Varese ma lavoro in Svizzera'].map<Case>((answer) => ({
    name: `cross-border worker ("${answer}") -> the unit abroad is outside Lombardy, the home is not the work site`,
    steps: [
      { say: 'Posso partecipare?' },
      { say: answer, expect: [/all'estero, quindi fuori dalla Lombardia/, NOT_ELIGIBLE, ELSEWHERE], not: [/Como \(CO\)/, /Varese \(VA\)/, LIKELY] },
    ],
  })),
  ...["la sede legale è a Milano", "la sede legale dell'azienda è a Milano"].map<Case>((answer) => ({
    name: `inside the dialog "${answer}" -> not taken as the work site; the unit is asked for`,
    steps: [
      { say: 'Posso partecipare?' },
      { say: answer, expect: [/La sede legale non basta/, /Dove si trova la sede/], not: [/Milano \(MI\)/, /crisi\?/] },
      { say: 'lo stabilimento è a Lodi', expect: [/Lodi \(LO\), Lombardia/, /crisi/] },
    ],
  })),
  {
    name: 'a home named as the answer -> the work site is asked for',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'abito a Bergamo', expect: [/Ho capito dove abiti/, /Dove si trova la sede/], not: [/Bergamo \(BG\)/] },
      { say: 'Dalmine', expect: [/Dalmine \(BG\), Lombardia/] },
    ],
  },
  // ---- never repeat back what the worker did not say ----
  {
    name: 'the firm closing, said alone, is not "you still work there": the situation is asked',
    steps: [
      { say: "l'azienda di Como chiude, posso partecipare?", expect: [/Como \(CO\)/, /chiusura/, /Qual è la tua situazione oggi/], not: [/Situazione:/] },
    ],
  },
  {
    name: 'asked about the situation, "l\'azienda sta chiudendo" is not taken as "you still work there": asked again',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'Sondrio' },
      { say: 'crisi' },
      { say: "l'azienda sta chiudendo", expect: [/chiusura/, /Lavori ancora lì, sei disoccupato o hai già un nuovo lavoro|Qual è la tua situazione/], not: [/Situazione:/] },
      { say: 'lavoro ancora lì', expect: [/Situazione: sei ancora dipendente dell'azienda/] },
    ],
  },
  // ---- issue 16: leave is still employment; a rumour is no crisis known ----
  {
    name: 'on sick leave at the situation question: still employed by the firm, not asked again',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'Sondrio' },
      { say: 'cassa integrazione straordinaria' },
      { say: 'sono in malattia da febbraio', expect: [/Situazione: sei ancora dipendente dell'azienda/], not: [/Qual è la tua situazione/] },
    ],
  },
  {
    name: 'rumours of closure at the crisis question: a crisis to be verified, not a closure',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'Lecco' },
      { say: 'ci sono voci di chiusura', expect: [/Crisi aziendale: non nota, da verificare/], not: [/Crisi aziendale: chiusura/] },
    ],
  },
  {
    name: 'English: CIGS with no redundancies -> not eligible, explained',
    locale: 'en-US',
    steps: [
      { say: 'Can I take part?' },
      { say: 'Bergamo' },
      { say: "we're on CIGS but no redundancies are planned", expect: [/You said no redundancies are foreseen/] },
      { say: "I'm still employed", expect: [/the measure does not cover you/, /foresee no redundancies/, /Centro per l'Impiego|job centre|Job Centre/i], not: [/Rules:|ar-2018/] },
    ],
  },
  {
    name: 'English: the redundancy question, answered yes',
    locale: 'en-US',
    steps: [
      { say: 'Can I take part?' },
      { say: 'Milan' },
      { say: 'extraordinary wage guarantee (CIGS)' },
      { say: "I'm still employed", expect: [/foresee redundancies/] },
      { say: 'yes', expect: [/Redundancies foreseen by the agreements: yes/, /company's name/] },
    ],
  },
];

// the bot as built, driven through its adapter in process (the wire path: test/conversations, test/referral)
describe('eligibility pre-check in conversation (the bot in process, fixed clock)', () => {
  let bot: InProcessBot;
  beforeAll(async () => {
    bot = await startInProcessBot({}, { clock: () => NOW });
  });
  afterAll(async () => {
    await bot.stop();
  });

  test.each([...cases, ...callCases])('$name', async ({ locale, steps }) => {
    const chat = new Chat(bot, { locale: locale ?? 'it-IT' });
    await chat.join();
    for (const step of steps) {
      const replies = await chat.say(step.say);
      const text = textOf(replies);
      for (const pattern of step.expect ?? []) expect(`${step.say} -> ${text}`).toMatch(pattern);
      for (const pattern of step.not ?? []) expect(`${step.say} -> ${text}`).not.toMatch(pattern);
    }
  });

  test('every question offers buttons for the common answers', async () => {
    const chat = new Chat(bot);
    await chat.join();
    expect(buttonsOf(await chat.say('Posso partecipare?'))).toEqual(expect.arrayContaining(['Fuori Lombardia', 'Non lo so']));
    expect(buttonsOf(await chat.say('Lecco'))).toEqual(expect.arrayContaining(['Cassa integrazione straordinaria', 'Nessuna crisi', 'Non lo so']));
    expect(buttonsOf(await chat.say('chiusura'))).toEqual(expect.arrayContaining(['Sono uscito e sono disoccupato']));
  });

  test('after two failed answers the place question lists every Lombardy province and offers a person', async () => {
    const chat = new Chat(bot);
    await chat.join();
    await chat.say('Posso partecipare?');
    await chat.say('qwerty');
    const buttons = buttonsOf(await chat.say('zxcvb'));
    expect(buttons).toHaveLength(15);
    expect(buttons).toEqual(expect.arrayContaining(['Monza e della Brianza (MB)', 'Sondrio (SO)', 'Fuori Lombardia', 'Parla con un operatore']));
  });

  test('a third miss does not loop: the place is left to be checked and the pre-check goes on', async () => {
    const chat = new Chat(bot);
    await chat.join();
    await chat.say('Posso partecipare?');
    await chat.say('qwerty');
    await chat.say('zxcvb');
    const reply = textOf(await chat.say('asdfg'));
    expect(reply).toMatch(/da verificare e andiamo avanti/);
    expect(reply).toMatch(/coinvolta in una crisi\?/);
  });

  test('"Parla con un operatore" after two misses starts the referral, consent first', async () => {
    const chat = new Chat(bot);
    await chat.join();
    await chat.say('Posso partecipare?');
    await chat.say('qwerty');
    await chat.say('zxcvb');
    expect(textOf(await chat.say('Parla con un operatore'))).toMatch(/Acconsenti/);
  });
});
