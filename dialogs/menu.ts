import type { Activity } from 'botbuilder';
import type { Translate } from '../models/i18n';
import { normalizeCommandText, normalizedLabel } from './commands';
import { messageWithButtons } from './buttons';

export type MenuAction = 'measure' | 'eligibility' | 'contact' | 'person' | 'subscribe' | 'language';

const MENU_ACTIONS: MenuAction[] = ['measure', 'eligibility', 'contact', 'person', 'subscribe', 'language'];

export function menuLabels(t: Translate): string[] {
  return MENU_ACTIONS.map((action) => t(`menu.${action}`));
}

export function menuActivity(t: Translate, channelId: string | undefined, text: string = t('menu.prompt')): Partial<Activity> {
  return messageWithButtons(text, menuLabels(t), channelId);
}

/**
 * Each language's menu labels, normalized, back to their action: every turn of a dialog checks whether its message
 * is a menu button, in all eight languages, and rebuilding forty label forms per turn showed in its profile. Keyed
 * by the language's translate function, so strings loaded anew (a new translator) get a table of their own.
 */
const menuTables = new WeakMap<Translate, Map<string, MenuAction>>();

function menuTable(t: Translate): Map<string, MenuAction> {
  let table = menuTables.get(t);
  if (!table) {
    table = new Map();
    // in menu order, the first action of a label wins, as the loop over actions did
    for (const action of MENU_ACTIONS) {
      const form = normalizedLabel(t(`menu.${action}`)).replace(/\?/g, '').trim();
      if (!table.has(form)) table.set(form, action);
    }
    menuTables.set(t, table);
  }
  return table;
}

/** A menu button's label (in either language, since a user may switch) back to its action. */
export function recognizeMenuAction(text: string, translators: Translate[]): MenuAction | undefined {
  const normalized = normalizeCommandText(text).replace(/\?/g, '').trim();
  for (const t of translators) {
    const action = menuTable(t).get(normalized);
    if (action) return action;
  }
  return undefined;
}
