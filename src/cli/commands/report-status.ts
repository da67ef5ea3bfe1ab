/**
 * `buildbridge report-status`: mirror the status of a build that something else started
 * (CodePipeline, a webhook, the console) to its commit on GitHub or Bitbucket; with --wait,
 * follow it to its end first.
 */
import type { CliCommand } from '../command.js';
import { appendStepOutput, appendStepSummary } from '../github-step.js';
import { cliReporter, cliStatusTarget } from '../status-reporter.js';
import { codeBuildClients } from '../../aws/codebuild-clients.js';
import { REPORT_STATUS_OPTIONS } from '../../codebuild/report-status-options.js';
import { parseReportStatusSettings } from '../../codebuild/report-status-settings.js';
import { reportStatus } from '../../codebuild/report-status.js';
import { noReporter } from '../../status/commit-status.js';
import { systemClock } from '../../util/clock.js';
import { maskEnvironmentSecrets } from '../../util/secrets.js';

export const reportStatusCommand: CliCommand = {
  name: 'report-status',
  summary:
    'Post the status of a build something else started (CodePipeline, a webhook, the console) to its commit, by build id or by project and commit; with --wait, follow it to the end. Exit 1 when it has ended without succeeding.',
  usage: [
    '--build-id <project:uuid> [options]',
    '--project-name <name> [--source-version <sha>] [options]',
  ],
  options: REPORT_STATUS_OPTIONS,
  usesAws: true,
  async run(context) {
    const { options, env, signal, statusLine, logger } = context;
    maskEnvironmentSecrets(env, logger);
    const target = cliStatusTarget(context);
    const settings = parseReportStatusSettings(options, env, target.runCommit);
    statusLine?.start();
    try {
      const result = await reportStatus(settings, {
        ...codeBuildClients(settings.region),
        clock: systemClock,
        logger,
        reporterFor: (commit) => cliReporter(target, [commit], context) ?? noReporter,
        postsStatuses: target.host !== 'none',
        setOutput: (name, value) => appendStepOutput(env, name, value),
        writeSummary: (markdown) => appendStepSummary(env, logger.redact(markdown)),
        signal,
        onEvent: (event) => statusLine?.update(event),
      });
      return result.succeeded || !settings.failOnBuildFailure ? 0 : 1;
    } finally {
      statusLine?.stop();
    }
  },
};
