/**
 * run-build as a GitHub Action: the runner's inputs and environment become settings and ports
 * for the core. `run()` is what the entry calls, and what @github/local-action runs locally.
 */
import { runAction } from '../action-runtime.js';
import { codeBuildClients } from '../../aws/codebuild-clients.js';
import { RUN_BUILD_OPTIONS } from '../../codebuild/run-build-options.js';
import { readRunBuildInputs } from '../../codebuild/run-build-inputs.js';
import { runBuild } from '../../codebuild/run-build.js';
import { gitHubPublishers } from '../../github/publishers.js';
import { noReporter } from '../../status/commit-status.js';
import { fullSha, gitHubReporter } from '../../status/reporters.js';
import { systemClock } from '../../util/clock.js';
import type { OptionReader } from '../../util/options.js';
import { maskEnvironmentSecrets } from '../../util/secrets.js';

/** The Action's inputs: run-build's options, and the token from its github-token input. */
export function readRunBuildActionInputs(options: OptionReader, env: NodeJS.ProcessEnv) {
  return readRunBuildInputs(options, env, options.string('github-token'));
}

export async function run(): Promise<void> {
  await runAction(
    RUN_BUILD_OPTIONS,
    async ({ options, logger, env, signal, outputs, appendSummary, fail }) => {
      maskEnvironmentSecrets(env, logger);
      const { settings, statusTarget } = readRunBuildActionInputs(options, env);
      const ports = {
        ...codeBuildClients(settings.region),
        clock: systemClock,
        logger,
        reporter:
          (settings.commitStatus && gitHubReporter(statusTarget, env, logger)) || noReporter,
        publishers: gitHubPublishers({
          prComment: settings.prComment,
          checkRun: settings.checkRun,
          token: statusTarget.token,
          repository: statusTarget.repository,
          sha: fullSha(statusTarget.candidates),
          buildspecOverride: settings.buildspecOverride,
          env,
          logger,
        }),
        setOutput: outputs.set,
        writeSummary: appendSummary,
        signal,
      };
      const result = settings.batch
        ? await (await import('../../codebuild/run-batch.js')).runBatch(settings, ports)
        : await runBuild(settings, ports);
      if (!result.succeeded && settings.failOnBuildFailure) fail(result.message);
    },
  );
}
