/**
 * Plain output for terminals and logs: `file:line:col severity rule message`, then a summary
 * line. Messages and paths quote the files, so control characters are shown escaped (`\n`,
 * `\u001b`): a finding is always one line, and never moves a terminal's cursor or colours.
 */
import type { LintReport } from '../lint-engine.js';
import type { FormatOptions } from './index.js';
import { listedSkipped, summaryLine } from './summary-line.js';

export function formatText(report: LintReport, options: FormatOptions): string {
  const lines = report.findings.map(
    (f) => `${visible(f.file)}:${f.line}:${f.column} ${f.severity} ${f.rule} ${visible(f.message)}`,
  );
  for (const file of listedSkipped(report, options))
    lines.push(`${visible(file.path)}: skipped: ${visible(file.reason)}`);
  if (lines.length > 0) lines.push('');
  lines.push(summaryLine(report, options));
  return lines.join('\n') + '\n';
}

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Text with C0/C1 control characters (tab included) written as escapes. */
export function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => {
    return NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
