import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type ConversationState, type InvokeResponse, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, type AuthenticateRequestResult, type ClaimsIdentity, type ConnectorClient, type ConnectorFactory, type UserTokenClient } from 'botframework-connector';
import type { Translator } from '../models/i18n';
import type { Logger } from '../models/logger';
import { isStoreUnavailable } from '../models/store/collection';
import { turnLanguage } from '../dialogs/turnLanguage';
import type { Config } from './config';
import { localServiceUrlPolicy } from './http/localServiceUrls';
import { describeError } from '../models/errorDescription';

/** A request the Bot Framework authentication did not accept: a bad token, or one that could not be checked. */
export class BotAuthenticationRefused extends Error {
  constructor(readonly detail: unknown) {
    super('the request has no valid Bot Framework token');
    this.name = 'BotAuthenticationRefused';
  }
}

/** A serviceUrl local mode does not send to (see bot/http/localServiceUrls.ts). */
export class ServiceUrlRefused extends Error {
  constructor() {
    super('local mode sends replies only to this machine or the configured Direct Line');
    this.name = 'ServiceUrlRefused';
  }
}

function guardedFactory(inner: ConnectorFactory, allowed: (serviceUrl: string) => boolean): ConnectorFactory {
  return {
    create: async (serviceUrl: string, audience?: string) => {
      if (!allowed(serviceUrl)) throw new ServiceUrlRefused();
      return inner.create(serviceUrl, audience);
    },
  };
}

/** Clients kept at most (serviceUrls and app ids are few; tests make one per server they start). */
const CLIENT_CACHE_SIZE = 64;

/** A small map that forgets its oldest entry beyond `capacity`, and any entry whose promise rejected. */
class ClientCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  get(key: string, make: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = make();
      this.entries.set(key, entry);
      // a client that could not be made (credentials not reachable) is made again next time
      const made = entry;
      made.catch(() => {
        if (this.entries.get(key) === made) this.entries.delete(key);
      });
      if (this.entries.size > CLIENT_CACHE_SIZE) this.entries.delete(this.entries.keys().next().value as string);
    }
    return entry;
  }
}

/** The app id botbuilder makes a turn's clients for (its ParameterizedBotFrameworkAuthentication reads the same claims). */
function appIdOf(claimsIdentity: ClaimsIdentity | undefined): string {
  return claimsIdentity?.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claimsIdentity?.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/**
 * botbuilder's authentication, with the clients of a turn reused: CloudAdapter asks for a new ConnectorClient and a
 * new UserTokenClient on every turn, and each builds its HTTP pipeline anew (about a tenth of a turn's CPU). They
 * hold nothing of the turn (botbuilder's older BotFrameworkAdapter kept them the same way): a ConnectorClient
 * depends only on the app id, the serviceUrl and the audience, a UserTokenClient on the app id; their credentials
 * fetch and renew tokens themselves. The factory handed to the turn is still asked on every create, so a guard
 * around it (local mode) still sees every serviceUrl.
 */
class ClientReusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new ClientCache<ConnectorClient>();
  private readonly tokenClients = new ClientCache<UserTokenClient>();

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.reusing(result.connectorFactory, appIdOf(result.claimsIdentity)) } : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  private reusing(inner: ConnectorFactory, appId: string): ConnectorFactory {
    return { create: (serviceUrl: string, audience?: string) => this.connectors.get(JSON.stringify([appId, serviceUrl, audience ?? '']), () => inner.create(serviceUrl, audience)) };
  }
}

/**
 * Local mode's authentication: none (as botbuilder does without an app id), but every Connector client, for a
 * reply or a proactive message, is made only for an allowed serviceUrl. The /api/messages route refuses other
 * serviceUrls before the turn; this catches any path that gets around it (e.g. a stored conversation reference).
 */
class LocalModeAuthentication extends ClientReusingAuthentication {
  constructor(settings: Record<string, string>, private readonly allowed: (serviceUrl: string) => boolean) {
    super(settings);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: guardedFactory(result.connectorFactory, this.allowed) } : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return guardedFactory(super.createConnectorFactory(claimsIdentity), this.allowed);
  }
}

/**
 * CloudAdapter with the HTTP edge in our hands: `process()` prints every failure with console.error and answers a
 * token it cannot check (e.g. no route to the token service) with 500 and the internal message. Here
 * authentication failures of any kind come out as BotAuthenticationRefused (the route answers 401 in the project's
 * error shape and logs through the JSON logger), and the turn runs exactly as `process()` runs it.
 */
export class AssistantAdapter extends CloudAdapter {
  /** @param localServiceUrl local mode only: where replies may go (an app id leaves it to the Bot Framework) */
  constructor(auth: ConfigurationBotFrameworkAuthentication, private readonly localServiceUrl?: (serviceUrl: string) => boolean) {
    super(auth);
  }

  /** False when local mode would not send to this serviceUrl; with an app id the token vouches for it. */
  mayReplyTo(serviceUrl: string): boolean {
    return this.localServiceUrl === undefined || this.localServiceUrl(serviceUrl);
  }

  async processAuthenticated(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    let authentication: AuthenticateRequestResult;
    try {
      authentication = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (err) {
      throw new BotAuthenticationRefused(err);
    }
    return this.processActivity(authentication, activity, logic);
  }
}

/**
 * The Bot Framework adapter. Without MicrosoftAppId it runs in local mode (no authentication): the Emulator,
 * tests and the local Direct Line talk to it directly, and replies go only where `localServiceUrl` allows (by default loopback only). With an
 * app id, requests without a valid token get 401 and the Bot Framework's own checks apply.
 */
export function createAdapter(config: Config, logger: Logger, options: { localServiceUrl?: (serviceUrl: string) => boolean } = {}): AssistantAdapter {
  const settings = {
    MicrosoftAppId: config.microsoftAppId ?? '',
    MicrosoftAppPassword: config.microsoftAppPassword ?? '',
    MicrosoftAppType: config.microsoftAppType,
    MicrosoftAppTenantId: config.microsoftAppTenantId ?? '',
  };
  if (config.microsoftAppId) return new AssistantAdapter(new ClientReusingAuthentication(settings));
  logger.info({ mode: 'local' }, 'no MicrosoftAppId: local mode, requests are not authenticated and replies go only to this machine');
  const allowed = options.localServiceUrl ?? localServiceUrlPolicy({ ownOrigin: () => undefined });
  return new AssistantAdapter(new LocalModeAuthentication(settings, allowed), allowed);
}

/**
 * What happens when a turn throws: log it (ids only), apologise in the user's language without details, and
 * clear the conversation state so the user is not stuck in a broken dialog. Each step is guarded on its own.
 * When the store could not write (a full disk), the user is told that their last request was not completed and
 * to try again later, and the state is kept: what was saved before this turn is whole, so they can repeat it.
 */
export function installTurnErrorHandler(adapter: CloudAdapter, deps: { logger: Logger; translator: Translator; conversationState: ConversationState }): void {
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const activity = context.activity;
    deps.logger.error({ err: describeError(error), conversationId: activity?.conversation?.id, channelId: activity?.channelId, activityId: activity?.id }, 'turn failed');
    const storeDown = isStoreUnavailable(error);
    try {
      if (activity?.type === 'message') await context.sendActivity(deps.translator.forLanguage(turnLanguage(context))(storeDown ? 'error.storeUnavailable' : 'error.apology'));
    } catch (sendError) {
      deps.logger.warn({ err: describeError(sendError) }, 'could not send the apology');
    }
    if (storeDown) return;
    try {
      await deps.conversationState.delete(context);
    } catch (deleteError) {
      deps.logger.warn({ err: describeError(deleteError) }, 'could not clear the conversation state');
    }
  };
}
