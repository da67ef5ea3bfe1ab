/**
 * report-status, bundled, at the wire: the Action (Node 24) and the CLI mirror builds that
 * something else started — found by id, or as the newest build of a commit across pages of
 * ListBuildsForProject — to GitHub and Bitbucket, without ever starting or stopping a build.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { failureScenario, steadyLogScenario, successScenario } from '../fakes/aws-server.js';
import { ACCESS_TOKEN, startFakeBitbucket, type FakeBitbucket } from '../fakes/bitbucket-server.js';
import { pipelinesEnv } from '../helpers/bitbucket-pipelines.js';
import { useFakeServers } from '../helpers/fake-servers.js';
import { cliNodes } from '../helpers/node-versions.js';
import { runBundle, startBundle, type ActionRunOptions } from '../helpers/run-bundle.js';
import { GITHUB_TOKEN, printedBuildLines, wireEnv } from '../helpers/wire.js';

/** GITHUB_SHA of the runner environment run-bundle.ts sets up. */
const GITHUB_SHA = 'f'.repeat(40);
const COMMIT = 'c0ffee'.padEnd(40, '1');
const OTHER = 'b'.repeat(40);
const CONTEXT = 'AWS CodeBuild us-east-1 (web)';
const fakes = useFakeServers();

function action(inputs: Record<string, string>, extra: ActionRunOptions = {}) {
  return startBundle('report-status', {
    ...extra,
    inputs: { 'github-token': GITHUB_TOKEN, 'poll-interval': '0.2', ...inputs },
    env: { ...wireEnv(fakes.aws, fakes.github), ...extra.env },
  });
}

const consoleUrl = (id: string) =>
  `https://us-east-1.console.aws.amazon.com/codesuite/codebuild/123456789012/projects/web/build/${encodeURIComponent(id)}/?region=us-east-1`;

/** Calls that would start or stop a build: report-status makes none. */
function writes(): string[] {
  return fakes.aws.calls
    .map((call) => call.operation)
    .filter((operation) => /Start|Stop/.test(operation));
}

describe('report-status Action at the wire', () => {
  it("posts a running build's pending status by id, on the commit it builds, and returns", async () => {
    const build = fakes.aws.startExternalBuild('web', {
      sourceVersion: COMMIT,
      scenario: steadyLogScenario({ durationMs: 10_000, linesPerSecond: 5 }),
    });
    const result = await action({ 'build-id': build.id }).done;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const statuses = fakes.github.statuses(COMMIT);
    expect(statuses.map((s) => [s.state, s.context, s.target_url])).toEqual([
      ['pending', CONTEXT, consoleUrl(build.id)],
    ]);
    expect(statuses[0]!.description).toMatch(/^Build #1 is running/);
    expect(fakes.github.statuses(GITHUB_SHA)).toEqual([]);
    expect(result.outputs).toMatchObject({
      'build-id': build.id,
      'build-number': '1',
      'build-status': 'IN_PROGRESS',
      'build-url': consoleUrl(build.id),
    });
    expect(result.stdout).toContain(`Found Build #1 of web (${build.id}) by its id`);
    expect(fakes.aws.counts()).toEqual({ 'CodeBuild.BatchGetBuilds': 1 });
  });

  it('finds the newest build of the commit on a later page, follows it with its log, and posts the end', async () => {
    fakes.aws.seedBuilds('web', 1, { sourceVersion: COMMIT });
    const running = fakes.aws.startExternalBuild('web', {
      sourceVersion: 'pr/7',
      resolvedSourceVersion: COMMIT,
      scenario: successScenario({
        timings: { BUILD: 3_000 },
        exportedVariables: { IMAGE_URI: 'repo/web:abc' },
      }),
    });
    fakes.aws.seedBuilds('web', 130, { sourceVersion: OTHER });
    const result = await action({
      'project-name': 'web',
      'source-version': COMMIT,
      wait: 'true',
      logs: 'true',
    }).done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `Found Build #2 of web (${running.id}) in page 2 of ListBuildsForProject`,
    );
    // Build #2 resolves COMMIT only once its source is downloaded, so the first status may go
    // to the given source version either way: it is the same commit.
    const statuses = fakes.github.statuses(COMMIT);
    expect(statuses.map((s) => s.state)).toEqual(['pending', 'success']);
    expect(statuses[1]!.description).toMatch(/^Build #2 succeeded in \d+s$/);
    const lines = fakes.aws.logMessages(running.id).map((line) => line.replace(/\n$/, ''));
    expect(printedBuildLines(result.stdout, lines)).toEqual(lines);
    expect(result.outputs).toMatchObject({
      'build-id': running.id,
      'build-status': 'SUCCEEDED',
      IMAGE_URI: 'repo/web:abc',
    });
    expect(result.summary).toContain('✅ web: Build #2 succeeded');
    expect(fakes.aws.counts()['CodeBuild.ListBuildsForProject']).toBe(2);
    const listed = fakes.aws.calls.filter((c) => c.operation === 'CodeBuild.ListBuildsForProject');
    expect(listed.map((c) => (c.body as { sortOrder?: string }).sortOrder)).toEqual([
      undefined,
      undefined,
    ]);
    expect(writes()).toEqual([]);
  });

  it('defaults to the commit under test: the pull request head, not the merge commit', async () => {
    const build = fakes.aws.startExternalBuild('web', {
      sourceVersion: 'pr/7',
      resolvedSourceVersion: COMMIT,
      startedAt: Date.now() - 600_000,
    });
    const result = await action(
      { 'project-name': 'web' },
      {
        event: {
          name: 'pull_request',
          payload: {
            pull_request: {
              number: 7,
              head: { sha: COMMIT, repo: { full_name: 'octo/app' } },
              base: { repo: { full_name: 'octo/app' } },
            },
          },
        },
      },
    ).done;
    expect(result.code).toBe(0);
    expect(fakes.github.statuses(COMMIT).map((s) => [s.state, s.target_url])).toEqual([
      ['success', consoleUrl(build.id)],
    ]);
    expect(result.outputs['build-status']).toBe('SUCCEEDED');
  });

  it('posts a failed build at once and fails the step, unless fail-on-build-failure is false', async () => {
    fakes.aws.seedBuilds('web', 1, {
      sourceVersion: COMMIT,
      scenario: failureScenario({ phase: 'BUILD', command: 'npm test', exitCode: 2 }),
    });
    const failed = await action({ 'project-name': 'web', 'source-version': COMMIT }).done;
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(
      /::error::Build #1 failed in BUILD after \d+s: npm test \(exit status 2\)/,
    );
    expect(fakes.github.statuses(COMMIT).map((s) => s.state)).toEqual(['failure']);
    expect(failed.outputs['build-status']).toBe('FAILED');
    expect(failed.summary).toContain('| BUILD | ❌ FAILED |');

    const kept = await action({
      'project-name': 'web',
      'source-version': COMMIT,
      'fail-on-build-failure': 'false',
    }).done;
    expect(kept.code).toBe(0);
  });

  it('says what was searched when there is no build of the commit', async () => {
    fakes.aws.seedBuilds('web', 250, { sourceVersion: OTHER });
    const deep = await action({
      'project-name': 'web',
      'source-version': COMMIT,
      'search-pages': '2',
    }).done;
    expect(deep.code).toBe(1);
    expect(deep.stdout).toContain(
      `::error::No build of ${COMMIT} in the newest 200 builds (2 pages of ListBuildsForProject) of project "web" in us-east-1. Check the project name and the source version, or search further back: raise input "search-pages" (now 2).`,
    );
    expect(fakes.aws.counts()['CodeBuild.ListBuildsForProject']).toBe(2);
    expect(fakes.github.statuses(COMMIT)).toEqual([]);
  });

  it('says the project has no build of it when every page was read', async () => {
    fakes.aws.seedBuilds('web', 3, { sourceVersion: OTHER });
    const result = await action({ 'project-name': 'web', 'source-version': COMMIT }).done;
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `::error::No build of ${COMMIT} in project "web" in us-east-1: none of its 3 builds built it.`,
    );
  });

  it('names a build id that does not exist, and a malformed one', async () => {
    const missing = await action({ 'build-id': 'web:0b5a8f5e-63f4-4f52-9f33-1b2c3d4e5f60' }).done;
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(
      '::error::Build "web:0b5a8f5e-63f4-4f52-9f33-1b2c3d4e5f60" does not exist in us-east-1 (BatchGetBuilds lists it in buildsNotFound).',
    );
    const malformed = await action({ 'build-id': 'web' }).done;
    expect(malformed.code).toBe(1);
    expect(malformed.stdout).toContain(
      '::error::input "build-id" "web" is not a CodeBuild build id',
    );
    expect(fakes.aws.calls).toHaveLength(1);
  });

  it('names a project that does not exist, and the region', async () => {
    const result = await action({ 'project-name': 'nope', 'source-version': COMMIT }).done;
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error::CodeBuild has no project "nope" in us-east-1.');
    expect(result.stdout).not.toContain('please report');
  });

  it("waits for a queued build's commit with wait, and posts there, never on the workflow's commit", async () => {
    const build = fakes.aws.startExternalBuild('web', {
      sourceVersion: 'pr/7',
      resolvedSourceVersion: COMMIT,
      scenario: successScenario({ timings: { PROVISIONING: 4_000 } }),
    });
    const early = await action({ 'build-id': build.id }).done;
    expect(early.code).toBe(1);
    expect(early.stdout).toMatch(
      /::error::Build #1 has not checked out its source yet \((SUBMITTED|QUEUED|PROVISIONING)\), so its commit is unknown: give source-version as the full commit sha, or wait: true/,
    );
    const waited = await action({ 'build-id': build.id, wait: 'true' }).done;
    expect(waited.code).toBe(0);
    expect(waited.stdout).toContain(
      `Posting its status to commit ${COMMIT} (the commit the build checked out).`,
    );
    expect(fakes.github.statuses(COMMIT).map((s) => s.state)).toEqual(['pending', 'success']);
    expect(fakes.github.statuses(GITHUB_SHA)).toEqual([]);
  });

  it('names the IAM action when ListBuildsForProject is denied', async () => {
    fakes.aws.failNext('CodeBuild.ListBuildsForProject', { error: 'AccessDeniedException' });
    const result = await action({ 'project-name': 'web', 'source-version': COMMIT }).done;
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error::.*codebuild:ListBuildsForProject/);
  });

  it("waits for a webhook's build to appear with search-timeout, reading only the newest page again", async () => {
    fakes.aws.seedBuilds('web', 150, { sourceVersion: OTHER });
    const running = action({
      'project-name': 'web',
      'source-version': COMMIT,
      'search-timeout': '20',
      wait: 'true',
    });
    while ((fakes.aws.counts()['CodeBuild.ListBuildsForProject'] ?? 0) < 3)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const build = fakes.aws.startExternalBuild('web', {
      sourceVersion: COMMIT,
      scenario: successScenario({ timings: { BUILD: 3_000 } }),
    });
    const result = await running.done;
    expect(result.code).toBe(0);
    expect(result.outputs['build-id']).toBe(build.id);
    // The first search reads both pages; each later look only the first.
    const pages = fakes.aws.calls
      .filter((c) => c.operation === 'CodeBuild.ListBuildsForProject')
      .map((c) => ((c.body as { nextToken?: string }).nextToken ? 2 : 1));
    expect(pages.slice(0, 2)).toEqual([1, 2]);
    expect(pages.slice(2).every((page) => page === 1)).toBe(true);
    expect(fakes.github.statuses(COMMIT).map((s) => s.state)).toEqual(['pending', 'success']);
  });

  it('on cancel leaves the build running and ends its status as an error that says so', async () => {
    const build = fakes.aws.startExternalBuild('web', {
      sourceVersion: COMMIT,
      scenario: steadyLogScenario({ durationMs: 20_000, linesPerSecond: 10 }),
    });
    const running = action({ 'build-id': build.id, wait: 'true' });
    await running.waitFor('Found Build #1');
    await new Promise((resolve) => setTimeout(resolve, 500));
    running.child.kill('SIGINT');
    const result = await running.done;
    expect(result.elapsedMs).toBeLessThan(7_500);
    expect(writes()).toEqual([]);
    expect(fakes.aws.build(build.id)!.stopRequestedAt).toBeUndefined();
    const statuses = fakes.github.statuses(COMMIT);
    expect(statuses.map((s) => s.state)).toEqual(['pending', 'error']);
    expect(statuses[1]!.description).toMatch(
      /still running; the run was cancelled before it ended/,
    );
    expect(result.stdout).toContain('report-status follows builds, it never stops them');
  });
});

describe('buildbridge report-status', () => {
  let bb: FakeBitbucket;
  beforeEach(async () => {
    bb = await startFakeBitbucket();
  });
  afterEach(async () => {
    await bb.close();
  });

  function cli(args: string[], env: Record<string, string | undefined>, node = process.execPath) {
    return runBundle('cli', {
      node,
      actionsRunner: false,
      args: ['report-status', '--poll-interval', '0.2', ...args],
      env: { ...wireEnv(fakes.aws), ...env },
    });
  }

  it.each(cliNodes())(
    "on %s in Bitbucket Pipelines follows the newest build of BITBUCKET_COMMIT and posts Bitbucket's states",
    async (_name, node) => {
      const build = fakes.aws.startExternalBuild('web', {
        sourceVersion: COMMIT,
        scenario: steadyLogScenario({ durationMs: 4_000, linesPerSecond: 5 }),
      });
      const result = await cli(['--project-name', 'web', '--wait'], pipelinesEnv(bb, COMMIT), node);
      expect(result.code).toBe(0);
      const statuses = bb.statuses(COMMIT);
      expect(statuses.map((s) => [s.state, s.name, s.ref])).toEqual([
        ['INPROGRESS', CONTEXT, 'main'],
        ['SUCCESSFUL', CONTEXT, 'main'],
      ]);
      expect(statuses[1]!.url).toBe(consoleUrl(build.id));
      expect(result.stdout + result.stderr).not.toContain(ACCESS_TOKEN);
      expect(writes()).toEqual([]);
    },
  );

  it('posts to GitHub from any shell with GITHUB_TOKEN and GITHUB_REPOSITORY, by build ARN', async () => {
    const build = fakes.aws.startExternalBuild('web', {
      sourceVersion: COMMIT,
      startedAt: Date.now() - 600_000,
    });
    const arn = `arn:aws:codebuild:us-east-1:123456789012:build/${build.id}`;
    const result = await cli(['--build-id', arn], {
      GITHUB_TOKEN,
      GITHUB_REPOSITORY: 'octo/app',
      GITHUB_API_URL: fakes.github.url,
    });
    expect(result.code).toBe(0);
    expect(fakes.github.statuses(COMMIT).map((s) => s.state)).toEqual(['success']);
    expect(result.stdout).toMatch(/Build #1 succeeded in \d+s\. https:/);
  });

  it('says which build to give, and refuses both at once, as usage errors', async () => {
    const none = await cli([], {});
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Which build? Give --build-id');
    const both = await cli(['--build-id', 'web:x1', '--project-name', 'web'], {});
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Give --build-id or --project-name, not both');
    expect(fakes.aws.calls).toEqual([]);
  });

  it("refuses --region when the build's ARN names another", async () => {
    const arn =
      'arn:aws:codebuild:eu-west-1:123456789012:build/web:0b5a8f5e-63f4-4f52-9f33-1b2c3d4e5f60';
    const result = await cli(['--build-id', arn, '--region', 'us-east-1'], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "--region is us-east-1 but the build's ARN names eu-west-1, where the build lives",
    );
    expect(fakes.aws.calls).toEqual([]);
  });

  it('defaults to BITBUCKET_COMMIT inside Pipelines even with --status-host none', async () => {
    const build = fakes.aws.startExternalBuild('web', {
      sourceVersion: COMMIT,
      startedAt: Date.now() - 600_000,
    });
    const result = await cli(
      ['--project-name', 'web', '--status-host', 'none'],
      pipelinesEnv(bb, COMMIT),
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Found Build #1 of web (${build.id})`);
    expect(bb.statuses(COMMIT)).toEqual([]);
  });

  it('lists its options in --help', async () => {
    const result = await cli(['--help'], {});
    expect(result.code).toBe(0);
    for (const flag of [
      '--build-id',
      '--project-name',
      '--search-pages',
      '--search-timeout',
      '--wait',
    ])
      expect(result.stdout).toContain(flag);
  });
});
