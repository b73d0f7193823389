/**
 * Shared types of the understanding layer. Pure data: no Bot Framework import, so the same recognisers serve the
 * dialogs, the REST APIs and the evaluation scripts.
 */
import type { ContentLanguage, LanguageCode } from '../../models/languages';

/**
 * The language of the text to read: any of the eight the bot speaks. Recognisers whose word lists exist only in
 * Italian and English read a newer language's text with its content language's lists (models/languages.ts).
 */
export type Lang = LanguageCode;
/** The languages the recognisers have word lists for. */
export type ListLang = ContentLanguage;

/** 'unknown' is an answer ("non lo so"), distinct from no answer at all (undefined). */
export type YesNoAnswer = true | false | 'unknown';

export interface PlaceMatch {
  /** undefined when the user named only a province (or an area) and no single comune */
  comune?: string;
  provinceCode: string;
  provinceName: string;
  region: string;
  inLombardy: boolean;
}

export type PlaceReading =
  /**
   * `setAside` when the message also named a place that is not the work site ("abito a Novara ma lavoro a Milano"):
   * the reply says that the residence (or the registered office) does not count, which is what the worker asked.
   */
  | { kind: 'found'; place: PlaceMatch; setAside?: 'home' | 'registeredOffice' }
  | { kind: 'ambiguous'; candidates: PlaceMatch[] }
  /**
   * Nothing to take as the work site. `excluded` when the text named a place only as the person's home or the firm's
   * registered office (sede legale), which are not the production/operational unit the measure asks about.
   */
  | { kind: 'none'; excluded?: 'home' | 'registeredOffice' };

export interface Province {
  code: string;
  name: string;
  region: string;
  inLombardy: boolean;
}

/**
 * How the text reached us. 'answer' (default): the user answered "where is your work site?", so a bare word such as
 * "Erba" or "MI" is read as a place. 'sentence': a place mentioned in passing inside a longer message
 * (extractFacts), so only well-marked names count ("a Treviglio", capitalised names, sigle in brackets).
 */
export interface PlaceOptions {
  context?: 'answer' | 'sentence';
}

export interface Gazetteer {
  recognizePlace(text: string, lang: Lang, options?: PlaceOptions): PlaceReading;
  provinceByCode(code: string): Province | undefined;
  lombardyProvinces(): Array<{ code: string; name: string }>;
}

export type EmploymentStatus = 'AT_RISK' | 'UNEMPLOYED' | 'REEMPLOYED' | 'OTHER';

/** The crisis kinds are the eligibility rules' own codes: one list, owned by the domain. */
import type { CrisisKind } from '../../models/eligibility/facts';
export type { CrisisKind };

export interface DateReading {
  /** ISO yyyy-mm-dd; for 'month' the first of the month, for 'year' the first of January */
  date: string;
  granularity: 'day' | 'month' | 'year';
}

export interface UtteranceFacts {
  place?: PlaceReading;
  status?: EmploymentStatus;
  /** a student, or someone who never had a job (the measure is for workers of firms in crisis) */
  noWorkHistory?: 'student' | 'never_worked';
  crisis?: CrisisKind;
  /** what the message says of redundancies (esuberi) foreseen by the agreements */
  redundancies?: 'yes' | 'no';
  leftOn?: DateReading;
}
