/**
 * The `reports` section, checked locally: each group's files must exist and read as the
 * declared format. The result carries what CodeBuild's Reports page would show: test counts and
 * the failed tests, or line coverage and the least-covered files. Like CodeBuild, a report
 * problem never changes the build's status.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  FAILED_TESTS_CAP,
  type FailedTest,
  type FileCoverage,
} from '../../codebuild/test-results.js';
import type { ReportFileFormat, ReportGroup } from '../model.js';
import { listFiles, normalizePattern, selectFiles } from './file-glob.js';
import {
  readReportFile,
  ReportFormatError,
  reportType,
  type TestCounts,
} from './report-formats.js';

/** Least-covered files a report keeps. */
export const LEAST_COVERED_KEPT = 20;

export type LocalReportStatus = 'SUCCEEDED' | 'FAILED' | 'INCOMPLETE';

export interface LocalReport {
  /** The report group name (or ARN), as written under `reports`. */
  readonly name: string;
  readonly type: 'TEST' | 'CODE_COVERAGE';
  readonly fileFormat: ReportFileFormat;
  /** Files found, relative to the group's base directory. */
  readonly files: readonly string[];
  readonly status: LocalReportStatus;
  readonly testSummary: TestCounts | undefined;
  readonly codeCoverageSummary:
    | {
        readonly lineCoveragePercentage: number;
        readonly linesCovered: number;
        readonly linesMissed: number;
      }
    | undefined;
  /** Failed and errored tests over the files, at most FAILED_TESTS_CAP, in file order. */
  readonly failedTests: readonly FailedTest[];
  /** Failed and errored tests counted but not in `failedTests`. */
  readonly failedTestsNotListed: number;
  /** The files' durations summed, when every readable test file gives one. */
  readonly durationMs: number | undefined;
  /** The least-covered source files, least first, at most LEAST_COVERED_KEPT. */
  readonly leastCovered: readonly FileCoverage[];
  /** Why a file could not be used, one line per file. */
  readonly problems: readonly string[];
}

export async function checkReportGroup(
  group: ReportGroup,
  sourceDir: string,
  skip: readonly string[],
): Promise<LocalReport> {
  const type = reportType(group.fileFormat);
  const baseDirectory = resolve(sourceDir, normalizePattern(group.baseDirectory ?? '.'));
  const files = await listFiles(baseDirectory, skip).catch(() => []);
  const selected = selectFiles(files, group.files).map((file) => file.path);
  const problems: string[] = [];
  const tests: TestCounts = { total: 0, succeeded: 0, failed: 0, error: 0, skipped: 0 };
  let linesCovered = 0;
  let linesMissed = 0;
  let coverageKnown = false;
  let readable = 0;
  const failedTests: FailedTest[] = [];
  let failedTestsNotListed = 0;
  let durationMs: number | undefined = 0;
  const coveredFiles: FileCoverage[] = [];

  if (selected.length === 0) {
    problems.push(
      `no files matched ${group.files.join(', ')} in ${group.baseDirectory ?? 'the source directory'}`,
    );
  }
  for (const path of selected) {
    try {
      const summary = readReportFile(
        group.fileFormat,
        await readFile(resolve(baseDirectory, path), 'utf8'),
      );
      readable++;
      if (summary.type === 'TEST') {
        for (const key of Object.keys(tests) as Array<keyof TestCounts>)
          tests[key] += summary.tests[key];
        const room = Math.max(0, FAILED_TESTS_CAP - failedTests.length);
        failedTests.push(...summary.failed.slice(0, room));
        failedTestsNotListed += summary.failedNotListed + Math.max(0, summary.failed.length - room);
        durationMs =
          durationMs === undefined || summary.durationMs === undefined
            ? undefined
            : durationMs + summary.durationMs;
      } else {
        coveredFiles.push(...summary.files);
        if (summary.coverage) {
          coverageKnown = true;
          linesCovered += summary.coverage.linesCovered;
          linesMissed += summary.coverage.linesMissed;
        }
      }
    } catch (error) {
      if (!(error instanceof ReportFormatError)) throw error;
      problems.push(`${path} is not ${group.fileFormat}: ${error.message}`);
    }
  }

  const testsFailed = type === 'TEST' && tests.failed + tests.error > 0;
  const status: LocalReportStatus =
    readable === 0 || testsFailed ? 'FAILED' : problems.length > 0 ? 'INCOMPLETE' : 'SUCCEEDED';
  const lines = linesCovered + linesMissed;
  return {
    name: group.name,
    type,
    fileFormat: group.fileFormat,
    files: selected,
    status,
    testSummary: type === 'TEST' ? tests : undefined,
    codeCoverageSummary:
      type === 'CODE_COVERAGE' && coverageKnown
        ? {
            lineCoveragePercentage:
              lines === 0 ? 100 : Math.round((linesCovered / lines) * 10000) / 100,
            linesCovered,
            linesMissed,
          }
        : undefined,
    failedTests,
    failedTestsNotListed,
    durationMs: type === 'TEST' && readable > 0 ? durationMs : undefined,
    leastCovered: leastCoveredFirst(coveredFiles).slice(0, LEAST_COVERED_KEPT),
    problems,
  };
}

/** Ascending by line coverage, files without a percentage last, then by path. */
export function leastCoveredFirst(files: readonly FileCoverage[]): FileCoverage[] {
  const rank = (file: FileCoverage) => file.linePercent ?? Number.POSITIVE_INFINITY;
  return [...files].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
}

/** One line per report for the log and the summary, e.g. "unit-tests (JUNITXML): 12 tests, 1 failed". */
export function describeReport(report: LocalReport): string {
  const head = `${report.name} (${report.fileFormat}): `;
  if (report.testSummary && report.files.length > 0) {
    const { total, failed, error, skipped } = report.testSummary;
    const parts = [`${total} test${total === 1 ? '' : 's'}`];
    if (failed > 0) parts.push(`${failed} failed`);
    if (error > 0) parts.push(`${error} errored`);
    if (skipped > 0) parts.push(`${skipped} skipped`);
    return head + parts.join(', ') + problemsSuffix(report);
  }
  if (report.codeCoverageSummary) {
    const { lineCoveragePercentage, linesCovered, linesMissed } = report.codeCoverageSummary;
    return `${head}${lineCoveragePercentage}% of lines covered (${linesCovered} of ${linesCovered + linesMissed})${problemsSuffix(report)}`;
  }
  return head + (report.problems.join('; ') || `${report.files.length} file(s)`);
}

function problemsSuffix(report: LocalReport): string {
  return report.problems.length > 0 ? `; ${report.problems.join('; ')}` : '';
}
