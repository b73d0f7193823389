import type { Translator } from '../models/i18n';
import { foldLatinAccents } from '../models/text/fold';

export type Command = 'menu' | 'help' | 'cancel' | 'switchToEnglish' | 'switchToItalian' | 'greeting' | 'thanks' | 'more';

const COMMANDS: Command[] = ['cancel', 'switchToEnglish', 'switchToItalian', 'help', 'menu', 'greeting', 'thanks', 'more'];

/** Lower case, no accents, no punctuation at the ends, single spaces: how keywords are compared. */
export function normalizeCommandText(text: string): string {
  return foldLatinAccents(text)
    .toLowerCase()
    .replace(/[!.,;:¡¿"'`]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Labels (menu entries, buttons, keywords) are fixed strings that every turn compares the message with, in both
 * languages: their normal form is computed once. Bounded, since published content may bring new labels.
 */
const labelForms = new Map<string, string>();
const LABEL_FORMS_MAX = 5000;

/** `normalizeCommandText` of a label, remembered. */
export function normalizedLabel(label: string): string {
  let form = labelForms.get(label);
  if (form === undefined) {
    form = normalizeCommandText(label);
    if (labelForms.size >= LABEL_FORMS_MAX) labelForms.clear();
    labelForms.set(label, form);
  }
  return form;
}

const POLITE_START = /^(per favore|per piacere|please|ok|okay|ehm|allora|scusa|scusi|ciao|hey|hi)\s+/;
const POLITE_END = /\s+(per favore|per piacere|please|grazie|thanks|thank you)$/;

/**
 * A whole message as a command is compared: normalized as above, without question marks, brackets, quotes or
 * emoji, and without the polite words people wrap commands in ("per favore annulla", "delete my data please").
 * Stripping never empties a message: "grazie" stays "grazie".
 */
export function commandForm(text: string): string {
  let form = normalizeCommandText(text)
    .replace(/[?؟…()[\]{}*_~<>«»“”‘’\p{Extended_Pictographic}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (let pass = 0; pass < 2; pass++) {
    const stripped = form.replace(POLITE_START, '').replace(POLITE_END, '').trim();
    if (!stripped || stripped === form) break;
    form = stripped;
  }
  return form;
}

/**
 * Recognises the commands that work from anywhere. A command must be the whole message ("annulla", "menu!"):
 * "annulla la mia iscrizione" is a request to handle, not a command. Keywords of every language are accepted,
 * since people switch languages mid-conversation.
 */
export class CommandRecognizer {
  private readonly keywords: Map<string, Command>;

  constructor(translator: Translator) {
    this.keywords = new Map();
    for (const command of COMMANDS) {
      for (const keyword of translator.allLanguages(`commands.${command}`)) {
        const normalized = normalizeCommandText(keyword);
        if (normalized && !this.keywords.has(normalized)) this.keywords.set(normalized, command);
      }
    }
  }

  recognize(text: string | undefined): Command | undefined {
    if (!text) return undefined;
    const normalized = commandForm(text);
    if (normalized === '' && /^[?؟]+$/.test(text.trim())) return 'help';
    return this.keywords.get(normalized);
  }
}
