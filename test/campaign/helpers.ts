import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Activity } from 'botbuilder';
import { AnnouncementStore, type AnnouncementInput } from '../../models/campaign/announcements';
import { DeliveryOutbox } from '../../models/campaign/deliveries';
import { BroadcastSender, type BroadcastPoster, type SenderOptions } from '../../models/campaign/sender';
import { SubscriptionStore, type Subscription } from '../../models/campaign/subscriptions';
import type { Topic } from '../../models/campaign/types';
import type { Language } from '../../models/i18n';
import { silentLogger } from '../../models/logger';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { Chat, textOf } from '../support/botServer';
import { eventually } from '../support/eventually';

export interface CampaignStores {
  store: EmbeddedStore;
  subscriptions: SubscriptionStore;
  announcements: AnnouncementStore;
  deliveries: DeliveryOutbox;
}

export async function openStores(): Promise<CampaignStores> {
  const store = await EmbeddedStore.open(await fs.mkdtemp(path.join(os.tmpdir(), 'adr-campaign-')));
  const now = (): Date => new Date();
  return { store, subscriptions: await SubscriptionStore.open(store, { now }), announcements: await AnnouncementStore.open(store, { now }), deliveries: await DeliveryOutbox.open(store) };
}

let people = 0;

/** An active subscriber whose conversation id is `conv-<n>`. */
export async function subscriber(stores: CampaignStores, options: { language?: Language; provinces?: string[]; topics?: Topic[]; serviceUrl?: string } = {}): Promise<Subscription> {
  people += 1;
  const conversationId = `conv-${people}`;
  const { subscription } = await stores.subscriptions.subscribe({
    channelId: 'emulator',
    conversationId,
    userId: `user-${people}`,
    reference: { channelId: 'emulator', serviceUrl: options.serviceUrl ?? 'http://127.0.0.1:1/', conversation: { id: conversationId }, user: { id: `user-${people}` }, bot: { id: 'bot' } },
    language: options.language ?? 'it',
    provinces: options.provinces ?? ['BG'],
    allLombardy: false,
    topics: options.topics ?? ['news'],
    consent: { noticeVersion: 'test', textHash: 'hash', givenAt: new Date() },
  });
  return subscription;
}

export function announcementInput(overrides: Partial<AnnouncementInput> = {}): AnnouncementInput {
  return { title: 'Nuovo progetto', text: { it: 'Testo italiano', en: 'English text' }, provinces: [], topics: ['news'], ...overrides };
}

/** Records what each conversation received; `behaviour` can fail a send (throw) or act during it. */
export class RecordingPoster implements BroadcastPoster {
  readonly received: Array<{ conversationId: string; text: string }> = [];
  behaviour: (conversationId: string, attempt: number) => Promise<void> | void = () => undefined;
  /** delivery attempts per conversation, refused ones included */
  readonly attempts = new Map<string, number>();

  async send(reference: Record<string, unknown>, text: string): Promise<void> {
    const conversationId = (reference.conversation as { id: string }).id;
    const attempt = (this.attempts.get(conversationId) ?? 0) + 1;
    this.attempts.set(conversationId, attempt);
    await this.behaviour(conversationId, attempt);
    this.received.push({ conversationId, text });
  }

  countFor(conversationId: string): number {
    return this.received.filter((r) => r.conversationId === conversationId).length;
  }
}

export function sender(stores: CampaignStores, poster: BroadcastPoster, options: SenderOptions = {}): BroadcastSender {
  return new BroadcastSender(
    { ...stores, poster, compose: (a, language) => `${a.title}|${language === 'en' && a.text.en ? a.text.en : a.text.it}`, logger: silentLogger },
    { ratePerSecond: 1000, concurrency: 8, pollMs: 0, retryBaseMs: 10, ...options },
  );
}

/** Waits until `done()` holds (or fails after `ms`). */
export async function until(done: () => Promise<boolean> | boolean, ms = 10000): Promise<void> {
  await eventually(done, { withinMs: ms, everyMs: 20 });
}

/** A chat whose conversation reference points at `serviceUrl` (a Connector stand-in), so proactive messages reach it. */
export class WorkerChat {
  readonly chat: Chat;
  constructor(bot: { url: string }, private readonly options: { locale?: string; channelId?: string; serviceUrl?: string } = {}) {
    this.chat = new Chat(bot, { locale: options.locale, channelId: options.channelId });
  }
  async say(text: string): Promise<string> {
    return textOf(await this.post(text));
  }
  post(text: string): Promise<Activity[]> {
    return this.chat.post({ type: 'message', text, ...(this.options.serviceUrl ? { serviceUrl: this.options.serviceUrl } : {}) });
  }
}
