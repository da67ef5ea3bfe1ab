/**
 * start-pipeline, bundled, at the wire: the Action (Node 24) and the CLI start one execution of
 * a pipeline in the fake CodePipeline, follow exactly that execution (never the pipeline's
 * latest, which in a busy pipeline is somebody else's) and post a status per stage to GitHub or
 * Bitbucket; with wait: approval they return as soon as an approval waits for that execution.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  startFakeCodePipeline,
  type FakeCodePipeline,
  type FakePipeline,
} from '../fakes/codepipeline-server.js';
import { startFakeBitbucket, type FakeBitbucket } from '../fakes/bitbucket-server.js';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-server.js';
import { pipelinesEnv } from '../helpers/bitbucket-pipelines.js';
import { cliNodes } from '../helpers/node-versions.js';
import { runBundle, startBundle, type ActionRunOptions } from '../helpers/run-bundle.js';
import { AWS_SECRET, GITHUB_TOKEN, SESSION_TOKEN, codePipelineEnv } from '../helpers/wire.js';

/** GITHUB_SHA of the runner environment run-bundle.ts sets up. */
const GITHUB_SHA = 'f'.repeat(40);
const COMMIT = 'c0ffee'.padEnd(40, '1');
const OTHER = 'b'.repeat(40);
const CONTEXT = 'AWS CodePipeline us-east-1 (web)';

const deploy: FakePipeline = {
  name: 'web',
  variables: [
    { name: 'STAGE', defaultValue: 'dev' },
    { name: 'REGION_NAME', defaultValue: 'x' },
  ],
  stages: [
    { name: 'Source', actions: [{ name: 'Source', category: 'Source' }] },
    {
      name: 'Build',
      actions: [
        { name: 'Unit', category: 'Build', configuration: { ProjectName: 'web-unit' } },
        { name: 'Image', category: 'Build', configuration: { ProjectName: 'web-image' } },
      ],
    },
    { name: 'Deploy', actions: [{ name: 'Deploy', category: 'Deploy' }] },
  ],
};

const gated = (mode: FakePipeline['executionMode'] = 'SUPERSEDED'): FakePipeline => ({
  name: 'gated',
  executionMode: mode,
  stages: [
    { name: 'Source', actions: [{ name: 'Source', category: 'Source' }] },
    { name: 'Build', actions: [{ name: 'Build', category: 'Build' }] },
    { name: 'Release', actions: [{ name: 'Approve', category: 'Approval' }] },
    { name: 'Deploy', actions: [{ name: 'Deploy', category: 'Deploy' }] },
  ],
});

let cp: FakeCodePipeline;
let github: FakeGitHub;
beforeEach(async () => {
  cp = await startFakeCodePipeline({
    pipelines: [deploy, gated(), { ...gated('PARALLEL'), name: 'parallel' }],
    actionMs: 150,
  });
  github = await startFakeGitHub();
});
afterEach(async () => {
  await cp.close();
  await github.close();
});

function action(inputs: Record<string, string>, extra: ActionRunOptions = {}) {
  return startBundle('start-pipeline', {
    ...extra,
    inputs: { 'github-token': GITHUB_TOKEN, 'poll-interval': '0.2', ...inputs },
    env: { ...codePipelineEnv(cp), GITHUB_API_URL: github.url, ...extra.env },
  });
}

const executionUrl = (pipeline: string, id: string) =>
  `https://us-east-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/${pipeline}/executions/${id}/timeline?region=us-east-1`;

/** Every ListActionExecutions call asked for one execution only: this one. */
function listedExecutions(): unknown[] {
  return cp.calls
    .filter((call) => call.operation === 'CodePipeline.ListActionExecutions')
    .map(
      (call) =>
        (call.body as { filter?: { pipelineExecutionId?: string } }).filter?.pipelineExecutionId,
    );
}

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Nothing shows a secret, but the runner's own ::add-mask:: lines that hide it. */
function noSecrets(output: string): void {
  const text = output.replace(/^::add-mask::.*$/gm, '');
  expect(text).not.toContain(AWS_SECRET);
  expect(text).not.toContain(SESSION_TOKEN);
  expect(text).not.toContain(GITHUB_TOKEN);
}

describe('start-pipeline Action at the wire', () => {
  it('starts the pipeline pinned to the commit under test and posts each stage to that commit', async () => {
    const result = await action({
      'pipeline-name': 'web',
      'source-action': 'Source',
      'source-version': COMMIT,
      variables: 'STAGE=prod',
    }).done;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [execution] = cp.executions('web');
    expect(execution).toBeDefined();
    const id = execution!.id;
    expect(execution!.request).toMatchObject({
      name: 'web',
      sourceRevisions: [{ actionName: 'Source', revisionType: 'COMMIT_ID', revisionValue: COMMIT }],
      variables: [{ name: 'STAGE', value: 'prod' }],
    });
    expect((execution!.request as { clientRequestToken?: string }).clientRequestToken).toMatch(
      /^[a-f0-9]{64}$/,
    );
    const url = executionUrl('web', id);
    const statuses = github.statuses(COMMIT);
    const final = new Map(statuses.map((s) => [s.context, s]));
    expect([...final.keys()].sort()).toEqual(
      [`${CONTEXT} / Build`, `${CONTEXT} / Deploy`, `${CONTEXT} / Source`].sort(),
    );
    for (const status of final.values()) {
      expect(status.state).toBe('success');
      expect(status.target_url).toBe(url);
      expect(status.description).toMatch(/^Succeeded in \d+s$/);
    }
    // The first stage went pending at the start; a stage between two reads may go straight to
    // its end, but none is left pending.
    expect(statuses[0]).toMatchObject({ context: `${CONTEXT} / Source`, state: 'pending' });
    expect(github.statuses(GITHUB_SHA)).toEqual([]);
    expect(result.outputs).toMatchObject({ 'execution-id': id, status: 'Succeeded', url });
    expect(JSON.parse(result.outputs.variables!)).toEqual({ STAGE: 'prod', REGION_NAME: 'x' });
    expect(result.stdout).toContain(`Started execution ${id} of pipeline web for commit ${COMMIT}`);
    expect(result.stdout).toMatch(/Execution \w{8} succeeded after \d+s/);
    expect(result.summary).toContain('Pipeline web: Succeeded');
    expect(result.summary).toMatch(/\| Build \| ✅ Succeeded \|/);
    expect(new Set(listedExecutions())).toEqual(new Set([id]));
    noSecrets(
      result.stdout +
        result.stderr +
        result.summary +
        JSON.stringify(statuses.map(({ authorization: _, ...posted }) => posted)),
    );
  });

  it("fails the step on a failed action, naming it and its summary, and links the action's page", async () => {
    cp.script('web', {
      fail: {
        stage: 'Build',
        action: 'Unit',
        summary: 'Build terminated with state: FAILED',
        externalUrl: 'https://console.aws.amazon.com/codesuite/codebuild/projects/web-unit/build/x',
      },
    });
    const result = await action({ 'pipeline-name': 'web' }).done;
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /::error::Execution \w{8} failed in Build after \d+s: Unit \(CodeBuild\) failed: Build terminated with state: FAILED/,
    );
    const build = github.statuses(GITHUB_SHA).filter((s) => s.context === `${CONTEXT} / Build`);
    expect(build.at(-1)).toMatchObject({
      state: 'failure',
      description: 'Unit (CodeBuild) failed: Build terminated with state: FAILED',
      target_url: 'https://console.aws.amazon.com/codesuite/codebuild/projects/web-unit/build/x',
    });
    expect(github.statuses(GITHUB_SHA).some((s) => s.context === `${CONTEXT} / Deploy`)).toBe(
      false,
    );
    expect(result.outputs).toMatchObject({
      status: 'Failed',
      'failed-stage': 'Build',
      'failed-action': 'Unit',
    });
  });

  it('posts one status for the whole execution with stage-statuses: false', async () => {
    const result = await action({ 'pipeline-name': 'web', 'stage-statuses': 'false' }).done;
    expect(result.code).toBe(0);
    const statuses = github.statuses(GITHUB_SHA);
    expect(new Set(statuses.map((s) => s.context))).toEqual(new Set([CONTEXT]));
    expect(statuses.at(-1)).toMatchObject({
      state: 'success',
      description: expect.stringMatching(/^Execution \w{8} succeeded after \d+s$/),
    });
  });

  it('a retried step (same run, job and step) gets the same execution, not a second one', async () => {
    const env = { GITHUB_RUN_ID: '777', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'deploy' };
    const first = await action({ 'pipeline-name': 'web', wait: 'none' }, { env }).done;
    const second = await action({ 'pipeline-name': 'web', wait: 'none' }, { env }).done;
    expect(first.code).toBe(0);
    expect(second.outputs['execution-id']).toBe(first.outputs['execution-id']);
    expect(cp.executions('web')).toHaveLength(1);
    expect(first.outputs.status).toBe('InProgress');
    // wait: none posts no status that nobody would finish.
    expect(github.statuses(GITHUB_SHA)).toEqual([]);
  });

  it('with wait: approval returns only when the approval waits for its own execution, not for an older one', async () => {
    const older = cp.startExternalExecution('gated', { commit: OTHER });
    await until(() => cp.pendingToken(older.id, 'Release', 'Approve') !== undefined);
    const running = action({ 'pipeline-name': 'gated', wait: 'approval' });
    // Ours reaches the Release stage's entry, where the older execution waits for its answer.
    await running.waitFor(/Started execution/);
    await until(() => cp.executions('gated').length === 2);
    const ours = cp.executions('gated')[1]!.id;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(running.child.exitCode).toBeNull();
    cp.answerApproval(older.id, 'Release', 'Approve', 'Approved');
    const result = await running.done;
    expect(result.code).toBe(0);
    expect(cp.pendingToken(ours, 'Release', 'Approve')).toBeDefined();
    expect(result.outputs).toMatchObject({
      'execution-id': ours,
      status: 'InProgress',
      'approval-stage': 'Release',
      'approval-action': 'Approve',
    });
    expect(result.stdout).toContain(
      `Manual approval Approve in stage Release is waiting for execution ${ours}`,
    );
    // Only finished stages have a status: nothing is left pending that no step would end.
    const statuses = github.statuses(GITHUB_SHA);
    expect(statuses.map((s) => [s.context, s.state])).toEqual([
      [`${CONTEXT.replace('web', 'gated')} / Source`, 'success'],
      [`${CONTEXT.replace('web', 'gated')} / Build`, 'success'],
    ]);
    expect(new Set(listedExecutions())).toEqual(new Set([ours]));
  });

  it('in PARALLEL mode returns on its own approval while another execution has one pending too', async () => {
    const other = cp.startExternalExecution('parallel', { commit: OTHER });
    await until(() => cp.pendingToken(other.id, 'Release', 'Approve') !== undefined);
    const result = await action({ 'pipeline-name': 'parallel', wait: 'approval' }).done;
    expect(result.code).toBe(0);
    const ours = result.outputs['execution-id']!;
    expect(ours).not.toBe(other.id);
    expect(cp.pendingToken(ours, 'Release', 'Approve')).toBeDefined();
    expect(result.outputs['approval-action']).toBe('Approve');
  });

  it('says which execution superseded it, and ends the status it had posted', async () => {
    const context = 'AWS CodePipeline us-east-1 (gated)';
    const first = cp.startExternalExecution('gated', { commit: OTHER });
    await until(() => cp.pendingToken(first.id, 'Release', 'Approve') !== undefined);
    const running = action({ 'pipeline-name': 'gated', 'source-action': 'Source' });
    await until(() =>
      github.statuses(GITHUB_SHA).some((s) => s.description === 'Waiting to enter Release'),
    );
    const newer = cp.startExternalExecution('gated', { commit: 'd'.repeat(40) });
    const result = await running.done;
    expect(result.code).toBe(1);
    const ours = result.outputs['execution-id']!;
    expect(cp.execution(ours)?.status).toBe('Superseded');
    expect(result.outputs.status).toBe('Superseded');
    expect(result.stdout).toContain(
      `superseded by execution ${newer.id.slice(0, 8)} (${newer.id}) of commit dddddddddddd at Release`,
    );
    const release = github.statuses(GITHUB_SHA).filter((s) => s.context === `${context} / Release`);
    expect(release.map((s) => s.state)).toEqual(['pending', 'error']);
    expect(release[1]!.description).toMatch(/^Execution \w{8} superseded/);
  });

  it('says who stopped it and why, when stopped from the console', async () => {
    const running = action({ 'pipeline-name': 'gated' });
    await until(() =>
      cp.executions('gated').some((e) => cp.pendingToken(e.id, 'Release', 'Approve')),
    );
    const ours = cp.executions('gated')[0]!.id;
    cp.stopExecution(ours, { abandon: true, reason: 'Bad release, do not ship' });
    const result = await running.done;
    expect(result.code).toBe(1);
    expect(result.outputs.status).toBe('Stopped');
    expect(result.stdout).toContain('stopped by alice: Bad release, do not ship');
    const release = github
      .statuses(GITHUB_SHA)
      .filter((s) => s.context === 'AWS CodePipeline us-east-1 (gated) / Release');
    expect(release.at(-1)?.state).toBe('error');
  });

  it.each([
    ['true', false],
    ['abandon', true],
  ])(
    'on cancel (stop-on-cancel: %s) stops its execution, ends its statuses and exits before SIGTERM',
    async (stopOnCancel, abandon) => {
      const running = action({ 'pipeline-name': 'gated', 'stop-on-cancel': stopOnCancel });
      await until(() =>
        github.statuses(GITHUB_SHA).some((s) => s.description === 'Waiting for approval: Approve'),
      );
      const cancelledAt = Date.now();
      running.child.kill('SIGINT');
      const result = await running.done;
      expect(Date.now() - cancelledAt).toBeLessThan(7_500);
      const ours = cp.executions('gated')[0]!;
      expect(ours.stopRequest).toMatchObject({ abandon });
      const stops = cp.calls.filter((c) => c.operation === 'CodePipeline.StopPipelineExecution');
      expect(
        stops.map((c) => (c.body as { pipelineExecutionId: string }).pipelineExecutionId),
      ).toEqual([ours.id]);
      const latest = new Map(github.statuses(GITHUB_SHA).map((s) => [s.context, s]));
      expect([...latest.values()].filter((s) => s.state === 'pending')).toEqual([]);
      // A waiting approval ends at once, and so does the execution: its status says who stopped it.
      expect(latest.get('AWS CodePipeline us-east-1 (gated) / Release')?.description).toMatch(
        /^Execution \w{8} stopped after \d+s: stopped by x \(role ci\): The workflow run that started it was cancelled$/,
      );
      expect(result.outputs.status).toBe('Stopped');
    },
  );

  it('on cancel while a stop is already under way, says so and ends its statuses as stopped', async () => {
    await cp.close();
    cp = await startFakeCodePipeline({ pipelines: [gated()], actionMs: 150, stopDelayMs: 20_000 });
    cp.script('gated', { durations: { Build: 20_000 } });
    const running = action({ 'pipeline-name': 'gated' });
    await until(() =>
      github.statuses(GITHUB_SHA).some((s) => s.description === 'In progress: Build'),
    );
    const ours = cp.executions('gated')[0]!;
    cp.stopExecution(ours.id, { reason: 'Stopped from the console' });
    running.child.kill('SIGINT');
    const result = await running.done;
    expect(result.stdout).toContain(`execution ${ours.id} was already being stopped`);
    expect(result.outputs.status).toBe('Stopping');
    const latest = new Map(github.statuses(GITHUB_SHA).map((s) => [s.context, s]));
    expect(latest.get('AWS CodePipeline us-east-1 (gated) / Build')).toMatchObject({
      state: 'error',
      description: 'Stopped: the run was cancelled while the execution was stopping',
    });
    expect([...latest.values()].filter((s) => s.state === 'pending')).toEqual([]);
  });

  it('keeps following through throttling', async () => {
    cp.failNext('CodePipeline.GetPipelineExecution', { error: 'ThrottlingException', count: 6 });
    const result = await action({ 'pipeline-name': 'web' }).done;
    expect(result.code).toBe(0);
    expect(result.outputs.status).toBe('Succeeded');
    expect(result.stdout).toContain('Could not read the execution');
  });

  it('waits for a just-started execution that is not readable yet', async () => {
    cp.failNext('CodePipeline.ListActionExecutions', {
      error: 'PipelineExecutionNotFoundException',
      count: 2,
      message: 'Execution not found',
    });
    const result = await action({ 'pipeline-name': 'web' }).done;
    expect(result.code).toBe(0);
    expect(result.outputs.status).toBe('Succeeded');
  });

  it.each([
    [{ 'pipeline-name': 'nope' }, /CodePipeline has no pipeline "nope" in us-east-1/],
    [
      { 'pipeline-name': 'web', 'source-action': 'Src' },
      /Pipeline web has no source action "Src": its source actions \(stage Source\) are "Source"/,
    ],
    [{ 'pipeline-name': 'web', wait: 'forever' }, /input "wait" got "forever"/],
    [
      { 'pipeline-name': 'web', variables: 'NOPE=1' },
      /AWS refused codepipeline:StartPipelineExecution for pipeline "web": .*NOPE/,
    ],
  ])('fails clearly on bad input: %o', async (inputs, message) => {
    const result = await action(inputs).done;
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(message);
    expect(result.stdout).not.toContain('please report');
    expect(cp.executions()).toEqual([]);
  });

  it('names the IAM action AWS denied', async () => {
    cp.failNext('CodePipeline.StartPipelineExecution', { error: 'AccessDeniedException' });
    const result = await action({ 'pipeline-name': 'web' }).done;
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /AWS denied codepipeline:StartPipelineExecution on pipeline "web" in us-east-1: allow "codepipeline:StartPipelineExecution"/,
    );
  });
});

describe('buildbridge start-pipeline', () => {
  let bb: FakeBitbucket;
  beforeEach(async () => {
    bb = await startFakeBitbucket();
  });
  afterEach(async () => {
    await bb.close();
  });

  function cli(args: string[], env: Record<string, string | undefined>, node = process.execPath) {
    return runBundle('cli', {
      node,
      actionsRunner: false,
      args: ['start-pipeline', '--poll-interval', '0.2', ...args],
      env: { ...codePipelineEnv(cp), ...env },
    });
  }

  it.each(cliNodes())(
    'on %s in Bitbucket Pipelines pins BITBUCKET_COMMIT and posts a Bitbucket status per stage',
    async (_name, node) => {
      const result = await cli(
        ['--pipeline-name', 'web', '--source-action', 'Source', '--variables', 'STAGE=qa'],
        pipelinesEnv(bb, COMMIT),
        node,
      );
      expect(result.stderr).not.toMatch(/error/i);
      expect(result.code).toBe(0);
      const [execution] = cp.executions('web');
      expect(execution!.request).toMatchObject({
        sourceRevisions: [{ revisionValue: COMMIT }],
        variables: [{ name: 'STAGE', value: 'qa' }],
      });
      const latest = new Map(bb.statuses(COMMIT).map((s) => [s.name, s]));
      expect([...latest.keys()].sort()).toEqual(
        [`${CONTEXT} / Build`, `${CONTEXT} / Deploy`, `${CONTEXT} / Source`].sort(),
      );
      expect([...latest.values()].map((s) => s.state)).toEqual([
        'SUCCESSFUL',
        'SUCCESSFUL',
        'SUCCESSFUL',
      ]);
      expect(result.stdout).toMatch(/Execution \w{8} succeeded after \d+s/);
    },
  );

  it('exits 1 on a failed execution, 0 with --no-fail-on-pipeline-failure, 2 on a usage error', async () => {
    cp.script('web', { fail: { stage: 'Deploy', action: 'Deploy', summary: 'Deployment failed' } });
    cp.script('web', { fail: { stage: 'Deploy', action: 'Deploy', summary: 'Deployment failed' } });
    const env = { GITHUB_ACTIONS: undefined };
    expect((await cli(['--pipeline-name', 'web', '--status-host', 'none'], env)).code).toBe(1);
    const lenient = await cli(
      ['--pipeline-name', 'web', '--status-host', 'none', '--no-fail-on-pipeline-failure'],
      env,
    );
    expect(lenient.code).toBe(0);
    expect(lenient.stdout + lenient.stderr).toContain(
      'Deploy (CodeDeploy) failed: Deployment failed',
    );
    const usage = await cli(['--pipeline-nam', 'web'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Did you mean --pipeline-name?');
  });
});
