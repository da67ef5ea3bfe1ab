/**
 * The bundled run-build Action (dist/run-build/index.js) run as the Actions runner runs it,
 * under Node 24, against fake CodeBuild/CloudWatch Logs and GitHub servers on 127.0.0.1.
 */
import { CodeBuildClient, StopBuildCommand } from '@aws-sdk/client-codebuild';
import {
  bigLogScenario,
  failureScenario,
  faultScenario,
  lateLogScenario,
  s3OnlyScenario,
  steadyLogScenario,
  successScenario,
  timeoutScenario,
} from '../fakes/aws-server.js';
import { useFakeServers } from '../helpers/fake-servers.js';
import { runBundle, startBundle } from '../helpers/run-bundle.js';
import {
  AWS_SECRET,
  GITHUB_TOKEN,
  SESSION_TOKEN,
  printedBuildLines,
  wireEnv,
} from '../helpers/wire.js';

const SHA = 'f'.repeat(40);
const CONTEXT = 'AWS CodeBuild us-east-1 (web)';
const fakes = useFakeServers();

function run(inputs: Record<string, string> = {}, extra: Parameters<typeof runBundle>[1] = {}) {
  return runBundle('run-build', {
    ...extra,
    inputs: {
      'project-name': 'web',
      'github-token': GITHUB_TOKEN,
      'poll-interval': '0.2',
      ...inputs,
    },
    env: { ...wireEnv(fakes.aws, fakes.github), ...extra.env },
  });
}

function onlyBuild() {
  const builds = fakes.aws.builds();
  expect(builds).toHaveLength(1);
  return builds[0]!;
}

describe('run-build Action at the wire', () => {
  it('builds GITHUB_SHA on push, prints every log line once in phase groups, posts pending then success with the console link, and sets outputs', async () => {
    fakes.aws.script(
      'web',
      successScenario({ exportedVariables: { IMAGE_URI: 'repo/web:abc', VERSION: '1.2.3' } }),
    );
    const result = await run();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    const build = onlyBuild();
    expect(build.request).toMatchObject({ projectName: 'web', sourceVersion: SHA });
    expect(build.request.idempotencyToken).toMatch(/^[0-9a-f]{64}$/);

    const lines = fakes.aws.logMessages(build.id).map((line) => line.replace(/\n$/, ''));
    expect(lines.length).toBeGreaterThan(10);
    expect(printedBuildLines(result.stdout, lines)).toEqual(lines);
    expect(result.stdout).toContain('::group::Phase BUILD');
    expect(result.stdout).toContain('::group::Phase UPLOAD_ARTIFACTS');

    const consoleUrl = `https://us-east-1.console.aws.amazon.com/codesuite/codebuild/123456789012/projects/web/build/${encodeURIComponent(build.id)}/?region=us-east-1`;
    const statuses = fakes.github.statuses(SHA);
    expect(statuses.map((s) => [s.state, s.context, s.target_url])).toEqual([
      ['pending', CONTEXT, consoleUrl],
      ['success', CONTEXT, consoleUrl],
    ]);
    expect(statuses[0]!.description).toBe('Build #1 started');
    expect(statuses[1]!.description).toMatch(/^Build #1 succeeded in \d+s$/);

    expect(result.outputs).toMatchObject({
      'build-id': build.id,
      'build-number': '1',
      'build-status': 'SUCCEEDED',
      'build-url': consoleUrl,
      IMAGE_URI: 'repo/web:abc',
      VERSION: '1.2.3',
    });
    expect(JSON.parse(result.outputs['exported-variables']!)).toEqual({
      IMAGE_URI: 'repo/web:abc',
      VERSION: '1.2.3',
    });
    expect(result.outputs['logs-url']).toContain('cloudwatch');

    expect(result.summary).toContain('✅ web: Build #1 succeeded');
    expect(result.summary).toMatch(/\| BUILD \| ✅ SUCCEEDED \| \d+s \| `[░█]+` \|/);
    expect(result.summary).toContain('| IMAGE_URI | `repo/web:abc` |');
  });

  it('fails the step with the failed phase and command, and posts failure', async () => {
    fakes.aws.script('web', failureScenario({ phase: 'BUILD', command: 'npm test', exitCode: 2 }));
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /::error::Build #1 failed in BUILD after \d+s: npm test \(exit status 2\)/,
    );
    expect(fakes.github.statuses(SHA).map((s) => s.state)).toEqual(['pending', 'failure']);
    expect(fakes.github.statuses(SHA)[1]!.description).toMatch(
      /^Build #1 failed in BUILD after \d+s: npm test \(exit status 2\)$/,
    );
    expect(result.outputs['build-status']).toBe('FAILED');
    expect(result.summary).toContain('| BUILD | ❌ FAILED |');
  });

  it('keeps the step green on a failed build when fail-on-build-failure is false', async () => {
    fakes.aws.script('web', failureScenario());
    const result = await run({ 'fail-on-build-failure': 'false' });
    expect(result.code).toBe(0);
    expect(result.outputs['build-status']).toBe('FAILED');
  });

  it.each([
    ['a fault', faultScenario({ phase: 'PROVISIONING' }), 'error', /faulted in PROVISIONING/],
    ['a timeout', timeoutScenario(), 'failure', /timed out in BUILD/],
    [
      'a failure in PRE_BUILD',
      failureScenario({ phase: 'PRE_BUILD', command: 'npm ci' }),
      'failure',
      /failed in PRE_BUILD after \d+s: npm ci/,
    ],
  ])('reports %s as %s', async (_name, scenario, state, description) => {
    fakes.aws.script('web', scenario);
    const result = await run();
    expect(result.code).toBe(1);
    const final = fakes.github.statuses(SHA).at(-1)!;
    expect(final.state).toBe(state);
    expect(final.description).toMatch(description);
  });

  it('builds the pull request head, not the merge commit, and posts the status there', async () => {
    const head = 'a'.repeat(40);
    const payload = {
      pull_request: {
        number: 7,
        head: { sha: head, repo: { full_name: 'octo/app' } },
        base: { repo: { full_name: 'octo/app' } },
      },
    };
    const result = await run({}, { event: { name: 'pull_request', payload } });
    expect(result.code).toBe(0);
    expect(onlyBuild().request.sourceVersion).toBe(head);
    expect(fakes.github.statuses(head).map((s) => s.state)).toEqual(['pending', 'success']);
    expect(fakes.github.statuses(SHA)).toEqual([]);
  });

  it('refuses to build a fork head on pull_request_target unless allow-forks is true', async () => {
    const payload = {
      pull_request: {
        head: { sha: 'b'.repeat(40), repo: { full_name: 'evil/app' } },
        base: { repo: { full_name: 'octo/app' } },
      },
    };
    const refused = await run({}, { event: { name: 'pull_request_target', payload } });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(
      '::error::Refusing to build code from the fork evil/app on pull_request_target',
    );
    expect(fakes.aws.calls.filter((c) => c.operation === 'CodeBuild.StartBuild')).toHaveLength(0);

    const allowed = await run(
      { 'allow-forks': 'true' },
      { event: { name: 'pull_request_target', payload } },
    );
    expect(allowed.code).toBe(0);
    expect(onlyBuild().request.sourceVersion).toBe('b'.repeat(40));
  });

  it('prints log lines written after the build ended (CloudWatch flush delay)', async () => {
    fakes.aws.script('web', lateLogScenario({ lateLogMs: 1500 }));
    const result = await run();
    expect(result.code).toBe(0);
    const lines = fakes.aws.logMessages(onlyBuild().id).map((line) => line.replace(/\n$/, ''));
    expect(printedBuildLines(result.stdout, lines)).toEqual(lines);
    expect(result.stdout).toContain('Phase complete: UPLOAD_ARTIFACTS State: SUCCEEDED');
  });

  it('drains a 30,000-line log in order, each line once', async () => {
    fakes.aws.script('web', bigLogScenario(30_000));
    const result = await run();
    expect(result.code).toBe(0);
    const lines = fakes.aws.logMessages(onlyBuild().id).map((line) => line.replace(/\n$/, ''));
    expect(lines.length).toBeGreaterThan(30_000);
    expect(printedBuildLines(result.stdout, lines)).toEqual(lines);
  });

  it('follows a build that logs to S3 only, with a message instead of an error', async () => {
    fakes.aws.script('web', s3OnlyScenario());
    const result = await run();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'This build does not log to CloudWatch Logs (its log goes to S3',
    );
    expect(fakes.aws.calls.filter((c) => c.operation === 'Logs.GetLogEvents')).toHaveLength(0);
  });

  it('waits for a log stream that CloudWatch creates late', async () => {
    fakes.aws.script('web', successScenario({ streamDelayMs: 800 }));
    const result = await run();
    expect(result.code).toBe(0);
    const lines = fakes.aws.logMessages(onlyBuild().id).map((line) => line.replace(/\n$/, ''));
    expect(printedBuildLines(result.stdout, lines)).toEqual(lines);
    expect(result.stdout).not.toContain('::error');
  });

  it('rides out throttling and 5xx on every call, mid-log, without losing or repeating a line', async () => {
    fakes.aws.script('web', steadyLogScenario({ durationMs: 4000, linesPerSecond: 50 }));
    fakes.aws.failNext('CodeBuild.StartBuild', { error: 'ServiceUnavailableException', count: 1 });
    const running = startBundleWith();
    await running.waitFor(/output line 20 of/);
    fakes.aws.failNext('Logs.GetLogEvents', { error: 'ThrottlingException', count: 3 });
    fakes.aws.failNext('Logs.GetLogEvents', { error: 'InternalFailure', count: 2 });
    fakes.aws.failNext('CodeBuild.BatchGetBuilds', { error: 'ThrottlingException', count: 3 });
    const result = await running.done;
    expect(result.code).toBe(0);
    const build = onlyBuild();
    const lines = fakes.aws.logMessages(build.id).map((line) => line.replace(/\n$/, ''));
    expect(printedBuildLines(result.stdout, lines)).toEqual(lines);
    expect(
      fakes.aws.calls.filter((c) => c.errorType === 'ThrottlingException').length,
    ).toBeGreaterThanOrEqual(3);
    expect(
      fakes.aws.calls.filter((c) => c.operation === 'CodeBuild.StartBuild' && c.status === 200),
    ).toHaveLength(1);
    expect(fakes.github.statuses(SHA).map((s) => s.state)).toEqual(['pending', 'success']);
  });

  it('stops the build within a second of SIGINT, drains the log, posts the final status and exits before SIGTERM', async () => {
    fakes.aws.script('web', steadyLogScenario({ durationMs: 60_000, linesPerSecond: 5 }));
    const running = startBundleWith();
    await running.waitFor('::group::Phase BUILD');
    const cancelledAt = Date.now();
    running.child.kill('SIGINT');
    const result = await running.done;
    const exitedAfter = Date.now() - cancelledAt;
    const stop = fakes.aws.calls.find((c) => c.operation === 'CodeBuild.StopBuild');
    expect(stop).toBeDefined();
    expect(stop!.at - cancelledAt).toBeLessThan(1000);
    expect(exitedAfter).toBeLessThan(7500);
    expect(result.code).toBe(1);
    const statuses = fakes.github.statuses(SHA);
    expect(statuses.map((s) => s.state)).toEqual(['pending', 'error']);
    expect(statuses[1]!.description).toMatch(/was stopped/);
    const build = onlyBuild();
    const visible = fakes.aws
      .logMessages(build.id)
      .filter((line) => result.stdout.includes(line.replace(/\n$/, '')));
    expect(visible.length).toBeGreaterThan(5);
    expect(result.outputs['build-status']).toBe('STOPPED');
  });

  it('notices a build stopped outside the workflow while its log is quiet, and reports it', async () => {
    fakes.aws.script('web', successScenario({ timings: { BUILD: 60_000 }, logs: { BUILD: [] } }));
    const running = startBundleWith();
    await running.waitFor('::group::Phase BUILD');
    const id = fakes.aws.builds()[0]!.id;
    await new CodeBuildClient({
      endpoint: fakes.aws.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
    }).send(new StopBuildCommand({ id }));
    const result = await running.done;
    expect(result.code).toBe(1);
    expect(result.outputs['build-status']).toBe('STOPPED');
    expect(fakes.github.statuses(SHA).map((s) => s.state)).toEqual(['pending', 'error']);
    expect(fakes.aws.calls.filter((c) => c.operation === 'CodeBuild.StopBuild')).toHaveLength(1);
  });

  it('starts the build and returns at once with wait: false, leaving a pending status', async () => {
    fakes.aws.script('web', steadyLogScenario({ durationMs: 30_000, linesPerSecond: 1 }));
    const result = await run({ wait: 'false' });
    expect(result.code).toBe(0);
    expect(result.outputs['build-id']).toBe(onlyBuild().id);
    expect(fakes.github.statuses(SHA).map((s) => s.state)).toEqual(['pending']);
    expect(fakes.aws.calls.filter((c) => c.operation === 'CodeBuild.BatchGetBuilds')).toHaveLength(
      0,
    );
  });

  it('warns, and keeps the build result, when GitHub refuses statuses (fork PR token)', async () => {
    fakes.github.failNext({
      status: 403,
      count: 10,
      body: { message: 'Resource not accessible by integration' },
    });
    const refused = await run();
    expect(refused.code).toBe(0);
    expect(refused.stdout).toMatch(
      /::warning::GitHub refused the commit status .*HTTP 403.*statuses: write/,
    );
  });

  it('warns, and keeps the build result, when GitHub is down', async () => {
    fakes.github.failNext({ status: 502, count: 100 });
    const outage = await run();
    expect(outage.code).toBe(0);
    expect(outage.stdout).toMatch(
      /::warning::Could not post the (pending|success) commit status to GitHub \(HTTP 502/,
    );
  });

  it('starts one build for a retried step (same run, attempt, job and step) and a new one for a new attempt', async () => {
    const first = await run();
    const retried = await run();
    expect(retried.outputs['build-id']).toBe(first.outputs['build-id']);
    expect(fakes.aws.builds()).toHaveLength(1);
    const rerun = await run({}, { env: { GITHUB_RUN_ATTEMPT: '2' } });
    expect(rerun.outputs['build-id']).not.toBe(first.outputs['build-id']);
    expect(fakes.aws.builds()).toHaveLength(2);
  });

  it("keeps the status description within GitHub's 140 characters", async () => {
    const command = `./scripts/integration-tests.sh --suite ${'very-long-suite-name-'.repeat(8)}`;
    fakes.aws.script('web', failureScenario({ command }));
    const result = await run();
    expect(result.code).toBe(1);
    const final = fakes.github.statuses(SHA).at(-1)!;
    expect(final.state).toBe('failure');
    expect(final.description!.length).toBeLessThanOrEqual(140);
    expect(final.description).toMatch(
      /^Build #1 failed in BUILD after \d+s: \.\/scripts\/integration-tests\.sh .*…$/,
    );
    expect(result.stdout).not.toContain('::warning::');
  });

  it('posts no status when commit-status is false', async () => {
    const result = await run({ 'commit-status': 'false' });
    expect(result.code).toBe(0);
    expect(fakes.github.requests).toHaveLength(0);
  });

  it('passes overrides, env-vars of every type and start-build-json to StartBuild', async () => {
    const result = await run({
      'source-version': 'refs/heads/main',
      'buildspec-override': 'ci/buildspec.yml',
      'image-override': 'aws/codebuild/standard:7.0',
      'compute-type-override': 'BUILD_GENERAL1_LARGE',
      'environment-type-override': 'LINUX_CONTAINER',
      'env-vars':
        'STAGE=test\nDB_PASSWORD=parameter-store:/ci/db\nAPI_KEY=secrets-manager:prod/api:key',
      'start-build-json': '{"timeoutInMinutesOverride": 20}',
    });
    expect(result.code).toBe(0);
    expect(onlyBuild().request).toMatchObject({
      sourceVersion: 'refs/heads/main',
      buildspecOverride: 'ci/buildspec.yml',
      imageOverride: 'aws/codebuild/standard:7.0',
      computeTypeOverride: 'BUILD_GENERAL1_LARGE',
      environmentTypeOverride: 'LINUX_CONTAINER',
      timeoutInMinutesOverride: 20,
      environmentVariablesOverride: [
        { name: 'STAGE', value: 'test', type: 'PLAINTEXT' },
        { name: 'DB_PASSWORD', value: '/ci/db', type: 'PARAMETER_STORE' },
        { name: 'API_KEY', value: 'prod/api:key', type: 'SECRETS_MANAGER' },
      ],
    });
    // A branch name is no commit: the status goes to the event's sha.
    expect(fakes.github.statuses(SHA).map((s) => s.state)).toEqual(['pending', 'success']);
  });

  it('shows workflow commands written by the build instead of obeying them', async () => {
    fakes.aws.script(
      'web',
      successScenario({
        logs: {
          BUILD: ['::set-output name=build-status::HACKED', '::add-mask::web', '::error::fake'],
        },
      }),
    );
    const result = await run();
    expect(result.code).toBe(0);
    expect(result.outputs['build-status']).toBe('SUCCEEDED');
    const stop = /::stop-commands::([0-9a-f]+)\n([\s\S]*?)\n::\1::/g;
    const shielded = [...result.stdout.matchAll(stop)].map((m) => m[2]).join('\n');
    expect(shielded).toContain('::set-output name=build-status::HACKED');
    expect(shielded).toContain('::error::fake');
  });

  it('never prints the GitHub token, AWS keys or session token', async () => {
    fakes.aws.script(
      'web',
      failureScenario({ logs: { BUILD: [`leaked ${AWS_SECRET}`, `token ${GITHUB_TOKEN}`] } }),
    );
    const result = await run();
    const posted = JSON.stringify(
      fakes.github.statuses(SHA).map(({ state, description, target_url, context }) => ({
        state,
        description,
        target_url,
        context,
      })),
    );
    const everything = [
      result.stdout,
      result.stderr,
      result.summary,
      posted,
      JSON.stringify(result.outputs),
    ].join('\n');
    // The runner hides every value registered with ::add-mask:: in all later output, the build's
    // own log included; outside those registrations no secret is ever written.
    for (const secret of [AWS_SECRET, SESSION_TOKEN, GITHUB_TOKEN]) {
      expect(result.stdout).toContain(`::add-mask::${secret}`);
      const unmasked = everything
        .split('\n')
        .filter((line) => line.includes(secret) && line !== `::add-mask::${secret}`);
      expect(
        unmasked.filter((line) => !line.startsWith('leaked ') && !line.startsWith('token ')),
      ).toEqual([]);
    }
    expect(result.summary + result.stderr + posted).not.toMatch(
      new RegExp(`${SESSION_TOKEN}|${GITHUB_TOKEN}|${AWS_SECRET.replace(/\//g, '\\/')}`),
    );
  });

  function startBundleWith() {
    return startBundle('run-build', {
      inputs: { 'project-name': 'web', 'github-token': GITHUB_TOKEN, 'poll-interval': '0.2' },
      env: wireEnv(fakes.aws, fakes.github),
    });
  }
});

describe('run-build Action: clear errors', () => {
  it.each([
    [
      { 'project-name': 'nope' },
      {},
      /::error::CodeBuild has no project "nope" in us-east-1\. Check the project name and the region/,
    ],
    [
      { 'env-vars': 'OK=1\nBROKEN' },
      {},
      /::error::input "env-vars" line 2 "BROKEN" is not NAME=value/,
    ],
    [
      { 'start-build-json': '{"timeoutInMinutesOverride": }' },
      {},
      /::error::input "start-build-json" is not valid JSON: .* at line 1, column 30\./,
    ],
    [
      { 'compute-type-override': 'BUILD_GENERAL9' },
      {},
      /::error::input "compute-type-override" got "BUILD_GENERAL9", which is not one of: /,
    ],
    [{}, { AWS_REGION: '', AWS_DEFAULT_REGION: '' }, /::error::No AWS region: set AWS_REGION/],
    [
      {},
      { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '' },
      /::error::No usable AWS credentials for codebuild:StartBuild .*configure-aws-credentials .*id-token: write/,
    ],
  ])('%j %j', async (inputs, env, message) => {
    const result = await run(inputs, { env });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(message);
    expect(result.stdout).not.toContain('Unexpected error');
  });

  it('names the IAM action when AWS denies StartBuild', async () => {
    fakes.aws.failNext('CodeBuild.StartBuild', { error: 'AccessDeniedException' });
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /::error::AWS denied codebuild:StartBuild on project "web" in us-east-1: allow "codebuild:StartBuild"/,
    );
  });

  it('keeps following the build when logs:GetLogEvents is denied, and says which permission is missing', async () => {
    fakes.aws.failNext('Logs.GetLogEvents', { error: 'AccessDeniedException', count: 100 });
    const result = await run();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /::warning::AWS denied logs:GetLogEvents .*allow "logs:GetLogEvents"/,
    );
    expect(fakes.github.statuses(SHA).map((s) => s.state)).toEqual(['pending', 'success']);
  });
});
