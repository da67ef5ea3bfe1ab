/**
 * The Bitbucket Pipe's entry (pipe/pipe.sh) as Pipelines runs it, without Docker: pipe-style
 * variables in, `buildbridge run-build` flags out — seen by a stand-in CLI that prints what it
 * was given, and once for real with the CLI bundle against the fake AWS.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ASSUMED_ACCESS_KEY_ID } from '../fakes/aws-server.js';
import { useFakeServers } from '../helpers/fake-servers.js';
import { ROOT } from '../helpers/run-bundle.js';
import { wireEnv } from '../helpers/wire.js';

const ENTRY = join(ROOT, 'pipe/pipe.sh');
const SHA = 'b'.repeat(40);
const fakes = useFakeServers();

interface PipeRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runPipe(variables: Record<string, string>, cli: string): Promise<PipeRun> {
  return startPipe(variables, cli).done;
}

function startPipe(
  variables: Record<string, string>,
  cli: string,
): { child: ReturnType<typeof spawn>; done: Promise<PipeRun> } {
  const home = mkdtempSync(join(tmpdir(), 'pipe-run-'));
  const child = spawn('bash', [ENTRY], {
    cwd: home,
    env: {
      PATH: process.env.PATH,
      HOME: home,
      NO_COLOR: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
      BUILDBRIDGE_CLI: cli,
      BUILDBRIDGE_NODE: process.execPath,
      ...variables,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<PipeRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

/** A stand-in for the CLI: prints its arguments, the variables the pipe sets and the token file. */
function stubCli(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pipe-stub-')), 'cli.js');
  writeFileSync(
    file,
    `const { statSync, readFileSync } = require('node:fs');
const tokenFile = process.env.AWS_WEB_IDENTITY_TOKEN_FILE;
console.log(JSON.stringify({
  argv: process.argv.slice(2),
  debug: process.env.BUILDBRIDGE_DEBUG ?? null,
  roleArn: process.env.AWS_ROLE_ARN ?? null,
  tokenFile: tokenFile ?? null,
  tokenMode: tokenFile ? (statSync(tokenFile).mode & 0o777).toString(8) : null,
  token: tokenFile ? readFileSync(tokenFile, 'utf8') : null,
}));
process.exitCode = Number(process.env.STUB_EXIT ?? 0);
`,
  );
  writeFileSync(join(file, '..', 'package.json'), '{"type":"commonjs"}');
  return file;
}

interface StubOutput {
  argv: string[];
  debug: string | null;
  roleArn: string | null;
  tokenFile: string | null;
  tokenMode: string | null;
  token: string | null;
}

const stubbed = async (variables: Record<string, string>) => {
  const run = await runPipe(variables, stubCli());
  expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
  return JSON.parse(run.stdout) as StubOutput;
};

describe('the Bitbucket Pipe entry', () => {
  it('maps the pipe variables to run-build flags', async () => {
    const out = await stubbed({
      PROJECT_NAME: 'web',
      BITBUCKET_COMMIT: SHA,
      AWS_DEFAULT_REGION: 'eu-west-1',
      BUILDSPEC_OVERRIDE: 'ci/buildspec.yml',
      STATUS_CONTEXT: 'ci/codebuild',
      LOGS: 'False',
    });
    expect(out.argv).toEqual([
      'run-build',
      '--project-name',
      'web',
      '--source-version',
      SHA,
      '--region',
      'eu-west-1',
      '--buildspec-override',
      'ci/buildspec.yml',
      '--status-context',
      'ci/codebuild',
      '--no-logs',
    ]);
    expect(out.debug).toBeNull();
    expect(out.tokenFile).toBeNull();
  });

  it('passes WAIT=false as --no-wait, each ENV_VARS line as one --env-vars, DEBUG=true on', async () => {
    const out = await stubbed({
      PROJECT_NAME: 'web',
      SOURCE_VERSION: 'main',
      BITBUCKET_COMMIT: SHA,
      WAIT: 'false',
      ENV_VARS: 'STAGE=test value\r\n\nTOKEN=secrets-manager:ci/token:key\n',
      DEBUG: 'true',
    });
    expect(out.argv).toEqual([
      'run-build',
      '--project-name',
      'web',
      '--source-version',
      'main',
      '--no-wait',
      '--env-vars',
      'STAGE=test value',
      '--env-vars',
      'TOKEN=secrets-manager:ci/token:key',
    ]);
    expect(out.debug).toBe('true');
  });

  it('says clearly what is wrong with a missing PROJECT_NAME or a bad WAIT', async () => {
    const missing = await runPipe({ BITBUCKET_COMMIT: SHA }, stubCli());
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('PROJECT_NAME is required');
    const badWait = await runPipe({ PROJECT_NAME: 'web', WAIT: 'yes please' }, stubCli());
    expect(badWait.code).toBe(1);
    expect(badWait.stdout).toBe('');
    expect(badWait.stderr).toContain("WAIT must be true or false, not 'yes please'");
  });

  it('names the OIDC role for the CLI and keeps static keys out; the token file is the CLI’s', async () => {
    const variables = {
      PROJECT_NAME: 'web',
      AWS_OIDC_ROLE_ARN: 'arn:aws:iam::123456789012:role/ci',
      BITBUCKET_STEP_OIDC_TOKEN: 'header.payload.signature',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    };
    const out = await stubbed(variables);
    expect(out).toMatchObject({ roleArn: 'arn:aws:iam::123456789012:role/ci', tokenFile: null });

    const noToken = await runPipe({ PROJECT_NAME: 'web', AWS_OIDC_ROLE_ARN: 'arn' }, stubCli());
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain("add 'oidc: true' to the step");
  });

  it('runs the CLI in its place, so SIGTERM reaches it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pipe-stub-')), 'cli.js');
    writeFileSync(join(file, '..', 'package.json'), '{"type":"commonjs"}');
    writeFileSync(
      file,
      // The handler is in place before "started" is printed, so the signal cannot come first.
      `process.on('SIGTERM', () => { console.log('stopping the build'); process.exit(143); });
setInterval(() => {}, 1000);
console.log('started');
`,
    );
    const { child, done } = startPipe({ PROJECT_NAME: 'web' }, file);
    await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
    child.kill('SIGTERM');
    const run = await done;
    expect(run.code).toBe(143);
    expect(run.stdout.trim().split('\n')).toEqual(['started', 'stopping the build']);
  });

  it('assumes the OIDC role through the CLI and starts the build with those credentials', async () => {
    const run = await runPipe(
      {
        AWS_ENDPOINT_URL: fakes.aws.url,
        AWS_DEFAULT_REGION: fakes.aws.region,
        AWS_OIDC_ROLE_ARN: 'arn:aws:iam::123456789012:role/ci',
        BITBUCKET_STEP_OIDC_TOKEN: 'header.payload.signature',
        PROJECT_NAME: 'web',
        BITBUCKET_COMMIT: SHA,
        WAIT: 'false',
      },
      join(ROOT, 'dist/cli/index.js'),
    );
    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
    expect(fakes.aws.calls.some((call) => call.operation === 'STS.AssumeRoleWithWebIdentity')).toBe(
      true,
    );
    const start = fakes.aws.calls.find((call) => call.operation === 'CodeBuild.StartBuild');
    expect(start?.headers.authorization).toContain(`Credential=${ASSUMED_ACCESS_KEY_ID}/`);
  }, 30_000);

  it('starts the build in CodeBuild with the CLI bundle', async () => {
    const env = wireEnv(fakes.aws);
    const run = await runPipe(
      {
        ...env,
        AWS_DEFAULT_REGION: env.AWS_REGION!,
        PROJECT_NAME: 'web',
        BITBUCKET_COMMIT: SHA,
        WAIT: 'false',
        ENV_VARS: 'STAGE=test\nMODE=pipe',
      },
      join(ROOT, 'dist/cli/index.js'),
    );
    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
    const start = fakes.aws.calls.find((call) => call.operation === 'CodeBuild.StartBuild');
    expect(start?.body).toMatchObject({
      projectName: 'web',
      sourceVersion: SHA,
      environmentVariablesOverride: [
        { name: 'STAGE', value: 'test', type: 'PLAINTEXT' },
        { name: 'MODE', value: 'pipe', type: 'PLAINTEXT' },
      ],
    });
  }, 30_000);

  it('is clean under shellcheck and declares every variable it reads', () => {
    const check = spawnSync('shellcheck', [ENTRY], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
    const pipe = parse(readFileSync(join(ROOT, 'pipe/pipe.yml'), 'utf8')) as {
      variables: { name: string }[];
    };
    const script = readFileSync(ENTRY, 'utf8');
    for (const { name } of pipe.variables)
      if (!/^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY)$/.test(name))
        expect({ name, read: script.includes(name) }).toEqual({ name, read: true });
  });
});
