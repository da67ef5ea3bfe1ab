/** The one-line verdict printed after the findings in text and github output. */
import type { LintReport } from '../lint-engine.js';

export function summaryLine(report: LintReport): string {
  const files = plural(report.files.length, 'file');
  if (report.files.length === 0) return 'No buildspec or appspec files found.';
  const { errors, warnings } = report.counts;
  if (errors === 0 && warnings === 0) return `No problems found in ${files}.`;
  return `${plural(errors, 'error')} and ${plural(warnings, 'warning')} in ${files}.`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
