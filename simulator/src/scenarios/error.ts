import { MAX_ISSUE_CHARS, MAX_SCENARIO_ISSUES } from './limits';
import type { ScenarioIssue } from './validate';

/** A scenario file that cannot be used, with every problem found in it (up to MAX_SCENARIO_ISSUES). */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly ScenarioIssue[],
  ) {
    super(issues.map((i) => formatIssue(file, i)).join('\n'));
    this.name = 'ScenarioError';
  }
}

/** `file:line:column: field: message`, the form editors and terminals link to. */
export function formatIssue(file: string, issue: ScenarioIssue): string {
  const field = issue.field === '' ? '' : `${printable(issue.field)}: `;
  return `${file}:${issue.line}:${issue.column}: ${field}${printable(issue.message)}`;
}

/**
 * Keys and values quoted from the file may hold line breaks and terminal escapes: written as
 * escapes, each issue stays one line, and a file cannot drive the terminal that shows it.
 */
function printable(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]/gu, (c) =>
    c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A problem with the file as a whole, reported at its start. */
export function fileIssue(message: string): ScenarioIssue {
  return { line: 1, column: 1, field: '', path: [], message };
}

type Reportable = { readonly field: string; readonly message: string };

/**
 * The first MAX_SCENARIO_ISSUES issues and, when there are more, one that counts the rest (at the
 * place of the first left out). A hostile file can hold a problem per byte: listing them all, and
 * locating each, made a 40,000-key file take a minute and flood the terminal.
 */
export function capIssues<T extends Reportable>(issues: readonly T[]): T[] {
  const kept = issues.slice(0, MAX_SCENARIO_ISSUES).map(shortened);
  if (issues.length <= MAX_SCENARIO_ISSUES) return kept;
  const more = issues.length - MAX_SCENARIO_ISSUES;
  return [
    ...kept,
    {
      ...issues[MAX_SCENARIO_ISSUES],
      field: '',
      message: `… and ${more} more problem${more === 1 ? '' : 's'} (only the first ${MAX_SCENARIO_ISSUES} are listed)`,
    },
  ];
}

/** Messages quote the file's values; a 100 kB value is cut so that the message stays readable. */
function shortened<T extends Reportable>(issue: T): T {
  if (issue.message.length <= MAX_ISSUE_CHARS) return issue;
  return { ...issue, message: `${issue.message.slice(0, MAX_ISSUE_CHARS)}…` };
}
