import type { Build } from '@aws-sdk/client-codebuild';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-server.js';
import { RecordingLogger } from '../helpers/recording-logger.js';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitHubClient } from '../../src/github/octokit.js';
import { CheckRunPublisher, MAX_SUMMARY_BYTES, fitSummary } from '../../src/github/check-run.js';
import type { AnnotationTarget } from '../../src/github/check-run-annotations.js';
import type { RunMember, RunReport } from '../../src/codebuild/run-report.js';
import type { FailedTest, TestReport } from '../../src/codebuild/test-results.js';

const SHA = 'a'.repeat(40);
const CONTEXT = 'AWS CodeBuild us-east-1 (web)';
const CONSOLE =
  'https://us-east-1.console.aws.amazon.com/codesuite/codebuild/1/projects/web/build/web%3A1/?region=us-east-1';
const WORKFLOW: AnnotationTarget = { workflowPath: '.github/workflows/ci.yml' };
const START = Date.UTC(2026, 11, 2, 10, 0, 0);

let gh: FakeGitHub;
let logger: RecordingLogger;

beforeEach(async () => {
  gh = await startFakeGitHub();
  logger = new RecordingLogger();
});
afterEach(async () => {
  await gh.close();
});

function publisher(
  options: {
    apiUrl?: string;
    annotationTarget?: AnnotationTarget | undefined;
    workspace?: string;
  } = {},
): CheckRunPublisher {
  const apiUrl = options.apiUrl ?? gh.url;
  return new CheckRunPublisher(
    createGitHubClient('ghs_token', { GITHUB_API_URL: apiUrl }, logger),
    { owner: 'octo', repo: 'app', sha: SHA },
    apiUrl,
    logger,
    {
      annotationTarget: 'annotationTarget' in options ? options.annotationTarget : WORKFLOW,
      externalId: 'web:1',
      ...(options.workspace ? { workspace: options.workspace } : {}),
      clock: { now: () => START },
    },
  );
}

function failedBuild(buildStatus = 'FAILED', command = 'make test'): Build {
  return {
    id: 'web:1',
    buildNumber: 1,
    buildStatus,
    phases: [
      {
        phaseType: 'BUILD',
        phaseStatus: buildStatus === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED',
        contexts: [
          {
            statusCode: 'COMMAND_EXECUTION_ERROR',
            message: `Error while executing command: ${command}. Reason: exit status 2`,
          },
        ],
      },
    ],
  } as Build;
}

function member(build: Build | undefined, identifier?: string): RunMember {
  return { identifier, build, url: undefined, ignoreFailure: false, lastLogLines: [] };
}

function report(overrides: Partial<RunReport> = {}): RunReport {
  return {
    kind: 'build',
    statusContext: CONTEXT,
    projectName: 'web',
    region: 'us-east-1',
    batch: undefined,
    members: [member(failedBuild())],
    state: 'failure',
    headline: 'Build #1 failed in BUILD after 3m 12s: make test (exit status 2)',
    url: CONSOLE,
    summaryMarkdown: '## web\n\nBuild #1 failed.',
    ...overrides,
  };
}

function testReport(count: number, failedNotListed = 0): TestReport {
  const failed: FailedTest[] = Array.from({ length: count }, (_, i) => ({
    suite: 'api',
    name: `case ${i}`,
    status: 'FAILED',
    message: `expected 200, got 500\n    at Object.<anonymous> (src/api.test.ts:${i + 1}:5)`,
    durationMs: 3,
  }));
  return {
    name: 'web-unit',
    arn: 'arn:aws:codebuild:us-east-1:123456789012:report/web-unit:1',
    type: 'TEST',
    status: 'FAILED',
    url: 'https://console.example/report',
    counts: {
      total: 500,
      passed: 500 - count - failedNotListed,
      failed: count + failedNotListed,
      skipped: 0,
      error: 0,
      unknown: 0,
    },
    failed,
    failedNotListed,
    leastCovered: [],
  };
}

const checkRunRequests = () => gh.requests.filter((r) => r.path.includes('/check-runs'));

describe('CheckRunPublisher', () => {
  it('creates the check run in progress at the start and completes it at the end', async () => {
    const checks = publisher();
    await checks.start({ statusContext: CONTEXT, url: CONSOLE });
    expect(gh.checkRuns(SHA)).toEqual([
      expect.objectContaining({
        name: CONTEXT,
        status: 'in_progress',
        details_url: CONSOLE,
        external_id: 'web:1',
        conclusion: null,
      }),
    ]);
    expect(checkRunRequests()[0]!.body).toMatchObject({
      started_at: '2026-12-02T10:00:00.000Z',
    });

    await checks.finish(report());
    const [run] = gh.checkRuns(SHA);
    expect(run).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      completed_at: '2026-12-02T10:00:00.000Z',
      output: {
        title: 'Build #1 failed in BUILD after 3m 12s: make test (exit status 2)',
        summary: '## web\n\nBuild #1 failed.',
        annotations_count: 1,
      },
    });
    expect(gh.checkRunAnnotations(run!.id)).toEqual([
      expect.objectContaining({
        path: '.github/workflows/ci.yml',
        start_line: 1,
        annotation_level: 'failure',
        title: 'BUILD failed',
        message: 'make test (exit status 2)',
      }),
    ]);
    expect(logger.warnings).toEqual([]);
  });

  it.each([
    ['SUCCEEDED', 'success'],
    ['FAILED', 'failure'],
    ['FAULT', 'failure'],
    ['TIMED_OUT', 'timed_out'],
    ['STOPPED', 'cancelled'],
    // The run was cancelled before the build ended: the check run still completes.
    ['IN_PROGRESS', 'cancelled'],
  ])('concludes a build that ended %s as %s', async (status, conclusion) => {
    const checks = publisher();
    await checks.start({ statusContext: CONTEXT, url: CONSOLE });
    await checks.finish(report({ members: [member(failedBuild(status))] }));
    expect(gh.checkRuns(SHA)).toEqual([
      expect.objectContaining({ status: 'completed', conclusion }),
    ]);
  });

  it('concludes a batch from the batch’s status', async () => {
    const checks = publisher();
    await checks.start({ statusContext: CONTEXT, url: CONSOLE });
    await checks.finish(
      report({
        kind: 'batch',
        batch: { id: 'web:b1', buildBatchStatus: 'TIMED_OUT' },
        members: [member(failedBuild('SUCCEEDED'), 'linux')],
      }),
    );
    expect(gh.checkRuns(SHA)[0]).toMatchObject({ status: 'completed', conclusion: 'timed_out' });
  });

  it('cuts a long summary to 65,535 bytes on a character boundary and says so', async () => {
    // Emoji are surrogate pairs of 4 bytes each: a careless cut leaves half of one.
    const summary = `# web\n\n${'x'.repeat(3)}${'😀'.repeat(20_000)}`;
    const checks = publisher();
    await checks.start({ statusContext: CONTEXT, url: CONSOLE });
    await checks.finish(report({ summaryMarkdown: summary }));
    const posted = gh.checkRuns(SHA)[0]!.output.summary!;
    expect(gh.checkRuns(SHA)[0]!.status).toBe('completed');
    expect(Buffer.byteLength(posted, 'utf8')).toBeLessThanOrEqual(MAX_SUMMARY_BYTES);
    expect(posted).toMatch(/cut to fit GitHub's limit of 65,535 characters/);
    expect(posted.startsWith('# web\n\nxxx😀😀')).toBe(true);
    expect(posted).not.toMatch(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
    );
    expect(logger.warnings).toEqual([]);
  });

  it('cuts at a line break and closes the code block and details the cut falls in', () => {
    const log = Array.from({ length: 5_000 }, (_, i) => `log line ${i} ${'z'.repeat(20)}`);
    const summary = [
      '# web',
      '',
      '<details><summary>Last log lines</summary>',
      '',
      '```text',
      ...log,
      '```',
      '',
      '</details>',
      '',
    ].join('\n');
    const cut = fitSummary(summary, '\n_tail line_\n');
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(MAX_SUMMARY_BYTES);
    expect(cut).toMatch(/cut to fit GitHub's limit/);
    expect(cut.endsWith('\n_tail line_\n')).toBe(true);
    const lines = cut.split('\n');
    const fences = lines.filter((line) => line.startsWith('```'));
    expect(fences.length % 2).toBe(0);
    expect(cut.match(/<details>/g)).toHaveLength(1);
    expect(cut.match(/<\/details>/g)).toHaveLength(1);
    // Every log line kept is whole.
    const kept = lines.filter((line) => line.startsWith('log line'));
    expect(kept.length).toBeGreaterThan(1_000);
    expect(kept.every((line) => /^log line \d+ z{20}$/.test(line))).toBe(true);
    expect(cut.indexOf('```\n')).toBeLessThan(cut.indexOf('</details>'));
  });

  it.each([
    ['a backtick fence', '````js', '````'],
    ['a tilde fence', '~~~', '~~~'],
  ])('never leaves %s open', (_, open, close) => {
    const summary = `intro\n\n${open}\n${'code line\n'.repeat(10_000)}${close}\nafter\n`;
    const cut = fitSummary(summary);
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(MAX_SUMMARY_BYTES);
    const before = cut.slice(0, cut.indexOf('\n\n---\n_This summary was cut'));
    expect(before.endsWith(`code line\n${close}\n`)).toBe(true);
  });

  it('leaves a closed code block before the cut as it is', () => {
    const summary = `\`\`\`\nshort\n\`\`\`\n${'text line\n'.repeat(10_000)}`;
    const cut = fitSummary(summary);
    expect(cut.startsWith('```\nshort\n```\ntext line\n')).toBe(true);
    expect(cut.split('\n').filter((line) => line === '```')).toHaveLength(2);
  });

  it('leaves a summary within the limit as it is', () => {
    const summary = 'é'.repeat(MAX_SUMMARY_BYTES / 2 - 1);
    expect(fitSummary(summary)).toBe(summary);
  });

  it('sends 120 annotations in 3 updates of at most 50', async () => {
    const members = Array.from({ length: 120 }, (_, i) =>
      member(failedBuild('FAILED', `make test-${i}`), `shard-${i}`),
    );
    const checks = publisher();
    await checks.start({ statusContext: CONTEXT, url: CONSOLE });
    await checks.finish(report({ kind: 'batch', members }));

    const patches = checkRunRequests().filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(3);
    const sizes = patches.map(
      (r) => (r.body as { output: { annotations: unknown[] } }).output.annotations.length,
    );
    expect(sizes).toEqual([50, 50, 20]);
    expect(patches.every((r) => r.status === 200)).toBe(true);
    const [run] = gh.checkRuns(SHA);
    expect(run).toMatchObject({ status: 'completed', output: { annotations_count: 120 } });
    const titles = gh.checkRunAnnotations(run!.id).map((a) => a.title);
    expect(titles[0]).toBe('shard-0: BUILD failed');
    expect(titles[119]).toBe('shard-119: BUILD failed');
  });

  it('adds test annotations after the phase’s, 50 to an update, and counts the rest', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'check-run-'));
    try {
      await mkdir(join(workspace, 'src'));
      await writeFile(join(workspace, 'src', 'api.test.ts'), 'test\n');
      const checks = publisher({ workspace });
      await checks.start({ statusContext: CONTEXT, url: CONSOLE });
      const tested = {
        ...member(failedBuild()),
        tests: { reports: [testReport(230, 5)], warnings: [] },
      };
      await checks.finish(report({ members: [tested] }));

      const patches = checkRunRequests().filter((r) => r.method === 'PATCH');
      const sizes = patches.map(
        (r) => (r.body as { output: { annotations: unknown[] } }).output.annotations.length,
      );
      // 1 phase annotation and MAX_TEST_ANNOTATIONS (200) test annotations.
      expect(sizes).toEqual([50, 50, 50, 50, 1]);
      const [run] = gh.checkRuns(SHA);
      expect(run).toMatchObject({ status: 'completed', output: { annotations_count: 201 } });
      const annotations = gh.checkRunAnnotations(run!.id);
      expect(annotations[0]).toMatchObject({ title: 'BUILD failed' });
      expect(annotations[1]).toMatchObject({
        path: 'src/api.test.ts',
        start_line: 1,
        title: 'api › case 0',
        annotation_level: 'failure',
      });
      expect(annotations[200]).toMatchObject({ path: 'src/api.test.ts', start_line: 200 });
      expect(run!.output.summary).toBe(
        '## web\n\nBuild #1 failed.\n\n_35 more failed tests are not annotated; see the job summary._\n',
      );
      expect(logger.warnings).toEqual([]);
    } finally {
      await rm(workspace, { recursive: true, force: true });
    }
  });

  it('points test annotations at the workflow file without a workspace', async () => {
    const checks = publisher();
    await checks.start({ statusContext: CONTEXT, url: CONSOLE });
    const tested = { ...member(failedBuild()), tests: { reports: [testReport(2)], warnings: [] } };
    await checks.finish(report({ members: [tested] }));
    const [run] = gh.checkRuns(SHA);
    expect(gh.checkRunAnnotations(run!.id).map((a) => [a.path, a.start_line, a.title])).toEqual([
      ['.github/workflows/ci.yml', 1, 'BUILD failed'],
      ['.github/workflows/ci.yml', 1, 'api › case 0'],
      ['.github/workflows/ci.yml', 1, 'api › case 1'],
    ]);
    expect(run!.output.summary).toBe('## web\n\nBuild #1 failed.');
  });

  it('sends no annotations when it does not know which file to point at', async () => {
    const checks = publisher({ annotationTarget: undefined });
    await checks.start({ statusContext: CONTEXT, url: CONSOLE });
    await checks.finish(report());
    expect(gh.checkRuns(SHA)[0]).toMatchObject({
      conclusion: 'failure',
      output: { annotations_count: 0 },
    });
  });

  it('creates the check run completed at the end when the start failed', async () => {
    gh.failNext({
      status: 502,
      count: 3,
      match: { method: 'POST', path: '/repos/octo/app/check-runs' },
    });
    const checks = publisher();
    await checks.start({ statusContext: CONTEXT, url: CONSOLE });
    expect(gh.checkRuns(SHA)).toEqual([]);
    expect(logger.warnings).toEqual([
      expect.stringContaining('POST /repos/octo/app/check-runs: HTTP 502'),
    ]);

    await checks.finish(report());
    expect(gh.checkRuns(SHA)).toEqual([
      expect.objectContaining({ name: CONTEXT, status: 'completed', conclusion: 'failure' }),
    ]);
    const created = checkRunRequests().filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    expect(created[0]!.body).toMatchObject({ status: 'completed', head_sha: SHA });
  });

  it('warns once, naming checks: write, when GitHub refuses the check run', async () => {
    gh.failNext({ status: 403, count: 10 });
    const checks = publisher();
    await expect(checks.start({ statusContext: CONTEXT, url: CONSOLE })).resolves.toBeUndefined();
    await expect(checks.finish(report())).resolves.toBeUndefined();
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toMatch(/"checks: write"/);
    expect(logger.warnings[0]).toMatch(/forks/);
    expect(logger.warnings[0]).toMatch(/personal access token/);
    expect(checkRunRequests()).toHaveLength(1);
  });

  it('warns with the endpoint when GitHub fails to complete it, and never throws', async () => {
    const checks = publisher();
    await checks.start({ statusContext: CONTEXT, url: CONSOLE });
    const id = gh.checkRuns(SHA)[0]!.id;
    gh.failNext({ status: 500, count: 3, match: { method: 'PATCH' } });
    await expect(checks.finish(report())).resolves.toBeUndefined();
    expect(logger.warnings).toEqual([
      expect.stringContaining(`PATCH /repos/octo/app/check-runs/${id}: HTTP 500`),
    ]);
  });

  it('completes the check run without its output when GitHub refuses the output', async () => {
    const checks = publisher();
    await checks.start({ statusContext: CONTEXT, url: CONSOLE });
    gh.failNext({ status: 422, match: { method: 'PATCH' } });
    await checks.finish(report());
    expect(gh.checkRuns(SHA)[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(logger.warnings).toHaveLength(1);
  });

  it('names the API URL when GitHub cannot be reached', async () => {
    const unreachable = 'http://127.0.0.1:9';
    const checks = publisher({ apiUrl: unreachable });
    await expect(checks.start({ statusContext: CONTEXT, url: CONSOLE })).resolves.toBeUndefined();
    await expect(checks.finish(report())).resolves.toBeUndefined();
    expect(logger.warnings).toHaveLength(2);
    expect(logger.warnings[0]).toContain(`Could not reach GitHub at ${unreachable}`);
    expect(logger.warnings[1]).toContain('POST /repos/octo/app/check-runs');
  });
});
