/**
 * Chooses where statuses go from what the run provides (a token, a repository, a commit). The
 * host's client is loaded with the first status (DeferredReporter), after the build started.
 */
import { DeferredReporter, type StatusReporter } from './commit-status.js';
import { isFullSha } from '../util/commit-ids.js';
import { errorMessage } from '../util/errors.js';
import type { Logger } from '../util/logger.js';

export interface GitHubTarget {
  readonly token: string | undefined;
  /** owner/repo, from GITHUB_REPOSITORY. */
  readonly repository: string | undefined;
  /** The build's source version if it is a full sha, else the event's commit. */
  readonly candidates: readonly (string | undefined)[];
}

/** The first full commit sha of the candidates. */
export function fullSha(candidates: readonly (string | undefined)[]): string | undefined {
  return candidates.find(isFullSha);
}

export function gitHubReporter(
  target: GitHubTarget,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): StatusReporter | undefined {
  const sha = fullSha(target.candidates);
  const [owner, repo] = (target.repository ?? '').split('/');
  const token = target.token;
  if (!token || !owner || !repo) return undefined;
  if (!sha) {
    logger.warn(
      'No full commit sha to post the commit status to (source-version is a branch or tag and GITHUB_SHA is not set); skipping commit statuses.',
    );
    return undefined;
  }
  logger.mask(token);
  return new DeferredReporter(
    'GitHub commit status',
    async () => {
      const [{ GitHubCommitStatusReporter }, { createGitHubClient, gitHubApiUrl }] =
        await Promise.all([import('./github-commit-status.js'), import('../github/octokit.js')]);
      return new GitHubCommitStatusReporter(
        createGitHubClient(token, env, logger),
        { owner, repo, sha },
        gitHubApiUrl(env),
        logger,
      );
    },
    (error) => logger.warn(`Could not post commit statuses to GitHub: ${errorMessage(error)}`),
  );
}
