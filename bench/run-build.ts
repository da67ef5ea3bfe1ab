/**
 * Benchmarks of the bundled run-build Action, run under Node 24 against the fake AWS and GitHub
 * servers at default settings (poll-interval 5 s). Numbers, not pass/fail.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  type FakeBuildInfo,
  type PhaseTimings,
  realisticTimings,
  startFakeAws,
  steadyLogScenario,
  successScenario,
  type FakeAws,
} from '../test/fakes/aws-server.js';
import { startFakeGitHub, type FakeGitHub } from '../test/fakes/github-server.js';
import { ROOT, startBundle, type BundleRun } from '../test/helpers/run-bundle.js';
import { wireEnv } from '../test/helpers/wire.js';

const SHA = 'f'.repeat(40);

export interface RunBuildBench {
  readonly endToExitMs: number[];
  readonly callsPerBuildMinute: number[];
  readonly callsPerBuild: number[];
  readonly callsOfFirstBuild: Record<string, number>;
  readonly quietTailEndToExitMs: number[];
  readonly quietTailCallsPerBuild: number[];
  readonly callsOfFirstQuietTailBuild: Record<string, number>;
  readonly bigLogEndToExitMs: number;
  readonly bigLogLines: number;
  readonly startToFirstRequestMs: number[];
  /** What is parsed before the first request (index.js), and every chunk loaded later. */
  readonly bundleBytes: number;
  readonly allChunksBytes: number;
  readonly peakRssMb: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Peak resident memory of a running child, read from /proc while it runs. */
function trackPeakRss(pid: number | undefined): () => number {
  let peakKb = 0;
  const read = () => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
    } catch {
      // The process has exited; the last reading stands.
    }
  };
  const timer = setInterval(read, 50);
  return () => {
    clearInterval(timer);
    return peakKb / 1024;
  };
}

let runId = 5000;

function startAction(aws: FakeAws, github: FakeGitHub, inputs: Record<string, string> = {}) {
  // Each run is a workflow run of its own: the same run id would reuse the build (idempotency).
  return startBundle('run-build', {
    inputs: { 'project-name': 'web', 'github-token': 'ghs_benchtoken0000000000', ...inputs },
    env: { ...wireEnv(aws, github), GITHUB_RUN_ID: String(runId++) },
  });
}

/** The run's build, and when the process exited (with its final status posted). */
async function finished(
  aws: FakeAws,
  github: FakeGitHub,
  run: Promise<BundleRun>,
): Promise<{ exitAt: number; result: BundleRun; build: FakeBuildInfo }> {
  const result = await run;
  const exitAt = Date.now();
  const build = aws.build(result.outputs['build-id'] ?? '');
  if (!build?.isFinal || result.code !== 0)
    throw new Error(`bench build did not succeed: ${result.stdout}\n${result.stderr}`);
  const link = encodeURIComponent(build.id);
  const final = github
    .statuses(SHA)
    .filter((status) => status.state !== 'pending' && status.target_url?.includes(link));
  if (final.length !== 1) throw new Error(`expected one final status for ${build.id}`);
  return { exitAt, result, build };
}

/** The realistic build whose FINALIZING is a long cache or report upload: 11 s of a silent log. */
const quietTailTimings: Readonly<PhaseTimings> = { ...realisticTimings, FINALIZING: 11_000 };

/**
 * (1), (2) and (7): realistic builds of about a minute with a steady log, run side by side; with
 * `quietTailTimings`, (8) and (9). Their BUILD phases differ by a fraction of the poll interval,
 * so the end falls at a different point between two polls in each sample.
 */
async function steadyBuilds(samples: number, timings: Readonly<PhaseTimings> = realisticTimings) {
  const aws = await startFakeAws({ projects: ['web'] });
  const github = await startFakeGitHub();
  try {
    const step = 5000 / samples;
    aws.script(
      'web',
      ...Array.from({ length: samples }, (_, i) =>
        steadyLogScenario({
          timings,
          durationMs: timings.BUILD + Math.round(i * step),
          linesPerSecond: 5,
        }),
      ),
    );
    const runs = [];
    for (let i = 0; i < samples; i++) runs.push(startAction(aws, github));
    const ends = await Promise.all(runs.map((run) => finished(aws, github, run.done)));
    return ends.map(({ exitAt, build }) => {
      // StartBuild, plus every call that names the build or its log stream (the build's uuid).
      const uuid = build.id.split(':')[1] as string;
      const calls = 1 + aws.calls.filter((call) => JSON.stringify(call.body).includes(uuid)).length;
      const minutes = (build.finalAt - build.startedAt) / 60_000;
      return {
        endToExitMs: exitAt - build.finalAt,
        callsPerBuild: calls,
        callsPerBuildMinute: calls / minutes,
        calls: breakdown(aws, uuid),
      };
    });
  } finally {
    await aws.close();
    await github.close();
  }
}

function breakdown(aws: FakeAws, uuid: string): Record<string, number> {
  const counts: Record<string, number> = { 'CodeBuild.StartBuild': 1 };
  for (const call of aws.calls) {
    if (JSON.stringify(call.body).includes(uuid))
      counts[call.operation] = (counts[call.operation] ?? 0) + 1;
  }
  return counts;
}

/** (3) and (6): 30,000 lines that reach CloudWatch only as the build ends. */
async function bigLogBuild() {
  const aws = await startFakeAws({ projects: ['web'] });
  const github = await startFakeGitHub();
  try {
    aws.script(
      'web',
      successScenario({
        logs: { BUILD: { count: 30_000, at: 'start' } },
        lateLogMs: 1,
        lateLogPhases: 3,
        timings: { BUILD: 3000 },
      }),
    );
    const run = startAction(aws, github);
    const peak = trackPeakRss(run.child.pid);
    const { exitAt, result, build } = await finished(aws, github, run.done);
    const lines = aws.logMessages(build.id).length;
    const printed = aws
      .logMessages(build.id)
      .filter((line) => result.stdout.includes(line.replace(/\n$/, ''))).length;
    if (printed !== lines) throw new Error(`printed ${printed} of ${lines} lines`);
    return { endToExitMs: exitAt - build.finalAt, lines, peakRssMb: peak() };
  } finally {
    await aws.close();
    await github.close();
  }
}

/** (4): process start → first AWS request (StartBuild). */
async function startLatency(samples: number): Promise<number[]> {
  const aws = await startFakeAws({ projects: ['web'] });
  const github = await startFakeGitHub();
  try {
    const latencies: number[] = [];
    for (let i = 0; i < samples; i++) {
      const spawnedAt = Date.now();
      const before = aws.calls.length;
      await startAction(aws, github, { wait: 'false' }).done;
      const first = aws.calls[before];
      if (first) latencies.push(first.at - spawnedAt);
    }
    return latencies;
  } finally {
    await aws.close();
    await github.close();
  }
}

export async function benchRunBuild(): Promise<RunBuildBench> {
  const [steady, quietTail, big, latencies] = [
    await steadyBuilds(4),
    await steadyBuilds(4, quietTailTimings),
    await bigLogBuild(),
    await startLatency(7),
  ];
  return {
    endToExitMs: steady.map((s) => s.endToExitMs),
    callsPerBuildMinute: steady.map((s) => s.callsPerBuildMinute),
    callsPerBuild: steady.map((s) => s.callsPerBuild),
    callsOfFirstBuild: steady[0]?.calls ?? {},
    quietTailEndToExitMs: quietTail.map((s) => s.endToExitMs),
    quietTailCallsPerBuild: quietTail.map((s) => s.callsPerBuild),
    callsOfFirstQuietTailBuild: quietTail[0]?.calls ?? {},
    bigLogEndToExitMs: big.endToExitMs,
    bigLogLines: big.lines,
    startToFirstRequestMs: latencies,
    bundleBytes: statSync(join(ROOT, 'dist/run-build/index.js')).size,
    allChunksBytes: readdirSync(join(ROOT, 'dist/run-build'))
      .filter((file) => file.endsWith('.js'))
      .reduce((sum, file) => sum + statSync(join(ROOT, 'dist/run-build', file)).size, 0),
    peakRssMb: big.peakRssMb,
  };
}

export function reportRunBuild(bench: RunBuildBench): string[] {
  const round = (n: number, digits = 0) => n.toFixed(digits);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const operations = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([op, n]) => `${op} ${n}`)
      .join(', ');
  return [
    `(1) build end → step exit, final status posted: median ${seconds(median(bench.endToExitMs))} (samples ${bench.endToExitMs.map(seconds).join(', ')}; target ≤ 3 s)`,
    `(2) AWS calls per build-minute, 60-s build, steady log: median ${round(median(bench.callsPerBuildMinute), 1)} (samples ${bench.callsPerBuildMinute.map((n) => round(n, 1)).join(', ')}; target ≤ 16); first build: ${operations(bench.callsOfFirstBuild)}`,
    `(3) ${bench.bigLogLines}-line log, build end → exit: ${seconds(bench.bigLogEndToExitMs)} (target ≤ 5 s)`,
    `(4) process start → first AWS request: median ${round(median(bench.startToFirstRequestMs))} ms (samples ${bench.startToFirstRequestMs.join(', ')} ms; target ≤ 200 ms)`,
    `(5) bundle parsed before StartBuild, dist/run-build/index.js: ${(bench.bundleBytes / 1_000_000).toFixed(2)} MB (target ≤ 1.7 MB); with the chunks loaded after it: ${(bench.allChunksBytes / 1_000_000).toFixed(2)} MB`,
    `(6) peak RSS while draining 30,000 lines: ${round(bench.peakRssMb)} MB (target ≤ 150 MB)`,
    `(7) AWS calls per build, 60-s build, steady log, 3-s FINALIZING: max ${Math.max(...bench.callsPerBuild)} (samples ${bench.callsPerBuild.join(', ')}; target ≤ 16)`,
    `(8) AWS calls per build, the same build with an 11-s quiet FINALIZING: max ${Math.max(...bench.quietTailCallsPerBuild)} (samples ${bench.quietTailCallsPerBuild.join(', ')}; target ≤ 20); first build: ${operations(bench.callsOfFirstQuietTailBuild)}`,
    `(9) build end → step exit, final status posted, 11-s quiet FINALIZING: median ${seconds(median(bench.quietTailEndToExitMs))}, max ${seconds(Math.max(...bench.quietTailEndToExitMs))} (samples ${bench.quietTailEndToExitMs.map(seconds).join(', ')}; target ≤ 3 s)`,
  ];
}
