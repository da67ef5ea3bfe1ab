/**
 * Where the status mirror's credentials come from, at the wire: tokens in Secrets Manager (read
 * once per cold start, never logged, a denied or missing secret named) and a GitHub App (an
 * installation token per repository, scoped to it and to statuses, kept until it nears expiry,
 * an App not installed on a repository logged and not retried). The bundle runs in a warm
 * Lambda-like process against the fake CodeBuild, Secrets Manager and GitHub.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { startFakeAws, type FakeAws, type FakeBuildInfo } from '../fakes/aws-server.js';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-server.js';
import {
  startFakeSecretsManager,
  type FakeSecretsManager,
} from '../fakes/secrets-manager-server.js';
import { buildStateEvent } from '../helpers/codebuild-events.js';
import { startLambda, type WarmLambda } from '../helpers/lambda-runner.js';
import { until } from '../helpers/until.js';
import { AWS_SECRET, GITHUB_TOKEN, SESSION_TOKEN } from '../helpers/wire.js';

const APP_ID = 424242;
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const PRIVATE_PEM = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const PEM_BODY_LINE = PRIVATE_PEM.split('\n')[1]!;

let aws: FakeAws;
let github: FakeGitHub;
let secrets: FakeSecretsManager;

beforeAll(async () => {
  secrets = await startFakeSecretsManager({
    secrets: {
      'mirror/github-token': GITHUB_TOKEN,
      'mirror/github-token-json': JSON.stringify({ token: GITHUB_TOKEN }),
      'mirror/app-key': PRIVATE_PEM,
    },
  });
  github = await startFakeGitHub({
    tokens: [GITHUB_TOKEN],
    apps: [
      {
        id: APP_ID,
        publicKeyPem: PUBLIC_PEM,
        installations: [{ id: 7, account: 'example-org', repositories: ['web', 'api'] }],
      },
    ],
  });
  const project = (name: string, owner = 'example-org') => ({
    name,
    source: { type: 'GITHUB', location: `https://github.com/${owner}/${name}.git` },
  });
  aws = await startFakeAws({
    projects: [project('web'), project('api'), project('elsewhere', 'someone-else')],
  });
});

afterAll(async () => {
  await Promise.all([aws?.close(), github?.close(), secrets?.close()]);
});

function env(extra: Record<string, string>): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: aws.url,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
    AWS_REGION: aws.region,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: AWS_SECRET,
    AWS_SESSION_TOKEN: SESSION_TOKEN,
    GITHUB_API_URL: github.url,
    ...extra,
  };
}

let commits = 0;
async function finishedBuild(project: string): Promise<{ build: FakeBuildInfo; commit: string }> {
  const commit = (++commits).toString(16).padStart(40, 'a');
  const started = aws.startExternalBuild(project, { sourceVersion: commit });
  const build = await until(() => {
    const now = aws.build(started.id);
    return now?.isFinal ? now : undefined;
  }, `${started.id} to end`);
  return { build, commit };
}

async function withMirror(
  extra: Record<string, string>,
  run: (mirror: WarmLambda) => Promise<void>,
) {
  const mirror = await startLambda('status-mirror', env(extra));
  try {
    await run(mirror);
  } finally {
    await mirror.close();
  }
  for (const secret of [
    GITHUB_TOKEN,
    PEM_BODY_LINE,
    AWS_SECRET,
    ...github.installationTokens().map((t) => t.token),
  ])
    expect(mirror.allOutput()).not.toContain(secret);
}

const secretReads = () =>
  secrets.calls.filter((c) => c.operation === 'SecretsManager.GetSecretValue').length;

describe('a token in Secrets Manager', () => {
  it.each(['mirror/github-token', 'mirror/github-token-json'])(
    'is read once per cold start (%s) and posts every status',
    async (secretId) => {
      const before = secretReads();
      await withMirror({ GITHUB_TOKEN_SECRET: secretId }, async (mirror) => {
        for (let i = 0; i < 3; i++) {
          const { build, commit } = await finishedBuild('web');
          const run = await mirror.invoke<{ outcome: string }>(buildStateEvent(build, aws.region));
          expect(run.result?.outcome).toBe('posted');
          expect(github.statuses(commit)).toHaveLength(1);
        }
      });
      expect(secretReads() - before).toBe(1);
    },
  );

  it('names the secret when it does not exist, and the IAM action when it is denied, failing the invocation', async () => {
    await withMirror({ GITHUB_TOKEN_SECRET: 'mirror/nope' }, async (mirror) => {
      const { build } = await finishedBuild('web');
      const missing = await mirror.invoke(buildStateEvent(build, aws.region));
      expect(missing.thrown?.message).toContain(
        'Secrets Manager in us-east-1 has no secret "mirror/nope"',
      );
    });
    await withMirror({ GITHUB_TOKEN_SECRET: 'mirror/github-token' }, async (mirror) => {
      secrets.failNext('SecretsManager.GetSecretValue', { error: 'AccessDeniedException' });
      const { build, commit } = await finishedBuild('web');
      const denied = await mirror.invoke(buildStateEvent(build, aws.region));
      expect(denied.thrown?.name).toBe('MirrorFailure');
      expect(denied.log).toContain('allow "secretsmanager:GetSecretValue"');
      // A failed read is not kept: the retry of the same event reads it again and posts.
      const retried = await mirror.invoke<{ outcome: string }>(buildStateEvent(build, aws.region));
      expect(retried.result?.outcome).toBe('posted');
      expect(github.statuses(commit)).toHaveLength(1);
    });
  });
});

describe('a rotated secret', () => {
  it('is read again when GitHub rejects the kept value, and the status is posted with the new one', async () => {
    await withMirror({ GITHUB_TOKEN_SECRET: 'mirror/github-token' }, async (mirror) => {
      const first = await finishedBuild('web');
      await mirror.invoke(buildStateEvent(first.build, aws.region));
      const reads = secretReads();
      // The kept token was revoked (and the secret rotated): GitHub answers 401 once.
      github.failNext({
        status: 401,
        body: { message: 'Bad credentials' },
        match: { method: 'POST' },
      });
      const second = await finishedBuild('web');
      const run = await mirror.invoke<{ outcome: string }>(
        buildStateEvent(second.build, aws.region),
      );
      expect(run.result?.outcome).toBe('posted');
      expect(run.log).toContain('Reading "mirror/github-token" (GITHUB_TOKEN_SECRET) again.');
      expect(secretReads() - reads).toBe(1);
      expect(github.statuses(second.commit)).toHaveLength(1);
    });
  });

  it('fails the invocation when the value read again is rejected too', async () => {
    await withMirror({ GITHUB_TOKEN_SECRET: 'mirror/github-token' }, async (mirror) => {
      github.failNext({
        status: 401,
        count: 2,
        body: { message: 'Bad credentials' },
        match: { method: 'POST' },
      });
      const { build } = await finishedBuild('web');
      const run = await mirror.invoke(buildStateEvent(build, aws.region));
      expect(run.thrown?.message).toContain(
        'GitHub rejected the token from "mirror/github-token" (GITHUB_TOKEN_SECRET) (HTTP 401: Bad credentials)',
      );
    });
  });
});

describe('a GitHub App', () => {
  const app = { GITHUB_APP_ID: String(APP_ID), GITHUB_APP_PRIVATE_KEY_SECRET: 'mirror/app-key' };

  it('posts with an installation token per repository, scoped to it and to statuses, kept between events', async () => {
    const issuedBefore = github.installationTokens().length;
    await withMirror(app, async (mirror) => {
      for (const project of ['web', 'web', 'api']) {
        const { build, commit } = await finishedBuild(project);
        const run = await mirror.invoke<{ outcome: string }>(buildStateEvent(build, aws.region));
        expect(run.result?.outcome).toBe('posted');
        const [status] = github.statuses(commit);
        expect(status?.authorization).toMatch(/^(token|bearer) ghs_/i);
      }
    });
    const issued = github.installationTokens().slice(issuedBefore);
    expect(issued.map((t) => t.repositories)).toEqual([['web'], ['api']]);
    expect(issued.every((t) => t.permissions.statuses === 'write')).toBe(true);
  });

  it('gets a new token when GitHub no longer takes the kept one', async () => {
    await withMirror(app, async (mirror) => {
      const first = await finishedBuild('web');
      await mirror.invoke(buildStateEvent(first.build, aws.region));
      github.expireInstallationTokens();
      const second = await finishedBuild('web');
      const run = await mirror.invoke<{ outcome: string }>(
        buildStateEvent(second.build, aws.region),
      );
      expect(run.result?.outcome).toBe('posted');
      expect(github.statuses(second.commit)).toHaveLength(1);
    });
  });

  it('logs a repository the App is not installed on, without failing', async () => {
    await withMirror(app, async (mirror) => {
      const { build, commit } = await finishedBuild('elsewhere');
      const run = await mirror.invoke<{ outcome: string }>(buildStateEvent(build, aws.region));
      expect(run.thrown).toBeUndefined();
      expect(run.result?.outcome).toBe('refused');
      expect(run.log).toContain(`GitHub App ${APP_ID} is not installed on someone-else/elsewhere`);
      expect(github.statuses(commit)).toEqual([]);
    });
  });

  it('fails the invocation with what to fix when the key is not a key or not the App’s', async () => {
    await withMirror(
      { ...app, GITHUB_APP_PRIVATE_KEY_SECRET: 'mirror/github-token' },
      async (mirror) => {
        const { build } = await finishedBuild('web');
        const run = await mirror.invoke(buildStateEvent(build, aws.region));
        expect(run.thrown?.message).toContain(
          '"mirror/github-token" (GITHUB_APP_PRIVATE_KEY_SECRET) does not hold a PEM private key',
        );
      },
    );
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    await withMirror(
      {
        GITHUB_APP_ID: String(APP_ID),
        GITHUB_APP_PRIVATE_KEY: other.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
      async (mirror) => {
        const { build } = await finishedBuild('web');
        const run = await mirror.invoke(buildStateEvent(build, aws.region));
        expect(run.thrown?.message).toMatch(
          /GitHub refused GitHub App 424242's credentials .*HTTP 401.*check GITHUB_APP_ID/,
        );
      },
    );
  });
});
