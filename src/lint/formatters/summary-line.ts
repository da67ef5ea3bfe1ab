/** The one-line verdict printed after the findings in text and github output. */
import type { LintReport } from '../lint-engine.js';
import type { FormatOptions } from './index.js';

export function summaryLine(
  report: LintReport,
  options: FormatOptions = { verbose: false },
): string {
  const skipped = skippedNote(report, options);
  if (report.files.length === 0) return `No buildspec or appspec files found${skipped}.`;
  const files = plural(report.files.length, 'file');
  const { errors, warnings } = report.counts;
  if (errors === 0 && warnings === 0) return `No problems found in ${files}${skipped}.`;
  return `${plural(errors, 'error')} and ${plural(warnings, 'warning')} in ${files}${skipped}.`;
}

/** "; 3 files skipped (--verbose lists them)" — the count always, the hint when some are hidden. */
function skippedNote(report: LintReport, options: FormatOptions): string {
  const count = report.skipped.length;
  if (count === 0) return '';
  const hidden = !options.verbose && report.skipped.some((file) => !file.notable);
  return `; ${plural(count, 'file')} skipped${hidden ? ' (--verbose lists them)' : ''}`;
}

/** The skipped files a report lists: the notable ones, or all with --verbose. */
export function listedSkipped(report: LintReport, options: FormatOptions) {
  return report.skipped.filter((file) => options.verbose || file.notable);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
