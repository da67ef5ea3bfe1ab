/**
 * `buildbridge approve`: answer the manual approval of one CodePipeline execution, e.g. from a
 * Bitbucket step with `trigger: manual`. Exit 0 once answered.
 */
import type { CliCommand } from '../command.js';
import { appendStepOutput, appendStepSummary } from '../github-step.js';
import { createCodePipelineClient } from '../../aws/codepipeline-client.js';
import { approve } from '../../codepipeline/approve.js';
import { parseApproveSettings } from '../../codepipeline/approve-settings.js';
import { APPROVE_OPTIONS } from '../../codepipeline/pipeline-options.js';
import { gitHubRun } from '../../github/event.js';
import { systemClock } from '../../util/clock.js';
import { maskEnvironmentSecrets } from '../../util/secrets.js';

export const approveCommand: CliCommand = {
  name: 'approve',
  summary:
    'Approve or reject the manual approval of one pipeline execution (by id, or by its commit), never one that belongs to another execution. Exit 0 once answered.',
  usage: [
    '--pipeline-name <name> --execution-id <id> --decision approve|reject [options]',
    '--pipeline-name <name> [--source-revision <sha>] --decision approve|reject [options]',
  ],
  options: APPROVE_OPTIONS,
  usesAws: true,
  async run(context) {
    const { options, env, signal, logger } = context;
    maskEnvironmentSecrets(env, logger);
    const runCommit = env.BITBUCKET_COMMIT?.trim() || gitHubRun(env).commit;
    const settings = parseApproveSettings(options, env, runCommit);
    await approve(settings, {
      codepipeline: createCodePipelineClient(settings.region),
      clock: systemClock,
      logger,
      setOutput: (name, value) => appendStepOutput(env, name, value),
      writeSummary: (markdown) => appendStepSummary(env, logger.redact(markdown)),
      signal,
    });
    return 0;
  },
};
