import type { Activity } from 'botbuilder';
import type { ContentCatalogue } from '../../models/content';
import type { FaqAnswerer } from '../../models/faq';
import type { Language, Translate } from '../../models/i18n';
import { messageWithButtons } from '../buttons';

export interface InformReply {
  activity: Partial<Activity>;
  /** the section to expand on "tell me more", when there is one */
  sectionId?: string;
  outcome: 'answered' | 'suggested' | 'not_understood';
}

const MORE_SECTIONS_ORDER = ['what', 'who', 'services', 'join', 'projects', 'formation', 'resources', 'legal', 'results', 'elsewhere'];

/**
 * Answers about the measure: sections for menu topics, FAQ retrieval for free text. Single-turn, so it is a
 * plain class the main dialog calls, not a dialog.
 */
export class InformResponder {
  constructor(private readonly catalogue: ContentCatalogue, private readonly faq: FaqAnswerer) {}

  /** A section with buttons for the next topics. */
  section(language: Language, sectionId: string, t: Translate, channelId: string | undefined): InformReply | undefined {
    const section = this.catalogue.section(language, sectionId);
    if (!section) return undefined;
    const next = this.nextSectionTitles(language, sectionId, 3);
    return {
      activity: messageWithButtons(`**${section.title}**\n\n${section.body}`, [...next, t('menu.eligibility')], channelId),
      sectionId,
      outcome: 'answered',
    };
  }

  /** A section title typed or clicked ("Servizi e valori") opens that section. */
  sectionByTitle(language: Language, text: string): string | undefined {
    const wanted = text.trim().toLowerCase();
    for (const lang of [language, ...(['it', 'en'] as Language[]).filter((l) => l !== language)]) {
      const hit = this.catalogue.sections(lang).find((s) => s.title.toLowerCase() === wanted);
      if (hit) return hit.id;
    }
    return undefined;
  }

  /** A free-text question: the answer, "did you mean" topics, or undefined when it is out of scope. */
  answer(language: Language, question: string, t: Translate, channelId: string | undefined): InformReply | undefined {
    const result = this.faq.ask(question, language);
    if (result.kind === 'answer') {
      const entry = result.match.entry;
      const sectionId = entry.sections?.[0];
      const buttons = [t('menu.eligibility'), ...(sectionId ? [t('inform.more')] : []), t('inform.menu')];
      return { activity: messageWithButtons(entry.answer, buttons, channelId), sectionId, outcome: 'answered' };
    }
    if (result.kind === 'suggest') {
      const topics = result.matches.slice(0, 3).map((m) => m.entry.questions[0]);
      return { activity: messageWithButtons(t('inform.didYouMean'), [...topics, t('inform.menu')], channelId), outcome: 'suggested' };
    }
    return undefined;
  }

  private nextSectionTitles(language: Language, currentId: string, count: number): string[] {
    const start = MORE_SECTIONS_ORDER.indexOf(currentId);
    const ordered = [...MORE_SECTIONS_ORDER.slice(start + 1), ...MORE_SECTIONS_ORDER.slice(0, Math.max(start, 0))];
    return ordered
      .map((id) => this.catalogue.section(language, id)?.title)
      .filter((title): title is string => Boolean(title))
      .slice(0, count);
  }
}
