import type { Activity } from 'botbuilder';
import type { ContentCatalogue, FaqEntry } from '../../models/content';
import type { FaqAnswerer } from '../../models/faq';
import type { Language, Translate } from '../../models/i18n';
import type { NoticeSource } from '../../models/publishing/notices';
import { formatCalendarDay } from '../../models/text/dates';
import { messageWithButtons } from '../buttons';
import { contentLanguageOf } from '../../models/languages';

/** What "tell me more" last showed, so the next "more" goes one level deeper and never repeats it. */
export type MoreLevel = 'answer' | 'section' | 'topics';

export interface InformReply {
  activity: Partial<Activity>;
  /** the section to expand on "tell me more", when there is one */
  sectionId?: string;
  /** how deep into that section this reply went (an FAQ answer, the section's text, its other questions) */
  level?: MoreLevel;
  /** the FAQ entry answered, not offered again among the section's other questions */
  faqId?: string;
  outcome: 'answered' | 'suggested' | 'not_understood';
}

const NEWS_SHOWN = 3;
const EVENTS_SHOWN = 5;

export interface InformOptions {
  /** published news and events (absent: "no news") */
  notices?: NoticeSource;
  /** the clock that decides which events are past */
  now?: () => Date;
  /**
   * Values of the installation an FAQ answer may quote as `{{name}}` (how long data is kept comes from
   * RETENTION_DAYS and DIALOG_STATE_TTL_HOURS, not from the content); absent ones read `inform.placeholder.<name>`.
   */
  placeholders?: (language: Language) => Record<string, string>;
}

/** How a firm takes part in the measure: the answer for firms when their question matched nothing for firms. */
const FIRM_ENTRY = 'company-how';

/**
 * The FAQ entries that state the rule for one situation a worker may be in (cassa integrazione with redundancies,
 * bankruptcy, NASpI, dismissed, self-employed, already re-employed): a message telling that situation and asking
 * whether it counts gets the rule first, with the pre-check offered beside it.
 */
const CASE_RULE_ENTRIES: ReadonlySet<string> = new Set(['still-employed', 'bankruptcy', 'income-support', 'unemployed', 'self-employed', 'reemployed', 'crisis-meaning']);

const MORE_SECTIONS_ORDER = ['what', 'who', 'services', 'join', 'projects', 'formation', 'resources', 'legal', 'results', 'elsewhere'];

/**
 * Answers about the measure: sections for menu topics, FAQ retrieval for free text. Single-turn, so it is a
 * plain class the main dialog calls, not a dialog.
 */
export class InformResponder {
  constructor(
    private readonly catalogue: ContentCatalogue,
    private readonly faq: FaqAnswerer,
    private readonly options: InformOptions = {},
  ) {}

  /** "novità": the latest published news, newest first. */
  news(language: Language, t: Translate, channelId: string | undefined): InformReply {
    const items = this.options.notices?.latestNews(language, NEWS_SHOWN) ?? [];
    if (items.length === 0) return { activity: messageWithButtons(t('news.none'), [t('menu.eligibility'), t('inform.menu')], channelId), outcome: 'answered' };
    const lines = items.map((n) => `**${n.title}** (${formatCalendarDay(n.date, language, 'longDate')})\n${n.body}\n${t('news.source', { source: n.source })}`);
    return { activity: messageWithButtons([t('news.latest'), ...lines].join('\n\n'), [t('menu.eligibility'), t('inform.menu')], channelId), outcome: 'answered' };
  }

  /**
   * "ci sono incontri a Bergamo?": upcoming info sessions (past ones hidden), in the province when one was named;
   * none -> says so and offers a referral.
   */
  events(language: Language, place: { code: string; name: string } | undefined, t: Translate, channelId: string | undefined): InformReply {
    const now = (this.options.now ?? (() => new Date()))();
    const upcoming = (this.options.notices?.upcomingEvents(language, now, place?.code) ?? []).slice(0, EVENTS_SHOWN);
    const buttons = [t('menu.contact'), t('inform.menu')];
    if (upcoming.length === 0) {
      const none = place ? t('news.events.noneIn', { place: place.name }) : t('news.events.none');
      return { activity: messageWithButtons(`${none}\n\n${t('news.events.offerReferral')}`, buttons, channelId), outcome: 'answered' };
    }
    const title = place ? t('news.events.titleIn', { place: place.name }) : t('news.events.title');
    const lines = upcoming.map((e) =>
      [
        `**${e.title}**`,
        t('news.events.when', { date: formatCalendarDay(e.date, language, 'longDate'), time: e.time, place: e.place, province: e.province }),
        ...(e.description ? [e.description] : []),
        ...(e.link ? [e.link] : []),
      ].join('\n'),
    );
    return { activity: messageWithButtons([title, ...lines].join('\n\n'), buttons, channelId), outcome: 'answered' };
  }

  /** A section with buttons for the next topics. */
  section(language: Language, sectionId: string, t: Translate, channelId: string | undefined): InformReply | undefined {
    const section = this.catalogue.section(language, sectionId);
    if (!section) return undefined;
    const next = this.nextSectionTitles(language, sectionId, 3);
    return {
      activity: messageWithButtons(`**${section.title}**\n\n${section.body}`, [...next, t('menu.eligibility')], channelId),
      sectionId,
      level: 'section',
      outcome: 'answered',
    };
  }

  /**
   * "Dimmi di più" after a reply: the next level of detail, never the same text again. After an FAQ answer, the
   * section it belongs to; after a section, the section's other questions as buttons; after those, the next section.
   */
  more(language: Language, last: { sectionId: string; level?: MoreLevel; faqId?: string }, t: Translate, channelId: string | undefined): InformReply | undefined {
    const level = last.level ?? 'section';
    if (level === 'answer') return this.section(language, last.sectionId, t, channelId);
    if (level === 'section') {
      const section = this.catalogue.section(language, last.sectionId);
      const questions = this.catalogue
        .faq(language)
        .filter((e) => e.sections?.includes(last.sectionId) && e.id !== last.faqId)
        .map((e) => e.questions[0])
        .slice(0, 4);
      if (section && questions.length > 0) {
        const next = this.nextSectionTitles(language, last.sectionId, 1);
        return {
          activity: messageWithButtons(t('inform.moreTopics', { title: section.title }), [...questions, ...next, t('inform.menu')], channelId),
          sectionId: last.sectionId,
          level: 'topics',
          outcome: 'answered',
        };
      }
    }
    const nextId = this.nextSectionIds(last.sectionId)[0];
    return nextId ? this.section(language, nextId, t, channelId) : undefined;
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

  /**
   * A question from someone writing for a firm ("we are an employer, how do we get involved?"): the FAQ's answer
   * when it is one for firms, else how a firm takes part (FIRM_ENTRY), never an answer about a worker's own case
   * (the "who" section) or "did you mean" topics for workers.
   */
  answerForFirm(language: Language, question: string, t: Translate, channelId: string | undefined): InformReply | undefined {
    const result = this.faq.ask(question, contentLanguageOf(language));
    if (result.kind === 'answer' && !result.match.entry.sections?.includes('who')) return this.reply(result.match.entry, language, t, channelId);
    const entry = this.catalogue.faqEntry(language, FIRM_ENTRY);
    return entry ? this.reply(entry, language, t, channelId) : this.answer(language, question, t, channelId);
  }

  /**
   * "Sono in cassa integrazione con esuberi, posso entrare?": a message telling the worker's situation and asking
   * the rule for it. The FAQ entry stating that situation's rule (CASE_RULE_ENTRIES), when the FAQ answers with
   * confidence, else undefined (the pre-check then starts with what the message told). The reply offers the
   * pre-check as its first button.
   */
  caseRuleAnswer(language: Language, question: string, t: Translate, channelId: string | undefined): InformReply | undefined {
    const result = this.faq.ask(question, contentLanguageOf(language));
    if (result.kind !== 'answer' || !CASE_RULE_ENTRIES.has(result.match.entry.id)) return undefined;
    return this.reply(result.match.entry, language, t, channelId);
  }

  /** A free-text question: the answer, "did you mean" topics, or undefined when it is out of scope. */
  answer(language: Language, question: string, t: Translate, channelId: string | undefined): InformReply | undefined {
    const result = this.faq.ask(question, contentLanguageOf(language));
    if (result.kind === 'answer') return this.reply(result.match.entry, language, t, channelId);
    if (result.kind === 'suggest') {
      const topics = result.matches.slice(0, 3).map((m) => m.entry.questions[0]);
      return { activity: messageWithButtons(t('inform.didYouMean'), [...topics, t('inform.menu')], channelId), outcome: 'suggested' };
    }
    return undefined;
  }

  private reply(entry: FaqEntry, language: Language, t: Translate, channelId: string | undefined): InformReply {
    const sectionId = entry.sections?.[0];
    const buttons = [t('menu.eligibility'), ...(sectionId ? [t('inform.more')] : []), t('inform.menu')];
    const text = this.fill(entry.answer, language, t);
    return { activity: messageWithButtons(text, buttons, channelId), sectionId, level: 'answer', faqId: entry.id, outcome: 'answered' };
  }

  private fill(answer: string, language: Language, t: Translate): string {
    if (!answer.includes('{{')) return answer;
    const values = this.options.placeholders?.(language) ?? {};
    return answer.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, key: string) => values[key] ?? t(`inform.placeholder.${key}`));
  }

  private nextSectionIds(currentId: string): string[] {
    const start = MORE_SECTIONS_ORDER.indexOf(currentId);
    return [...MORE_SECTIONS_ORDER.slice(start + 1), ...MORE_SECTIONS_ORDER.slice(0, Math.max(start, 0))];
  }

  private nextSectionTitles(language: Language, currentId: string, count: number): string[] {
    return this.nextSectionIds(currentId)
      .map((id) => this.catalogue.section(language, id)?.title)
      .filter((title): title is string => Boolean(title))
      .slice(0, count);
  }
}
