/**
 * Mirrors one CodeBuild build event to its commit. The event only says that something changed:
 * what is posted is the build as BatchGetBuilds shows it now, with run-build's context, state,
 * description and console link. So a late or repeated IN_PROGRESS finds the build ended and
 * posts its final status again — never pending over a result — and a repeated final event posts
 * the same status. A build started from a branch or a pull request names its commit only once
 * its source is downloaded: its pending status waits for the DOWNLOAD_SOURCE phase change.
 *
 * AWS calls per build: one for IN_PROGRESS (or DOWNLOAD_SOURCE of a branch build), one for the
 * end (and one more when a pending post was slow: see below); a batch member's identifier costs one BatchGetBuildBatches per batch in a warm instance.
 * Builds of other projects, of sources on no code host, or on a host with no credentials
 * configured cost none.
 */
import { RetryLater } from './retry-later.js';
import type { Build } from '@aws-sdk/client-codebuild';
import { eventCommit, type BuildEvent } from './build-event.js';
import type { MirrorSettings } from './mirror-settings.js';
import { repositoryName, repositoryOf } from './source-repository.js';
import type { StatusPoster } from './status-poster.js';
import {
  buildLabel,
  commitState,
  describeBuild,
  isFinal,
  isFinalStatus,
} from '../codebuild/build-outcome.js';
import { consoleUrl } from '../codebuild/links.js';
import { redactStatus, type CommitStatus } from '../status/commit-status.js';
import type { Clock } from '../util/clock.js';
import { FULL_SHA, isFullSha } from '../util/commit-ids.js';
import type { Logger } from '../util/logger.js';

/** Reads a build now; undefined when CodeBuild does not know it. Throws explained errors. */
export interface BuildReader {
  get(region: string, buildId: string): Promise<Build | undefined>;
  /**
   * The identifier of a batch member (its build group's `identifier`, as the buildspec's
   * build-list or build-graph names it); undefined when the batch does not list the build.
   */
  batchIdentifier(region: string, batchArn: string, buildArn: string): Promise<string | undefined>;
}

/** A pending post that lands this long after the read is checked against a later read. */
export const RECHECK_AFTER_MS = 1_000;
/** Phases after which a build may end within a second. */
const LATE_PHASES = new Set(['FINALIZING', 'COMPLETED']);

/** The build group of a batch that only reads the batchspec: no member of the user's. */
const BATCHSPEC_GROUP = 'DOWNLOAD_SOURCE';

export interface MirrorPorts {
  readonly logger: Logger;
  readonly clock: Clock;
  readonly settings: MirrorSettings;
  readonly builds: BuildReader;
  readonly poster: StatusPoster;
}

export interface MirrorOutcome {
  readonly outcome: 'posted' | 'skipped' | 'refused';
  /** One line saying what was done and why, as logged. */
  readonly message: string;
}

/** CodeBuild has not caught up with its own event: worth retrying in a minute. */
export class BuildNotCaughtUp extends RetryLater {
  override readonly name = 'BuildNotCaughtUp';
}

export function buildStatusContext(region: string, projectName: string): string {
  return `AWS CodeBuild ${region} (${projectName})`;
}

/** The branch a source version names, for Bitbucket's refname: refs/heads/x or a bare name. */
export function branchOf(sourceVersion: string | undefined): string | undefined {
  if (!sourceVersion || FULL_SHA.test(sourceVersion) || /^pr\/\d+$/.test(sourceVersion))
    return undefined;
  const heads = /^refs\/heads\/(.+)$/.exec(sourceVersion);
  if (heads) return heads[1];
  return sourceVersion.startsWith('refs/') ? undefined : sourceVersion;
}

export async function mirrorBuildEvent(
  event: BuildEvent,
  ports: MirrorPorts,
): Promise<MirrorOutcome> {
  const { settings, logger } = ports;
  const label = `${event.projectName} build ${event.buildId.split(':').pop()?.slice(0, 8) ?? ''}`;
  const skip = (why: string): MirrorOutcome => ({
    outcome: 'skipped',
    message: `${label}: ${why}`,
  });

  if (!settings.projects.matches(event.projectName))
    return skip(`project not mirrored (PROJECTS is ${settings.projects.text})`);
  const where = repositoryOf(
    { type: event.sourceType, location: event.sourceLocation },
    settings.hosts,
  );
  if (!where.found) return skip(`${where.why}; nothing to post`);
  const repository = where.repository;
  const missing = ports.poster.missingCredentials(repository);
  if (missing)
    return skip(
      `no credentials for ${repository.host === 'github' ? 'GitHub' : 'Bitbucket'}, so nothing is posted to ${repositoryName(repository)}: set ${missing}`,
    );

  const known = eventCommit(event);
  if (event.trigger.type === 'phase') {
    if (event.trigger.completedPhase !== 'DOWNLOAD_SOURCE')
      return skip(
        `${event.trigger.completedPhase} completed; only DOWNLOAD_SOURCE's end is mirrored`,
      );
    if (known)
      return skip('the commit was known from the start; its pending status was posted then');
  } else if (event.trigger.status === 'IN_PROGRESS' && !known) {
    return skip(
      `started from ${event.sourceVersion ?? 'the default branch'}; its commit is known once the source is downloaded, and its pending status is posted then (DOWNLOAD_SOURCE phase change)`,
    );
  }

  const readAt = ports.clock.now();
  const build = await ports.builds.get(event.region, event.buildId);
  if (!build)
    return skip(
      `CodeBuild in ${event.region} has no build ${event.buildId} (deleted?); nothing to post`,
    );
  if (event.trigger.type === 'state' && isFinalStatus(event.trigger.status) && !isFinal(build))
    throw new BuildNotCaughtUp(
      `The event says ${event.buildId} ended ${event.trigger.status}, but BatchGetBuilds still shows ${build.buildStatus ?? 'no status'}; retrying later.`,
    );
  const commit =
    known ?? (isFullSha(build.resolvedSourceVersion) ? build.resolvedSourceVersion : undefined);
  if (!commit)
    return skip(
      `CodeBuild shows no resolved commit for ${buildLabel(build)} yet (source version ${event.sourceVersion ?? 'default branch'}); nothing to post`,
    );

  // A batch's members each have their own status, as run-build posts them (batch-report:
  // individual): "<context> / <identifier>", the description led by the identifier.
  let context = buildStatusContext(event.region, event.projectName);
  let identifier: string | undefined;
  if (build.buildBatchArn) {
    identifier = await ports.builds.batchIdentifier(
      event.region,
      build.buildBatchArn,
      build.arn ?? event.buildArn,
    );
    if (!identifier)
      return skip(
        `its batch ${build.buildBatchArn.split('/').pop() ?? ''} does not list it; nothing to post`,
      );
    if (identifier === BATCHSPEC_GROUP)
      return skip(
        "it only reads its batch's batchspec (the DOWNLOAD_SOURCE group); nothing to post",
      );
    context = `${context} / ${identifier}`;
  }
  const statusOf = (now: Build): CommitStatus =>
    redactStatus(
      {
        state: commitState(now),
        name: context,
        url: consoleUrl(now, event.region),
        description: `${identifier ? `${identifier}: ` : ''}${describeBuild(now, ports.clock.now())}`,
      },
      (text) => logger.redact(text),
    );
  const target = {
    repository,
    commit,
    branch: branchOf(build.sourceVersion ?? event.sourceVersion),
  };
  const status = statusOf(build);
  const result = await ports.poster.post(target, status);
  if (!result.posted)
    return { outcome: 'refused', message: `${label}: ${status.state} not posted: ${result.why}` };
  let message = `${label}: ${status.state} "${status.description}" → ${result.where}`;

  // The build may have ended, and another instance posted its result, between the read and
  // this pending post landing: then the pending status would have the last word. A build
  // ends only after FINALIZING, seconds after any earlier phase, so a quick post of an early
  // phase cannot be overtaken; a slow one (retries, a cold token) or a late phase is checked.
  if (
    status.state === 'pending' &&
    (ports.clock.now() - readAt >= RECHECK_AFTER_MS || LATE_PHASES.has(build.currentPhase ?? ''))
  ) {
    const now = await ports.builds.get(event.region, event.buildId);
    if (now && isFinal(now)) {
      const final = statusOf(now);
      const again = await ports.poster.post(target, final);
      message += again.posted
        ? `; it ended meanwhile: ${final.state} "${final.description}" posted after it`
        : `; it ended meanwhile, and its ${final.state} status was not posted: ${again.why}`;
    }
  }
  return { outcome: 'posted', message };
}
