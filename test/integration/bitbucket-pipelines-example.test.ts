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
 * supports).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ASSUMED_ACCESS_KEY_ID, failureScenario, successScenario } from '../fakes/aws-server.js';
import { ACCESS_TOKEN, startFakeBitbucket, type FakeBitbucket } from '../fakes/bitbucket-server.js';
import { pipelinesEnv } from '../helpers/bitbucket-pipelines.js';
import { useFakeServers } from '../helpers/fake-servers.js';
import { ROOT } from '../helpers/run-bundle.js';
import { wireEnv } from '../helpers/wire.js';

const EXAMPLE = 'examples/bitbucket-pipelines.yml';
const COMMIT = '3f9c2a7be41d08c6a5f1e2d3c4b5a69788f0e1d2';
const ROLE = 'arn:aws:iam::123456789012:role/ci';
const OIDC_TOKEN =
  'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ7cmVwby11dWlkfTp7c3RlcC11dWlkfSJ9.c2lnbmF0dXJlLXZhbHVl';
/** The one line that needs the network; see the header. */
const NEEDS_NETWORK = /^git clone .*https:\/\/github\.com\//;

const fakes = useFakeServers(['my-project']);
let bb: FakeBitbucket;
beforeEach(async () => {
  bb = await startFakeBitbucket();
});
afterEach(async () => {
  await bb.close();
});

interface Step {
  name: string;
  oidc?: boolean;
  script: unknown[];
  artifacts?: string[];
}
type Pipeline = { step?: Step }[];
interface PipelinesFile {
  pipelines: {
    default?: Pipeline;
    branches?: Record<string, Pipeline>;
    'pull-requests'?: Record<string, Pipeline>;
    tags?: Record<string, Pipeline>;
  };
}

/** Bitbucket's glob for branch and tag names: `*` stops at `/`, `**` does not. */
function globMatches(pattern: string, name: string): boolean {
  const source = pattern
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  return new RegExp(`^${source}$`).test(name);
}

type Trigger = { branch: string } | { pullRequestFrom: string } | { tag: string };

/** The pipeline Bitbucket starts for a trigger (an exact name before a glob), if any. */
function pipelineFor(trigger: Trigger): Step[] | undefined {
  // Bitbucket reads YAML merge keys (`<<: *build`); the yaml package does so when asked.
  const { pipelines } = parse(readFileSync(join(ROOT, EXAMPLE), 'utf8'), {
    merge: true,
  }) as PipelinesFile;
  const pick = (section: Record<string, Pipeline> | undefined, name: string) => {
    const keys = Object.keys(section ?? {});
    const key = keys.includes(name) ? name : keys.find((glob) => globMatches(glob, name));
    return key === undefined ? undefined : section![key];
  };
  const pipeline =
    'tag' in trigger
      ? pick(pipelines.tags, trigger.tag)
      : 'pullRequestFrom' in trigger
        ? pick(pipelines['pull-requests'], trigger.pullRequestFrom)
        : (pick(pipelines.branches, trigger.branch) ?? pipelines.default);
  return pipeline?.map((entry) => {
    expect(entry.step).toBeDefined(); // no parallel or stage groups in the example
    return entry.step!;
  });
}

interface StepRun {
  name: string;
  code: number | null;
  output: string;
  skipped: string[];
}

/** A fresh clone directory holding the user's repository: a buildspec and this pipelines file. */
function cloneDirectory(): { clone: string; bin: string; temp: string } {
  const root = mkdtempSync(join(tmpdir(), 'bb-pipelines-example-'));
  const clone = join(root, 'build');
  const bin = join(root, 'bin');
  const temp = join(root, 'tmp');
  for (const dir of [clone, bin, temp]) mkdirSync(dir);
  copyFileSync(
    join(ROOT, 'test/fixtures/buildspecs/good/node-tests-reports/buildspec.yml'),
    join(clone, 'buildspec.yml'),
  );
  copyFileSync(join(ROOT, EXAMPLE), join(clone, 'bitbucket-pipelines.yml'));
  symlinkSync(process.execPath, join(bin, 'node'));
  return { clone, bin, temp };
}

function bash(script: string, cwd: string, env: Record<string, string | undefined>) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn('bash', ['-e', '-c', script], {
      cwd,
      env: Object.fromEntries(
        Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
      ),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * Runs the steps in order, each in its own shell (a step is a fresh container: only artifacts
 * carry over), and stops after a failed step as Pipelines does.
 */
async function runPipeline(
  steps: Step[],
  variables: Record<string, string | undefined>,
): Promise<{ runs: StepRun[]; temp: string }> {
  const { clone, bin, temp } = cloneDirectory();
  // The AWS SDK finds the fakes (CodeBuild, CloudWatch Logs and STS) at this endpoint. Only the
  // endpoint of wireEnv: its static keys would come first in the SDK's chain, and a Pipelines
  // step has none; the role comes from the OIDC token.
  const { AWS_ENDPOINT_URL } = wireEnv(fakes.aws);
  const runs: StepRun[] = [];
  for (const step of steps) {
    const lines = step.script.map((line) => {
      expect(typeof line).toBe('string'); // no pipes in the example's scripts
      return line as string;
    });
    const skipped = lines.filter((line) => NEEDS_NETWORK.test(line));
    if (skipped.length > 0) {
      // What the skipped clone leaves behind for the next steps: buildbridge/dist/**.
      expect(step.artifacts).toEqual(['buildbridge/dist/**']);
      mkdirSync(join(clone, 'buildbridge'), { recursive: true });
      symlinkSync(join(ROOT, 'dist'), join(clone, 'buildbridge/dist'));
    }
    const script = lines.filter((line) => !NEEDS_NETWORK.test(line)).join('\n');
    const { code, output } = await bash(script, clone, {
      PATH: `${bin}:${process.env.PATH}`,
      HOME: clone,
      TMPDIR: temp,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL,
      ...pipelinesEnv(bb, COMMIT, {
        BITBUCKET_CLONE_DIR: clone,
        ...variables,
        ...(step.oidc ? { BITBUCKET_STEP_OIDC_TOKEN: OIDC_TOKEN } : {}),
      }),
    });
    runs.push({ name: step.name, code, output, skipped });
    if (code !== 0) break;
  }
  return { runs, temp };
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
