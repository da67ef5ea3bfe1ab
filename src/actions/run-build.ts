/** GitHub Action entry of run-build (root action.yml and actions/run-build). */
import { runAction } from './action-runtime.js';
import { readRunBuildInputs } from './run-build-inputs.js';
import { codeBuildPorts } from '../aws/codebuild-ports.js';
import { RUN_BUILD_OPTIONS } from '../codebuild/run-build-options.js';
import { runBuild } from '../codebuild/run-build.js';
import { gitHubReporter, noReporter } from '../status/reporters.js';
import { systemClock } from '../util/clock.js';
import { maskEnvironmentSecrets } from '../util/secrets.js';

await runAction(
  RUN_BUILD_OPTIONS,
  async ({ options, logger, env, signal, outputs, appendSummary, fail }) => {
    maskEnvironmentSecrets(env, logger);
    const { settings, statusTarget } = readRunBuildInputs(options, env);
    const result = await runBuild(settings, {
      ...codeBuildPorts(settings.region),
      clock: systemClock,
      logger,
      reporter: (settings.commitStatus && gitHubReporter(statusTarget, env, logger)) || noReporter,
      setOutput: outputs.set,
      writeSummary: appendSummary,
      signal,
    });
    if (!result.succeeded && settings.failOnBuildFailure) fail(result.message);
  },
);
