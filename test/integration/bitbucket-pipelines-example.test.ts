/**
 * examples/bitbucket-pipelines.yml, run as Bitbucket Pipelines runs it: for a push to main, a
 * pull request and a version tag, the steps of the pipeline Bitbucket would pick, each in a
 * fresh `bash -e` in the clone directory, with the variables Pipelines sets on that trigger
 * (and BITBUCKET_STEP_OIDC_TOKEN only on `oidc: true` steps). The bundled CLI talks to the fake
 * AWS (STS included) and the fake Bitbucket; the assertions are what arrived there.
 *
 * Every script line runs as written except one: `git clone … https://github.com/…` in "Get
 * buildbridge" needs the network. It is skipped, and its artifact (buildbridge/dist/** in the
 * clone directory) is this checkout's freshly built dist/, linked in place. So the example's own
 * `export BUILDBRIDGE="node $BITBUCKET_CLONE_DIR/buildbridge/dist/cli/index.js"` line resolves
 * to that bundle, and `node` on PATH is the Node.js running this test (the oldest the CLI
 * supports). The machinery, that rule included, is test/helpers/pipelines-runner.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { ASSUMED_ACCESS_KEY_ID, failureScenario, successScenario } from '../fakes/aws-server.js';
import { ACCESS_TOKEN, startFakeBitbucket, type FakeBitbucket } from '../fakes/bitbucket-server.js';
import { useFakeServers } from '../helpers/fake-servers.js';
import {
  pipelineFor as pipelineOf,
  runPipeline as runSteps,
  type Step,
  type Trigger,
} from '../helpers/pipelines-runner.js';
import { wireEnv } from '../helpers/wire.js';

const EXAMPLE = 'examples/bitbucket-pipelines.yml';
const COMMIT = '3f9c2a7be41d08c6a5f1e2d3c4b5a69788f0e1d2';
const ROLE = 'arn:aws:iam::123456789012:role/ci';
const OIDC_TOKEN =
  'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ7cmVwby11dWlkfTp7c3RlcC11dWlkfSJ9.c2lnbmF0dXJlLXZhbHVl';

const fakes = useFakeServers(['my-project']);
let bb: FakeBitbucket;
beforeEach(async () => {
  bb = await startFakeBitbucket();
});
afterEach(async () => {
  await bb.close();
});

function pipelineFor(trigger: Trigger): Step[] | undefined {
  return pipelineOf(EXAMPLE, trigger);
}

function runPipeline(steps: Step[], variables: Record<string, string | undefined>) {
  // The AWS SDK finds the fakes (CodeBuild, CloudWatch Logs and STS) at this endpoint. Only the
  // endpoint of wireEnv: its static keys would come first in the SDK's chain, and a Pipelines
  // step has none; the role comes from the OIDC token.
  const { AWS_ENDPOINT_URL } = wireEnv(fakes.aws);
  return runSteps(
    {
      example: EXAMPLE,
      bitbucket: bb,
      commit: COMMIT,
      oidcToken: OIDC_TOKEN,
      env: { AWS_ENDPOINT_URL },
    },
    steps,
    variables,
  );
}

const PUSH = { BITBUCKET_BRANCH: 'main' };
const PULL_REQUEST = {
  BITBUCKET_BRANCH: 'feature/x',
  BITBUCKET_PR_ID: '7',
  BITBUCKET_PR_DESTINATION_BRANCH: 'main',
  BITBUCKET_PR_DESTINATION_COMMIT: '9e8d7c6b5a41',
};
const TAG = { BITBUCKET_BRANCH: undefined, BITBUCKET_TAG: 'v1.2.0' };
const DEFAULT_CONTEXT = 'AWS CodeBuild us-east-1 (my-project)';

const cases = [
  {
    trigger: 'a push to main',
    pipeline: { branch: 'main' },
    variables: PUSH,
    ref: 'main',
    context: DEFAULT_CONTEXT,
    env: [],
  },
  {
    trigger: 'pull request #7 from feature/x',
    pipeline: { pullRequestFrom: 'feature/x' },
    variables: PULL_REQUEST,
    ref: 'feature/x',
    context: DEFAULT_CONTEXT,
    env: [
      { name: 'PR_ID', value: '7', type: 'PLAINTEXT' },
      { name: 'PR_DESTINATION_BRANCH', value: 'main', type: 'PLAINTEXT' },
    ],
  },
  {
    trigger: 'the tag v1.2.0',
    pipeline: { tag: 'v1.2.0' },
    variables: TAG,
    ref: 'v1.2.0',
    context: 'AWS CodeBuild release (my-project)',
    env: [{ name: 'RELEASE_VERSION', value: 'v1.2.0', type: 'PLAINTEXT' }],
  },
] as const;

describe(`${EXAMPLE} run as Bitbucket Pipelines runs it`, () => {
  it('starts a pipeline for pushes to main, pull requests and v* tags, none for other pushes', () => {
    const names = (trigger: Trigger) => pipelineFor(trigger)?.map((step) => step.name);
    expect(names({ branch: 'main' })).toEqual([
      'Get buildbridge',
      'Lint buildspecs',
      'Build in CodeBuild',
    ]);
    expect(names({ pullRequestFrom: 'feature/x' })).toEqual([
      'Get buildbridge',
      'Lint buildspecs',
      'Build the pull request in CodeBuild',
    ]);
    expect(names({ tag: 'v1.2.0' })).toEqual([
      'Get buildbridge',
      'Lint buildspecs',
      'Release build in CodeBuild',
    ]);
    // A feature branch is built by its pull request, not a second time by its push.
    expect(names({ branch: 'feature/x' })).toBeUndefined();
    expect(names({ tag: 'latest' })).toBeUndefined();
    // The build steps share `oidc: true` through the anchor.
    for (const trigger of [{ branch: 'main' }, { pullRequestFrom: 'x' }, { tag: 'v1' }])
      expect(pipelineFor(trigger)!.map((step) => step.oidc === true)).toEqual([false, false, true]);
  });

  it.each(cases)(
    'on $trigger lints, builds BITBUCKET_COMMIT with the OIDC role and posts the statuses',
    async ({ pipeline, variables, ref, context, env }) => {
      fakes.aws.script('my-project', successScenario());
      const { runs, temp } = await runPipeline(pipelineFor(pipeline)!, variables);

      expect(runs.map((run) => [run.name, run.code])).toEqual([
        ['Get buildbridge', 0],
        ['Lint buildspecs', 0],
        [expect.stringMatching(/CodeBuild$/), 0],
      ]);
      expect(runs.flatMap((run) => run.skipped)).toEqual([
        'git clone --quiet --depth 1 --branch v1 https://github.com/OWNER/buildbridge.git buildbridge',
      ]);
      // The buildspec is linted; bitbucket-pipelines.yml is recognised as neither kind and skipped.
      expect(runs[1]!.output).toContain('No problems found in 1 file; 1 file skipped');

      const [build, ...more] = fakes.aws.builds();
      expect(more).toEqual([]);
      expect(build!.request).toMatchObject({ projectName: 'my-project', sourceVersion: COMMIT });
      expect(build!.request.environmentVariablesOverride ?? []).toEqual(env);

      const sts = fakes.aws.calls.filter(
        (call) => call.operation === 'STS.AssumeRoleWithWebIdentity',
      );
      expect(sts.length).toBeGreaterThanOrEqual(1);
      for (const call of sts)
        expect(call.body).toMatchObject({
          RoleArn: ROLE,
          WebIdentityToken: OIDC_TOKEN,
          RoleSessionName: 'buildbridge-42',
        });
      const aws = fakes.aws.calls.filter((call) => /^(CodeBuild|Logs)\./.test(call.operation));
      expect(aws.map((call) => call.operation)).toContain('CodeBuild.StartBuild');
      for (const call of aws)
        expect(call.headers.authorization).toContain(`Credential=${ASSUMED_ACCESS_KEY_ID}/`);
      // The CLI removed the token file it wrote for the SDK.
      expect(readdirSync(temp)).toEqual([]);

      const statuses = bb.statuses(COMMIT);
      expect(statuses.map((s) => s.state)).toEqual(['INPROGRESS', 'SUCCESSFUL']);
      for (const status of statuses) {
        expect(status).toMatchObject({
          repository: 'team/app',
          name: context,
          ref,
          authorization: `Bearer ${ACCESS_TOKEN}`,
        });
        expect(status.key.length).toBeLessThanOrEqual(40);
      }
      const output = runs.map((run) => run.output).join('\n');
      expect(output).not.toContain(OIDC_TOKEN);
      expect(output).not.toContain(ACCESS_TOKEN);
    },
  );

  it('fails the pull request pipeline on a failed build and posts FAILED on its commit', async () => {
    fakes.aws.script('my-project', failureScenario({ command: 'npm test' }));
    const { runs } = await runPipeline(
      pipelineFor({ pullRequestFrom: 'feature/x' })!,
      PULL_REQUEST,
    );
    expect(runs.map((run) => run.code)).toEqual([0, 0, 1]);
    expect(bb.statuses(COMMIT).map((s) => [s.state, s.ref, s.name])).toEqual([
      ['INPROGRESS', 'feature/x', DEFAULT_CONTEXT],
      ['FAILED', 'feature/x', DEFAULT_CONTEXT],
    ]);
    expect(runs[2]!.output).toContain('npm test');
  });
});
