/**
 * The information campaign's parts, built once by the composition root: workers' subscriptions (chat), staff
 * announcements (API and console), the sender that delivers them through the adapter, and the day-before reminders
 * of info sessions (written as announcements, so the same sender delivers them).
 */
import * as path from 'node:path';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { AnnouncementStore } from '../../models/campaign/announcements';
import { DeliveryOutbox } from '../../models/campaign/deliveries';
import { BroadcastSender, type BroadcastPoster } from '../../models/campaign/sender';
import { SessionReminders } from '../../models/campaign/sessionReminders';
import { SubscriptionStore } from '../../models/campaign/subscriptions';
import type { Translator } from '../../models/i18n';
import type { Logger } from '../../models/logger';
import { contentDir } from '../../models/paths';
import { loadPrivacyNotices } from '../../models/privacyNotice';
import { CAMPAIGN_CONSENT_KEYS, consentTextsOf } from '../../dialogs/consent';
import type { NoticeSource } from '../../models/publishing/notices';
import type { Store } from '../../models/store/store';
import { SubscribeDialog } from '../../dialogs/campaign/subscribeDialog';
import { SubscriptionRequests } from '../../dialogs/campaign/subscriptionRequests';
import type { Gazetteer } from '../../dialogs/understanding';
import type { AnnouncementsApiDeps } from '../api/announcementsRoutes';
import { privacyDetailsOf, type Config } from '../config';
import { AdapterBroadcastPoster, composeAnnouncement } from './broadcastPoster';

export interface Campaign {
  subscriptions: SubscriptionStore;
  announcements: AnnouncementStore;
  deliveries: DeliveryOutbox;
  sender: BroadcastSender;
  /** the day-before reminders of info sessions: start and stop it with the sender */
  reminders: SessionReminders;
  subscribeDialog: SubscribeDialog;
  requests: SubscriptionRequests;
  api: Omit<AnnouncementsApiDeps, 'domain' | 'logger' | 'now'>;
}

export interface CampaignDeps {
  store: Store;
  config: Config;
  adapter: CloudAdapter;
  translator: Translator;
  gazetteer: Gazetteer;
  logger: Logger;
  /** the business clock (dates stored on records) */
  now: () => Date;
  onEvent?: (event: string, context: TurnContext) => void;
  /** tests replace the Connector path */
  poster?: BroadcastPoster;
  /** the published info-session events (the live notice board), for the day-before reminders */
  notices: Pick<NoticeSource, 'upcomingEvents'>;
}

export async function openCampaign(deps: CampaignDeps): Promise<Campaign> {
  const { store, config, translator, gazetteer, logger, now } = deps;
  const notices = loadPrivacyNotices(path.join(contentDir, 'privacy', 'campaign'), privacyDetailsOf(config), consentTextsOf(translator, CAMPAIGN_CONSENT_KEYS));
  const subscriptions = await SubscriptionStore.open(store, { now });
  const announcements = await AnnouncementStore.open(store, { now });
  const deliveries = await DeliveryOutbox.open(store);
  const sender = new BroadcastSender(
    { announcements, deliveries, subscriptions, poster: deps.poster ?? new AdapterBroadcastPoster({ adapter: deps.adapter, appId: config.microsoftAppId ?? '' }), compose: composeAnnouncement(translator), logger },
    { ratePerSecond: config.announceRatePerSecond, concurrency: config.announceConcurrency, leaseMs: config.announceLeaseMs, pollMs: config.announcePollMs, retryBaseMs: config.announceRetryBaseMs },
  );
  const reminders = new SessionReminders(
    { announcements, notices: deps.notices, translator, logger, now, onScheduled: () => sender.kick() },
    { enabled: config.announceSessionReminders, hour: config.announceReminderHour },
  );
  return {
    subscriptions,
    announcements,
    deliveries,
    sender,
    reminders,
    subscribeDialog: new SubscribeDialog({ translator, gazetteer, subscriptions, notices, privacyNoticeUrl: config.privacyNoticeUrl, now, onEvent: deps.onEvent }),
    requests: new SubscriptionRequests({ subscriptions, translator, gazetteer, onEvent: deps.onEvent }),
    api: { announcements, deliveries, subscriptions, kick: () => sender.kick(), translator, provinces: gazetteer.lombardyProvinces(), ratePerSecond: config.announceRatePerSecond },
  };
}
