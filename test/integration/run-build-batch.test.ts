/**
 * run-build with batch: the bundled Action (Node 24) and CLI start a batch build against the
 * fake CodeBuild batch APIs, follow every member (one fails, one is slow, one has
 * ignore-failure, one starts late), and post a status per member or one for the batch.
 */
import { describe, expect, it } from '@jest/globals';
import { failureScenario, steadyLogScenario, successScenario } from '../fakes/aws-server.js';
import { tenMemberBatch } from '../fakes/aws-batch.js';
import type { RecordedStatus } from '../fakes/github-server.js';
import { startFakeBitbucket } from '../fakes/bitbucket-server.js';
import { pipelinesEnv } from '../helpers/bitbucket-pipelines.js';
import { useFakeServers } from '../helpers/fake-servers.js';
import {
  runBundle,
  startBundle,
  type ActionRunOptions,
  type BundleRun,
} from '../helpers/run-bundle.js';
import { GITHUB_TOKEN, wireEnv } from '../helpers/wire.js';
import { injectedCommands, obeyedLines } from '../helpers/workflow-commands.js';

const SHA = 'f'.repeat(40);
const CONTEXT = 'AWS CodeBuild us-east-1 (web)';
const fakes = useFakeServers();

function action(inputs: Record<string, string>, extra: ActionRunOptions = {}) {
  return startBundle('run-build', {
    ...extra,
    inputs: {
      'project-name': 'web',
      batch: 'true',
      'github-token': GITHUB_TOKEN,
      'poll-interval': '0.3',
      ...inputs,
    },
    env: { ...wireEnv(fakes.aws, fakes.github), ...extra.env },
  });
}

/** One fails, one is slow, one may fail (ignore-failure), one waits for the slow one. */
function scriptFourMembers(fastFail = false) {
  fakes.aws.scriptBatch('web', {
    fastFail,
    members: [
      {
        identifier: 'unit',
        scenario: failureScenario({ phase: 'BUILD', command: 'npm test', exitCode: 1 }),
      },
      { identifier: 'slow', scenario: steadyLogScenario({ durationMs: 2_000, linesPerSecond: 5 }) },
      { identifier: 'lenient', scenario: failureScenario({ phase: 'BUILD' }), ignoreFailure: true },
      { identifier: 'late', scenario: successScenario(), dependsOn: ['slow'] },
    ],
  });
}

describe('run-build with batch: true', () => {
  it('follows every member, posts a final status for each, and fails with the failing member', async () => {
    scriptFourMembers();
    const result = await action({}).done;
    expect(result.code).toBe(1);
    const [batch] = fakes.aws.batches();
    expect(batch).toBeDefined();
    expect(batch!.request).toMatchObject({ projectName: 'web', sourceVersion: SHA });
    expect(batch!.request.idempotencyToken).toMatch(/^[0-9a-f]{64}$/);

    const final = (identifier: string) =>
      fakes.github
        .statuses(SHA)
        .filter((s) => s.context === `${CONTEXT} / ${identifier}`)
        .at(-1);
    expect(final('unit')?.state).toBe('failure');
    expect(final('slow')?.state).toBe('success');
    expect(final('lenient')?.state).toBe('failure');
    expect(final('late')?.state).toBe('success');
    expect(fakes.github.statuses(SHA).some((s) => s.context === CONTEXT)).toBe(false);
    expect(fakes.github.statuses(SHA).filter((s) => s.state === 'pending').length).toBeGreaterThan(
      0,
    );

    // Each member's log in a group of its own, when it ends.
    for (const identifier of ['unit', 'slow', 'lenient', 'late'])
      expect(result.stdout).toMatch(new RegExp(`::group::${identifier}: `));
    const builds = JSON.parse(result.outputs.builds!) as { identifier: string; status: string }[];
    expect(builds.map((b) => [b.identifier, b.status])).toEqual([
      ['unit', 'FAILED'],
      ['slow', 'SUCCEEDED'],
      ['lenient', 'FAILED'],
      ['late', 'SUCCEEDED'],
    ]);
    expect(result.outputs['batch-id']).toBe(batch!.id);
    expect(result.outputs['batch-status']).toBe('FAILED');
    expect(result.outputs['build-status']).toBe('FAILED');
    expect(result.summary).toContain('| unit | ❌ FAILED |');
    expect(result.summary).toContain('| lenient | ❌ FAILED (ignore-failure) |');
    expect(result.stdout).toMatch(/::error::Batch #1 failed after \d+s: unit failed in BUILD/);
  });
});

/** The last status of each context, in the order the contexts first appeared. */
function finalStatuses(sha = SHA): Map<string, RecordedStatus> {
  const last = new Map<string, RecordedStatus>();
  for (const status of fakes.github.statuses(sha)) last.set(status.context, status);
  return last;
}

/** Every context that got a status ends in a final state. */
function expectNoneLeftPending(sha = SHA): void {
  const finals = finalStatuses(sha);
  expect(finals.size).toBeGreaterThan(0);
  for (const [context, status] of finals)
    expect([context, status.state]).not.toEqual([context, 'pending']);
}

function memberBuilds(
  result: BundleRun,
): { identifier: string; id: string | null; status: string }[] {
  return JSON.parse(result.outputs.builds ?? '[]') as {
    identifier: string;
    id: string | null;
    status: string;
  }[];
}

/** Each member's every log line, once, in order, prefixed with its identifier. */
function expectLiveLines(result: BundleRun): void {
  const printed = result.stdout.split('\n');
  const builds = memberBuilds(result);
  expect(builds.length).toBeGreaterThan(0);
  for (const { identifier, id } of builds) {
    expect(id).not.toBeNull();
    const expected = fakes.aws
      .logMessages(id!)
      .map((line) => `[${identifier}] ${line.replace(/\n$/, '')}`);
    expect(expected.length).toBeGreaterThan(0);
    expect(printed.filter((line) => line.startsWith(`[${identifier}] `))).toEqual(expected);
  }
  for (const { identifier } of builds)
    expect(result.stdout).not.toMatch(new RegExp(`::group::${identifier}\\b`));
}

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The CLI from a plain shell, with the GitHub variables a CI system would set. */
function cli(args: string[], options: ActionRunOptions = {}) {
  return runBundle('cli', {
    node: process.execPath,
    actionsRunner: false,
    ...options,
    args: ['run-build', '--project-name', 'web', '--batch', '--poll-interval', '0.3', ...args],
    env: {
      ...wireEnv(fakes.aws),
      GITHUB_TOKEN,
      GITHUB_REPOSITORY: 'octo/app',
      GITHUB_SHA: SHA,
      GITHUB_API_URL: fakes.github.url,
      ...options.env,
    },
  });
}

function scriptTwoMembers(failing: boolean) {
  fakes.aws.scriptBatch('web', {
    members: [
      {
        identifier: 'unit',
        scenario: failing
          ? failureScenario({ phase: 'BUILD', command: 'npm test', exitCode: 1 })
          : successScenario(),
      },
      { identifier: 'lint', scenario: successScenario() },
    ],
  });
}

describe('run-build with batch: true, reporting and logs', () => {
  it.each([
    ['failure', true, 1],
    ['success', false, 0],
  ] as const)(
    'batch-report: aggregated posts one status for the batch, pending then %s, linking the batch',
    async (final, failing, code) => {
      scriptTwoMembers(failing);
      const result = await action({ 'batch-report': 'aggregated' }).done;
      expect(result.code).toBe(code);
      const [batch] = fakes.aws.batches();
      const statuses = fakes.github.statuses(SHA);
      expect(statuses.map((s) => [s.context, s.state])).toEqual([
        [CONTEXT, 'pending'],
        [CONTEXT, final],
      ]);
      const url = `/projects/web/batch/${encodeURIComponent(batch!.id)}/?region=us-east-1`;
      for (const status of statuses) {
        expect(status.target_url).toMatch(/^https:\/\/us-east-1\.console\.aws\.amazon\.com\//);
        expect(status.target_url!.endsWith(url)).toBe(true);
      }
      expect(result.outputs['batch-status']).toBe(failing ? 'FAILED' : 'SUCCEEDED');
    },
  );

  it('logs: live prints every line of every member once, as it comes, prefixed with its identifier', async () => {
    fakes.aws.scriptBatch('web', {
      members: [
        {
          identifier: 'slow',
          scenario: steadyLogScenario({ durationMs: 2_500, linesPerSecond: 4 }),
        },
        { identifier: 'quick', scenario: successScenario() },
        { identifier: 'unit', scenario: failureScenario({ command: 'npm test', exitCode: 1 }) },
      ],
    });
    const running = action({ logs: 'live' });
    // A running member's lines show before the batch ends.
    await running.waitFor(/^\[slow\] /m);
    expect(fakes.aws.batches()[0]!.isFinal).toBe(false);
    const result = await running.done;
    expect(result.code).toBe(1);
    expect(memberBuilds(result).map((b) => b.identifier)).toEqual(['slow', 'quick', 'unit']);
    expectLiveLines(result);
  });

  it('fast-fail: the failing member stops the others; they end stopped, none left pending', async () => {
    fakes.aws.scriptBatch('web', {
      fastFail: true,
      members: [
        {
          identifier: 'unit',
          scenario: failureScenario({ phase: 'BUILD', command: 'npm test', exitCode: 1 }),
        },
        {
          identifier: 'slow',
          scenario: steadyLogScenario({ durationMs: 20_000, linesPerSecond: 2 }),
        },
        { identifier: 'late', scenario: successScenario(), dependsOn: ['slow'] },
      ],
    });
    const result = await action({}).done;
    expect(result.code).toBe(1);
    expect(result.outputs['batch-status']).toBe('FAILED');
    expect(memberBuilds(result).map((b) => [b.identifier, b.status])).toEqual([
      ['unit', 'FAILED'],
      ['slow', 'STOPPED'],
      ['late', 'NOT_STARTED'],
    ]);
    expect(result.summary).toMatch(/\| unit \| ❌ FAILED \|/);
    expect(result.summary).toMatch(/\| slow \| [^|]*STOPPED \(stopped by fast-fail\) \|/);
    expect(result.summary).toMatch(/\| late \| [^|]*NOT STARTED \(stopped by fast-fail\) \|/);

    const finals = finalStatuses();
    expect(finals.get(`${CONTEXT} / unit`)?.state).toBe('failure');
    // GitHub has no "stopped": the reporter posts it as error.
    expect(finals.get(`${CONTEXT} / slow`)?.state).toBe('error');
    expect(finals.get(`${CONTEXT} / late`)?.state).toBe('error');
    expectNoneLeftPending();
    // Well before the slow member would have ended.
    expect(result.elapsedMs).toBeLessThan(15_000);
  });

  it('on SIGINT stops the batch within a second, ends every pending status and exits in time', async () => {
    fakes.aws.scriptBatch('web', {
      members: [
        {
          identifier: 'one',
          scenario: steadyLogScenario({ durationMs: 60_000, linesPerSecond: 2 }),
        },
        {
          identifier: 'two',
          scenario: steadyLogScenario({ durationMs: 60_000, linesPerSecond: 2 }),
        },
      ],
    });
    const running = action({});
    await until(() => fakes.github.statuses(SHA).length > 0);
    const cancelledAt = Date.now();
    running.child.kill('SIGINT');
    const result = await running.done;
    const exitedAfter = Date.now() - cancelledAt;
    const stops = fakes.aws.calls.filter((c) => c.operation === 'CodeBuild.StopBuildBatch');
    expect(stops).toHaveLength(1);
    expect(stops[0]!.at - cancelledAt).toBeLessThan(1_000);
    expect(exitedAfter).toBeLessThan(7_500);
    expect(result.code).not.toBe(0);
    const pendingContexts = new Set(
      fakes.github
        .statuses(SHA)
        .filter((s) => s.state === 'pending')
        .map((s) => s.context),
    );
    expect(pendingContexts.size).toBeGreaterThan(0);
    const finals = finalStatuses();
    for (const context of pendingContexts) expect(finals.get(context)?.state).not.toBe('pending');
    expect(result.outputs['batch-status']).toBe('STOPPED');
  });

  it('on SIGINT ends the statuses of all 10 members of a batch before the runner would kill it', async () => {
    fakes.aws.scriptBatch(
      'web',
      tenMemberBatch({
        scenario: () => steadyLogScenario({ durationMs: 60_000, linesPerSecond: 2 }),
      }),
    );
    const running = action({});
    // Every member's pending is out (GitHub writes are a second apart until the cancel).
    await until(() => fakes.github.statuses(SHA).length >= 10, 30_000);
    const cancelledAt = Date.now();
    running.child.kill('SIGINT');
    const result = await running.done;
    expect(Date.now() - cancelledAt).toBeLessThan(7_500);
    const finals = finalStatuses();
    expect(finals.size).toBe(10);
    for (const [context, status] of finals)
      expect({ context, state: status.state }).toEqual({ context, state: 'error' });
    expect(result.outputs['batch-status']).toBe('STOPPED');
  }, 60_000);

  it('wait: false starts the batch, sets batch-id and batch-status IN_PROGRESS, and returns at once', async () => {
    fakes.aws.scriptBatch('web', {
      members: [
        {
          identifier: 'one',
          scenario: steadyLogScenario({ durationMs: 30_000, linesPerSecond: 1 }),
        },
      ],
    });
    const result = await action({ wait: 'false' }).done;
    expect(result.code).toBe(0);
    const [batch] = fakes.aws.batches();
    expect(result.outputs['batch-id']).toBe(batch!.id);
    expect(result.outputs['batch-status']).toBe('IN_PROGRESS');
    expect(batch!.isFinal).toBe(false);
    expect(result.elapsedMs).toBeLessThan(5_000);
    expect(fakes.aws.counts()['CodeBuild.BatchGetBuildBatches'] ?? 0).toBe(0);
  });

  it('start-build-json reaches StartBuildBatch under its names, and a StartBuild-only field is refused', async () => {
    const taken = await action({
      wait: 'false',
      'start-build-json': JSON.stringify({
        timeoutInMinutesOverride: 30,
        buildBatchConfigOverride: { combineArtifacts: false },
      }),
    }).done;
    expect(taken.code).toBe(0);
    const [batch] = fakes.aws.batches();
    expect(batch!.request).toMatchObject({
      buildTimeoutInMinutesOverride: 30,
      buildBatchConfigOverride: { combineArtifacts: false },
    });
    expect(batch!.request).not.toHaveProperty('timeoutInMinutesOverride');

    const refused = await action({ 'start-build-json': '{"fleetOverride": {}}' }).done;
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/::error::.*fleetOverride.*StartBuildBatch/);
    expect(fakes.aws.calls.filter((c) => c.operation === 'CodeBuild.StartBuildBatch')).toHaveLength(
      1,
    );
  });
});

describe('buildbridge run-build --batch (CLI)', () => {
  it('inside Bitbucket Pipelines posts a Bitbucket build status per member, each ending final', async () => {
    const bb = await startFakeBitbucket();
    try {
      scriptTwoMembers(true);
      const commit = 'd'.repeat(40);
      const result = await runBundle('cli', {
        node: process.execPath,
        actionsRunner: false,
        args: ['run-build', '--project-name', 'web', '--batch', '--poll-interval', '0.3'],
        env: { ...wireEnv(fakes.aws), ...pipelinesEnv(bb, commit) },
      });
      expect(result.code).toBe(1);
      expect(fakes.aws.batches()[0]!.request).toMatchObject({ sourceVersion: commit });
      const byName = new Map<string, string[]>();
      for (const status of bb.statuses(commit))
        byName.set(status.name ?? '', [
          ...(byName.get(status.name ?? '') ?? []),
          status.state ?? '',
        ]);
      expect(Object.fromEntries(byName)).toEqual({
        [`${CONTEXT} / unit`]: ['INPROGRESS', 'FAILED'],
        [`${CONTEXT} / lint`]: ['INPROGRESS', 'SUCCESSFUL'],
      });
      for (const status of bb.statuses(commit)) expect(status.key.length).toBeLessThanOrEqual(40);
    } finally {
      await bb.close();
    }
  });

  it('runs a batch to the end and posts a final status per member', async () => {
    scriptTwoMembers(true);
    const result = await cli([]);
    expect(result.code).toBe(1);
    const finals = finalStatuses();
    expect([...finals].map(([context, s]) => [context, s.state])).toEqual([
      [`${CONTEXT} / unit`, 'failure'],
      [`${CONTEXT} / lint`, 'success'],
    ]);
    expect(fakes.github.statuses(SHA).filter((s) => s.state === 'pending')).toHaveLength(2);
    expect(fakes.aws.batches()[0]!.request).toMatchObject({ sourceVersion: SHA });
    expect(result.stdout + result.stderr).toMatch(
      /Batch #1 failed after \d+s: unit failed in BUILD/,
    );
  });

  it('--logs=live prints every member line once, prefixed with its identifier', async () => {
    fakes.aws.scriptBatch('web', {
      members: [
        {
          identifier: 'slow',
          scenario: steadyLogScenario({ durationMs: 1_500, linesPerSecond: 4 }),
        },
        { identifier: 'quick', scenario: successScenario() },
      ],
    });
    const result = await cli(['--logs=live']);
    expect(result.code).toBe(0);
    // The CLI has no GITHUB_OUTPUT: take the member builds from the fake.
    const batch = fakes.aws.batches()[0]!;
    const printed = result.stdout.split('\n');
    for (const member of batch.members) {
      const expected = fakes.aws
        .logMessages(member.buildId!)
        .map((line) => `[${member.identifier}] ${line.replace(/\n$/, '')}`);
      expect(expected.length).toBeGreaterThan(0);
      expect(printed.filter((line) => line.startsWith(`[${member.identifier}] `))).toEqual(
        expected,
      );
    }
    // No per-member headings (the console logger's groups): the lines came as they came.
    expect(result.stdout).not.toMatch(/^── (slow|quick): /m);
  });
});

describe('a hostile member log through run-build --batch', () => {
  const MARK = 'INJECTED';
  function scriptHostile() {
    fakes.aws.scriptBatch('web', {
      members: [
        {
          identifier: 'evil',
          scenario: failureScenario({
            command: `make\n::warning::${MARK}-context`,
            logs: {
              BUILD: [
                `::warning::${MARK}-log`,
                `##[error]${MARK}-legacy`,
                `  ::error::${MARK}-indented`,
                `carriage\r::add-mask::${MARK}-cr`,
              ],
            },
          }),
        },
        { identifier: 'fine', scenario: successScenario() },
      ],
    });
  }
  const modes: [string, () => Promise<BundleRun>][] = [
    ['the Action, logs grouped', () => action({}).done],
    ['the Action, logs: live', () => action({ logs: 'live' }).done],
    [
      'the CLI in an Actions step, grouped',
      () =>
        runBundle('cli', {
          node: process.execPath,
          args: ['run-build', '--project-name', 'web', '--batch', '--poll-interval', '0.3'],
          env: wireEnv(fakes.aws),
        }),
    ],
    [
      'the CLI in an Actions step, --logs=live',
      () =>
        runBundle('cli', {
          node: process.execPath,
          args: [
            'run-build',
            '--project-name',
            'web',
            '--batch',
            '--logs=live',
            '--poll-interval',
            '0.3',
          ],
          env: wireEnv(fakes.aws),
        }),
    ],
  ];
  it.each(modes)('%s: shown, never obeyed', async (_name, start) => {
    scriptHostile();
    const result = await start();
    expect(result.code).toBe(1);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output).toContain(`${MARK}-log`);
    expect(output).toContain(`${MARK}-legacy`);
    expect(injectedCommands(output, MARK)).toEqual([]);
    expect(obeyedLines(output).length).toBeGreaterThan(0);
  });
});
