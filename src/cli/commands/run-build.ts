/** `buildbridge run-build`: start a CodeBuild build from any shell and follow it to the end. */
import type { CliCommand } from '../command.js';
import { StatusLine } from '../status-line.js';
import { appendStepOutput, appendStepSummary } from '../github-step.js';
import { codeBuildPorts } from '../../aws/codebuild-ports.js';
import { LOCAL_BUILD_OPTIONS } from '../../buildspec/local/local-options.js';
import { runLocalCommand } from '../../buildspec/local/local-command.js';
import { RUN_BUILD_OPTIONS } from '../../codebuild/run-build-options.js';
import { runBuild } from '../../codebuild/run-build.js';
import { parseRunBuildSettings } from '../../codebuild/run-build-settings.js';
import { gitHubReporter, noReporter } from '../../status/reporters.js';
import { ConsoleLogger } from '../../util/console-logger.js';
import { systemClock } from '../../util/clock.js';
import { maskEnvironmentSecrets } from '../../util/secrets.js';

export const runBuildCommand: CliCommand = {
  name: 'run-build',
  summary:
    'Start a CodeBuild build, stream its log, report its status, exit 0 when it succeeds (--local: run a buildspec on this machine).',
  options: [...RUN_BUILD_OPTIONS, ...LOCAL_BUILD_OPTIONS],
  async run(context) {
    if (context.options.boolean('local')) return runLocalCommand(context);
    const { options, env, signal, interactive, stdout } = context;
    const statusLine = interactive ? new StatusLine(stdout) : undefined;
    const logger = new ConsoleLogger({
      beforeWrite: () => statusLine?.clear(),
      debug: env.BUILDBRIDGE_DEBUG === 'true',
    });
    maskEnvironmentSecrets(env, logger);
    const settings = parseRunBuildSettings(options, {
      env,
      eventCommit: env.GITHUB_SHA,
      untrustedFork: undefined,
    });
    const target = {
      token: env.GITHUB_TOKEN,
      repository: env.GITHUB_REPOSITORY,
      candidates: [settings.sourceVersion, env.GITHUB_SHA],
    };
    statusLine?.start();
    try {
      const result = await runBuild(settings, {
        ...codeBuildPorts(settings.region),
        clock: systemClock,
        logger,
        reporter: (settings.commitStatus && gitHubReporter(target, env, logger)) || noReporter,
        setOutput: (name, value) => appendStepOutput(env, name, value),
        writeSummary: (markdown) => appendStepSummary(env, markdown),
        signal,
        onEvent: (event) => statusLine?.update(event),
      });
      return result.succeeded || !settings.failOnBuildFailure ? 0 : 1;
    } finally {
      statusLine?.stop();
    }
  },
};
