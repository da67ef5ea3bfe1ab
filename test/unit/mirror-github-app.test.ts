/**
 * GitHub App authentication for the mirror: the JWT (verified with node:crypto), reading the
 * App's private key in its usual forms, and installation tokens from the fake GitHub and from a
 * scripted 127.0.0.1 server driven by a controllable clock.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  GitHubAppTokens,
  appJwt,
  readPrivateKey,
  type GitHubSend,
} from '../../src/mirror/github-app.js';
import { CodeHostUnavailable } from '../../src/mirror/host-http.js';
import { ConsoleLogger } from '../../src/util/console-logger.js';
import type { Clock } from '../../src/util/clock.js';
import { UserError } from '../../src/util/errors.js';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-server.js';

const APP_ID = 4242;
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PKCS1 = keys.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const PKCS8 = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const decode = (part: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

/** A clock the test moves; sleeping is not needed here. */
function testClock(start: number): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: () => Promise.resolve(),
    advance: (ms) => {
      now += ms;
    },
  };
}

/** A small GitHubSend over fetch: JSON in, JSON out. */
function sendTo(base: string): GitHubSend {
  return async (method, path, bearer, body) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${bearer}`,
        accept: 'application/vnd.github+json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
}

const logger = () => new ConsoleLogger({ out: () => {}, err: () => {} });

describe('appJwt', () => {
  it('signs an RS256 JWT for the App, iat 60 s back, valid 10 minutes at most', () => {
    const nowMs = 1_700_000_000_500;
    const jwt = appJwt(String(APP_ID), keys.privateKey, nowMs);
    const [head, payload, signature] = jwt.split('.') as [string, string, string];
    expect(decode(head)).toEqual({ alg: 'RS256', typ: 'JWT' });
    const claims = decode(payload);
    expect(claims.iss).toBe(String(APP_ID));
    expect(claims.iat).toBe(1_700_000_000 - 60);
    expect(claims.exp as number).toBeGreaterThan(1_700_000_000);
    expect((claims.exp as number) - (claims.iat as number)).toBeLessThanOrEqual(600);
    expect(
      verify(
        'sha256',
        Buffer.from(`${head}.${payload}`),
        keys.publicKey,
        Buffer.from(signature, 'base64url'),
      ),
    ).toBe(true);
    expect(
      verify(
        'sha256',
        Buffer.from(`${head}.${payload}`),
        otherKeys.publicKey,
        Buffer.from(signature, 'base64url'),
      ),
    ).toBe(false);
  });
});

describe('readPrivateKey', () => {
  const signsLikeTheKey = (key: KeyObject) => {
    const [head, payload, signature] = appJwt('1', key, Date.now()).split('.') as [
      string,
      string,
      string,
    ];
    return verify(
      'sha256',
      Buffer.from(`${head}.${payload}`),
      keys.publicKey,
      Buffer.from(signature, 'base64url'),
    );
  };

  it.each([
    ['PKCS#1', PKCS1],
    ['PKCS#8', PKCS8],
    ['PKCS#1 with CRLF line ends', PKCS1.replace(/\n/g, '\r\n')],
    ['PKCS#1 with escaped \\n, as an environment variable holds it', PKCS1.replace(/\n/g, '\\n')],
  ])('reads a %s key', (_, pem) => {
    expect(signsLikeTheKey(readPrivateKey(pem, 'GITHUB_APP_PRIVATE_KEY', logger()))).toBe(true);
  });

  it('refuses text that is no key, naming where it came from and not quoting it', () => {
    const call = () =>
      readPrivateKey(
        'not-a-key-but-a-token-ghp_x',
        '"app-key" (GITHUB_APP_PRIVATE_KEY_SECRET)',
        logger(),
      );
    expect(call).toThrow(UserError);
    expect(call).toThrow(
      '"app-key" (GITHUB_APP_PRIVATE_KEY_SECRET) does not hold a PEM private key',
    );
    expect(call).not.toThrow('ghp_x');
  });

  it.each([
    ['with real line ends', PKCS1],
    ['with escaped \\n', PKCS1.replace(/\n/g, '\\n')],
  ])("masks the key's lines, read %s", (_, pem) => {
    const log = logger();
    readPrivateKey(pem, 'GITHUB_APP_PRIVATE_KEY', log);
    const body = PKCS1.split('\n').filter((line) => line !== '' && !line.startsWith('-----'));
    for (const line of body) expect(log.redact(`line ${line}`)).toBe('line ***');
    expect(log.redact(pem)).not.toContain(body[1]);
  });

  it('leaves the PEM armour lines readable, so its own advice is not masked', () => {
    const log = logger();
    readPrivateKey(PKCS1, 'GITHUB_APP_PRIVATE_KEY', log);
    expect(log.redact('-----BEGIN RSA PRIVATE KEY-----')).toBe('-----BEGIN RSA PRIVATE KEY-----');
  });
});

describe('GitHubAppTokens against the fake GitHub', () => {
  let gh: FakeGitHub;

  beforeAll(async () => {
    gh = await startFakeGitHub({
      apps: [
        {
          id: APP_ID,
          publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
          installations: [
            { id: 100, account: 'octo' },
            { id: 200, account: 'acme', permissions: { metadata: 'read' } },
          ],
        },
      ],
    });
  });

  afterAll(async () => {
    await gh.close();
  });

  beforeEach(() => gh.clearFailures());

  const tokens = (key: KeyObject = keys.privateKey, log = logger()) =>
    new GitHubAppTokens(
      String(APP_ID),
      () => Promise.resolve(key),
      sendTo(gh.url),
      testClock(Date.now()),
      log,
    );

  it('buys a token scoped to the repository and "statuses: write", masks it and keeps it', async () => {
    const log = logger();
    const app = tokens(keys.privateKey, log);
    const before = gh.requests.length;
    const first = await app.token('octo', 'web');
    expect(first.ok).toBe(true);
    const token = first.ok ? first.token : '';
    expect(token).toMatch(/^ghs_/);
    expect(log.redact(`token ${token}`)).toBe('token ***');
    const asked = gh.requests.slice(before);
    expect(asked.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /repos/octo/web/installation 200',
      'POST /app/installations/100/access_tokens 201',
    ]);
    expect(asked[1]!.body).toEqual({ repositories: ['web'], permissions: { statuses: 'write' } });
    expect(await app.token('octo', 'web')).toEqual({ ok: true, token });
    expect(gh.requests.length).toBe(before + 2);
  });

  it('says the App is not installed on a repository it cannot see (404)', async () => {
    const result = await tokens().token('stranger', 'repo');
    expect(result).toEqual({
      ok: false,
      status: 404,
      why: expect.stringContaining(`GitHub App ${APP_ID} is not installed on stranger/repo`),
    });
  });

  it('says which permission to give when GitHub will not issue the token (422)', async () => {
    const result = await tokens().token('acme', 'site');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(422);
    expect(result.why).toContain('"statuses: write"');
    expect(result.why).toContain('Commit statuses: Read and write');
    expect(result.why).toContain('The permissions requested are not granted');
  });

  it("throws a UserError when GitHub refuses the App's JWT (401), naming GITHUB_APP_ID", async () => {
    const result = tokens(otherKeys.privateKey).token('octo', 'web');
    await expect(result).rejects.toThrow(UserError);
    await expect(tokens(otherKeys.privateKey).token('octo', 'web')).rejects.toThrow(
      /HTTP 401.*check GITHUB_APP_ID/,
    );
  });

  it('throws CodeHostUnavailable when GitHub answers 5xx', async () => {
    gh.failNext({ status: 503, match: { path: '/repos/octo/api/installation' } });
    await expect(tokens().token('octo', 'api')).rejects.toThrow(CodeHostUnavailable);
    gh.failNext({ status: 500, match: { path: '/app/installations/' } });
    await expect(tokens().token('octo', 'api')).rejects.toThrow(
      /HTTP 500 asking for an installation token for octo\/api/,
    );
  });
});

describe('GitHubAppTokens: how long a token is kept', () => {
  const START = 1_700_000_000_000;
  const HOUR = 3_600_000;
  let server: Server;
  let base: string;
  let issued: number;
  let clock: ReturnType<typeof testClock>;

  beforeAll(async () => {
    // Issues tok-1, tok-2, … each valid an hour from the test clock's now.
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        if (req.method === 'GET') return res.end(JSON.stringify({ id: 9 }));
        issued += 1;
        res.statusCode = 201;
        res.end(
          JSON.stringify({
            token: `tok-${issued}`,
            expires_at: new Date(clock.now() + HOUR).toISOString(),
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    issued = 0;
    clock = testClock(START);
  });

  const tokens = () =>
    new GitHubAppTokens(
      String(APP_ID),
      () => Promise.resolve(keys.privateKey),
      sendTo(base),
      clock,
      logger(),
    );

  it('keeps a token until 5 minutes before it expires, then buys another', async () => {
    const app = tokens();
    expect(await app.token('o', 'r')).toEqual({ ok: true, token: 'tok-1' });
    clock.advance(HOUR - 5 * 60_000 - 1);
    expect(await app.token('o', 'r')).toEqual({ ok: true, token: 'tok-1' });
    clock.advance(1);
    expect(await app.token('o', 'r')).toEqual({ ok: true, token: 'tok-2' });
    expect(issued).toBe(2);
  });

  it('keeps one token per repository', async () => {
    const app = tokens();
    expect(await app.token('o', 'a')).toEqual({ ok: true, token: 'tok-1' });
    expect(await app.token('o', 'b')).toEqual({ ok: true, token: 'tok-2' });
    expect(await app.token('o', 'a')).toEqual({ ok: true, token: 'tok-1' });
  });

  it('buys a new token after forget()', async () => {
    const app = tokens();
    await app.token('o', 'r');
    app.forget('o', 'r');
    expect(await app.token('o', 'r')).toEqual({ ok: true, token: 'tok-2' });
  });
});
