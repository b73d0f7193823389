import type { TurnContext } from 'botbuilder';
import { DEFAULT_LANGUAGE, type Language } from '../models/i18n';

/** The language of this turn, chosen once per turn by the language middleware (bot/languageMiddleware.ts). */
const LANGUAGE_KEY = Symbol('turnLanguage');

export function setTurnLanguage(context: TurnContext, language: Language): void {
  context.turnState.set(LANGUAGE_KEY, language);
}

export function turnLanguage(context: TurnContext): Language {
  return (context.turnState.get(LANGUAGE_KEY) as Language | undefined) ?? DEFAULT_LANGUAGE;
}
