/**
 * Proves the fake AWS endpoint behaves like CodeBuild and CloudWatch Logs to the real SDK v3
 * clients: parsing, phase progression, failure semantics, log pagination, faults, idempotency,
 * stops, S3-only logging and late log lines; ListBuildsForProject and builds started elsewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { Build } from '@aws-sdk/client-codebuild';
import {
  BatchGetBuildsCommand,
  CodeBuildClient,
  ListBuildsForProjectCommand,
  StartBuildCommand,
  StopBuildCommand,
  paginateListBuildsForProject,
} from '@aws-sdk/client-codebuild';
import {
  PHASE_ORDER,
  bigLogScenario,
  failureScenario,
  lateLogScenario,
  s3OnlyScenario,
  startFakeAws,
  steadyLogScenario,
  successScenario,
  timeoutScenario,
  type FakeAws,
  type FakeBuildInfo,
} from '../fakes/aws-server.js';
import { TEST_CREDENTIALS, sdkClients, type SdkClients } from '../helpers/sdk-clients.js';

const credentials = TEST_CREDENTIALS;
let aws: FakeAws;
let clients: SdkClients;
let codebuild: CodeBuildClient;
let logs: CloudWatchLogsClient;

beforeAll(async () => {
  aws = await startFakeAws({
    projects: [
      'app',
      'other',
      { name: 'quiet', cloudWatchLogs: false },
      'many',
      'few',
      'hooks',
      {
        name: 'bb',
        source: { type: 'BITBUCKET', location: 'https://bitbucket.org/example/bb.git' },
      },
    ],
  });
  clients = sdkClients(aws);
  ({ codebuild, logs } = clients);
});

afterAll(async () => {
  clients.destroy();
  await aws.close();
});

/** A CodeBuild client that does not retry, to see each injected fault. */
const singleAttemptCodeBuild = (): CodeBuildClient =>
  new CodeBuildClient({ endpoint: aws.url, region: 'us-east-1', credentials, maxAttempts: 1 });

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function start(project = 'app', extra: Record<string, unknown> = {}): Promise<Build> {
  const { build } = await codebuild.send(new StartBuildCommand({ projectName: project, ...extra }));
  return build!;
}

async function get(id: string): Promise<Build> {
  const { builds } = await codebuild.send(new BatchGetBuildsCommand({ ids: [id] }));
  return builds![0]!;
}

/** Wait (without API calls) until the fake says the build is final, then fetch it. */
async function finished(id: string, extraMs = 0): Promise<Build> {
  const finalAt = aws.build(id)!.finalAt;
  await sleep(Math.max(0, finalAt - Date.now()) + 20 + extraMs);
  return get(id);
}

/** Read the stream from the head until a page comes back empty; returns pages and last token. */
async function readAll(build: Build, limit?: number) {
  const pages: string[][] = [];
  let token: string | undefined;
  for (;;) {
    const page = await logs.send(
      new GetLogEventsCommand({
        logGroupName: build.logs!.groupName,
        logStreamName: build.logs!.streamName,
        startFromHead: true,
        ...(token ? { nextToken: token } : {}),
        ...(limit ? { limit } : {}),
      }),
    );
    const messages = page.events!.map((e) => e.message!);
    if (messages.length === 0) return { pages, sent: token, returned: page.nextForwardToken };
    pages.push(messages);
    token = page.nextForwardToken;
  }
}

describe('fake CodeBuild', () => {
  it('answers StartBuild with a build the SDK parses, signed and numbered per project', async () => {
    const first = await start('other', { sourceVersion: 'a'.repeat(40) });
    const second = await start('other');

    expect(first.id).toMatch(/^other:[0-9a-f-]{36}$/);
    expect(first.arn).toBe(`arn:aws:codebuild:us-east-1:123456789012:build/${first.id}`);
    expect(first.startTime).toBeInstanceOf(Date);
    expect(Math.abs(first.startTime!.getTime() - Date.now())).toBeLessThan(5_000);
    expect(first.buildStatus).toBe('IN_PROGRESS');
    expect(first.buildComplete).toBe(false);
    expect(first.currentPhase).toBe('SUBMITTED');
    expect(first.sourceVersion).toBe('a'.repeat(40));
    expect(first.initiator).toBe('ci/x');
    // No stream yet: CodeBuild answers with "null" in the link, not with a stream name.
    expect(first.logs!.streamName).toBeUndefined();
    expect(first.logs!.deepLink).toContain('group=null;stream=null');
    expect([first.buildNumber, second.buildNumber]).toEqual([1, 2]);

    const call = aws.calls.find((c) => c.operation === 'CodeBuild.StartBuild')!;
    expect(call.signed).toBe(true);
    expect(call.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
    expect(call.headers.contentType).toBe('application/x-amz-json-1.1');
    expect(call.body).toMatchObject({ projectName: 'other' });
  });

  it('rejects an unknown project like CodeBuild', async () => {
    await expect(start('nope')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Project cannot be found: arn:aws:codebuild:us-east-1:123456789012:project/nope',
    });
  });

  it('moves through the phases in order and completes with logs, commit and exported variables', async () => {
    aws.script('app', successScenario({ exportedVariables: { IMAGE_TAG: 'v1' } }));
    const build = await start('app', {
      sourceVersion: 'main',
      environmentVariablesOverride: [{ name: 'STAGE', value: 'test', type: 'PLAINTEXT' }],
    });
    const seen: string[] = [];
    let current = build;
    while (!current.buildComplete) {
      if (seen.at(-1) !== current.currentPhase) seen.push(current.currentPhase!);
      if (current.currentPhase === 'SUBMITTED' || current.currentPhase === 'QUEUED') {
        expect(current.resolvedSourceVersion).toBeUndefined();
      }
      expect(current.exportedEnvironmentVariables).toBeUndefined();
      await sleep(15);
      current = await get(build.id!);
    }

    const order = [...PHASE_ORDER];
    const indexes = seen.map((p) => order.indexOf(p as (typeof order)[number]));
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
    expect(seen.length).toBeGreaterThan(3);

    expect(current.buildStatus).toBe('SUCCEEDED');
    expect(current.currentPhase).toBe('COMPLETED');
    expect(current.endTime).toBeInstanceOf(Date);
    expect(current.phases!.map((p) => p.phaseType)).toEqual(order);
    for (const phase of current.phases!.slice(0, -1)) {
      expect(phase.phaseStatus).toBe('SUCCEEDED');
      expect(phase.endTime!.getTime()).toBeGreaterThanOrEqual(phase.startTime!.getTime());
    }
    expect(current.phases!.at(-1)).toEqual({ phaseType: 'COMPLETED', startTime: current.endTime });
    expect(current.resolvedSourceVersion).toMatch(/^[0-9a-f]{40}$/);
    expect(current.exportedEnvironmentVariables).toEqual([{ name: 'IMAGE_TAG', value: 'v1' }]);
    expect(current.environment!.environmentVariables).toEqual([
      { name: 'STAGE', value: 'test', type: 'PLAINTEXT' },
    ]);
    const uuid = build.id!.split(':')[1];
    expect(current.logs).toMatchObject({
      groupName: '/aws/codebuild/app',
      streamName: uuid,
      deepLink: `https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#logEvent:group=/aws/codebuild/app;stream=${uuid}`,
      cloudWatchLogsArn: `arn:aws:logs:us-east-1:123456789012:log-group:/aws/codebuild/app:log-stream:${uuid}`,
      cloudWatchLogs: { status: 'ENABLED' },
    });

    const { pages } = await readAll(current);
    const text = pages.flat().join('');
    expect(text).toMatch(
      /^\[Container\] \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\.\d{6} Running on CodeBuild On-demand\n/,
    );
    expect(text).toContain('Entering phase BUILD\n');
    expect(text).toContain('Running command make test\n');
    expect(text).toContain('output line 5 of 5\n');
    expect(text).toContain('Phase complete: UPLOAD_ARTIFACTS State: SUCCEEDED\n');
  });

  it('runs POST_BUILD and UPLOAD_ARTIFACTS after a failed BUILD, but skips to FINALIZING after PRE_BUILD', async () => {
    aws.script(
      'app',
      failureScenario({ phase: 'BUILD' }),
      failureScenario({ phase: 'PRE_BUILD', command: 'npm ci', exitCode: 1 }),
    );
    const buildFail = await start('app');
    const preFail = await start('app');
    await finished(preFail.id!);
    await finished(buildFail.id!);
    const { builds, buildsNotFound } = await codebuild.send(
      new BatchGetBuildsCommand({ ids: [buildFail.id!, preFail.id!, 'app:missing'] }),
    );
    expect(buildsNotFound).toEqual(['app:missing']);
    const [a, b] = builds!;

    expect(a!.buildStatus).toBe('FAILED');
    expect(a!.phases!.map((p) => `${p.phaseType}:${p.phaseStatus ?? '-'}`)).toEqual([
      'SUBMITTED:SUCCEEDED',
      'QUEUED:SUCCEEDED',
      'PROVISIONING:SUCCEEDED',
      'DOWNLOAD_SOURCE:SUCCEEDED',
      'INSTALL:SUCCEEDED',
      'PRE_BUILD:SUCCEEDED',
      'BUILD:FAILED',
      'POST_BUILD:SUCCEEDED',
      'UPLOAD_ARTIFACTS:SUCCEEDED',
      'FINALIZING:SUCCEEDED',
      'COMPLETED:-',
    ]);
    expect(a!.phases!.find((p) => p.phaseType === 'BUILD')!.contexts).toEqual([
      {
        statusCode: 'COMMAND_EXECUTION_ERROR',
        message: 'Error while executing command: make test. Reason: exit status 2',
      },
    ]);

    expect(b!.buildStatus).toBe('FAILED');
    expect(b!.phases!.map((p) => p.phaseType)).toEqual([
      'SUBMITTED',
      'QUEUED',
      'PROVISIONING',
      'DOWNLOAD_SOURCE',
      'INSTALL',
      'PRE_BUILD',
      'FINALIZING',
      'COMPLETED',
    ]);

    const lines = aws.logMessages(a!.id!).map((m) => m.replace(/^\[Container\] \S+ \S+ /, ''));
    const failedAt = lines.indexOf('Command did not exit successfully make test exit status 2\n');
    expect(lines.slice(failedAt, failedAt + 4)).toEqual([
      'Command did not exit successfully make test exit status 2\n',
      'Phase complete: BUILD State: FAILED\n',
      'Phase context status code: COMMAND_EXECUTION_ERROR Message: Error while executing command: make test. Reason: exit status 2\n',
      'Entering phase POST_BUILD\n',
    ]);
  });

  it('times out a phase: TIMED_OUT, no summary line from the killed container', async () => {
    aws.script('app', timeoutScenario());
    const build = await finished((await start('app')).id!);
    expect(build.buildStatus).toBe('TIMED_OUT');
    const phase = build.phases!.find((p) => p.phaseType === 'BUILD')!;
    expect(phase.phaseStatus).toBe('TIMED_OUT');
    expect(phase.contexts![0]!.statusCode).toBe('BUILD_TIMED_OUT');
    expect(build.phases!.map((p) => p.phaseType).slice(-3)).toEqual([
      'BUILD',
      'FINALIZING',
      'COMPLETED',
    ]);
    expect(aws.logMessages(build.id!).some((m) => m.includes('Phase complete: BUILD'))).toBe(false);
  });

  it('returns the same build for a repeated idempotency token, and refuses it with other parameters', async () => {
    const first = await start('app', { idempotencyToken: 'tok-1', sourceVersion: 'main' });
    const again = await start('app', { idempotencyToken: 'tok-1', sourceVersion: 'main' });
    expect(again.id).toBe(first.id);
    expect(aws.builds().filter((b) => b.id === first.id)).toHaveLength(1);
    await expect(
      start('app', { idempotencyToken: 'tok-1', sourceVersion: 'dev' }),
    ).rejects.toMatchObject({
      name: 'InvalidInputException',
    });
  });

  it('stops a build after the stop delay: phase STOPPED, then FINALIZING, status STOPPED', async () => {
    aws.script(
      'app',
      steadyLogScenario({ durationMs: 5_000, linesPerSecond: 50, stopDelayMs: 200 }),
    );
    let build = await start('app');
    while (build.currentPhase !== 'BUILD') {
      await sleep(20);
      build = await get(build.id!);
    }
    await sleep(100);
    const seenBefore = (await readAll(build)).pages.flat();
    const { build: answer } = await codebuild.send(new StopBuildCommand({ id: build.id! }));
    expect(answer!.buildStatus).toBe('IN_PROGRESS');

    const stopped = await finished(build.id!);
    expect(stopped.buildStatus).toBe('STOPPED');
    expect(stopped.phases!.map((p) => `${p.phaseType}:${p.phaseStatus ?? '-'}`).slice(-3)).toEqual([
      'BUILD:STOPPED',
      'FINALIZING:SUCCEEDED',
      'COMPLETED:-',
    ]);
    const endedAfter = stopped.endTime!.getTime() - aws.build(build.id!)!.stopRequestedAt!;
    expect(endedAfter).toBeGreaterThanOrEqual(200);
    expect(endedAfter).toBeLessThan(1_000);
    // Lines already read stay in place; the log just ends early.
    const all = (await readAll(stopped)).pages.flat();
    expect(all.slice(0, seenBefore.length)).toEqual(seenBefore);
    expect(all.length).toBeLessThan(250);
  });
});

describe('fake CloudWatch Logs', () => {
  it('pages 30,000 lines as 3 full pages, then an empty page whose token equals the one sent', async () => {
    aws.script('app', bigLogScenario(30_000, { agentLines: false }));
    const build = await finished((await start('app')).id!);
    const { pages, sent, returned } = await readAll(build);
    expect(pages.map((p) => p.length)).toEqual([10_000, 10_000, 10_000]);
    expect(pages[0]![0]).toBe('output line 1 of 30000\n');
    expect(pages[2]!.at(-1)).toBe('output line 30000 of 30000\n');
    expect(returned).toBe(sent);
    expect(sent).toMatch(/^f\/\d+\/s$/);

    // startFromHead=false without a token gives the newest events; a small limit caps the page.
    const tail = await logs.send(
      new GetLogEventsCommand({
        logGroupName: build.logs!.groupName,
        logStreamName: build.logs!.streamName,
        limit: 3,
      }),
    );
    expect(tail.events!.map((e) => e.message)).toEqual([
      'output line 29998 of 30000\n',
      'output line 29999 of 30000\n',
      'output line 30000 of 30000\n',
    ]);
    expect(typeof tail.events![0]!.timestamp).toBe('number');
  });

  it('caps a page at 1 MB counting 26 bytes per event', async () => {
    const long = 'x'.repeat(150);
    aws.script(
      'app',
      successScenario({
        agentLines: false,
        logs: { BUILD: { count: 8_000, at: 'start', line: () => long } },
      }),
    );
    const build = await finished((await start('app')).id!);
    const { pages } = await readAll(build);
    const perPage = Math.floor(1_048_576 / (long.length + 1 + 26));
    expect(pages.map((p) => p.length)).toEqual([perPage, 8_000 - perPage]);
  });

  it('rejects an invalid token and a limit over 10,000', async () => {
    const build = await finished((await start('app')).id!);
    const base = { logGroupName: build.logs!.groupName, logStreamName: build.logs!.streamName };
    await expect(
      logs.send(new GetLogEventsCommand({ ...base, nextToken: 'f/123/s' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      logs.send(new GetLogEventsCommand({ ...base, limit: 10_001 })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('names the stream before it exists when streamDelayMs is set', async () => {
    aws.script('app', successScenario({ streamDelayMs: 10_000 }));
    let build = await start('app');
    while (!build.logs?.streamName) {
      await sleep(20);
      build = await get(build.id!);
    }
    await expect(
      logs.send(
        new GetLogEventsCommand({
          logGroupName: build.logs.groupName,
          logStreamName: build.logs.streamName,
          startFromHead: true,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log stream does not exist.',
    });
  });

  it('S3-only builds have no CloudWatch group or stream', async () => {
    aws.script('app', s3OnlyScenario());
    const build = await finished((await start('app')).id!);
    expect(build.logs!.groupName).toBeUndefined();
    expect(build.logs!.streamName).toBeUndefined();
    expect(build.logs!.cloudWatchLogs!.status).toBe('DISABLED');
    expect(build.logs!.s3Logs!.status).toBe('ENABLED');
    expect(build.logs!.s3LogsArn).toMatch(/^arn:aws:s3:::app-logs\/build-logs\/[0-9a-f-]{36}\.gz$/);

    // A project configured for S3 behaves the same without a scenario saying so.
    const quiet = await start('quiet');
    expect(quiet.logs!.cloudWatchLogs!.status).toBe('DISABLED');
    await expect(
      logs.send(
        new GetLogEventsCommand({
          logGroupName: '/aws/codebuild/app',
          logStreamName: build.id!.split(':')[1],
          startFromHead: true,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('delivers the last phases\u2019 lines only lateLogMs after the build is final', async () => {
    aws.script('app', lateLogScenario({ lateLogMs: 1_000 }));
    const build = await finished((await start('app')).id!);
    expect(build.buildStatus).toBe('SUCCEEDED');
    const early = await readAll(build);
    const earlyText = early.pages.flat().join('');
    expect(earlyText).toContain('Phase complete: BUILD State: SUCCEEDED');
    expect(earlyText).not.toContain('Entering phase POST_BUILD');

    await sleep(1_050);
    const rest = await logs.send(
      new GetLogEventsCommand({
        logGroupName: build.logs!.groupName,
        logStreamName: build.logs!.streamName,
        startFromHead: true,
        nextToken: early.returned,
      }),
    );
    const restText = rest.events!.map((e) => e.message).join('');
    expect(restText).toMatch(/^\[Container\] \S+ \S+ Entering phase POST_BUILD\n/);
    expect(restText).toContain('Phase complete: UPLOAD_ARTIFACTS State: SUCCEEDED');
    const late = rest.events![0]!;
    expect(late.ingestionTime! - late.timestamp!).toBeGreaterThanOrEqual(1_000);
    expect(early.pages.flat().length + rest.events!.length).toBe(aws.logMessages(build.id!).length);
  });
});

describe('fault injection', () => {
  it('surfaces ThrottlingException for the next N calls only', async () => {
    const once = singleAttemptCodeBuild();
    const build = await start('app');
    aws.failNext('CodeBuild.BatchGetBuilds', { count: 2, error: 'ThrottlingException' });
    const attempt = () => once.send(new BatchGetBuildsCommand({ ids: [build.id!] }));
    for (let i = 0; i < 2; i++) {
      await expect(attempt()).rejects.toMatchObject({
        name: 'ThrottlingException',
        message: 'Rate exceeded',
        $metadata: { httpStatusCode: 400 },
      });
    }
    await expect(attempt()).resolves.toMatchObject({ builds: [{ id: build.id }] });
    const last = aws.calls.filter((c) => c.operation === 'CodeBuild.BatchGetBuilds').slice(-3);
    expect(last.map((c) => c.errorType ?? c.status)).toEqual([
      'ThrottlingException',
      'ThrottlingException',
      200,
    ]);
    once.destroy();
  });

  it('lets the SDK retry a 503 and succeed on the next attempt', async () => {
    const build = await start('app');
    const before = aws.counts()['CodeBuild.BatchGetBuilds'] ?? 0;
    aws.failNext('CodeBuild.BatchGetBuilds', { error: 'ServiceUnavailableException' });
    await expect(get(build.id!)).resolves.toMatchObject({ id: build.id });
    expect(aws.counts()['CodeBuild.BatchGetBuilds']).toBe(before + 2);
    expect(aws.calls.at(-2)).toMatchObject({ status: 503, attempt: 1 });
    expect(aws.calls.at(-1)).toMatchObject({ status: 200, attempt: 2 });
  });

  it('answers AccessDenied with the IAM sentence naming action and resource', async () => {
    const once = new CloudWatchLogsClient({
      endpoint: aws.url,
      region: 'eu-west-1',
      credentials,
      maxAttempts: 1,
    });
    aws.failNext('Logs.GetLogEvents', { error: 'AccessDeniedException' });
    await expect(
      once.send(
        new GetLogEventsCommand({ logGroupName: '/aws/codebuild/app', logStreamName: 's1' }),
      ),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message:
        'User: arn:aws:sts::123456789012:assumed-role/ci/x is not authorized to perform: logs:GetLogEvents on resource: arn:aws:logs:us-east-1:123456789012:log-group:/aws/codebuild/app:log-stream:s1 because no identity-based policy allows the logs:GetLogEvents action',
    });
    once.destroy();
  });
});

describe('fake ListBuildsForProject and builds started elsewhere', () => {
  const list = (input: {
    projectName: string;
    sortOrder?: 'ASCENDING' | 'DESCENDING';
    nextToken?: string;
  }) => codebuild.send(new ListBuildsForProjectCommand(input));

  /** Every page the SDK's paginator fetches, as lists of ids. */
  async function allPages(projectName: string, sortOrder?: 'ASCENDING' | 'DESCENDING') {
    const pages: string[][] = [];
    const input = { projectName, ...(sortOrder ? { sortOrder } : {}) };
    for await (const page of paginateListBuildsForProject({ client: codebuild }, input)) {
      pages.push(page.ids!);
    }
    return pages;
  }

  /** 250 finished builds of `many`, oldest first. */
  let seeded: FakeBuildInfo[];
  beforeAll(() => {
    seeded = aws.seedBuilds('many', 250);
  });

  it('pages 250 builds as 100 + 100 + 50 ids, newest build number first, opaque tokens', async () => {
    expect(seeded.map((b) => b.buildNumber)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect(seeded.every((b) => b.isFinal)).toBe(true);

    const first = await list({ projectName: 'many' });
    expect(first.ids).toHaveLength(100);
    expect(first.nextToken).toEqual(expect.any(String));
    expect(first.nextToken).not.toMatch(/^\d+$/);
    const second = await list({ projectName: 'many', nextToken: first.nextToken! });
    const third = await list({ projectName: 'many', nextToken: second.nextToken! });
    expect([second.ids!.length, third.ids!.length]).toEqual([100, 50]);
    expect(third.nextToken).toBeUndefined();

    const ids = [...first.ids!, ...second.ids!, ...third.ids!];
    expect(ids).toEqual(seeded.map((b) => b.id).reverse());
    expect(await allPages('many')).toEqual([first.ids, second.ids, third.ids]);

    for (const page of [first.ids!, second.ids!, third.ids!]) {
      const { builds, buildsNotFound } = await codebuild.send(
        new BatchGetBuildsCommand({ ids: page }),
      );
      expect(buildsNotFound).toEqual([]);
      const byId = new Map(builds!.map((b) => [b.id!, b]));
      const numbers = page.map((id) => byId.get(id)!.buildNumber!);
      expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
      expect(page.every((id) => byId.get(id)!.buildStatus === 'SUCCEEDED')).toBe(true);
    }
    expect(aws.counts()['CodeBuild.ListBuildsForProject']).toBeGreaterThanOrEqual(6);
  });

  it('sorts ASCENDING when asked with up to 100 builds, and refuses the sort order with a nextToken', async () => {
    const few = aws.seedBuilds('few', 3).map((b) => b.id);
    const ascending = await list({ projectName: 'few', sortOrder: 'ASCENDING' });
    expect(ascending.ids).toEqual(few);
    expect(ascending.nextToken).toBeUndefined();
    await expect(list({ projectName: 'few', sortOrder: 'DESCENDING' })).resolves.toMatchObject({
      ids: [...few].reverse(),
    });

    // Over 100 builds a sort order fails on page 2: the paginator repeats it next to the token.
    const pages: string[][] = [];
    const paged = (async () => {
      for await (const page of paginateListBuildsForProject(
        { client: codebuild },
        { projectName: 'many', sortOrder: 'ASCENDING' },
      )) {
        pages.push(page.ids!);
      }
    })();
    await expect(paged).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: "Sort order can't be specified when passing a nextToken",
      $metadata: { httpStatusCode: 400 },
    });
    expect(pages).toHaveLength(1);
    const numbers = pages[0]!.map((id) => aws.build(id)!.buildNumber);
    expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));

    // Without it, the token carries the order on.
    const first = await list({ projectName: 'many', sortOrder: 'ASCENDING' });
    const second = await list({ projectName: 'many', nextToken: first.nextToken! });
    expect(aws.build(second.ids![0]!)!.buildNumber).toBe(101);
    await expect(
      list({ projectName: 'many', sortOrder: 'DESCENDING', nextToken: first.nextToken! }),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });
  });

  it('rejects an unknown project, a missing name, an unknown sort order and bad or foreign tokens', async () => {
    await expect(list({ projectName: 'nope' })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Project cannot be found: arn:aws:codebuild:us-east-1:123456789012:project/nope',
    });
    await expect(list({} as { projectName: string })).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: 'Project name is required',
    });
    await expect(
      list({ projectName: 'few', sortOrder: 'SIDEWAYS' as 'ASCENDING' }),
    ).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: expect.stringContaining("'sortOrder'"),
    });

    const { nextToken } = await list({ projectName: 'many' });
    const [payload, signature] = nextToken!.split('.');
    const moved = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), after: 5 }),
    ).toString('base64url');
    for (const [projectName, token] of [
      ['many', 'garbage'],
      ['many', '100'],
      ['many', `${moved}.${signature}`],
      ['few', nextToken!],
    ] as const) {
      await expect(list({ projectName, nextToken: token })).rejects.toMatchObject({
        name: 'InvalidInputException',
        message: 'Invalid next token',
      });
    }
  });

  it('answers an injected AccessDenied naming codebuild:ListBuildsForProject and the project', async () => {
    const once = singleAttemptCodeBuild();
    aws.failNext('CodeBuild.ListBuildsForProject', { error: 'AccessDeniedException' });
    await expect(
      once.send(new ListBuildsForProjectCommand({ projectName: 'few' })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message:
        'User: arn:aws:sts::123456789012:assumed-role/ci/x is not authorized to perform: codebuild:ListBuildsForProject on resource: arn:aws:codebuild:us-east-1:123456789012:project/few because no identity-based policy allows the codebuild:ListBuildsForProject action',
    });
    expect(aws.calls.at(-1)).toMatchObject({
      operation: 'CodeBuild.ListBuildsForProject',
      status: 400,
      errorType: 'AccessDeniedException',
    });
    await expect(
      once.send(new ListBuildsForProjectCommand({ projectName: 'few' })),
    ).resolves.toMatchObject({
      ids: expect.any(Array),
    });
    once.destroy();
  });

  it('shows a webhook build through BatchGetBuilds, numbered with StartBuild builds, logs included', async () => {
    const sha = 'c0ffee'.padEnd(40, '0');
    // A scripted scenario is for the next StartBuild, not for the webhook build.
    aws.script('hooks', failureScenario());
    const push = aws.startExternalBuild('hooks', { sourceVersion: sha });
    const mine = await start('hooks');
    const pr = aws.startExternalBuild('hooks', {
      sourceVersion: 'pr/7',
      resolvedSourceVersion: 'b'.repeat(40),
    });
    expect([push.buildNumber, mine.buildNumber, pr.buildNumber]).toEqual([1, 2, 3]);
    expect(
      aws.calls.filter(
        (c) =>
          c.operation === 'CodeBuild.StartBuild' &&
          (c.body as { projectName?: string }).projectName === 'hooks',
      ),
    ).toHaveLength(1);
    expect(push.snapshot).toMatchObject({
      sourceVersion: sha,
      initiator: 'GitHub-Hookshot/abc1234',
    });
    expect(push.snapshot.resolvedSourceVersion).toBeUndefined();
    expect(push.request).toEqual({ projectName: 'hooks', sourceVersion: sha });

    await expect(list({ projectName: 'hooks' })).resolves.toMatchObject({
      ids: [pr.id, mine.id, push.id],
    });

    const done = await finished(pr.id);
    expect(done).toMatchObject({
      buildStatus: 'SUCCEEDED',
      initiator: 'GitHub-Hookshot/abc1234',
      sourceVersion: 'pr/7',
      resolvedSourceVersion: 'b'.repeat(40),
    });
    await expect(get(push.id)).resolves.toMatchObject({
      buildStatus: 'SUCCEEDED',
      sourceVersion: sha,
      resolvedSourceVersion: sha,
    });
    await expect(get(mine.id!)).resolves.toMatchObject({
      buildStatus: 'FAILED',
      initiator: 'ci/x',
    });
    const { pages } = await readAll(done);
    expect(pages.flat().join('')).toContain('Phase complete: BUILD State: SUCCEEDED\n');
  });

  it('defaults the initiator by source, takes an explicit one, and stops a build started elsewhere', async () => {
    expect(aws.startExternalBuild('bb').snapshot.initiator).toBe('Bitbucket-Webhooks/2.0');
    const piped = aws.startExternalBuild('hooks', {
      initiator: 'codepipeline/release',
      scenario: successScenario({ timings: { BUILD: 5_000 }, stopDelayMs: 50 }),
    });
    expect(piped.snapshot).toMatchObject({
      initiator: 'codepipeline/release',
      buildStatus: 'IN_PROGRESS',
    });
    expect(piped.snapshot.sourceVersion).toBeUndefined();
    await codebuild.send(new StopBuildCommand({ id: piped.id }));
    const stopped = await finished(piped.id);
    expect(stopped).toMatchObject({ buildStatus: 'STOPPED', initiator: 'codepipeline/release' });

    // A start in the past gives a build that is already over.
    const old = aws.startExternalBuild('hooks', { startedAt: Date.now() - 3_600_000 });
    expect(old).toMatchObject({
      isFinal: true,
      snapshot: { buildStatus: 'SUCCEEDED', buildComplete: true },
    });
    expect(() => aws.startExternalBuild('nope')).toThrow('unknown project nope');
  });
});
