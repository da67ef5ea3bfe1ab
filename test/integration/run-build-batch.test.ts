/**
 * run-build with batch: the bundled Action (Node 24) and CLI start a batch build against the
 * fake CodeBuild batch APIs, follow every member (one fails, one is slow, one has
 * ignore-failure, one starts late), and post a status per member or one for the batch.
 */
import { describe, expect, it } from '@jest/globals';
import { failureScenario, steadyLogScenario, successScenario } from '../fakes/aws-server.js';
import { useFakeServers } from '../helpers/fake-servers.js';
import { startBundle, type ActionRunOptions } from '../helpers/run-bundle.js';
import { GITHUB_TOKEN, wireEnv } from '../helpers/wire.js';

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
