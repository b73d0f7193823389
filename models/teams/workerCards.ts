/**
 * Cards for workers in Teams that read right to left (Arabic; models/languages.ts `direction`).
 *
 * The worker's buttons come as a hero card in Teams (dialogs/buttons.ts), and a hero card has no direction: Teams
 * lays it out left to right whatever its language, so an Arabic sentence sat left-aligned above buttons in Latin
 * order. Adaptive Cards 1.5 added `rtl` on the card and its containers ("true: the content of this Adaptive Card
 * should be presented right to left"), and 1.5 is the schema Teams renders for bots (our referral cards declare
 * it too, models/teams/cards.ts). So in a right-to-left language the same text and buttons become an Adaptive Card
 * 1.5 with `rtl: true`; left-to-right languages keep the hero card exactly as before.
 *
 * Every button stays an imBack: an `Action.Submit` whose `msteams.type` is `imBack` posts its label back as the
 * worker's own message, as the hero card's button did, so a tap and the same words typed take the same path.
 * Unlike the referral cards (typed by workers, read by operators), this text is ours (content/locales), so its
 * markdown (**bold**, links) is kept: a TextBlock renders it as the hero card did.
 *
 * No Bot Framework imports: pure builders over plain JSON.
 */
import type { TextDirection } from '../languages';
import type { AdaptiveCard } from './cards';

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
/** Buttons per ActionSet: a set wider than the card overflows into "..." in Teams; several short rows stay visible. */
const BUTTONS_PER_ROW = 4;

/** One TextBlock per line (Teams collapses a lone "\n" inside a TextBlock); paragraphs keep the default gap. */
function textBlocks(text: string): Array<Record<string, unknown>> {
  return text
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.trim() !== '')
    .flatMap((paragraph) =>
      paragraph
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line, index) => ({ type: 'TextBlock', text: line, wrap: true, ...(index > 0 ? { spacing: 'None' } : {}) })),
    );
}

/** An imBack button: posts `value` (its label) as the worker's message. */
function imBack(title: string, value: string): Record<string, unknown> {
  return { type: 'Action.Submit', title, data: { msteams: { type: 'imBack', value } } };
}

/** A worker's message with buttons as an Adaptive Card 1.5 in `direction` (`rtl` set only when right to left). */
export function buttonsCard(text: string, buttons: ReadonlyArray<{ title: string; value: string }>, direction: TextDirection): AdaptiveCard {
  const rows: Array<Record<string, unknown>> = [];
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW) {
    rows.push({ type: 'ActionSet', actions: buttons.slice(i, i + BUTTONS_PER_ROW).map((b) => imBack(b.title, b.value)) });
  }
  return {
    type: 'AdaptiveCard',
    $schema: SCHEMA,
    version: '1.5',
    ...(direction === 'rtl' ? { rtl: true } : {}),
    fallbackText: text,
    body: [...textBlocks(text), ...rows],
  };
}

/** The hero card dialogs/buttons.ts builds: a text and imBack buttons, nothing else. */
interface ButtonsHeroCard {
  text?: string;
  buttons?: Array<{ type?: string; title?: string; value?: unknown }>;
}

/**
 * The same card in an Adaptive Card of `direction`, or undefined when `content` is not a hero card of text and
 * imBack buttons only (anything else is left as it is).
 */
export function buttonsCardFromHero(content: unknown, direction: TextDirection): AdaptiveCard | undefined {
  if (typeof content !== 'object' || content === null) return undefined;
  const hero = content as ButtonsHeroCard & Record<string, unknown>;
  const extra = Object.keys(hero).filter((k) => k !== 'text' && k !== 'buttons' && !(k === 'title' && hero.title === '') && !(k === 'images' && hero.images === undefined));
  if (extra.length > 0 || typeof hero.text !== 'string' || !Array.isArray(hero.buttons)) return undefined;
  // a button that is not an object (null from a careless builder) is "anything else": the card is left as it is
  const buttons = hero.buttons.map((b) => (typeof b === 'object' && b !== null && b.type === 'imBack' && typeof b.title === 'string' && typeof b.value === 'string' ? { title: b.title, value: b.value } : undefined));
  if (buttons.some((b) => b === undefined)) return undefined;
  return buttonsCard(hero.text, buttons as Array<{ title: string; value: string }>, direction);
}
