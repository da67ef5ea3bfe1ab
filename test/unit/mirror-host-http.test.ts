/**
 * One JSON request to a code host, against a real server on 127.0.0.1 answering from a script:
 * what is parsed, what is retried and after how long (a fake clock records the waits), and the
 * CodeHostUnavailable that ends three failed attempts.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CodeHostUnavailable,
  hostHttp,
  shownUrl,
  type HostHttp,
} from '../../src/mirror/host-http.js';
import type { Clock } from '../../src/util/clock.js';

const NOW = 1_700_000_000_000;

type Answer = { status: number; body?: string; headers?: Record<string, string> } | 'reset';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
let script: Answer[];
let seen: Seen[];
let sleeps: number[];
let http: HostHttp;

/** Answers each request with the next scripted answer; the last one repeats. */
function answer(req: IncomingMessage, res: ServerResponse, body: string): void {
  seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
  const next = script.length > 1 ? script.shift()! : script[0]!;
  if (next === 'reset') {
    req.socket.destroy();
    return;
  }
  res.writeHead(next.status, next.headers ?? {});
  res.end(next.body ?? '');
}

beforeEach(async () => {
  script = [];
  seen = [];
  sleeps = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => answer(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clock: Clock = {
    now: () => NOW,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  };
  http = hostHttp(clock);
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const get = (path = '/repos/o/r') =>
  http.send({ method: 'GET', url: `${base}${path}`, authorization: 'Bearer t0ken' });

const json = (status: number, value: unknown, headers: Record<string, string> = {}): Answer => ({
  status,
  body: JSON.stringify(value),
  headers: { 'content-type': 'application/json', ...headers },
});

describe('hostHttp', () => {
  it('sends the method, credential, headers and JSON body, and parses a JSON answer', async () => {
    script = [json(201, { id: 7 })];
    const result = await http.send({
      method: 'POST',
      url: `${base}/statuses/abc`,
      authorization: 'Bearer t0ken',
      body: { state: 'success' },
      headers: { 'x-github-api-version': '2022-11-28' },
    });
    expect(result).toEqual({ status: 201, body: { id: 7 } });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/statuses/abc',
      body: '{"state":"success"}',
    });
    expect(seen[0]!.headers).toMatchObject({
      authorization: 'Bearer t0ken',
      'content-type': 'application/json',
      accept: 'application/json',
      'x-github-api-version': '2022-11-28',
    });
    expect(sleeps).toEqual([]);
  });

  it('gives an undefined body for an answer that is empty or not JSON', async () => {
    script = [{ status: 200, body: '<html>hello</html>' }, { status: 204 }];
    expect(await get()).toEqual({ status: 200, body: undefined });
    expect(await get()).toEqual({ status: 204, body: undefined });
  });

  it.each([400, 401, 404, 422])('returns a %i at once, without retrying', async (status) => {
    script = [json(status, { message: 'no' })];
    expect(await get()).toEqual({ status, body: { message: 'no' } });
    expect(seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('returns a plain 403 (a permission, not a rate limit) at once', async () => {
    script = [
      json(403, { message: 'Resource not accessible' }, { 'x-ratelimit-remaining': '4999' }),
    ];
    expect(await get()).toEqual({ status: 403, body: { message: 'Resource not accessible' } });
    expect(seen).toHaveLength(1);
  });

  it('retries a 5xx and a 429, returning the answer that follows', async () => {
    script = [{ status: 502 }, { status: 429 }, json(200, { ok: true })];
    expect(await get()).toEqual({ status: 200, body: { ok: true } });
    expect(seen).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('gives up after 3 attempts with CodeHostUnavailable naming the method and the URL without its query', async () => {
    script = [{ status: 503 }];
    const failure = get('/repos/o/r?access_token=hidden').catch((error: unknown) => error);
    const error = await failure;
    expect(error).toBeInstanceOf(CodeHostUnavailable);
    expect((error as Error).message).toBe(`GET ${base}/repos/o/r failed 3 times (last: HTTP 503)`);
    expect(seen).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    // A short back-off when the host says nothing, longer each time.
    expect(sleeps[1]!).toBeGreaterThan(sleeps[0]!);
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(10_000);
  });

  it('waits as Retry-After says, in seconds or as a date, and leaves a longer wait to the next retry of the event', async () => {
    script = [
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 503, headers: { 'retry-after': new Date(NOW + 3000).toUTCString() } },
      json(200, {}),
    ];
    await get();
    expect(sleeps).toEqual([2000, 3000]);
    script = [{ status: 503, headers: { 'retry-after': '120' } }, json(200, {})];
    sleeps = [];
    await expect(get()).rejects.toThrow(
      /^GET http:\/\/127\.0\.0\.1:\d+\/repos\/o\/r failed 1 time\(s\) \(last: HTTP 503\), and the host asks to wait 120 s: left for the next retry of the event$/,
    );
    expect(sleeps).toEqual([]);
  });

  it('never tries or waits past the invocation’s deadline', async () => {
    const clock: Clock = { now: () => NOW, sleep: async (ms) => void sleeps.push(ms) };
    http = hostHttp(clock, fetch, () => NOW + 1200);
    script = [{ status: 502 }, json(200, {})];
    await expect(get()).rejects.toThrow(
      /failed 1 time\(s\) \(last: HTTP 502\), with no time left in the invocation for another attempt$/,
    );
    expect(sleeps).toEqual([]);
    http = hostHttp(clock, fetch, () => NOW + 500);
    const before = seen.length;
    await expect(get()).rejects.toThrow(/was not tried: the invocation's time is up$/);
    expect(seen.length).toBe(before);
  });

  it('does not retry what is not an outage: a request that cannot be made is thrown at once', async () => {
    let calls = 0;
    const broken: typeof fetch = () => {
      calls++;
      return Promise.reject(
        new TypeError('Request cannot be constructed from a URL that includes credentials'),
      );
    };
    http = hostHttp({ now: () => NOW, sleep: async () => {} }, broken);
    await expect(get()).rejects.toThrow(TypeError);
    expect(calls).toBe(1);
  });

  it('shows URLs without user info, query or fragment', () => {
    expect(shownUrl('https://bot:s3cret@host.example/a/b?token=x#y')).toBe(
      'https://host.example/a/b',
    );
  });

  it('retries a rate-limited 403 until the rate limit resets', async () => {
    const reset = String(NOW / 1000 + 5);
    script = [
      json(
        403,
        { message: 'API rate limit exceeded' },
        {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': reset,
        },
      ),
      json(200, { ok: true }),
    ];
    expect(await get()).toEqual({ status: 200, body: { ok: true } });
    expect(sleeps).toEqual([5000]);
  });

  it('retries a secondary-rate-limited 403 (Retry-After) after the wait it names', async () => {
    script = [
      json(403, { message: 'secondary rate limit' }, { 'retry-after': '3' }),
      json(200, {}),
    ];
    expect((await get()).status).toBe(200);
    expect(sleeps).toEqual([3000]);
  });

  it('ignores x-ratelimit-reset while requests remain', async () => {
    const far = String(NOW / 1000 + 3600);
    script = [
      { status: 500, headers: { 'x-ratelimit-remaining': '10', 'x-ratelimit-reset': far } },
      json(200, {}),
    ];
    await get();
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]!).toBeLessThan(10_000);
  });

  it('retries a connection reset', async () => {
    script = ['reset', json(200, { ok: true })];
    expect(await get()).toEqual({ status: 200, body: { ok: true } });
    expect(seen).toHaveLength(2);
  });

  it('says the connection failed when every attempt is reset', async () => {
    script = ['reset'];
    const error = await get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CodeHostUnavailable);
    expect((error as Error).message).toMatch(
      new RegExp(`^GET ${base}/repos/o/r failed 3 times \\(last: the connection`),
    );
    expect(seen).toHaveLength(3);
  });
});
