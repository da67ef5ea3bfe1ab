/**
 * Bitbucket build statuses: key derivation, state mapping, bodies and endpoints, the reporter's
 * order and warnings (against the fake Bitbucket), and how the CLI's environment picks a host.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BitbucketStatusReporter,
  CLOUD_STATES,
  SERVER_STATES,
  bitbucketKey,
  statusBody,
  statusEndpoint,
  type BitbucketCloudTarget,
  type BitbucketServerTarget,
} from '../../src/status/bitbucket-status.js';
import type { CommitStatus } from '../../src/status/commit-status.js';
import {
  bitbucketAuth,
  bitbucketTarget,
  chooseStatusHost,
  parseBitbucketRepository,
} from '../../src/status/status-host.js';
import type { Logger } from '../../src/util/logger.js';
import { ACCESS_TOKEN, startFakeBitbucket, type FakeBitbucket } from '../fakes/bitbucket-server.js';

const SHA = 'a'.repeat(40);

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    info: () => {},
    warn: (message) => warnings.push(message),
    error: () => {},
    debug: () => {},
    group: () => {},
    endGroup: () => {},
    buildLog: () => {},
    mask: () => {},
    redact: (text) => text,
  };
}

const pending: CommitStatus = {
  state: 'pending',
  name: 'AWS CodeBuild us-east-1 (web)',
  url: 'https://console.example/build',
  description: 'Build #1 is in progress',
};

describe('bitbucketKey', () => {
  it('keeps names of up to 40 characters as they are', () => {
    expect(bitbucketKey('AWS CodeBuild us-east-1 (web)')).toBe('AWS CodeBuild us-east-1 (web)');
    expect(bitbucketKey('x'.repeat(40))).toBe('x'.repeat(40));
  });

  it('shortens longer names to a readable prefix and a hash, stable and distinct', () => {
    const long = 'AWS CodeBuild ap-southeast-2 (a-very-long-project-name-for-the-monorepo)';
    const key = bitbucketKey(long);
    expect(key.length).toBeLessThanOrEqual(40);
    expect(key).toMatch(/^AWS CodeBuild ap-southeast-2 \(a-?[^-]*-?.*-[0-9a-f]{8}$/);
    expect(bitbucketKey(long)).toBe(key);
    expect(bitbucketKey(`${long}x`)).not.toBe(key);
    expect(bitbucketKey(`${'y'.repeat(38)}a1`)).not.toBe(bitbucketKey(`${'y'.repeat(38)}a2`));
  });
});

describe('state mapping', () => {
  it('maps the neutral states to Cloud and Data Center states', () => {
    expect(CLOUD_STATES).toEqual({
      pending: 'INPROGRESS',
      success: 'SUCCESSFUL',
      failure: 'FAILED',
      error: 'FAILED',
      stopped: 'STOPPED',
    });
    expect(SERVER_STATES).toEqual({ ...CLOUD_STATES, stopped: 'CANCELLED' });
  });
});

const cloud: BitbucketCloudTarget = {
  kind: 'cloud',
  apiUrl: 'https://api.bitbucket.org/',
  workspace: 'team',
  repoSlug: 'app',
  commit: SHA,
  refname: 'main',
};
const server: BitbucketServerTarget = {
  kind: 'server',
  serverUrl: 'https://bitbucket.example.com/bb',
  projectKey: 'PRJ',
  repoSlug: 'app',
  commit: SHA,
  ref: 'refs/heads/main',
};

describe('endpoints and bodies', () => {
  it('builds the Cloud and Data Center URLs', () => {
    expect(statusEndpoint(cloud)).toBe(
      `https://api.bitbucket.org/2.0/repositories/team/app/commit/${SHA}/statuses/build`,
    );
    expect(statusEndpoint(server)).toBe(
      `https://bitbucket.example.com/bb/rest/api/latest/projects/PRJ/repos/app/commits/${SHA}/builds`,
    );
  });

  it('sends key, state, name, url, description and the ref', () => {
    expect(statusBody(cloud, { ...pending, state: 'stopped' })).toEqual({
      key: 'AWS CodeBuild us-east-1 (web)',
      state: 'STOPPED',
      name: 'AWS CodeBuild us-east-1 (web)',
      url: 'https://console.example/build',
      description: 'Build #1 is in progress',
      refname: 'main',
    });
    expect(statusBody(server, { ...pending, state: 'stopped' })).toMatchObject({
      state: 'CANCELLED',
      ref: 'refs/heads/main',
    });
  });
});

describe('choosing the host and target from the environment', () => {
  const pipelines = {
    BITBUCKET_COMMIT: SHA,
    BITBUCKET_WORKSPACE: 'team',
    BITBUCKET_REPO_SLUG: 'app',
    BITBUCKET_TAG: 'v1.2.0',
  };

  it('prefers the flag, then Bitbucket, then GitHub, then none', () => {
    const github = { GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'o/r' };
    expect(chooseStatusHost('none', pipelines)).toBe('none');
    expect(chooseStatusHost(undefined, { ...pipelines, ...github })).toBe('bitbucket');
    expect(chooseStatusHost(undefined, github)).toBe('github');
    expect(chooseStatusHost(undefined, {})).toBe('none');
  });

  it('reads the repository from the workspace and slug, and the tag as refname', () => {
    const logger = recordingLogger();
    expect(
      bitbucketTarget({ repository: undefined, sourceVersion: undefined }, pipelines, logger),
    ).toEqual({ ...cloud, apiUrl: 'https://api.bitbucket.org', refname: 'v1.2.0' });
    expect(logger.warnings).toEqual([]);
  });

  it('uses --bitbucket-repository and BITBUCKET_SERVER_URL for Data Center', () => {
    const target = bitbucketTarget(
      { repository: 'PRJ/app', sourceVersion: undefined },
      { BITBUCKET_SERVER_URL: server.serverUrl, BITBUCKET_COMMIT: SHA, BITBUCKET_BRANCH: 'main' },
      recordingLogger(),
    );
    expect(target).toEqual(server);
  });

  it('takes --bitbucket-repository as KEY/slug only, naming the flag', () => {
    expect(parseBitbucketRepository('PRJ/app', '--bitbucket-repository')).toBe('PRJ/app');
    expect(parseBitbucketRepository(undefined, '--bitbucket-repository')).toBeUndefined();
    expect(() => parseBitbucketRepository('PRJ', '--bitbucket-repository')).toThrow(
      '--bitbucket-repository "PRJ" is not PROJECT_KEY/repo-slug',
    );
  });

  it('prefers a bearer access token, else Basic with the user and API token', () => {
    expect(bitbucketAuth({ BITBUCKET_ACCESS_TOKEN: 'a', BITBUCKET_API_TOKEN: 'b' })).toEqual({
      kind: 'bearer',
      token: 'a',
    });
    expect(bitbucketAuth({ BITBUCKET_USERNAME: 'u', BITBUCKET_API_TOKEN: 'b' })).toEqual({
      kind: 'basic',
      username: 'u',
      token: 'b',
    });
    expect(bitbucketAuth({ BITBUCKET_API_TOKEN: 'b' })).toBeUndefined();
  });
});

describe('BitbucketStatusReporter', () => {
  let bb: FakeBitbucket;
  beforeEach(async () => {
    bb = await startFakeBitbucket();
  });
  afterEach(async () => {
    await bb.close();
  });
  const auth = { kind: 'bearer', token: ACCESS_TOKEN } as const;

  it('posts in order, pending then the result', async () => {
    const logger = recordingLogger();
    const reporter = new BitbucketStatusReporter({ ...cloud, apiUrl: bb.url }, auth, logger);
    void reporter.report(pending);
    await reporter.report({ ...pending, state: 'success', description: 'Build #1 succeeded' });
    expect(bb.statuses(SHA).map((s) => s.state)).toEqual(['INPROGRESS', 'SUCCESSFUL']);
    expect(logger.warnings).toEqual([]);
  });

  it('warns once on 403 with the scope, and posts no more', async () => {
    const logger = recordingLogger();
    const reporter = new BitbucketStatusReporter({ ...cloud, apiUrl: bb.url }, auth, logger);
    bb.failNext(403);
    await reporter.report(pending);
    await reporter.report({ ...pending, state: 'failure' });
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain('repository:write');
    expect(bb.requests).toHaveLength(1);
  });

  it('names the endpoint on 5xx, and keeps posting', async () => {
    const logger = recordingLogger();
    const reporter = new BitbucketStatusReporter({ ...server, serverUrl: bb.url }, auth, logger);
    bb.failNext(500);
    await reporter.report(pending);
    await reporter.report({ ...pending, state: 'stopped' });
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain(`HTTP 500`);
    expect(logger.warnings[0]).toContain(statusEndpoint({ ...server, serverUrl: bb.url }));
    expect(bb.statuses(SHA).map((s) => s.state)).toEqual(['CANCELLED']);
  });

  it('says no answer came when the host is unreachable or silent, never an HTTP status', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const logger = recordingLogger();
    const reporter = new BitbucketStatusReporter(
      { ...cloud, apiUrl: `http://127.0.0.1:${port}` },
      auth,
      logger,
      fetch,
      200,
    );
    await reporter.report(pending);
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
    await reporter.report(pending);
    expect(logger.warnings).toHaveLength(2);
    expect(logger.warnings[0]).toContain('no answer in time');
    expect(logger.warnings[1]).toMatch(/connection was refused|ECONNREFUSED/);
    for (const warning of logger.warnings) {
      expect(warning).toContain(`http://127.0.0.1:${port}/2.0/repositories/team/app`);
      expect(warning).not.toMatch(/HTTP \d/);
    }
  });
});
