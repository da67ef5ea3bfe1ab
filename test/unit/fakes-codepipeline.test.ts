/**
 * Proves the fake CodePipeline endpoint behaves like CodePipeline to the real SDK v3 client:
 * parsing, stage and runOrder progression, scripted failures, manual approvals (answers, bad and
 * used tokens, time-outs), the three execution modes, idempotent starts, variables, source
 * revision overrides, stops, ListActionExecutions paging, injected faults and unknown pipelines.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CodePipelineClient,
  GetPipelineCommand,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  ListActionExecutionsCommand,
  ListPipelineExecutionsCommand,
  PutApprovalResultCommand,
  StartPipelineExecutionCommand,
  StopPipelineExecutionCommand,
  type ActionExecutionDetail,
  type PipelineExecution,
  type StageState,
} from '@aws-sdk/client-codepipeline';
import {
  startFakeCodePipeline,
  type FakeCodePipeline,
  type FakePipeline,
} from '../fakes/codepipeline-server.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' };
const ACCOUNT = '123456789012';
const CALLER = `arn:aws:sts::${ACCOUNT}:assumed-role/ci/x`;

const source = { name: 'Source', actions: [{ name: 'Src', category: 'Source' as const }] };
const approvalStage = {
  name: 'Approve',
  actions: [{ name: 'Gate', category: 'Approval' as const }],
};

const pipelines: FakePipeline[] = [
  {
    name: 'web',
    variables: [
      { name: 'ENV', defaultValue: 'staging', description: 'target' },
      { name: 'TAG', defaultValue: 'latest' },
    ],
    stages: [
      {
        name: 'Source',
        actions: [
          {
            name: 'Src',
            category: 'Source',
            durationMs: 20,
            configuration: {
              ConnectionArn: `arn:aws:codeconnections:us-east-1:${ACCOUNT}:connection/abc`,
              FullRepositoryId: 'example/web',
              BranchName: 'main',
            },
          },
        ],
      },
      {
        name: 'Build',
        actions: [
          {
            name: 'Compile',
            category: 'Build',
            durationMs: 40,
            configuration: { ProjectName: 'web', EnvironmentVariables: '#{variables.ENV}' },
          },
          {
            name: 'Lint',
            category: 'Test',
            durationMs: 30,
            configuration: { ProjectName: 'lint' },
          },
        ],
      },
      {
        name: 'Release',
        actions: [
          { name: 'Gate', category: 'Approval', runOrder: 1 },
          { name: 'Deploy', category: 'Deploy', runOrder: 2, durationMs: 30 },
        ],
      },
    ],
  },
  {
    name: 'fail',
    stages: [
      source,
      { name: 'Build', actions: [{ name: 'Compile', category: 'Build', durationMs: 30 }] },
      { name: 'Deploy', actions: [{ name: 'Ship', category: 'Deploy', durationMs: 30 }] },
    ],
  },
  { name: 'approve', stages: [source, approvalStage] },
  { name: 'super', executionMode: 'SUPERSEDED', stages: [source, approvalStage] },
  { name: 'queued', executionMode: 'QUEUED', stages: [source, approvalStage] },
  { name: 'parallel', executionMode: 'PARALLEL', stages: [source, approvalStage] },
  {
    name: 'stop',
    stages: [
      source,
      { name: 'Build', actions: [{ name: 'Compile', category: 'Build', durationMs: 5_000 }] },
      approvalStage,
    ],
  },
  { name: 'classic', pipelineType: 'V1', stages: [source, approvalStage] },
];

let fake: FakeCodePipeline;
let client: CodePipelineClient;

beforeAll(async () => {
  fake = await startFakeCodePipeline({ pipelines, actionMs: 20, stopDelayMs: 100 });
  client = new CodePipelineClient({ endpoint: fake.url, region: 'us-east-1', credentials });
});

afterAll(async () => {
  client.destroy();
  await fake.close();
});

const singleAttempt = (): CodePipelineClient =>
  new CodePipelineClient({ endpoint: fake.url, region: 'us-east-1', credentials, maxAttempts: 1 });

/** Poll until `check` returns a value other than undefined/false; fails after `timeoutMs`. */
async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 3_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function start(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const out = await client.send(new StartPipelineExecutionCommand({ name, ...extra }));
  return out.pipelineExecutionId!;
}

async function execution(pipelineName: string, id: string): Promise<PipelineExecution> {
  const out = await client.send(
    new GetPipelineExecutionCommand({ pipelineName, pipelineExecutionId: id }),
  );
  return out.pipelineExecution!;
}

async function statusIs(pipelineName: string, id: string, status: string) {
  return waitFor(async () => {
    const e = await execution(pipelineName, id);
    return e.status === status && e;
  });
}

async function actions(pipelineName: string, id?: string): Promise<ActionExecutionDetail[]> {
  const out = await client.send(
    new ListActionExecutionsCommand({
      pipelineName,
      ...(id ? { filter: { pipelineExecutionId: id } } : {}),
    }),
  );
  return out.actionExecutionDetails!;
}

async function stages(name: string): Promise<StageState[]> {
  const out = await client.send(new GetPipelineStateCommand({ name }));
  return out.stageStates!;
}

function stage(states: StageState[], name: string): StageState {
  return states.find((s) => s.stageName === name)!;
}

/** The token of the pending approval, from GetPipelineState. */
async function stateToken(pipeline: string, stageName: string, id: string): Promise<string> {
  return waitFor(async () => {
    const s = stage(await stages(pipeline), stageName);
    const latest = s.actionStates![0]!.latestExecution;
    return s.latestExecution?.pipelineExecutionId === id &&
      latest?.status === 'InProgress' &&
      latest.token
      ? latest.token
      : undefined;
  });
}

async function approve(
  pipelineName: string,
  token: string,
  status = 'Approved',
  summary = 'ok',
  stageName = 'Approve',
) {
  return client.send(
    new PutApprovalResultCommand({
      pipelineName,
      stageName,
      actionName: 'Gate',
      token,
      result: { status: status as 'Approved', summary },
    }),
  );
}

describe('fake CodePipeline', () => {
  it('describes the pipeline like GetPipeline', async () => {
    const out = await client.send(new GetPipelineCommand({ name: 'web' }));
    expect(out.pipeline!.name).toBe('web');
    expect(out.pipeline!.executionMode).toBe('SUPERSEDED');
    expect(out.pipeline!.pipelineType).toBe('V2');
    expect(out.pipeline!.variables).toEqual([
      { name: 'ENV', defaultValue: 'staging', description: 'target' },
      { name: 'TAG', defaultValue: 'latest' },
    ]);
    expect(out.pipeline!.stages!.map((s) => s.name)).toEqual(['Source', 'Build', 'Release']);
    const src = out.pipeline!.stages![0]!.actions![0]!;
    expect(src.actionTypeId).toEqual({
      category: 'Source',
      owner: 'AWS',
      provider: 'CodeStarSourceConnection',
      version: '1',
    });
    expect(src.outputArtifacts).toEqual([{ name: 'SourceArtifact' }]);
    const release = out.pipeline!.stages![2]!.actions!;
    expect(release.map((a) => [a.name, a.actionTypeId!.provider, a.runOrder])).toEqual([
      ['Gate', 'Manual', 1],
      ['Deploy', 'CodeDeploy', 2],
    ]);
    expect(out.metadata!.pipelineArn).toBe(`arn:aws:codepipeline:us-east-1:${ACCOUNT}:web`);
    expect(out.metadata!.created).toBeInstanceOf(Date);
  });

  it('runs a 3-stage pipeline in stage and runOrder order to Succeeded', async () => {
    const id = await start('web');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const call = fake.calls.find((c) => c.operation === 'CodePipeline.StartPipelineExecution')!;
    expect(call.signed).toBe(true);
    expect(call.headers.contentType).toBe('application/x-amz-json-1.1');
    expect(call.body).toMatchObject({ name: 'web' });

    const first = await execution('web', id);
    expect(first.status).toBe('InProgress');
    expect(first.trigger).toEqual({ triggerType: 'StartPipelineExecution', triggerDetail: CALLER });
    expect(first.executionMode).toBe('SUPERSEDED');
    expect(first.variables).toEqual([
      { name: 'ENV', resolvedValue: 'staging' },
      { name: 'TAG', resolvedValue: 'latest' },
    ]);

    const token = await stateToken('web', 'Release', id);
    const state = await stages('web');
    expect(state.map((s) => s.latestExecution!.status)).toEqual([
      'Succeeded',
      'Succeeded',
      'InProgress',
    ]);
    expect(state.every((s) => s.latestExecution!.pipelineExecutionId === id)).toBe(true);
    expect(stage(state, 'Release').actionStates!.map((a) => a.actionName)).toEqual([
      'Gate',
      'Deploy',
    ]);
    // runOrder 2 has not started while the gate waits.
    expect(stage(state, 'Release').actionStates![1]!.latestExecution).toBeUndefined();
    await approve('web', token, 'Approved', 'looks good', 'Release');
    const done = await statusIs('web', id, 'Succeeded');
    expect(done.artifactRevisions![0]).toMatchObject({
      name: 'SourceArtifact',
      revisionId: fake.execution(id)!.commit,
    });
    expect(done.artifactRevisions![0]!.created).toBeInstanceOf(Date);

    const details = await actions('web', id);
    // Newest first; stages in order: Src, then Compile+Lint, then Gate, then Deploy.
    const order = [...details].reverse().map((d) => d.actionName);
    expect(order[0]).toBe('Src');
    expect(order.slice(1, 3).sort()).toEqual(['Compile', 'Lint']);
    expect(order.slice(3)).toEqual(['Gate', 'Deploy']);
    expect(details.every((d) => d.status === 'Succeeded')).toBe(true);
    const starts = [...details].reverse().map((d) => d.startTime!.getTime());
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);

    const src = details.find((d) => d.actionName === 'Src')!;
    expect(src.output!.executionResult!.externalExecutionId).toBe(fake.execution(id)!.commit);
    expect(src.output!.executionResult!.externalExecutionSummary).toEqual(expect.any(String));
    expect(src.output!.outputVariables!.CommitId).toBe(fake.execution(id)!.commit);
    const compile = details.find((d) => d.actionName === 'Compile')!;
    expect(compile.input!.actionTypeId).toEqual({
      category: 'Build',
      owner: 'AWS',
      provider: 'CodeBuild',
      version: '1',
    });
    expect(compile.input!.resolvedConfiguration!.EnvironmentVariables).toBe('staging');
    expect(compile.output!.executionResult!.externalExecutionId).toMatch(/^web:[0-9a-f-]{36}$/);
    expect(compile.output!.executionResult!.externalExecutionUrl).toContain('codebuild');
    const gate = details.find((d) => d.actionName === 'Gate')!;
    expect(gate.updatedBy).toBe(CALLER);
    expect(gate.output!.executionResult!.externalExecutionSummary).toBe('looks good');
    expect(fake.execution(id)!.approvals).toEqual([
      {
        stage: 'Release',
        action: 'Gate',
        status: 'Approved',
        summary: 'looks good',
        by: CALLER,
        token,
      },
    ]);
    const last = stage(await stages('web'), 'Release').actionStates![0]!.latestExecution!;
    expect(last.lastUpdatedBy).toBe(CALLER);
    expect(last.token).toBeUndefined();
  });

  it('fails the scripted action with its summary and url, and never runs later stages', async () => {
    fake.script('fail', {
      fail: {
        stage: 'Build',
        action: 'Compile',
        summary: 'Build terminated with state: FAILED',
        externalUrl: 'https://example.com/build/1',
        externalId: 'web:1234',
      },
    });
    const id = await start('fail');
    const failed = await statusIs('fail', id, 'Failed');
    expect(failed.statusSummary).toContain('Compile');
    const details = await actions('fail', id);
    expect(details.map((d) => d.actionName)).toEqual(['Compile', 'Src']);
    const compile = details[0]!;
    expect(compile.status).toBe('Failed');
    expect(compile.output!.executionResult).toMatchObject({
      externalExecutionSummary: 'Build terminated with state: FAILED',
      externalExecutionUrl: 'https://example.com/build/1',
      externalExecutionId: 'web:1234',
      errorDetails: { code: 'JobFailed', message: 'Build terminated with state: FAILED' },
    });
    const state = await stages('fail');
    expect(stage(state, 'Build').latestExecution).toMatchObject({
      pipelineExecutionId: id,
      status: 'Failed',
    });
    expect(stage(state, 'Deploy').latestExecution).toBeUndefined();
    expect(fake.execution(id)!.status).toBe('Failed');
  });

  it('rejects an approval: action, stage and execution Failed', async () => {
    const id = await start('approve');
    const token = await stateToken('approve', 'Approve', id);
    expect(fake.pendingToken(id, 'Approve', 'Gate')).toBe(token);
    const out = await approve('approve', token, 'Rejected', 'not today');
    expect(out.approvedAt).toBeInstanceOf(Date);
    await statusIs('approve', id, 'Failed');
    const gate = (await actions('approve', id)).find((d) => d.actionName === 'Gate')!;
    expect(gate.status).toBe('Failed');
    expect(gate.updatedBy).toBe(CALLER);
    expect(stage(await stages('approve'), 'Approve').latestExecution!.status).toBe('Failed');
    expect(fake.execution(id)!.approvals[0]).toMatchObject({ status: 'Rejected', by: CALLER });
  });

  it('refuses a wrong token, a used token, a bad status and unknown stage/action', async () => {
    const id = await start('approve');
    const token = await stateToken('approve', 'Approve', id);
    await expect(approve('approve', '00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({
      name: 'InvalidApprovalTokenException',
    });
    await expect(approve('approve', token, 'Maybe')).rejects.toMatchObject({
      name: 'ValidationException',
    });
    const base = {
      pipelineName: 'approve',
      token,
      result: { status: 'Approved' as const, summary: 'x' },
    };
    await expect(
      client.send(new PutApprovalResultCommand({ ...base, stageName: 'Nope', actionName: 'Gate' })),
    ).rejects.toMatchObject({ name: 'StageNotFoundException' });
    await expect(
      client.send(
        new PutApprovalResultCommand({ ...base, stageName: 'Source', actionName: 'Src' }),
      ),
    ).rejects.toMatchObject({ name: 'ActionNotFoundException' });
    await approve('approve', token);
    await statusIs('approve', id, 'Succeeded');
    await expect(approve('approve', token)).rejects.toMatchObject({
      name: 'ApprovalAlreadyCompletedException',
    });
  });

  it('answers approvals from the console (answerApproval) with who answered', async () => {
    const id = await start('approve');
    await stateToken('approve', 'Approve', id);
    expect(() => fake.answerApproval(id, 'Approve', 'Nope', 'Approved')).toThrow();
    fake.answerApproval(id, 'Approve', 'Gate', 'Approved', undefined, 'console ok');
    await statusIs('approve', id, 'Succeeded');
    const gate = (await actions('approve', id)).find((d) => d.actionName === 'Gate')!;
    expect(gate.updatedBy).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);
  });

  it('times an approval out', async () => {
    const other = await startFakeCodePipeline({
      pipelines: [{ name: 'approve', stages: [source, approvalStage] }],
      actionMs: 20,
      approvalTimeoutMs: 80,
    });
    const c = new CodePipelineClient({ endpoint: other.url, region: 'eu-west-1', credentials });
    try {
      const { pipelineExecutionId: id } = await c.send(
        new StartPipelineExecutionCommand({ name: 'approve' }),
      );
      const failed = await waitFor(async () => {
        const out = await c.send(
          new GetPipelineExecutionCommand({ pipelineName: 'approve', pipelineExecutionId: id }),
        );
        return out.pipelineExecution!.status === 'Failed' && out.pipelineExecution;
      });
      expect(failed.status).toBe('Failed');
      const { actionExecutionDetails } = await c.send(
        new ListActionExecutionsCommand({
          pipelineName: 'approve',
          filter: { pipelineExecutionId: id },
        }),
      );
      expect(actionExecutionDetails![0]).toMatchObject({
        actionName: 'Gate',
        status: 'Failed',
        output: { executionResult: { externalExecutionSummary: 'Approval timed out' } },
      });
    } finally {
      c.destroy();
      await other.close();
    }
  });

  it('SUPERSEDED: a newer waiter supersedes the older one; states name the right ids', async () => {
    const a = await start('super');
    await stateToken('super', 'Approve', a);
    const b = await start('super');
    await waitFor(
      async () =>
        stage(await stages('super'), 'Approve').inboundExecution?.pipelineExecutionId === b,
    );
    let approveStage = stage(await stages('super'), 'Approve');
    expect(approveStage.latestExecution!.pipelineExecutionId).toBe(a);
    expect(stage(await stages('super'), 'Source').latestExecution!.pipelineExecutionId).toBe(b);

    const c = await start('super');
    await waitFor(
      async () =>
        stage(await stages('super'), 'Approve').inboundExecution?.pipelineExecutionId === c,
    );
    expect((await execution('super', b)).status).toBe('Superseded');
    expect((await execution('super', a)).status).toBe('InProgress');
    const list = await client.send(new ListPipelineExecutionsCommand({ pipelineName: 'super' }));
    expect(list.pipelineExecutionSummaries!.map((s) => [s.pipelineExecutionId, s.status])).toEqual([
      [c, 'InProgress'],
      [b, 'Superseded'],
      [a, 'InProgress'],
    ]);

    // The pending token belongs to a, still in the stage; approving it lets c in.
    const token = await stateToken('super', 'Approve', a);
    await approve('super', token);
    await statusIs('super', a, 'Succeeded');
    await stateToken('super', 'Approve', c);
    approveStage = stage(await stages('super'), 'Approve');
    expect(approveStage.inboundExecution).toBeUndefined();
    expect(approveStage.latestExecution!.pipelineExecutionId).toBe(c);
    fake.answerApproval(c, 'Approve', 'Gate', 'Approved');
    await statusIs('super', c, 'Succeeded');
  });

  it('QUEUED: waiters queue in order and none is superseded', async () => {
    const a = await start('queued');
    await stateToken('queued', 'Approve', a);
    const b = await start('queued');
    const c = await start('queued');
    const inbound = await waitFor(async () => {
      const s = stage(await stages('queued'), 'Approve');
      return s.inboundExecutions?.length === 2 && s.inboundExecutions;
    });
    expect(inbound.map((e) => e.pipelineExecutionId)).toEqual([b, c]);
    for (const id of [a, b, c]) {
      await approve('queued', await stateToken('queued', 'Approve', id));
      await statusIs('queued', id, 'Succeeded');
    }
    expect(fake.executions('queued').map((e) => e.status)).toEqual([
      'Succeeded',
      'Succeeded',
      'Succeeded',
    ]);
  });

  it('PARALLEL: two approvals pending at once, tokens via ListActionExecutions', async () => {
    const a = await start('parallel');
    const b = await start('parallel');
    const tokenOf = (id: string) =>
      waitFor(async () => {
        const gate = (await actions('parallel', id)).find((d) => d.actionName === 'Gate');
        return gate?.status === 'InProgress' && gate.output!.executionResult!.externalExecutionId;
      });
    const [ta, tb] = [await tokenOf(a), await tokenOf(b)];
    expect(ta).not.toBe(tb);
    expect(fake.pendingToken(a, 'Approve', 'Gate')).toBe(ta);
    const s = stage(await stages('parallel'), 'Approve');
    expect(s.latestExecution!.pipelineExecutionId).toBe(b);
    expect(s.actionStates![0]!.latestExecution!.token).toBe(tb);
    expect(s.inboundExecution).toBeUndefined();
    // Approve the older one first: only it proceeds.
    await approve('parallel', ta);
    await statusIs('parallel', a, 'Succeeded');
    expect((await execution('parallel', b)).status).toBe('InProgress');
    await approve('parallel', tb);
    await statusIs('parallel', b, 'Succeeded');
  });

  it('starts once per clientRequestToken and validates the token', async () => {
    const first = await start('fail', { clientRequestToken: 'retry-token-1' });
    const again = await start('fail', { clientRequestToken: 'retry-token-1' });
    expect(again).toBe(first);
    expect(fake.executions('fail').filter((e) => e.id === first)).toHaveLength(1);
    await expect(start('fail', { clientRequestToken: 'bad token!' })).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(start('fail', { clientRequestToken: 'x'.repeat(129) })).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('resolves variables and refuses undeclared ones and V1 pipelines', async () => {
    const id = await start('web', { variables: [{ name: 'TAG', value: 'v2' }] });
    expect((await execution('web', id)).variables).toEqual([
      { name: 'ENV', resolvedValue: 'staging' },
      { name: 'TAG', resolvedValue: 'v2' },
    ]);
    fake.stopExecution(id, { abandon: true });
    await expect(start('web', { variables: [{ name: 'NOPE', value: '1' }] })).rejects.toMatchObject(
      { name: 'ValidationException', message: expect.stringContaining('NOPE') },
    );
    await expect(
      start('classic', { variables: [{ name: 'X', value: '1' }] }),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('applies sourceRevisions: COMMIT_ID shows in artifactRevisions; unknown action refused', async () => {
    const sha = 'c0ffee'.padEnd(40, '0');
    const id = await start('fail', {
      sourceRevisions: [{ actionName: 'Src', revisionType: 'COMMIT_ID', revisionValue: sha }],
    });
    const e = await waitFor(async () => {
      const x = await execution('fail', id);
      return (x.artifactRevisions ?? []).length > 0 && x;
    });
    expect(e.artifactRevisions![0]).toMatchObject({ name: 'SourceArtifact', revisionId: sha });
    expect(fake.execution(id)!.commit).toBe(sha);
    const list = await client.send(new ListPipelineExecutionsCommand({ pipelineName: 'fail' }));
    const summary = list.pipelineExecutionSummaries!.find((s) => s.pipelineExecutionId === id)!;
    expect(summary.sourceRevisions).toEqual([
      expect.objectContaining({ actionName: 'Src', revisionId: sha }),
    ]);
    await expect(
      start('fail', {
        sourceRevisions: [{ actionName: 'Compile', revisionType: 'COMMIT_ID', revisionValue: sha }],
      }),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/not found/),
    });
    await expect(
      start('fail', {
        sourceRevisions: [{ actionName: 'Src', revisionType: 'BRANCH', revisionValue: 'main' }],
      }),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      start('classic', {
        sourceRevisions: [{ actionName: 'Src', revisionType: 'COMMIT_ID', revisionValue: sha }],
      }),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('stops without abandon (Stopping, then Stopped) and refuses a duplicate stop', async () => {
    const id = await start('stop');
    await waitFor(
      async () => stage(await stages('stop'), 'Build').latestExecution?.pipelineExecutionId === id,
    );
    const out = await client.send(
      new StopPipelineExecutionCommand({
        pipelineName: 'stop',
        pipelineExecutionId: id,
        reason: 'superseded by hotfix',
      }),
    );
    expect(out.pipelineExecutionId).toBe(id);
    expect((await execution('stop', id)).status).toBe('Stopping');
    await expect(
      client.send(
        new StopPipelineExecutionCommand({ pipelineName: 'stop', pipelineExecutionId: id }),
      ),
    ).rejects.toMatchObject({ name: 'DuplicatedStopRequestException' });
    await statusIs('stop', id, 'Stopped');
    const list = await client.send(new ListPipelineExecutionsCommand({ pipelineName: 'stop' }));
    const summary = list.pipelineExecutionSummaries!.find((s) => s.pipelineExecutionId === id)!;
    expect(summary.stopTrigger).toEqual({ reason: 'superseded by hotfix' });
    const compile = (await actions('stop', id)).find((d) => d.actionName === 'Compile')!;
    expect(compile.status).toBe('Succeeded');
    expect(stage(await stages('stop'), 'Build').latestExecution!.status).toBe('Stopped');
    expect(stage(await stages('stop'), 'Approve').latestExecution).toBeUndefined();
    await expect(
      client.send(
        new StopPipelineExecutionCommand({ pipelineName: 'stop', pipelineExecutionId: id }),
      ),
    ).rejects.toMatchObject({ name: 'PipelineExecutionNotStoppableException' });
    expect(fake.execution(id)!.stopRequest).toMatchObject({
      abandon: false,
      reason: 'superseded by hotfix',
    });
  });

  it('stops with abandon at once: in-progress actions Abandoned', async () => {
    const id = await start('stop');
    await waitFor(
      async () => stage(await stages('stop'), 'Build').latestExecution?.pipelineExecutionId === id,
    );
    await client.send(
      new StopPipelineExecutionCommand({
        pipelineName: 'stop',
        pipelineExecutionId: id,
        abandon: true,
      }),
    );
    expect((await execution('stop', id)).status).toBe('Stopped');
    const compile = (await actions('stop', id)).find((d) => d.actionName === 'Compile')!;
    expect(compile.status).toBe('Abandoned');
    await expect(
      client.send(
        new StopPipelineExecutionCommand({
          pipelineName: 'stop',
          pipelineExecutionId: id,
          abandon: true,
        }),
      ),
    ).rejects.toMatchObject({ name: 'PipelineExecutionNotStoppableException' });
  });

  it('pages ListActionExecutions with maxResults 2', async () => {
    const all = await actions('web');
    expect(all.length).toBeGreaterThan(5);
    const seen: ActionExecutionDetail[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const out = await client.send(
        new ListActionExecutionsCommand({ pipelineName: 'web', maxResults: 2, nextToken }),
      );
      expect(out.actionExecutionDetails!.length).toBeLessThanOrEqual(2);
      seen.push(...out.actionExecutionDetails!);
      nextToken = out.nextToken;
      pages++;
    } while (nextToken);
    expect(pages).toBe(Math.ceil(all.length / 2));
    expect(seen.map((d) => d.actionExecutionId)).toEqual(all.map((d) => d.actionExecutionId));
    await expect(
      client.send(new ListActionExecutionsCommand({ pipelineName: 'web', nextToken: 'garbage' })),
    ).rejects.toMatchObject({ name: 'InvalidNextTokenException' });
    await expect(
      client.send(new ListActionExecutionsCommand({ pipelineName: 'web', maxResults: 0 })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('starts external executions as a webhook would', async () => {
    const sha = 'e'.repeat(40);
    const info = fake.startExternalExecution('fail', { commit: sha });
    expect(info.commit).toBe(sha);
    const e = await execution('fail', info.id);
    expect(e.trigger!.triggerType).toBe('Webhook');
    await statusIs('fail', info.id, 'Succeeded');
  });

  it('throttles once, and the SDK retry succeeds', async () => {
    const before = fake.calls.length;
    fake.failNext('CodePipeline.GetPipelineState', { error: 'ThrottlingException' });
    const out = await client.send(new GetPipelineStateCommand({ name: 'web' }));
    expect(out.pipelineName).toBe('web');
    const mine = fake.calls
      .slice(before)
      .filter((c) => c.operation === 'CodePipeline.GetPipelineState');
    expect(mine.map((c) => [c.status, c.errorType])).toEqual([
      [400, 'ThrottlingException'],
      [200, undefined],
    ]);
    expect(mine.map((c) => c.attempt)).toEqual([1, 2]);
  });

  it('answers AccessDenied with the IAM sentence, and InternalFailure with 500', async () => {
    const single = singleAttempt();
    try {
      fake.failNext('CodePipeline.GetPipelineExecution', { error: 'AccessDeniedException' });
      await expect(
        single.send(
          new GetPipelineExecutionCommand({ pipelineName: 'web', pipelineExecutionId: 'x' }),
        ),
      ).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: `User: ${CALLER} is not authorized to perform: codepipeline:GetPipelineExecution on resource: arn:aws:codepipeline:us-east-1:${ACCOUNT}:web because no identity-based policy allows the codepipeline:GetPipelineExecution action`,
        $metadata: expect.objectContaining({ httpStatusCode: 400 }),
      });
      fake.failNext('*', { error: 'AccessDeniedException' });
      await expect(
        single.send(
          new PutApprovalResultCommand({
            pipelineName: 'web',
            stageName: 'Release',
            actionName: 'Gate',
            token: 't',
            result: { status: 'Approved', summary: 's' },
          }),
        ),
      ).rejects.toMatchObject({
        message: expect.stringContaining(
          `on resource: arn:aws:codepipeline:us-east-1:${ACCOUNT}:web/Release/Gate because`,
        ),
      });
      fake.failNext('CodePipeline.GetPipeline', { error: 'InternalFailure' });
      await expect(single.send(new GetPipelineCommand({ name: 'web' }))).rejects.toMatchObject({
        $metadata: expect.objectContaining({ httpStatusCode: 500 }),
      });
      expect(fake.counts()['CodePipeline.GetPipeline']).toBeGreaterThan(0);
    } finally {
      single.destroy();
    }
  });

  it('answers unknown pipelines, executions and operations like CodePipeline', async () => {
    await expect(client.send(new GetPipelineStateCommand({ name: 'nope' }))).rejects.toMatchObject({
      name: 'PipelineNotFoundException',
      message: `Account '${ACCOUNT}' does not have a pipeline with name 'nope'`,
    });
    await expect(
      client.send(
        new GetPipelineExecutionCommand({
          pipelineName: 'web',
          pipelineExecutionId: '00000000-0000-0000-0000-000000000000',
        }),
      ),
    ).rejects.toMatchObject({ name: 'PipelineExecutionNotFoundException' });
    const post = (target: string, body: string) =>
      fetch(fake.url, {
        method: 'POST',
        headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1' },
        body,
      });
    const unknown = await post('CodePipeline_20150709.DeletePipeline', '{}');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });
    const bad = await post('CodePipeline_20150709.GetPipeline', '{not json');
    expect(await bad.json()).toMatchObject({ __type: 'SerializationException' });
    const missing = await post('CodePipeline_20150709.GetPipeline', '{}');
    expect(await missing.json()).toMatchObject({ __type: 'ValidationException' });
    expect(fake.counts()['Unknown.'] ?? 0).toBe(0);
  });
});
