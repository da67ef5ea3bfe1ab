/**
 * GitHub Actions workflow commands, so findings appear as annotations on the pull request's
 * diff: `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE`.
 * Escaping follows the Actions toolkit: data escapes %, CR and LF; property values also
 * escape ':' and ',' (which would otherwise end the property).
 */
import type { Finding } from '../finding.js';
import type { LintReport } from '../lint-engine.js';
import { summaryLine } from './summary-line.js';

export function formatGitHub(report: LintReport): string {
  const lines = report.findings.map(annotation);
  lines.push(summaryLine(report));
  return lines.join('\n') + '\n';
}

export function annotation(finding: Finding): string {
  const properties: [string, string | number | undefined][] = [
    ['file', finding.file],
    ['line', finding.line],
    ['col', finding.column],
    ['endLine', finding.endLine],
    ['endColumn', finding.endColumn],
    ['title', finding.rule],
  ];
  const list = properties
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${finding.severity} ${list}::${escapeData(finding.message)}`;
}

export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
