/**
 * GitHub Actions workflow commands, so findings appear as annotations on the pull request's
 * diff: `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE`, escaped as
 * the runner unescapes them (data: %, CR, LF; properties also ':' and ',').
 */
import type { Finding } from '../finding.js';
import type { LintReport } from '../lint-engine.js';
import type { FormatOptions } from './index.js';
import { listedSkipped, summaryLine } from './summary-line.js';
import { workflowCommand } from '../../util/workflow-commands.js';

export function formatGitHub(report: LintReport, options: FormatOptions): string {
  const lines = report.findings.map(annotation);
  for (const file of listedSkipped(report, options))
    lines.push(
      workflowCommand('notice', `Skipped: ${file.reason}`, {
        file: file.path,
        title: 'lint/skipped',
      }),
    );
  lines.push(summaryLine(report, options));
  return lines.join('\n') + '\n';
}

export function annotation(finding: Finding): string {
  return workflowCommand(finding.severity, finding.message, {
    file: finding.file,
    line: finding.line,
    col: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    title: finding.rule,
  });
}
