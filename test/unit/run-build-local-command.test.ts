import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliContext } from '../../src/cli/command.js';
import { runLocalCommand } from '../../src/cli/commands/run-build-local.js';
import { LOCAL_BUILD_OPTIONS } from '../../src/buildspec/local/local-options.js';
import { RUN_BUILD_OPTIONS } from '../../src/codebuild/run-build-options.js';
import { cliContext } from '../helpers/cli-context.js';
import { removeAfterAll, temporaryDirectory } from '../helpers/local-build.js';
import { RecordingLogger } from '../helpers/recording-logger.js';

function context(
  cwd: string,
  values: Record<string, string> = {},
  env: NodeJS.ProcessEnv = {},
): { context: CliContext; logger: RecordingLogger } {
  const logger = new RecordingLogger();
  return {
    logger,
    context: cliContext(
      [...RUN_BUILD_OPTIONS, ...LOCAL_BUILD_OPTIONS],
      { local: 'true', ...values },
      {
        // HOME without an .aws folder: no credentials, as on a fresh machine.
        env: { PATH: process.env.PATH, HOME: cwd, ...env },
        logger,
        cwd,
      },
    ),
  };
}

describe('runLocalCommand', () => {
  it('runs the embedded demo on a fresh machine, says so, and ends with the final line and exit code 0', async () => {
    const cwd = temporaryDirectory();
    const summary = join(cwd, 'summary.md');
    const { context: ctx, logger } = context(cwd, {}, { GITHUB_STEP_SUMMARY: summary });
    const exitCode = await runLocalCommand(ctx);
    const demoDir = /running the embedded demo buildspec in (\S+)\./.exec(
      logger.infos[0] ?? '',
    )?.[1];
    if (demoDir) removeAfterAll(demoDir);
    expect(exitCode).toBe(0);
    expect(logger.infos[0]).toMatch(
      new RegExp(
        `^No --buildspec given and no buildspec.yml in ${cwd}: running the embedded demo buildspec in .*buildbridge-demo-.*\\. To run your own, pass --buildspec path/to/buildspec.yml`,
      ),
    );
    expect(logger.infos).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Artifact primary: 3 file\(s\) in .*buildbridge-demo-.*\/\.buildbridge\/artifacts\/demo-app$/,
        ),
        'Report SUCCEEDED: demo-tests (JUNITXML): 2 tests',
        'Exported APP_VERSION=1.0.1',
        'Exported TESTS_PASSED=2',
      ]),
    );
    expect(logger.infos.at(-1)).toMatch(
      /^Local build #1 succeeded in \d+s: 2 tests passed \(embedded demo buildspec\)$/,
    );
    expect(readFileSync(summary, 'utf8')).toContain('Local build of embedded demo buildspec');
    // The demo writes into its own directory, never into the one it was started from.
    expect(readdirSync(cwd)).toEqual(['summary.md']);
  });

  it('runs buildspec.yml of the current directory and exits 1 with the failing command when it fails', async () => {
    const cwd = temporaryDirectory();
    writeFileSync(
      join(cwd, 'buildspec.yml'),
      'version: 0.2\nphases:\n  build:\n    commands:\n      - echo testing\n      - exit 2\n',
    );
    const { context: ctx, logger } = context(cwd);
    expect(await runLocalCommand(ctx)).toBe(1);
    expect(logger.outputLines).toEqual(['testing']);
    // The verdict of a failed build is an error (an ::error:: annotation inside Actions).
    expect(logger.errors).toHaveLength(1);
    expect(logger.errors[0]).toMatch(
      /^Local build #1 failed in BUILD after \d+s: exit 2 \(exit status 2\) \(buildspec\.yml\)$/,
    );
  });
});
