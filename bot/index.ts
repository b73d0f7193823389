import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import { AnalyticsRecorder } from '../models/analytics/analyticsRecorder';
import { handoffAvailability } from '../models/handoff/handoffAvailability';
import { HandoffService } from '../models/handoff/handoffService';
import type { OperatorRef } from '../models/handoff/handoff';
import { operatorNow } from '../models/handoff/operatorNow';
import { HandoffSweep, SWEEP_LEASE_MS } from '../models/handoff/handoffSweep';
import { HandoffRelay } from '../models/handoff/handoffRelay';
import { OperatorChatRetractor } from '../models/handoff/operatorChatRetractor';
import { AdapterWorkerPoster, LiveHandoff } from './handoff/liveHandoff';
import { CommandRecognizer } from '../dialogs/commands';
import { TurnAnalytics } from './turnAnalytics';
import { contentDir } from '../models/paths';
import { ContentPublisher } from '../models/publishing/contentPublisher';
import { FileTranslationReview } from '../models/publishing/fileTranslationReview';
import { readTranslationFiles } from '../models/publishing/fileTranslations';
import { readContentFolder } from '../models/publishing/files';
import { LiveContent } from '../models/publishing/liveContent';
import type { ContentBundle } from '../models/publishing/types';
import { SupersededCopies } from '../models/retention/personalData';
import { RetentionJob } from '../models/retention/retentionJob';
import { JobLease } from '../models/store/jobLease';
import { isPlaceMatch } from '../dialogs/eligibility/answers';
import { turnLanguage } from '../dialogs/turnLanguage';
import { openDomain, type Domain } from '../models/domain';
import { createTranslator, type Language } from '../models/i18n';
import { preloadLanguageIdentification } from '../models/languageIdentification';
import type { Logger } from '../models/logger';
import { loadPrivacyNotices, retentionPhrase } from '../models/privacyNotice';
import { consentTextsOf, REFERRAL_CONSENT_KEYS } from '../dialogs/consent';
import { staffLanguageNames } from '../models/leads/leadLanguage';
import { STATE_COLLECTION, StateRepository } from '../models/state/stateRepository';
import { createStore } from '../models/store/createStore';
import type { Store } from '../models/store/store';
import { StoreLockedError } from '../models/store/embedded/dataDirLock';
import type { StoreFileSystem } from '../models/store/embedded/fileSystem';
import { EligibilityDialog } from '../dialogs/eligibility/eligibilityDialog';
import { describesOwnCase } from '../dialogs/eligibility/trigger';
import { InformResponder } from '../dialogs/inform/informResponder';
import { ReferralDialog } from '../dialogs/referral/referralDialog';
import { EraseDataDialog, showWorkerData, workerIdentity } from '../dialogs/referral/workerData';
import { webhookLeadEventHandler } from '../models/notify/referralNotifier';
import { LeadEventConsumer, LeadEventLog, LeadEventRelay } from '../models/leads/leadEvents';
import { loadGazetteer } from '../dialogs/understanding';
import { MainDialog } from '../dialogs/mainDialog';
import { BotStateMemory } from '../dialogs/conversationMemory';
import type { ConversationData, UserProfile } from '../dialogs/state';
import { createAdapter, installTurnErrorHandler, type AssistantAdapter } from './adapter';
import { AssistantBot } from './assistantBot';
import { ConfigError, loadConfig, privacyDetailsOf, type Config } from './config';
import { registerEligibilityRoute } from './http/eligibilityRoute';
import { registerOperatorApi } from './api';
import { registerConsole } from './console/consoleRoutes';
import { SessionStore } from '../models/sessions/sessionStore';
import type { PasswordHasher } from '../models/sessions/passwordHasher';
import { registerMessagesRoute, type TurnTracker } from './http/messagesRoute';
import { registerPrivacyRoute } from './http/privacyRoute';
import { registerProbes } from './http/probesRoute';
import { loopbackOrigin } from './channels/directline/loopback';
import { registerWebChat } from './http/webChatRoute';
import { installRequestHandling } from './http/requestHandling';
import { localServiceUrlPolicy } from './http/localServiceUrls';
import { applyHttpTimeouts, type HttpTimeouts } from './http/timeouts';
import { InputLimitMiddleware } from './inputLimitMiddleware';
import { RightToLeftCardsMiddleware } from './teams/rightToLeftCards';
import { LanguageMiddleware } from './languageMiddleware';
import { createLogger, routeConsoleToLogger } from './logger';
import { installProcessGuard } from './processGuard';
import { botStateLifetime, StoreStorage, StoreUserState, TurnConsistentConversationState } from './state/storeStorage';
import { ChannelLinkStore } from '../models/teams/channelLinks';
import { OutboxDispatcher, teamsLeadEventHandler } from '../models/teams/dispatcher';
import { Outbox } from '../models/teams/outbox';
import { TeamsConnector } from './teams/connector';
import { ReferralCards } from './teams/referralCards';
import { TeamsHandler } from './teams/teamsHandler';
import { TeamsHandoff, TeamsHandoffPoster } from './teams/handoffTeams';
import { HandoffCardDispatcher } from '../models/teams/handoffCardDispatcher';
import { OperatorChatStore } from '../models/teams/operatorChats';
import { TeamsOperatorChat, TeamsOperatorChatEraser, TeamsOperatorChatPoster } from './teams/operatorChat';
import { openCampaign, type Campaign } from './campaign/campaign';

/** how long a retention pass may hold its lease before another instance may take over (a holder that died) */
const RETENTION_LEASE_MS = 30 * 60 * 1000;

export interface RunningBot {
  /** http://host:port of the running server */
  url: string;
  port: number;
  config: Config;
  store: Store;
  domain: Domain;
  /** Teams: the channels linked to projects, the notification outbox and its dispatcher */
  teams: { links: ChannelLinkStore; outbox: Outbox; dispatcher: OutboxDispatcher };
  /** lead events (models/leads/leadEvents.ts): the log, the relay of unpublished ones, each consumer by name */
  leadEvents: { log: LeadEventLog; relay: LeadEventRelay; consumers: Record<string, LeadEventConsumer> };
  /** the campaign's news: subscriptions, announcements, their delivery outbox and sender */
  campaign: Campaign;
  /** the live handoff (models/handoff/): requests, operators' availability, messages; and its expiry sweep */
  handoffs: { service: HandoffService; sweep: HandoffSweep; relay: HandoffRelay; cards: HandoffCardDispatcher; retractions: OperatorChatRetractor };
  /** stop accepting, finish turns in flight, close the store; idempotent */
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string | undefined>;
  logger?: Logger;
  /** outgoing HTTP calls to other services (the Direct Line token exchange); tests stub this boundary */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** the time as the dialogs see it (tests pass a fixed clock) */
  clock?: () => Date;
  /** the HTTP server's timeouts (tests shorten them); defaults in bot/http/timeouts.ts */
  httpTimeouts?: Partial<HttpTimeouts>;
  /** the file system under the embedded store (tests put a failing disk here) */
  storeFiles?: StoreFileSystem;
  /** the console's password hasher (tests pass one with a cheaper scrypt cost); default: production's cost */
  passwordHasher?: PasswordHasher;
  /**
   * The content folder whose UI strings and privacy notices the staff review of translations reads (content/ by
   * default, what workers are served; tests pass a copy with a changed file)
   */
  translationFilesDir?: string;
  /**
   * what a new store is seeded with; default: content/ read and validated at this start (tests read it once per
   * process: reading and validating it is a third of building a server)
   */
  seedContent?: () => ContentBundle;
}

/** The wired server before it listens: what tests drive in process, and what `start()` puts on a port. */
export interface BuiltServer extends Omit<RunningBot, 'url' | 'port'> {
  /** the restify server with every route registered, not listening */
  server: restify.Server;
  /** the Bot Framework adapter behind POST /api/messages, with the turn pipeline's middleware and error handler */
  adapter: AssistantAdapter;
  /** the bot that handles each turn */
  bot: AssistantBot;
  /** listen on the configured host and port, then start the background jobs; call once */
  listen(): Promise<RunningBot>;
}

/** The composition root: the only place that builds config, store, dialogs, bot and routes. */
export async function start(options: StartOptions = {}): Promise<RunningBot> {
  const built = await buildServer(options);
  try {
    return await built.listen();
  } catch (err) {
    await built.stop();
    throw err;
  }
}

/** Builds config, store, dialogs, bot and routes without listening or starting the background jobs. */
export async function buildServer(options: StartOptions = {}): Promise<BuiltServer> {
  const config = loadConfig(options.env ?? process.env);
  const logger = options.logger ?? createLogger(config.logLevel);
  // The process's own logger (no logger passed in) also takes what libraries print with console.*.
  const restoreConsole = options.logger ? undefined : routeConsoleToLogger(logger);

  // Content is validated before anything listens: a broken entry stops the start with a precise message.
  const translator = await createTranslator();
  // each language's consent texts go into its notice version: a consent names the very text its worker read
  const privacyNotices = loadPrivacyNotices(undefined, privacyDetailsOf(config), consentTextsOf(translator, REFERRAL_CONSENT_KEYS));
  // how long data is kept, as the notices loaded above word it: read from their files once per language, not on every
  // answer that quotes it (a file read and a schema check in the turn)
  const retentionPhrases = new Map<Language, string>();
  const retentionOf = (language: Language): string => {
    let phrase = retentionPhrases.get(language);
    if (phrase === undefined) retentionPhrases.set(language, (phrase = retentionPhrase(language, config.retentionDays)));
    return phrase;
  };
  // production refuses to start without them (config.ts); in development the notice says "not yet given"
  if (config.privacyMissing.length > 0) logger.warn({ missing: config.privacyMissing }, 'privacy notice incomplete: set these before going to production (NODE_ENV=production requires them)');
  const gazetteer = loadGazetteer();
  const now = options.clock ?? (() => new Date());

  const store = await createStore({ mongodbUri: config.mongodbUri, dataDir: config.dataDir, owner: 'the bot', logger, files: options.storeFiles });
  // each lead change others must hear about is recorded with it and published to these consumers' rows
  const leadEvents = await LeadEventLog.open(store, { consumers: ['teams', ...(config.referralWebhookUrl ? ['webhook'] : [])], logger });
  const domain = await openDomain(store, { now, sampleProjects: config.sampleProjects, events: leadEvents, passwordHasher: options.passwordHasher });
  // What the bot answers from: the published content in the store (content/ seeds a new installation; the seed
  // is validated then), swapped live when staff publish (models/publishing/).
  const publisher = await ContentPublisher.open(store, { now });
  await publisher.ensureSeeded(options.seedContent ?? (() => readContentFolder(contentDir)));
  const live = await LiveContent.open(publisher, { intervalMs: config.contentPollMs, logger });
  // the translations kept in files (UI strings, privacy notices) as this instance read them, for staff review
  const fileReview = await FileTranslationReview.open(store, { files: readTranslationFiles(options.translationFilesDir ?? contentDir), now });
  const catalogue = live.catalogue();
  const faq = live.faq();
  const placeOf = (text: string, language: Language): { code: string; name: string } | undefined => {
    const reading = gazetteer.recognizePlace(text, language, { context: 'sentence' });
    return reading.kind === 'found' ? { code: reading.place.provinceCode, name: reading.place.provinceName } : undefined;
  };
  const botState = await StateRepository.open(store, { lifetime: botStateLifetime(config.dialogStateTtlHours, config.stateTtlDays), now });
  const storage = new StoreStorage(botState);
  // what an erasure or a retention pass removed leaves no superseded copy on disk (models/retention/personalData.ts)
  const supersededCopies = await SupersededCopies.open(store);
  const retention = new RetentionJob({
    leads: domain.leads,
    // several instances on one MongoDB: one pass at a time, by whoever holds the lease
    lease: await JobLease.open(store, 'retention', RETENTION_LEASE_MS),
    audit: domain.audit,
    days: config.retentionDays,
    botState: { repository: botState, ttlHours: config.dialogStateTtlHours, idleDays: config.stateTtlDays },
    purge: () => supersededCopies.purge(),
    purgeState: () => supersededCopies.purge([STATE_COLLECTION]),
    // the Teams outbox is opened below, before the job starts
    outboxes: { days: config.outboxRetentionDays, purges: [leadEvents, { purgeFinishedBefore: (cutoff, erased) => outbox.purgeFinishedBefore(cutoff, erased) }, { purgeFinishedBefore: (cutoff) => handoffCards.purgeFinishedBefore(cutoff) }, { purgeFinishedBefore: (cutoff) => chatRetractions.purgeFinishedBefore(cutoff) }] },
    now,
    logger,
  });
  const conversationState = new TurnConsistentConversationState(storage);
  const userState = new StoreUserState(storage);
  const userProfile = userState.createProperty<UserProfile>('userProfile');
  const conversationData = conversationState.createProperty<ConversationData>('conversationData');
  const dialogState = conversationState.createProperty('dialogState');

  const server = restify.createServer({ name: 'azioni-di-rete-bot', handleUncaughtExceptions: false });
  applyHttpTimeouts(server.server, options.httpTimeouts);
  // Local mode replies only to this machine: loopback, this server's own origin (its local Direct Line), or the
  // configured Azure Direct Line (see bot/http/localServiceUrls.ts).
  const localServiceUrl = localServiceUrlPolicy({
    ownOrigin: () => {
      const address = server.address();
      return address !== null && typeof address === 'object' ? loopbackOrigin(address) : undefined;
    },
    directLineOrigin: config.directLineSecret ? config.directLineEndpoint : undefined,
  });
  const adapter = createAdapter(config, logger, { localServiceUrl });
  adapter.use(new LanguageMiddleware(userProfile));
  // Teams cards for a worker in Arabic read right to left (bot/teams/rightToLeftCards.ts)
  adapter.use(new RightToLeftCardsMiddleware());
  // long messages are cut to what understanding reads, and the worker is told (after the language is known)
  adapter.use(new InputLimitMiddleware(translator));
  // The campaign funnel: the dialogs' events, counted after each turn without personal data (models/analytics/).
  const analytics = await AnalyticsRecorder.open(store, { now, logger });
  const turnAnalytics = new TurnAnalytics({
    recorder: analytics,
    conversation: async (context) => {
      const data = await conversationData.get(context, {});
      const place = data.lastPrecheck?.answers.place;
      return { welcomed: data.welcomed === true, ...(isPlaceMatch(place) ? { province: place.provinceCode } : {}) };
    },
    language: (context) => turnLanguage(context),
    logger,
  });
  adapter.use(turnAnalytics);
  // The live handoff: its state lives in the store, so any instance serves any operator or worker; the expiry
  // sweep runs under one instance's lease (models/handoff/).
  const handoffService = await HandoffService.open(store, {
    now,
    waitMs: config.handoffWaitMs,
    idleMs: config.handoffIdleMs,
    count: (event, dims) => void analytics.count(event, dims),
    enabledAccounts: (ids) => domain.accounts.enabledIds(ids),
    // availability is decided from the operators' projects as staff left them, read at the time of the decision
    operatorsNow: async (ids) => {
      const accounts = await domain.accounts.enabledByIds(ids);
      const projects = accounts.length > 0 ? await domain.projects.listActive() : [];
      return accounts.map((account) => operatorNow(account, projects));
    },
    // the worker's messages relayed to an operator's Teams chat, queued for deletion there (the retractor, just below)
    onRetractions: () => chatRetractions.kick(),
  });
  // ... deleted there when the transcript goes without the worker's consent, once across instances
  const chatRetractions = await OperatorChatRetractor.open(
    { store, eraser: new TeamsOperatorChatEraser({ adapter, appId: config.microsoftAppId ?? '', translator }), logger },
    { retryBaseMs: config.teamsRetryBaseMs, maxAttempts: config.teamsMaxAttempts },
  );
  const handoffSweep = new HandoffSweep({ handoffs: handoffService, lease: await JobLease.open(store, 'handoff-sweep', SWEEP_LEASE_MS), retentionDays: config.retentionDays, now, logger });
  // operator messages and the end reach the worker's chat from whichever instance (models/handoff/handoffRelay.ts)
  // ... and, for a conversation taken from a Teams card, the worker's messages the operator's personal chat
  const operatorChats = await OperatorChatStore.open(store, { now });
  const handoffRelay = new HandoffRelay({
    handoffs: handoffService,
    poster: new AdapterWorkerPoster({ adapter, appId: config.microsoftAppId ?? '', translator, referralConsent: { privacyNotices, privacyNoticeUrl: config.privacyNoticeUrl } }),
    operatorChat: new TeamsOperatorChatPoster({ adapter, appId: config.microsoftAppId ?? '', translator, chats: operatorChats }),
    now,
    logger,
  });
  // each waiting request's card in the linked channels of its project or province, once across instances
  const handoffCards = await HandoffCardDispatcher.open(
    { store, handoffs: handoffService, links: await ChannelLinkStore.open(store, { now }), projects: domain.projects, poster: new TeamsHandoffPoster({ adapter, appId: config.microsoftAppId ?? '', translator }), logger },
    { retryBaseMs: config.teamsRetryBaseMs, maxAttempts: config.teamsMaxAttempts },
  );
  const handoffs = { service: handoffService, sweep: handoffSweep, relay: handoffRelay, cards: handoffCards, retractions: chatRetractions };
  const onEvent = turnAnalytics.note;
  installTurnErrorHandler(adapter, { logger, translator, conversationState });

  // Teams: new referrals go through a durable outbox to the project's linked channels (see models/teams/).
  const links = await ChannelLinkStore.open(store, { now });
  const outbox = await Outbox.open(store);
  const cards = new ReferralCards({ translator, projects: domain.projects, accounts: domain.accounts });
  const connector = new TeamsConnector({ adapter, appId: config.microsoftAppId ?? '', cards });
  const dispatcher = new OutboxDispatcher(
    {
      outbox,
      links,
      leads: domain.leads,
      poster: connector,
      logger,
    },
    { retryBaseMs: config.teamsRetryBaseMs, pollMs: config.teamsOutboxPollMs, maxAttempts: config.teamsMaxAttempts },
  );
  // The lead events' consumers: the Teams outbox (cards) and the webhook. A crash between a lead's change and the
  // publication of its event is covered by the relay, which publishes what leads still hold.
  const eventOptions = { pollMs: config.leadEventsPollMs };
  const consumers: Record<string, LeadEventConsumer> = {
    teams: new LeadEventConsumer(leadEvents, 'teams', teamsLeadEventHandler(dispatcher), { logger }, { ...eventOptions, retryBaseMs: config.teamsRetryBaseMs, maxAttempts: config.teamsMaxAttempts }),
  };
  if (config.referralWebhookUrl) {
    const handler = webhookLeadEventHandler(config.referralWebhookUrl, { leads: domain.leads, logger, fetch: options.fetch });
    consumers.webhook = new LeadEventConsumer(leadEvents, 'webhook', handler, { logger }, { ...eventOptions, retryBaseMs: config.referralWebhookRetryBaseMs, maxAttempts: config.referralWebhookMaxAttempts });
  }
  const relay = new LeadEventRelay(() => domain.leads.relayPendingEvents(), { logger, ...eventOptions });
  const operatorChat: TeamsOperatorChat = new TeamsOperatorChat({
    service: handoffService,
    chats: operatorChats,
    translator,
    logger,
    // the card's own mapping of a linked account to an operator (teamsHandoff, built next: called only in turns)
    operatorOf: (account): Promise<OperatorRef> => teamsHandoff.operatorOf(account),
    relay: handoffRelay,
  });
  const teamsHandoff = new TeamsHandoff({
    chat: operatorChat,
    service: handoffService,
    projects: domain.projects,
    dispatcher: handoffCards,
    translator,
    logger,
    publicUrl: config.publicUrl,
    audit: async (account, action, target, details) => {
      try {
        await domain.audit.append({ actor: account.name, action, target, details: { ...details, via: 'teams' } });
      } catch (err) {
        logger.error({ action, err: { name: err instanceof Error ? err.name : typeof err } }, 'audit entry not written');
      }
    },
  });
  const teams = new TeamsHandler({ domain, links, outbox, cards, connector, translator, logger, handoff: teamsHandoff });
  // The campaign's news: workers subscribe in the chat, staff send announcements (bot/campaign/, models/campaign/).
  const campaign = await openCampaign({ store, config, adapter, translator, gazetteer, logger, now, onEvent, notices: live.notices() });

  const liveHandoff = new LiveHandoff({ service: handoffService, conversationData, dialogState, translator, commands: new CommandRecognizer(translator), campaign: campaign.requests, logger, relay: handoffRelay });
  const mainDialog = new MainDialog({
    translator,
    inform: new InformResponder(catalogue, faq, {
      notices: live.notices(),
      now,
      placeholders: (language) => ({ retention: retentionOf(language), chatHours: String(config.dialogStateTtlHours) }),
    }),
    userProfile,
    conversationData,
    goals: {
      eligibility: new EligibilityDialog({ translator, gazetteer, catalogue, conversationData, now, onEvent }),
      referral: new ReferralDialog({
        translator,
        leads: domain.leads,
        projects: domain.projects,
        catalogue,
        privacyNotices,
        privacyNoticeUrl: config.privacyNoticeUrl,
        conversationData,
        logger,
        now,
        onEvent,
        transcripts: {
          heldTranscriptFor: (identity) => handoffService.heldTranscriptFor(identity),
          keepTranscript: (...args) => handoffService.keepTranscript(...args),
          // a no: like an erasure, no superseded copy of what the worker wrote stays on disk
          discardTranscript: async (handoffId, identity) => {
            await handoffService.discardTranscript(handoffId, identity);
            await supersededCopies.purge();
          },
        },
      }),
      eraseData: new EraseDataDialog({
        leads: domain.leads,
        subscriptions: campaign.subscriptions,
        translator,
        conversation: new BotStateMemory({ conversationState, conversationData }),
        handoffs: handoffService,
        purge: () => supersededCopies.purge(),
        onEvent,
      }),
      subscribe: campaign.subscribeDialog,
    },
    campaign: campaign.requests,
    showWorkerData: (context, shown) => showWorkerData(context, { leads: domain.leads, subscriptions: campaign.subscriptions, handoffs: handoffService, gazetteer, translator, answersKeptHours: config.dialogStateTtlHours }, shown),
    describesOwnCase: (text, language) => describesOwnCase(text, language, gazetteer),
    withdrawConsent: async (context) => {
      const withdrawn = await domain.leads.withdrawByUser(workerIdentity(context));
      // a live handoff's conversation kept with a withdrawn referral goes with it
      for (const lead of withdrawn) await handoffService.eraseTranscriptsOfLead(lead._id);
      // like an erasure, no superseded copy of the withdrawn personal data stays on disk
      if (withdrawn.length > 0) await supersededCopies.purge();
      return withdrawn;
    },
    logger,
    onEvent,
    placeOf,
    // a person asked for: office hours (HANDOFF_HOURS) and the published holidays, at this turn's time
    handoffAvailability: async (context) => {
      const calendar = { hours: config.handoffHours, holidays: live.notices().holidayRules() };
      const offline = handoffAvailability(now(), calendar);
      // in office hours: 'connecting' when someone who could take this worker's request is available now
      if (offline.kind !== 'live-unavailable') return offline;
      return handoffAvailability(now(), calendar, { available: await liveHandoff.operatorAvailable(context), waitMs: config.handoffWaitMs });
    },
    liveHandoff,
  });
  const bot = new AssistantBot({ conversationState, userState, conversationData, dialogState, mainDialog, translator, privacyNoticeUrl: config.privacyNoticeUrl, teams, liveHandoff });

  let stopping = false;
  const tracker: TurnTracker = { inFlight: 0 };
  installRequestHandling(server, config, logger);
  registerProbes(server, store, () => stopping);
  registerMessagesRoute(server, adapter, (context) => bot.run(context), tracker, { logger });
  registerPrivacyRoute(server, privacyNotices);
  registerEligibilityRoute(server, translator);
  // the console first: it attaches the session-cookie resolver the /api routes accept besides bearer tokens
  const sessions = await SessionStore.open(store, { now, policy: { idleMs: config.consoleSessionIdleMs, absoluteMs: config.consoleSessionMaxMs } });
  const consoleRoutes = registerConsole(server, { config, domain, sessions, logger, now, store });
  registerOperatorApi(server, { domain, logger, now, languageNames: staffLanguageNames(translator), content: { publisher, fileReview, live, translator, placeOf }, analytics: { recorder: analytics, handoffWaits: handoffService }, announcements: campaign.api, store, handoffs: handoffService });
  const webChat = registerWebChat(server, { config, logger, fetch: options.fetch, botOrigin: () => loopbackOrigin(server.address()) });

  const listen = async (): Promise<RunningBot> => {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
    logger.info({ port, store: store.kind }, 'listening');
    await consoleRoutes.offerFirstStaffSetup(config.publicUrl ?? url);
    live.start();
    retention.start();
    dispatcher.start();
    for (const consumer of Object.values(consumers)) consumer.start();
    relay.start();
    campaign.sender.start();
    campaign.reminders.start();
    handoffSweep.start();
    handoffRelay.start();
    handoffCards.start();
    chatRetractions.start();
    return { url, port, config, store, domain, teams: { links, outbox, dispatcher }, leadEvents: { log: leadEvents, relay, consumers }, campaign, handoffs, stop };
  };

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const deadline = Date.now() + config.shutdownTimeoutMs;
      while (tracker.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      if (tracker.inFlight > 0) logger.warn({ inFlight: tracker.inFlight }, 'stopping with turns still in flight');
      // Idle keep-alive sockets would hold close() open until they time out.
      server.server.closeIdleConnections?.();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closed, new Promise((r) => (timer = setTimeout(r, Math.max(0, deadline - Date.now()))))]);
      clearTimeout(timer);
      server.server.closeAllConnections?.();
      webChat.close();
      // a referral's events published after its reply (LeadService.submit, events 'after') land before the store closes
      await domain.leads.publicationsSettled();
      await relay.stop();
      for (const consumer of Object.values(consumers)) await consumer.stop();
      await dispatcher.stop();
      await campaign.reminders.stop();
      await campaign.sender.stop();
      await live.stop();
      await retention.stop();
      await handoffSweep.stop();
      await handoffRelay.stop();
      await handoffCards.stop();
      await chatRetractions.stop();
      await analytics.close();
      await store.close();
      logger.info({}, 'stopped');
      restoreConsole?.();
    })();
    return stopped;
  };
  return { server, adapter, bot, listen, config, store, domain, teams: { links, outbox, dispatcher }, leadEvents: { log: leadEvents, relay, consumers }, campaign, handoffs, stop };
}

/** `npm start`: run until SIGTERM/SIGINT, then stop gracefully. */
export async function main(): Promise<void> {
  // Signals are handled from the first moment: the bot answers /healthz while its background work is still
  // starting, and a SIGTERM then must stop it gracefully once the start completes, not kill it half-way.
  let signalled = false;
  let stopRunning: (() => void) | undefined;
  const onSignal = (signal: string): void => {
    if (signalled) return;
    signalled = true;
    process.stderr.write(`${signal}: stopping\n`);
    stopRunning?.();
  };
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));

  let running: RunningBot;
  try {
    // the language identification's n-grams, before listening: the first worker does not wait for them
    preloadLanguageIdentification();
    running = await start();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every variable and its default.\n`);
    } else if (err instanceof StoreLockedError) {
      process.stderr.write(`cannot start: ${err.message}. One process at a time may use a data folder: stop that one first, or give this one another DATA_DIR.\n`);
    } else {
      process.stderr.write(`cannot start: ${(err as Error).message}\n`);
    }
    process.exit(1);
  }
  // what slips past every turn's and request's own error handling (see bot/processGuard.ts for the policy)
  installProcessGuard(process, { logger: createLogger(running.config.logLevel), stop: running.stop, stopTimeoutMs: running.config.shutdownTimeoutMs + 5000 });
  stopRunning = (): void => {
    const force = setTimeout(() => process.exit(1), running.config.shutdownTimeoutMs + 5000);
    force.unref();
    running.stop().then(() => process.exit(0), () => process.exit(1));
  };
  if (signalled) stopRunning();
}

if (require.main === module) void main();
