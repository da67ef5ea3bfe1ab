/**
 * Reports a commit status to GitHub (POST /repos/{owner}/{repo}/statuses/{sha}). GitHub has no
 * "stopped" state, so a stopped build is an error; descriptions are cut to GitHub's 140
 * characters. 403 (fork PR, read-only token), other answers and an unreachable host are
 * warnings that name what to do; none changes the build's result.
 */
import { clip, type CommitState, type CommitStatus, type StatusReporter } from './commit-status.js';
import type { GitHubClient } from '../github/octokit.js';
import { REQUEST_TIMEOUT_MS } from '../github/octokit.js';
import type { Logger } from '../util/logger.js';
import { errorMessage, httpStatus } from '../util/errors.js';
import { noAnswerReason } from '../util/network-errors.js';

type GitHubState = 'pending' | 'success' | 'failure' | 'error';

const STATES: Record<CommitState, GitHubState> = {
  pending: 'pending',
  success: 'success',
  failure: 'failure',
  error: 'error',
  stopped: 'error',
};

/** The body of GitHub's create-a-commit-status request for a status, within GitHub's limits. */
export function gitHubStatusFields(status: CommitStatus) {
  return {
    state: STATES[status.state],
    context: clip(status.name, 255),
    description: clip(status.description, 140),
    ...(status.url ? { target_url: status.url } : {}),
  };
}

export interface CommitRef {
  readonly owner: string;
  readonly repo: string;
  readonly sha: string;
}

export class GitHubCommitStatusReporter implements StatusReporter {
  readonly target = 'GitHub commit status';
  private queue: Promise<void> = Promise.resolve();
  private refused = false;

  constructor(
    private readonly octokit: GitHubClient,
    private readonly commit: CommitRef,
    private readonly apiUrl: string,
    private readonly logger: Logger,
  ) {}

  report(status: CommitStatus): Promise<void> {
    this.queue = this.queue.then(() => this.post(status));
    return this.queue;
  }

  private async post(status: CommitStatus): Promise<void> {
    if (this.refused) return;
    const { owner, repo, sha } = this.commit;
    try {
      await this.octokit.request('POST /repos/{owner}/{repo}/statuses/{sha}', {
        owner,
        repo,
        sha,
        ...gitHubStatusFields(status),
        // A fresh request object per call: the retry plugin keeps its back-off count there.
        request: { retryCount: 0, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
      });
    } catch (error) {
      if (!answered(error)) {
        this.logger.warn(
          `Could not reach GitHub at ${this.apiUrl} to post the ${status.state} commit status (${noAnswerReason(error) ?? errorMessage(error)}). Check the network and GITHUB_API_URL. The build itself is unaffected.`,
        );
        return;
      }
      const code = httpStatus(error);
      if (code === 403 || code === 404) {
        // A fork PR's token is read-only; further posts would fail the same way.
        this.refused = true;
        this.logger.warn(
          `GitHub refused the commit status for ${owner}/${repo}@${sha.slice(0, 7)} (HTTP ${code}): the token needs "statuses: write" (on pull requests from forks it is read-only). The build itself is unaffected.`,
        );
        return;
      }
      this.logger.warn(
        `Could not post the ${status.state} commit status to GitHub (HTTP ${code ?? '?'}: ${errorMessage(error)}). The build itself is unaffected.`,
      );
    }
  }
}

/** Octokit's RequestError carries `response` only when GitHub answered. */
function answered(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'response' in error && !!error.response;
}
