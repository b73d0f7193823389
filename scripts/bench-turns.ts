import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import autocannon from 'autocannon';
import { contentDir } from '../models/paths';
import { productionNodeFlags } from './productionNodeFlags';
import { evalDir, readJsonLines } from './evalCases';

/**
 * The turns a worker takes, timed through POST /api/messages (expectReplies) against a bare echo bot on the same
 * stack, in the same run and with the same load, so the figures are read as ratios to that baseline:
 *
 * - a menu turn ("menu");
 * - a FAQ question: the content's own phrasings (it and en) and paraphrases with typos, each request the next one,
 *   only those the bot answers or offers topics for (checked once before timing, through the bot itself);
 * - a pre-check step and a referral step: each virtual user (autocannon connection) walks the whole dialog in a
 *   conversation of its own, with its own place, firm, name and phone, then starts a new one; every reply is checked
 *   against the question the step should lead to, so a turn that did not advance the dialog counts as off-script.
 *
 * on the embedded store and, when MONGODB_URI is set, on MongoDB (a database of its own). The bot's process reports
 * the worst event-loop delay (perf_hooks monitorEventLoopDelay) during each stretch of load.
 */

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP_S = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Conversations the single-turn kinds (echo, menu, FAQ) cycle through. */
const CONVERSATIONS = 500;

export type TurnKind = 'echo' | 'menu' | 'faq' | 'precheck' | 'referral';
export const TURN_LABELS: Record<TurnKind, string> = {
  echo: 'echo bot',
  menu: 'menu turn',
  faq: 'FAQ question',
  precheck: 'pre-check step',
  referral: 'referral step',
};

export interface TurnFigures {
  /** `compare`: the embedded store on another build (BENCH_COMPARE_DIST), timed in the same run */
  store: 'embedded' | 'mongodb' | 'compare' | 'echo';
  kind: TurnKind;
  turnsPerSecond: number;
  p50: number;
  p99: number;
  /** the worst event-loop delay in the server's process over the timed rounds, ms */
  loopDelayMaxMs: number;
  /** replies that were not what the step leads to (a dialog that did not advance, a question not answered) */
  offScript: number;
  /** connection errors, timeouts and non-2xx answers */
  errors: number;
}

export interface TurnsBench {
  connections: number;
  seconds: number;
  rounds: number;
  faqQuestions: number;
  figures: TurnFigures[];
}

/** One turn of a script: what the virtual user says, and what the reply must contain for the dialog to have moved. */
export interface Step {
  say: (user: number) => string;
  expect?: RegExp;
  locale?: string;
}

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length];
}

const PLACES = ['Treviglio', 'Bergamo', 'Sesto San Giovanni', 'lavoro a Crema', 'Brescia', 'Monza', 'a Lecco', 'Cremona', 'Varese', 'Pavia', 'Como', 'Lodi', 'Mantova', 'Legnano', 'Busto Arsizio', 'Vigevano', 'Cinisello Balsamo', 'Sondrio'];
const CRISES = ['Cassa integrazione straordinaria', 'cigs', 'siamo in cassa integrazione straordinaria', "l'azienda è in cassa integrazione straordinaria"];
const STILL_EMPLOYED = ['Lavoro ancora lì, ma rischio di perdere il posto', 'sono ancora dipendente', 'lavoro ancora in azienda'];
const REDUNDANCIES = ['Sì, sono previsti esuberi', 'sì', 'si, ci sono esuberi'];
const FIRMS = ['Fonderie Rossi srl', 'Acciaierie Lombarde spa', 'Tessitura Brambilla', 'Meccanica Orobica', 'Cartiera del Serio', 'Plastiche Brianza srl'];
const SECTORS = ['Metalmeccanico', 'siderurgia', 'tessile', 'meccanica', 'carta', 'plastica'];
const FIRST_NAMES = ['Mario', 'Giulia', 'Paolo', 'Francesca', 'Luca', 'Chiara', 'Marco', 'Sara', 'Andrea', 'Elena'];
const SURNAMES = ['Rossi', 'Bianchi', 'Verdi', 'Colombo', 'Ferrari', 'Galli', 'Fontana', 'Conti', 'Villa', 'Ricci', 'Brambilla'];
const TIMES = ['Pomeriggio', 'Mattina', 'dopo le 17', 'in mattinata', 'qualsiasi ora'];

/** Walks the pre-check to its outcome (a worker still employed in a firm in crisis, with redundancies foreseen). */
export const PRECHECK: Step[] = [
  { say: (u) => pick(['Posso partecipare?', 'posso aderire alla misura?', 'vorrei verificare se posso partecipare'], u), expect: /Dove si trova la sede/ },
  { say: (u) => pick(PLACES, u), expect: /coinvolta in una crisi/ },
  { say: (u) => pick(CRISES, u), expect: /situazione oggi/ },
  { say: (u) => pick(STILL_EMPLOYED, u), expect: /esuberi/ },
  { say: (u) => pick(REDUNDANCIES, u), expect: /Come si chiama l'azienda/ },
  { say: (u) => pick(FIRMS, u), expect: /settore/ },
  { say: (u) => pick(SECTORS, u), expect: /Esito della verifica/ },
];

/** Asks to be contacted and sends the request: consent, name, phone or e-mail, time, firm, sector, confirmation. */
export const REFERRAL: Step[] = [
  { say: (u) => pick(['Voglio essere ricontattato', 'vorrei essere ricontattata', 'mi potete ricontattare?'], u), expect: /Acconsenti/ },
  { say: (u) => pick(['Acconsento', 'sì, acconsento'], u), expect: /Come ti chiami/ },
  { say: (u) => `${pick(FIRST_NAMES, u)} ${pick(SURNAMES, Math.floor(u / FIRST_NAMES.length))}`, expect: /telefono/ },
  // each user a phone or e-mail of its own, so no request is a duplicate of another
  { say: (u) => (u % 3 === 2 ? `utente.${u}@example.com` : `3${String(30 + (u % 9))} ${String(1000000 + (u % 8999999)).slice(0, 3)} ${String(1000000 + (u % 8999999)).slice(3)}`), expect: /Quando preferisci/ },
  { say: (u) => pick(TIMES, u), expect: /Come si chiama l'azienda/ },
  { say: (u) => pick(FIRMS, u + 1), expect: /settore/ },
  { say: (u) => pick(SECTORS, u + 1), expect: /Confermi/ },
  { say: () => 'Conferma', expect: /Codice riferimento/ },
];

/** Paraphrases of the FAQ, as workers type them (typos, dialect words, no question mark). */
const PARAPHRASES: Array<{ q: string; locale: string }> = [
  { locale: 'it', q: 'di cosa si occupa azioni di rete?' },
  { locale: 'it', q: 'spiegami la misura azioni di rete per il lavoro' },
  { locale: 'it', q: 'chi sono i beneficiari della misura?' },
  { locale: 'it', q: 'sono un cassaintegrato, ho diritto ai servizi?' },
  { locale: 'it', q: 'serve essere residenti in regione?' },
  { locale: 'it', q: 'quanto valgono i servizi di orientamento?' },
  { locale: 'it', q: 'qual è il valore massimo per l’inserimento al lavoro?' },
  { locale: 'it', q: 'quanto vale il servizio di inserimento lavorativo?' },
  { locale: 'it', q: 'la misura mi dà un assegno mensile?' },
  { locale: 'it', q: 'come funziona la fascia di intensità?' },
  { locale: 'it', q: 'quante persone ci vogliono come minimo?' },
  { locale: 'it', q: 'a quanto ammontano le risorse stanziate?' },
  { locale: 'it', q: 'in base a quale legge regionale è nata?' },
  { locale: 'it', q: 'quanto dura il servizio?' },
  { locale: 'it', q: 'devo pagare qualcosa per partecipare' },
  { locale: 'it', q: 'chi mi aiuta a scrivere il curriculum?' },
  { locale: 'it', q: 'fate anche corsi di formazione?' },
  { locale: 'it', q: 'quando scade il bando' },
  { locale: 'it', q: 'come si aderisce ad azioni di rete?' },
  { locale: 'it', q: 'un progetto può coinvolgere 5 aziende?' },
  { locale: 'it', q: 'quanto vale il sostegno per aprire partita iva' },
  { locale: 'it', q: 'che documenti servono per iscriversi?' },
  { locale: 'it', q: 'cos e un partenariato?' },
  { locale: 'it', q: 'dove trovo il testo del bando?' },
  { locale: 'en', q: 'who can take part in this programme?' },
  { locale: 'en', q: 'how much is the job placement service worth?' },
  { locale: 'en', q: 'do I have to pay anything?' },
  { locale: 'en', q: 'how long does the support last?' },
];

/** Every question the FAQ scenario may ask: the content's phrasings, the dev set, the paraphrases above. */
export function candidateQuestions(): Array<{ q: string; locale: string }> {
  const out: Array<{ q: string; locale: string }> = [];
  for (const locale of ['it', 'en']) {
    const measure = JSON.parse(fs.readFileSync(path.join(contentDir, 'measure', `${locale}.json`), 'utf8')) as { faq: Array<{ questions: string[] }> };
    for (const entry of measure.faq) for (const q of entry.questions) out.push({ q, locale });
  }
  const dev = path.join(evalDir([], process.env), 'faq.dev.jsonl');
  if (fs.existsSync(dev)) for (const { q, locale } of readJsonLines<{ q: string; locale?: string }>(dev)) out.push({ q, locale: locale?.startsWith('en') ? 'en' : 'it' });
  out.push(...PARAPHRASES);
  return out;
}

interface Server {
  name: string;
  port: number;
  child: ChildProcess;
}

async function startServer(kind: 'echo' | 'bot', env: Record<string, string> = {}, dist = path.join(__dirname, '..')): Promise<Server> {
  // both servers with the flags of `npm start`: the bot as production runs it, the echo bot on the same footing
  const child = fork(path.join(dist, 'scripts', 'benchServers.js'), [kind], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'], env: { ...process.env, ...env }, execArgv: productionNodeFlags() });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { name: kind, port, child };
}

/** Starts or stops the server's event-loop delay histogram (scripts/benchServers.ts). */
function loopDelay(child: ChildProcess, action: 'start' | 'stop'): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown): void => {
      const m = message as { eventLoop?: { maxMs: number } };
      if (!m.eventLoop) return;
      child.off('message', onMessage);
      resolve(m.eventLoop.maxMs);
    };
    child.on('message', onMessage);
    child.send({ eventLoop: action });
  });
}

export function activity(text: string, conversation: string, user: string, locale = 'it'): string {
  return JSON.stringify({
    type: 'message',
    text,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:1',
    deliveryMode: 'expectReplies',
    locale: locale === 'en' ? 'en-US' : 'it-IT',
    conversation: { id: conversation },
    from: { id: user },
    recipient: { id: 'bot' },
  });
}

/** The reply texts of an expectReplies answer. */
function replyText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { activities?: Array<{ text?: string }> };
    return (parsed.activities ?? []).map((a) => a.text ?? '').join('\n');
  } catch {
    return '';
  }
}

/** The questions the bot answers (or offers topics for) in one turn, without starting a dialog. */
export async function answeredQuestions(port: number): Promise<Array<{ q: string; locale: string }>> {
  const answers = new Map<string, string[]>();
  for (const locale of ['it', 'en']) {
    const measure = JSON.parse(fs.readFileSync(path.join(contentDir, 'measure', `${locale}.json`), 'utf8')) as { faq: Array<{ answer: string }> };
    answers.set(locale, measure.faq.map((e) => e.answer.split('{{')[0].slice(0, 40)));
  }
  const didYouMean = /Forse cercavi|Did you mean one of these/;
  const kept: Array<{ q: string; locale: string }> = [];
  let n = 0;
  for (const question of candidateQuestions()) {
    const id = `bench-probe-${n++}`;
    // the first turn of a conversation carries the welcome: asked second, as in a conversation under way
    await post(port, activity('grazie', id, id, question.locale));
    const text = replyText(await post(port, activity(question.q, id, id, question.locale)));
    const answered = (answers.get(question.locale) ?? []).some((prefix) => text.includes(prefix)) || didYouMean.test(text);
    if (answered) kept.push(question);
  }
  return kept;
}

async function post(port: number, body: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return response.text();
}

interface Scenario {
  kind: TurnKind;
  store: TurnFigures['store'];
  server: Server;
  requests: () => autocannon.Request[];
  offScript: { count: number };
}

let users = 0;
const HEADERS = { 'content-type': 'application/json' };

/** A single turn repeated over CONVERSATIONS conversations, the text of each request from `text(n)`. */
function singleTurn(prefix: string, text: (n: number) => { q: string; locale: string }, onScript: (body: string) => boolean, offScript: { count: number }): () => autocannon.Request[] {
  let n = 0;
  return () => [
    {
      method: 'POST',
      headers: HEADERS,
      setupRequest: (req) => {
        const i = n++;
        const { q, locale } = text(i);
        const conversation = `${prefix}-${i % CONVERSATIONS}`;
        return { ...req, body: activity(q, conversation, `u-${conversation}`, locale) };
      },
      onResponse: (_status, body) => {
        if (!onScript(String(body))) offScript.count += 1;
      },
    },
  ];
}

/**
 * A dialog walked by each connection, each walk a new conversation of its own: autocannon runs a connection's
 * requests in order and starts the list again with a fresh context.
 */
function dialogScript(prefix: string, steps: Step[], offScript: { count: number }): () => autocannon.Request[] {
  return () =>
    steps.map((step, i) => ({
      method: 'POST',
      headers: HEADERS,
      setupRequest: (req: autocannon.Request, context: object) => {
        const walk = context as { user?: number };
        if (i === 0 || walk.user === undefined) walk.user = users++;
        const user = walk.user;
        return { ...req, body: activity(step.say(user), `${prefix}-${user}`, `${prefix}-user-${user}`, step.locale) };
      },
      onResponse: (_status: number, body: string) => {
        if (step.expect && !step.expect.test(String(body))) offScript.count += 1;
      },
    }));
}

interface Round {
  turnsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  loopDelayMs: number;
}

async function load(scenario: Scenario, seconds: number): Promise<Round> {
  await loopDelay(scenario.server.child, 'start');
  const result = await autocannon({
    url: `http://127.0.0.1:${scenario.server.port}/api/messages`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: scenario.requests(),
  });
  const loopDelayMs = await loopDelay(scenario.server.child, 'stop');
  return { turnsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx, loopDelayMs };
}

/** The round with the median throughput; its latencies are reported with it. */
function median(rounds: Round[]): Round {
  const sorted = [...rounds].sort((a, b) => a.turnsPerSecond - b.turnsPerSecond);
  return sorted[Math.floor(sorted.length / 2)];
}

/** What a FAQ question must not get: the "not understood" fallback, or the start of a dialog. */
const NOT_A_FAQ_REPLY = /non ho capito|didn't understand|Facciamo una verifica preliminare|Dove si trova la sede|Let's run a quick pre-check/i;

function botScenarios(store: 'embedded' | 'mongodb' | 'compare', server: Server, questions: Array<{ q: string; locale: string }>): Scenario[] {
  const prefix = `bench-${store}`;
  const counter = (): { count: number } => ({ count: 0 });
  const menu = counter();
  const faq = counter();
  const precheck = counter();
  const referral = counter();
  return [
    { kind: 'menu', store, server, offScript: menu, requests: singleTurn(`${prefix}-menu`, () => ({ q: 'menu', locale: 'it' }), (body) => /Come posso aiutarti/.test(body), menu) },
    // a question reply is an answer or topics; never the "not understood" fallback nor the start of a dialog
    { kind: 'faq', store, server, offScript: faq, requests: singleTurn(`${prefix}-faq`, (i) => questions[i % questions.length], (body) => !NOT_A_FAQ_REPLY.test(body), faq) },
    { kind: 'precheck', store, server, offScript: precheck, requests: dialogScript(`${prefix}-precheck`, PRECHECK, precheck) },
    { kind: 'referral', store, server, offScript: referral, requests: dialogScript(`${prefix}-referral`, REFERRAL, referral) },
  ];
}

export async function benchTurns(): Promise<TurnsBench> {
  const servers: Server[] = [];
  try {
    const echo = await startServer('echo');
    servers.push(echo);
    const embedded = await startServer('bot');
    servers.push(embedded);
    const questions = await answeredQuestions(embedded.port);
    const echoOffScript = { count: 0 };
    const scenarios: Scenario[] = [
      { kind: 'echo', store: 'echo', server: echo, offScript: echoOffScript, requests: singleTurn('bench-echo', () => ({ q: 'ciao', locale: 'it' }), (body) => body.includes('echo: ciao'), echoOffScript) },
      ...botScenarios('embedded', embedded, questions),
    ];
    // BENCH_COMPARE_DIST=<another build's dist/>: that build's bot too, on the embedded store, in the same rounds
    // (a before/after comparison that a shared machine's changing load does not skew)
    const compareDist = process.env.BENCH_COMPARE_DIST;
    if (compareDist) {
      const other = await startServer('bot', {}, path.resolve(compareDist));
      servers.push(other);
      scenarios.push(...botScenarios('compare', other, questions));
    }
    const mongoUri = process.env.MONGODB_URI;
    if (mongoUri) {
      const url = new URL(mongoUri);
      url.pathname = `/adr_bench_${process.pid}_${Date.now()}`;
      const mongo = await startServer('bot', { BENCH_MONGODB_URI: url.toString() });
      servers.push(mongo);
      scenarios.push(...botScenarios('mongodb', mongo, questions));
    }
    // Each scenario is warmed up with the same load first (JIT, first state writes), then the scenarios take turns
    // over several rounds so a noisy moment on the machine hits them alike; the median round of each is reported,
    // with the worst event-loop delay of all its rounds.
    for (const scenario of scenarios) await load(scenario, WARMUP_S);
    for (const scenario of scenarios) scenario.offScript.count = 0;
    const rounds = new Map<Scenario, Round[]>(scenarios.map((s) => [s, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const scenario of scenarios) rounds.get(scenario)?.push(await load(scenario, DURATION_S));
    }
    const figures = scenarios.map((scenario): TurnFigures => {
      const all = rounds.get(scenario) ?? [];
      const mid = median(all);
      return {
        store: scenario.store,
        kind: scenario.kind,
        turnsPerSecond: mid.turnsPerSecond,
        p50: mid.p50,
        p99: mid.p99,
        loopDelayMaxMs: Math.max(0, ...all.map((r) => r.loopDelayMs)),
        offScript: scenario.offScript.count,
        errors: all.reduce((sum, r) => sum + r.errors, 0),
      };
    });
    return { connections: CONNECTIONS, seconds: DURATION_S, rounds: ROUNDS, faqQuestions: questions.length, figures };
  } finally {
    for (const server of servers) server.child.kill();
  }
}

/** Targets on the embedded store: every turn kind at least 60% of the echo bot's turns/s, p99 at most 2x. */
const THROUGHPUT_TARGET = 0.6;
const TAIL_TARGET = 2;

export function turnsReport(bench: TurnsBench): string[] {
  const echo = bench.figures.find((f) => f.kind === 'echo');
  const lines = [
    `\n== Turns through POST /api/messages (expectReplies), ${bench.connections} connections, median of ${bench.rounds} rounds of ${bench.seconds} s; FAQ: ${bench.faqQuestions} different questions`,
    'store     turn              turns/s  vs echo   p50 ms   p99 ms  p99 vs echo  worst loop delay ms  off-script  errors  target (>= 60%, p99 <= 2x)',
  ];
  for (const f of bench.figures) {
    const ratio = echo ? f.turnsPerSecond / echo.turnsPerSecond : 1;
    const tail = echo ? f.p99 / Math.max(1, echo.p99) : 1;
    const target = f.kind === 'echo' ? '' : ratio >= THROUGHPUT_TARGET && tail <= TAIL_TARGET ? 'met' : 'MISSED';
    lines.push(
      [
        f.store.padEnd(9),
        TURN_LABELS[f.kind].padEnd(16),
        f.turnsPerSecond.toFixed(0).padStart(8),
        `${(ratio * 100).toFixed(0)}%`.padStart(8),
        String(f.p50).padStart(8),
        String(f.p99).padStart(8),
        `${tail.toFixed(2)}x`.padStart(12),
        f.loopDelayMaxMs.toFixed(1).padStart(20),
        String(f.offScript).padStart(11),
        String(f.errors).padStart(7),
        `  ${target}`,
      ].join(' '),
    );
  }
  return lines;
}

if (require.main === module) {
  benchTurns()
    .then((bench) => process.stdout.write(`${turnsReport(bench).join('\n')}\n`))
    .catch((err: Error) => {
      process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
      process.exit(1);
    });
}
