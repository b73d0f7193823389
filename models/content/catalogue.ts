import { DEFAULT_LOCALE, FaqEntry, Locale, LOCALES, MeasureContent, Section, SynonymGroup, SynonymTable } from './types';

/**
 * Read access to the measure's content. Any locale string is accepted ('en-US', 'it-IT', 'fr'): it is reduced to
 * its language and falls back to Italian when the language has no content.
 */
export interface ContentCatalogue {
  readonly locales: readonly Locale[];
  /** The locale actually served for `locale` ('en-GB' -> 'en', 'fr' -> 'it'). */
  resolveLocale(locale: string | undefined): Locale;
  version(locale: string | undefined): string;
  sections(locale: string | undefined): readonly Section[];
  section(locale: string | undefined, id: string): Section | undefined;
  faq(locale: string | undefined): readonly FaqEntry[];
  faqEntry(locale: string | undefined, id: string): FaqEntry | undefined;
  /** Retrieval vocabulary for the locale (empty when the catalogue was built without one). */
  synonyms(locale: string | undefined): readonly SynonymGroup[];
}

export function resolveLocale(locale: string | undefined, available: readonly Locale[] = LOCALES): Locale {
  const language = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  const match = available.find((candidate) => candidate === language);
  return match ?? DEFAULT_LOCALE;
}

interface LocaleIndex {
  readonly content: MeasureContent;
  readonly sectionsById: ReadonlyMap<string, Section>;
  readonly faqById: ReadonlyMap<string, FaqEntry>;
}

/** An immutable catalogue over already-validated content (see `loadMeasureContent`). */
export class MeasureContentCatalogue implements ContentCatalogue {
  readonly locales: readonly Locale[];
  private readonly byLocale: ReadonlyMap<Locale, LocaleIndex>;

  constructor(
    contents: readonly MeasureContent[],
    private readonly synonymTable?: SynonymTable,
  ) {
    const byLocale = new Map<Locale, LocaleIndex>();
    for (const content of contents) {
      byLocale.set(content.locale, {
        content,
        sectionsById: new Map(content.sections.map((s) => [s.id, s])),
        faqById: new Map(content.faq.map((f) => [f.id, f])),
      });
    }
    if (!byLocale.has(DEFAULT_LOCALE)) throw new Error(`the content catalogue needs the "${DEFAULT_LOCALE}" locale`);
    this.byLocale = byLocale;
    this.locales = LOCALES.filter((l) => byLocale.has(l));
  }

  resolveLocale(locale: string | undefined): Locale {
    return resolveLocale(locale, this.locales);
  }

  private index(locale: string | undefined): LocaleIndex {
    const resolved = this.byLocale.get(this.resolveLocale(locale)) ?? this.byLocale.get(DEFAULT_LOCALE);
    if (resolved === undefined) throw new Error('unreachable: the default locale is checked in the constructor');
    return resolved;
  }

  version(locale: string | undefined): string {
    return this.index(locale).content.version;
  }

  sections(locale: string | undefined): readonly Section[] {
    return this.index(locale).content.sections;
  }

  section(locale: string | undefined, id: string): Section | undefined {
    return this.index(locale).sectionsById.get(id);
  }

  faq(locale: string | undefined): readonly FaqEntry[] {
    return this.index(locale).content.faq;
  }

  faqEntry(locale: string | undefined, id: string): FaqEntry | undefined {
    return this.index(locale).faqById.get(id);
  }

  synonyms(locale: string | undefined): readonly SynonymGroup[] {
    return this.synonymTable?.locales[this.resolveLocale(locale)] ?? [];
  }
}
