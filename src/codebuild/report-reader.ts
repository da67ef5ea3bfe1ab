/**
 * Reads what a build's CodeBuild reports say, once the build has ended: BatchGetReports for the
 * build's `reportArns` (100 per call), then per test report with failures DescribeTestCases for
 * the FAILED and then the ERROR cases (100 per page, up to the cap), and per coverage report
 * DescribeCodeCoverages for the least-covered files. A report costs at most 3 calls besides its
 * share of BatchGetReports. Nothing here fails a run: a missing permission or an outage is one
 * warning naming the IAM action, and the whole read ends within READ_DEADLINE_MS.
 */
import {
  BatchGetReportsCommand,
  DescribeCodeCoveragesCommand,
  DescribeTestCasesCommand,
  type CodeBuildClient,
  type Report,
  type TestCase,
} from '@aws-sdk/client-codebuild';
import { explainAwsError } from '../aws/aws-errors.js';
import { reportConsoleUrl } from './links.js';
import {
  FAILED_TESTS_CAP,
  LEAST_COVERED_CAP,
  countsFromStatusCounts,
  failedCount,
  type FailedTest,
  type FileCoverage,
  type TestReport,
  type TestResults,
} from './test-results.js';
import { errorName } from '../util/errors.js';

export interface ReadReportsOptions {
  readonly region: string;
  /** Failed tests listed per report; the rest are counted. */
  readonly failedCap?: number;
  /** Least-covered files listed per coverage report. */
  readonly leastCoveredCap?: number;
  /** Aborts the read (the run was cancelled); what was read by then is kept. */
  readonly signal?: AbortSignal;
  /** The whole read's deadline; default READ_DEADLINE_MS. */
  readonly deadlineMs?: number;
}

/** However slow CodeBuild answers, the build's final status waits no longer than this. */
export const READ_DEADLINE_MS = 15_000;
const ARNS_PER_CALL = 100;
const CASES_PER_PAGE = 100;
/** Reports read at the same time. */
const CONCURRENCY = 4;

/** The test results of the builds' reports; builds without reports cost no call. */
export async function readTestResults(
  codebuild: CodeBuildClient,
  reportArns: readonly string[],
  options: ReadReportsOptions,
): Promise<TestResults> {
  if (reportArns.length === 0) return { reports: [], warnings: [] };
  const signal = AbortSignal.any([
    ...(options.signal ? [options.signal] : []),
    AbortSignal.timeout(options.deadlineMs ?? READ_DEADLINE_MS),
  ]);
  // One warning per action, and an action that failed once is not called again: a missing
  // permission would otherwise be refused, and told, for every report.
  const warnings = new Map<string, string>();
  const warn: Warn = (error, action, subject) => {
    if (warnings.has(action)) return;
    if (
      signal.aborted &&
      (errorName(error) === 'AbortError' || errorName(error) === 'TimeoutError')
    ) {
      warnings.set(
        action,
        options.signal?.aborted
          ? 'Test results were not read: the run was cancelled.'
          : `Test results were not all read within ${Math.round((options.deadlineMs ?? READ_DEADLINE_MS) / 1000)} s; showing what was read.`,
      );
      return;
    }
    const explained = explainAwsError(error, { action, region: options.region, subject });
    warnings.set(action, `Could not read the build's test results: ${explained.message}`);
  };
  warn.failed = (action) => warnings.has(action) || signal.aborted;

  const found: Report[] = [];
  for (let start = 0; start < reportArns.length; start += ARNS_PER_CALL) {
    const arns = reportArns.slice(start, start + ARNS_PER_CALL);
    try {
      const answer = await codebuild.send(new BatchGetReportsCommand({ reportArns: arns }), {
        abortSignal: signal,
      });
      found.push(...(answer.reports ?? []));
    } catch (error) {
      warn(error, 'codebuild:BatchGetReports', `report ${arns[0] ?? ''}`);
      break;
    }
  }
  // BatchGetReports answers in no particular order: keep the build's.
  const order = new Map(reportArns.map((arn, index) => [arn, index]));
  found.sort((a, b) => (order.get(a.arn ?? '') ?? 0) - (order.get(b.arn ?? '') ?? 0));

  // The first report alone: a permission it finds missing is not asked for by the others.
  const read = (report: Report) => readReport(codebuild, report, options, signal, warn);
  const first = found[0] ? [await read(found[0])] : [];
  const reports = [...first, ...(await mapLimited(found.slice(1), CONCURRENCY, read))];
  return { reports, warnings: [...new Set(warnings.values())] };
}

interface Warn {
  (error: unknown, action: string, subject: string): void;
  /** Whether the action failed before (or the read was aborted): then it is not called again. */
  failed?: (action: string) => boolean;
}

async function readReport(
  codebuild: CodeBuildClient,
  report: Report,
  options: ReadReportsOptions,
  signal: AbortSignal,
  warn: Warn,
): Promise<TestReport> {
  const arn = report.arn ?? '';
  const base = {
    name: report.name ?? arn.split('/').pop()?.split(':')[0] ?? 'report',
    arn,
    status: report.status ?? 'UNKNOWN',
    url: reportConsoleUrl(arn, options.region),
  };
  if (report.type === 'CODE_COVERAGE') {
    const summary = report.codeCoverageSummary ?? {};
    return {
      ...base,
      type: 'CODE_COVERAGE',
      failed: [],
      failedNotListed: 0,
      coverage: {
        linePercent: summary.lineCoveragePercentage,
        linesCovered: summary.linesCovered,
        linesMissed: summary.linesMissed,
        branchPercent: summary.branchCoveragePercentage,
        branchesCovered: summary.branchesCovered,
        branchesMissed: summary.branchesMissed,
      },
      leastCovered: await leastCovered(codebuild, arn, options, signal, warn),
    };
  }
  const counts = countsFromStatusCounts(
    report.testSummary?.total,
    report.testSummary?.statusCounts,
  );
  const cap = options.failedCap ?? FAILED_TESTS_CAP;
  const failed: FailedTest[] = [];
  for (const status of ['FAILED', 'ERROR'] as const) {
    const expected = status === 'FAILED' ? counts.failed : counts.error;
    if (expected === 0 || failed.length >= cap) continue;
    failed.push(...(await failedCases(codebuild, arn, status, cap - failed.length, signal, warn)));
  }
  const duration = report.testSummary?.durationInNanoSeconds;
  return {
    ...base,
    type: 'TEST',
    counts,
    durationMs: duration === undefined ? undefined : duration / 1e6,
    failed,
    failedNotListed: Math.max(0, failedCount(counts) - failed.length),
    leastCovered: [],
  };
}

async function failedCases(
  codebuild: CodeBuildClient,
  reportArn: string,
  status: 'FAILED' | 'ERROR',
  cap: number,
  signal: AbortSignal,
  warn: Warn,
): Promise<FailedTest[]> {
  const cases: FailedTest[] = [];
  let nextToken: string | undefined;
  // A page bound besides the cap: a service that kept answering tokens cannot keep us here.
  const pages = Math.ceil(cap / CASES_PER_PAGE);
  for (let page = 0; page < pages && cases.length < cap; page += 1) {
    if (warn.failed?.('codebuild:DescribeTestCases')) break;
    try {
      const answer = await codebuild.send(
        new DescribeTestCasesCommand({
          reportArn,
          filter: { status },
          maxResults: Math.min(CASES_PER_PAGE, cap - cases.length),
          ...(nextToken ? { nextToken } : {}),
        }),
        { abortSignal: signal },
      );
      for (const testCase of answer.testCases ?? []) cases.push(failedTest(testCase, status));
      nextToken = answer.nextToken || undefined;
      if (!nextToken) break;
    } catch (error) {
      warn(error, 'codebuild:DescribeTestCases', `report ${reportArn}`);
      break;
    }
  }
  return cases.slice(0, cap);
}

function failedTest(testCase: TestCase, status: 'FAILED' | 'ERROR'): FailedTest {
  const duration = testCase.durationInNanoSeconds;
  return {
    suite: testCase.prefix ?? testCase.testSuiteName ?? '',
    name: testCase.name ?? '(unnamed test)',
    status: testCase.status === 'ERROR' ? 'ERROR' : status,
    message: testCase.message ?? '',
    durationMs: duration === undefined ? undefined : duration / 1e6,
  };
}

async function leastCovered(
  codebuild: CodeBuildClient,
  reportArn: string,
  options: ReadReportsOptions,
  signal: AbortSignal,
  warn: Warn,
): Promise<FileCoverage[]> {
  const cap = options.leastCoveredCap ?? LEAST_COVERED_CAP;
  if (cap === 0 || warn.failed?.('codebuild:DescribeCodeCoverages')) return [];
  try {
    const answer = await codebuild.send(
      new DescribeCodeCoveragesCommand({
        reportArn,
        sortBy: 'LINE_COVERAGE_PERCENTAGE',
        sortOrder: 'ASCENDING',
        maxResults: cap,
      }),
      { abortSignal: signal },
    );
    return (answer.codeCoverages ?? []).slice(0, cap).map((file) => ({
      path: file.filePath ?? '',
      linePercent: file.lineCoveragePercentage,
      branchPercent: file.branchCoveragePercentage,
    }));
  } catch (error) {
    warn(error, 'codebuild:DescribeCodeCoverages', `report ${reportArn}`);
    return [];
  }
}

/** `map` with at most `limit` calls running, results in input order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
