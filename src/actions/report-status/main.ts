/**
 * report-status as a GitHub Action: mirror a build that something else started to its commit.
 * `run()` is what the entry calls, and what @github/local-action runs locally.
 */
import { runAction } from '../action-runtime.js';
import { codeBuildClients } from '../../aws/codebuild-clients.js';
import { REPORT_STATUS_OPTIONS } from '../../codebuild/report-status-options.js';
import { parseReportStatusSettings } from '../../codebuild/report-status-settings.js';
import { reportStatus } from '../../codebuild/report-status.js';
import { gitHubRun } from '../../github/event.js';
import { noReporter } from '../../status/commit-status.js';
import { gitHubReporter } from '../../status/reporters.js';
import { systemClock } from '../../util/clock.js';
import type { OptionReader } from '../../util/options.js';
import { maskEnvironmentSecrets } from '../../util/secrets.js';

/** The Action's inputs: report-status's options, and the token from its github-token input. */
export function readReportStatusActionInputs(options: OptionReader, env: NodeJS.ProcessEnv) {
  return {
    settings: parseReportStatusSettings(options, env, gitHubRun(env).commit),
    token: options.string('github-token'),
  };
}

export async function run(): Promise<void> {
  await runAction(
    REPORT_STATUS_OPTIONS,
    async ({ options, logger, env, signal, outputs, appendSummary, fail }) => {
      maskEnvironmentSecrets(env, logger);
      const { settings, token } = readReportStatusActionInputs(options, env);
      const result = await reportStatus(settings, {
        ...codeBuildClients(settings.region),
        clock: systemClock,
        logger,
        reporterFor: (commit) =>
          gitHubReporter(
            { token, repository: env.GITHUB_REPOSITORY, candidates: [commit] },
            env,
            logger,
          ) ?? noReporter,
        setOutput: outputs.set,
        writeSummary: appendSummary,
        signal,
      });
      if (!result.succeeded && settings.failOnBuildFailure) fail(result.message);
    },
  );
}
