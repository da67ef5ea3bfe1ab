/**
 * The bundled CLI (dist/cli/index.js) as people run it: from a plain shell, from a terminal,
 * inside a GitHub Actions `run:` step, piped into head, interrupted — against the fake AWS and
 * GitHub servers, on Node 20, 22 and 24.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failureScenario, steadyLogScenario, successScenario } from '../fakes/aws-server.js';
import { useFakeServers } from '../helpers/fake-servers.js';
import { cliNodes } from '../helpers/node-versions.js';
import { ROOT, runBundle, startBundle, type ActionRunOptions } from '../helpers/run-bundle.js';
import { GITHUB_TOKEN, printedBuildLines, wireEnv } from '../helpers/wire.js';

const SHA = 'c'.repeat(40);
const VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
const fakes = useFakeServers();

function cli(args: string[], env: Record<string, string> = {}, options: ActionRunOptions = {}) {
  return runBundle('cli', {
    node: process.execPath,
    actionsRunner: false,
    args,
    ...options,
    env: { ...wireEnv(fakes.aws, fakes.github), ...env },
  });
}

const REMOTE = ['run-build', '--project-name', 'web', '--poll-interval', '0.2'];

/** A port on 127.0.0.1 that nothing listens on: taken, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'bb-cli-test-'));
}

describe.each(cliNodes())('buildbridge on %s', (_name, node) => {
  it('prints its version and help, and runs a build to the end', async () => {
    const version = await cli(['--version'], {}, { node });
    expect(version).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    expect((await cli(['-V'], {}, { node })).stdout).toBe(`${VERSION}\n`);
    const help = await cli(['help', 'run-build'], {}, { node });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: buildbridge run-build --project-name <name> [options]');

    fakes.aws.script('web', successScenario());
    const result = await cli([...REMOTE, '--source-version', SHA], {}, { node });
    expect(result.code).toBe(0);
    const build = fakes.aws.builds()[0]!;
    const lines = fakes.aws.logMessages(build.id).map((line) => line.replace(/\n$/, ''));
    expect(printedBuildLines(result.stdout, lines)).toEqual(lines);
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^Build #1 succeeded in \d+s\. https:/);
  });

  it('says once, in one line, when the Node.js version is past its end of life', async () => {
    const result = await cli(['run-build', '--local', '--buildspec', 'nope.yml'], {}, { node });
    const major = Number(/Node (\d+)/.exec(_name)?.[1]);
    const notices = result.stderr.split('\n').filter((line) => /end of life|node >=/.test(line));
    expect(notices).toHaveLength(major < 22 ? 1 : 0);
    expect(result.stderr).not.toContain('NodeVersionSupportWarning');
  });
});

describe('buildbridge run-build (CLI)', () => {
  it('exits 1 on a failed build and names the phase and command on stderr', async () => {
    fakes.aws.script('web', failureScenario({ command: 'npm test' }));
    const result = await cli(['run-build', '--project-name=web', '--poll-interval=0.2']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: Build #1 failed in BUILD after \d+s: npm test \(exit status 2\)\./,
    );
  });

  it('posts GitHub commit statuses when GITHUB_TOKEN and GITHUB_REPOSITORY are set', async () => {
    const result = await cli(REMOTE, {
      GITHUB_TOKEN,
      GITHUB_REPOSITORY: 'octo/app',
      GITHUB_SHA: SHA,
    });
    expect(result.code).toBe(0);
    expect(fakes.github.statuses(SHA).map((s) => s.state)).toEqual(['pending', 'success']);
    expect(result.stdout + result.stderr).not.toContain(GITHUB_TOKEN);
  });

  it('takes --region over AWS_REGION: requests are signed for it and links point to it', async () => {
    const result = await cli([...REMOTE, '--region', 'eu-west-3'], { AWS_REGION: 'us-east-1' });
    expect(result.code).toBe(0);
    expect(fakes.aws.calls[0]!.headers.authorization).toContain(
      '/eu-west-3/codebuild/aws4_request',
    );
    expect(result.stdout).toContain(
      'https://eu-west-3.console.aws.amazon.com/codesuite/codebuild/',
    );
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('stops the build on %s, reports it, and exits %i', async (signal, code) => {
    fakes.aws.script('web', steadyLogScenario({ durationMs: 60_000, linesPerSecond: 5 }));
    const running = startBundle('cli', {
      actionsRunner: false,
      args: REMOTE,
      env: {
        ...wireEnv(fakes.aws, fakes.github),
        GITHUB_TOKEN,
        GITHUB_REPOSITORY: 'octo/app',
        GITHUB_SHA: SHA,
      },
    });
    await running.waitFor('── Phase BUILD ──');
    running.child.kill(signal);
    const result = await running.done;
    expect(result.code).toBe(code);
    expect(fakes.aws.calls.some((c) => c.operation === 'CodeBuild.StopBuild')).toBe(true);
    expect(result.stderr).toMatch(/error: Build #1 was stopped/);
    expect(fakes.github.statuses(SHA).map((s) => s.state)).toEqual(['pending', 'error']);
  });

  it('chooses the commit from the GitHub event exactly as the Action does', async () => {
    const dir = scratch();
    const head = 'a'.repeat(40);
    const eventPath = join(dir, 'event.json');
    writeFileSync(
      eventPath,
      JSON.stringify({
        pull_request: {
          head: { sha: head, repo: { full_name: 'octo/app' } },
          base: { repo: { full_name: 'octo/app' } },
        },
      }),
    );
    const env = {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_SHA: SHA,
    };
    const result = await cli(REMOTE, env);
    expect(result.code).toBe(0);
    expect(fakes.aws.builds()[0]!.request.sourceVersion).toBe(head);

    writeFileSync(
      eventPath,
      JSON.stringify({
        pull_request: {
          head: { sha: head, repo: { full_name: 'evil/app' } },
          base: { repo: { full_name: 'octo/app' } },
        },
      }),
    );
    const refused = await cli(REMOTE, { ...env, GITHUB_EVENT_NAME: 'pull_request_target' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'Refusing to build code from the fork evil/app on pull_request_target',
    );
    expect(refused.stderr).toContain('--allow-forks');
    const local = await cli(['run-build', '--local'], {
      ...env,
      GITHUB_EVENT_NAME: 'pull_request_target',
    });
    expect(local.code).toBe(1);
    expect(local.stderr).toContain("with this runner and the job's credentials");
    expect(fakes.aws.builds()).toHaveLength(1);
  });
});

describe('buildbridge usage errors exit 2 with a suggestion', () => {
  it.each([
    [['run-bulid'], 'Unknown command "run-bulid". Did you mean "run-build"?'],
    [
      ['run-build', '--projct-name', 'web'],
      'Unknown option --projct-name for buildbridge run-build. Did you mean --project-name?',
    ],
    [
      ['run-build', '--local', 'ci/buildspec.yml'],
      'To run that buildspec here, write --local --buildspec ci/buildspec.yml.',
    ],
    [
      ['run-build', '--local', '--project-name', 'web'],
      '--project-name is for a build in CodeBuild and would do nothing with --local',
    ],
    [
      ['run-build', '--project-name', 'web', '--buildspec', 'b.yml'],
      '--buildspec works only with --local; for a build in CodeBuild, --buildspec-override',
    ],
    [
      ['run-build', '--wait=false'],
      '--wait takes no value: write --wait to turn it on and --no-wait to turn it off.',
    ],
    [['help', 'lnt'], 'Unknown command "lnt". Did you mean "lint"?'],
    [['--projec-name'], 'Unknown option --projec-name. Other options come after the command'],
    [['-v'], 'Unknown option -v. Did you mean -V (--version)?'],
    [['--verison'], 'Unknown option --verison. Did you mean --version?'],
  ])('%j', async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain('Unexpected error');
    expect(fakes.aws.calls).toHaveLength(0);
  });

  it('prints the commands and exits 2 when there is none', async () => {
    const result = await cli([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: buildbridge <command> [options]');
  });
});

describe('buildbridge when AWS or GitHub cannot be reached', () => {
  it('names the AWS endpoint and what to check, as a user error', async () => {
    const port = await closedPort();
    const result = await cli(REMOTE, {
      AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      AWS_MAX_ATTEMPTS: '1',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `error: Could not reach AWS CodeBuild at http://127\\.0\\.0\\.1:${port} for codebuild:StartBuild \\(the connection was refused, ECONNREFUSED\\)\\. Check the network`,
      ),
    );
    expect(result.stderr).not.toMatch(/Unexpected error|HTTP 500|\n\s+at /);
  });

  it.each([
    [
      502,
      'text/html',
      '<html>bad gateway</html>',
      /error: AWS CodeBuild at http:\/\/127\.0\.0\.1:\d+ answered codebuild:StartBuild with HTTP 502 \(text\/html\), which is not an AWS answer: a proxy/,
    ],
    [
      200,
      'text/html',
      '<html>proxy login</html>',
      /which is not an AWS answer: a proxy, a captive portal or a wrong AWS_ENDPOINT_URL\?/,
    ],
    [
      500,
      'application/x-amz-json-1.1',
      '{"__type":"InternalFailure","message":"boom"}',
      /error: AWS CodeBuild at http:\/\/127\.0\.0\.1:\d+ kept failing codebuild:StartBuild on project "web" \(HTTP 500, InternalFailure: boom\) after 2 attempt\(s\)/,
    ],
  ])(
    'explains an HTTP %i %s answer as one line, not a bug',
    async (status, type, body, message) => {
      const server = createServer((_request, response) => {
        response.writeHead(status, { 'content-type': type });
        response.end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const result = await cli(REMOTE, {
          AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
          AWS_MAX_ATTEMPTS: '2',
        });
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(message);
        expect(result.stderr).not.toMatch(/Unexpected error|\n\s+at /);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    },
  );

  it('names the GitHub endpoint in a warning, never "HTTP 500", and keeps the result', async () => {
    const port = await closedPort();
    const result = await cli(REMOTE, {
      GITHUB_TOKEN,
      GITHUB_REPOSITORY: 'octo/app',
      GITHUB_SHA: SHA,
      GITHUB_API_URL: `http://127.0.0.1:${port}`,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `warning: Could not reach GitHub at http://127.0.0.1:${port} to post the pending commit status (the connection was refused, ECONNREFUSED). Check the network and GITHUB_API_URL.`,
    );
    expect(result.stderr).not.toContain('HTTP 500');
  });
});

describe('buildbridge output', () => {
  it('exits quietly when its output is closed (| head -3), stopping the run', async () => {
    const running = startBundle('cli', {
      node: process.execPath,
      actionsRunner: false,
      args: ['run-build', '--local'],
      env: { TMPDIR: scratch() },
    });
    await running.waitFor(/(.*\n){3}/);
    running.child.stdout!.destroy();
    const result = await running.done;
    expect(result.code).toBe(141);
    expect(result.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
  });

  it('inside a GitHub Actions step shields the log, groups phases and annotates warnings', async () => {
    fakes.aws.script(
      'web',
      successScenario({ logs: { BUILD: ['::add-mask::web', '::error::fake'] } }),
    );
    const result = await cli(REMOTE, { GITHUB_ACTIONS: 'true' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('::group::Phase BUILD');
    const shields = [
      ...result.stdout.matchAll(/::stop-commands::([0-9a-f]+)\n([\s\S]*?)\n::\1::/g),
    ];
    expect(shields.map((m) => m[2]).join('\n')).toContain('::error::fake');
    const local = await cli(['run-build', '--local'], {
      GITHUB_ACTIONS: 'true',
      TMPDIR: scratch(),
    });
    expect(local.code).toBe(0);
    expect(local.stdout).toContain('::group::Phase BUILD');
    expect(local.stdout).toMatch(/::stop-commands::[0-9a-f]+\n/);
  });

  function inTerminal(args: string[], env: Record<string, string>): Promise<string> {
    // script(1) gives the CLI a pseudo-terminal, as a person's shell does.
    const command = [process.execPath, join(ROOT, 'dist/cli/index.js'), ...args]
      .map((part) => `'${part}'`)
      .join(' ');
    return new Promise((resolve, reject) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], {
        env: { PATH: process.env.PATH, HOME: scratch(), TMPDIR: scratch(), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
      child.on('error', reject);
      child.on('close', () => resolve(out));
    });
  }

  it('draws a live status line on a terminal, and none with NO_COLOR or TERM=dumb', async () => {
    fakes.aws.script('web', successScenario(), successScenario(), successScenario());
    const env = wireEnv(fakes.aws, fakes.github);
    const terminal = await inTerminal(REMOTE, { ...env, TERM: 'xterm' });
    expect(terminal).toContain('\x1b[2K');
    expect(terminal).toContain('⏳');
    const plainTerminals: Record<string, string>[] = [
      { NO_COLOR: '1', TERM: 'xterm' },
      { TERM: 'dumb' },
    ];
    for (const plain of plainTerminals) {
      const out = await inTerminal(REMOTE, { ...env, ...plain });
      expect(out).toContain('Build #');
      // eslint-disable-next-line no-control-regex
      expect(out).not.toMatch(/\x1b/);
      expect(out).not.toMatch(/\p{Extended_Pictographic}/u);
    }
  });
});

describe('buildbridge run-build --local (CLI)', () => {
  it('does not pass the code host tokens to the commands unless --env names them', async () => {
    const dir = scratch();
    writeFileSync(
      join(dir, 'buildspec.yml'),
      'version: 0.2\nphases:\n  build:\n    commands:\n      - echo "token=${GITHUB_TOKEN:-unset} runtime=${ACTIONS_RUNTIME_TOKEN:-unset} length=${#GITHUB_TOKEN}"\n',
    );
    const env = { GITHUB_TOKEN, ACTIONS_RUNTIME_TOKEN: 'runtime-token-value', TMPDIR: dir };
    const withheld = await cli(['run-build', '--local'], env, { cwd: dir });
    expect(withheld.code).toBe(0);
    expect(withheld.stdout).toContain('token=unset runtime=unset length=0');
    expect(withheld.stdout).toContain('Not passed to the buildspec');
    const passed = await cli(['run-build', '--local', '--env', 'GITHUB_TOKEN'], env, { cwd: dir });
    expect(passed.stdout).toContain(`token=*** runtime=unset length=${GITHUB_TOKEN.length}`);
  });

  it('on a second Ctrl-C kills what the build started and removes its temporary folder at once', async () => {
    const dir = scratch();
    const temp = scratch();
    writeFileSync(
      join(dir, 'buildspec.yml'),
      "version: 0.2\nphases:\n  build:\n    commands:\n      - trap '' TERM; echo started; sleep 613.37\n",
    );
    const running = startBundle('cli', {
      node: process.execPath,
      actionsRunner: false,
      args: ['run-build', '--local'],
      env: { TMPDIR: temp },
      cwd: dir,
    });
    await running.waitFor('started');
    running.child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const forcedAt = Date.now();
    running.child.kill('SIGINT');
    const result = await running.done;
    expect(result.code).toBe(130);
    expect(Date.now() - forcedAt).toBeLessThan(2000);
    const left = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('613.37');
        } catch {
          return false;
        }
      });
    expect(left).toEqual([]);
    expect(readdirSync(temp).filter((name) => name.startsWith('buildbridge-local-'))).toEqual([]);
    expect(existsSync(temp)).toBe(true);
  });
});
