/**
 * Teams cards for workers read right to left in Arabic (issue 16): through the real server, a worker's personal chat
 * in Teams gets its buttons as an Adaptive Card 1.5 with `rtl: true` when the worker's language is Arabic (from the
 * Teams locale or chosen in the chat), and the Italian worker's cards carry no `rtl` (the hero card as before).
 * A tap posts the button's label back, like a typed answer.
 */
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { RunningBot } from '../../bot/index';
import { buttonsCard, buttonsCardFromHero } from '../../models/teams/workerCards';
import { Chat, buttonsOf, startTestBot } from '../support/botServer';
import { BOT } from './teamsChat';

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const HERO = 'application/vnd.microsoft.card.hero';

class PersonalChat {
  private readonly chat: Chat;
  private readonly worker = { id: `29:worker-${randomUUID()}`, name: 'Worker' };
  private readonly conversation = { id: `a:personal-${randomUUID()}`, isGroup: false, conversationType: 'personal', name: '', tenantId: 'tenant-1' };
  constructor(bot: RunningBot, locale: string) {
    this.chat = new Chat(bot, { channelId: 'msteams', userId: this.worker.id, locale });
  }
  post(activity: Partial<Activity>): Promise<Activity[]> {
    return this.chat.post({ from: this.worker, recipient: BOT, conversation: this.conversation, ...activity });
  }
  install(): Promise<Activity[]> {
    return this.post({ type: 'conversationUpdate', membersAdded: [this.worker, BOT] });
  }
  say(text: string): Promise<Activity[]> {
    return this.post({ type: 'message', text });
  }
}

type Card = { rtl?: boolean; version: string; body: Array<{ type: string; text?: string; actions?: Array<{ type: string; title: string; data: unknown }> }> };

function cardsOf(activities: Activity[]): Array<{ contentType: string; content: Card }> {
  return activities.flatMap((a) => (a.attachments ?? []) as Array<{ contentType: string; content: Card }>);
}

describe('Teams cards for workers', () => {
  let bot: RunningBot;

  beforeAll(async () => {
    bot = await startTestBot({ TEAMS_OUTBOX_POLL_MS: '0' });
  });
  afterAll(async () => {
    await bot.stop();
  });

  test('an Arabic worker (Teams locale ar) gets Adaptive Cards 1.5 that read right to left; a tap answers like a typed label', async () => {
    const dm = new PersonalChat(bot, 'ar-EG');
    const welcome = await dm.install();
    const [card] = cardsOf(welcome);
    expect(card.contentType).toBe(ADAPTIVE);
    expect(card.content).toMatchObject({ type: 'AdaptiveCard', version: '1.5', rtl: true });
    expect(card.content.body.some((b) => b.type === 'TextBlock' && /[\u0600-\u06ff]/.test(b.text ?? ''))).toBe(true);
    const actions = card.content.body.filter((b) => b.type === 'ActionSet').flatMap((b) => b.actions ?? []);
    expect(actions.length).toBeGreaterThan(2);
    for (const action of actions) expect(action).toEqual({ type: 'Action.Submit', title: action.title, data: { msteams: { type: 'imBack', value: action.title } } });

    // Teams posts an imBack's value as the worker's message: the next card is right to left too
    const reply = await dm.say(actions[0].title);
    const cards = cardsOf(reply);
    expect(cards.length).toBeGreaterThan(0);
    for (const c of cards) expect(c).toMatchObject({ contentType: ADAPTIVE, content: { rtl: true } });
    expect(buttonsOf(reply).length).toBeGreaterThan(0);
  });

  test('an Italian worker gets the hero card, with no rtl anywhere; choosing Arabic in the chat turns the cards right to left', async () => {
    const dm = new PersonalChat(bot, 'it-IT');
    const welcome = await dm.install();
    expect(cardsOf(welcome).map((c) => c.contentType)).toEqual([HERO]);
    expect(JSON.stringify(welcome)).not.toContain('"rtl"');
    const menu = await dm.say('menu');
    expect(cardsOf(menu).every((c) => c.contentType === HERO)).toBe(true);
    expect(JSON.stringify(menu)).not.toContain('"rtl"');

    const switched = await dm.say('العربية');
    const cards = cardsOf(switched);
    expect(cards.length).toBeGreaterThan(0);
    for (const c of cards) expect(c).toMatchObject({ contentType: ADAPTIVE, content: { rtl: true } });
  });
});

describe('buttonsCard / buttonsCardFromHero', () => {
  test('left to right has no rtl; lines become TextBlocks; buttons in rows of at most four', () => {
    const card = buttonsCard('**Titolo**\n\nuna riga\nun\'altra', ['a', 'b', 'c', 'd', 'e'].map((t) => ({ title: t, value: t })), 'ltr');
    expect(card).not.toHaveProperty('rtl');
    expect((card.body as Card['body']).map((b) => [b.type, b.text ?? b.actions?.length])).toEqual([
      ['TextBlock', '**Titolo**'],
      ['TextBlock', 'una riga'],
      ['TextBlock', "un'altra"],
      ['ActionSet', 4],
      ['ActionSet', 1],
    ]);
    expect(buttonsCard('x', [], 'rtl')).toMatchObject({ rtl: true, fallbackText: 'x' });
  });
  test('only a hero card of text and imBack buttons is converted', () => {
    expect(buttonsCardFromHero({ text: 'نعم؟', buttons: [{ type: 'imBack', title: 'نعم', value: 'نعم' }] }, 'rtl')).toMatchObject({ rtl: true });
    expect(buttonsCardFromHero({ text: 'x', buttons: [{ type: 'openUrl', title: 'site', value: 'https://example.org' }] }, 'rtl')).toBeUndefined();
    expect(buttonsCardFromHero({ text: 'x', buttons: [], images: [{ url: 'https://example.org/a.png' }] }, 'rtl')).toBeUndefined();
    expect(buttonsCardFromHero('x', 'rtl')).toBeUndefined();
  });
});
