/**
 * What a build's CodeBuild reports say: test counts, the failed tests, coverage. One model for
 * reports read from CodeBuild (report-reader.ts) and for report files a local run found, so that
 * every place they are shown (status, summary, PR comment, check run, outputs) renders one shape.
 */

/** Test counts; `error` is CodeBuild's ERROR status, `unknown` its UNKNOWN. */
export interface TestCounts {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly error: number;
  readonly unknown: number;
}

export interface FailedTest {
  /** The test's suite or prefix (JUnit `classname`), '' when none. */
  readonly suite: string;
  readonly name: string;
  readonly status: 'FAILED' | 'ERROR';
  /** The failure message as the report has it, unredacted: redact before showing it. */
  readonly message: string;
  readonly durationMs: number | undefined;
  /** Where the report itself places the test (JUnit `file`/`line`), when it does. */
  readonly file?: string | undefined;
  readonly line?: number | undefined;
}

export interface CoverageTotals {
  readonly linePercent: number | undefined;
  readonly linesCovered: number | undefined;
  readonly linesMissed: number | undefined;
  readonly branchPercent: number | undefined;
  readonly branchesCovered: number | undefined;
  readonly branchesMissed: number | undefined;
}

export interface FileCoverage {
  readonly path: string;
  readonly linePercent: number | undefined;
  readonly branchPercent: number | undefined;
}

export interface TestReport {
  /** The report group's name. */
  readonly name: string;
  readonly arn: string;
  readonly type: 'TEST' | 'CODE_COVERAGE';
  /** SUCCEEDED, FAILED, INCOMPLETE, GENERATING, DELETING. */
  readonly status: string;
  /** The report in the CodeBuild console; undefined for a local run. */
  readonly url: string | undefined;
  /** For a test report. */
  readonly counts?: TestCounts | undefined;
  readonly durationMs?: number | undefined;
  /** Failed and errored tests, at most the reader's cap. */
  readonly failed: readonly FailedTest[];
  /** How many failed or errored tests the report holds beyond `failed`. */
  readonly failedNotListed: number;
  /** For a coverage report. */
  readonly coverage?: CoverageTotals | undefined;
  /** The least-covered files, least first, at most the reader's cap. */
  readonly leastCovered: readonly FileCoverage[];
}

export interface TestResults {
  readonly reports: readonly TestReport[];
  /** What could not be read, one line each (a missing permission names the IAM action). */
  readonly warnings: readonly string[];
}

/** Failed tests listed per report, remote or local; the rest are counted. */
export const FAILED_TESTS_CAP = 100;
/** Least-covered files listed per coverage report. */
export const LEAST_COVERED_CAP = 5;

export const NO_TEST_RESULTS: TestResults = { reports: [], warnings: [] };

export function isTestReport(report: TestReport): boolean {
  return report.type === 'TEST' && report.counts !== undefined;
}

/** The counts summed over the test reports; undefined when there are none. */
export function sumCounts(reports: readonly TestReport[]): TestCounts | undefined {
  const tests = reports.filter(isTestReport);
  if (tests.length === 0) return undefined;
  const sum = (key: keyof TestCounts) =>
    tests.reduce((total, report) => total + (report.counts?.[key] ?? 0), 0);
  return {
    total: sum('total'),
    passed: sum('passed'),
    failed: sum('failed'),
    skipped: sum('skipped'),
    error: sum('error'),
    unknown: sum('unknown'),
  };
}

/**
 * Line coverage over the coverage reports: lines covered over lines counted, so that a large
 * report weighs more than a small one; the report's own percentage when it gives no line counts.
 */
export function lineCoverage(reports: readonly TestReport[]): number | undefined {
  const totals = reports.flatMap((report) => (report.coverage ? [report.coverage] : []));
  if (totals.length === 0) return undefined;
  let covered = 0;
  let counted = 0;
  for (const total of totals) {
    if (total.linesCovered !== undefined && total.linesMissed !== undefined) {
      covered += total.linesCovered;
      counted += total.linesCovered + total.linesMissed;
    }
  }
  if (counted > 0) return (covered / counted) * 100;
  const percents = totals.flatMap((total) =>
    total.linePercent === undefined ? [] : [total.linePercent],
  );
  return percents.length === 0 ? undefined : percents.reduce((a, b) => a + b, 0) / percents.length;
}

/** Failed plus errored. */
export function failedCount(counts: TestCounts): number {
  return counts.failed + counts.error;
}

/** Counts from CodeBuild's `statusCounts` (SUCCEEDED, FAILED, SKIPPED, ERROR, UNKNOWN). */
export function countsFromStatusCounts(
  total: number | undefined,
  statusCounts: Readonly<Record<string, number>> | undefined,
): TestCounts {
  const of = (key: string) => statusCounts?.[key] ?? 0;
  const passed = of('SUCCEEDED');
  const failed = of('FAILED');
  const skipped = of('SKIPPED');
  const error = of('ERROR');
  const unknown = of('UNKNOWN');
  return {
    total: total ?? passed + failed + skipped + error + unknown,
    passed,
    failed,
    skipped,
    error,
    unknown,
  };
}

/** One decimal, no trailing zero: 87.5, 100, 0.3. */
export function formatPercent(value: number): string {
  return `${Math.round(value * 10) / 10}%`;
}
