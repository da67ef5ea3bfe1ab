/**
 * Benchmarks of the status mirror: the bundled handler in a warm Lambda-like process under Node
 * 24 (the nodejs24.x runtime), fed CodeBuild's events for builds of the fake CodeBuild, posting
 * to the fake GitHub. Numbers, not pass/fail: the bundle's size, its import time (the cold
 * start's share that is ours), the first event's handling time in a fresh process, the warm
 * handling time per event, and the AWS calls each build costs — half of the builds started
 * from a commit, half from a branch (whose pending status waits for DOWNLOAD_SOURCE).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAws, type FakeAws, type FakeBuildInfo } from '../test/fakes/aws-server.js';
import { startFakeGitHub } from '../test/fakes/github-server.js';
import { buildStateEvent, phaseChangeEvent } from '../test/helpers/codebuild-events.js';
import { startLambda } from '../test/helpers/lambda-runner.js';
import { ROOT } from '../test/helpers/run-bundle.js';
import { AWS_SECRET } from '../test/helpers/wire.js';

const BUILDS = 20;
const COLD_STARTS = 5;
const TOKEN = 'ghs_benchtoken0000000000000000000000';

export interface MirrorBench {
  readonly bundleBytes: number;
  readonly importMs: readonly number[];
  readonly firstEventMs: readonly number[];
  readonly warmMs: readonly number[];
  readonly callsPerBuild: readonly number[];
  readonly statuses: number;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
};
const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function until<T>(read: () => T | undefined): Promise<T> {
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const env = (aws: FakeAws, githubUrl: string) => ({
  AWS_ENDPOINT_URL: aws.url,
  AWS_REGION: aws.region,
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: AWS_SECRET,
  GITHUB_TOKEN: TOKEN,
  GITHUB_API_URL: githubUrl,
});

export async function benchStatusMirror(): Promise<MirrorBench> {
  const github = await startFakeGitHub();
  const aws = await startFakeAws({
    projects: [
      {
        name: 'web',
        source: { type: 'GITHUB', location: 'https://github.com/example-org/web.git' },
      },
    ],
  });
  try {
    const bundleDir = join(ROOT, 'dist/status-mirror');
    const bundleBytes = readdirSync(bundleDir)
      .filter((name) => name.endsWith('.js'))
      .reduce((sum, name) => sum + statSync(join(bundleDir, name)).size, 0);

    // Cold starts: a fresh process each, one final event.
    const importMs: number[] = [];
    const firstEventMs: number[] = [];
    const first = aws.startExternalBuild('web', { sourceVersion: 'e'.repeat(40) });
    const done = await until(() =>
      aws.build(first.id)!.isFinal ? aws.build(first.id) : undefined,
    );
    for (let i = 0; i < COLD_STARTS; i++) {
      const cold = await startLambda('status-mirror', env(aws, github.url));
      importMs.push(cold.importMs);
      const run = await cold.invoke(buildStateEvent(done, aws.region));
      if (run.thrown) throw new Error(`cold event failed: ${run.log}`);
      firstEventMs.push(run.ms);
      await cold.close();
    }

    // Warm: every event of BUILDS builds, half from a commit, half from a branch.
    const mirror = await startLambda('status-mirror', env(aws, github.url));
    const warmMs: number[] = [];
    const invoke = async (event: unknown) => {
      const run = await mirror.invoke(event);
      if (run.thrown) throw new Error(`event failed: ${run.log}`);
      warmMs.push(run.ms);
    };
    const builds: FakeBuildInfo[] = [];
    for (let i = 0; i < BUILDS; i++) {
      const fromCommit = i % 2 === 0;
      const build = aws.startExternalBuild('web', {
        sourceVersion: fromCommit ? i.toString(16).padStart(40, 'a') : `feature-${i}`,
        resolvedSourceVersion: i.toString(16).padStart(40, 'b'),
      });
      builds.push(build);
      await invoke(buildStateEvent(build, aws.region, 'IN_PROGRESS'));
    }
    for (const build of builds) {
      const downloaded = await until(() => {
        const now = aws.build(build.id)!;
        return now.snapshot.phases.some((p) => p.phaseType === 'DOWNLOAD_SOURCE' && p.endTime)
          ? now
          : undefined;
      });
      await invoke(phaseChangeEvent(downloaded, aws.region, 'DOWNLOAD_SOURCE'));
    }
    for (const build of builds) {
      const ended = await until(() =>
        aws.build(build.id)!.isFinal ? aws.build(build.id) : undefined,
      );
      await invoke(buildStateEvent(ended, aws.region));
    }
    await mirror.close();
    const callsPerBuild = builds.map(
      (build) => aws.calls.filter((call) => JSON.stringify(call.body).includes(build.id)).length,
    );
    const statuses = github.requests.filter((r) => r.method === 'POST').length;
    return { bundleBytes, importMs, firstEventMs, warmMs, callsPerBuild, statuses };
  } finally {
    await aws.close();
    await github.close();
  }
}

export function reportStatusMirror(bench: MirrorBench): string[] {
  const ms = (values: readonly number[]) => values.map((v) => v.toFixed(0)).join(', ');
  const fromCommit = bench.callsPerBuild.filter((_, i) => i % 2 === 0);
  const fromBranch = bench.callsPerBuild.filter((_, i) => i % 2 === 1);
  return [
    `(14) bundle dist/status-mirror/: ${(bench.bundleBytes / 1e6).toFixed(2)} MB (target ≤ 1.5 MB)`,
    `(15) cold start: import ${median(bench.importMs).toFixed(0)} ms median (${ms(bench.importMs)}); first event ${median(bench.firstEventMs).toFixed(0)} ms median (${ms(bench.firstEventMs)})`,
    `(16) warm, per event: median ${median(bench.warmMs).toFixed(1)} ms, p95 ${percentile(bench.warmMs, 95).toFixed(1)} ms over ${bench.warmMs.length} events (${BUILDS} builds × IN_PROGRESS, DOWNLOAD_SOURCE, end)`,
    `(17) AWS calls per build: at most ${Math.max(...bench.callsPerBuild)} (from a commit: ${[...new Set(fromCommit)].join('/')}, from a branch: ${[...new Set(fromBranch)].join('/')}); ${bench.statuses} statuses posted for ${BUILDS} builds (target ≤ 2 calls; a polling step ≈ 16 per build-minute)`,
  ];
}
