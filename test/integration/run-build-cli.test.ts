/**
 * The bundled CLI (dist/cli/index.js run-build) from a plain shell, against the fake AWS and
 * GitHub servers: exit codes, log on stdout, the final line, and GitHub statuses when
 * GITHUB_TOKEN and GITHUB_REPOSITORY are set.
 */
import { failureScenario, steadyLogScenario, successScenario } from '../fakes/aws-server.js';
import { useFakeServers } from '../helpers/fake-servers.js';
import { runBundle, startBundle } from '../helpers/run-bundle.js';
import { GITHUB_TOKEN, printedBuildLines, wireEnv } from '../helpers/wire.js';

const SHA = 'c'.repeat(40);
const fakes = useFakeServers();

function cli(args: string[], env: Record<string, string> = {}) {
  return runBundle('cli', {
    // The CLI runs wherever people have Node 20 or later: test it on this machine's Node.
    node: process.execPath,
    actionsRunner: false,
    args,
    env: { ...wireEnv(fakes.aws, fakes.github), ...env },
  });
}

describe('buildbridge run-build (CLI)', () => {
  it('prints the log to stdout, ends with a summary line and exits 0 on success', async () => {
    fakes.aws.script('web', successScenario());
    const result = await cli([
      'run-build',
      '--project-name',
      'web',
      '--poll-interval',
      '0.2',
      '--source-version',
      SHA,
    ]);
    expect(result.code).toBe(0);
    const build = fakes.aws.builds()[0]!;
    const lines = fakes.aws.logMessages(build.id).map((line) => line.replace(/\n$/, ''));
    expect(printedBuildLines(result.stdout, lines)).toEqual(lines);
    expect(result.stdout).toContain('── Phase BUILD ──');
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(
      /^Build #1 succeeded in \d+s\. https:\/\/us-east-1\.console\.aws\.amazon\.com\//,
    );
    expect(result.stdout).not.toContain('::');
    expect(build.request.sourceVersion).toBe(SHA);
    expect(fakes.github.requests).toHaveLength(0);
  });

  it('exits 1 on a failed build and names the phase and command on stderr', async () => {
    fakes.aws.script('web', failureScenario({ command: 'npm test' }));
    const result = await cli(['run-build', '--project-name=web', '--poll-interval=0.2']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: Build #1 failed in BUILD after \d+s: npm test \(exit status 2\)\./,
    );
  });

  it('posts GitHub commit statuses when GITHUB_TOKEN and GITHUB_REPOSITORY are set', async () => {
    const result = await cli(['run-build', '--project-name', 'web', '--poll-interval', '0.2'], {
      GITHUB_TOKEN,
      GITHUB_REPOSITORY: 'octo/app',
      GITHUB_SHA: SHA,
    });
    expect(result.code).toBe(0);
    expect(fakes.github.statuses(SHA).map((s) => s.state)).toEqual(['pending', 'success']);
    expect(result.stdout + result.stderr).not.toContain(GITHUB_TOKEN);
  });

  it('takes --region over AWS_REGION: requests are signed for it and links point to it', async () => {
    const result = await cli(
      ['run-build', '--project-name', 'web', '--region', 'eu-west-3', '--poll-interval', '0.2'],
      {
        AWS_REGION: 'us-east-1',
      },
    );
    expect(result.code).toBe(0);
    expect(fakes.aws.calls[0]!.headers.authorization).toContain(
      '/eu-west-3/codebuild/aws4_request',
    );
    expect(result.stdout).toContain(
      'https://eu-west-3.console.aws.amazon.com/codesuite/codebuild/',
    );
  });

  it('stops the build on SIGTERM and exits 1', async () => {
    fakes.aws.script('web', steadyLogScenario({ durationMs: 60_000, linesPerSecond: 5 }));
    const running = startBundle('cli', {
      actionsRunner: false,
      args: ['run-build', '--project-name', 'web', '--poll-interval', '0.2'],
      env: wireEnv(fakes.aws, fakes.github),
    });
    await running.waitFor('── Phase BUILD ──');
    running.child.kill('SIGTERM');
    const result = await running.done;
    expect(result.code).toBe(1);
    expect(fakes.aws.calls.some((c) => c.operation === 'CodeBuild.StopBuild')).toBe(true);
    expect(result.stderr).toMatch(/error: Build #1 was stopped/);
  });

  it('lists every option with its default in --help', async () => {
    const result = await cli(['run-build', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: buildbridge run-build [options]');
    expect(result.stdout).toContain('--poll-interval <value>');
    expect(result.stdout).toContain('(default: 5)');
  });

  it('refuses an unknown command or option with a pointer to --help', async () => {
    const unknownCommand = await cli(['deploy']);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain('Unknown command "deploy". Commands: run-build');
    const unknownOption = await cli(['run-build', '--projct-name', 'web']);
    expect(unknownOption.code).toBe(1);
    expect(unknownOption.stderr).toContain('Unknown option "--projct-name"');
  });
});
