/**
 * Reports build status as a GitHub commit status (POST /repos/{owner}/{repo}/statuses/{sha}).
 * GitHub has no "stopped" state, so a stopped build is an error; descriptions are cut to
 * GitHub's 140 characters. 403 (fork PR, read-only token) and outages are warnings.
 */
import type { getOctokit } from '@actions/github';
import { clip, type BuildState, type BuildStatus, type StatusReporter } from './build-status.js';
import type { Logger } from '../util/logger.js';
import { errorMessage, httpStatus } from '../util/errors.js';

type Octokit = ReturnType<typeof getOctokit>;
type GitHubState = 'pending' | 'success' | 'failure' | 'error';

const STATES: Record<BuildState, GitHubState> = {
  pending: 'pending',
  success: 'success',
  failure: 'failure',
  error: 'error',
  stopped: 'error',
};

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
    private readonly octokit: Octokit,
    private readonly commit: CommitRef,
    private readonly logger: Logger,
  ) {}

  report(status: BuildStatus): Promise<void> {
    this.queue = this.queue.then(() => this.post(status));
    return this.queue;
  }

  private async post(status: BuildStatus): Promise<void> {
    if (this.refused) return;
    const { owner, repo, sha } = this.commit;
    try {
      await this.octokit.rest.repos.createCommitStatus({
        owner,
        repo,
        sha,
        state: STATES[status.state],
        context: clip(status.name, 255),
        description: clip(status.description, 140),
        ...(status.url ? { target_url: status.url } : {}),
        // A fresh request object per call: the retry plugin keeps its back-off count there.
        request: { retryCount: 0 },
      });
    } catch (error) {
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
        `Could not post the ${status.state} commit status to GitHub (${code ? `HTTP ${code}: ` : ''}${errorMessage(error)}). The build itself is unaffected.`,
      );
    }
  }
}
