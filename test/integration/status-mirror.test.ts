/**
 * The status mirror, bundled, at the wire: dist/status-mirror/index.js in a warm Lambda-like
 * process under Node 24, fed CodeBuild's documented events for builds of the fake CodeBuild,
 * posting to the fake GitHub and Bitbucket (Cloud and Data Center). Every state, events late,
 * repeated and out of order, branch and pull-request builds, sources on no code host, refusals,
 * outages and bad settings; the AWS calls each build costs are counted.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  failureScenario,
  faultScenario,
  startFakeAws,
  successScenario,
  timeoutScenario,
  type FakeAws,
  type FakeBuildInfo,
} from '../fakes/aws-server.js';
import { ACCESS_TOKEN, startFakeBitbucket, type FakeBitbucket } from '../fakes/bitbucket-server.js';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-server.js';
import { StartBuildBatchCommand } from '@aws-sdk/client-codebuild';
import { buildStateEvent, phaseChangeEvent } from '../helpers/codebuild-events.js';
import { sdkClients } from '../helpers/sdk-clients.js';
import { startLambda, type Invocation, type WarmLambda } from '../helpers/lambda-runner.js';
import { until } from '../helpers/until.js';
import { AWS_SECRET, GITHUB_TOKEN, SESSION_TOKEN } from '../helpers/wire.js';

const SHA = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b';
const OTHER_SHA = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';

interface Outcome {
  outcome: 'posted' | 'skipped' | 'refused';
  message: string;
}

let aws: FakeAws;
let github: FakeGitHub;
let bitbucket: FakeBitbucket;
let mirror: WarmLambda;

const keys = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: AWS_SECRET,
  AWS_SESSION_TOKEN: SESSION_TOKEN,
};

function mirrorEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: aws.url,
    AWS_REGION: aws.region,
    ...keys,
    GITHUB_TOKEN,
    GITHUB_API_URL: github.url,
    BITBUCKET_ACCESS_TOKEN: ACCESS_TOKEN,
    BITBUCKET_API_URL: bitbucket.url,
    PROJECTS: 'web,bb-*,s3-app,slow,fails,faults,times-out',
    ...extra,
  };
}

beforeAll(async () => {
  github = await startFakeGitHub({ tokens: [GITHUB_TOKEN] });
  bitbucket = await startFakeBitbucket();
  const gh = (name: string) => ({
    name,
    source: { type: 'GITHUB', location: `https://github.com/example-org/${name}.git` },
  });
  aws = await startFakeAws({
    projects: [
      gh('web'),
      gh('fails'),
      gh('faults'),
      gh('times-out'),
      gh('slow'),
      gh('unlisted'),
      {
        name: 'bb-app',
        source: { type: 'BITBUCKET', location: 'https://bitbucket.org/acme/bb-app.git' },
      },
      { name: 's3-app', source: { type: 'S3', location: 'my-bucket/source.zip' } },
    ],
  });
  mirror = await startLambda('status-mirror', mirrorEnv());
});

afterAll(async () => {
  await mirror?.close();
  await Promise.all([aws?.close(), github?.close(), bitbucket?.close()]);
});

const calls = (build: FakeBuildInfo) =>
  aws.calls.filter(
    (call) =>
      call.operation === 'CodeBuild.BatchGetBuilds' && JSON.stringify(call.body).includes(build.id),
  ).length;

const finished = (id: string, fake = aws): Promise<FakeBuildInfo> =>
  until(() => {
    const build = fake.build(id);
    return build?.isFinal ? build : undefined;
  }, `${id} to end`);

async function post(lambda: WarmLambda, event: unknown): Promise<Invocation<Outcome>> {
  const run = await lambda.invoke<Outcome>(event);
  for (const secret of [GITHUB_TOKEN, ACCESS_TOKEN, AWS_SECRET, SESSION_TOKEN])
    expect(run.log).not.toContain(secret);
  return run;
}

describe('a build started with a commit', () => {
  it('posts pending when it starts and its result when it ends, with run-build’s context and link, in two AWS calls', async () => {
    const started = aws.startExternalBuild('web', { sourceVersion: SHA });
    const pending = await post(mirror, buildStateEvent(started, aws.region, 'IN_PROGRESS'));
    expect(pending.result?.outcome).toBe('posted');
    const build = await finished(started.id);
    const done = await post(mirror, buildStateEvent(build, aws.region));
    expect(done.result?.outcome).toBe('posted');
    expect(done.log).toContain(`web build ${started.id.split(':')[1]!.slice(0, 8)}: success`);

    const statuses = github
      .statuses(SHA)
      .filter((s) => s.context === 'AWS CodeBuild us-east-1 (web)');
    expect(statuses.map((s) => s.state)).toEqual(['pending', 'success']);
    expect(statuses[0]!.description).toMatch(new RegExp(`^Build #${build.buildNumber} is running`));
    expect(statuses[1]!.description).toMatch(
      new RegExp(`^Build #${build.buildNumber} succeeded in \\d+(\\.\\d+)?s$`),
    );
    expect(statuses[1]!.target_url).toBe(
      `https://us-east-1.console.aws.amazon.com/codesuite/codebuild/123456789012/projects/web/build/${encodeURIComponent(build.id)}/?region=us-east-1`,
    );
    expect(statuses.every((s) => s.owner === 'example-org' && s.repo === 'web')).toBe(true);
    expect(calls(build)).toBe(2);
  });

  it('never turns a finished build back to pending: a late IN_PROGRESS posts the result again, a repeated end the same status', async () => {
    const build = await finished(aws.startExternalBuild('web', { sourceVersion: OTHER_SHA }).id);
    await post(mirror, buildStateEvent(build, aws.region));
    await post(mirror, buildStateEvent(build, aws.region));
    const late = await post(mirror, buildStateEvent(build, aws.region, 'IN_PROGRESS'));
    expect(late.result?.outcome).toBe('posted');
    const statuses = github.statuses(OTHER_SHA);
    expect(statuses.map((s) => s.state)).toEqual(['success', 'success', 'success']);
    expect(new Set(statuses.map((s) => s.description)).size).toBe(1);
  });

  it.each([
    [
      'fails',
      'failure',
      failureScenario(),
      /failed in BUILD after .*: make test \(exit status 2\)$/,
    ],
    ['faults', 'error', faultScenario(), /faulted in BUILD after/],
    ['times-out', 'failure', timeoutScenario(), /timed out in BUILD after/],
  ])(
    'mirrors a build of %s as %s, saying what happened',
    async (project, state, scenario, text) => {
      const commit = `${project.length}`.padEnd(40, '7');
      const build = await finished(
        aws.startExternalBuild(project, { sourceVersion: commit, scenario }).id,
      );
      await post(mirror, buildStateEvent(build, aws.region));
      const [status] = github.statuses(commit).filter((s) => s.context.includes(`(${project})`));
      expect(status?.state).toBe(state);
      expect(status?.description).toMatch(text);
    },
  );

  it('reads a build again after a slow pending post, so a result posted meanwhile by another instance keeps the last word', async () => {
    const commit = '8'.repeat(40);
    const other = await startLambda('status-mirror', mirrorEnv());
    try {
      const started = aws.startExternalBuild('web', {
        sourceVersion: commit,
        scenario: failureScenario(),
      });
      const failedPosts = () =>
        github.requests.filter(
          (r) => r.method === 'POST' && r.path.includes(commit) && r.status === 502,
        ).length;
      github.failNext({
        status: 502,
        count: 2,
        match: { method: 'POST', path: new RegExp(commit) },
      });
      const slow = post(mirror, buildStateEvent(started, aws.region, 'IN_PROGRESS'));
      await until(() => failedPosts() === 2 || undefined, 'two failed pending posts');
      const build = await finished(started.id);
      expect((await post(other, buildStateEvent(build, aws.region))).result?.outcome).toBe(
        'posted',
      );
      const run = await slow;
      expect(run.log).toContain('; it ended meanwhile: failure "Build #');
      expect(github.statuses(commit).map((s) => s.state)).toEqual([
        'failure',
        'pending',
        'failure',
      ]);
    } finally {
      await other.close();
    }
  });

  it('waits for CodeBuild to catch up when the end event arrives before BatchGetBuilds shows the end', async () => {
    const started = aws.startExternalBuild('slow', {
      sourceVersion: 'b'.repeat(40),
      scenario: successScenario({ timings: { BUILD: 3000 } }),
    });
    const early = await post(mirror, buildStateEvent(started, aws.region, 'SUCCEEDED'));
    expect(early.thrown?.name).toBe('MirrorFailure');
    expect(early.log).toMatch(
      /still shows IN_PROGRESS; retrying later\. The event will be retried\./,
    );
    expect(github.statuses('b'.repeat(40))).toEqual([]);
  });
});

describe('a build started from a branch or a pull request', () => {
  it('posts pending on the resolved commit once the source is downloaded, and the result there: two AWS calls', async () => {
    const started = aws.startExternalBuild('web', {
      sourceVersion: 'pr/12',
      resolvedSourceVersion: 'c'.repeat(40),
    });
    const first = await post(mirror, buildStateEvent(started, aws.region, 'IN_PROGRESS'));
    expect(first.result?.outcome).toBe('skipped');
    expect(first.log).toContain(
      'started from pr/12; its commit is known once the source is downloaded',
    );
    expect(calls(started)).toBe(0);
    const downloaded = await until(() => {
      const now = aws.build(started.id)!;
      return now.snapshot.phases.find((p) => p.phaseType === 'DOWNLOAD_SOURCE' && p.endTime) && now;
    }, 'DOWNLOAD_SOURCE to end');
    await post(mirror, phaseChangeEvent(downloaded, aws.region, 'DOWNLOAD_SOURCE'));
    const build = await finished(started.id);
    await post(mirror, buildStateEvent(build, aws.region));
    expect(github.statuses('c'.repeat(40)).map((s) => s.state)).toEqual(['pending', 'success']);
    expect(calls(build)).toBe(2);
  });

  it('posts to Bitbucket Cloud with the branch as refname, in Bitbucket’s states', async () => {
    const commit = 'd'.repeat(40);
    const started = aws.startExternalBuild('bb-app', {
      sourceVersion: 'refs/heads/main',
      resolvedSourceVersion: commit,
    });
    const build = await finished(started.id);
    await post(mirror, phaseChangeEvent(build, aws.region, 'DOWNLOAD_SOURCE'));
    await post(mirror, buildStateEvent(build, aws.region));
    const statuses = bitbucket.statuses(commit);
    expect(statuses.map((s) => s.state)).toEqual(['SUCCESSFUL', 'SUCCESSFUL']);
    expect(statuses[1]).toMatchObject({
      flavour: 'cloud',
      repository: 'acme/bb-app',
      key: 'AWS CodeBuild us-east-1 (bb-app)',
      ref: 'main',
      authorization: `Bearer ${ACCESS_TOKEN}`,
    });
  });

  it('ignores the end of other phases without an AWS call', async () => {
    const build = await finished(aws.startExternalBuild('web', { sourceVersion: 'main' }).id);
    const run = await post(mirror, phaseChangeEvent(build, aws.region, 'BUILD'));
    expect(run.result?.outcome).toBe('skipped');
    expect(calls(build)).toBe(0);
  });
});

describe('a batch build', () => {
  it('gives each member its own status, as run-build does, and reads the identifiers once per batch', async () => {
    const commit = '6'.repeat(40);
    aws.scriptBatch('web', {
      members: [
        { identifier: 'linux', scenario: successScenario() },
        { identifier: 'windows', scenario: failureScenario() },
      ],
    });
    const sdk = sdkClients(aws);
    let batchId: string;
    try {
      const started = await sdk.codebuild.send(
        new StartBuildBatchCommand({ projectName: 'web', sourceVersion: commit }),
      );
      batchId = started.buildBatch!.id!;
    } finally {
      sdk.destroy();
    }
    const members = await until(() => {
      const builds = aws.builds().filter((b) => b.snapshot.buildBatchArn?.endsWith(batchId));
      return builds.length === 3 && builds.every((b) => b.isFinal) ? builds : undefined;
    }, 'the members to end');
    const before = aws.counts()['CodeBuild.BatchGetBuildBatches'] ?? 0;
    const runs = [];
    for (const member of members)
      runs.push(await post(mirror, buildStateEvent(member, aws.region)));
    expect(runs.map((run) => run.result?.outcome).sort()).toEqual(['posted', 'posted', 'skipped']);
    expect(runs.find((run) => run.result?.outcome === 'skipped')?.log).toContain(
      "it only reads its batch's batchspec",
    );
    const byContext = Object.fromEntries(github.statuses(commit).map((s) => [s.context, s]));
    expect(Object.keys(byContext).sort()).toEqual([
      'AWS CodeBuild us-east-1 (web) / linux',
      'AWS CodeBuild us-east-1 (web) / windows',
    ]);
    expect(byContext['AWS CodeBuild us-east-1 (web) / linux']!.state).toBe('success');
    expect(byContext['AWS CodeBuild us-east-1 (web) / windows']).toMatchObject({
      state: 'failure',
      description: expect.stringMatching(/^windows: Build #\d+ failed in BUILD after/),
    });
    expect((aws.counts()['CodeBuild.BatchGetBuildBatches'] ?? 0) - before).toBe(1);
  });
});

describe('builds it does not post for', () => {
  it('logs one line for a source on no code host, a project left out by PROJECTS, and other events — no AWS call, no failure', async () => {
    const s3 = await finished(aws.startExternalBuild('s3-app').id);
    const unlisted = await finished(aws.startExternalBuild('unlisted', { sourceVersion: SHA }).id);
    const fromS3 = await post(mirror, buildStateEvent(s3, aws.region));
    expect(fromS3.result?.outcome).toBe('skipped');
    expect(fromS3.log).toMatch(
      /its source \(S3 my-bucket\/source\.zip\) is not a GitHub or Bitbucket repository; nothing to post/,
    );
    const filtered = await post(mirror, buildStateEvent(unlisted, aws.region));
    expect(filtered.log).toContain('project not mirrored (PROJECTS is web, bb-*, s3-app');
    const garbled = buildStateEvent(unlisted, aws.region);
    garbled.detail['project-name'] = 'web';
    garbled.detail['additional-information'].source.location =
      'https://user:tok@github.com/example-org/web/%E0%A4%A.git';
    const badUrl = await post(mirror, garbled);
    expect(badUrl.result?.outcome).toBe('skipped');
    expect(badUrl.log).toContain(
      '(GITHUB https://github.com/example-org/web/%E0%A4%A.git) is not a repository URL',
    );
    expect(badUrl.log).not.toContain('tok@');
    const other = await post(mirror, {
      'detail-type': 'EC2 Instance State-change Notification',
      source: 'aws.ec2',
      detail: {},
    });
    expect(other.result?.outcome).toBe('skipped');
    const broken = await post(mirror, {
      'detail-type': 'CodeBuild Build State Change',
      detail: { 'build-status': 'FAILED' },
    });
    expect(broken.result?.outcome).toBe('skipped');
    expect(broken.log).toContain('without detail.build-id');
    expect(calls(s3) + calls(unlisted)).toBe(0);
    for (const run of [fromS3, filtered, other, broken])
      expect(run.log.trim().split('\n')).toHaveLength(1);
  });
});

describe('code host answers', () => {
  it('logs a refusal (403, 404, 422) with the reason and does not fail the invocation', async () => {
    for (const status of [403, 404, 422]) {
      github.failNext({ status, body: { message: `nope ${status}` }, match: { method: 'POST' } });
      const build = await finished(
        aws.startExternalBuild('web', { sourceVersion: `${status}`.padEnd(40, 'e') }).id,
      );
      const run = await post(mirror, buildStateEvent(build, aws.region));
      expect(run.thrown).toBeUndefined();
      expect(run.result?.outcome).toBe('refused');
      expect(run.log).toContain(
        `GitHub refused the status for example-org/web@${`${status}`.padEnd(7, 'e')} (HTTP ${status}: nope ${status})`,
      );
    }
  });

  it('retries a 5xx and posts; fails the invocation when GitHub stays down, so the event is retried', async () => {
    github.failNext({ status: 502, match: { method: 'POST' } });
    const build = await finished(
      aws.startExternalBuild('web', { sourceVersion: 'f'.repeat(40) }).id,
    );
    const recovered = await post(mirror, buildStateEvent(build, aws.region));
    expect(recovered.result?.outcome).toBe('posted');
    github.failNext({ status: 503, count: 3, match: { method: 'POST' } });
    const down = await post(mirror, buildStateEvent(build, aws.region));
    expect(down.thrown?.name).toBe('MirrorFailure');
    expect(down.thrown?.message).toMatch(/\/statuses\/f{40} failed 3 times \(last: HTTP 503\)/);
    expect(down.log).toContain('The event will be retried.');
  });

  it('keeps within the function’s time-out: retries stop while there is time left to say why', async () => {
    const short = await startLambda('status-mirror', mirrorEnv(), { timeoutMs: 8_000 });
    try {
      github.failNext({
        status: 503,
        headers: { 'retry-after': '4' },
        count: 5,
        match: { method: 'POST' },
      });
      const build = await finished(
        aws.startExternalBuild('web', { sourceVersion: '9'.repeat(40) }).id,
      );
      const run = await post(short, buildStateEvent(build, aws.region));
      expect(run.thrown?.message).toMatch(
        /failed 1 time\(s\) \(last: HTTP 503\), with no time left in the invocation for another attempt/,
      );
      expect(run.ms).toBeLessThan(8_000 - 2_000);
    } finally {
      github.clearFailures();
      await short.close();
    }
  });

  it('fails the invocation when AWS denies BatchGetBuilds, naming the action', async () => {
    aws.failNext('CodeBuild.BatchGetBuilds', { error: 'AccessDeniedException' });
    const build = await finished(
      aws.startExternalBuild('web', { sourceVersion: '1'.repeat(40) }).id,
    );
    const run = await post(mirror, buildStateEvent(build, aws.region));
    expect(run.thrown?.name).toBe('MirrorFailure');
    expect(run.log).toContain('allow "codebuild:BatchGetBuilds"');
  });
});

describe('configuration', () => {
  it('names the variable of a bad setting, on every event until it is fixed', async () => {
    const bad = await startLambda('status-mirror', mirrorEnv({ GITHUB_APP_ID: 'my-app' }));
    try {
      const build = await finished(
        aws.startExternalBuild('web', { sourceVersion: '2'.repeat(40) }).id,
      );
      for (let i = 0; i < 2; i++) {
        const run = await post(bad, buildStateEvent(build, aws.region));
        expect(run.thrown?.message).toContain(
          'GITHUB_APP_ID is "my-app": it must be the numeric App ID',
        );
        expect(run.log).toContain('GITHUB_APP_ID is "my-app"');
      }
    } finally {
      await bad.close();
    }
  });

  it('refuses a URL setting with a credential in it, without quoting it', async () => {
    const leaky = await startLambda(
      'status-mirror',
      mirrorEnv({ GITHUB_API_URL: 'https://bot:s3cr3t-pass@api.example.com' }),
    );
    try {
      const build = await finished(
        aws.startExternalBuild('web', { sourceVersion: 'a'.repeat(40) }).id,
      );
      const run = await post(leaky, buildStateEvent(build, aws.region));
      expect(run.thrown?.message).toContain(
        'GITHUB_API_URL holds a user name or password (https://user:…@host)',
      );
      expect(leaky.allOutput()).not.toContain('s3cr3t-pass');
    } finally {
      await leaky.close();
    }
  });

  it('says which variables to set when a host has no credentials, without failing', async () => {
    const bare = await startLambda('status-mirror', {
      AWS_ENDPOINT_URL: aws.url,
      AWS_REGION: aws.region,
      ...keys,
      BITBUCKET_ACCESS_TOKEN: ACCESS_TOKEN,
      BITBUCKET_API_URL: bitbucket.url,
    });
    try {
      const build = await finished(
        aws.startExternalBuild('web', { sourceVersion: '3'.repeat(40) }).id,
      );
      const run = await post(bare, buildStateEvent(build, aws.region));
      expect(run.result?.outcome).toBe('skipped');
      expect(run.log).toContain(
        'no credentials for GitHub, so nothing is posted to example-org/web: set GITHUB_TOKEN_SECRET, or GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY_SECRET',
      );
      expect(calls(build)).toBe(0);
    } finally {
      await bare.close();
    }
  });

  it('posts to Bitbucket Data Center when BITBUCKET_SERVER_URL names it, and leaves Bitbucket Cloud alone', async () => {
    const dcAws = await startFakeAws({
      projects: [
        {
          name: 'dc-app',
          source: { type: 'BITBUCKET', location: `${bitbucket.url}/scm/proj/dc-app.git` },
        },
        {
          name: 'cloud-app',
          source: { type: 'BITBUCKET', location: 'https://bitbucket.org/acme/cloud-app.git' },
        },
      ],
    });
    const onDc = await startLambda('status-mirror', {
      AWS_ENDPOINT_URL: dcAws.url,
      AWS_REGION: dcAws.region,
      ...keys,
      BITBUCKET_ACCESS_TOKEN: ACCESS_TOKEN,
      BITBUCKET_SERVER_URL: bitbucket.url,
    });
    try {
      const commit = '4'.repeat(40);
      const build = await finished(
        dcAws.startExternalBuild('dc-app', { sourceVersion: commit }).id,
        dcAws,
      );
      await post(onDc, buildStateEvent(build, dcAws.region));
      expect(bitbucket.statuses(commit)).toEqual([
        expect.objectContaining({
          flavour: 'server',
          repository: 'PROJ/dc-app',
          state: 'SUCCESSFUL',
        }),
      ]);
      const cloud = dcAws.startExternalBuild('cloud-app', { sourceVersion: '5'.repeat(40) });
      const run = await post(onDc, buildStateEvent(cloud, dcAws.region, 'IN_PROGRESS'));
      expect(run.result?.outcome).toBe('skipped');
      expect(run.log).toContain(
        'on Bitbucket Cloud, and this mirror posts to Bitbucket Data Center',
      );
    } finally {
      await onDc.close();
      await dcAws.close();
    }
  });
});
