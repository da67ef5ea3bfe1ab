import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { phaseStatuses, runBuildspec, temporaryDirectory } from '../helpers/local-build.js';
import { RecordingLogger } from '../helpers/recording-logger.js';

function buildspec(commands: string[], extra: string[] = []): string {
  return [
    'version: 0.2',
    ...extra,
    'phases:',
    '  build:',
    '    commands:',
    ...commands.map((command) => `      - ${command}`),
    '',
  ].join('\n');
}

/** True while the process exists and is not a zombie. */
function isRunning(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (existsSync('/proc/self/stat')) {
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(stat, 'utf8'));
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('commands in a local build', () => {
  it('carries variables, exported or not, to later commands and phases', async () => {
    const { logger } = await runBuildspec(
      [
        'version: 0.2',
        'phases:',
        '  install:',
        '    commands:',
        '      - PLAIN=plain-value',
        '      - export EXPORTED=exported-value',
        '  build:',
        '    commands:',
        '      - echo "$PLAIN $EXPORTED"',
        '      - sh -c \'echo "child sees $PLAIN"\'',
      ].join('\n'),
    );
    expect(logger.outputLines).toEqual(['plain-value exported-value', 'child sees plain-value']);
  });

  it('carries the working directory to later commands and phases', async () => {
    const { logger, sourceDir } = await runBuildspec(
      [
        'version: 0.2',
        'phases:',
        '  install:',
        '    commands:',
        '      - mkdir -p sub/dir',
        '      - cd sub',
        '  build:',
        '    commands:',
        '      - cd dir',
        '      - pwd',
      ].join('\n'),
    );
    expect(logger.outputLines).toEqual([join(sourceDir, 'sub', 'dir')]);
  });

  it('keeps values with newlines, quotes and dollar signs intact across commands', async () => {
    const { logger } = await runBuildspec(
      buildspec([
        `MULTI="$(printf 'line one\\nline two')"`,
        `QUOTED="it's \\"quoted\\" \\$HOME"`,
        `printf '[%s]\\n' "$MULTI" "$QUOTED"`,
      ]),
    );
    expect(logger.outputLines).toEqual(['[line one', 'line two]', `[it's "quoted" $HOME]`]);
  });

  it('forgets variables a command unsets', async () => {
    const { logger } = await runBuildspec(
      buildspec(['export GONE=1', 'unset GONE', 'echo "gone=${GONE:-unset}"']),
    );
    expect(logger.outputLines).toEqual(['gone=unset']);
  });

  it('keeps what a command set before it called exit 0', async () => {
    const { logger } = await runBuildspec(
      buildspec(['NEXT=kept; cd /; exit 0', 'echo "$NEXT in $(pwd)"']),
    );
    expect(logger.outputLines).toEqual(['kept in /']);
  });

  it('does not carry shell functions to the next command, under sh or bash', async () => {
    for (const shell of [[], ['env:', '  shell: bash']]) {
      const { result, logger } = await runBuildspec(
        buildspec(['greet() { echo hello; }; greet', 'greet'], shell),
      );
      expect(logger.outputLines[0]).toBe('hello');
      expect(logger.outputLines[1]).toMatch(/greet: (command )?not found/);
      expect(result.build.buildStatus).toBe('FAILED');
    }
  });

  it('does not carry set -e to the next command', async () => {
    const { result, logger } = await runBuildspec(buildspec(['set -e', 'false; echo after-false']));
    expect(logger.outputLines).toEqual(['after-false']);
    expect(result.build.buildStatus).toBe('SUCCEEDED');
  });

  it('lets only the last line of a | block decide its exit status, as in CodeBuild', async () => {
    const { result, logger } = await runBuildspec(
      [
        'version: 0.2',
        'phases:',
        '  build:',
        '    commands:',
        '      - |',
        '        false',
        '        echo still-ran',
      ].join('\n'),
    );
    expect(logger.outputLines).toEqual(['still-ran']);
    expect(result.build.buildStatus).toBe('SUCCEEDED');
  });

  it('runs commands with sh by default and with bash when env.shell is bash', async () => {
    const shellOf = async (extra: string[]) =>
      (await runBuildspec(buildspec(['readlink /proc/$$/exe'], extra))).logger.outputLines[0];
    expect(await shellOf([])).toBe(realpathSync('/bin/sh'));
    expect(await shellOf(['env:', '  shell: bash'])).toMatch(/\/bash$/);
  });

  it('fails bash-only syntax under the default sh when sh is not bash', async () => {
    if (realpathSync('/bin/sh').endsWith('bash')) return;
    const { result } = await runBuildspec(buildspec(["'[[ 1 == 1 ]]'"]));
    expect(result.build.buildStatus).toBe('FAILED');
    const bash = await runBuildspec(buildspec(["'[[ 1 == 1 ]]'"], ['env:', '  shell: bash']));
    expect(bash.result.build.buildStatus).toBe('SUCCEEDED');
  });

  it('refuses a Windows shell with what it can run instead', async () => {
    await expect(
      runBuildspec(buildspec(['echo'], ['env:', '  shell: powershell.exe'])),
    ).rejects.toThrow(
      'buildspec.yml: env.shell "powershell.exe" cannot run locally; the local runner runs Linux shells: sh (the default) or bash.',
    );
  });

  it('keeps running commands with the same shell after a command empties PATH', async () => {
    const { result, logger } = await runBuildspec(buildspec(['PATH=/nowhere', 'echo still-runs']));
    expect(logger.outputLines).toEqual(['still-runs']);
    expect(result.build.buildStatus).toBe('SUCCEEDED');
  });

  it('refuses to start when the shell the buildspec asks for is not on PATH', async () => {
    await expect(
      runBuildspec(buildspec(['echo'], ['env:', '  shell: bash']), {
        hostEnv: { PATH: '/nonexistent-bin' },
      }),
    ).rejects.toThrow(
      "The buildspec runs its commands with bash, which is not on this machine's PATH (/nonexistent-bin). Install bash or put it on PATH.",
    );
  });

  it('starts every command afresh under buildspec version 0.1', async () => {
    const { logger, sourceDir } = await runBuildspec(
      [
        'version: 0.1',
        'phases:',
        '  build:',
        '    commands:',
        '      - mkdir -p sub',
        '      - cd sub; X=1',
        '      - echo "x=$X in $(pwd)"',
      ].join('\n'),
    );
    expect(logger.outputLines).toEqual([`x= in ${sourceDir}`]);
  });

  it('keeps stdout and stderr lines in the order they were written', async () => {
    const { logger } = await runBuildspec(
      buildspec(['echo out-1; echo err-1 >&2; echo out-2; echo err-2 >&2']),
    );
    expect(logger.outputLines).toEqual(['out-1', 'err-1', 'out-2', 'err-2']);
  });

  it('streams output line by line while the command is still running', async () => {
    const sourceDir = temporaryDirectory();
    const logger = new RecordingLogger();
    // The command waits for a file that the test writes only after it has seen "ready" in the log.
    logger.onBuildLine = (line) => {
      if (line === 'ready') writeFileSync(join(sourceDir, 'go'), '');
    };
    const { logger: recorded } = await runBuildspec(
      buildspec([
        'echo ready; i=0; while [ ! -f go ] && [ "$i" -lt 100 ]; do sleep 0.05; i=$((i + 1)); done; test -f go && echo saw-go',
      ]),
      { sourceDir, logger },
    );
    expect(recorded.outputLines).toEqual(['ready', 'saw-go']);
  });

  it('stops the running command and its background processes when the signal aborts, and reports STOPPED', async () => {
    const sourceDir = temporaryDirectory();
    const controller = new AbortController();
    const logger = new RecordingLogger();
    logger.onBuildLine = (line) => {
      if (line === 'started') controller.abort();
    };
    const started = Date.now();
    const { result } = await runBuildspec(
      [
        'version: 0.2',
        'phases:',
        '  build:',
        '    commands:',
        '      - sleep 30 & echo $! > background.pid; echo started; sleep 30',
        '      - echo never',
        '    finally:',
        '      - echo never-finally',
        '  post_build:',
        '    commands:',
        '      - echo never-post-build',
      ].join('\n'),
      { sourceDir, logger, signal: controller.signal },
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(logger.outputLines).toEqual(['started']);
    expect(phaseStatuses(result)).toEqual([
      'INSTALL: SUCCEEDED',
      'PRE_BUILD: SUCCEEDED',
      'BUILD: STOPPED',
      'FINALIZING: SUCCEEDED',
    ]);
    expect(result.build.buildStatus).toBe('STOPPED');
    expect(result.exitCode).toBe(1);
    expect(isRunning(Number(readFileSync(join(sourceDir, 'background.pid'), 'utf8')))).toBe(false);
  });

  it('does not wait for background processes that keep the output open, and ends them with the build', async () => {
    const sourceDir = temporaryDirectory();
    const started = Date.now();
    const { result, logger } = await runBuildspec(
      buildspec(['sleep 30 & echo $! > background.pid', 'echo next']),
      { sourceDir },
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(logger.outputLines).toEqual(['next']);
    expect(result.build.buildStatus).toBe('SUCCEEDED');
    expect(isRunning(Number(readFileSync(join(sourceDir, 'background.pid'), 'utf8')))).toBe(false);
  });
});
