/**
 * report-status's core: mirror a build that something else started (CodePipeline, a webhook,
 * the console, a schedule) to the commit it built — its current status at once, and with wait
 * its final one — with the same outputs and summary as run-build. It never stops the build.
 */
import type { Build } from '@aws-sdk/client-codebuild';
import { buildLabel, describeBuild, isFinal } from './build-outcome.js';
import { findBuild } from './find-build.js';
import { followBuild, type FollowBuildPorts, type FollowResult } from './follow-build.js';
import { consoleUrl } from './links.js';
import type { ReportStatusSettings } from './report-status-settings.js';
import { StatusPoller } from './status-poller.js';
import { noReporter, type StatusReporter } from '../status/commit-status.js';
import { isFullSha } from '../util/commit-ids.js';
import { UserError } from '../util/errors.js';

export interface ReportStatusPorts extends Omit<FollowBuildPorts, 'reporter'> {
  /** The reporter for the build's commit (a full sha), made once that commit is known. */
  readonly reporterFor: (commit: string) => StatusReporter;
  /** False when statuses go nowhere (--status-host none): the commit is then not needed. */
  readonly postsStatuses?: boolean;
}

export async function reportStatus(
  settings: ReportStatusSettings,
  ports: ReportStatusPorts,
): Promise<FollowResult> {
  const { logger, clock } = ports;
  const found = await findBuild(ports, settings.query, settings.region, settings.pollIntervalMs);
  logger.info(
    `Found ${buildLabel(found.build)} of ${found.build.projectName ?? settings.query.projectName} (${found.build.id ?? ''}) ${found.how}${found.build.initiator ? `, started by ${found.build.initiator}` : ''}: ${describeBuild(found.build, clock.now())}. ${consoleUrl(found.build, settings.region)}`,
  );
  if (ports.postsStatuses === false) {
    return followBuild(
      found.build,
      { ...settings, commitStatus: false },
      {
        ...ports,
        reporter: noReporter,
      },
    );
  }
  const { build, commit, why } = await commitOfBuild(found.build, settings, ports);
  logger.info(`Posting its status to commit ${commit} (${why}).`);
  if (!settings.wait && !isFinal(build)) {
    logger.info(
      'Without wait the status stays as it is now until report-status runs again (wait: true follows the build to its end).',
    );
  }
  return followBuild(build, settings, { ...ports, reporter: ports.reporterFor(commit) });
}

interface BuildCommit {
  /** The build as last read: waiting for its commit reads it again. */
  readonly build: Build;
  readonly commit: string;
  readonly why: string;
}

/**
 * The commit the status belongs on: source-version when a full sha, else the one the build
 * checked out, else its source version when a full sha, else (when the build was looked up by
 * it) the commit searched for. A build that has not checked out its source yet is waited for
 * with wait; without, that is an error that says what to pass.
 */
async function commitOfBuild(
  initial: Build,
  settings: ReportStatusSettings,
  ports: ReportStatusPorts,
): Promise<BuildCommit> {
  let build = initial;
  let announced = false;
  for (;;) {
    const commit = chooseCommit(build, settings);
    if (commit) return { build, ...commit };
    const label = buildLabel(build);
    if (isFinal(build) || !settings.wait) {
      throw new UserError(
        isFinal(build)
          ? `${label} names no commit to post a status to (source version ${build.sourceVersion ?? 'none'}, resolved ${build.resolvedSourceVersion ?? 'none'}): give source-version as the full commit sha.`
          : `${label} has not checked out its source yet (${build.currentPhase ?? 'SUBMITTED'}), so its commit is unknown: give source-version as the full commit sha, or wait: true to post once the build knows it.`,
      );
    }
    if (!announced) {
      ports.logger.info(
        `${label} has not checked out its source yet (${build.currentPhase ?? 'SUBMITTED'}): waiting for its commit.`,
      );
      announced = true;
    }
    await ports.clock.sleep(settings.pollIntervalMs, ports.signal);
    if (ports.signal.aborted)
      throw new UserError(`Cancelled before ${label} checked out its source; no status posted.`);
    build = await readBuild(build, settings, ports);
  }
}

function chooseCommit(
  build: Build,
  settings: ReportStatusSettings,
): { commit: string; why: string } | undefined {
  const candidates: [string | undefined, string][] = [
    [settings.givenSourceVersion, 'source-version'],
    [build.resolvedSourceVersion, 'the commit the build checked out'],
    [build.sourceVersion, "the build's source version"],
    [
      settings.query.kind === 'commit' ? settings.query.sourceVersion : undefined,
      'the commit searched for',
    ],
  ];
  const hit = candidates.find(([commit]) => isFullSha(commit));
  return hit ? { commit: hit[0]!.toLowerCase(), why: hit[1] } : undefined;
}

async function readBuild(
  build: Build,
  settings: ReportStatusSettings,
  ports: ReportStatusPorts,
): Promise<Build> {
  const read = await new StatusPoller(ports.codebuild, settings.region).builds([build.id!]);
  // A throttled read is tried again on the next look.
  return (read.ok && read.items[0]) || build;
}
