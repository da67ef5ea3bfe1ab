/**
 * CodeBuild reports for the fake AWS endpoint (aws-server.ts): the test and code coverage reports
 * a build's buildspec `reports` section produces, and BatchGetReports, DescribeTestCases and
 * DescribeCodeCoverages answered the way CodeBuild answers them.
 *
 * A scenario lists its reports (`BuildScenario.reports`); each gets a report in the group
 * `<project>-<group>`, as CodeBuild names the report groups a buildspec declares. The reports exist
 * once the build is final: from then on the build's `reportArns` name them and the three calls
 * answer for them. Summaries are computed from the test cases and the covered files.
 *
 * Like aws-server.ts this module imports only types and Node built-ins and uses only
 * type-strippable syntax.
 */
import { createHash, randomUUID } from 'node:crypto';

// ---------------------------------------------------------------------------------------------
// Scenario model
// ---------------------------------------------------------------------------------------------

export type TestCaseStatus = 'SUCCEEDED' | 'FAILED' | 'SKIPPED' | 'ERROR' | 'UNKNOWN';

export interface FakeTestCase {
  /** Default: the report's group. */
  prefix?: string;
  name: string;
  status: TestCaseStatus;
  message?: string;
  /** Default 5. */
  durationMs?: number;
  /** Default: the prefix. */
  testSuiteName?: string;
}

/** Test cases generated from counts: passed first, then failed, skipped and errored ones. */
export interface FakeTestCounts {
  passed?: number;
  failed?: number;
  skipped?: number;
  error?: number;
  /** Message of the `i`-th failed (and the `i`-th errored) case; default an assertion failure. */
  message?: (i: number) => string;
}

export interface FakeCoverageFile {
  path: string;
  linesCovered: number;
  linesMissed: number;
  branchesCovered?: number;
  branchesMissed?: number;
}

export interface FakeReport {
  /** The buildspec's report group name; the report group is `<project>-<group>`. */
  group: string;
  /** Default TEST. */
  type?: 'TEST' | 'CODE_COVERAGE';
  /** Default SUCCEEDED when no test failed or errored, else FAILED. */
  status?: string;
  /**
   * Explicit test cases, or counts from which cases are generated (failed ones get the message
   * `AssertionError: expected 1 to be 2\n    at Object.<anonymous> (src/x.test.ts:12:5)`, and
   * every generated case a name numbered by its index).
   */
  tests?: FakeTestCase[] | FakeTestCounts;
  coverage?: { files: FakeCoverageFile[] };
}

export const DEFAULT_FAILURE_MESSAGE =
  'AssertionError: expected 1 to be 2\n    at Object.<anonymous> (src/x.test.ts:12:5)';
export const DEFAULT_ERROR_MESSAGE =
  "TypeError: Cannot read properties of undefined (reading 'x')\n    at Object.<anonymous> (src/x.test.ts:12:5)";

// ---------------------------------------------------------------------------------------------
// Wire shapes
// ---------------------------------------------------------------------------------------------

export interface WireTestSummary {
  total: number;
  statusCounts: Record<TestCaseStatus, number>;
  durationInNanoSeconds: number;
}

export interface WireCoverageSummary {
  lineCoveragePercentage: number;
  linesCovered: number;
  linesMissed: number;
  branchCoveragePercentage: number;
  branchesCovered: number;
  branchesMissed: number;
}

export interface WireReport {
  arn: string;
  type: 'TEST' | 'CODE_COVERAGE';
  name: string;
  reportGroupArn: string;
  executionId: string;
  status: string;
  created: number;
  expired: number;
  exportConfig: { exportConfigType: 'NO_EXPORT' };
  truncated: boolean;
  testSummary?: WireTestSummary;
  codeCoverageSummary?: WireCoverageSummary;
}

export interface WireTestCase {
  reportArn: string;
  testRawDataPath: string;
  prefix: string;
  name: string;
  status: TestCaseStatus;
  durationInNanoSeconds: number;
  message?: string;
  expired: number;
  testSuiteName: string;
}

export interface WireCodeCoverage {
  id: string;
  reportARN: string;
  filePath: string;
  lineCoveragePercentage: number;
  linesCovered: number;
  linesMissed: number;
  branchCoveragePercentage: number;
  branchesCovered: number;
  branchesMissed: number;
  expired: number;
}

// ---------------------------------------------------------------------------------------------
// What aws-server.ts gives and gets
// ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;

export interface ReportCore {
  region: string;
  accountId: string;
  /** Epoch ms at which the build is final (changes when it is stopped). */
  finalAt(buildId: string): number;
  error(type: string, message: string): Error;
}

export interface ReportBuild {
  id: string;
  arn: string;
  projectName: string;
  /** CODEBUILD_SRC_DIR of the build: the raw test files lie under it. */
  srcDir: string;
}

export interface ReportExtension {
  /** Plan the reports of a build; returns their ARNs. */
  create(build: ReportBuild, reports: readonly FakeReport[]): string[];
  /** ARNs of the build's reports, existing yet or not. */
  arnsOf(buildId: string): string[];
  handlers: Record<string, (body: Json, now: number) => Json>;
  /** The report group ARN a report call names (for AccessDenied messages); undefined if none. */
  resourceOf(body: Json): string | undefined;
}

interface ReportRecord {
  arn: string;
  buildId: string;
  buildArn: string;
  groupName: string;
  type: 'TEST' | 'CODE_COVERAGE';
  status: string;
  rawDataPath: string;
  cases: FakeTestCase[];
  files: (FakeCoverageFile & { id: string })[];
}

const MAX_RESULTS = 100;
const DAY_MS = 86_400_000;
const TEST_STATUSES: readonly TestCaseStatus[] = [
  'SUCCEEDED',
  'FAILED',
  'SKIPPED',
  'ERROR',
  'UNKNOWN',
];

export function installReports(core: ReportCore): ReportExtension {
  const { region, accountId } = core;
  const reports = new Map<string, ReportRecord>();
  const byBuild = new Map<string, string[]>();
  const tokenKey = randomUUID();
  const groupArn = (name: string): string =>
    `arn:aws:codebuild:${region}:${accountId}:report-group/${name}`;

  function create(build: ReportBuild, specs: readonly FakeReport[]): string[] {
    const arns = specs.map((spec) => {
      const groupName = `${build.projectName}-${spec.group}`;
      const arn = `arn:aws:codebuild:${region}:${accountId}:report/${groupName}:${randomUUID()}`;
      const type = spec.type ?? 'TEST';
      const cases = type === 'TEST' ? expandCases(spec) : [];
      const bad = cases.some((c) => c.status === 'FAILED' || c.status === 'ERROR');
      reports.set(arn, {
        arn,
        buildId: build.id,
        buildArn: build.arn,
        groupName,
        type,
        status: spec.status ?? (bad ? 'FAILED' : 'SUCCEEDED'),
        rawDataPath: `${build.srcDir}/reports/${spec.group}.xml`,
        cases,
        files: (spec.coverage?.files ?? []).map((f) => ({ ...f, id: randomUUID() })),
      });
      return arn;
    });
    byBuild.set(build.id, [...(byBuild.get(build.id) ?? []), ...arns]);
    return arns;
  }

  /** The report, if it exists at `now`. */
  function find(arn: string, now: number): ReportRecord | undefined {
    const record = reports.get(arn);
    return record && now >= core.finalAt(record.buildId) ? record : undefined;
  }

  function requireReport(body: Json, now: number): ReportRecord {
    const arn = body.reportArn;
    if (typeof arn !== 'string' || arn === '') {
      throw core.error('InvalidInputException', 'Report ARN is required');
    }
    const record = find(arn, now);
    if (!record) throw core.error('ResourceNotFoundException', `Report ${arn} does not exist`);
    return record;
  }

  function created(record: ReportRecord): number {
    return core.finalAt(record.buildId);
  }

  function wireReport(record: ReportRecord): WireReport {
    const at = created(record);
    const report: WireReport = {
      arn: record.arn,
      type: record.type,
      name: record.groupName,
      reportGroupArn: groupArn(record.groupName),
      executionId: record.buildArn,
      status: record.status,
      created: seconds(at),
      expired: seconds(at + 30 * DAY_MS),
      exportConfig: { exportConfigType: 'NO_EXPORT' },
      truncated: false,
    };
    if (record.type === 'TEST') {
      const statusCounts = Object.fromEntries(TEST_STATUSES.map((s) => [s, 0])) as Record<
        TestCaseStatus,
        number
      >;
      let nanos = 0;
      for (const c of record.cases) {
        statusCounts[c.status]++;
        nanos += nanosOf(c);
      }
      report.testSummary = {
        total: record.cases.length,
        statusCounts,
        durationInNanoSeconds: nanos,
      };
    } else {
      const sum = (pick: (f: FakeCoverageFile) => number | undefined): number =>
        record.files.reduce((n, f) => n + (pick(f) ?? 0), 0);
      const linesCovered = sum((f) => f.linesCovered);
      const linesMissed = sum((f) => f.linesMissed);
      const branchesCovered = sum((f) => f.branchesCovered);
      const branchesMissed = sum((f) => f.branchesMissed);
      report.codeCoverageSummary = {
        lineCoveragePercentage: percentage(linesCovered, linesMissed),
        linesCovered,
        linesMissed,
        branchCoveragePercentage: percentage(branchesCovered, branchesMissed),
        branchesCovered,
        branchesMissed,
      };
    }
    return report;
  }

  // ---- Operations

  function batchGetReports(body: Json, now: number): Json {
    const arns = body.reportArns;
    if (!Array.isArray(arns) || arns.length === 0) {
      throw core.error(
        'InvalidInputException',
        "1 validation error detected: Value at 'reportArns' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    }
    if (arns.length > 100) {
      throw core.error(
        'InvalidInputException',
        "1 validation error detected: Value at 'reportArns' failed to satisfy constraint: Member must have length less than or equal to 100",
      );
    }
    const found: WireReport[] = [];
    const notFound: string[] = [];
    for (const arn of new Set(arns.map(String))) {
      const record = find(arn, now);
      if (record) found.push(wireReport(record));
      else notFound.push(arn);
    }
    return { reports: found, reportsNotFound: notFound };
  }

  function describeTestCases(body: Json, now: number): Json {
    const record = requireReport(body, now);
    const limit = maxResultsOf(body.maxResults);
    const filter = filterOf(body.filter);
    const query = `cases:${filter.status ?? ''}:${filter.keyword ?? ''}`;
    const offset = startOf(body.nextToken, record.arn, query);
    const matching = record.cases.filter(
      (c) =>
        (filter.status === undefined || c.status === filter.status) &&
        (filter.keyword === undefined ||
          c.name.includes(filter.keyword) ||
          prefixOf(record, c).includes(filter.keyword)),
    );
    const page = matching.slice(offset, offset + limit);
    const expired = seconds(created(record) + 30 * DAY_MS);
    return {
      testCases: page.map((c): WireTestCase => {
        const prefix = prefixOf(record, c);
        return {
          reportArn: record.arn,
          testRawDataPath: record.rawDataPath,
          prefix,
          name: c.name,
          status: c.status,
          durationInNanoSeconds: nanosOf(c),
          ...(c.message === undefined || c.status === 'SUCCEEDED' ? {} : { message: c.message }),
          expired,
          testSuiteName: c.testSuiteName ?? prefix,
        };
      }),
      ...nextTokenOf(record.arn, query, offset + page.length, matching.length),
    };
  }

  function describeCodeCoverages(body: Json, now: number): Json {
    const record = requireReport(body, now);
    const limit = maxResultsOf(body.maxResults);
    const sortOrder = enumOf(body.sortOrder, 'sortOrder', ['ASCENDING', 'DESCENDING']);
    const sortBy = enumOf(body.sortBy, 'sortBy', ['LINE_COVERAGE_PERCENTAGE', 'FILE_PATH']);
    const min = percentageOf(body.minLineCoveragePercentage, 'minLineCoveragePercentage');
    const max = percentageOf(body.maxLineCoveragePercentage, 'maxLineCoveragePercentage');
    const query = `coverage:${sortOrder ?? ''}:${sortBy ?? ''}:${min ?? ''}:${max ?? ''}`;
    const offset = startOf(body.nextToken, record.arn, query);
    const expired = seconds(created(record) + 30 * DAY_MS);
    const all = record.files.map((f): WireCodeCoverage => ({
      id: f.id,
      reportARN: record.arn,
      filePath: f.path,
      lineCoveragePercentage: percentage(f.linesCovered, f.linesMissed),
      linesCovered: f.linesCovered,
      linesMissed: f.linesMissed,
      branchCoveragePercentage: percentage(f.branchesCovered ?? 0, f.branchesMissed ?? 0),
      branchesCovered: f.branchesCovered ?? 0,
      branchesMissed: f.branchesMissed ?? 0,
      expired,
    }));
    const direction = sortOrder === 'DESCENDING' ? -1 : 1;
    const matching = all
      .filter(
        (c) =>
          (min === undefined || c.lineCoveragePercentage >= min) &&
          (max === undefined || c.lineCoveragePercentage <= max),
      )
      .sort((a, b) => {
        const byPath = a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0;
        const primary =
          sortBy === 'LINE_COVERAGE_PERCENTAGE'
            ? a.lineCoveragePercentage - b.lineCoveragePercentage
            : byPath;
        return (primary || byPath) * direction;
      });
    const page = matching.slice(offset, offset + limit);
    return {
      codeCoverages: page,
      ...nextTokenOf(record.arn, query, offset + page.length, matching.length),
    };
  }

  // ---- Validation and tokens

  function maxResultsOf(value: unknown): number {
    if (value === undefined) return MAX_RESULTS;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 100) {
      const bound =
        typeof value === 'number' && value > 100
          ? 'less than or equal to 100'
          : 'greater than or equal to 1';
      throw core.error(
        'InvalidInputException',
        `1 validation error detected: Value '${JSON.stringify(value)}' at 'maxResults' failed to satisfy constraint: Member must have value ${bound}`,
      );
    }
    return value;
  }

  function filterOf(value: unknown): { status?: TestCaseStatus; keyword?: string } {
    if (value === undefined) return {};
    if (typeof value !== 'object' || value === null) {
      throw core.error('InvalidInputException', 'Invalid filter');
    }
    const { status, keyword } = value as Json;
    if (status !== undefined && !TEST_STATUSES.includes(status as TestCaseStatus)) {
      throw core.error(
        'InvalidInputException',
        `Invalid test case status ${JSON.stringify(status)}; valid values are ${TEST_STATUSES.join(', ')}`,
      );
    }
    if (keyword !== undefined && typeof keyword !== 'string') {
      throw core.error('InvalidInputException', 'Invalid filter keyword');
    }
    return {
      ...(status === undefined ? {} : { status: status as TestCaseStatus }),
      ...(keyword === undefined ? {} : { keyword }),
    };
  }

  function enumOf<T extends string>(value: unknown, field: string, values: T[]): T | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !values.includes(value as T)) {
      throw core.error(
        'InvalidInputException',
        `1 validation error detected: Value '${typeof value === 'string' ? value : JSON.stringify(value)}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`,
      );
    }
    return value as T;
  }

  function percentageOf(value: unknown, field: string): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || value < 0 || value > 100) {
      throw core.error(
        'InvalidInputException',
        `1 validation error detected: Value '${JSON.stringify(value)}' at '${field}' failed to satisfy constraint: Member must have value between 0 and 100`,
      );
    }
    return value;
  }

  /** An opaque token: the position, base64url, and a signature over report, query and position. */
  function nextTokenOf(arn: string, query: string, next: number, total: number): Json {
    if (next >= total) return {};
    const payload = Buffer.from(JSON.stringify({ next })).toString('base64url');
    return { nextToken: `${payload}.${signature(arn, query, payload)}` };
  }

  function startOf(value: unknown, arn: string, query: string): number {
    if (value === undefined) return 0;
    const [payload = '', sig, ...rest] = typeof value === 'string' ? value.split('.') : [];
    let next: unknown;
    if (rest.length === 0 && sig === signature(arn, query, payload)) {
      try {
        next = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Json).next;
      } catch {
        // refused below
      }
    }
    if (typeof next !== 'number' || !Number.isInteger(next) || next < 0) {
      throw core.error('InvalidInputException', 'Invalid next token');
    }
    return next;
  }

  function signature(arn: string, query: string, payload: string): string {
    return createHash('sha256')
      .update(`${tokenKey}:${arn}:${query}:${payload}`)
      .digest('base64url')
      .slice(0, 22);
  }

  return {
    create,
    arnsOf: (buildId) => [...(byBuild.get(buildId) ?? [])],
    handlers: {
      'CodeBuild.BatchGetReports': batchGetReports,
      'CodeBuild.DescribeTestCases': describeTestCases,
      'CodeBuild.DescribeCodeCoverages': describeCodeCoverages,
    },
    resourceOf(body) {
      const arn =
        typeof body.reportArn === 'string'
          ? body.reportArn
          : Array.isArray(body.reportArns)
            ? String(body.reportArns[0])
            : undefined;
      if (arn === undefined) return undefined;
      const group = /^arn:[^:]+:codebuild:[^:]*:[^:]*:report\/([^:]+):/.exec(arn)?.[1];
      return group === undefined ? '*' : groupArn(group);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function expandCases(spec: FakeReport): FakeTestCase[] {
  const tests = spec.tests;
  if (tests === undefined) return [];
  if (Array.isArray(tests)) return tests;
  const counts = tests;
  const out: FakeTestCase[] = [];
  const add = (
    count: number | undefined,
    status: TestCaseStatus,
    label: string,
    message?: (i: number) => string,
  ): void => {
    for (let i = 0; i < (count ?? 0); i++) {
      out.push({
        name: `${label} ${i + 1}`,
        status,
        ...(message ? { message: message(i) } : {}),
      });
    }
  };
  add(counts.passed, 'SUCCEEDED', 'passes');
  add(counts.failed, 'FAILED', 'fails', counts.message ?? (() => DEFAULT_FAILURE_MESSAGE));
  add(counts.skipped, 'SKIPPED', 'is skipped');
  add(counts.error, 'ERROR', 'errors', counts.message ?? (() => DEFAULT_ERROR_MESSAGE));
  return out;
}

function prefixOf(record: ReportRecord, c: FakeTestCase): string {
  return c.prefix ?? record.groupName;
}

function nanosOf(c: FakeTestCase): number {
  return Math.round((c.durationMs ?? 5) * 1_000_000);
}

/** covered / (covered + missed) in percent, two decimals; 0 when there is nothing to cover. */
function percentage(covered: number, missed: number): number {
  const total = covered + missed;
  return total === 0 ? 0 : Math.round((covered / total) * 10_000) / 100;
}

function seconds(ms: number): number {
  return ms / 1000;
}
