/**
 * approve as a GitHub Action: answer the manual approval of one pipeline execution, e.g. in a
 * job whose environment has required reviewers. `run()` is what the entry calls, and what
 * @github/local-action runs locally.
 */
import { runAction } from '../action-runtime.js';
import { createCodePipelineClient } from '../../aws/codepipeline-client.js';
import { approve } from '../../codepipeline/approve.js';
import { parseApproveSettings } from '../../codepipeline/approve-settings.js';
import { APPROVE_OPTIONS } from '../../codepipeline/pipeline-options.js';
import { gitHubRun } from '../../github/event.js';
import { systemClock } from '../../util/clock.js';
import type { OptionReader } from '../../util/options.js';
import { maskEnvironmentSecrets } from '../../util/secrets.js';

/** The Action's inputs: approve's options, with the event's commit as the default revision. */
export function readApproveActionInputs(options: OptionReader, env: NodeJS.ProcessEnv) {
  return { settings: parseApproveSettings(options, env, gitHubRun(env).commit) };
}

export async function run(): Promise<void> {
  await runAction(
    APPROVE_OPTIONS,
    async ({ options, logger, env, signal, outputs, appendSummary }) => {
      maskEnvironmentSecrets(env, logger);
      const { settings } = readApproveActionInputs(options, env);
      await approve(settings, {
        codepipeline: createCodePipelineClient(settings.region),
        clock: systemClock,
        logger,
        setOutput: outputs.set,
        writeSummary: appendSummary,
        signal,
      });
    },
  );
}
