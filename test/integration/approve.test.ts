/**
 * approve, bundled, at the wire: the Action (Node 24) and the CLI answer the manual approval of
 * exactly the execution meant — by id or by its commit — against the fake CodePipeline, and
 * answer nothing when the approval waiting belongs to another execution.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  startFakeCodePipeline,
  type FakeCodePipeline,
  type FakePipeline,
} from '../fakes/codepipeline-server.js';
import { cliNodes } from '../helpers/node-versions.js';
import { runBundle, startBundle, type ActionRunOptions } from '../helpers/run-bundle.js';
import { until } from '../helpers/until.js';
import { AWS_SECRET, SESSION_TOKEN, codePipelineEnv } from '../helpers/wire.js';

const COMMIT_A = 'a1'.repeat(20);
const COMMIT_B = 'b2'.repeat(20);
const RUN_URL = 'https://github.com/octo/app/actions/runs/1000';

function pipeline(name: string, executionMode: FakePipeline['executionMode']): FakePipeline {
  return {
    name,
    executionMode,
    stages: [
      { name: 'Source', actions: [{ name: 'Source', category: 'Source' }] },
      { name: 'Build', actions: [{ name: 'Build', category: 'Build' }] },
      { name: 'Approval', actions: [{ name: 'Approve', category: 'Approval' }] },
      { name: 'Deploy', actions: [{ name: 'Deploy', category: 'Deploy' }] },
    ],
  };
}

let fake: FakeCodePipeline;
beforeEach(async () => {
  fake = await startFakeCodePipeline({
    pipelines: [
      pipeline('deploy', 'SUPERSEDED'),
      pipeline('fanout', 'PARALLEL'),
      pipeline('queue', 'QUEUED'),
    ],
    actionMs: 50,
  });
});
afterEach(async () => {
  await fake.close();
});

function action(inputs: Record<string, string>, extra: ActionRunOptions = {}) {
  return startBundle('approve', {
    ...extra,
    inputs: { 'pipeline-name': 'deploy', 'poll-interval': '0.1', ...inputs },
    env: {
      GITHUB_ACTOR: 'octocat',
      GITHUB_SERVER_URL: 'https://github.com',
      ...codePipelineEnv(fake),
      ...extra.env,
    },
  });
}

/** An execution whose approval is pending. */
async function pendingExecution(pipelineName = 'deploy', commit = COMMIT_A) {
  const execution = fake.startExternalExecution(pipelineName, { commit });
  await until(() => fake.pendingToken(execution.id, 'Approval', 'Approve'), 'the approval');
  return execution;
}

function puts() {
  return fake.calls.filter((call) => call.operation === 'CodePipeline.PutApprovalResult');
}

/** Secrets appear only in the ::add-mask:: lines that hide them from the log. */
function expectNoSecrets(...texts: string[]) {
  for (const secret of [AWS_SECRET, SESSION_TOKEN]) {
    const leaks = texts
      .flatMap((text) => text.split('\n'))
      .filter((line) => line.includes(secret) && line !== `::add-mask::${secret}`);
    expect(leaks).toEqual([]);
  }
}

const consoleUrl = (id: string) =>
  `https://us-east-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/deploy/executions/${id}/timeline?region=us-east-1`;

describe('approve Action at the wire', () => {
  it('answers only the execution meant when two are in flight (SUPERSEDED)', async () => {
    const older = await pendingExecution('deploy', COMMIT_A);
    const newer = fake.startExternalExecution('deploy', { commit: COMMIT_B });
    await until(
      () => fake.execution(newer.id)?.waiting && fake.execution(newer.id)?.stageIndex === 2,
      'the newer execution to wait at the approval stage',
    );

    const wrong = await action({
      'execution-id': newer.id,
      decision: 'approve',
      'wait-timeout': '5',
    }).done;
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain(
      `::error::The manual approval Approve in stage Approval that is waiting belongs to execution ${older.id} of commit ${COMMIT_A}, not to execution ${newer.id} of commit ${COMMIT_B} (which waits to enter stage Approval): answered nothing.`,
    );
    expect(puts()).toEqual([]);
    expect(fake.execution(older.id)!.approvals).toEqual([]);
    expect(wrong.outputs).toEqual({});

    const right = await action({ 'execution-id': older.id, decision: 'approve' }).done;
    expect(right.stderr).toBe('');
    expect(right.code).toBe(0);
    expect(fake.execution(older.id)!.approvals).toMatchObject([
      {
        stage: 'Approval',
        action: 'Approve',
        status: 'Approved',
        summary: `Approved by @octocat in ${RUN_URL}`,
      },
    ]);
    expect(right.outputs).toEqual({
      'execution-id': older.id,
      'stage-name': 'Approval',
      'action-name': 'Approve',
      decision: 'approve',
    });
    expect(right.stdout).toContain(
      `Approved manual approval Approve in stage Approval of execution ${older.id} (commit ${COMMIT_A}) of pipeline deploy: "Approved by @octocat in ${RUN_URL}". ${consoleUrl(older.id)}`,
    );
    expect(right.summary).toContain(
      `✅ **Approved** manual approval **Approve** (stage Approval) of pipeline **deploy**, [execution ${older.id}](${consoleUrl(older.id)}), commit \`${COMMIT_A.slice(0, 12)}\``,
    );
    expect(right.summary).toContain('Approved by @octocat in');
    expectNoSecrets(wrong.stdout, wrong.stderr, right.stdout, right.stderr, right.summary);
  });

  it('QUEUED: refuses the approval of the execution ahead in the queue', async () => {
    const ahead = await pendingExecution('queue', COMMIT_A);
    const queued = fake.startExternalExecution('queue', { commit: COMMIT_B });
    await until(
      () => fake.execution(queued.id)?.waiting && fake.execution(queued.id)?.stageIndex === 2,
      'the queued execution to wait at the approval stage',
    );
    const result = await action({
      'pipeline-name': 'queue',
      'source-revision': COMMIT_B,
      decision: 'approve',
    }).done;
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `belongs to execution ${ahead.id} of commit ${COMMIT_A}, not to execution ${queued.id} of commit ${COMMIT_B} (which waits to enter stage Approval): answered nothing.`,
    );
    expect(puts()).toEqual([]);
  });

  it('rejects, by source revision (a short sha), with its own summary', async () => {
    const execution = await pendingExecution('deploy', COMMIT_B);
    const result = await action({
      'source-revision': COMMIT_B.slice(0, 8).toUpperCase(),
      decision: 'reject',
      summary: 'Not this one: the canary is red',
    }).done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `Found execution ${execution.id} (InProgress) of pipeline deploy by its source revision`,
    );
    expect(fake.execution(execution.id)!.approvals).toMatchObject([
      { status: 'Rejected', summary: 'Not this one: the canary is red' },
    ]);
    expect(result.outputs.decision).toBe('reject');
    expect(result.summary).toContain('❌ **Rejected**');
    await until(() => fake.execution(execution.id)!.status === 'Failed', 'the execution to fail');
  });

  it('defaults to the commit under test, and says how many executions it searched', async () => {
    const execution = await pendingExecution('deploy', 'f'.repeat(40));
    const found = await action({ decision: 'approve' }).done;
    expect(found.code).toBe(0);
    expect(found.outputs['execution-id']).toBe(execution.id);

    const none = await action({ decision: 'approve', 'source-revision': COMMIT_A }).done;
    expect(none.code).toBe(1);
    expect(none.stdout).toContain(
      `::error::No execution of pipeline deploy in us-east-1 has source revision ${COMMIT_A}: none of its 1 executions ran it.`,
    );
  });

  it('PARALLEL: answers only the one meant of two pending approvals', async () => {
    const first = await pendingExecution('fanout', COMMIT_A);
    const second = await pendingExecution('fanout', COMMIT_B);
    const result = await action({
      'pipeline-name': 'fanout',
      'execution-id': second.id,
      decision: 'approve',
    }).done;
    expect(result.code).toBe(0);
    expect(fake.execution(second.id)!.approvals).toHaveLength(1);
    expect(fake.execution(first.id)!.approvals).toEqual([]);
    expect(fake.pendingToken(first.id, 'Approval', 'Approve')).toBeDefined();
    const put = puts()[0]!.body as { token: string };
    expect(put.token).toBe(fake.execution(second.id)!.approvals[0]!.token);
  });

  it('waits for the approval to become pending, then answers it', async () => {
    const execution = fake.startExternalExecution('deploy', {
      commit: COMMIT_A,
      script: { durations: { Build: 1_500 } },
    });
    const result = await action({
      'execution-id': execution.id,
      decision: 'approve',
      'wait-timeout': '20',
    }).done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `No manual approval waits for execution ${execution.id} yet; waiting up to`,
    );
    expect(fake.execution(execution.id)!.approvals).toHaveLength(1);
    // Looks at the poll interval, not in a tight loop.
    expect(fake.counts()['CodePipeline.ListActionExecutions']).toBeLessThan(40);
  });

  it('fails when nothing becomes pending within the timeout', async () => {
    const execution = fake.startExternalExecution('deploy', {
      commit: COMMIT_A,
      script: { durations: { Build: 30_000 } },
    });
    const result = await action({
      'execution-id': execution.id,
      decision: 'approve',
      'wait-timeout': '1',
    }).done;
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `::error::No manual approval became pending for execution ${execution.id} of pipeline deploy within 1s (wait-timeout); the execution is in stage Build: answered nothing.`,
    );
    expect(puts()).toEqual([]);
  });

  it('says by whom an approval was already answered', async () => {
    const execution = await pendingExecution();
    fake.answerApproval(execution.id, 'Approval', 'Approve', 'Approved', undefined, 'LGTM');
    const result = await action({ 'execution-id': execution.id, decision: 'reject' }).done;
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `::error::The manual approval Approve in stage Approval of execution ${execution.id} of pipeline deploy was already approved by alice ("LGTM"): answered nothing.`,
    );
    expect(puts()).toEqual([]);
  });

  it('explains an invalid token (answered in between) and answers nothing', async () => {
    const execution = await pendingExecution();
    fake.failNext('CodePipeline.PutApprovalResult', { error: 'InvalidApprovalTokenException' });
    const result = await action({ 'execution-id': execution.id, decision: 'approve' }).done;
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '(InvalidApprovalTokenException): the token has expired or was superseded',
    );
    expect(fake.execution(execution.id)!.approvals).toEqual([]);
  });

  it('lists the manual approvals when the stage or action is not found', async () => {
    const result = await action({
      'source-revision': COMMIT_A,
      'stage-name': 'Approvals',
      'action-name': 'Approve',
      decision: 'approve',
    }).done;
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '::error::No manual approval action "Approve" in stage "Approvals" in pipeline deploy. Its manual approval actions (stage/action) are: Approval/Approve.',
    );
    expect(fake.counts()).toEqual({ 'CodePipeline.GetPipeline': 1 });

    fake.failNext('CodePipeline.GetPipeline', { error: 'AccessDeniedException' });
    const denied = await action({
      'source-revision': COMMIT_A,
      'action-name': 'Ok',
      decision: 'approve',
    }).done;
    expect(denied.stdout).toContain(
      'Its actions are Source/Source, Build/Build, Approval/Approve, Deploy/Deploy (codepipeline:GetPipeline was denied',
    );
  });

  it('names codepipeline:PutApprovalResult and the action ARN when AWS denies the answer', async () => {
    const execution = await pendingExecution();
    fake.failNext('CodePipeline.PutApprovalResult', { error: 'AccessDeniedException' });
    const result = await action({ 'execution-id': execution.id, decision: 'approve' }).done;
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `::error::AWS denied codepipeline:PutApprovalResult on approval action arn:aws:codepipeline:us-east-1:123456789012:deploy/Approval/Approve (execution ${execution.id}) in us-east-1: allow "codepipeline:PutApprovalResult"`,
    );
    expectNoSecrets(result.stdout, result.stderr);
  });

  it('rides out throttling that the SDK retries', async () => {
    const execution = await pendingExecution();
    fake.failNext('*', { error: 'ThrottlingException', count: 2 });
    fake.failNext('CodePipeline.PutApprovalResult', { error: 'ThrottlingException', count: 1 });
    const result = await action({ 'execution-id': execution.id, decision: 'approve' }).done;
    expect(result.code).toBe(0);
    expect(fake.execution(execution.id)!.approvals).toHaveLength(1);
    expect(fake.calls.filter((call) => call.errorType === 'ThrottlingException')).toHaveLength(3);
  });

  it('names an unknown pipeline and the region, and an unknown execution', async () => {
    const result = await action({
      'pipeline-name': 'nope',
      'source-revision': COMMIT_A,
      decision: 'approve',
    }).done;
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error::CodePipeline has no pipeline "nope" in us-east-1.');

    const unknown = '0b5a8f5e-63f4-4f52-9f33-1b2c3d4e5f60';
    const missing = await action({ 'execution-id': unknown, decision: 'approve' }).done;
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(
      `::error::Pipeline deploy in us-east-1 has no execution ${unknown}. Check the execution id`,
    );
    expect(puts()).toEqual([]);
  });

  it('answers nothing when cancelled while waiting', async () => {
    const execution = fake.startExternalExecution('deploy', {
      commit: COMMIT_A,
      script: { durations: { Build: 30_000 } },
    });
    const running = action({
      'execution-id': execution.id,
      decision: 'approve',
      'wait-timeout': '60',
    });
    await running.waitFor('waiting up to');
    running.child.kill('SIGTERM');
    const result = await running.done;
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error::Cancelled while waiting for a manual approval');
    expect(result.stdout).toContain('answered nothing');
    expect(puts()).toEqual([]);
    expectNoSecrets(result.stdout, result.stderr, result.summary);
  });
});

describe('approve CLI at the wire', () => {
  function cli(args: string[], env: Record<string, string | undefined> = {}, node?: string) {
    return runBundle('cli', {
      actionsRunner: false,
      ...(node ? { node } : {}),
      env: { ...codePipelineEnv(fake), ...env },
      args: ['approve', '--pipeline-name', 'deploy', '--poll-interval', '0.1', ...args],
    });
  }

  it.each(cliNodes())('approves an execution by id under %s', async (_name, node) => {
    const execution = await pendingExecution();
    const result = await cli(
      ['--execution-id', execution.id, '--decision', 'approve'],
      { USER: 'dev' },
      node,
    );
    expect(result.stderr.replace(/^warning: Node.js v20.*\n/, '')).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `Approved manual approval Approve in stage Approval of execution ${execution.id}`,
    );
    expect(fake.execution(execution.id)!.approvals).toMatchObject([
      { status: 'Approved', summary: 'Approved by dev with buildbridge approve' },
    ]);
  });

  it('finds the execution of BITBUCKET_COMMIT and links the Bitbucket pipeline run', async () => {
    const execution = await pendingExecution('deploy', COMMIT_B);
    const result = await cli(['--decision', 'reject'], {
      BITBUCKET_COMMIT: COMMIT_B,
      BITBUCKET_BUILD_NUMBER: '42',
      BITBUCKET_GIT_HTTP_ORIGIN: 'http://bitbucket.org/team/app',
    });
    expect(result.code).toBe(0);
    expect(fake.execution(execution.id)!.approvals).toMatchObject([
      {
        status: 'Rejected',
        summary:
          'Rejected by the Bitbucket pipeline run http://bitbucket.org/team/app/pipelines/results/42',
      },
    ]);
  });

  it('refuses bad flags before any call', async () => {
    const both = await cli([
      '--execution-id',
      'x',
      '--source-revision',
      COMMIT_A,
      '--decision',
      'approve',
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr + both.stdout).toContain(
      'Give --execution-id or --source-revision, not both',
    );
    const decision = await cli(['--source-revision', COMMIT_A, '--decision', 'aprove']);
    expect(decision.code).not.toBe(0);
    expect(decision.stderr + decision.stdout).toContain(
      '--decision got "aprove", which is not one of: approve, reject. Did you mean approve?',
    );
    expect(fake.calls).toEqual([]);
  });
});
