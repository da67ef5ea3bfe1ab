/** Plain output for terminals and logs: `file:line:col severity rule message`, then a summary line. */
import type { LintReport } from '../lint-engine.js';
import { summaryLine } from './summary-line.js';

export function formatText(report: LintReport): string {
  const lines = report.findings.map(
    (f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}`,
  );
  if (lines.length > 0) lines.push('');
  lines.push(summaryLine(report));
  return lines.join('\n') + '\n';
}
