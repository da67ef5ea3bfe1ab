/**
 * start-pipeline as a GitHub Action: start a CodePipeline execution for the commit under test,
 * follow exactly that execution and mirror its stages to the commit. `run()` is what the entry
 * calls, and what @github/local-action runs locally.
 */
import { runAction } from '../action-runtime.js';
import { createCodePipelineClient } from '../../aws/codepipeline-client.js';
import { START_PIPELINE_OPTIONS } from '../../codepipeline/pipeline-options.js';
import { parseStartPipelineSettings } from '../../codepipeline/start-pipeline-settings.js';
import { startPipeline } from '../../codepipeline/start-pipeline.js';
import { gitHubRun } from '../../github/event.js';
import { noReporter } from '../../status/commit-status.js';
import { gitHubReporter } from '../../status/reporters.js';
import { systemClock } from '../../util/clock.js';
import type { OptionReader } from '../../util/options.js';
import { maskEnvironmentSecrets } from '../../util/secrets.js';

/** The Action's inputs: start-pipeline's options, and the token from its github-token input. */
export function readStartPipelineActionInputs(options: OptionReader, env: NodeJS.ProcessEnv) {
  return {
    settings: parseStartPipelineSettings(options, env, gitHubRun(env).commit),
    token: options.string('github-token'),
  };
}

export async function run(): Promise<void> {
  await runAction(
    START_PIPELINE_OPTIONS,
    async ({ options, logger, env, signal, outputs, appendSummary, fail }) => {
      maskEnvironmentSecrets(env, logger);
      const { settings, token } = readStartPipelineActionInputs(options, env);
      const reporter =
        (settings.commitStatus &&
          gitHubReporter(
            { token, repository: env.GITHUB_REPOSITORY, candidates: [settings.commit] },
            env,
            logger,
          )) ||
        noReporter;
      const result = await startPipeline(settings, {
        codepipeline: createCodePipelineClient(settings.region),
        clock: systemClock,
        logger,
        reporter,
        setOutput: outputs.set,
        writeSummary: appendSummary,
        signal,
      });
      if (!result.succeeded && settings.failOnPipelineFailure) fail(result.message);
    },
  );
}
