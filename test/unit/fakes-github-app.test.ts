/**
 * Proves the fake GitHub API authenticates GitHub Apps like GitHub, driven by @octokit/core with
 * JWTs signed here with node:crypto: the repository installation lookup, the exchange for an
 * installation token, statuses posted with it (only on the installation's repositories), and the
 * 401s for a bad signature, an expired or too long JWT, an unknown app id and an expired
 * installation token.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { Octokit } from '@octokit/core';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-server.js';

const APP_ID = 4242;
const SHA = 'ab12'.repeat(10);
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
let gh: FakeGitHub;

beforeAll(async () => {
  gh = await startFakeGitHub({
    // Only these tokens, plus the installation tokens the fake issues.
    tokens: ['ghp_user'],
    apps: [
      {
        id: APP_ID,
        publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        installations: [
          { id: 100, account: 'octo' },
          { id: 200, account: 'acme', accountType: 'User', repositories: ['site'] },
        ],
      },
    ],
  });
});

afterAll(async () => {
  await gh.close();
});

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

interface JwtOptions {
  iss?: number | string;
  iat?: number;
  exp?: number;
  key?: KeyObject;
  header?: Record<string, unknown>;
}

/** An app JWT as GitHub documents it: RS256, `iat` 60 s back, `exp` 9 minutes ahead. */
function jwt(options: JwtOptions = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const head = b64url(options.header ?? { alg: 'RS256', typ: 'JWT' });
  const payload = b64url({
    iss: options.iss ?? APP_ID,
    iat: options.iat ?? now - 60,
    exp: options.exp ?? now + 540,
  });
  const signature = sign(
    'RSA-SHA256',
    Buffer.from(`${head}.${payload}`),
    options.key ?? keys.privateKey,
  );
  return `${head}.${payload}.${signature.toString('base64url')}`;
}

const octokit = (auth: string): Octokit => new Octokit({ baseUrl: gh.url, auth });

/** The HTTP status and message a request fails with. */
async function failure(sent: Promise<unknown>): Promise<{ status: number; message: unknown }> {
  try {
    await sent;
  } catch (err) {
    // @octokit/core's RequestError: the HTTP status and GitHub's JSON answer.
    const { status, response } = err as { status?: number; response?: { data?: unknown } };
    if (typeof status !== 'number') throw err;
    return { status, message: (response?.data as { message?: unknown } | undefined)?.message };
  }
  throw new Error('expected the request to fail');
}

const postStatus = (client: Octokit, owner: string, repo: string) =>
  client.request('POST /repos/{owner}/{repo}/statuses/{sha}', {
    owner,
    repo,
    sha: SHA,
    state: 'success',
    context: 'mirror',
  });

describe('fake GitHub Apps', () => {
  it('finds the installation on a repository with the JWT', async () => {
    const { status, data } = await octokit(jwt()).request(
      'GET /repos/{owner}/{repo}/installation',
      { owner: 'octo', repo: 'app' },
    );
    expect(status).toBe(200);
    expect(data).toMatchObject({
      id: 100,
      app_id: APP_ID,
      account: { login: 'octo', type: 'Organization' },
      target_type: 'Organization',
      permissions: { statuses: 'write', metadata: 'read' },
      repository_selection: 'all',
      access_tokens_url: `${gh.url}/app/installations/100/access_tokens`,
    });
    expect(data.account!.id).toEqual(expect.any(Number));
    // The JWT went as a bearer token (what @octokit/auth-token does with a JWT).
    expect(gh.requests.at(-1)!.headers.authorization).toMatch(/^bearer /i);

    const selected = await octokit(jwt({ iss: String(APP_ID) })).request(
      'GET /repos/{owner}/{repo}/installation',
      { owner: 'acme', repo: 'site' },
    );
    expect(selected.data).toMatchObject({ id: 200, repository_selection: 'selected' });
    expect(selected.data.account).toMatchObject({ login: 'acme', type: 'User' });
  });

  it('answers 404 where the app is not installed', async () => {
    const client = octokit(jwt());
    expect(
      await failure(
        client.request('GET /repos/{owner}/{repo}/installation', { owner: 'other', repo: 'x' }),
      ),
    ).toEqual({ status: 404, message: 'Not Found' });
    // acme has only the site repository selected.
    expect(
      await failure(
        client.request('GET /repos/{owner}/{repo}/installation', { owner: 'acme', repo: 'blog' }),
      ),
    ).toEqual({ status: 404, message: 'Not Found' });
  });

  it('exchanges the JWT for an installation token that posts statuses on its repositories only', async () => {
    const before = Date.now();
    const { status, data } = await octokit(jwt()).request(
      'POST /app/installations/{installation_id}/access_tokens',
      { installation_id: 100 },
    );
    expect(status).toBe(201);
    expect(data.token).toMatch(/^ghs_[A-Za-z0-9]{36}$/);
    expect(data).toMatchObject({
      permissions: { statuses: 'write', metadata: 'read' },
      repository_selection: 'all',
    });
    const expires = Date.parse(data.expires_at);
    expect(expires).toBeGreaterThanOrEqual(before + 3600_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 3600_000);
    expect(gh.installationTokens().at(-1)).toMatchObject({
      token: data.token,
      installationId: 100,
      expiresAt: data.expires_at,
    });
    expect(gh.installationTokens().at(-1)).not.toHaveProperty('repositories');

    const client = octokit(data.token);
    const posted = await postStatus(client, 'octo', 'app');
    expect(posted.status).toBe(201);
    expect(gh.statuses(SHA).at(-1)).toMatchObject({
      owner: 'octo',
      repo: 'app',
      authorization: `token ${data.token}`,
    });
    // Another owner's repository is invisible to the installation, though `tokens` would not list it.
    expect(await failure(postStatus(client, 'acme', 'site'))).toEqual({
      status: 404,
      message: 'Not Found',
    });
  });

  it('issues tokens for chosen repositories and refuses ones outside the installation', async () => {
    const client = octokit(jwt());
    const { data } = await client.request(
      'POST /app/installations/{installation_id}/access_tokens',
      { installation_id: 100, repositories: ['app'], permissions: { statuses: 'write' } },
    );
    expect(data).toMatchObject({
      repository_selection: 'selected',
      permissions: { statuses: 'write' },
      repositories: [{ name: 'app', full_name: 'octo/app' }],
    });
    expect(gh.installationTokens().at(-1)).toMatchObject({
      installationId: 100,
      repositories: ['app'],
    });
    expect((await postStatus(octokit(data.token), 'octo', 'app')).status).toBe(201);
    expect(await failure(postStatus(octokit(data.token), 'octo', 'lib'))).toEqual({
      status: 404,
      message: 'Not Found',
    });

    expect(
      (
        await failure(
          client.request('POST /app/installations/{installation_id}/access_tokens', {
            installation_id: 200,
            repositories: ['blog'],
          }),
        )
      ).status,
    ).toBe(422);
    expect(
      await failure(
        client.request('POST /app/installations/{installation_id}/access_tokens', {
          installation_id: 999,
        }),
      ),
    ).toEqual({ status: 404, message: 'Not Found' });
  });

  it('answers 403 when the token lacks the permission the request needs', async () => {
    const { data } = await octokit(jwt()).request(
      'POST /app/installations/{installation_id}/access_tokens',
      { installation_id: 100, permissions: { metadata: 'read' } },
    );
    expect(await failure(postStatus(octokit(data.token), 'octo', 'app'))).toEqual({
      status: 403,
      message: 'Resource not accessible by integration',
    });
  });

  it('answers 401 for a bad signature, an unknown app, a wrong algorithm or a token instead of a JWT', async () => {
    const lookUp = (auth: string) =>
      failure(
        octokit(auth).request('GET /repos/{owner}/{repo}/installation', {
          owner: 'octo',
          repo: 'app',
        }),
      );
    const undecodable = { status: 401, message: 'A JSON web token could not be decoded' };
    expect(await lookUp(jwt({ key: otherKeys.privateKey }))).toEqual(undecodable);
    expect(await lookUp(jwt({ iss: 1 }))).toEqual(undecodable);
    expect(await lookUp(jwt({ header: { alg: 'HS256', typ: 'JWT' } }))).toEqual(undecodable);
    const [head, payload, signature] = jwt().split('.');
    expect(await lookUp(`${head}.${payload}x.${signature}`)).toEqual(undecodable);
    expect(await lookUp('ghp_user')).toEqual(undecodable);
  });

  it('answers 401 for an expired JWT, one valid for over 10 minutes or issued in the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    const exchange = (auth: string) =>
      failure(
        octokit(auth).request('POST /app/installations/{installation_id}/access_tokens', {
          installation_id: 100,
        }),
      );
    expect(await exchange(jwt({ iat: now - 700, exp: now - 100 }))).toEqual({
      status: 401,
      message:
        "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    });
    expect(await exchange(jwt({ iat: now - 60, exp: now + 600 }))).toEqual({
      status: 401,
      message: "'Expiration time' claim ('exp') is too far in the future",
    });
    expect((await exchange(jwt({ iat: now + 120, exp: now + 300 }))).status).toBe(401);
  });

  it('answers 401 once an installation token has expired, so a new one must be fetched', async () => {
    const client = octokit(jwt());
    const first = await client.request('POST /app/installations/{installation_id}/access_tokens', {
      installation_id: 100,
    });
    expect((await postStatus(octokit(first.data.token), 'octo', 'app')).status).toBe(201);

    gh.expireInstallationTokens();
    const expired = gh.installationTokens().find((t) => t.token === first.data.token)!;
    expect(Date.parse(expired.expiresAt)).toBeLessThan(Date.now());
    expect(await failure(postStatus(octokit(first.data.token), 'octo', 'app'))).toEqual({
      status: 401,
      message: 'Bad credentials',
    });

    const renewed = await client.request(
      'POST /app/installations/{installation_id}/access_tokens',
      { installation_id: 100 },
    );
    expect(renewed.data.token).not.toBe(first.data.token);
    expect((await postStatus(octokit(renewed.data.token), 'octo', 'app')).status).toBe(201);
  });

  it('still checks the configured tokens', async () => {
    expect((await postStatus(octokit('ghp_user'), 'octo', 'app')).status).toBe(201);
    expect(await failure(postStatus(octokit('ghs_unknown'), 'octo', 'app'))).toEqual({
      status: 401,
      message: 'Bad credentials',
    });
  });
});
