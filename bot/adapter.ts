import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConversationState, type TurnContext } from 'botbuilder';
import type { Translator } from '../models/i18n';
import type { Logger } from '../models/logger';
import { isStoreUnavailable } from '../models/store/collection';
import { turnLanguage } from '../dialogs/turnLanguage';
import type { Config } from './config';

/**
 * The Bot Framework adapter. Without MicrosoftAppId it runs in local mode (no authentication): the Emulator,
 * tests and the local Direct Line talk to it directly. With an app id, requests without a valid token get 401.
 */
export function createAdapter(config: Config, logger: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.microsoftAppId ?? '',
    MicrosoftAppPassword: config.microsoftAppPassword ?? '',
    MicrosoftAppType: config.microsoftAppType,
    MicrosoftAppTenantId: config.microsoftAppTenantId ?? '',
  });
  if (!config.microsoftAppId) logger.info({ mode: 'local' }, 'no MicrosoftAppId: local mode, requests are not authenticated');
  return new CloudAdapter(auth);
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
    deps.logger.error({ err: { message: error.message, stack: error.stack, name: error.name }, conversationId: activity?.conversation?.id, channelId: activity?.channelId, activityId: activity?.id }, 'turn failed');
    const storeDown = isStoreUnavailable(error);
    try {
      if (activity?.type === 'message') await context.sendActivity(deps.translator.forLanguage(turnLanguage(context))(storeDown ? 'error.storeUnavailable' : 'error.apology'));
    } catch (sendError) {
      deps.logger.warn({ err: { message: (sendError as Error).message } }, 'could not send the apology');
    }
    if (storeDown) return;
    try {
      await deps.conversationState.delete(context);
    } catch (deleteError) {
      deps.logger.warn({ err: { message: (deleteError as Error).message } }, 'could not clear the conversation state');
    }
  };
}
