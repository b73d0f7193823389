import type { CloudAdapter } from 'botbuilder';
import { textFor, type Announcement } from '../../models/campaign/announcements';
import type { BroadcastPoster } from '../../models/campaign/sender';
import type { StoredReference } from '../../models/campaign/subscriptions';
import type { Language, Translator } from '../../models/i18n';
import { continueWith } from '../teams/connector';

/** Sends announcements proactively through the adapter (the same path as the Teams referral cards). */
export class AdapterBroadcastPoster implements BroadcastPoster {
  constructor(private readonly deps: { adapter: CloudAdapter; appId: string }) {}

  async send(reference: StoredReference, text: string): Promise<void> {
    await continueWith(this.deps.adapter, this.deps.appId, reference, (api, conversationId) => api.sendToConversation(conversationId, { type: 'message', text, textFormat: 'markdown' }));
  }
}

/** What a subscriber reads: the title and the text in their language (Italian when there is no English), and how to stop. */
export function composeAnnouncement(translator: Translator): (announcement: Announcement, language: Language) => string {
  return (announcement, language) => {
    const chosen = textFor(announcement, language);
    const t = translator.forLanguage(chosen.language);
    return t('campaign.delivery.message', { title: chosen.title, text: chosen.text });
  };
}
