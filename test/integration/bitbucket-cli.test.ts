/**
 * The bundled CLI inside Bitbucket Pipelines: with exactly the variables Pipelines sets, it
 * builds BITBUCKET_COMMIT and posts Bitbucket Cloud (or Data Center) build statuses to the fake
 * Bitbucket, against the fake AWS. Refusals, outages and missing credentials are warnings that
 * never change the build's result, and no token is ever printed.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { failureScenario, steadyLogScenario, successScenario } from '../fakes/aws-server.js';
import {
  ACCESS_TOKEN,
  API_TOKEN,
  API_USER,
  startFakeBitbucket,
  type FakeBitbucket,
} from '../fakes/bitbucket-server.js';
import { pipelinesEnv } from '../helpers/bitbucket-pipelines.js';
import { useFakeServers } from '../helpers/fake-servers.js';
import { cliNodes } from '../helpers/node-versions.js';
import { runBundle, startBundle } from '../helpers/run-bundle.js';
import { wireEnv } from '../helpers/wire.js';

const COMMIT = 'd'.repeat(40);
const fakes = useFakeServers();
let bb: FakeBitbucket;
beforeEach(async () => {
  bb = await startFakeBitbucket();
});
afterEach(async () => {
  await bb.close();
});

/** What Bitbucket Pipelines sets on a branch step (plus the secured variable). */
function pipelines(extra: Record<string, string | undefined> = {}) {
  return pipelinesEnv(bb, COMMIT, extra);
}

function cli(args: string[], env: Record<string, string | undefined>, node = process.execPath) {
  return runBundle('cli', {
    node,
    actionsRunner: false,
    args,
    env: { ...wireEnv(fakes.aws), ...env },
  });
}

const REMOTE = ['run-build', '--project-name', 'web', '--poll-interval', '0.2'];

/** Warning lines, without the notice about this machine's Node.js version. */
function warnings(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /warning/i.test(line) && !/end of life/.test(line));
}

function noSecrets(output: string): void {
  expect(output).not.toContain(ACCESS_TOKEN);
  expect(output).not.toContain(API_TOKEN);
}

describe('buildbridge run-build in Bitbucket Pipelines', () => {
  it.each(cliNodes())(
    'on %s builds BITBUCKET_COMMIT and posts INPROGRESS then SUCCESSFUL with the console link',
    async (_name, node) => {
      fakes.aws.script('web', successScenario());
      const result = await cli(REMOTE, pipelines(), node);
      expect(result.code).toBe(0);
      expect(fakes.aws.builds()[0]!.request.sourceVersion).toBe(COMMIT);
      const statuses = bb.statuses(COMMIT);
      expect(statuses.map((s) => s.state)).toEqual(['INPROGRESS', 'SUCCESSFUL']);
      const region = fakes.aws.region;
      for (const status of statuses) {
        expect(status).toMatchObject({
          flavour: 'cloud',
          repository: 'team/app',
          key: `AWS CodeBuild ${region} (web)`,
          name: `AWS CodeBuild ${region} (web)`,
          ref: 'main',
          authorization: `Bearer ${ACCESS_TOKEN}`,
        });
        expect(status.url).toMatch(
          new RegExp(`^https://${region}\\.console\\.aws\\.amazon\\.com/codesuite/codebuild/`),
        );
      }
      expect(statuses[1]!.description).toMatch(/^Build #1 succeeded/);
      expect(warnings(result.stderr)).toEqual([]);
      noSecrets(result.stdout + result.stderr);
    },
  );

  it('posts FAILED for a failed build and exits 1', async () => {
    fakes.aws.script('web', failureScenario({ command: 'npm test' }));
    const result = await cli(REMOTE, pipelines());
    expect(result.code).toBe(1);
    const statuses = bb.statuses(COMMIT);
    expect(statuses.map((s) => s.state)).toEqual(['INPROGRESS', 'FAILED']);
    expect(statuses[1]!.description).toMatch(/failed in BUILD/);
  });

  it('sends the tag as refname on a tag build, with Basic auth from user and API token', async () => {
    const result = await cli(
      REMOTE,
      pipelines({
        BITBUCKET_BRANCH: undefined,
        BITBUCKET_TAG: 'v1.2.0',
        BITBUCKET_ACCESS_TOKEN: undefined,
        BITBUCKET_USERNAME: API_USER,
        BITBUCKET_API_TOKEN: API_TOKEN,
      }),
    );
    expect(result.code).toBe(0);
    const statuses = bb.statuses(COMMIT);
    expect(statuses.map((s) => [s.state, s.ref])).toEqual([
      ['INPROGRESS', 'v1.2.0'],
      ['SUCCESSFUL', 'v1.2.0'],
    ]);
    expect(statuses[0]!.authorization).toMatch(/^Basic /);
    noSecrets(result.stdout + result.stderr);
  });

  it('posts Data Center build statuses to BITBUCKET_SERVER_URL for --bitbucket-repository', async () => {
    const result = await cli([...REMOTE, '--bitbucket-repository', 'PRJ/app'], {
      BITBUCKET_SERVER_URL: bb.url,
      BITBUCKET_COMMIT: COMMIT,
      BITBUCKET_BRANCH: 'main',
      BITBUCKET_ACCESS_TOKEN: ACCESS_TOKEN,
    });
    expect(result.code).toBe(0);
    expect(bb.statuses(COMMIT).map((s) => [s.flavour, s.repository, s.state, s.ref])).toEqual([
      ['server', 'PRJ/app', 'INPROGRESS', 'refs/heads/main'],
      ['server', 'PRJ/app', 'SUCCESSFUL', 'refs/heads/main'],
    ]);
  });

  it('posts CANCELLED to Data Center when the build is stopped', async () => {
    fakes.aws.script('web', steadyLogScenario({ durationMs: 60_000, linesPerSecond: 5 }));
    const running = startBundle('cli', {
      actionsRunner: false,
      args: [...REMOTE, '--bitbucket-repository', 'PRJ/app'],
      env: {
        ...wireEnv(fakes.aws),
        BITBUCKET_SERVER_URL: bb.url,
        BITBUCKET_COMMIT: COMMIT,
        BITBUCKET_ACCESS_TOKEN: ACCESS_TOKEN,
      },
    });
    await running.waitFor('── Phase BUILD ──');
    running.child.kill('SIGTERM');
    const result = await running.done;
    expect(result.code).toBe(143);
    expect(bb.statuses(COMMIT).map((s) => s.state)).toEqual(['INPROGRESS', 'CANCELLED']);
  });

  it('warns once without credentials, naming the variables and scope, and builds unchanged', async () => {
    const result = await cli(REMOTE, pipelines({ BITBUCKET_ACCESS_TOKEN: undefined }));
    expect(result.code).toBe(0);
    const printed = warnings(result.stderr);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('BITBUCKET_ACCESS_TOKEN');
    expect(printed[0]).toContain('BITBUCKET_USERNAME and BITBUCKET_API_TOKEN');
    expect(printed[0]).toContain('repository:write');
    expect(bb.requests).toHaveLength(0);
  });

  it('warns once on 403 with the scope needed, posts no more, and keeps the result', async () => {
    fakes.aws.script('web', failureScenario());
    bb.failNext(403);
    const result = await cli(REMOTE, pipelines());
    expect(result.code).toBe(1);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('HTTP 403'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('repository:write');
    expect(bb.requests).toHaveLength(1);
    noSecrets(result.stdout + result.stderr);
  });

  it('names the endpoint on 5xx and still posts the final status', async () => {
    bb.failNext(503);
    const result = await cli(REMOTE, pipelines());
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('HTTP 503');
    expect(result.stderr).toContain(`${bb.url}/2.0/repositories/team/app/commit/${COMMIT}`);
    expect(bb.statuses(COMMIT).map((s) => s.state)).toEqual(['SUCCESSFUL']);
  });

  it('names the endpoint when Bitbucket cannot be reached, never an HTTP status', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const api = `http://127.0.0.1:${port}`;
    const result = await cli(REMOTE, pipelines({ BITBUCKET_API_URL: api }));
    expect(result.code).toBe(0);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('Could not reach'));
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings[0]).toContain(
      `${api}/2.0/repositories/team/app/commit/${COMMIT}/statuses/build`,
    );
    expect(warnings[0]).toContain('ECONNREFUSED');
    expect(result.stderr).not.toMatch(/HTTP \d{3}/);
  });

  it('posts nothing with --status-host none', async () => {
    const result = await cli([...REMOTE, '--status-host', 'none'], pipelines());
    expect(result.code).toBe(0);
    expect(bb.requests).toHaveLength(0);
    expect(warnings(result.stderr)).toEqual([]);
  });

  it('posts to GitHub instead with --status-host github, and warns when it lacks GITHUB_TOKEN', async () => {
    const result = await cli([...REMOTE, '--status-host', 'github'], pipelines());
    expect(result.code).toBe(0);
    expect(bb.requests).toHaveLength(0);
    const printed = warnings(result.stderr);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('GITHUB_TOKEN');
  });

  it('keeps a long context under 40 characters in the key, the same on every run', async () => {
    const context = 'AWS CodeBuild eu-central-1 (monorepo-integration-tests-shard-3)';
    // Two pipeline runs (each its own build) on the same commit.
    await cli([...REMOTE, '--status-context', context], pipelines({ BITBUCKET_BUILD_NUMBER: '7' }));
    await cli([...REMOTE, '--status-context', context], pipelines({ BITBUCKET_BUILD_NUMBER: '8' }));
    const statuses = bb.statuses(COMMIT);
    expect(statuses.map((s) => s.state)).toEqual([
      'INPROGRESS',
      'SUCCESSFUL',
      'INPROGRESS',
      'SUCCESSFUL',
    ]);
    const keys = new Set(statuses.map((s) => s.key));
    expect(keys.size).toBe(1);
    const [key] = [...keys];
    expect(key!.length).toBeLessThanOrEqual(40);
    expect(key).toMatch(/^AWS CodeBuild eu-central-1 /);
    expect(statuses[0]!.name).toBe(context);
  });
});
