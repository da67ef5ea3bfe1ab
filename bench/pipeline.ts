/**
 * Benchmarks of start-pipeline: a realistic pipeline (Source 10 s, two parallel CodeBuild
 * actions of a minute, a 30-s deploy), run by the bundled Action under Node 24 against the fake
 * CodePipeline and GitHub at default settings (poll-interval 5 s, a status per stage). Numbers,
 * not pass/fail: AWS calls per minute of the execution, the execution's end → the step's exit,
 * and with wait: approval, the approval becoming pending → the step's exit.
 */
import { startFakeCodePipeline, type FakePipeline } from '../test/fakes/codepipeline-server.js';
import { startFakeGitHub } from '../test/fakes/github-server.js';
import { startBundle } from '../test/helpers/run-bundle.js';
import { AWS_SECRET } from '../test/helpers/wire.js';

const PIPELINE: FakePipeline = {
  name: 'web',
  stages: [
    { name: 'Source', actions: [{ name: 'Source', category: 'Source', durationMs: 10_000 }] },
    {
      name: 'Build',
      actions: [
        { name: 'Unit', category: 'Build', durationMs: 60_000 },
        { name: 'Image', category: 'Build', durationMs: 55_000 },
      ],
    },
    { name: 'Release', actions: [{ name: 'Approve', category: 'Approval' }] },
    { name: 'Deploy', actions: [{ name: 'Deploy', category: 'Deploy', durationMs: 30_000 }] },
  ],
};

export interface PipelineBench {
  readonly callsPerMinute: number;
  readonly calls: Record<string, number>;
  readonly minutes: number;
  readonly endToExitMs: number;
  readonly statuses: number;
}

async function run(wait: 'completion' | 'approval', approveAfterMs: number) {
  const cp = await startFakeCodePipeline({ pipelines: [PIPELINE] });
  const github = await startFakeGitHub();
  try {
    const step = startBundle('start-pipeline', {
      inputs: { 'pipeline-name': 'web', wait, 'github-token': 'ghs_benchtoken0000000000' },
      env: {
        AWS_ENDPOINT_URL_CODEPIPELINE: cp.url,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: AWS_SECRET,
        GITHUB_API_URL: github.url,
        GITHUB_RUN_ID: String(9000 + Math.floor(Math.random() * 1000)),
      },
    });
    let approvalPendingAt = 0;
    const answer = (async () => {
      for (;;) {
        const [execution] = cp.executions('web');
        if (execution && cp.pendingToken(execution.id, 'Release', 'Approve')) {
          approvalPendingAt = Date.now();
          if (wait === 'completion') {
            await new Promise((resolve) => setTimeout(resolve, approveAfterMs));
            cp.answerApproval(execution.id, 'Release', 'Approve', 'Approved');
          }
          return;
        }
        if (step.child.exitCode !== null) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const result = await step.done;
    const exitAt = Date.now();
    await answer;
    const [execution] = cp.executions('web');
    if (!execution || result.code !== 0)
      throw new Error(`bench pipeline did not succeed: ${result.stdout}\n${result.stderr}`);
    const endedAt = wait === 'completion' ? execution.lastUpdateTime : approvalPendingAt;
    const minutes = (endedAt - execution.startedAt) / 60_000;
    return {
      callsPerMinute: cp.calls.length / minutes,
      calls: cp.counts(),
      minutes,
      endToExitMs: exitAt - endedAt,
      statuses: github.statuses('f'.repeat(40)).length,
    };
  } finally {
    await cp.close();
    await github.close();
  }
}

/** wait: completion, the approval answered 20 s after it became pending. */
export function benchPipeline(): Promise<PipelineBench> {
  return run('completion', 20_000);
}

/** wait: approval: the step returns once the approval waits. */
export function benchPipelineApproval(): Promise<PipelineBench> {
  return run('approval', 0);
}

export function reportPipeline(label: string, bench: PipelineBench, end: string): string[] {
  const calls = Object.entries(bench.calls)
    .map(([name, count]) => `${name.replace('CodePipeline.', '')} ${count}`)
    .join(', ');
  return [
    `${label}: ${bench.callsPerMinute.toFixed(1)} AWS calls per minute over ${bench.minutes.toFixed(2)} min (run-build: ≤ 16); ${calls}`,
    `${label}: ${end} → step exit, statuses posted: ${(bench.endToExitMs / 1000).toFixed(2)} s (target ≤ 3 s); ${bench.statuses} statuses`,
  ];
}
