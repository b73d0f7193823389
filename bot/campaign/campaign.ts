/**
 * The information campaign's parts, built once by the composition root: workers' subscriptions (chat), staff
 * announcements (API and console), and the sender that delivers them through the adapter.
 */
import * as path from 'node:path';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { AnnouncementStore } from '../../models/campaign/announcements';
import { DeliveryOutbox } from '../../models/campaign/deliveries';
import { BroadcastSender, type BroadcastPoster } from '../../models/campaign/sender';
import { SubscriptionStore } from '../../models/campaign/subscriptions';
import type { Translator } from '../../models/i18n';
import type { Logger } from '../../models/logger';
import { contentDir } from '../../models/paths';
import { loadPrivacyNotices } from '../../models/privacyNotice';
import type { Store } from '../../models/store/store';
import { SubscribeDialog } from '../../dialogs/campaign/subscribeDialog';
import { SubscriptionRequests } from '../../dialogs/campaign/subscriptionRequests';
import type { Gazetteer } from '../../dialogs/understanding';
import type { AnnouncementsApiDeps } from '../api/announcementsRoutes';
import type { Config } from '../config';
import { AdapterBroadcastPoster, composeAnnouncement } from './broadcastPoster';

export interface Campaign {
  subscriptions: SubscriptionStore;
  announcements: AnnouncementStore;
  deliveries: DeliveryOutbox;
  sender: BroadcastSender;
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
}

export async function openCampaign(deps: CampaignDeps): Promise<Campaign> {
  const { store, config, translator, gazetteer, logger, now } = deps;
  const notices = loadPrivacyNotices(path.join(contentDir, 'privacy', 'campaign'));
  const subscriptions = await SubscriptionStore.open(store, { now });
  const announcements = await AnnouncementStore.open(store, { now });
  const deliveries = await DeliveryOutbox.open(store);
  const sender = new BroadcastSender(
    { announcements, deliveries, subscriptions, poster: deps.poster ?? new AdapterBroadcastPoster({ adapter: deps.adapter, appId: config.microsoftAppId ?? '' }), compose: composeAnnouncement(translator), logger },
    { ratePerSecond: config.announceRatePerSecond, concurrency: config.announceConcurrency, leaseMs: config.announceLeaseMs, pollMs: config.announcePollMs, retryBaseMs: config.announceRetryBaseMs },
  );
  return {
    subscriptions,
    announcements,
    deliveries,
    sender,
    subscribeDialog: new SubscribeDialog({ translator, gazetteer, subscriptions, notices, privacyNoticeUrl: config.privacyNoticeUrl, now, onEvent: deps.onEvent }),
    requests: new SubscriptionRequests({ subscriptions, translator, gazetteer, onEvent: deps.onEvent }),
    api: { announcements, deliveries, subscriptions, kick: () => sender.kick(), translator, provinces: gazetteer.lombardyProvinces(), ratePerSecond: config.announceRatePerSecond },
  };
}
