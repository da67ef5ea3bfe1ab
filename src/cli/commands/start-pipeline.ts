/**
 * `buildbridge start-pipeline`: start a CodePipeline execution from any shell, follow exactly
 * that execution and mirror its stages to the commit on GitHub or Bitbucket.
 */
import type { CliCommand } from '../command.js';
import { appendStepOutput, appendStepSummary } from '../github-step.js';
import { cliReporter, cliStatusTarget } from '../status-reporter.js';
import { createCodePipelineClient } from '../../aws/codepipeline-client.js';
import { START_PIPELINE_OPTIONS } from '../../codepipeline/pipeline-options.js';
import { parseStartPipelineSettings } from '../../codepipeline/start-pipeline-settings.js';
import { startPipeline } from '../../codepipeline/start-pipeline.js';
import { noReporter } from '../../status/commit-status.js';
import { systemClock } from '../../util/clock.js';
import { maskEnvironmentSecrets } from '../../util/secrets.js';

export const startPipelineCommand: CliCommand = {
  name: 'start-pipeline',
  summary:
    'Start a CodePipeline execution (pinned to the commit under test with --source-action), follow exactly that execution, and post a status per stage to the commit. Exit 1 when it ends without succeeding.',
  usage: ['--pipeline-name <name> [--source-action <name>] [options]'],
  options: START_PIPELINE_OPTIONS,
  usesAws: true,
  async run(context) {
    const { options, env, signal, logger } = context;
    maskEnvironmentSecrets(env, logger);
    const target = cliStatusTarget(context);
    const settings = parseStartPipelineSettings(options, env, target.runCommit);
    const reporter =
      (settings.commitStatus && cliReporter(target, [settings.commit], context)) || noReporter;
    const result = await startPipeline(settings, {
      codepipeline: createCodePipelineClient(settings.region),
      clock: systemClock,
      logger,
      reporter,
      setOutput: (name, value) => appendStepOutput(env, name, value),
      writeSummary: (markdown) => appendStepSummary(env, logger.redact(markdown)),
      signal,
    });
    return result.succeeded || !settings.failOnPipelineFailure ? 0 : 1;
  },
};
