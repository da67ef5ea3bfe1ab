/**
 * Benchmarks of run-build with batch: a 10-member batch of realistic one-minute builds (staggered
 * BUILD phases, steady logs), run by the bundled Action under Node 24 against the fake AWS and
 * GitHub at default settings (poll-interval 5 s, logs: true, a status per member). Numbers, not
 * pass/fail: AWS calls per minute of the batch, and the last member's end → the step's exit.
 */
import { realisticTimings, startFakeAws, steadyLogScenario } from '../test/fakes/aws-server.js';
import { tenMemberBatch } from '../test/fakes/aws-batch.js';
import { startFakeGitHub } from '../test/fakes/github-server.js';
import { startBundle } from '../test/helpers/run-bundle.js';
import { wireEnv } from '../test/helpers/wire.js';

export interface BatchBench {
  readonly callsPerMinute: number;
  readonly calls: Record<string, number>;
  readonly batchMinutes: number;
  readonly lastMemberEndToExitMs: number;
  readonly statuses: number;
}

export async function benchBatch(
  options: { logs?: string; batchReport?: string } = {},
): Promise<BatchBench> {
  const aws = await startFakeAws({ projects: ['web'] });
  const github = await startFakeGitHub();
  try {
    aws.scriptBatch(
      'web',
      tenMemberBatch({
        scenario: (i) =>
          steadyLogScenario({
            timings: realisticTimings,
            durationMs: realisticTimings.BUILD + i * 1_700,
            linesPerSecond: 5,
          }),
      }),
    );
    const run = startBundle('run-build', {
      inputs: {
        'project-name': 'web',
        batch: 'true',
        'github-token': 'ghs_benchtoken0000000000',
        ...(options.logs ? { logs: options.logs } : {}),
        ...(options.batchReport ? { 'batch-report': options.batchReport } : {}),
      },
      env: {
        ...wireEnv(aws, github),
        GITHUB_RUN_ID: String(9000 + Math.floor(Math.random() * 1000)),
      },
    });
    const result = await run.done;
    const exitAt = Date.now();
    const [batch] = aws.batches();
    if (!batch?.isFinal || result.code !== 0)
      throw new Error(`bench batch did not succeed: ${result.stdout}\n${result.stderr}`);
    const lastEnd = Math.max(...batch.memberBuildIds.map((id) => aws.build(id)?.finalAt ?? 0));
    const minutes = ((batch.finalAt ?? exitAt) - batch.startedAt) / 60_000;
    return {
      callsPerMinute: aws.calls.length / minutes,
      calls: aws.counts(),
      batchMinutes: minutes,
      lastMemberEndToExitMs: exitAt - lastEnd,
      statuses: github.statuses('f'.repeat(40)).length,
    };
  } finally {
    await aws.close();
    await github.close();
  }
}

export function reportBatch(label: string, bench: BatchBench): string[] {
  const calls = Object.entries(bench.calls)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
  return [
    `${label}: ${bench.callsPerMinute.toFixed(1)} AWS calls per minute over a ${bench.batchMinutes.toFixed(2)}-min batch (target ≤ 2 single builds ≈ 31); ${calls}`,
    `${label}: last member's end → step exit, every status posted: ${(bench.lastMemberEndToExitMs / 1000).toFixed(2)} s (target ≤ 3 s); ${bench.statuses} statuses posted`,
  ];
}
