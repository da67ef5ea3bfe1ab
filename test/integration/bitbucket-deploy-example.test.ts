/**
 * examples/bitbucket-pipelines-deploy.yml, run as Bitbucket Pipelines runs it (see
 * test/helpers/pipelines-runner.ts: each step in a fresh `bash -e` with the variables Pipelines
 * sets, only the `git clone` of "Get buildbridge" skipped and this checkout's dist/ linked in its
 * place). For a push to main, "Start the pipeline" starts `my-pipeline` in the fake CodePipeline
 * pinned to BITBUCKET_COMMIT and ends once the Release approval waits for that execution; the
 * pipeline then pauses at the manual "Approve the release", which runs when somebody presses
 * "Run" and approves that execution, never another commit's. AWS credentials come from the OIDC
 * token through the fake STS; build statuses go to the fake Bitbucket.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ASSUMED_ACCESS_KEY_ID, startFakeAws, type FakeAws } from '../fakes/aws-server.js';
import { startFakeBitbucket, type FakeBitbucket } from '../fakes/bitbucket-server.js';
import {
  startFakeCodePipeline,
  type FakeCodePipeline,
  type FakeExecutionInfo,
} from '../fakes/codepipeline-server.js';
import {
  pipelineFor,
  runPipeline,
  type PipelineRun,
  type PipelinesRunnerOptions,
  type Step,
} from '../helpers/pipelines-runner.js';
import { until as waitFor } from '../helpers/until.js';
import { codePipelineEnv } from '../helpers/wire.js';

const EXAMPLE = 'examples/bitbucket-pipelines-deploy.yml';
const COMMIT = '3f9c2a7be41d08c6a5f1e2d3c4b5a69788f0e1d2';
const OTHER = '9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3';
const ROLE = 'arn:aws:iam::123456789012:role/ci-pipeline';
const OIDC_TOKEN =
  'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ7cmVwby11dWlkfTp7c3RlcC11dWlkfSJ9.c2lnbmF0dXJlLXZhbHVl';
const CONTEXT = 'AWS CodePipeline us-east-1 (my-pipeline)';
const PUSH = { BITBUCKET_BRANCH: 'main' };
/** Release is the third stage. */
const RELEASE = 2;

let aws: FakeAws;
let cp: FakeCodePipeline;
let bb: FakeBitbucket;
beforeEach(async () => {
  aws = await startFakeAws({ projects: [] });
  cp = await startFakeCodePipeline({
    pipelines: [
      {
        name: 'my-pipeline',
        stages: [
          { name: 'Source', actions: [{ name: 'Source', category: 'Source' }] },
          { name: 'Build', actions: [{ name: 'Build', category: 'Build' }] },
          { name: 'Release', actions: [{ name: 'Approve', category: 'Approval' }] },
          { name: 'Deploy', actions: [{ name: 'Deploy', category: 'Deploy' }] },
        ],
      },
    ],
    actionMs: 100,
  });
  bb = await startFakeBitbucket();
});
afterEach(async () => {
  await bb.close();
  await cp.close();
  await aws.close();
});

function steps(): Step[] {
  return pipelineFor(EXAMPLE, { branch: 'main' })!;
}

/** How the steps reach the fakes. */
function runner(): PipelinesRunnerOptions {
  return {
    example: EXAMPLE,
    bitbucket: bb,
    commit: COMMIT,
    oidcToken: OIDC_TOKEN,
    // STS (for the OIDC exchange) at the fake AWS, CodePipeline at its own fake. No static keys:
    // a Pipelines step has none, the role comes from the OIDC token.
    env: { AWS_ENDPOINT_URL: aws.url, ...codePipelineEnv(cp, { oidc: true }) },
  };
}

/** The main-branch pipeline up to its pause at the manual step. */
function start(): Promise<PipelineRun> {
  return runPipeline(runner(), steps(), PUSH);
}

/** A Pipelines run takes longer than one Action's: wait up to 20 s. */
function until<T>(read: () => T | undefined, what: string): Promise<T> {
  return waitFor(read, what, 20_000);
}

function ours(): FakeExecutionInfo[] {
  return cp.executions('my-pipeline').filter((execution) => execution.commit === COMMIT);
}

function approvalCalls() {
  return cp.calls.filter((call) => call.operation === 'CodePipeline.PutApprovalResult');
}

/** The last status posted per name (a stage's status is updated in place). */
function latestStatuses(): Map<string, string> {
  return new Map(bb.statuses(COMMIT).map((status) => [status.name ?? '', status.state]));
}

/** Every CodePipeline call was signed with the role assumed from the OIDC token. */
function expectOidcCredentials() {
  const sts = aws.calls.filter((call) => call.operation === 'STS.AssumeRoleWithWebIdentity');
  expect(sts.length).toBeGreaterThanOrEqual(2); // one per `oidc: true` step
  for (const call of sts)
    expect(call.body).toMatchObject({ RoleArn: ROLE, WebIdentityToken: OIDC_TOKEN });
  expect(cp.calls.length).toBeGreaterThan(0);
  for (const call of cp.calls)
    expect(call.headers.authorization).toContain(`Credential=${ASSUMED_ACCESS_KEY_ID}/`);
}

describe(`${EXAMPLE} run as Bitbucket Pipelines runs it`, () => {
  it('has main start the pipeline with OIDC, then wait for a manual approve step', () => {
    expect(
      steps().map((step) => [step.name, step.oidc === true, step.trigger ?? 'automatic']),
    ).toEqual([
      ['Get buildbridge', false, 'automatic'],
      ['Start the pipeline', true, 'automatic'],
      ['Approve the release', true, 'manual'],
    ]);
    expect(pipelineFor(EXAMPLE, { branch: 'feature/x' })).toBeUndefined();
  });

  it('on a push to main starts one execution of BITBUCKET_COMMIT, returns at its approval, and the manual step approves it', async () => {
    const pipeline = await start();
    expect(pipeline.runs.map((run) => [run.name, run.code])).toEqual([
      ['Get buildbridge', 0],
      ['Start the pipeline', 0],
    ]);
    expect(pipeline.runs.flatMap((run) => run.skipped)).toEqual([
      'git clone --quiet --depth 1 --branch v1 https://github.com/OWNER/buildbridge.git buildbridge',
    ]);
    expect(pipeline.paused?.name).toBe('Approve the release');

    const [execution, ...more] = cp.executions('my-pipeline');
    expect(more).toEqual([]);
    expect(execution!.request).toMatchObject({
      name: 'my-pipeline',
      sourceRevisions: [{ actionName: 'Source', revisionType: 'COMMIT_ID', revisionValue: COMMIT }],
    });
    expect(execution!.commit).toBe(COMMIT);
    // Step 1 ended while the approval waits: nothing answered yet.
    expect(execution).toMatchObject({ status: 'InProgress', stageIndex: RELEASE, approvals: [] });
    expect(cp.pendingToken(execution!.id, 'Release', 'Approve')).toBeDefined();
    expect(pipeline.runs[1]!.output).toContain(
      `Manual approval Approve in stage Release is waiting for execution ${execution!.id}`,
    );

    const statuses = latestStatuses();
    expect(statuses.get(`${CONTEXT} / Source`)).toBe('SUCCESSFUL');
    expect(statuses.get(`${CONTEXT} / Build`)).toBe('SUCCESSFUL');
    expect([...statuses.values()]).not.toContain('INPROGRESS');
    for (const status of bb.statuses(COMMIT))
      expect(status).toMatchObject({ repository: 'team/app', ref: 'main' });

    await pipeline.resume();
    expect(pipeline.runs.map((run) => [run.name, run.code])).toEqual([
      ['Get buildbridge', 0],
      ['Start the pipeline', 0],
      ['Approve the release', 0],
    ]);
    expect(pipeline.paused).toBeUndefined();
    expect(approvalCalls()).toHaveLength(1);
    expect(cp.execution(execution!.id)!.approvals).toMatchObject([
      {
        stage: 'Release',
        action: 'Approve',
        status: 'Approved',
        summary:
          'Approved by the Bitbucket pipeline run http://bitbucket.org/team/app/pipelines/results/42',
      },
    ]);
    await until(
      () => cp.execution(execution!.id)!.status === 'Succeeded',
      'the execution to succeed',
    );
    expect(cp.executions('my-pipeline')).toHaveLength(1);
    expectOidcCredentials();
    const output = pipeline.runs.map((run) => run.output).join('\n');
    expect(output).not.toContain(OIDC_TOKEN);
  });

  it('with another commit waiting in Release, step 1 waits its turn and step 2 approves only ours', async () => {
    const other = cp.startExternalExecution('my-pipeline', { commit: OTHER });
    await until(() => cp.pendingToken(other.id, 'Release', 'Approve'), "the other's approval");

    // SUPERSEDED: ours waits at the entry of Release while the other's approval is pending, so
    // step 1 waits for its own approval; somebody answers the other's in the console meanwhile.
    const started = start();
    const execution = await until(
      () => ours().find((e) => e.waiting && e.stageIndex === RELEASE),
      'ours to wait at the entry of Release',
    );
    // Step 1 keeps waiting through its next look at the execution (the other's approval is not
    // ours to return at); then somebody answers the other's approval in the console.
    let finished = false;
    void started.then(() => (finished = true));
    const since = Date.now();
    await until(
      () => cp.calls.some((call) => call.at > since && call.operation.startsWith('CodePipeline.')),
      "step 1's next look",
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(finished).toBe(false);
    cp.answerApproval(other.id, 'Release', 'Approve', 'Approved');
    const pipeline = await started;
    expect(pipeline.runs.map((run) => [run.name, run.code])).toEqual([
      ['Get buildbridge', 0],
      ['Start the pipeline', 0],
    ]);
    expect(ours()).toHaveLength(1);
    expect(cp.pendingToken(execution.id, 'Release', 'Approve')).toBeDefined();
    expect(pipeline.runs[1]!.output).toContain(
      `Manual approval Approve in stage Release is waiting for execution ${execution.id}`,
    );

    await pipeline.resume();
    expect(pipeline.runs.at(-1)).toMatchObject({ name: 'Approve the release', code: 0 });
    // One answer through the API (ours); the other's was given in the console.
    expect(approvalCalls()).toHaveLength(1);
    expect(cp.execution(execution.id)!.approvals).toMatchObject([
      { stage: 'Release', action: 'Approve', status: 'Approved' },
    ]);
    expect(cp.execution(other.id)!.approvals).toMatchObject([
      { status: 'Approved', by: 'arn:aws:iam::123456789012:user/alice' },
    ]);
    await until(
      () => cp.execution(execution.id)!.status === 'Succeeded',
      'our execution to succeed',
    );
    expect(cp.execution(other.id)!.status).toBe('Succeeded');
  });

  it("fails the manual step, answering nothing, while another commit's execution holds Release", async () => {
    // Ours was started (here by a webhook) and waits at the entry of Release behind the
    // approval of another commit's execution: the example's approve step must not answer that.
    const other = cp.startExternalExecution('my-pipeline', { commit: OTHER });
    await until(() => cp.pendingToken(other.id, 'Release', 'Approve'), "the other's approval");
    const execution = cp.startExternalExecution('my-pipeline', { commit: COMMIT });
    await until(
      () =>
        cp.execution(execution.id)!.waiting && cp.execution(execution.id)!.stageIndex === RELEASE,
      'ours to wait at the entry of Release',
    );

    const manual = steps().filter((step) => step.trigger === 'manual');
    const pipeline = await runPipeline(runner(), [steps()[0]!, ...manual], PUSH);
    await pipeline.resume();
    const [, step2] = pipeline.runs;
    expect(step2).toMatchObject({ name: 'Approve the release', code: 1 });
    expect(step2!.output).toContain(
      `The manual approval Approve in stage Release that is waiting belongs to execution ${other.id} of commit ${OTHER}, not to execution ${execution.id} of commit ${COMMIT}`,
    );
    expect(step2!.output).toContain('answered nothing');
    expect(approvalCalls()).toEqual([]);
    expect(cp.execution(other.id)!.approvals).toEqual([]);
    expect(cp.execution(execution.id)!.approvals).toEqual([]);
  });
});
