/**
 * Proves the fake's test and coverage reports behave like CodeBuild's to the real SDK v3 client:
 * `reportArns` on final builds and batch members, BatchGetReports with its summaries and
 * reportsNotFound, DescribeTestCases with filters and paging, DescribeCodeCoverages sorted and
 * filtered, and injected faults.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Build, TestCase } from '@aws-sdk/client-codebuild';
import {
  BatchGetBuildBatchesCommand,
  BatchGetBuildsCommand,
  BatchGetReportsCommand,
  CodeBuildClient,
  DescribeCodeCoveragesCommand,
  DescribeTestCasesCommand,
  StartBuildBatchCommand,
  StartBuildCommand,
} from '@aws-sdk/client-codebuild';
import { startFakeAws, type BuildScenario, type FakeAws } from '../fakes/aws-server.js';
import { TEST_CREDENTIALS, sdkClients, type SdkClients } from '../helpers/sdk-clients.js';

let aws: FakeAws;
let clients: SdkClients;
let codebuild: CodeBuildClient;

beforeAll(async () => {
  aws = await startFakeAws({ projects: ['app', 'mono'] });
  clients = sdkClients(aws);
  ({ codebuild } = clients);
});

afterAll(async () => {
  clients.destroy();
  await aws.close();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const FAILURE =
  'AssertionError: expected 1 to be 2\n    at Object.<anonymous> (src/x.test.ts:12:5)';

const coverageFiles = [
  { path: 'src/b.ts', linesCovered: 50, linesMissed: 50, branchesCovered: 1, branchesMissed: 3 },
  { path: 'src/a.ts', linesCovered: 90, linesMissed: 10, branchesCovered: 4, branchesMissed: 0 },
  { path: 'src/c.ts', linesCovered: 10, linesMissed: 30 },
  { path: 'src/d.ts', linesCovered: 75, linesMissed: 25 },
];

/** A quick build that produces `reports`. */
function reportScenario(reports: BuildScenario['reports']): BuildScenario {
  return { defaultPhaseMs: 10, reports };
}

/** Start a build of `scenario` and wait until it is final; returns it as BatchGetBuilds says. */
async function finishedBuild(scenario: BuildScenario): Promise<Build> {
  aws.script('app', scenario);
  const { build } = await codebuild.send(new StartBuildCommand({ projectName: 'app' }));
  const finalAt = aws.build(build!.id!)!.finalAt;
  await sleep(Math.max(0, finalAt - Date.now()) + 20);
  const { builds } = await codebuild.send(new BatchGetBuildsCommand({ ids: [build!.id!] }));
  return builds![0]!;
}

describe('fake CodeBuild reports', () => {
  let build: Build;
  let testArn: string;
  let coverageArn: string;

  beforeAll(async () => {
    build = await finishedBuild(
      reportScenario([
        { group: 'unit', tests: { passed: 40, failed: 250, skipped: 3, error: 2 } },
        { group: 'coverage', type: 'CODE_COVERAGE', coverage: { files: coverageFiles } },
      ]),
    );
    [testArn = '', coverageArn = ''] = build.reportArns ?? [];
  });

  it('names the reports in reportArns once the build is final', async () => {
    expect(build.buildStatus).toBe('SUCCEEDED');
    expect(build.reportArns).toHaveLength(2);
    expect(build.reportArns).toEqual(aws.reportArnsOf(build.id!));
    expect(testArn).toMatch(
      /^arn:aws:codebuild:us-east-1:123456789012:report\/app-unit:[0-9a-f-]{36}$/,
    );
    expect(coverageArn).toMatch(/:report\/app-coverage:[0-9a-f-]{36}$/);

    aws.script('app', reportScenario([{ group: 'unit', tests: { passed: 1 } }]));
    const { build: running } = await codebuild.send(new StartBuildCommand({ projectName: 'app' }));
    expect(running!.reportArns).toBeUndefined();
    const [early = ''] = aws.reportArnsOf(running!.id!);
    const { reportsNotFound } = await codebuild.send(
      new BatchGetReportsCommand({ reportArns: [early] }),
    );
    expect(reportsNotFound).toEqual([early]);

    const plain = await finishedBuild({ defaultPhaseMs: 5 });
    expect(plain.reportArns).toBeUndefined();
    expect(aws.reportArnsOf(plain.id!)).toEqual([]);
  });

  it('answers BatchGetReports with summaries and reportsNotFound', async () => {
    const missing = 'arn:aws:codebuild:us-east-1:123456789012:report/app-unit:nope';
    const { reports, reportsNotFound } = await codebuild.send(
      new BatchGetReportsCommand({ reportArns: [testArn, coverageArn, missing] }),
    );
    expect(reportsNotFound).toEqual([missing]);
    const [test, coverage] = reports!;
    expect(test).toMatchObject({
      arn: testArn,
      type: 'TEST',
      name: 'app-unit',
      reportGroupArn: 'arn:aws:codebuild:us-east-1:123456789012:report-group/app-unit',
      executionId: build.arn,
      status: 'FAILED',
      truncated: false,
      testSummary: {
        total: 295,
        statusCounts: { SUCCEEDED: 40, FAILED: 250, SKIPPED: 3, ERROR: 2, UNKNOWN: 0 },
        durationInNanoSeconds: 295 * 5_000_000,
      },
    });
    expect(test!.created).toBeInstanceOf(Date);
    expect(test!.created!.getTime()).toBe(build.endTime!.getTime());
    expect(test!.codeCoverageSummary).toBeUndefined();
    expect(coverage).toMatchObject({
      arn: coverageArn,
      type: 'CODE_COVERAGE',
      name: 'app-coverage',
      status: 'SUCCEEDED',
      codeCoverageSummary: {
        linesCovered: 225,
        linesMissed: 115,
        lineCoveragePercentage: 66.18,
        branchesCovered: 5,
        branchesMissed: 3,
        branchCoveragePercentage: 62.5,
      },
    });
    expect(coverage!.testSummary).toBeUndefined();

    await expect(
      codebuild.send(new BatchGetReportsCommand({ reportArns: [] })),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });
    const tooMany = Array.from({ length: 101 }, (_, i) => `${testArn}${i}`);
    await expect(
      codebuild.send(new BatchGetReportsCommand({ reportArns: tooMany })),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });
  });

  it('filters DescribeTestCases by status and pages 250 failures in three pages', async () => {
    const pages: TestCase[][] = [];
    let nextToken: string | undefined;
    do {
      const page = await codebuild.send(
        new DescribeTestCasesCommand({
          reportArn: testArn,
          maxResults: 100,
          filter: { status: 'FAILED' },
          ...(nextToken ? { nextToken } : {}),
        }),
      );
      pages.push(page.testCases!);
      nextToken = page.nextToken;
    } while (nextToken);
    expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
    const all = pages.flat();
    expect(new Set(all.map((c) => c.name)).size).toBe(250);
    expect(all.every((c) => c.status === 'FAILED' && c.message === FAILURE)).toBe(true);
    expect(all[0]).toMatchObject({
      reportArn: testArn,
      prefix: 'app-unit',
      name: 'fails 1',
      status: 'FAILED',
      durationInNanoSeconds: 5_000_000,
      testSuiteName: 'app-unit',
    });
    expect(all[0]!.testRawDataPath).toMatch(/\/reports\/unit\.xml$/);
    expect(all[0]!.expired).toBeInstanceOf(Date);

    const passed = await codebuild.send(
      new DescribeTestCasesCommand({ reportArn: testArn, filter: { status: 'SUCCEEDED' } }),
    );
    expect(passed.testCases).toHaveLength(40);
    expect(passed.nextToken).toBeUndefined();
    expect(passed.testCases!.some((c) => c.message !== undefined)).toBe(false);

    const keyword = await codebuild.send(
      new DescribeTestCasesCommand({ reportArn: testArn, filter: { keyword: 'errors' } }),
    );
    expect(keyword.testCases!.map((c) => c.name)).toEqual(['errors 1', 'errors 2']);

    const unfiltered = await codebuild.send(new DescribeTestCasesCommand({ reportArn: testArn }));
    expect(unfiltered.testCases).toHaveLength(100);
    expect(unfiltered.nextToken).toBeDefined();
  });

  it('refuses a bad nextToken, a token of another query and an unknown report', async () => {
    await expect(
      codebuild.send(new DescribeTestCasesCommand({ reportArn: testArn, nextToken: 'made-up' })),
    ).rejects.toMatchObject({ name: 'InvalidInputException', message: 'Invalid next token' });

    const first = await codebuild.send(
      new DescribeTestCasesCommand({ reportArn: testArn, filter: { status: 'FAILED' } }),
    );
    await expect(
      codebuild.send(
        new DescribeTestCasesCommand({
          reportArn: testArn,
          filter: { status: 'SKIPPED' },
          nextToken: first.nextToken!,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });

    await expect(
      codebuild.send(
        new DescribeTestCasesCommand({
          reportArn: 'arn:aws:codebuild:us-east-1:123456789012:report/app-unit:nope',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(
      codebuild.send(new DescribeTestCasesCommand({ reportArn: testArn, maxResults: 101 })),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });
  });

  it('sorts DescribeCodeCoverages by line coverage and pages with maxResults', async () => {
    const first = await codebuild.send(
      new DescribeCodeCoveragesCommand({
        reportArn: coverageArn,
        sortBy: 'LINE_COVERAGE_PERCENTAGE',
        sortOrder: 'ASCENDING',
        maxResults: 3,
      }),
    );
    expect(first.codeCoverages!.map((c) => [c.filePath, c.lineCoveragePercentage])).toEqual([
      ['src/c.ts', 25],
      ['src/b.ts', 50],
      ['src/d.ts', 75],
    ]);
    expect(first.codeCoverages![1]).toMatchObject({
      reportARN: coverageArn,
      linesCovered: 50,
      linesMissed: 50,
      branchCoveragePercentage: 25,
      branchesCovered: 1,
      branchesMissed: 3,
    });
    expect(first.codeCoverages![0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.nextToken).toBeDefined();
    const second = await codebuild.send(
      new DescribeCodeCoveragesCommand({
        reportArn: coverageArn,
        sortBy: 'LINE_COVERAGE_PERCENTAGE',
        sortOrder: 'ASCENDING',
        maxResults: 3,
        nextToken: first.nextToken!,
      }),
    );
    expect(second.codeCoverages!.map((c) => c.filePath)).toEqual(['src/a.ts']);
    expect(second.nextToken).toBeUndefined();

    const byPath = await codebuild.send(
      new DescribeCodeCoveragesCommand({
        reportArn: coverageArn,
        sortOrder: 'DESCENDING',
        minLineCoveragePercentage: 50,
        maxLineCoveragePercentage: 80,
      }),
    );
    expect(byPath.codeCoverages!.map((c) => c.filePath)).toEqual(['src/d.ts', 'src/b.ts']);
  });

  it('answers an injected AccessDenied naming codebuild:BatchGetReports and the report group', async () => {
    const once = new CodeBuildClient({
      endpoint: aws.url,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
    });
    const before = aws.counts()['CodeBuild.BatchGetReports'] ?? 0;
    aws.failNext('CodeBuild.BatchGetReports', { error: 'AccessDeniedException' });
    await expect(
      once.send(new BatchGetReportsCommand({ reportArns: [testArn] })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message:
        'User: arn:aws:sts::123456789012:assumed-role/ci/x is not authorized to perform: codebuild:BatchGetReports on resource: arn:aws:codebuild:us-east-1:123456789012:report-group/app-unit because no identity-based policy allows the codebuild:BatchGetReports action',
    });
    expect(aws.calls.at(-1)).toMatchObject({
      operation: 'CodeBuild.BatchGetReports',
      status: 400,
      errorType: 'AccessDeniedException',
    });
    const { reports } = await once.send(new BatchGetReportsCommand({ reportArns: [testArn] }));
    expect(reports).toHaveLength(1);
    expect(aws.counts()['CodeBuild.BatchGetReports']).toBe(before + 2);
    expect(aws.counts()['CodeBuild.DescribeTestCases']).toBeGreaterThan(0);
    expect(aws.counts()['CodeBuild.DescribeCodeCoverages']).toBeGreaterThan(0);
    once.destroy();
  });

  it('gives batch members their reports', async () => {
    aws.scriptBatch('mono', {
      members: [
        {
          identifier: 'linux',
          scenario: reportScenario([{ group: 'unit', tests: { passed: 2, failed: 1 } }]),
        },
        { identifier: 'plain', scenario: { defaultPhaseMs: 10 } },
      ],
    });
    const { buildBatch } = await codebuild.send(
      new StartBuildBatchCommand({ projectName: 'mono' }),
    );
    const deadline = Date.now() + 5_000;
    let complete = false;
    while (!complete && Date.now() < deadline) {
      await sleep(50);
      const { buildBatches } = await codebuild.send(
        new BatchGetBuildBatchesCommand({ ids: [buildBatch!.id!] }),
      );
      complete = buildBatches![0]!.complete === true;
    }
    expect(complete).toBe(true);
    const ids = aws.batch(buildBatch!.id!)!.memberBuildIds;
    const { builds } = await codebuild.send(new BatchGetBuildsCommand({ ids }));
    const [linux, plain] = ids.map((id) => builds!.find((b) => b.id === id)!);
    expect(linux!.reportArns).toEqual(aws.reportArnsOf(linux!.id!));
    expect(linux!.reportArns![0]).toMatch(/:report\/mono-unit:/);
    expect(plain!.reportArns).toBeUndefined();
    const { reports } = await codebuild.send(
      new BatchGetReportsCommand({ reportArns: linux!.reportArns! }),
    );
    expect(reports![0]).toMatchObject({
      status: 'FAILED',
      executionId: linux!.arn,
      testSummary: { total: 3 },
    });
  });
});
