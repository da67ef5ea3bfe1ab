/**
 * report-status's settings, parsed and validated once from Action inputs or CLI flags: which
 * build to report (by id, or the newest of a commit in a project), where, and how.
 */
import { BUILDS_PER_PAGE } from './report-status-options.js';
import { checkedRegion, configuredRegion } from '../aws/region.js';
import type { FollowSettings } from './follow-build.js';
import { UsageError, UserError } from '../util/errors.js';
import type { OptionReader } from '../util/options.js';

export interface IdQuery {
  readonly kind: 'id';
  readonly buildId: string;
  readonly projectName: string;
}

export interface CommitQuery {
  readonly kind: 'commit';
  readonly projectName: string;
  readonly sourceVersion: string;
  readonly maxPages: number;
  /** How long to keep looking when no build of the commit is there yet. */
  readonly searchTimeoutMs: number;
  /** How to search more pages, in the front end's words. */
  readonly searchFurther: string;
}

export type BuildQuery = IdQuery | CommitQuery;

export interface ReportStatusSettings extends FollowSettings {
  readonly query: BuildQuery;
  /** source-version as given: where the status goes when it is a full sha. */
  readonly givenSourceVersion: string | undefined;
  /** The commit the run is about, where the status goes when the build names no full sha. */
  readonly runCommit: string | undefined;
  readonly failOnBuildFailure: boolean;
}

const PROJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9\-_]{1,254}$/;
/** arn:<partition>:codebuild:<region>:<account>:build/<project>:<uuid> */
const BUILD_ARN = /^arn:aws[a-z-]*:codebuild:([a-z0-9-]+):\d{12}:build\/(.+)$/;
const BUILD_ID = /^([A-Za-z0-9][A-Za-z0-9\-_]{1,254}):([0-9A-Za-z-]{1,64})$/;

export function parseReportStatusSettings(
  options: OptionReader,
  env: NodeJS.ProcessEnv,
  /** The commit the run is about: the GitHub event's, or BITBUCKET_COMMIT. */
  runCommit: string | undefined,
): ReportStatusSettings {
  const buildId = options.string('build-id');
  const projectName = options.string('project-name');
  const given = options.string('source-version');
  const sourceVersion = given ?? runCommit;
  if (buildId !== undefined && projectName !== undefined) {
    throw new UsageError(
      `Give ${options.describe('build-id')} or ${options.describe('project-name')}, not both: build-id names one build; project-name (with source-version) finds the newest build of a commit.`,
    );
  }
  let query: BuildQuery;
  let arnRegion: string | undefined;
  if (buildId !== undefined) {
    const parsed = parseBuildId(buildId, options.describe('build-id'));
    arnRegion = parsed.region;
    query = { kind: 'id', buildId: parsed.id, projectName: parsed.projectName };
  } else if (projectName !== undefined) {
    if (!PROJECT_NAME.test(projectName)) {
      throw new UserError(
        `${options.describe('project-name')} "${projectName}" is not a CodeBuild project name (2-255 letters, digits, - and _, starting with a letter or digit).`,
      );
    }
    if (sourceVersion === undefined) {
      throw new UserError(
        `${options.describe('project-name')} needs a commit to look for: give ${options.describe('source-version')} (outside GitHub Actions and Bitbucket Pipelines there is no commit to default to).`,
      );
    }
    const raw = options.string('search-pages') ?? '5';
    const pages = Number(raw);
    if (!/^\d+$/.test(raw) || pages < 1 || pages > 100) {
      throw new UserError(
        `${options.describe('search-pages')} must be a whole number from 1 to 100 (pages of ${BUILDS_PER_PAGE} builds), got "${raw}".`,
      );
    }
    query = {
      kind: 'commit',
      projectName,
      sourceVersion,
      maxPages: pages,
      searchTimeoutMs: Math.round((options.number('search-timeout', 0, 3600) ?? 0) * 1000),
      searchFurther: `raise ${options.describe('search-pages')} (now ${pages})`,
    };
  } else {
    throw new UsageError(
      `Which build? Give ${options.describe('build-id')} (e.g. my-project:0b5a…, from CodePipeline or the console), or ${options.describe('project-name')} to report the newest build of ${given ? 'source-version' : 'the commit under test'} in that project.`,
    );
  }
  const flagRegion = options.names().includes('region') ? options.string('region') : undefined;
  if (arnRegion && flagRegion && flagRegion !== arnRegion) {
    throw new UserError(
      `${options.describe('region')} is ${flagRegion} but the build's ARN names ${arnRegion}, where the build lives: drop ${options.describe('region')}, or give the build's id without its ARN.`,
    );
  }
  const region = checkedRegion(arnRegion ?? configuredRegion(options, env));
  const pollSeconds = options.number('poll-interval', 0.1, 300) ?? 5;
  return {
    query,
    region,
    givenSourceVersion: given,
    runCommit,
    statusContext:
      options.string('status-context') ?? `AWS CodeBuild ${region} (${query.projectName})`,
    commitStatus: true,
    wait: options.boolean('wait'),
    logs: options.boolean('logs'),
    pollIntervalMs: Math.round(pollSeconds * 1000),
    stopOnCancel: false,
    leftRunningBecause: '(report-status follows builds, it never stops them)',
    failOnBuildFailure: options.boolean('fail-on-build-failure'),
  };
}

interface ParsedBuildId {
  readonly id: string;
  readonly projectName: string;
  readonly region: string | undefined;
}

/** `project:uuid`, or the build's ARN (whose region wins: the build lives there). */
export function parseBuildId(value: string, label: string): ParsedBuildId {
  const arn = BUILD_ARN.exec(value);
  const id = arn ? arn[2]! : value;
  const match = BUILD_ID.exec(id);
  if (!match) {
    throw new UserError(
      `${label} "${value}" is not a CodeBuild build id: expected project-name:build-uuid (e.g. my-project:0b5a8f5e-…, as the console, CodePipeline and run-build's build-id output show it) or its ARN arn:aws:codebuild:<region>:<account>:build/project-name:build-uuid.`,
    );
  }
  return { id, projectName: match[1]!, region: arn?.[1] };
}

/** What the search looked at, for "not found" messages. */
export function describeSearch(query: CommitQuery, region: string): string {
  return `the newest ${query.maxPages * BUILDS_PER_PAGE} builds (${query.maxPages} page${query.maxPages === 1 ? '' : 's'} of ListBuildsForProject) of project "${query.projectName}" in ${region}`;
}
