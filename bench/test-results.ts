/**
 * (18) What reading a build's test results costs after it ends: builds with two reports (a test
 * report of 520 tests, 500 of them failed, and a coverage report of 200 files) against the same
 * builds without reports, side by side, the bundled run-build Action under Node 24 at default
 * settings. Numbers, not pass/fail.
 */
import {
  failureScenario,
  realisticTimings,
  startFakeAws,
  type BuildScenario,
  type FakeAws,
} from '../test/fakes/aws-server.js';
import { startFakeGitHub, type FakeGitHub } from '../test/fakes/github-server.js';
import { startBundle } from '../test/helpers/run-bundle.js';
import { wireEnv } from '../test/helpers/wire.js';

const SAMPLES = 4;
let runId = 9000;

export interface TestResultsBench {
  readonly withReportsEndToExitMs: number[];
  readonly withoutReportsEndToExitMs: number[];
  /** First report call → last report call answered, per build with reports. */
  readonly readSpanMs: number[];
  readonly reportCallsPerBuild: Record<string, number>;
  readonly summaryBytes: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function scenario(i: number, withReports: boolean): BuildScenario {
  const base = failureScenario({
    phase: 'BUILD',
    command: 'npm test',
    exitCode: 1,
    timings: { ...realisticTimings, BUILD: 8_000 + Math.round((i * 5_000) / SAMPLES) },
  });
  if (!withReports) return base;
  return {
    ...base,
    reports: [
      { group: 'unit', tests: { passed: 20, failed: 500 } },
      {
        group: 'coverage',
        type: 'CODE_COVERAGE',
        coverage: {
          files: Array.from({ length: 200 }, (_, file) => ({
            path: `src/module-${file}.ts`,
            linesCovered: file,
            linesMissed: 200 - file,
          })),
        },
      },
    ],
  };
}

async function runs(aws: FakeAws, github: FakeGitHub, withReports: boolean) {
  const project = withReports ? 'with' : 'without';
  aws.script(project, ...Array.from({ length: SAMPLES }, (_, i) => scenario(i, withReports)));
  const started = Array.from({ length: SAMPLES }, () =>
    startBundle('run-build', {
      inputs: { 'project-name': project, 'github-token': 'ghs_benchtoken0000000000' },
      env: { ...wireEnv(aws, github), GITHUB_RUN_ID: String(runId++) },
    }).done.then((result) => ({ result, exitAt: Date.now() })),
  );
  return Promise.all(started);
}

export async function benchTestResults(): Promise<TestResultsBench> {
  const aws = await startFakeAws({ projects: ['with', 'without'] });
  const github = await startFakeGitHub();
  try {
    const [withReports, withoutReports] = await Promise.all([
      runs(aws, github, true),
      runs(aws, github, false),
    ]);
    const endToExit = (done: typeof withReports) =>
      done.map(
        ({ result, exitAt }) => exitAt - aws.build(result.outputs['build-id'] ?? '')!.finalAt,
      );
    const reportCall = (operation: string) => /Reports|TestCases|CodeCoverages/.test(operation);
    const readSpanMs = withReports.map(({ result }) => {
      const arns = new Set(aws.reportArnsOf(result.outputs['build-id'] ?? ''));
      const calls = aws.calls.filter(
        (call) =>
          reportCall(call.operation) &&
          JSON.stringify(call.body ?? {})
            .match(/arn:aws:codebuild:[^"]+:report\/[^"]+/g)
            ?.some((arn) => arns.has(arn)),
      );
      return (calls.at(-1)?.at ?? 0) - (calls[0]?.at ?? 0);
    });
    const reportCallsPerBuild: Record<string, number> = {};
    for (const [operation, count] of Object.entries(aws.counts()))
      if (reportCall(operation)) reportCallsPerBuild[operation] = count / SAMPLES;
    return {
      withReportsEndToExitMs: endToExit(withReports),
      withoutReportsEndToExitMs: endToExit(withoutReports),
      readSpanMs,
      reportCallsPerBuild,
      summaryBytes: Buffer.byteLength(withReports[0]?.result.summary ?? ''),
    };
  } finally {
    await Promise.all([aws.close(), github.close()]);
  }
}

export function reportTestResults(bench: TestResultsBench): string[] {
  const seconds = (values: readonly number[]) =>
    `median ${(median(values) / 1000).toFixed(2)} s (${[...values]
      .sort((a, b) => a - b)
      .map((ms) => (ms / 1000).toFixed(2))
      .join(', ')})`;
  const calls = Object.entries(bench.reportCallsPerBuild)
    .map(([operation, count]) => `${operation.replace('CodeBuild.', '')} ${count}`)
    .join(', ');
  return [
    `(18) report calls per build with 2 reports (500 failed tests, 200 covered files): ${calls}`,
    `(18) build end → step exit with the reports: ${seconds(bench.withReportsEndToExitMs)}`,
    `(18) the same builds without reports: ${seconds(bench.withoutReportsEndToExitMs)}`,
    `(18) first report call → last report call: ${seconds(bench.readSpanMs)}; job summary ${Math.round(bench.summaryBytes / 1024)} KiB`,
  ];
}
