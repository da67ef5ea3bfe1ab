/**
 * Where the CLI's commit statuses go (--status-host, else what the environment says) and the
 * reporter for a commit, the same for every command that posts statuses.
 */
import type { CliContext } from './command.js';
import { gitHubRun } from '../github/event.js';
import { COMMIT_ID, FULL_SHA } from '../util/commit-ids.js';
import type { StatusReporter } from '../status/commit-status.js';
import { gitHubReporter } from '../status/reporters.js';
import {
  STATUS_HOSTS,
  bitbucketReporter,
  bitbucketRun,
  chooseStatusHost,
  parseBitbucketRepository,
  type StatusHost,
} from '../status/status-host.js';

export interface CliStatusTarget {
  readonly host: StatusHost;
  /** --bitbucket-repository, checked. */
  readonly bitbucketRepository: string | undefined;
  /** The commit the run is about: BITBUCKET_COMMIT in Pipelines, else the GitHub event's. */
  readonly runCommit: string | undefined;
}

export function cliStatusTarget({ options, env, logger }: CliContext): CliStatusTarget {
  const given = options.oneOf('status-host', STATUS_HOSTS);
  const host = chooseStatusHost(given, env);
  if (given === 'github' && (!env.GITHUB_TOKEN?.trim() || !env.GITHUB_REPOSITORY?.trim())) {
    logger.warn(
      '--status-host github needs GITHUB_TOKEN (with statuses: write) and GITHUB_REPOSITORY (owner/repo); skipping commit statuses.',
    );
  }
  return {
    host,
    bitbucketRepository: parseBitbucketRepository(
      options.string('bitbucket-repository'),
      options.describe('bitbucket-repository'),
    ),
    runCommit:
      host === 'github'
        ? gitHubRun(env).commit
        : (bitbucketRun(env)?.commit ?? (env.BITBUCKET_COMMIT?.trim() || gitHubRun(env).commit)),
  };
}

/** The first full sha of `commits`, else the first short one. */
export function commitOf(commits: readonly (string | undefined)[]): string | undefined {
  const is = (pattern: RegExp) => (commit: string | undefined) =>
    commit !== undefined && pattern.test(commit);
  return commits.find(is(FULL_SHA)) ?? commits.find(is(COMMIT_ID));
}

/** The reporter for the first full sha of `commits` (Bitbucket: else the first short one). */
export function cliReporter(
  target: CliStatusTarget,
  commits: readonly (string | undefined)[],
  { env, logger }: CliContext,
): StatusReporter | undefined {
  switch (target.host) {
    case 'github':
      return gitHubReporter(
        { token: env.GITHUB_TOKEN, repository: env.GITHUB_REPOSITORY, candidates: commits },
        env,
        logger,
      );
    case 'bitbucket':
      return bitbucketReporter(
        {
          repository: target.bitbucketRepository,
          sourceVersion: commitOf(commits),
        },
        env,
        logger,
      );
    case 'none':
      return undefined;
  }
}
