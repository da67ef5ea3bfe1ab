/**
 * Proves the fake Bitbucket answers like Bitbucket: Cloud and Data Center build-status routes,
 * authentication, the 40-character key limit, each API's states, updates by key, and scripted
 * 401/403/5xx answers.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ACCESS_TOKEN,
  BASIC,
  startFakeBitbucket,
  type FakeBitbucket,
} from '../fakes/bitbucket-server.js';

let bb: FakeBitbucket;
const SHA = 'b'.repeat(40);
const CLOUD = `/2.0/repositories/team/app/commit/${SHA}/statuses/build`;
const DC = `/rest/api/latest/projects/PRJ/repos/app/commits/${SHA}/builds`;
const BEARER = `Bearer ${ACCESS_TOKEN}`;

beforeAll(async () => {
  bb = await startFakeBitbucket();
});
afterAll(async () => {
  await bb.close();
});

async function post(path: string, body: unknown, authorization: string | null = BEARER) {
  const res = await fetch(`${bb.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(authorization ? { authorization } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const status = { key: 'k1', state: 'INPROGRESS', name: 'Build', url: 'https://example.com/b' };

describe('fake Bitbucket', () => {
  it('records Cloud statuses per commit and updates them by key', async () => {
    expect((await post(CLOUD, { ...status, refname: 'main' })).status).toBe(201);
    expect((await post(CLOUD, { ...status, state: 'SUCCESSFUL' }, BASIC)).status).toBe(201);
    const recorded = bb.statuses(SHA).filter((s) => s.flavour === 'cloud');
    expect(recorded.map((s) => [s.repository, s.key, s.state, s.ref])).toEqual([
      ['team/app', 'k1', 'INPROGRESS', 'main'],
      ['team/app', 'k1', 'SUCCESSFUL', undefined],
    ]);
    const listed = (await (await fetch(`${bb.url}${CLOUD}`)).json()) as { values: unknown[] };
    expect(listed.values).toHaveLength(1);
  });

  it('takes Data Center statuses with its own states and answers 204', async () => {
    expect((await post(DC, { ...status, state: 'CANCELLED', ref: 'refs/heads/main' })).status).toBe(
      204,
    );
    expect((await post(DC, { ...status, state: 'STOPPED' })).status).toBe(400);
    expect((await post(CLOUD, { ...status, state: 'CANCELLED' })).status).toBe(400);
    expect(bb.statuses(SHA).filter((s) => s.flavour === 'server')).toHaveLength(1);
  });

  it('refuses missing or wrong credentials with 401', async () => {
    expect((await post(CLOUD, status, null)).status).toBe(401);
    expect((await post(CLOUD, status, 'Bearer nope')).status).toBe(401);
  });

  it('refuses keys longer than 40 characters, missing fields and unknown fields with 400', async () => {
    const long = await post(CLOUD, { ...status, key: 'k'.repeat(41) });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body)).toContain('at most 40 characters');
    expect((await post(CLOUD, { ...status, key: 'k'.repeat(40) })).status).toBe(201);
    expect((await post(CLOUD, { ...status, url: undefined })).status).toBe(400);
    expect((await post(CLOUD, { ...status, target_url: 'x' })).status).toBe(400);
  });

  it('answers scripted failures in order, then recovers', async () => {
    bb.failNext(403);
    bb.failNext(503, 2);
    expect((await post(CLOUD, status)).status).toBe(403);
    expect((await post(DC, status)).status).toBe(503);
    expect((await post(CLOUD, status)).status).toBe(503);
    expect((await post(CLOUD, status)).status).toBe(201);
  });

  it('answers 404 for other paths', async () => {
    expect((await post('/2.0/repositories/team/app', status)).status).toBe(404);
  });
});
