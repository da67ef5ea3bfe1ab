/**
 * The sticky PR comment against the fake GitHub API at the wire: Octokit (retry and throttling
 * plugins included) really pages, patches and posts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { RunReport } from '../../src/codebuild/run-report.js';
import { prCommentMarker } from '../../src/github/pr-comment-markdown.js';
import { prCommentPublisher, pullRequestOf } from '../../src/github/pr-comment.js';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-server.js';
import { RecordingLogger } from '../helpers/recording-logger.js';

const CONTEXT = 'AWS CodeBuild eu-west-1 (web)';
const TOKEN = 'ghs_write';
let gh: FakeGitHub;

beforeEach(async () => {
  gh = await startFakeGitHub({ tokens: [TOKEN], readOnlyTokens: ['ghs_fork'] });
});

afterEach(async () => {
  await gh.close();
});

function eventEnv(name: string, payload: unknown, apiUrl = gh.url): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'pr-comment-'));
  const path = join(dir, 'event.json');
  writeFileSync(path, JSON.stringify(payload));
  return { GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: path, GITHUB_API_URL: apiUrl };
}

const prEnv = (apiUrl?: string) =>
  eventEnv('pull_request', { number: 7, pull_request: { number: 7 } }, apiUrl);

function report(headline: string, statusContext = CONTEXT): RunReport {
  return {
    kind: 'build',
    statusContext,
    projectName: 'web',
    region: 'eu-west-1',
    batch: undefined,
    members: [
      {
        identifier: undefined,
        build: { id: 'web:1', buildNumber: 1, buildStatus: 'SUCCEEDED' },
        url: 'https://console/web:1',
        ignoreFailure: false,
        lastLogLines: [],
      },
    ],
    state: 'success',
    headline,
    url: 'https://console/web:1',
    summaryMarkdown: '',
  };
}

function publisher(logger = new RecordingLogger(), env = prEnv(), token = TOKEN) {
  const created = prCommentPublisher({ token, repository: 'octo/app', env, logger });
  if (!created) throw new Error(`no publisher: ${logger.entries.join('\n')}`);
  return created;
}

async function publish(headline: string, statusContext = CONTEXT, logger = new RecordingLogger()) {
  const comment = publisher(logger);
  await comment.start({ statusContext, url: 'https://console/web:1' });
  await comment.finish(report(headline, statusContext));
  return logger;
}

async function otherComments(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${gh.url}/repos/octo/app/issues/7/comments`, {
      method: 'POST',
      headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: `LGTM ${i}` }),
    });
    expect(res.status).toBe(201);
  }
}

const writes = () => gh.requests.filter((r) => r.method !== 'GET');

describe('the pull request of the event', () => {
  it('is read from pull_request and pull_request_target payloads only', () => {
    expect(pullRequestOf(prEnv())).toEqual({ number: 7 });
    expect(
      pullRequestOf(eventEnv('pull_request_target', { pull_request: { number: 12 } })),
    ).toEqual({ number: 12 });
    expect(pullRequestOf(eventEnv('push', { pull_request: { number: 7 } }))).toBeUndefined();
    expect(pullRequestOf(eventEnv('issue_comment', { issue: { number: 7 } }))).toBeUndefined();
    expect(pullRequestOf({ GITHUB_EVENT_NAME: 'pull_request' })).toBeUndefined();
  });
});

describe('the sticky PR comment', () => {
  it('creates the comment once, when the run ends, with the marker first', async () => {
    const logger = new RecordingLogger();
    const comment = publisher(logger);
    await comment.start({ statusContext: CONTEXT, url: 'https://console/web:1' });
    // No comment yet: a new one would notify everyone before there is a result.
    expect(gh.comments('octo', 'app', 7)).toEqual([]);
    await comment.finish(report('Build #1 succeeded in 1m'));
    const [created, ...more] = gh.comments('octo', 'app', 7);
    expect(more).toEqual([]);
    expect(created!.body.split('\n')[0]).toBe(prCommentMarker(CONTEXT));
    expect(created!.body).toContain('Build #&#8203;1 succeeded in 1m');
    expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/octo/app/issues/7/comments',
    ]);
    expect(logger.warnings).toEqual([]);
    expect(logger.masked).toContain(TOKEN);
  });

  it('updates the same comment in place on the next run, marking it running meanwhile', async () => {
    await publish('first run');
    const { id } = gh.comments('octo', 'app', 7)[0]!;
    const comment = publisher();
    await comment.start({ statusContext: CONTEXT, url: 'https://console/web:2' });
    expect(gh.comments('octo', 'app', 7)[0]!.body).toMatch(/: running\n/);
    await comment.finish(report('second run'));
    const comments = gh.comments('octo', 'app', 7);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({ id });
    expect(comments[0]!.body).toContain('second run');
    expect(
      writes()
        .slice(1)
        .map((r) => `${r.method} ${r.path}`),
    ).toEqual([
      `PATCH /repos/octo/app/issues/comments/${id}`,
      `PATCH /repos/octo/app/issues/comments/${id}`,
    ]);
  });

  it('finds its comment on page 2 behind more than 100 others', async () => {
    await otherComments(120);
    await publish('first run');
    const ours = gh.comments('octo', 'app', 7)[120]!;
    expect(ours.body).toContain('first run');
    await publish('second run');
    const comments = gh.comments('octo', 'app', 7);
    expect(comments).toHaveLength(121);
    expect(comments[120]).toMatchObject({ id: ours.id });
    expect(comments[120]!.body).toContain('second run');
    const lists = gh.requests.filter((r) => r.method === 'GET').map((r) => r.path);
    expect(lists).toContain('/repos/octo/app/issues/7/comments?per_page=100&page=2');
    expect(lists).not.toContain('/repos/octo/app/issues/7/comments?per_page=100&page=3');
  });

  it('keeps to the comment of its own status context, and to comments that start with its marker', async () => {
    await publish('web run 1');
    await publish('api run 1', 'AWS CodeBuild eu-west-1 (api)');
    const quote = `> ${prCommentMarker(CONTEXT)}\n> quoted by someone`;
    await fetch(`${gh.url}/repos/octo/app/issues/7/comments`, {
      method: 'POST',
      headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: quote }),
    });
    await publish('web run 2');
    expect(gh.comments('octo', 'app', 7).map((c) => c.body.split('\n')[0])).toEqual([
      prCommentMarker(CONTEXT),
      prCommentMarker('AWS CodeBuild eu-west-1 (api)'),
      `> ${prCommentMarker(CONTEXT)}`,
    ]);
    const [web, api, quoted] = gh.comments('octo', 'app', 7);
    expect(web!.body).toContain('web run 2');
    expect(api!.body).toContain('api run 1');
    expect(quoted!.body).toBe(quote);
  });

  it('updates the newest of several marked comments', async () => {
    await publish('old');
    await otherComments(1);
    // Two runs racing for the same context can each create one.
    await fetch(`${gh.url}/repos/octo/app/issues/7/comments`, {
      method: 'POST',
      headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: `${prCommentMarker(CONTEXT)}\nnewest` }),
    });
    await publish('latest');
    const bodies = gh.comments('octo', 'app', 7).map((c) => c.body);
    expect(bodies.filter((b) => b.includes('latest'))).toHaveLength(1);
    expect(bodies[0]).toContain('old');
    expect(bodies[2]).toContain('latest');
  });

  it('never takes a marked comment somebody else wrote for its own', async () => {
    const planted = gh.plantComment(
      'octo',
      'app',
      7,
      `${prCommentMarker(CONTEXT)}\n✅ all green (not really)`,
      'mallory',
    );
    await publish('the real result');
    const [first, ours] = gh.comments('octo', 'app', 7);
    expect(first).toEqual(planted);
    expect(ours!.user.type).toBe('Bot');
    expect(ours!.body).toContain('the real result');
    await publish('the next result');
    expect(gh.comments('octo', 'app', 7)).toHaveLength(2);
    expect(gh.comments('octo', 'app', 7)[1]!.body).toContain('the next result');
  });

  it('warns once, naming pull-requests: write, when the token is read-only (fork PR), and does not throw', async () => {
    const logger = new RecordingLogger();
    const comment = publisher(logger, prEnv(), 'ghs_fork');
    await comment.start({ statusContext: CONTEXT, url: 'https://console/web:1' });
    await expect(comment.finish(report('done'))).resolves.toBeUndefined();
    await comment.finish(report('done again'));
    expect(logger.warnings).toEqual([
      'GitHub refused the pull request comment on octo/app#7 (HTTP 403 from POST /repos/octo/app/issues/7/comments): the token needs "pull-requests: write" (on pull requests from forks the token is read-only, so no comment can be posted). The build itself is unaffected.',
    ]);
    expect(gh.comments('octo', 'app', 7)).toEqual([]);
  });

  it('warns naming the endpoint when GitHub answers 500, after the retries', async () => {
    gh.failNext({
      status: 500,
      count: 3,
      match: { method: 'GET', path: '/repos/octo/app/issues/7/comments' },
    });
    const logger = new RecordingLogger();
    await expect(publisher(logger).finish(report('done'))).resolves.toBeUndefined();
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toMatch(
      /^Could not update the pull request comment: GitHub answered HTTP 500 to GET \/repos\/octo\/app\/issues\/7\/comments \(/,
    );
    expect(gh.requests.filter((r) => r.status === 500)).toHaveLength(3);
    expect(gh.comments('octo', 'app', 7)).toEqual([]);
  }, 15_000);

  it('warns naming the API URL and the endpoint when GitHub cannot be reached', async () => {
    const logger = new RecordingLogger();
    await publisher(logger, prEnv('http://127.0.0.1:1')).finish(report('done'));
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toMatch(
      /^Could not reach GitHub at http:\/\/127\.0\.0\.1:1 for GET \/repos\/octo\/app\/issues\/7\/comments to update the pull request comment \(.*\)\. Check the network and GITHUB_API_URL\./,
    );
  }, 15_000);

  it('is skipped with a notice on an event without a pull request', () => {
    const logger = new RecordingLogger();
    const env = eventEnv('push', { ref: 'refs/heads/main' });
    expect(
      prCommentPublisher({ token: TOKEN, repository: 'octo/app', env, logger }),
    ).toBeUndefined();
    expect(logger.infos).toEqual([
      'Skipping the pull request comment: the push event has no pull request (it is posted on pull_request and pull_request_target).',
    ]);
    expect(logger.warnings).toEqual([]);
  });

  it('warns when there is no token to comment with', () => {
    const logger = new RecordingLogger();
    expect(
      prCommentPublisher({ token: undefined, repository: 'octo/app', env: prEnv(), logger }),
    ).toBeUndefined();
    expect(logger.warnings).toEqual([
      'Skipping the pull request comment: it needs a GitHub token and the repository (GITHUB_REPOSITORY, owner/repo).',
    ]);
  });
});
