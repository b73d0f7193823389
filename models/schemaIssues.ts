/**
 * zod issues as our validation answers: `field` (the path, `provinces.1`, `contact.fax`) and `reason` (a stable
 * code: the schemas carry their reasons as error messages). Shared by the boundaries whose schemas live in models/
 * (project rows, announcements) and the API's route schemas (bot/api/schemas.ts `reasons`).
 */
import type { z } from 'zod';

/**
 * Error messages by case: `missing` when the value is absent, else `invalid` (the reason a present but wrong value
 * gets). For `z.string(reasons('not_a_string'))` and the like.
 */
export function reasons(invalid: string, missing = 'required'): { error: (issue: { input?: unknown }) => string } {
  return { error: (issue) => (issue.input === undefined ? missing : invalid) };
}

export interface FieldProblem {
  field: string;
  reason: string;
}

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

const startsWith = (path: Path, prefix: Path): boolean => prefix.every((part, i) => path[i] === part);

/**
 * A union's issue as the issues of the branch the value was meant for (the first whose root type matched), so that
 * `{ "it": 3 }` for a title that is a string or `{ it, en }` says `title.it`; none matched: the union's own reason.
 */
function unwrapUnion(issue: Issue & { code: 'invalid_union' }): Issue[] {
  const branch = issue.errors.find((issues) => !issues.some((i) => i.code === 'invalid_type' && i.path.length === 0));
  if (!branch) return [issue];
  return branch.map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
}

/**
 * Unknown keys come before the other problems of their object (zod reports them after its fields; our answers
 * name them first, as the hand-written checks did).
 */
function unknownKeysFirst(issues: readonly Issue[]): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const at = issue.code === 'unrecognized_keys' ? out.findIndex((o) => startsWith(o.path, issue.path)) : -1;
    if (at >= 0) out.splice(at, 0, issue);
    else out.push(issue);
  }
  return out;
}

/**
 * Every problem of a failed parse, in order: one per unknown key (`unknown_field`, the key cut to `maxKey`
 * characters), else the issue's path joined by dots (`whole` for the value itself) and its message as the reason.
 */
export function problemsOf(error: z.ZodError, options: { whole: string; maxKey?: number }): FieldProblem[] {
  const flat = error.issues.flatMap((issue) => (issue.code === 'invalid_union' ? unwrapUnion(issue) : [issue]));
  const fieldOf = (path: Path): string => (path.length > 0 ? path.map(String).join('.') : options.whole);
  return unknownKeysFirst(flat).flatMap((issue): FieldProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...issue.path.map(String), key.slice(0, options.maxKey)].join('.'), reason: 'unknown_field' }));
    }
    return [{ field: fieldOf(issue.path), reason: issue.message }];
  });
}
