/**
 * How a local build's result is told: the same final line and job summary as a remote build
 * (from the Build object and the reports, in the model and renderer remote builds use),
 * followed by what only a local build has: the report files that could not be used, the
 * artifact folders and the exported variables.
 */
import { describeBuild } from '../../codebuild/build-outcome.js';
import { buildSummaryMarkdown } from '../../codebuild/build-summary.js';
import { testResultsMarkdown } from '../../codebuild/test-results-markdown.js';
import { withTests } from '../../codebuild/test-results-text.js';
import { localTestResults } from './local-test-results.js';
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
  const described = describeBuild(result.build, now).replace(/^Build/, 'Local build');
  lines.push(
    `${withTests(described, localTestResults(result.reports), Number.POSITIVE_INFINITY)} (${result.buildspecFile})`,
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
  const tests = testResultsMarkdown(
    [{ label: undefined, results: localTestResults(result.reports) }],
    { redact },
  );
  if (tests !== '') sections.push(tests);
  const withProblems = result.reports.filter((report) => report.problems.length > 0);
  if (withProblems.length > 0) {
    sections.push('| Report | Status | Problem |', '|---|---|---|');
    for (const report of withProblems)
      for (const problem of report.problems)
        sections.push(`| ${cell(report.name)} | ${report.status} | ${cell(problem)} |`);
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
