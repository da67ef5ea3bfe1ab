/**
 * Finds the build report-status mirrors: one build by id (BatchGetBuilds), or the newest build
 * of a commit in a project — ListBuildsForProject pages (newest first, 100 ids each), each read
 * with one BatchGetBuilds, until a build of that commit turns up or the page budget is spent.
 */
import {
  BatchGetBuildsCommand,
  ListBuildsForProjectCommand,
  type Build,
  type CodeBuildClient,
} from '@aws-sdk/client-codebuild';
import { explainAwsError } from '../aws/aws-errors.js';
import { isFinal } from './build-outcome.js';
import { describeSearch, type BuildQuery, type CommitQuery } from './report-status-settings.js';
import type { Clock } from '../util/clock.js';
import { isFullSha } from '../util/commit-ids.js';
import { UserError } from '../util/errors.js';

const SHORT_SHA = /^[0-9a-f]{7,39}$/i;

export interface FoundBuild {
  readonly build: Build;
  /** What it took, e.g. "found in page 2 of ListBuildsForProject", for the log. */
  readonly how: string;
}

export interface FindPorts {
  readonly codebuild: CodeBuildClient;
  readonly clock: Clock;
  readonly signal: AbortSignal;
}

export async function findBuild(
  { codebuild, clock, signal }: FindPorts,
  query: BuildQuery,
  region: string,
  /** How often to look again while a build of the commit has not appeared yet. */
  pollIntervalMs: number,
): Promise<FoundBuild> {
  if (query.kind === 'id') {
    const [build] = await getBuilds(codebuild, [query.buildId], region, `build ${query.buildId}`);
    if (!build) {
      throw new UserError(
        `Build "${query.buildId}" does not exist in ${region} (BatchGetBuilds lists it in buildsNotFound). Check the build id, and the region (AWS_REGION, or the region in the build's ARN).`,
      );
    }
    return { build, how: 'by its id' };
  }
  const began = clock.now();
  const deadline = began + query.searchTimeoutMs;
  let firstMiss: NotFound | undefined;
  for (let round = 1; ; round++) {
    try {
      // A new build is the newest: after one full search, only the first page can hold it.
      return await findCommitBuild(codebuild, query, region, firstMiss ? 1 : query.maxPages);
    } catch (error) {
      if (!(error instanceof NotFound)) throw error;
      firstMiss ??= error;
      // A webhook's build starts seconds after the push: look again while there is time.
      if (clock.now() + pollIntervalMs > deadline) {
        throw new UserError(
          `${firstMiss.message}${round > 1 ? ` Looked ${round} times over ${Math.round((clock.now() - began) / 1000)}s (search-timeout).` : ''}`,
        );
      }
      await clock.sleep(pollIntervalMs, signal);
      if (signal.aborted)
        throw new UserError(`Cancelled while looking for a build of ${query.sourceVersion}.`);
    }
  }
}

/** No build of the commit in what was searched (a UserError once the search is over). */
class NotFound extends Error {}

async function findCommitBuild(
  codebuild: CodeBuildClient,
  query: CommitQuery,
  region: string,
  maxPages: number,
): Promise<FoundBuild> {
  const subject = `project "${query.projectName}"`;
  let nextToken: string | undefined;
  let looked = 0;
  let unresolved = 0;
  for (let page = 1; page <= maxPages; page++) {
    let ids: string[];
    try {
      // No sortOrder: the default is newest first, and CodeBuild refuses a sort order for a
      // project of more than 100 builds.
      const listed = await codebuild.send(
        new ListBuildsForProjectCommand({ projectName: query.projectName, nextToken }),
      );
      ids = listed.ids ?? [];
      nextToken = listed.nextToken;
    } catch (error) {
      throw explainAwsError(error, { action: 'codebuild:ListBuildsForProject', region, subject });
    }
    if (ids.length > 0) {
      const builds = await getBuilds(codebuild, ids, region, subject);
      looked += builds.length;
      unresolved += builds.filter(
        (build) => !build.resolvedSourceVersion && !isFinal(build),
      ).length;
      // BatchGetBuilds does not keep the order asked for; the newest is the highest number.
      const match = builds
        .filter((build) => builtCommit(build, query.sourceVersion))
        .sort((a, b) => (b.buildNumber ?? 0) - (a.buildNumber ?? 0))[0];
      if (match) return { build: match, how: `in page ${page} of ListBuildsForProject` };
    }
    if (!nextToken) {
      throw new NotFound(
        `No build of ${query.sourceVersion} in project "${query.projectName}" in ${region}: none of its ${looked} build${looked === 1 ? '' : 's'} built it.${pendingNote(unresolved)} Check the project name and the source version (a commit sha matches the commit a build checked out; anything else must equal the build's source version exactly, e.g. pr/7), or start a build with run-build.`,
      );
    }
  }
  throw new NotFound(
    `No build of ${query.sourceVersion} in ${describeSearch(query, region)}.${pendingNote(unresolved)} Check the project name and the source version, or search further back: ${query.searchFurther}.`,
  );
}

/** Builds that have not checked out their source yet may still turn out to be the one. */
function pendingNote(unresolved: number): string {
  if (unresolved === 0) return '';
  return ` ${unresolved} running build${unresolved === 1 ? ' has' : 's have'} not checked out ${unresolved === 1 ? 'its' : 'their'} source yet and may be it: search-timeout looks again while they start.`;
}

/** Whether the build built `version`: that commit (resolved or asked for) or that exact ref. */
export function builtCommit(build: Build, version: string): boolean {
  const resolved = build.resolvedSourceVersion?.toLowerCase();
  const wanted = version.toLowerCase();
  if (isFullSha(version)) {
    return resolved === wanted || build.sourceVersion?.toLowerCase() === wanted;
  }
  if (SHORT_SHA.test(version) && resolved?.startsWith(wanted)) return true;
  return build.sourceVersion === version;
}

async function getBuilds(
  codebuild: CodeBuildClient,
  ids: readonly string[],
  region: string,
  subject: string,
): Promise<Build[]> {
  try {
    const response = await codebuild.send(new BatchGetBuildsCommand({ ids: [...ids] }));
    return response.builds ?? [];
  } catch (error) {
    throw explainAwsError(error, { action: 'codebuild:BatchGetBuilds', region, subject });
  }
}
