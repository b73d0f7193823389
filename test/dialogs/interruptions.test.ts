/**
 * The worker's commands at every step of every dialog, through the bot's adapter in process (the server as built,
 * without a socket: test/support/inProcessBot.ts), on the embedded store and (with MONGODB_URI) a representative
 * part of the table on MongoDB (every step of the referral, and the commands that end or erase at each dialog's
 * first step): each command does what it says and is never stored as an answer. Commands that leave
 * the dialog where it was ("i miei dati", "aiuto", "le mie iscrizioni", an erasure answered "no") are typed one
 * after the other at each step, which must then be asked again and finish with the worker's real answers; commands
 * that end the dialog ("annulla", "stop", "menu", "stop notizie", an erasure answered "sì") each get a
 * conversation of their own per step, after which no dialog is under way and nothing typed is kept.
 */
import type { Activity } from 'botbuilder';
import { botStateLifetime } from '../../bot/state/storeStorage';
import { StateRepository, type StateItem } from '../../models/state/stateRepository';
import { Chat, textOf } from '../support/botServer';
import { startInProcessBot, type InProcessBot } from '../support/inProcessBot';
import { botStores, dropBotDatabase } from '../support/storedData';

const NOW = new Date('2026-06-15T10:00:00Z');

interface Step {
  step: string;
  /** the question this step asks (the last thing the worker reads) */
  question: RegExp;
  /** the worker's real answer; `n` makes contacts unique per conversation */
  answer: (n: number) => string;
}

interface Journey {
  name: string;
  start: string;
  steps: Step[];
  /** after the last answer: what must have been kept, exactly the answers given */
  checkResult: (bot: InProcessBot, chat: Chat, lastReply: string, n: number) => Promise<void>;
}

const phoneOf = (n: number): string => `347 889 ${String(1000 + n)}`;
const normalizedPhone = (n: number): string => `+39347889${String(1000 + n)}`;

const REFERRAL: Journey = {
  name: 'referral',
  start: 'Voglio essere ricontattato',
  steps: [
    { step: 'consent', question: /Acconsent[io]/, answer: () => 'Acconsento' },
    { step: 'name', question: /Come ti chiami\?/, answer: () => 'Ottavio Brambillasca' },
    { step: 'contact', question: /Lasciami un numero di telefono/, answer: phoneOf },
    { step: 'time', question: /Quando preferisci essere contattato\?/, answer: () => 'Pomeriggio' },
    // a firm called "Stop Srl" is a firm: only a whole message "stop" is the command
    { step: 'employer', question: /Come si chiama l'azienda\?/, answer: () => 'Stop Srl' },
    { step: 'sector', question: /In quale settore lavora l'azienda\?/, answer: () => 'Metalmeccanico' },
    { step: 'summary', question: /Confermi l'invio della richiesta\?/, answer: () => 'Conferma' },
  ],
  async checkResult(bot, _chat, lastReply, n) {
    const reference = /AR-[2-9A-HJ-NP-Z]{5}/.exec(lastReply)?.[0];
    expect(reference).toBeDefined();
    const lead = await bot.domain.leads.getByReference(reference ?? '');
    expect(lead?.contact).toMatchObject({ name: 'Ottavio Brambillasca', phone: normalizedPhone(n), preferredTime: 'Pomeriggio' });
    expect(lead?.employer).toMatchObject({ name: 'Stop Srl', sector: 'metalmeccanico' });
  },
};

const PRECHECK: Journey = {
  name: 'pre-check',
  start: 'Posso partecipare?',
  steps: [
    { step: 'place', question: /Dove si trova la sede/, answer: () => 'Treviglio' },
    { step: 'crisis', question: /coinvolta in una crisi\?/, answer: () => 'Cassa integrazione straordinaria' },
    { step: 'situation', question: /Qual è la tua situazione oggi\?/, answer: () => 'Lavoro ancora lì, ma rischio di perdere il posto' },
    { step: 'redundancies', question: /accordi sulla cassa integrazione prevedono esuberi/, answer: () => 'Sì, sono previsti esuberi' },
    { step: 'employer', question: /Come si chiama l'azienda\?/, answer: () => 'Stop Srl' },
    { step: 'sector', question: /In quale settore lavora l'azienda\?/, answer: () => 'Metalmeccanico' },
    { step: 'outcome', question: /probabilmente puoi partecipare/, answer: () => 'Voglio essere ricontattato' },
  ],
  async checkResult(bot, chat, lastReply) {
    expect(lastReply).toMatch(/Acconsenti/);
    const state = await conversationState(bot, chat);
    const precheck = (state?.conversationData as { lastPrecheck?: { answers: Record<string, unknown> } } | undefined)?.lastPrecheck;
    expect(precheck?.answers).toMatchObject({ place: { comune: 'Treviglio' }, crisis: 'CIGS', situation: 'AT_RISK', redundancies: 'yes', employer: 'Stop Srl', sector: 'metalmeccanico' });
  },
};

const SUBSCRIPTION: Journey = {
  name: 'news subscription',
  start: 'Voglio ricevere novità',
  steps: [
    { step: 'consent', question: /Acconsenti a ricevere le notizie/, answer: () => 'Sì, iscrivimi' },
    { step: 'provinces', question: /Per quali province/, answer: () => 'Bergamo e Brescia' },
    { step: 'topics', question: /Quali notizie ti interessano\?/, answer: () => 'Tutte' },
  ],
  async checkResult(bot, chat, lastReply) {
    expect(lastReply).toMatch(/Fatto, sei iscritto/);
    const held = await bot.campaign.subscriptions.heldBy({ channelId: 'emulator', userId: chat.userId, conversationId: chat.conversationId });
    expect(held.map((s) => s.provinces)).toEqual([['BG', 'BS']]);
  },
};

const JOURNEYS = [REFERRAL, PRECHECK, SUBSCRIPTION];

/** Commands after which the interrupted question is asked again. Typed in this order at every step. */
const RESUMING: Array<{ say: string[]; reply: RegExp }> = [
  { say: ['i miei dati'], reply: /Da questa chat non risultano richieste|Ecco cosa è conservato/ },
  { say: ['I miei dati?'], reply: /Risposte di questa conversazione: tengo quelle/ },
  { say: ['my data'], reply: /Risposte di questa conversazione/ },
  { say: ['Aiuto'], reply: /Rispondi alla domanda qui sopra/ },
  { say: ['?'], reply: /Rispondi alla domanda qui sopra/ },
  { say: ['le mie iscrizioni'], reply: /Non hai iscrizioni attive/ },
  { say: ['Cancella i miei dati', 'No, tienili'], reply: /non ho cancellato nulla/ },
  // commands at the erasure's own confirmation: each asks it again; then "no" goes back to the question
  { say: ['cancella tutti i miei dati', 'i miei dati', 'aiuto', 'cancella i miei dati', 'no'], reply: /non ho cancellato nulla/ },
];

/** Commands that end the dialog: one conversation each, per step. */
const ERASE_CONFIRMATION = /Vuoi davvero cancellare i tuoi dati\?[\s\S]*Cancellerò anche le risposte che mi hai dato in questa conversazione/;
const ENDING: Array<{ name: string; say: Array<[string, RegExp]>; erases?: boolean }> = [
  { name: 'annulla', say: [['annulla', /ho interrotto/]] },
  { name: 'STOP', say: [['STOP', /ho interrotto/]] },
  { name: 'menu', say: [['Menu!', /Come posso aiutarti\?/]] },
  { name: 'stop notizie', say: [['stop notizie', /Non hai iscrizioni attive: non riceverai notizie/]] },
  { name: 'cancella i miei dati, sì', say: [['Cancella tutti i miei dati!', ERASE_CONFIRMATION], ['Sì, cancella', /Fatto: ho cancellato[\s\S]*Risposte di questa conversazione: cancellate/]], erases: true },
  { name: 'delete my data, yes', say: [['please delete my data', ERASE_CONFIRMATION], ['yes', /Risposte di questa conversazione: cancellate/]], erases: true },
  { name: 'cancella i miei dati, then annulla', say: [['cancella i miei dati', ERASE_CONFIRMATION], ['annulla', /ho interrotto/]] },
  { name: 'cancella i miei dati, then stop notizie', say: [['cancella i miei dati', ERASE_CONFIRMATION], ['stop notizie', /Non hai iscrizioni attive: non riceverai notizie/]] },
];

/** The conversation's bot state as stored (the key is botbuilder's ConversationState key, empty namespace last). */
async function conversationState(bot: InProcessBot, chat: Chat): Promise<StateItem | undefined> {
  const repository = await StateRepository.open(bot.store, { lifetime: botStateLifetime(24), now: () => NOW });
  const key = `emulator/conversations/${chat.conversationId}/`;
  return (await repository.read([key]))[key];
}

function lastText(activities: Partial<Activity>[]): string {
  return textOf(activities.slice(-1));
}

describe.each(botStores())('commands at every step of every dialog, on the $name store', (storeKind) => {
  let bot: InProcessBot;
  let conversations = 0;

  beforeAll(async () => {
    bot = await startInProcessBot(storeKind.env(), { clock: () => NOW });
  });
  afterAll(async () => {
    await dropBotDatabase(bot);
    await bot.stop();
  });

  /** A new conversation brought to `steps[index]`, whose question is on screen. */
  async function reach(journey: Journey, index: number): Promise<{ chat: Chat; n: number }> {
    const n = conversations++;
    const chat = new Chat(bot);
    await chat.join();
    let reply = await chat.sayText(journey.start);
    for (const step of journey.steps.slice(0, index)) {
      expect(reply).toMatch(step.question);
      reply = await chat.sayText(step.answer(n));
    }
    expect(reply).toMatch(journey.steps[index].question);
    return { chat, n };
  }

  // MongoDB keeps the same state documents as the embedded store (the store contract suite shows both adapters
  // alike): there, a part of the table shows that the dialogs' state round-trips through it at every referral step
  const whole = storeKind.name === 'embedded';
  const resumingCases = JOURNEYS.filter((journey) => whole || journey === REFERRAL).flatMap((journey) => journey.steps.map((step, index) => ({ journey, step: step.step, index })));
  test.each(resumingCases.map((c) => [`${c.journey.name} · ${c.step}`, c] as const))(
    '%s: "i miei dati", "aiuto", "le mie iscrizioni", an erasure declined: answered, the question asked again, the real answers kept',
    async (_name, { journey, index }) => {
      const { chat, n } = await reach(journey, index);
      const step = journey.steps[index];
      for (const command of RESUMING) {
        let replies: Partial<Activity>[] = [];
        for (const line of command.say) replies = await chat.say(line);
        expect(textOf(replies)).toMatch(command.reply);
        expect(lastText(replies)).toMatch(step.question);
      }
      let reply = '';
      for (const rest of journey.steps.slice(index)) reply = await chat.sayText(rest.answer(n));
      await journey.checkResult(bot, chat, reply, n);
      const stored = JSON.stringify(await conversationState(bot, chat));
      for (const command of RESUMING.flatMap((c) => c.say)) expect(stored).not.toContain(JSON.stringify(command));
    },
  );

  const endingCases = JOURNEYS.flatMap((journey) =>
    journey.steps.flatMap((step, index) =>
      ENDING.filter((command) => whole || (index === 0 && (command.name === 'annulla' || command.name === 'cancella i miei dati, sì'))).map((command) => ({ journey, step: step.step, index, command })),
    ),
  );
  test.each(endingCases.map((c) => [`${c.journey.name} · ${c.step} · «${c.command.name}»`, c] as const))('%s ends the dialog and stores nothing typed as an answer', async (_name, { journey, index, command }) => {
    const { chat, n } = await reach(journey, index);
    for (const [line, reply] of command.say) expect(await chat.sayText(line)).toMatch(reply);

    const state = await conversationState(bot, chat);
    const stack = (state?.dialogState as { dialogStack?: unknown[] } | undefined)?.dialogStack ?? [];
    expect(stack).toEqual([]);
    const stored = JSON.stringify(state ?? {});
    for (const [line] of command.say) expect(stored).not.toContain(JSON.stringify(line));
    if (command.erases) {
      // nothing the worker typed survives, not even the pre-check outside the dialog
      for (const step of journey.steps.slice(0, index)) expect(stored).not.toContain(step.answer(n));
      expect(state?.conversationData).toEqual({ welcomed: true });
    }
    // no referral was made from the answers given before the command
    const leads = await bot.domain.leads.list({ role: 'staff' }, {}, { limit: 100 });
    expect(leads.items.some((lead) => lead.contact?.phone === normalizedPhone(n))).toBe(false);
    // and the dialog is over: its next answer is not taken as one
    if (index + 1 < journey.steps.length) expect(await chat.sayText(journey.steps[index].answer(n))).not.toMatch(journey.steps[index + 1].question);
  });
});
