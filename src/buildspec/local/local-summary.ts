/**
 * How a local build's result is told: the same final line and job summary as a remote build
 * (from the Build object), followed by what only a local build has: the artifact folders,
 * the report checks and the exported variables.
 */
import { describeBuild } from '../../codebuild/build-outcome.js';
import { buildSummaryMarkdown } from '../../codebuild/build-summary.js';
import { describeReport } from './reports.js';
import { markdownCell, markdownCodeCell } from '../../util/markdown.js';
import type { LocalBuildResult } from './run-local-build.js';

export function localResultLines(result: LocalBuildResult, now: number): string[] {
  const lines: string[] = [];
  for (const artifact of result.artifacts) {
    lines.push(
      `Artifact ${artifact.identifier}: ${artifact.files.length} file(s) in ${artifact.directory}`,
    );
  }
  for (const report of result.reports)
    lines.push(`Report ${report.status}: ${describeReport(report)}`);
  for (const [name, value] of Object.entries(result.exportedVariables))
    lines.push(`Exported ${name}=${value}`);
  lines.push(
    `${describeBuild(result.build, now).replace(/^Build/, 'Local build')} (${result.buildspecFile})`,
  );
  return lines;
}

/** `redact` takes secrets out of every value before it is escaped (see buildSummaryMarkdown). */
export function localSummaryMarkdown(
  result: LocalBuildResult,
  now: number,
  redact: (text: string) => string,
): string {
  const cell = (text: string) => markdownCell(redact(text));
  const sections = [
    buildSummaryMarkdown(result.build, {}, now, `Local build of ${result.buildspecFile}`, redact),
  ];
  if (result.reports.length > 0) {
    sections.push('| Report | Status | Result |', '|---|---|---|');
    for (const report of result.reports)
      sections.push(
        `| ${cell(report.name)} | ${report.status} | ${cell(describeReport(report))} |`,
      );
    sections.push('');
  }
  if (result.artifacts.length > 0) {
    sections.push('| Artifact | Files | Folder |', '|---|--:|---|');
    for (const artifact of result.artifacts)
      sections.push(
        `| ${cell(artifact.identifier)} | ${artifact.files.length} | ${markdownCodeCell(redact(artifact.directory))} |`,
      );
    sections.push('');
  }
  return sections.join('\n');
}
