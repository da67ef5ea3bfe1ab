/**
 * report-status's core: mirror a build that something else started (CodePipeline, a webhook,
 * the console, a schedule) to the commit it built — its current status at once, and with wait
 * its final one — with the same outputs and summary as run-build. It never stops the build.
 */
import { buildLabel, describeBuild } from './build-outcome.js';
import { findBuild } from './find-build.js';
import { followBuild, type FollowBuildPorts, type FollowResult } from './follow-build.js';
import { consoleUrl } from './links.js';
import type { ReportStatusSettings } from './report-status-settings.js';
import type { StatusReporter } from '../status/commit-status.js';

export interface ReportStatusPorts extends Omit<FollowBuildPorts, 'reporter'> {
  /**
   * The reporter for the build's commit, made once the build is known: the candidates are, in
   * order, source-version as given, the commit the build checked out, the build's source
   * version and the run's commit; the first full sha is the commit.
   */
  readonly reporterFor: (commits: readonly (string | undefined)[]) => StatusReporter;
}

export async function reportStatus(
  settings: ReportStatusSettings,
  ports: ReportStatusPorts,
): Promise<FollowResult> {
  const { logger, clock } = ports;
  const { build, how } = await findBuild(
    ports,
    settings.query,
    settings.region,
    settings.pollIntervalMs,
  );
  logger.info(
    `Found ${buildLabel(build)} of ${build.projectName ?? settings.query.projectName} (${build.id ?? ''}) ${how}${build.initiator ? `, started by ${build.initiator}` : ''}: ${describeBuild(build, clock.now())}. ${consoleUrl(build, settings.region)}`,
  );
  const reporter = ports.reporterFor([
    settings.givenSourceVersion,
    build.resolvedSourceVersion,
    build.sourceVersion,
    settings.runCommit,
  ]);
  return followBuild(build, settings, { ...ports, reporter });
}
