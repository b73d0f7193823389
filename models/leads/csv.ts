/**
 * Leads as CSV for operators and staff (pure). RFC 4180: comma separator, CRLF line ends, fields with a comma,
 * quote, CR or LF quoted and their quotes doubled; a UTF-8 byte-order mark first so Excel reads accents right.
 *
 * Formula injection: a cell a spreadsheet would run (starting with = + - @, or tab/CR/LF which some treat alike,
 * also after leading blanks, which some importers trim, or invisible format characters: a right-to-left override
 * U+202E, a right-to-left mark, a zero-width space or joiner, a byte-order mark, which a worker's keyboard or a
 * pasted Arabic name may carry and which hide where the cell really starts) gets a leading apostrophe, the OWASP
 * advice. Phone numbers
 * therefore read '+39...: text, as they should be. Excel in an Italian locale opens a CSV splitting on semicolons
 * (and honours quotes only at the start of a field, so a quoted cell does not protect what follows a semicolon
 * or a line break inside it): a trigger right after a semicolon, tab or line break inside a cell gets the same
 * apostrophe ("Acme;'=HYPERLINK(...)"), and such cells are quoted. Markup (a markdown link, an HTML tag) is plain
 * text in a CSV: it is written as typed and shown as typed.
 */
import type { Lead } from './lead';
import { leadLanguageOf, type LeadLanguage } from './leadLanguage';

/** What a column needs besides the lead: the worker's language named for the reader ("Arabo (ar)"). */
export interface CsvContext {
  languageName(language: LeadLanguage): string;
}

const CSV_COLUMNS = {
  reference: (l: Lead) => l.reference,
  status: (l: Lead) => l.status,
  createdAt: (l: Lead) => l.createdAt.toISOString(),
  updatedAt: (l: Lead) => l.updatedAt.toISOString(),
  province: (l: Lead) => l.province,
  crisisKind: (l: Lead) => l.precheck.answers.crisisKind,
  situation: (l: Lead) => l.precheck.answers.situation,
  leftOn: (l: Lead) => l.precheck.answers.leftOn,
  outcome: (l: Lead) => l.precheck.outcome,
  reasons: (l: Lead) => l.precheck.reasons.join(' '),
  name: (l: Lead) => l.contact?.name,
  phone: (l: Lead) => l.contact?.phone,
  email: (l: Lead) => l.contact?.email,
  preferredTime: (l: Lead) => l.contact?.preferredTime,
  employerName: (l: Lead) => l.employer?.name,
  sector: (l: Lead) => l.employer?.sector,
  projectId: (l: Lead) => l.projectId ?? undefined,
  operatorId: (l: Lead) => l.operatorId,
  locale: (l: Lead) => l.locale,
  /** the language of the chat (after any switch): a code, or `unknown`; and its name, to call with an interpreter */
  language: (l: Lead) => leadLanguageOf(l.locale),
  languageName: (l: Lead, c: CsvContext) => c.languageName(leadLanguageOf(l.locale)),
  channel: (l: Lead) => l.channel,
  notes: (l: Lead) => l.notes.map((n) => `${n.at.toISOString()} ${n.by}: ${n.text}`).join('\n'),
} satisfies Record<string, (lead: Lead, context: CsvContext) => string | undefined>;

export type CsvField = keyof typeof CSV_COLUMNS;
export const CSV_FIELDS = Object.keys(CSV_COLUMNS) as CsvField[];

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** One cell: neutralised against formulas, quoted when needed. */
export function csvCell(value: string | undefined): string {
  let text = value ?? '';
  // \p{Cf}: format characters (U+200B-U+200F, U+202A-U+202E, U+2066-U+2069, U+FEFF, U+061C...), invisible
  if (/^[\s\u00a0\p{Cf}]*[=+\-@\t\r\n]/u.test(text)) text = `'${text}`;
  // where another reader's field or row would begin inside this cell
  text = text.replace(/([;\t\r\n][ \u00a0\p{Cf}]*)(?=[=+\-@])/gu, "$1'");
  if (/[",;\t\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

/**
 * The header row (field names) and one row per lead, only the fields the reader may see, in that order. Without a
 * context, `languageName` repeats the code.
 */
export function toCsv(leads: readonly Lead[], visibleFields: readonly CsvField[], context: CsvContext = { languageName: (language) => language }): string {
  const fields = visibleFields.filter((f) => f in CSV_COLUMNS);
  const lines = [fields.map((f) => csvCell(f)).join(',')];
  for (const lead of leads) lines.push(fields.map((f) => csvCell(CSV_COLUMNS[f](lead, context))).join(','));
  return BOM + lines.join(CRLF) + CRLF;
}
