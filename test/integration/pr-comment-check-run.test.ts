/**
 * run-build's GitHub publishers at the wire: the bundled Action (Node 24) runs builds against
 * the fake CodeBuild and the fake GitHub, and the sticky pull request comment (pr-comment) and
 * the check run (check-run) are read back from what the fake GitHub stored.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { failureScenario, successScenario } from '../fakes/aws-server.js';
import { startFakeGitHub, type IssueComment } from '../fakes/github-server.js';
import { useFakeServers } from '../helpers/fake-servers.js';
import { runBundle, type ActionRunOptions, type BundleRun } from '../helpers/run-bundle.js';
import { GITHUB_TOKEN, wireEnv } from '../helpers/wire.js';

const SHA = 'f'.repeat(40);
const HEAD = 'a'.repeat(40);
const CONTEXT = 'AWS CodeBuild us-east-1 (web)';
const MARKER = /^<!-- buildbridge:pr-comment [0-9a-f]{16} -->\n/;
const WORKFLOW_REF = 'octo/app/.github/workflows/ci.yml@refs/heads/main';
const PULL_REQUEST = {
  name: 'pull_request',
  payload: {
    number: 7,
    pull_request: {
      number: 7,
      head: { sha: HEAD, repo: { full_name: 'octo/app' } },
      base: { repo: { full_name: 'octo/app' } },
    },
  },
};
/** The buildspec in the checked-out repository; `npm test` is on line 9. */
const BUILDSPEC = [
  'version: 0.2',
  'phases:',
  '  install:',
  '    commands:',
  '      - npm ci',
  '  build:',
  '    commands:',
  '      - npm run lint',
  '      - npm test',
  '',
].join('\n');
const NPM_TEST_LINE = 9;

const fakes = useFakeServers();

function action(
  inputs: Record<string, string>,
  extra: ActionRunOptions = {},
  githubUrl = fakes.github.url,
): Promise<BundleRun> {
  return runBundle('run-build', {
    ...extra,
    inputs: {
      'project-name': 'web',
      'github-token': GITHUB_TOKEN,
      'poll-interval': '0.2',
      ...inputs,
    },
    env: { ...wireEnv(fakes.aws), GITHUB_API_URL: githubUrl, ...extra.env },
  });
}

function workspace(buildspec?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bb-workspace-'));
  if (buildspec !== undefined) writeFileSync(join(dir, 'buildspec.yml'), buildspec);
  return dir;
}

function failingBuild() {
  return failureScenario({ phase: 'BUILD', command: 'npm test', exitCode: 1 });
}

function onlyComment(): IssueComment {
  const comments = fakes.github.comments('octo', 'app', 7);
  expect(comments).toHaveLength(1);
  return comments[0]!;
}

/** The last lines of the build's log as the fake wrote them. */
function lastLogLines(buildId: string, count = 30): string[] {
  return fakes.aws
    .logMessages(buildId)
    .map((line) => line.replace(/\n$/, ''))
    .slice(-count);
}

describe('pr-comment: true', () => {
  it('comments once on the pull request after a failed build, and updates that comment on the next run', async () => {
    fakes.aws.script('web', failingBuild(), successScenario());
    const failed = await action({ 'pr-comment': 'true' }, { event: PULL_REQUEST });
    expect(failed.code).toBe(1);
    const [build] = fakes.aws.builds();
    expect(build!.request.sourceVersion).toBe(HEAD);

    const first = onlyComment();
    expect(first.body).toMatch(MARKER);
    // The headline, with "#1" kept from cross-referencing issue 1.
    expect(first.body).toMatch(/^### ❌ Build #(&#8203;)?1 failed in BUILD after \d+s/m);
    expect(first.body).toContain(`**${CONTEXT}**`);
    const row = first.body.split('\n').find((line) => line.includes('| BUILD |'));
    expect(row).toBeDefined();
    expect(row).toContain('❌ FAILED');
    expect(row).toContain('npm test');
    const lines = lastLogLines(build!.id);
    expect(lines.length).toBeGreaterThan(0);
    expect(first.body).toMatch(/<details><summary>Last \d+ log lines of /);
    const details = first.body.slice(first.body.indexOf('<details>'));
    expect(details).toContain(`\`\`\`text\n${lines.join('\n')}\n\`\`\``);
    expect(details).toContain('</details>');

    const second = await action(
      { 'pr-comment': 'true' },
      { event: PULL_REQUEST, env: { GITHUB_RUN_ID: '1001' } },
    );
    expect(second.code).toBe(0);
    expect(fakes.aws.builds()).toHaveLength(2);
    const updated = onlyComment();
    expect(updated.id).toBe(first.id);
    expect(updated.body).toMatch(MARKER);
    expect(updated.body.split('\n')[0]).toBe(first.body.split('\n')[0]);
    expect(updated.body).toMatch(/^### ✅ Build #(&#8203;)?2 succeeded in \d+s/m);
    expect(updated.body).not.toContain('<details>');
    const posts = fakes.github.requests.filter(
      (r) => r.method === 'POST' && r.path.startsWith('/repos/octo/app/issues/7/comments'),
    );
    expect(posts).toHaveLength(1);
    expect(
      fakes.github.requests.some(
        (r) => r.method === 'PATCH' && r.path === `/repos/octo/app/issues/comments/${first.id}`,
      ),
    ).toBe(true);
  });

  it('is skipped with a notice on a push event: no comment', async () => {
    fakes.aws.script('web', failingBuild());
    const result = await action({ 'pr-comment': 'true' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'Skipping the pull request comment: the push event has no pull request',
    );
    expect(fakes.github.comments('octo', 'app', 7)).toEqual([]);
    expect(fakes.github.requests.some((r) => r.path.includes('/comments'))).toBe(false);
    // The commit status is still posted.
    expect(fakes.github.statuses(SHA).map((s) => s.state)).toEqual(['pending', 'failure']);
  });

  it('with batch: true, one comment with a row per member', async () => {
    fakes.aws.scriptBatch('web', {
      members: [
        { identifier: 'unit', scenario: failingBuild() },
        { identifier: 'lint', scenario: successScenario() },
      ],
    });
    const result = await action(
      { 'pr-comment': 'true', batch: 'true', 'poll-interval': '0.3' },
      { event: PULL_REQUEST },
    );
    expect(result.code).toBe(1);
    const comment = onlyComment();
    expect(comment.body).toMatch(MARKER);
    const rows = comment.body.split('\n').filter((line) => /^\| (unit|lint) \|/.test(line));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^\| unit \| ❌ FAILED \| .* \| BUILD \| .*npm test/);
    expect(rows[1]).toMatch(/^\| lint \| ✅ SUCCEEDED \|/);
    expect(comment.body).toMatch(/<details><summary>Last \d+ log lines of unit /);
    const builds = JSON.parse(result.outputs.builds!) as { identifier: string; id: string }[];
    const unit = builds.find((b) => b.identifier === 'unit')!;
    expect(comment.body).toContain(lastLogLines(unit.id).join('\n'));
  });
});

describe('check-run: true', () => {
  function checkRunRequests() {
    return fakes.github.requests.filter((r) => r.path.startsWith('/repos/octo/app/check-runs'));
  }

  it('creates the check run in progress, completes it as failure with the job summary, and annotates the buildspec line', async () => {
    // Long enough for the check run to be created (after the pending status, ~1 s apart) while it runs.
    fakes.aws.script(
      'web',
      failureScenario({ command: 'npm test', exitCode: 1, timings: { BUILD: 2_500 } }),
    );
    const result = await action(
      { 'check-run': 'true' },
      { env: { GITHUB_WORKSPACE: workspace(BUILDSPEC), GITHUB_WORKFLOW_REF: WORKFLOW_REF } },
    );
    expect(result.code).toBe(1);

    const requests = checkRunRequests();
    expect(requests[0]).toMatchObject({
      method: 'POST',
      body: { name: CONTEXT, head_sha: SHA, status: 'in_progress' },
    });
    // In progress while the build ran, not created at its end.
    expect(requests[0]!.at).toBeLessThan(fakes.aws.builds()[0]!.finalAt);
    expect(requests.at(-1)).toMatchObject({
      method: 'PATCH',
      body: { status: 'completed', conclusion: 'failure' },
    });

    const runs = fakes.github.checkRuns(SHA);
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run).toMatchObject({ name: CONTEXT, status: 'completed', conclusion: 'failure' });
    expect(run.details_url).toMatch(/^https:\/\/us-east-1\.console\.aws\.amazon\.com\//);
    expect(result.summary).toContain('npm test');
    expect(run.output.summary?.trim()).toBe(result.summary.trim());
    expect(run.output.title).toMatch(/^Build #1 failed in BUILD after \d+s/);

    const annotations = fakes.github.checkRunAnnotations(run.id);
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatchObject({
      path: 'buildspec.yml',
      start_line: NPM_TEST_LINE,
      end_line: NPM_TEST_LINE,
      annotation_level: 'failure',
    });
    expect(annotations[0]!.message).toContain('npm test');
  });

  it('without a buildspec file in the workspace, annotates the workflow file', async () => {
    fakes.aws.script('web', failingBuild());
    const result = await action(
      { 'check-run': 'true' },
      { env: { GITHUB_WORKSPACE: workspace(), GITHUB_WORKFLOW_REF: WORKFLOW_REF } },
    );
    expect(result.code).toBe(1);
    const [run] = fakes.github.checkRuns(SHA);
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(fakes.github.checkRunAnnotations(run!.id)).toEqual([
      expect.objectContaining({
        path: '.github/workflows/ci.yml',
        start_line: 1,
        annotation_level: 'failure',
      }),
    ]);
  });
});

describe('a run that loses track of its build', () => {
  it('still completes the check run and ends the commit status, saying why', async () => {
    fakes.aws.script('web', successScenario({ timings: { BUILD: 3_000 } }));
    // Once the build is started, every status read is denied (a policy changed mid-run).
    fakes.aws.failNext('CodeBuild.BatchGetBuilds', {
      error: 'AccessDeniedException',
      count: Infinity,
    });
    const result = await action(
      { 'check-run': 'true' },
      { env: { GITHUB_WORKSPACE: workspace(BUILDSPEC) } },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error::.*codebuild:BatchGetBuilds/);
    const [run] = fakes.github.checkRuns(SHA);
    expect(run).toMatchObject({ name: CONTEXT, status: 'completed', conclusion: 'cancelled' });
    expect(run!.output.title).toMatch(/^Lost track of Build #1: /);
    const statuses = fakes.github.statuses(SHA);
    expect(statuses.map((s) => s.state)).toEqual(['pending', 'error']);
    expect(statuses[1]!.description).toMatch(/^Lost track of Build #1: /);
  });
});

describe('a read-only token (a fork pull request)', () => {
  it.each([
    ['succeeded', successScenario(), 0, 'SUCCEEDED'],
    ['failed', failingBuild(), 1, 'FAILED'],
  ] as const)(
    'warns that pull-requests: write and checks: write are needed, and the %s build keeps its result',
    async (_name, scenario, code, status) => {
      const github = await startFakeGitHub({ readOnlyTokens: [GITHUB_TOKEN] });
      try {
        fakes.aws.script('web', scenario);
        const result = await action(
          { 'pr-comment': 'true', 'check-run': 'true' },
          { event: PULL_REQUEST, env: { GITHUB_WORKSPACE: workspace(BUILDSPEC) } },
          github.url,
        );
        expect(result.code).toBe(code);
        expect(result.outputs['build-status']).toBe(status);
        const warnings = result.stdout.split('\n').filter((line) => line.startsWith('::warning'));
        expect(warnings.some((line) => line.includes('"pull-requests: write"'))).toBe(true);
        expect(warnings.some((line) => line.includes('"checks: write"'))).toBe(true);
        expect(warnings.some((line) => line.includes('"statuses: write"'))).toBe(true);
        // One warning each, not one per request.
        expect(warnings.filter((line) => line.includes('pull-requests: write'))).toHaveLength(1);
        expect(warnings.filter((line) => line.includes('checks: write'))).toHaveLength(1);
        expect(github.comments('octo', 'app', 7)).toEqual([]);
        expect(github.checkRuns()).toEqual([]);
        // The failure is the build's, not GitHub's.
        const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error'));
        expect(errors.length > 0).toBe(code === 1);
        for (const line of errors) expect(line).toMatch(/^::error::Build #1 failed in BUILD/);
      } finally {
        await github.close();
      }
    },
  );
});
