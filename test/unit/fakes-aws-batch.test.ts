/**
 * Proves the fake's batch builds behave like CodeBuild's to the real SDK v3 client: the BuildBatch
 * object and its phases, build groups with PENDING and never-started members, members as real
 * builds with their own logs, build-graph dependencies, fast-fail, StopBuildBatch, idempotency,
 * the 100-id limit and injected faults.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { Build, BuildBatch, BuildGroup } from '@aws-sdk/client-codebuild';
import {
  BatchGetBuildBatchesCommand,
  BatchGetBuildsCommand,
  CodeBuildClient,
  StartBuildBatchCommand,
  StopBuildBatchCommand,
} from '@aws-sdk/client-codebuild';
import {
  failureScenario,
  startFakeAws,
  steadyLogScenario,
  successScenario,
  type FakeAws,
} from '../fakes/aws-server.js';
import { TEST_CREDENTIALS, sdkClients, type SdkClients } from '../helpers/sdk-clients.js';
import { tenMemberBatch } from '../fakes/aws-batch.js';

const credentials = TEST_CREDENTIALS;
let aws: FakeAws;
let clients: SdkClients;
let codebuild: CodeBuildClient;
let logs: CloudWatchLogsClient;

beforeAll(async () => {
  aws = await startFakeAws({ projects: ['mono', 'other'], stopDelayMs: 200 });
  clients = sdkClients(aws);
  ({ codebuild, logs } = clients);
});

afterAll(async () => {
  clients.destroy();
  await aws.close();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function startBatch(extra: Record<string, unknown> = {}, project = 'mono') {
  const { buildBatch } = await codebuild.send(
    new StartBuildBatchCommand({ projectName: project, ...extra }),
  );
  return buildBatch!;
}

async function getBatch(id: string): Promise<BuildBatch> {
  const { buildBatches } = await codebuild.send(new BatchGetBuildBatchesCommand({ ids: [id] }));
  return buildBatches![0]!;
}

/** Poll BatchGetBuildBatches until `until` holds (5 s at most). */
async function waitBatch(id: string, until: (b: BuildBatch) => boolean): Promise<BuildBatch> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const batch = await getBatch(id);
    if (until(batch)) return batch;
    if (Date.now() > deadline) throw new Error(`batch never got there: ${JSON.stringify(batch)}`);
    await sleep(20);
  }
}

const group = (batch: BuildBatch, identifier: string): BuildGroup =>
  batch.buildGroups!.find((g) => g.identifier === identifier)!;
const idOf = (arn: string): string => arn.split(':build/')[1]!;
const statuses = (batch: BuildBatch): Record<string, string | undefined> =>
  Object.fromEntries(
    (batch.buildGroups ?? []).map((g) => [g.identifier!, g.currentBuildSummary?.buildStatus]),
  );
const phaseList = (batch: BuildBatch): string[] =>
  batch.phases!.map((p) => `${p.phaseType}:${p.phaseStatus ?? '-'}`);

async function getBuilds(ids: string[]) {
  return codebuild.send(new BatchGetBuildsCommand({ ids }));
}

describe('fake CodeBuild batch builds', () => {
  it('runs a build graph: a failure, a slow member, an ignored failure and a late dependent', async () => {
    aws.scriptBatch('mono', {
      members: [
        { identifier: 'unit', scenario: failureScenario() },
        {
          identifier: 'slow',
          scenario: steadyLogScenario({ durationMs: 1_000, linesPerSecond: 20 }),
        },
        {
          identifier: 'lenient',
          scenario: failureScenario({ command: 'npm run lint' }),
          ignoreFailure: true,
        },
        {
          identifier: 'late',
          scenario: successScenario({ logs: { BUILD: ['deploying', 'done'] } }),
          dependsOn: ['slow'],
        },
      ],
      batchspecMs: 150,
    });
    const started = await startBatch({
      sourceVersion: 'main',
      buildBatchConfigOverride: { combineArtifacts: false, timeoutInMins: 60 },
    });
    expect(started.id).toMatch(/^mono:[0-9a-f-]{36}$/);
    expect(started.arn).toBe(`arn:aws:codebuild:us-east-1:123456789012:build-batch/${started.id}`);
    expect(started.startTime).toBeInstanceOf(Date);
    expect(started.buildBatchStatus).toBe('IN_PROGRESS');
    expect(started.currentPhase).toBe('SUBMITTED');
    expect(started.complete).toBe(false);
    expect(started.sourceVersion).toBe('main');
    expect(started.resolvedSourceVersion).toBeUndefined();
    expect(started.buildGroups).toBeUndefined();
    expect(started.initiator).toBe('ci/x');
    expect(started.buildBatchNumber).toBe(1);
    expect(started.buildBatchConfig).toMatchObject({ combineArtifacts: false, timeoutInMins: 60 });
    expect(started.logConfig!.cloudWatchLogs!.status).toBe('ENABLED');

    // While the batchspec is read, only the DOWNLOAD_SOURCE group (a build of its own) exists.
    const reading = await waitBatch(started.id!, (b) => b.currentPhase === 'DOWNLOAD_BATCHSPEC');
    expect(reading.buildGroups!.map((g) => g.identifier)).toEqual(['DOWNLOAD_SOURCE']);

    // Once it is read, every group has an ARN; the dependent one waits as PENDING and is no build yet.
    const running = await waitBatch(started.id!, (b) => statuses(b).slow === 'IN_PROGRESS');
    expect(running.currentPhase).toBe('IN_PROGRESS');
    expect(running.resolvedSourceVersion).toMatch(/^[0-9a-f]{40}$/);
    expect(running.buildGroups!.map((g) => g.identifier)).toEqual([
      'DOWNLOAD_SOURCE',
      'unit',
      'slow',
      'lenient',
      'late',
    ]);
    expect(group(running, 'late')).toMatchObject({
      dependsOn: ['slow'],
      ignoreFailure: false,
      currentBuildSummary: { buildStatus: 'PENDING' },
    });
    expect(group(running, 'lenient').ignoreFailure).toBe(true);
    expect(group(running, 'DOWNLOAD_SOURCE').dependsOn).toBeUndefined();
    const lateId = idOf(group(running, 'late').currentBuildSummary!.arn!);
    expect((await getBuilds([lateId])).buildsNotFound).toEqual([lateId]);

    const done = await waitBatch(started.id!, (b) => b.complete === true);
    expect(done.buildBatchStatus).toBe('FAILED');
    expect(done.currentPhase).toBe('FAILED');
    expect(done.endTime).toBeInstanceOf(Date);
    expect(phaseList(done)).toEqual([
      'SUBMITTED:SUCCEEDED',
      'DOWNLOAD_BATCHSPEC:SUCCEEDED',
      'IN_PROGRESS:CLIENT_ERROR',
      'FAILED:-',
    ]);
    expect(statuses(done)).toEqual({
      DOWNLOAD_SOURCE: 'SUCCEEDED',
      unit: 'FAILED',
      slow: 'SUCCEEDED',
      lenient: 'FAILED',
      late: 'SUCCEEDED',
    });
    expect(group(done, 'unit').currentBuildSummary!.primaryArtifact).toEqual({
      type: 'no_artifacts',
      identifier: 'unit',
    });
    const lateStart = group(done, 'late').currentBuildSummary!.requestedOn!.getTime();
    const slowId = idOf(group(done, 'slow').currentBuildSummary!.arn!);
    expect(lateStart).toBeGreaterThanOrEqual(aws.build(slowId)!.finalAt);

    // Every member is a build: own number, buildBatchArn, own log stream.
    const ids = done.buildGroups!.map((g) => idOf(g.currentBuildSummary!.arn!));
    const { builds, buildsNotFound } = await getBuilds(ids);
    expect(buildsNotFound).toEqual([]);
    expect(builds!.map((b) => b.buildBatchArn)).toEqual(ids.map(() => done.arn));
    expect(new Set(builds!.map((b) => b.buildNumber)).size).toBe(5);
    const late = builds!.find((b) => b.id === lateId)!;
    expect(late.buildStatus).toBe('SUCCEEDED');
    const text = await readLog(late);
    expect(text).toContain('deploying\n');
    expect(text).toContain('Phase complete: BUILD State: SUCCEEDED\n');
    const unit = builds!.find((b) => b.id === ids[1])!;
    expect(await readLog(unit)).toContain('Phase complete: BUILD State: FAILED\n');

    const info = aws.batch(started.id!)!;
    expect(info.isFinal).toBe(true);
    expect(info.memberBuildIds).toEqual(ids.slice(1));
    expect(info.downloadSourceBuildId).toBe(ids[0]);
    expect(info.request).toMatchObject({ projectName: 'mono', sourceVersion: 'main' });
    expect(aws.batches().map((b) => b.id)).toContain(started.id);
  });

  it('succeeds through COMBINE_ARTIFACTS when every member succeeds', async () => {
    aws.scriptBatch('other', tenMemberBatch());
    const started = await startBatch({}, 'other');
    const done = await waitBatch(started.id!, (b) => b.complete === true);
    expect(done.buildBatchStatus).toBe('SUCCEEDED');
    expect(phaseList(done)).toEqual([
      'SUBMITTED:SUCCEEDED',
      'DOWNLOAD_BATCHSPEC:SUCCEEDED',
      'IN_PROGRESS:SUCCEEDED',
      'COMBINE_ARTIFACTS:SUCCEEDED',
      'SUCCEEDED:-',
    ]);
    expect(done.buildGroups).toHaveLength(11);
    expect(Object.values(statuses(done)).every((s) => s === 'SUCCEEDED')).toBe(true);
  });

  it('fast-fail stops running members and never starts the waiting ones', async () => {
    aws.scriptBatch('mono', {
      fastFail: true,
      members: [
        {
          identifier: 'broken',
          scenario: failureScenario({ phase: 'INSTALL', command: 'npm ci' }),
        },
        {
          identifier: 'long',
          scenario: steadyLogScenario({ durationMs: 3_000, linesPerSecond: 10 }),
        },
        { identifier: 'after', scenario: successScenario(), dependsOn: ['long'] },
      ],
    });
    const started = await startBatch();
    const done = await waitBatch(started.id!, (b) => b.complete === true);
    expect(done.buildBatchStatus).toBe('FAILED');
    expect(statuses(done)).toMatchObject({ broken: 'FAILED', long: 'STOPPED', after: 'STOPPED' });
    expect(group(done, 'after').currentBuildSummary!.primaryArtifact).toBeUndefined();
    const longId = idOf(group(done, 'long').currentBuildSummary!.arn!);
    const afterId = idOf(group(done, 'after').currentBuildSummary!.arn!);
    const { builds, buildsNotFound } = await getBuilds([longId, afterId]);
    expect(buildsNotFound).toEqual([afterId]);
    expect(builds![0]!.phases!.find((p) => p.phaseStatus === 'STOPPED')).toBeDefined();
    expect(aws.batch(started.id!)!.members.find((m) => m.identifier === 'after')).toMatchObject({
      neverStarted: true,
    });
  });

  it('without fast-fail, a failure only keeps its dependents from starting', async () => {
    aws.scriptBatch('mono', {
      members: [
        { identifier: 'base', scenario: failureScenario() },
        { identifier: 'child', scenario: successScenario(), dependsOn: ['base'] },
        { identifier: 'grandchild', scenario: successScenario(), dependsOn: ['child'] },
        { identifier: 'solo', scenario: successScenario({ timings: { BUILD: 800 } }) },
      ],
    });
    const done = await waitBatch((await startBatch()).id!, (b) => b.complete === true);
    expect(done.buildBatchStatus).toBe('FAILED');
    expect(statuses(done)).toMatchObject({
      base: 'FAILED',
      child: 'STOPPED',
      grandchild: 'STOPPED',
      solo: 'SUCCEEDED',
    });
  });

  it('StopBuildBatch stops the batch at once; running members become STOPPED after the stop delay', async () => {
    aws.scriptBatch('mono', {
      members: [
        {
          identifier: 'long',
          scenario: steadyLogScenario({ durationMs: 5_000, linesPerSecond: 10 }),
        },
        { identifier: 'next', scenario: successScenario(), dependsOn: ['long'] },
      ],
    });
    const started = await startBatch();
    await waitBatch(started.id!, (b) => statuses(b).long === 'IN_PROGRESS');
    const { buildBatch: answer } = await codebuild.send(
      new StopBuildBatchCommand({ id: started.id! }),
    );
    // As CodeBuild answers: the batch is STOPPED and complete while its members still run.
    expect(answer!.buildBatchStatus).toBe('STOPPED');
    expect(answer!.complete).toBe(true);
    expect(phaseList(answer!).slice(-2)).toEqual(['IN_PROGRESS:STOPPED', 'STOPPED:-']);
    expect(statuses(answer!)).toMatchObject({ long: 'IN_PROGRESS', next: 'PENDING' });
    expect(aws.batch(started.id!)!.stopRequestedAt).toBeGreaterThan(0);

    const settled = await waitBatch(started.id!, (b) => statuses(b).long === 'STOPPED');
    expect(statuses(settled).next).toBe('STOPPED');
    const longId = idOf(group(settled, 'long').currentBuildSummary!.arn!);
    const build = (await getBuilds([longId])).builds![0]!;
    expect(build.buildStatus).toBe('STOPPED');
    expect(
      build.endTime!.getTime() - aws.batch(started.id!)!.stopRequestedAt!,
    ).toBeGreaterThanOrEqual(200);
    await expect(
      codebuild.send(new StopBuildBatchCommand({ id: 'mono:nope' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('returns the same batch for a repeated idempotency token, and refuses it with other parameters', async () => {
    const first = await startBatch({ idempotencyToken: 'batch-tok', sourceVersion: 'main' });
    const again = await startBatch({ idempotencyToken: 'batch-tok', sourceVersion: 'main' });
    expect(again.id).toBe(first.id);
    expect(aws.batches().filter((b) => b.id === first.id)).toHaveLength(1);
    await expect(
      startBatch({ idempotencyToken: 'batch-tok', sourceVersion: 'dev' }),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });
    await expect(startBatch({}, 'nope')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Project cannot be found: arn:aws:codebuild:us-east-1:123456789012:project/nope',
    });
  });

  it('takes at most 100 ids and lists unknown ones as not found', async () => {
    const batch = await startBatch();
    const { buildBatches, buildBatchesNotFound } = await codebuild.send(
      new BatchGetBuildBatchesCommand({ ids: [batch.id!, 'mono:missing', batch.id!] }),
    );
    expect(buildBatches!.map((b) => b.id)).toEqual([batch.id]);
    expect(buildBatchesNotFound).toEqual(['mono:missing']);
    const ids = Array.from({ length: 101 }, (_, i) => `mono:${i}`);
    await expect(codebuild.send(new BatchGetBuildBatchesCommand({ ids }))).rejects.toMatchObject({
      name: 'InvalidInputException',
    });
  });

  it('answers injected AccessDenied naming the batch action and the project', async () => {
    const once = new CodeBuildClient({
      endpoint: aws.url,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    });
    const before = aws.counts()['CodeBuild.StartBuildBatch'] ?? 0;
    aws.failNext('CodeBuild.StartBuildBatch', { error: 'AccessDeniedException' });
    await expect(
      once.send(new StartBuildBatchCommand({ projectName: 'mono' })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message:
        'User: arn:aws:sts::123456789012:assumed-role/ci/x is not authorized to perform: codebuild:StartBuildBatch on resource: arn:aws:codebuild:us-east-1:123456789012:project/mono because no identity-based policy allows the codebuild:StartBuildBatch action',
    });
    aws.failNext('CodeBuild.BatchGetBuildBatches', { error: 'ThrottlingException' });
    await expect(
      once.send(new BatchGetBuildBatchesCommand({ ids: ['mono:x'] })),
    ).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(aws.counts()['CodeBuild.StartBuildBatch']).toBe(before + 1);
    expect(aws.calls.at(-1)).toMatchObject({
      operation: 'CodeBuild.BatchGetBuildBatches',
      errorType: 'ThrottlingException',
    });
    once.destroy();
  });
});

async function readLog(build: Build): Promise<string> {
  let text = '';
  let token: string | undefined;
  for (;;) {
    const page = await logs.send(
      new GetLogEventsCommand({
        logGroupName: build.logs!.groupName,
        logStreamName: build.logs!.streamName,
        startFromHead: true,
        ...(token ? { nextToken: token } : {}),
      }),
    );
    if (page.events!.length === 0) return text;
    text += page.events!.map((e) => e.message).join('');
    token = page.nextForwardToken;
  }
}
