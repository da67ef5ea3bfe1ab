/**
 * The status mirror's pipeline side, bundled, at the wire: one warm Lambda process takes
 * CodePipeline's pipeline and stage "Execution State Change" events for executions of the fake
 * CodePipeline, reads each execution as it is now and posts start-pipeline's per-stage statuses
 * to the fake GitHub or Bitbucket — each change once, never pending over a result.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ACCESS_TOKEN, startFakeBitbucket, type FakeBitbucket } from '../fakes/bitbucket-server.js';
import {
  startFakeCodePipeline,
  type FakeCodePipeline,
  type FakePipeline,
} from '../fakes/codepipeline-server.js';
import { startFakeGitHub, type FakeGitHub, type RecordedStatus } from '../fakes/github-server.js';
import { startLambda, type Invocation, type WarmLambda } from '../helpers/lambda-runner.js';
import { ROOT } from '../helpers/run-bundle.js';
import { until } from '../helpers/until.js';
import { AWS_SECRET, GITHUB_TOKEN, codePipelineEnv } from '../helpers/wire.js';

/** start-pipeline's default status context for pipeline web in us-east-1. */
const CONTEXT = 'AWS CodePipeline us-east-1 (web)';
const COMMIT = 'c0ffee'.padEnd(40, '1');
const BB_COMMIT = 'b0b0'.padEnd(40, '2');
const ACTION_MS = 1_500;

const web: FakePipeline = {
  name: 'web',
  stages: [
    {
      name: 'Source',
      actions: [
        {
          name: 'Checkout',
          category: 'Source',
          configuration: { FullRepositoryId: 'octo/web', BranchName: 'main' },
        },
      ],
    },
    { name: 'Build', actions: [{ name: 'Unit', category: 'Build' }] },
    { name: 'Deploy', actions: [{ name: 'Release', category: 'Deploy' }] },
  ],
};
const bitbucket: FakePipeline = {
  name: 'bb',
  stages: [
    {
      name: 'Source',
      actions: [
        {
          name: 'Source',
          category: 'Source',
          connectionProvider: 'Bitbucket',
          configuration: { FullRepositoryId: 'team/bb', BranchName: 'develop' },
        },
      ],
    },
    { name: 'Build', actions: [{ name: 'Build', category: 'Build' }] },
  ],
};
const assets: FakePipeline = {
  name: 'assets',
  stages: [
    { name: 'Source', actions: [{ name: 'Zip', category: 'Source', provider: 'S3' }] },
    { name: 'Build', actions: [{ name: 'Build', category: 'Build' }] },
  ],
};

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(
    readFileSync(join(ROOT, 'test/fixtures/events', `codepipeline-${name}.json`), 'utf8'),
  ) as Record<string, unknown>;

function pipelineEvent(pipeline: string, executionId: string, state: string, stage?: string) {
  const event = fixture(stage ? 'stage-execution-failed' : 'pipeline-execution-started');
  return {
    ...event,
    detail: {
      ...(event.detail as Record<string, unknown>),
      pipeline,
      'execution-id': executionId,
      state,
      ...(stage ? { stage } : {}),
    },
  };
}

/** The newest status of each context. */
function latest(statuses: readonly RecordedStatus[]): Map<string, RecordedStatus> {
  return new Map(statuses.map((status) => [status.context, status]));
}

describe('status mirror: CodePipeline execution events', () => {
  let cp: FakeCodePipeline;
  let github: FakeGitHub;
  let bb: FakeBitbucket;
  let lambda: WarmLambda;
  /** AWS calls per invocation, as the fake counted them. */
  const perEvent: { event: string; calls: Record<string, number> }[] = [];

  async function invoke(event: ReturnType<typeof pipelineEvent>): Promise<Invocation> {
    const before = cp.calls.length;
    const answer = await lambda.invoke(event);
    const calls: Record<string, number> = {};
    for (const call of cp.calls.slice(before))
      calls[call.operation] = (calls[call.operation] ?? 0) + 1;
    const detail = event.detail as Record<string, string | undefined>;
    perEvent.push({
      event: `${detail.pipeline} ${detail.stage ?? 'execution'} ${detail.state}`,
      calls,
    });
    return answer;
  }
  const total = (calls: Record<string, number>) =>
    Object.values(calls).reduce((sum, count) => sum + count, 0);

  beforeAll(async () => {
    cp = await startFakeCodePipeline({
      pipelines: [web, bitbucket, assets],
      actionMs: ACTION_MS,
    });
    github = await startFakeGitHub({ tokens: [GITHUB_TOKEN] });
    bb = await startFakeBitbucket();
    lambda = await startLambda('status-mirror', {
      ...codePipelineEnv(cp),
      GITHUB_TOKEN,
      GITHUB_API_URL: github.url,
      BITBUCKET_ACCESS_TOKEN: ACCESS_TOKEN,
      BITBUCKET_API_URL: bb.url,
      PIPELINES: 'web,bb,assets',
    });
  });
  afterAll(async () => {
    await lambda?.close();
    await Promise.all([cp?.close(), github?.close(), bb?.close()]);
  });

  it('posts each stage as the execution reaches it, names the failing action, and never pending over a result', async () => {
    const execution = cp.startExternalExecution('web', {
      commit: COMMIT,
      script: {
        fail: { stage: 'Deploy', action: 'Release', summary: 'Deployment d-ABC123 failed' },
      },
    });
    const id = execution.id;
    const at = () => cp.execution(id)!;

    // The source runs: its commit is not known yet.
    const started = await invoke(pipelineEvent('web', id, 'STARTED'));
    expect(started.thrown).toBeUndefined();
    expect(started.log).toContain('its commit is known once the source stage has ended');
    expect(github.statuses(COMMIT)).toHaveLength(0);

    await until(() => at().stageIndex === 1, 'Build to start');
    const sourced = await invoke(pipelineEvent('web', id, 'SUCCEEDED', 'Source'));
    expect(sourced.thrown).toBeUndefined();
    expect(sourced.log).toContain('source action Checkout');
    let now = latest(github.statuses(COMMIT));
    expect(now.get(`${CONTEXT} / Source`)).toMatchObject({ state: 'success' });
    expect(now.get(`${CONTEXT} / Build`)).toMatchObject({
      state: 'pending',
      description: 'In progress: Unit',
    });
    expect(now.get(`${CONTEXT} / Source`)?.target_url).toContain(
      `/codesuite/codepipeline/pipelines/web/executions/${id}/timeline`,
    );

    // The same event again, and a stage STARTED event: nothing has changed, nothing is posted.
    const posts = github.statuses(COMMIT).length;
    await invoke(pipelineEvent('web', id, 'SUCCEEDED', 'Source'));
    await invoke(pipelineEvent('web', id, 'STARTED', 'Build'));
    expect(github.statuses(COMMIT)).toHaveLength(posts);

    await until(() => at().stageIndex === 2, 'Deploy to start');
    await invoke(pipelineEvent('web', id, 'SUCCEEDED', 'Build'));
    now = latest(github.statuses(COMMIT));
    expect(now.get(`${CONTEXT} / Build`)?.state).toBe('success');
    expect(now.get(`${CONTEXT} / Build`)?.description).toMatch(/^Succeeded in \d/);
    expect(now.get(`${CONTEXT} / Deploy`)).toMatchObject({
      state: 'pending',
      description: 'In progress: Release',
    });

    await until(() => at().status === 'Failed', 'the execution to fail');
    const failed = await invoke(pipelineEvent('web', id, 'FAILED', 'Deploy'));
    expect(failed.thrown).toBeUndefined();
    now = latest(github.statuses(COMMIT));
    expect(now.get(`${CONTEXT} / Deploy`)).toMatchObject({
      state: 'failure',
      description: 'Release (CodeDeploy) failed: Deployment d-ABC123 failed',
    });

    // The execution's end posts every final status again; a late STARTED posts nothing.
    const before = github.statuses(COMMIT).length;
    await invoke(pipelineEvent('web', id, 'FAILED'));
    expect(github.statuses(COMMIT).length).toBe(before + 3);
    const late = github.statuses(COMMIT).length;
    await invoke(pipelineEvent('web', id, 'STARTED'));
    await invoke(pipelineEvent('web', id, 'STARTED', 'Build'));
    expect(github.statuses(COMMIT)).toHaveLength(late);

    now = latest(github.statuses(COMMIT));
    expect([...now.keys()].sort()).toEqual(
      ['Build', 'Deploy', 'Source'].map((stage) => `${CONTEXT} / ${stage}`),
    );
    expect([...now.values()].map((status) => status.state)).not.toContain('pending');
    for (const status of github.statuses(COMMIT)) {
      expect(status).toMatchObject({ owner: 'octo', repo: 'web' });
      expect(status.authorization).toBe(`Bearer ${GITHUB_TOKEN}`);
    }

    // GetPipeline once for the pipeline's version; then at most two calls an event.
    const rows = perEvent.filter((row) => row.event.startsWith('web '));
    expect(rows.reduce((sum, row) => sum + (row.calls['CodePipeline.GetPipeline'] ?? 0), 0)).toBe(
      1,
    );
    for (const row of rows.slice(1)) expect(total(row.calls)).toBeLessThanOrEqual(2);
    expect(lambda.allOutput()).not.toContain(GITHUB_TOKEN);
    expect(lambda.allOutput()).not.toContain(AWS_SECRET);
  }, 60_000);

  it("posts to Bitbucket Cloud when the source's connection is to Bitbucket", async () => {
    const { id } = cp.startExternalExecution('bb', { commit: BB_COMMIT });
    await until(() => cp.execution(id)!.status === 'Succeeded', 'the execution to succeed');
    const answer = await invoke(pipelineEvent('bb', id, 'SUCCEEDED'));
    expect(answer.thrown).toBeUndefined();
    const statuses = bb.statuses(BB_COMMIT);
    expect(
      statuses.map((status) => [status.name, status.state, status.repository, status.ref]),
    ).toEqual([
      ['AWS CodePipeline us-east-1 (bb) / Source', 'SUCCESSFUL', 'team/bb', 'develop'],
      ['AWS CodePipeline us-east-1 (bb) / Build', 'SUCCESSFUL', 'team/bb', 'develop'],
    ]);
  }, 30_000);

  it('logs one line and posts nothing for a pipeline whose source is on no code host', async () => {
    const { id } = cp.startExternalExecution('assets');
    await until(() => cp.execution(id)!.stageIndex === 1, 'Build to start');
    const answer = await invoke(pipelineEvent('assets', id, 'SUCCEEDED', 'Source'));
    expect(answer.thrown).toBeUndefined();
    expect(answer.log.trim().split('\n')).toHaveLength(1);
    expect(answer.log).toMatch(/assets execution .*not on a code host this mirror posts to/);
    expect(answer.log).toContain('Zip (S3)');
    expect(perEvent.at(-1)!.calls['CodePipeline.ListActionExecutions']).toBeUndefined();
  }, 30_000);

  it('skips pipelines PIPELINES does not name, without an AWS call', async () => {
    const answer = await invoke(pipelineEvent('other', 'e-1', 'STARTED'));
    expect(answer.thrown).toBeUndefined();
    expect(answer.log).toContain('pipeline not mirrored (PIPELINES is web, bb, assets)');
    expect(total(perEvent.at(-1)!.calls)).toBe(0);
  });

  it('fails the invocation with the IAM action when GetPipelineExecution is denied', async () => {
    const { id } = cp.startExternalExecution('web', { commit: COMMIT });
    cp.failNext('CodePipeline.GetPipelineExecution', { error: 'AccessDeniedException' });
    const answer = await invoke(pipelineEvent('web', id, 'STARTED'));
    expect(answer.thrown?.name).toBe('MirrorFailure');
    expect(answer.thrown?.message).toContain('allow "codepipeline:GetPipelineExecution"');
    expect(answer.log).toContain('codepipeline:GetPipelineExecution');
    cp.stopExecution(id, { abandon: true });
  });
});
