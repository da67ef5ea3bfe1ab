/** Chooses where statuses go from what the run provides (a token, a repository, a commit). */
import { GitHubCommitStatusReporter } from './github-commit-status.js';
import type { StatusReporter } from './build-status.js';
import { createGitHubClient } from '../github/octokit.js';
import type { Logger } from '../util/logger.js';

export const noReporter: StatusReporter = { target: 'nowhere', report: async () => {} };

const FULL_SHA = /^[0-9a-f]{40}$/i;

export interface GitHubTarget {
  readonly token: string | undefined;
  /** owner/repo, from GITHUB_REPOSITORY. */
  readonly repository: string | undefined;
  /** The build's source version if it is a full sha, else the event's commit. */
  readonly candidates: readonly (string | undefined)[];
}

export function gitHubReporter(
  target: GitHubTarget,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): StatusReporter | undefined {
  const sha = target.candidates.find(
    (candidate): candidate is string => !!candidate && FULL_SHA.test(candidate),
  );
  const [owner, repo] = (target.repository ?? '').split('/');
  if (!target.token || !owner || !repo) return undefined;
  if (!sha) {
    logger.warn(
      'No full commit sha to post the commit status to (source-version is a branch or tag and GITHUB_SHA is not set); skipping commit statuses.',
    );
    return undefined;
  }
  logger.mask(target.token);
  return new GitHubCommitStatusReporter(
    createGitHubClient(target.token, env, logger),
    { owner, repo, sha },
    logger,
  );
}
