/**
 * Test results at the wire: the bundled run-build and report-status Actions (Node 24) and the
 * CLI read the builds' CodeBuild reports from the fake CodeBuild (BatchGetReports,
 * DescribeTestCases, DescribeCodeCoverages) and show them in the commit status, the job summary,
 * the outputs, the check run and the pull request comment.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  failureScenario,
  successScenario,
  type BuildScenario,
  type FakeReport,
} from '../fakes/aws-server.js';
import { useFakeServers } from '../helpers/fake-servers.js';
import { runBundle, type ActionRunOptions } from '../helpers/run-bundle.js';
import { GITHUB_TOKEN, wireEnv } from '../helpers/wire.js';
import { injectedCommands } from '../helpers/workflow-commands.js';

const SHA = 'f'.repeat(40);
const CONTEXT = 'AWS CodeBuild us-east-1 (web)';
const fakes = useFakeServers();

const UNIT: FakeReport = {
  group: 'unit',
  tests: [
    ...Array.from({ length: 17 }, (_, i) => ({
      name: `passes ${i}`,
      status: 'SUCCEEDED' as const,
    })),
    {
      prefix: 'math',
      name: 'adds',
      status: 'FAILED',
      message:
        'AssertionError: expected 3 to be 4\n    at Object.<anonymous> (src/math.test.ts:12:5)',
    },
    {
      prefix: 'math',
      name: 'divides',
      status: 'FAILED',
      message: 'expected Infinity\n::error::INJECTED-test-message',
    },
    { prefix: 'io', name: 'reads', status: 'ERROR', message: 'TypeError: x is undefined' },
  ],
};
const COVERAGE: FakeReport = {
  group: 'coverage',
  type: 'CODE_COVERAGE',
  coverage: {
    files: [
      { path: 'src/math.ts', linesCovered: 90, linesMissed: 10 },
      { path: 'src/io.ts', linesCovered: 10, linesMissed: 90 },
    ],
  },
};

function failing(reports: FakeReport[]): BuildScenario {
  return { ...failureScenario({ phase: 'BUILD', command: 'npm test', exitCode: 1 }), reports };
}

function action(inputs: Record<string, string> = {}, extra: ActionRunOptions = {}) {
  return runBundle('run-build', {
    ...extra,
    inputs: {
      'project-name': 'web',
      'github-token': GITHUB_TOKEN,
      'poll-interval': '0.2',
      ...inputs,
    },
    env: { ...wireEnv(fakes.aws, fakes.github), ...extra.env },
  });
}

function reportCalls(): Record<string, number> {
  return Object.fromEntries(
    Object.entries(fakes.aws.counts()).filter(([operation]) =>
      /Reports|TestCases|CodeCoverages/.test(operation),
    ),
  );
}

describe('test results of a build', () => {
  it('puts the failed tests in the status, the summary and the outputs, in 3 report calls', async () => {
    fakes.aws.script('web', failing([UNIT, COVERAGE]));
    const result = await action();
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');

    const final = fakes.github.statuses(SHA).at(-1)!;
    expect(final.state).toBe('failure');
    expect(final.description).toMatch(
      /^Build #1 failed in BUILD after \d+s: 3 of 20 tests failed; /,
    );
    expect(final.description!.length).toBeLessThanOrEqual(140);
    expect(result.stdout).toMatch(/Build #1 failed in BUILD after \d+s: 3 of 20 tests failed/);

    expect(result.outputs).toMatchObject({
      'tests-total': '20',
      'tests-passed': '17',
      'tests-failed': '3',
      'tests-skipped': '0',
      'coverage-line': '50',
    });
    const reports = JSON.parse(result.outputs.reports!) as {
      name: string;
      type: string;
      url: string;
    }[];
    expect(reports.map((report) => [report.name, report.type])).toEqual([
      ['web-unit', 'TEST'],
      ['web-coverage', 'CODE_COVERAGE'],
    ]);
    expect(reports[0]!.url).toMatch(
      /^https:\/\/us-east-1\.console\.aws\.amazon\.com\/codesuite\/codebuild\/123456789012\/testReports\/reports\/web-unit\/[\w-]+\?region=us-east-1$/,
    );

    expect(result.summary).toContain('Tests: 17 passed, 3 failed of 20');
    expect(result.summary).toContain('| math | adds | AssertionError: expected 3 to be 4 |');
    expect(result.summary).toContain('| io | reads (error) | TypeError: x is undefined |');
    expect(result.summary).toContain('#### Coverage');
    expect(result.summary).toMatch(/\| src\/io\.ts \| 10% \|/);
    // A message is shown, never obeyed.
    expect(injectedCommands(result.stdout, 'INJECTED')).toEqual([]);
    // BatchGetReports once, FAILED then ERROR cases, the least-covered files.
    expect(reportCalls()).toEqual({
      'CodeBuild.BatchGetReports': 1,
      'CodeBuild.DescribeTestCases': 2,
      'CodeBuild.DescribeCodeCoverages': 1,
    });
  });

  it('says how many passed on a green build', async () => {
    fakes.aws.script('web', {
      ...successScenario(),
      reports: [{ group: 'unit', tests: { passed: 12, skipped: 2 } }],
    });
    const green = await action();
    expect(green.code).toBe(0);
    expect(fakes.github.statuses(SHA).at(-1)!.description).toMatch(
      /^Build #1 succeeded in \d+s: 12 tests passed, 2 skipped$/,
    );
    expect(green.outputs['tests-total']).toBe('14');
    expect(green.outputs['coverage-line']).toBeUndefined();
    expect(reportCalls()).toEqual({ 'CodeBuild.BatchGetReports': 1 });
  });

  it('shows and sets nothing extra for a build without reports, and makes no report call', async () => {
    fakes.aws.script('web', successScenario());
    const plain = await action();
    expect(plain.code).toBe(0);
    expect(fakes.github.statuses(SHA).at(-1)!.description).toMatch(/^Build #1 succeeded in \d+s$/);
    for (const name of [
      'tests-total',
      'tests-passed',
      'tests-failed',
      'tests-skipped',
      'coverage-line',
      'reports',
    ])
      expect(plain.outputs[name]).toBeUndefined();
    expect(plain.summary).not.toContain('Tests:');
    expect(reportCalls()).toEqual({});
  });

  it('lists at most 100 failures of 500 in one page and says how many more there are', async () => {
    fakes.aws.script('web', failing([{ group: 'unit', tests: { passed: 20, failed: 500 } }]));
    const result = await action();
    expect(result.code).toBe(1);
    expect(fakes.github.statuses(SHA).at(-1)!.description).toMatch(/: 500 of 520 tests failed; /);
    expect(result.outputs['tests-failed']).toBe('500');
    expect(result.summary).toContain('…and 450 more failed tests: see [web-unit](https://');
    expect(reportCalls()).toEqual({
      'CodeBuild.BatchGetReports': 1,
      'CodeBuild.DescribeTestCases': 1,
    });
  });

  it('warns once naming the IAM action when reports may not be read, and the step keeps its result', async () => {
    fakes.aws.script('web', { ...successScenario(), reports: [UNIT] });
    fakes.aws.failNext('CodeBuild.BatchGetReports', { error: 'AccessDeniedException' });
    const result = await action();
    expect(result.code).toBe(0);
    const warnings = result.stdout.split('\n').filter((line) => line.startsWith('::warning'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('codebuild:BatchGetReports');
    expect(fakes.github.statuses(SHA).at(-1)).toMatchObject({ state: 'success' });
    expect(fakes.github.statuses(SHA).at(-1)!.description).toMatch(/^Build #1 succeeded in \d+s$/);
    expect(result.outputs['tests-total']).toBeUndefined();
  });
});

describe('test results that say little', () => {
  it('posts a coverage-only build once, with its status unchanged, and shows the coverage', async () => {
    fakes.aws.script('web', { ...successScenario(), reports: [COVERAGE] });
    const result = await action();
    expect(result.code).toBe(0);
    const finals = fakes.github.statuses(SHA).filter((status) => status.state !== 'pending');
    expect(finals).toHaveLength(1);
    expect(finals[0]!.description).toMatch(/^Build #1 succeeded in \d+s$/);
    expect(result.outputs['coverage-line']).toBe('50');
    expect(result.outputs['tests-total']).toBeUndefined();
    expect(result.summary).toContain('#### Coverage');
  });

  it('warns once when DescribeTestCases is refused, for however many reports, and calls it once', async () => {
    const second: FakeReport = { ...UNIT, group: 'integration' };
    fakes.aws.script('web', failing([UNIT, second]));
    fakes.aws.failNext('CodeBuild.DescribeTestCases', {
      error: 'AccessDeniedException',
      count: Number.POSITIVE_INFINITY,
    });
    const result = await action();
    expect(result.code).toBe(1);
    const warnings = result.stdout.split('\n').filter((line) => line.startsWith('::warning'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('codebuild:DescribeTestCases');
    expect(reportCalls()['CodeBuild.DescribeTestCases']).toBe(1);
    // The counts still come from BatchGetReports.
    expect(fakes.github.statuses(SHA).at(-1)!.description).toMatch(/: 6 of 40 tests failed; /);
  });
});

describe('test results of a batch', () => {
  it('amends each member status with its counts, and totals them in the summary and outputs', async () => {
    fakes.aws.scriptBatch('web', {
      members: [
        { identifier: 'linux', scenario: failing([UNIT]) },
        {
          identifier: 'windows',
          scenario: { ...successScenario(), reports: [{ group: 'unit', tests: { passed: 5 } }] },
        },
      ],
    });
    const result = await action({ batch: 'true', 'poll-interval': '0.3' });
    expect(result.code).toBe(1);
    const last = (identifier: string) =>
      fakes.github
        .statuses(SHA)
        .filter((s) => s.context === `${CONTEXT} / ${identifier}`)
        .at(-1)!;
    expect(last('linux').description).toMatch(/^linux: .*3 of 20 tests failed/);
    expect(last('windows').description).toMatch(/5 tests passed$/);
    expect(result.outputs['tests-total']).toBe('25');
    expect(result.outputs['tests-failed']).toBe('3');
    expect(result.summary).toContain('| Build | Report | Status |');
    expect(result.summary).toMatch(/\| \*\*Total\*\* \| {2}\| \| 22 \| 2 \| 1 \| 0 \| \|/);
    // Both members' reports in one BatchGetReports.
    expect(reportCalls()['CodeBuild.BatchGetReports']).toBe(1);
  });
});

describe('test results where people look on GitHub', () => {
  it('annotates the failing line the stack trace names, and the PR comment lists the failed tests', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'bb-tests-'));
    for (const file of ['src/math.test.ts', 'buildspec.yml']) {
      mkdirSync(dirname(join(workspace, file)), { recursive: true });
      writeFileSync(join(workspace, file), 'x\n'.repeat(20));
    }
    fakes.aws.script('web', failing([UNIT]));
    const head = 'a'.repeat(40);
    const result = await action(
      { 'check-run': 'true', 'pr-comment': 'true' },
      {
        event: {
          name: 'pull_request',
          payload: {
            number: 7,
            pull_request: {
              number: 7,
              head: { sha: head, repo: { full_name: 'octo/app' } },
              base: { repo: { full_name: 'octo/app' } },
            },
          },
        },
        env: {
          GITHUB_WORKSPACE: workspace,
          GITHUB_WORKFLOW_REF: 'octo/app/.github/workflows/ci.yml@refs/heads/main',
        },
      },
    );
    expect(result.code).toBe(1);
    const [run] = fakes.github.checkRuns(head);
    const annotations = fakes.github.checkRunAnnotations(run!.id);
    expect(annotations).toContainEqual(
      expect.objectContaining({
        path: 'src/math.test.ts',
        start_line: 12,
        annotation_level: 'failure',
        title: 'math › adds',
      }),
    );
    // A message naming no file of the repository is placed on the buildspec.
    expect(annotations).toContainEqual(
      expect.objectContaining({ path: 'buildspec.yml', start_line: 1, title: 'io › reads' }),
    );
    const [comment] = fakes.github.comments('octo', 'app', 7);
    expect(comment!.body).toContain('| math › adds | AssertionError: expected 3 to be 4 |');
  });
});

describe('report-status of a build that has ended', () => {
  it('reads the reports first and posts one status, with the counts', async () => {
    const build = fakes.aws.startExternalBuild('web', {
      sourceVersion: SHA,
      scenario: failing([UNIT]),
      startedAt: Date.now() - 600_000,
    });
    const result = await runBundle('report-status', {
      inputs: { 'github-token': GITHUB_TOKEN, 'build-id': build.id, 'poll-interval': '0.2' },
      env: wireEnv(fakes.aws, fakes.github),
    });
    expect(result.code).toBe(1);
    const statuses = fakes.github.statuses(SHA);
    expect(statuses).toHaveLength(1);
    expect(statuses[0]).toMatchObject({ state: 'failure' });
    expect(statuses[0]!.description).toMatch(/3 of 20 tests failed/);
  });
});
