/**
 * The live handoff from the worker's chat, through the real server (in process, clock fixed on a Monday at 10:00
 * Italian time), with the Connector as the only stand-in (where the bot's proactive messages land): with an
 * operator available the bot says it is looking for one and opens the request; the operator accepts through the
 * API; the worker's messages go to the operator (the bot silent, commands aside) and the operator's come back in the
 * worker's chat with name and role, each sent once even with two relays; the operator typing shows as a typing
 * activity; the end is told; "torna al bot" leaves; a
 * request nobody accepts becomes unanswered and the worker is offered the call-back.
 */
import type { Activity } from 'botbuilder';
import { AdapterWorkerPoster } from '../../bot/handoff/liveHandoff';
import { HandoffRelay } from '../../models/handoff/handoffRelay';
import { readLocaleResources } from '../../models/i18n';
import { loadPrivacyNotices } from '../../models/privacyNotice';
import { privacyDetailsOf } from '../../bot/config';
import { consentTextsOf, REFERRAL_CONSENT_KEYS } from '../../dialogs/consent';
import { silentLogger } from '../../models/logger';
import { call, injectApiBot, tokenFor, type InjectedApiBot } from '../api/helpers';
import { Chat, buttonsOf, textOf } from '../support/botServer';
import { ConnectorStandIn } from '../teams/connectorStandIn';

const strings = readLocaleResources();
function say(language: 'it' | 'en', key: string, vars: Record<string, string | number> = {}): string {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], strings[language]) as string;
  return Object.entries(vars).reduce((s, [name, v]) => s.replace(`{{${name}}}`, String(v)), value);
}

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
    const told = w.received().filter((t) => t.startsWith(say('it', 'handoff.referral', { name: 'staff-live' })));
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
