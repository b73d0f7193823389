import type { Activity } from 'botbuilder';
import type { Translate } from '../models/i18n';
import { normalizeCommandText, normalizedLabel } from './commands';
import { messageWithButtons } from './buttons';

export type MenuAction = 'measure' | 'eligibility' | 'contact' | 'subscribe' | 'language';

const MENU_ACTIONS: MenuAction[] = ['measure', 'eligibility', 'contact', 'subscribe', 'language'];

export function menuLabels(t: Translate): string[] {
  return MENU_ACTIONS.map((action) => t(`menu.${action}`));
}

export function menuActivity(t: Translate, channelId: string | undefined, text: string = t('menu.prompt')): Partial<Activity> {
  return messageWithButtons(text, menuLabels(t), channelId);
}

/** A menu button's label (in either language, since a user may switch) back to its action. */
export function recognizeMenuAction(text: string, translators: Translate[]): MenuAction | undefined {
  const normalized = normalizeCommandText(text).replace(/\?/g, '').trim();
  for (const t of translators) {
    for (const action of MENU_ACTIONS) {
      if (normalizedLabel(t(`menu.${action}`)).replace(/\?/g, '').trim() === normalized) return action;
    }
  }
  return undefined;
}
