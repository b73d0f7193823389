/**
 * A problem in the staff-owned content, found at start-up. Not an `AppError`: it never reaches an API client, it
 * stops the bot from starting (or a staff upload from being accepted) with a message staff can act on.
 */
export interface ContentIssue {
  /** The file, relative to the folder above `content/`, e.g. `content/measure/en.json`. */
  readonly file: string;
  /** e.g. `faq "services-process-value"`, `section "what"`, or undefined for the whole file. */
  readonly entry?: string;
  /** e.g. `answer`, `questions[2]`. */
  readonly field?: string;
  readonly problem: string;
}

export function formatIssue(issue: ContentIssue): string {
  const where = [issue.entry, issue.field === undefined ? undefined : `field "${issue.field}"`]
    .filter((part): part is string => part !== undefined)
    .join(': ');
  return where === '' ? `${issue.file}: ${issue.problem}` : `${issue.file}: ${where} ${issue.problem}`;
}

export class ContentValidationError extends Error {
  readonly code = 'CONTENT_INVALID' as const;
  readonly issues: readonly ContentIssue[];

  constructor(issues: readonly ContentIssue[]) {
    const lines = issues.map(formatIssue);
    super(
      lines.length === 1
        ? lines[0]
        : `${lines.length} problems in the content:\n${lines.map((line) => `- ${line}`).join('\n')}`,
    );
    this.name = 'ContentValidationError';
    this.issues = issues;
  }
}
