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

/**
 * What a subscriber reads: the title and the text in their language when staff wrote it (Italian, English), else
 * the Italian one with a line saying so; the frame and how to stop ("stop noutăți") always in the subscriber's own
 * language, since that is the command they will type.
 */
export function composeAnnouncement(translator: Translator): (announcement: Announcement, language: Language) => string {
  return (announcement, language) => {
    const chosen = textFor(announcement, language);
    const t = translator.forLanguage(language);
    const text = chosen.language === language ? chosen.text : `_${t('campaign.delivery.inItalianOnly')}_\n\n${chosen.text}`;
    return t('campaign.delivery.message', { title: chosen.title, text });
  };
}
