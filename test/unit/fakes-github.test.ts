/**
 * Proves the fake GitHub API answers like GitHub: status creation and validation, authentication,
 * listing and combined status, scripted failures and rate limits, comments and check runs.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  startFakeGitHub,
  type CheckRun,
  type CommitStatus,
  type FakeGitHub,
  type IssueComment,
} from '../fakes/github-server.js';

let gh: FakeGitHub;
const SHA = 'c0ffee'.padEnd(40, '0');

beforeAll(async () => {
  gh = await startFakeGitHub();
});

afterAll(async () => {
  await gh.close();
});

/** Send a request; `T` is the JSON the caller expects back (an object by default). */
async function call<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
  auth: string | null = 'token ghs_abc',
) {
  const res = await fetch(`${gh.url}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      ...(auth ? { authorization: auth } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as T };
}

const postStatus = (sha: string, body: unknown, auth?: string | null) =>
  call('POST', `/repos/octo/app/statuses/${sha}`, body, auth);

describe('fake GitHub commit statuses', () => {
  it('creates a status (201) with GitHub headers and records it with the Authorization header', async () => {
    const sha = 'a1'.repeat(20);
    const res = await postStatus(sha, {
      state: 'pending',
      description: 'Build started',
      target_url: 'https://example.com/b/1',
      context: 'AWS CodeBuild us-east-1 (app)',
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      state: 'pending',
      description: 'Build started',
      target_url: 'https://example.com/b/1',
      context: 'AWS CodeBuild us-east-1 (app)',
      url: `${gh.url}/repos/octo/app/statuses/${sha}`,
    });
    expect(res.json.id).toEqual(expect.any(Number));
    expect(res.json.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(res.headers.get('x-github-request-id')).toMatch(/^[0-9A-F]{4}(:[0-9A-F]+){4}$/);
    expect(Number(res.headers.get('x-ratelimit-remaining'))).toBeLessThan(5000);

    await postStatus(
      sha,
      { state: 'success', context: 'AWS CodeBuild us-east-1 (app)' },
      'Bearer ghs_xyz',
    );
    expect(gh.statuses(sha).map((s) => [s.state, s.authorization])).toEqual([
      ['pending', 'token ghs_abc'],
      ['success', 'Bearer ghs_xyz'],
    ]);
  });

  it('requires authentication', async () => {
    const res = await postStatus(SHA, { state: 'success' }, null);
    expect(res.status).toBe(401);
    expect(res.json.message).toBe('Requires authentication');
  });

  it('answers 422 for a description over 140 characters, a bad state or an unknown SHA', async () => {
    const long = await postStatus(SHA, { state: 'failure', description: 'x'.repeat(141) });
    expect(long.status).toBe(422);
    expect(long.json).toMatchObject({
      message: 'Validation Failed',
      errors: [
        {
          resource: 'Status',
          code: 'custom',
          field: 'description',
          message: 'description is too long (maximum is 140 characters)',
        },
      ],
    });
    expect((await postStatus(SHA, { state: 'stopped' })).status).toBe(422);
    expect((await postStatus('abc123', { state: 'success' })).status).toBe(422);
    expect((await postStatus(SHA, { state: 'success', description: 'x'.repeat(140) })).status).toBe(
      201,
    );
  });

  it('lists statuses newest first and combines the latest per context', async () => {
    const sha = 'b2'.repeat(20);
    await postStatus(sha, { state: 'pending', context: 'ci/a' });
    await postStatus(sha, { state: 'success', context: 'ci/a' });
    await postStatus(sha, { state: 'pending', context: 'ci/b' });

    const list = await call<CommitStatus[]>('GET', `/repos/octo/app/commits/${sha}/statuses`);
    expect(list.json.map((s) => `${s.context}:${s.state}`)).toEqual([
      'ci/b:pending',
      'ci/a:success',
      'ci/a:pending',
    ]);
    expect(list.json[0]).not.toHaveProperty('authorization');

    const combined = await call('GET', `/repos/octo/app/commits/${sha}/status`);
    expect(combined.json).toMatchObject({ state: 'pending', total_count: 2, sha });
    await postStatus(sha, { state: 'error', context: 'ci/b' });
    expect((await call('GET', `/repos/octo/app/commits/${sha}/status`)).json.state).toBe('failure');
  });
});

describe('fake GitHub failures', () => {
  it('answers only the next N matching requests with 403 "Resource not accessible by integration"', async () => {
    gh.failNext({ count: 2, status: 403, match: { method: 'POST', path: /\/statuses\// } });
    expect((await call('GET', `/repos/octo/app/commits/${SHA}/status`)).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await postStatus(SHA, { state: 'pending' });
      expect(res.status).toBe(403);
      expect(res.json.message).toBe('Resource not accessible by integration');
    }
    expect((await postStatus(SHA, { state: 'pending' })).status).toBe(201);
    expect(gh.requests.slice(-3).map((r) => r.status)).toEqual([403, 403, 201]);
  });

  it('simulates an outage with 5xx answers', async () => {
    gh.failNext({ count: 1, status: 502 });
    gh.failNext({ count: 1, status: 503, body: { message: 'Service Unavailable' } });
    expect((await postStatus(SHA, { state: 'success' })).status).toBe(502);
    const second = await postStatus(SHA, { state: 'success' });
    expect([second.status, second.json.message]).toEqual([503, 'Service Unavailable']);
    expect((await postStatus(SHA, { state: 'success' })).status).toBe(201);
  });

  it('answers primary and secondary rate limits the way GitHub signals them', async () => {
    gh.failNext({ rateLimit: 'primary' });
    const primary = await postStatus(SHA, { state: 'success' });
    expect(primary.status).toBe(403);
    expect(primary.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(primary.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(primary.json.message).toMatch(/^API rate limit exceeded/);

    gh.failNext({ rateLimit: '429', retryAfterSeconds: 3 });
    const secondary = await postStatus(SHA, { state: 'success' });
    expect(secondary.status).toBe(429);
    expect(secondary.headers.get('retry-after')).toBe('3');
    expect(secondary.json.message).toMatch(/secondary rate limit/);
  });
});

describe('fake GitHub comments and check runs', () => {
  it('creates, lists and updates an issue comment (sticky PR comment)', async () => {
    const created = await call<IssueComment>('POST', '/repos/octo/app/issues/7/comments', {
      body: '<!-- bb -->\nrunning',
    });
    expect(created.status).toBe(201);
    const updated = await call('PATCH', `/repos/octo/app/issues/comments/${created.json.id}`, {
      body: '<!-- bb -->\ndone',
    });
    expect(updated.status).toBe(200);
    const list = await call<IssueComment[]>('GET', '/repos/octo/app/issues/7/comments');
    expect(list.json.map((c) => c.body)).toEqual(['<!-- bb -->\ndone']);
    expect(gh.comments('octo', 'app', 7)).toHaveLength(1);
  });

  it('lets a read-only token (fork pull request) list comments but answers its writes with 403', async () => {
    const readOnly = await startFakeGitHub({ readOnlyTokens: ['ghs_fork'] });
    try {
      const send = (method: string, path: string, body?: unknown) =>
        fetch(`${readOnly.url}${path}`, {
          method,
          headers: { authorization: 'token ghs_fork', 'content-type': 'application/json' },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
      expect((await send('GET', '/repos/octo/app/issues/7/comments')).status).toBe(200);
      const refused = await send('POST', '/repos/octo/app/issues/7/comments', { body: 'hi' });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      });
      expect(readOnly.comments('octo', 'app', 7)).toEqual([]);
    } finally {
      await readOnly.close();
    }
  });

  it('creates and completes a check run', async () => {
    const created = await call<CheckRun>('POST', '/repos/octo/app/check-runs', {
      name: 'CodeBuild app',
      head_sha: SHA,
      status: 'in_progress',
    });
    expect(created.json).toMatchObject({ status: 'in_progress', conclusion: null });
    const done = await call('PATCH', `/repos/octo/app/check-runs/${created.json.id}`, {
      conclusion: 'failure',
      output: { title: 'Build failed', summary: 'make test exit status 2' },
    });
    expect(done.json).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(gh.checkRuns(SHA)[0]!.output.title).toBe('Build failed');
  });

  it('keeps annotations across updates and refuses what GitHub refuses (422)', async () => {
    const created = await call<CheckRun>('POST', '/repos/octo/app/check-runs', {
      name: 'limits',
      head_sha: SHA,
      status: 'in_progress',
    });
    const path = `/repos/octo/app/check-runs/${created.json.id}`;
    const annotation = (n: number) => ({
      path: 'buildspec.yml',
      start_line: n,
      end_line: n,
      annotation_level: 'failure',
      message: `m${n}`,
    });
    const output = (annotations: unknown[], summary = 's') => ({
      output: { title: 't', summary, annotations },
    });
    const tooMany = await call(
      'PATCH',
      path,
      output(Array.from({ length: 51 }, (_, n) => annotation(n + 1))),
    );
    expect(tooMany.status).toBe(422);
    expect(tooMany.json.message).toBe(
      'Invalid request.\n\nNo more than 50 items are allowed; 51 were supplied.',
    );
    const tooLong = await call('PATCH', path, output([], 'é'.repeat(32_768)));
    expect(tooLong.status).toBe(422);
    expect(JSON.stringify(tooLong.json)).toContain('summary exceeds a maximum bytesize of 65535');
    const badConclusion = await call('PATCH', path, { conclusion: 'stopped' });
    expect(badConclusion.status).toBe(422);

    expect((await call('PATCH', path, output([annotation(1), annotation(2)]))).status).toBe(200);
    const done = await call<CheckRun>('PATCH', path, {
      conclusion: 'failure',
      ...output([annotation(3)]),
    });
    expect(done.json.output.annotations_count).toBe(3);
    expect(gh.checkRunAnnotations(created.json.id).map((a) => a.message)).toEqual([
      'm1',
      'm2',
      'm3',
    ]);
    const listed = await call<unknown[]>('GET', `${path}/annotations`);
    expect(listed.json).toHaveLength(3);
  });

  it('answers 404 for routes it does not know', async () => {
    const res = await call('GET', '/repos/octo/app/pulls/1');
    expect(res.status).toBe(404);
    expect(res.json.message).toBe('Not Found');
  });
});
