/**
 * A local build's reports in the model remote builds use (test-results.ts), so that a local run
 * shows its tests and coverage with the same renderer and the same caps as a remote one. A
 * local report has no console link; a test report without any file found has no counts.
 */
import {
  FAILED_TESTS_CAP,
  LEAST_COVERED_CAP,
  failedCount,
  type TestCounts,
  type TestReport,
  type TestResults,
} from '../../codebuild/test-results.js';
import { leastCoveredFirst, type LocalReport } from './reports.js';

export function localTestResults(reports: readonly LocalReport[]): TestResults {
  return { reports: reports.map(testReport), warnings: [] };
}

function testReport(report: LocalReport): TestReport {
  const base = { name: report.name, arn: '', status: report.status, url: undefined };
  if (report.type === 'CODE_COVERAGE') {
    const summary = report.codeCoverageSummary;
    return {
      ...base,
      type: 'CODE_COVERAGE',
      failed: [],
      failedNotListed: 0,
      coverage: summary && {
        linePercent: summary.lineCoveragePercentage,
        linesCovered: summary.linesCovered,
        linesMissed: summary.linesMissed,
        branchPercent: undefined,
        branchesCovered: undefined,
        branchesMissed: undefined,
      },
      leastCovered: leastCoveredFirst(report.leastCovered).slice(0, LEAST_COVERED_CAP),
    };
  }
  // Counts only from files that could be read: each problem is a file that could not.
  const summary = report.files.length > report.problems.length ? report.testSummary : undefined;
  const counts: TestCounts | undefined = summary && {
    total: summary.total,
    passed: summary.succeeded,
    failed: summary.failed,
    skipped: summary.skipped,
    error: summary.error,
    unknown: 0,
  };
  const failed = report.failedTests.slice(0, FAILED_TESTS_CAP);
  return {
    ...base,
    type: 'TEST',
    counts,
    durationMs: report.durationMs,
    failed,
    failedNotListed: counts ? Math.max(0, failedCount(counts) - failed.length) : 0,
    leastCovered: [],
  };
}
