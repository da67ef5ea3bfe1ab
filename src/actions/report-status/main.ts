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
import { maskEnvironmentSecrets } from '../../util/secrets.js';

export async function run(): Promise<void> {
  await runAction(
    REPORT_STATUS_OPTIONS,
    async ({ options, logger, env, signal, outputs, appendSummary, fail }) => {
      maskEnvironmentSecrets(env, logger);
      const settings = parseReportStatusSettings(options, env, gitHubRun(env).commit);
      const token = options.string('github-token');
      const result = await reportStatus(settings, {
        ...codeBuildClients(settings.region),
        clock: systemClock,
        logger,
        reporterFor: (candidates) =>
          gitHubReporter({ token, repository: env.GITHUB_REPOSITORY, candidates }, env, logger) ??
          noReporter,
        setOutput: outputs.set,
        writeSummary: appendSummary,
        signal,
      });
      if (!result.succeeded && settings.failOnBuildFailure) fail(result.message);
    },
  );
}
