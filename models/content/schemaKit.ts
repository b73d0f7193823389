/**
 * The pieces the staff-owned files' zod schemas are made of (measure, synonyms, news, events, announcements), and the
 * translation of zod's issues into ContentIssues that name the file, the entry and the field, in the words staff
 * have always seen ("faq "cost": field "questions[1]" must not be empty"). Each schema states its own messages; this
 * module only places them.
 */
import { z } from 'zod';
import type { ContentIssue } from './errors';

/** Counts words the way a reader would: punctuation-only tokens such as "-" or "«" are not words. */
export function countWords(text: string): number {
  let words = 0;
  for (const token of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(token)) words += 1;
  return words;
}

/** 'null', 'an array', 'a number': what a wrong JSON value is, for messages. */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** An error map: "is required" when absent, else the given message for a value of the wrong kind. */
export function requiredOr(wrong: (input: unknown) => string): { error: (issue: { input?: unknown }) => string } {
  return { error: (issue) => (issue.input === undefined ? 'is required' : wrong(issue.input)) };
}

/** A required string with something in it. */
export const text = z
  .string(requiredOr((input) => `must be a string, not ${describeJson(input)}`))
  .refine((value) => value.trim() !== '', { message: 'must not be empty', abort: true });

/** A required list of non-empty strings. */
export const texts = z.array(text, requiredOr((input) => `must be an array of strings, not ${describeJson(input)}`));

/** Lowercase letters, digits and dashes: the ids entries are linked and edited by. */
export const entryId = text.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and dashes');

/** At most `max` words, as a reader counts them: `text.refine(...atMostWords(80))`. */
export function atMostWords(max: number) {
  return [
    (value: string): boolean => countWords(value) <= max,
    { error: (issue: { input?: unknown }) => `must be at most ${max} words (it has ${countWords(String(issue.input))})` },
  ] as const;
}

/** An object with exactly these fields: any other is named with the list of the known ones. */
export function record<S extends z.ZodRawShape>(shape: S, notAnObject: (input: unknown) => string) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `is not a known field (known: ${known})` : notAnObject(issue.input)),
  });
}

/** Parses JSON text; a syntax error is the file's one problem. */
export function parseJsonText(text: string, file: string, issues: ContentIssue[]): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    issues.push({ file, problem: `is not valid JSON (${err instanceof Error ? err.message : String(err)})` });
    return { ok: false };
  }
}

/** `['questions', 1]` -> `questions[1]`; `['locales', 'it']` -> `locales.it`. */
export function fieldOf(path: readonly PropertyKey[]): string | undefined {
  if (path.length === 0) return undefined;
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('');
}

/** Where in a file an issue is: the entry it belongs to (`faq "cost"`), if any, and the path of the field within it. */
export type Locate = (path: readonly PropertyKey[]) => { entry?: string; field: readonly PropertyKey[] };

/** An entry of a list in the file's raw data: named by its key field when it has one, else by its position. */
export function entryName(list: unknown, index: number, kind: string, key = 'id', unnamed = `${kind} #${index + 1}`): string {
  const item = Array.isArray(list) ? (list[index] as unknown) : undefined;
  const name = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[key] : undefined;
  return typeof name === 'string' && name !== '' ? `${kind} "${name}"` : unnamed;
}

/** zod's issues as ContentIssues of `file`; an unknown-fields issue becomes one per field. */
export function contentIssues(error: z.ZodError, file: string, locate: Locate): ContentIssue[] {
  const out: ContentIssue[] = [];
  const add = (path: readonly PropertyKey[], problem: string): void => {
    const { entry, field } = locate(path);
    const name = fieldOf(field);
    out.push({ file, ...(entry === undefined ? {} : { entry }), ...(name === undefined ? {} : { field: name }), problem });
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) add([...issue.path, key], issue.message);
    else add(issue.path, issue.message);
  }
  return out;
}
