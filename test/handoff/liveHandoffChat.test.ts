/**
 * The live handoff from the worker's chat, through the real server (in process, clock fixed on a Monday at 10:00
 * Italian time), with the Connector as the only stand-in (where the bot's proactive messages land): with an
 * operator available the bot says it is looking for one and opens the request; the operator accepts through the
 * API; the worker's messages go to the operator (the bot silent, commands aside) and the operator's come back in the
 * worker's chat with name and role, each sent once even with two relays; the operator typing shows as a typing
 * activity; the end is told; "torna al bot" leaves; a
 * request nobody accepts becomes unanswered and the worker is offered the call-back.
 *
 * Turned into a referral (one server for the file, the clock moved only when told): the operator's click ends with
 * the referral's consent question, the worker's next message starts the referral dialog (pre-filled from a
 * pre-check); after a call-back offer the transcript waits for the worker's answer (yes: kept with the referral,
 * shown to staff, erased by "cancella i miei dati"; no: gone from the store files; no answer: deleted when the hold
 * passes); the funnel counts the handoffs and gives the median wait by province and language.
 */
import type { Activity } from 'botbuilder';
import { AdapterWorkerPoster } from '../../bot/handoff/liveHandoff';
import { HandoffRelay } from '../../models/handoff/handoffRelay';
import { loadPrivacyNotices } from '../../models/privacyNotice';
import { privacyDetailsOf } from '../../bot/config';
import { consentTextsOf, REFERRAL_CONSENT_KEYS } from '../../dialogs/consent';
import { silentLogger } from '../../models/logger';
import { BG_PROJECT, call, injectApiBot, tokenFor, type InjectedApiBot } from '../api/helpers';
import { TRANSCRIPT_HOLD_GRACE_MS, TRANSCRIPT_HOLD_MS } from '../../models/handoff/handoffService';
import { storedText } from '../support/storedData';
import { Chat, buttonsOf, textOf } from '../support/botServer';
import { ConnectorStandIn } from '../teams/connectorStandIn';
import { localeString as say } from '../support/localeStrings';

let api: InjectedApiBot;
let connector: ConnectorStandIn;
let staffToken: string;
let workers = 0;

/** A worker on Web Chat whose conversation reference points at the Connector stand-in (replies still come in the response). */
function worker(locale = 'it-IT'): { chat: Chat; say: (text: string) => Promise<Activity[]>; received: () => string[] } {
  const chat = new Chat(api.bot, { locale, channelId: 'webchat', userId: `live-worker-${++workers}` });
  return {
    chat,
    say: (text) => chat.post({ type: 'message', text, serviceUrl: connector.url }),
    received: () => connector.posts(chat.conversationId).map((p) => p.activity.text ?? ''),
  };
}

beforeAll(async () => {
  connector = await new ConnectorStandIn().start();
  api = await injectApiBot();
  staffToken = await tokenFor(api, 'staff-live', 'staff');
}, 60_000);
afterAll(async () => {
  await api.bot.stop();
  await connector.stop();
});

describe('the live handoff in the worker\'s chat', () => {
  test('nobody available: the call-back as before; no request', async () => {
    const w = worker();
    const text = textOf(await w.say('voglio parlare con un operatore'));
    expect(text).toContain(say('it', 'handoff.liveUnavailable'));
    expect(await api.bot.handoffs.service.openFor({ channel: 'webchat', userId: w.chat.userId })).toBeNull();
  });

  test('a conversation that never opened a request costs no look for one: its turns do not ask the store', async () => {
    const service = api.bot.handoffs.service;
    const openFor = jest.spyOn(service, 'openFor');
    try {
      const w = worker();
      await w.say('ciao');
      await w.say('quanto dura il percorso?');
      await w.say('menu');
      expect(openFor).not.toHaveBeenCalled();
    } finally {
      openFor.mockRestore();
    }
  });

  test('connecting, accepted, messages both ways, commands still answered, the end told once', async () => {
    const service = api.bot.handoffs.service;
    expect((await call(api, 'PUT', '/api/handoffs/availability', staffToken, { available: true })).status).toBe(200);
    const w = worker();
    const asked = await w.say('voglio parlare con un operatore');
    expect(textOf(asked)).toContain(say('it', 'handoff.connecting', { minutes: 2 }));
    expect(buttonsOf(asked)).toEqual([say('it', 'handoff.backToBotCommand')]);
    const identity = { channel: 'webchat', userId: w.chat.userId };
    const open = await service.openFor(identity);
    expect(open?.status).toBe('waiting');

    // while waiting, the worker's words are kept for the operator and the bot stays silent
    expect(await w.say('Sono stato licenziato a marzo')).toEqual([]);
    const accepted = await call<{ status: string }>(api, 'POST', `/api/handoffs/${open?._id}/accept`, staffToken);
    expect(accepted.body.status).toBe('accepted');
    await api.bot.handoffs.relay.runOnce();
    expect(w.received()).toEqual([say('it', 'handoff.joined', { name: 'staff-live', role: say('it', 'handoff.roleStaff') })]);

    expect(await w.say('Mi potete aiutare?')).toEqual([]);
    const read = await call<{ items: Array<{ from: string; text: string }> }>(api, 'GET', `/api/handoffs/${open?._id}/messages?after=0`, staffToken);
    expect(read.body.items.map((m) => [m.from, m.text])).toEqual([
      ['worker', 'Sono stato licenziato a marzo'],
      ['worker', 'Mi potete aiutare?'],
    ]);

    await call(api, 'POST', `/api/handoffs/${open?._id}/messages`, staffToken, { text: 'Certo, mi dica in che provincia lavorava.' });
    // two instances' relays: the message reaches the worker once
    const second = new HandoffRelay({ handoffs: service, poster: await posterOf(api), now: api.clock.now, logger: silentLogger });
    await Promise.all([api.bot.handoffs.relay.runOnce(), second.runOnce()]);
    const operatorLine = say('it', 'handoff.operatorSays', { name: 'staff-live', role: say('it', 'handoff.roleStaff'), text: 'Certo, mi dica in che provincia lavorava.' });
    expect(w.received().filter((t) => t === operatorLine)).toHaveLength(1);

    // the operator types in the console: the worker's chat shows the typing indicator, not resent at every pass
    const typingSent = (): number => connector.posts(w.chat.conversationId).filter((p) => p.activity.type === 'typing').length;
    expect(typingSent()).toBe(0);
    expect((await call(api, 'POST', `/api/handoffs/${open?._id}/typing`, staffToken)).status).toBe(204);
    await api.bot.handoffs.relay.runOnce();
    await api.bot.handoffs.relay.runOnce();
    expect(typingSent()).toBe(1);
    // the reply is what was being typed: no typing indicator after it
    await call(api, 'POST', `/api/handoffs/${open?._id}/messages`, staffToken, { text: 'Ecco.' });
    expect((await service.typingNow(open?._id as string)).operator).toBe(false);

    // a command is still the bot's: the menu comes, the conversation stays with the operator
    expect(textOf(await w.say('menu'))).not.toBe('');
    expect((await service.openFor(identity))?.status).toBe('accepted');

    await call(api, 'POST', `/api/handoffs/${open?._id}/end`, staffToken, { reason: 'referral' });
    await Promise.all([api.bot.handoffs.relay.runOnce(), second.runOnce()]);
    // turned into a referral: told once, with the referral's first question (its consent)
    // (no pre-check in this conversation: the line does not claim its answers)
    const told = w.received().filter((t) => t.startsWith(say('it', 'handoff.referralNoPrecheck', { name: 'staff-live' })));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(consentQuestion());
    expect((await service.get(open?._id as string)).reference).toBeUndefined();
    // the transcript waits for the worker's answer; declining the referral deletes it at once
    expect((await service.get(open?._id as string)).transcriptHeldUntil).toBeDefined();
    expect(textOf(await w.say(say('it', 'referral.consentButtons.no')))).toContain(say('it', 'referral.noConsent'));
    expect((await service.messagesSince(open?._id as string, 0)).items).toEqual([]);
    expect(await api.bot.domain.leads.findForWorker({ channel: 'webchat', userId: w.chat.userId })).toEqual([]);
    // the bot answers again
    expect(textOf(await w.say('cosa è la NASpI?'))).not.toBe('');
  }, 60_000);

  test('"torna al bot" while waiting ends the request; a request nobody accepts is unanswered and the call-back offered', async () => {
    const service = api.bot.handoffs.service;
    await call(api, 'PUT', '/api/handoffs/availability', staffToken, { available: true });
    const leaving = worker('en-GB');
    await leaving.say('I want to talk to a human');
    const leavingOpen = await service.openFor({ channel: 'webchat', userId: leaving.chat.userId });
    expect(leavingOpen?.language).toBe('en');
    expect(textOf(await leaving.say('back to bot'))).toContain(say('en', 'handoff.backToBot'));
    expect((await service.get(leavingOpen?._id as string)).status).toBe('abandoned');

    const waiting = worker();
    await waiting.say('voglio parlare con un operatore');
    const open = await service.openFor({ channel: 'webchat', userId: waiting.chat.userId });
    api.clock.advance(api.bot.config.handoffWaitMs + 1000);
    expect((await api.bot.handoffs.sweep.runOnce()).unanswered).toBeGreaterThanOrEqual(1);
    await api.bot.handoffs.relay.runOnce();
    expect((await service.get(open?._id as string)).status).toBe('unanswered');
    expect(waiting.received().join('\n')).toContain(say('it', 'handoff.unanswered'));
    expect(waiting.received().join('\n')).toContain(say('it', 'handoff.callBackAsk'));
    expect(leaving.received()).toEqual([]);
  }, 60_000);
});

describe('turned into a referral: the worker\'s consent to keep the transcript, the referral opened by the operator\'s click', () => {
  /** A worker whose request an operator accepted, after `waitMs`, with one message each way. */
  async function acceptedConversation(locale = 'it-IT', waitMs = 0) {
    const service = api.bot.handoffs.service;
    await call(api, 'PUT', '/api/handoffs/availability', staffToken, { available: true });
    const w = worker(locale);
    await w.say(locale.startsWith('en') ? 'I want to talk to a human' : 'voglio parlare con un operatore');
    const identity = { channel: 'webchat', userId: w.chat.userId };
    const open = await service.openFor(identity);
    if (!open) throw new Error('no request opened');
    api.clock.advance(waitMs);
    await call(api, 'POST', `/api/handoffs/${open._id}/accept`, staffToken);
    await w.say('Lavoravo alla Fonderie Quarzomatto fino a marzo');
    await call(api, 'POST', `/api/handoffs/${open._id}/messages`, staffToken, { text: 'La faccio richiamare dal progetto di Bergamo.' });
    await api.bot.handoffs.relay.runOnce();
    return { w, identity, id: open._id };
  }

  /** The referral's steps after the consents: name, contact, time, firm, sector, then the summary confirmed. */
  async function completeReferral(w: ReturnType<typeof worker>, language: 'it' | 'en' = 'it'): Promise<string> {
    expect(textOf(await w.say('Mario Rossi'))).toContain(say(language, 'referral.ask.contact'));
    await w.say('347 765 4321');
    await w.say(say(language, 'referral.timeButtons.morning'));
    await w.say(say(language, 'eligibility.buttons.preferNotToSay'));
    expect(textOf(await w.say(say(language, 'eligibility.buttons.dontKnow')))).toContain('Mario Rossi');
    return textOf(await w.say(say(language, 'referral.summaryButtons.confirm')));
  }

  test('yes: the click opens the referral in the worker\'s chat, the transcript is kept with it, shown to its holder, erased on request', async () => {
    const service = api.bot.handoffs.service;
    const { w, identity, id } = await acceptedConversation('it-IT', 30_000);
    expect((await call(api, 'POST', `/api/handoffs/${id}/end`, staffToken, { reason: 'referral' })).status).toBe(200);
    await api.bot.handoffs.relay.runOnce();
    const told = w.received().at(-1) ?? '';
    expect(told).toContain(consentQuestion());

    // the worker's answer, on their next turn, is the referral's consent; the transcript question follows
    const asked = await w.say(say('it', 'referral.consentButtons.yes'));
    expect(textOf(asked)).toContain(say('it', 'referral.transcript.ask'));
    expect(buttonsOf(asked)).toEqual([say('it', 'referral.transcript.buttons.yes'), say('it', 'referral.transcript.buttons.no')]);
    // a plain "sì" is understood as yes
    expect(textOf(await w.say('sì'))).toContain(say('it', 'referral.ask.name'));
    const done = await completeReferral(w);
    expect(done).toContain(say('it', 'referral.transcript.attached'));

    const [lead] = await api.bot.domain.leads.findForWorker(identity);
    expect(lead).toBeDefined();
    const handoff = await service.get(id);
    expect(handoff).toMatchObject({ transcriptKept: true, leadId: lead._id, referralOffer: 'taken' });
    expect(handoff.transcriptHeldUntil).toBeUndefined();
    // the consent names the text's version and the language shown, as the referral's does
    expect(handoff.consent).toMatchObject({ noticeVersion: lead.consent.noticeVersion, language: 'it', textHash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    // the referral's detail: staff read the conversation; an operator who does not hold it does not
    const transcript = await call<{ items: Array<{ consent: { language: string }; messages: Array<{ from: string; text: string }> }> }>(api, 'GET', `/api/referrals/${lead._id}/transcript`, staffToken);
    expect(transcript.status).toBe(200);
    expect(transcript.body.items).toHaveLength(1);
    expect(transcript.body.items[0].messages.map((m) => [m.from, m.text])).toEqual([
      ['worker', 'Lavoravo alla Fonderie Quarzomatto fino a marzo'],
      ['operator', 'La faccio richiamare dal progetto di Bergamo.'],
    ]);
    const other = await tokenFor(api, 'op-not-holder', 'operator', [BG_PROJECT]);
    expect((await call(api, 'GET', `/api/referrals/${lead._id}/transcript`, other)).status).toBe(404);

    // kept past the hold's deadline: the sweep leaves it
    api.clock.advance(TRANSCRIPT_HOLD_MS + TRANSCRIPT_HOLD_GRACE_MS + 1000);
    await api.bot.handoffs.sweep.runOnce();
    expect((await service.messagesSince(id, 0)).items).toHaveLength(2);

    // "i miei dati" lists it; "cancella i miei dati" reaches it, with no copy left in the store's files
    expect(textOf(await w.say('i miei dati'))).toContain(say('it', 'referral.myData.handoffs', { count: 1, messages: 2 }));
    await w.say('cancella i miei dati');
    await w.say('sì');
    expect((await service.messagesSince(id, 0)).items).toEqual([]);
    const stored = await storedText(api.bot);
    expect(stored.includes('Quarzomatto')).toBe(false);
    expect(stored.includes('richiamare dal progetto di Bergamo')).toBe(false);
  }, 60_000);

  test('a call-back after no answer: a "no" deletes the transcript at once; unanswered, it goes when the hold passes', async () => {
    const service = api.bot.handoffs.service;
    await call(api, 'PUT', '/api/handoffs/availability', staffToken, { available: true });
    const declining = worker('en-GB');
    await declining.say('I want to talk to a human');
    await declining.say('I was a welder at Zinkoplast until May');
    const silent = worker();
    await silent.say('voglio parlare con un operatore');
    await silent.say('Ho lavorato alla Tessiture Brughiera');
    const declinedId = (await service.openFor({ channel: 'webchat', userId: declining.chat.userId }))?._id as string;
    const silentId = (await service.openFor({ channel: 'webchat', userId: silent.chat.userId }))?._id as string;
    api.clock.advance(api.bot.config.handoffWaitMs + 1000);
    await api.bot.handoffs.sweep.runOnce();
    await api.bot.handoffs.relay.runOnce();
    expect(declining.received().join('\n')).toContain(say('en', 'handoff.callBackAsk'));

    // the call-back button starts the referral; after its consent, the transcript question
    await declining.say(say('en', 'menu.contact'));
    expect(textOf(await declining.say(say('en', 'referral.consentButtons.yes')))).toContain(say('en', 'referral.transcript.ask'));
    const no = textOf(await declining.say('no'));
    expect(no).toContain(say('en', 'referral.transcript.declined'));
    expect(no).toContain(say('en', 'referral.ask.name'));
    expect((await service.messagesSince(declinedId, 0)).items).toEqual([]);
    expect((await storedText(api.bot)).includes('Zinkoplast')).toBe(false);
    const done = await completeReferral(declining, 'en');
    expect(done).not.toContain(say('en', 'referral.transcript.attached'));
    expect((await service.get(declinedId)).transcriptKept).not.toBe(true);

    // nobody answered for the other: held until the deadline (and its grace), then deleted by the sweep
    expect((await service.messagesSince(silentId, 0)).items).toHaveLength(1);
    api.clock.advance(TRANSCRIPT_HOLD_MS);
    await api.bot.handoffs.sweep.runOnce();
    expect((await service.messagesSince(silentId, 0)).items).toHaveLength(1);
    api.clock.advance(TRANSCRIPT_HOLD_GRACE_MS + 1000);
    await api.bot.handoffs.sweep.runOnce();
    expect((await service.messagesSince(silentId, 0)).items).toEqual([]);
    expect((await service.get(silentId)).transcriptHeldUntil).toBeUndefined();
    // too late for a yes: a referral now asks nothing about it
    await silent.say(say('it', 'menu.contact'));
    expect(textOf(await silent.say(say('it', 'referral.consentButtons.yes')))).toContain(say('it', 'referral.ask.name'));
  }, 60_000);

  test('a command after the operator\'s click declines the referral and is answered; a worker who types and writes before the notice is asked once', async () => {
    const service = api.bot.handoffs.service;
    const first = await acceptedConversation();
    await call(api, 'POST', `/api/handoffs/${first.id}/end`, staffToken, { reason: 'referral' });
    await api.bot.handoffs.relay.runOnce();
    expect(textOf(await first.w.say('menu'))).not.toContain(say('it', 'referral.transcript.ask'));
    expect((await service.get(first.id)).referralOffer).toBe('dropped');

    // the worker writes before any relay pass: this turn asks the consent itself, and the relay then sends no second one
    const second = await acceptedConversation();
    await call(api, 'POST', `/api/handoffs/${second.id}/end`, staffToken, { reason: 'referral' });
    const before = second.w.received().length;
    // Web Chat sends the worker's typing first: it leaves the offer to the message
    await second.w.chat.post({ type: 'typing', serviceUrl: connector.url });
    const asked = textOf(await second.w.say('ok'));
    expect(asked).toContain(consentQuestion());
    await api.bot.handoffs.relay.runOnce();
    expect(second.w.received().slice(before).filter((t) => t.includes(consentQuestion()))).toEqual([]);
    expect((await service.get(second.id)).reference).toBeUndefined();
  }, 60_000);

  test('after a pre-check: the operator\'s referral carries its answers (the firm and sector are not asked again) and goes to the province\'s project', async () => {
    await call(api, 'PUT', '/api/handoffs/availability', staffToken, { available: true });
    const w = worker();
    // the pre-check, then the menu (a person asked for at the result's question gets the call-back offered there)
    for (const line of ['Posso partecipare?', 'Treviglio', 'Cassa integrazione straordinaria', 'Lavoro ancora lì, ma rischio di perdere il posto', 'Sì, sono previsti esuberi', 'Rossi Meccanica srl', 'Metalmeccanico', 'menu']) await w.say(line);
    expect(textOf(await w.say('voglio parlare con un operatore'))).toContain(say('it', 'handoff.connecting', { minutes: 2 }));
    const identity = { channel: 'webchat', userId: w.chat.userId };
    const open = await api.bot.handoffs.service.openFor(identity);
    expect(open).toMatchObject({ province: 'BG', sector: 'metalmeccanico' });
    await call(api, 'POST', `/api/handoffs/${open?._id}/accept`, staffToken);
    await call(api, 'POST', `/api/handoffs/${open?._id}/end`, staffToken, { reason: 'referral' });
    await api.bot.handoffs.relay.runOnce();
    expect(w.received().at(-1)).toContain(say('it', 'handoff.referral', { name: 'staff-live' }));
    expect(w.received().at(-1)).toContain(consentQuestion());
    // no message was written: there is no transcript to ask about
    expect(textOf(await w.say(say('it', 'referral.consentButtons.yes')))).toContain(say('it', 'referral.ask.name'));
    await w.say('Mario Rossi');
    await w.say('347 765 4321');
    const summary = textOf(await w.say(say('it', 'referral.timeButtons.morning')));
    expect(summary).toContain('Rossi Meccanica');
    expect(textOf(await w.say(say('it', 'referral.summaryButtons.confirm')))).toContain(say('it', 'referral.doneProject', { project: '' }).slice(0, 12));
    const [lead] = await api.bot.domain.leads.findForWorker(identity);
    expect(lead).toMatchObject({ projectId: BG_PROJECT, contact: expect.objectContaining({ name: 'Mario Rossi' }) });
  }, 60_000);

  test('the funnel: asked, accepted, median wait, abandoned, unanswered, turned into referrals, by province and language', async () => {
    const funnel = await call<FunnelBody>(api, 'GET', '/api/analytics/funnel?groupBy=language', staffToken);
    expect(funnel.status).toBe(200);
    const { totals } = funnel.body;
    // this file's conversations so far (nine asked, the first with nobody available): every figure counted once
    expect(totals).toMatchObject({ handoffs_asked: 10, handoffs_accepted: 5, handoffs_unanswered: 3, handoffs_abandoned: 1, handoffs_to_referral: 5 });
    const waits = funnel.body.handoffWaits;
    expect(waits?.total.accepted).toBe(5);
    // four accepted at once and one after 30 s: the median is 0
    expect(waits?.total.medianWaitSeconds).toBe(0);
    expect(waits?.rows.find((r) => r.group === 'it')).toMatchObject({ accepted: 5 });
    expect(waits?.rows.find((r) => r.group === 'en')).toMatchObject({ accepted: 0, medianWaitSeconds: null });
    const byProvince = await call<FunnelBody>(api, 'GET', '/api/analytics/funnel?groupBy=province', staffToken);
    expect(byProvince.body.handoffWaits?.rows.find((r) => r.group === 'unknown')).toMatchObject({ accepted: 4 });
    expect(byProvince.body.rows.find((r) => r.group === 'unknown')?.values.handoffs_to_referral).toBe(4);
    expect(byProvince.body.rows.find((r) => r.group === 'BG')?.values).toMatchObject({ handoffs_asked: 1, handoffs_accepted: 1, handoffs_to_referral: 1 });
    expect(byProvince.body.handoffWaits?.rows.find((r) => r.group === 'BG')).toEqual({ group: 'BG', accepted: 1, medianWaitSeconds: 0 });
  }, 60_000);
});

type FunnelBody = {
  rows: Array<{ group: string; values: Record<string, number> }>;
  totals: Record<string, number>;
  handoffWaits?: { rows: Array<{ group: string; accepted: number; medianWaitSeconds: number | null }>; total: { accepted: number; medianWaitSeconds: number | null } };
};

async function translatorOf() {
  const { createTranslator } = await import('../../models/i18n');
  return createTranslator();
}

/** A second instance's poster, as bot/index.ts builds it (the referral's consent with this installation's notices). */
async function posterOf(running: InjectedApiBot): Promise<AdapterWorkerPoster> {
  const translator = await translatorOf();
  const privacyNotices = loadPrivacyNotices(undefined, privacyDetailsOf(running.bot.config), consentTextsOf(translator, REFERRAL_CONSENT_KEYS));
  return new AdapterWorkerPoster({ adapter: running.bot.adapter, appId: '', translator, referralConsent: { privacyNotices, privacyNoticeUrl: running.bot.config.privacyNoticeUrl } });
}

/** The referral consent's question (its last paragraph: the notice's link and version come before it). */
function consentQuestion(language: 'it' | 'en' = 'it'): string {
  const text = say(language, 'referral.consent');
  return text.slice(text.lastIndexOf('\n\n') + 2);
}
