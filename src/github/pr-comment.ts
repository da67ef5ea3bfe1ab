/**
 * The sticky pull request comment (`pr-comment: true`): one comment per pull request and status
 * context, created once and then edited in place, found again by its hidden marker (also after
 * the workflow is re-run). Only a new comment notifies the pull request's subscribers, so a run
 * never creates one before it has a result: its start only marks an existing comment as running.
 * Like the status reporters it never throws: a read-only token (fork pull request), an outage or
 * an unreachable host is one warning, and the build's result is unchanged.
 */
import type { RunPublisher, RunReport } from '../codebuild/run-report.js';
import { readGitHubEvent } from './event.js';
import type { GitHubClient } from './octokit.js';
import {
  prCommentMarker,
  prCommentMarkdown,
  prCommentRunningMarkdown,
} from './pr-comment-markdown.js';
import { errorMessage, httpStatus } from '../util/errors.js';
import { LoadedInOrder } from '../util/loaded-in-order.js';
import type { Logger } from '../util/logger.js';
import { noAnswerReason } from '../util/network-errors.js';

const TARGET = 'GitHub pull request comment';
const PER_PAGE = 100;
/** 10,000 comments: beyond that a pull request is not read to its end, and a new comment is made. */
const MAX_PAGES = 100;

/** The pull request the run is for: pull_request and pull_request_target only. */
export function pullRequestOf(env: NodeJS.ProcessEnv): { number: number } | undefined {
  const event = readGitHubEvent(env);
  if (event.name !== 'pull_request' && event.name !== 'pull_request_target') return undefined;
  const pullRequest = event.payload.pull_request;
  const number =
    pullRequest && typeof pullRequest === 'object'
      ? (pullRequest as Record<string, unknown>).number
      : event.payload.number;
  return typeof number === 'number' && Number.isSafeInteger(number) && number > 0
    ? { number }
    : undefined;
}

export interface PullRequestRef {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
}

export interface StickyPrCommentOptions {
  readonly octokit: GitHubClient;
  readonly pullRequest: PullRequestRef;
  /** For messages about an unreachable host. */
  readonly apiUrl: string;
  readonly logger: Logger;
  /** Each request gives up after this long (REQUEST_TIMEOUT_MS of the client's module). */
  readonly requestTimeoutMs: number;
}

/** A failed request, with the endpoint it went to for the warning. */
class RequestFailed extends Error {
  constructor(
    readonly endpoint: string,
    readonly reason: unknown,
  ) {
    super(`${endpoint}: ${errorMessage(reason)}`);
  }
}

export class StickyPrComment implements RunPublisher {
  readonly target = TARGET;
  private queue: Promise<void> = Promise.resolve();
  /** Set on 403/404: the token cannot comment, and every further try would fail the same way. */
  private refused = false;
  /** The comment found or created by an earlier call, so that finish need not list again. */
  private commentId: number | undefined;

  constructor(private readonly options: StickyPrCommentOptions) {}

  /** Marks the previous run's comment, if there is one, as running again; creates none. */
  start(run: { readonly statusContext: string; readonly url: string }): Promise<void> {
    return this.enqueue(async () => {
      const id = await this.find(prCommentMarker(run.statusContext));
      if (id === undefined) return;
      await this.update(id, prCommentRunningMarkdown(run, this.redact));
    });
  }

  /** Updates the comment in place with the run's result, or creates it. */
  finish(report: RunReport): Promise<void> {
    return this.enqueue(async () => {
      const body = prCommentMarkdown(report, this.redact);
      const id = this.commentId ?? (await this.find(prCommentMarker(report.statusContext)));
      // A comment deleted since it was found (404) is made again.
      if (id !== undefined && (await this.update(id, body))) return;
      await this.create(body);
    });
  }

  private readonly redact = (text: string): string => this.options.logger.redact(text);

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(async () => {
      if (this.refused) return;
      try {
        await step();
      } catch (error) {
        this.warn(error);
      }
    });
    return this.queue;
  }

  /** The newest comment whose first line is the marker, read across all pages. */
  private async find(marker: string): Promise<number | undefined> {
    const { owner, repo, number } = this.options.pullRequest;
    const endpoint = `GET /repos/${owner}/${repo}/issues/${number}/comments`;
    let found: number | undefined;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { data } = await this.send(endpoint, () =>
        this.options.octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
          owner,
          repo,
          issue_number: number,
          per_page: PER_PAGE,
          page,
          request: this.requestOptions(),
        }),
      );
      // Ascending by id: the last match on the last page is the newest. Only a bot's comment
      // (the workflow's token) counts: anyone can post a comment that starts with the marker.
      for (const comment of data)
        if (comment.body?.startsWith(marker) && comment.user?.type === 'Bot')
          found = Number(comment.id);
      if (data.length < PER_PAGE) break;
    }
    this.commentId = found;
    return found;
  }

  /**
   * False when the comment is gone (404) or not ours to edit (403: someone posted the marker
   * themselves), so that a new one is made; a token that cannot comment at all is then refused
   * by the create, with one warning.
   */
  private async update(id: number, body: string): Promise<boolean> {
    const { owner, repo } = this.options.pullRequest;
    try {
      await this.send(`PATCH /repos/${owner}/${repo}/issues/comments/${id}`, () =>
        this.options.octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
          owner,
          repo,
          comment_id: id,
          body,
          request: this.requestOptions(),
        }),
      );
      return true;
    } catch (error) {
      const code = error instanceof RequestFailed ? httpStatus(error.reason) : undefined;
      if (
        error instanceof RequestFailed &&
        (code === 404 || (code === 403 && !rateLimited(error.reason)))
      ) {
        this.commentId = undefined;
        return false;
      }
      throw error;
    }
  }

  private async create(body: string): Promise<void> {
    const { owner, repo, number } = this.options.pullRequest;
    const { data } = await this.send(`POST /repos/${owner}/${repo}/issues/${number}/comments`, () =>
      this.options.octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner,
        repo,
        issue_number: number,
        body,
        request: this.requestOptions(),
      }),
    );
    this.commentId = Number(data.id);
  }

  /** A fresh request object per call: the retry plugin keeps its back-off count there. */
  private requestOptions() {
    return { retryCount: 0, signal: AbortSignal.timeout(this.options.requestTimeoutMs) };
  }

  private async send<T>(endpoint: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw new RequestFailed(endpoint, error);
    }
  }

  private warn(error: unknown): void {
    const { logger, apiUrl, pullRequest } = this.options;
    const { owner, repo, number } = pullRequest;
    const endpoint = error instanceof RequestFailed ? error.endpoint : 'GitHub';
    const reason = error instanceof RequestFailed ? error.reason : error;
    const unaffected = 'The build itself is unaffected.';
    if (!answered(reason)) {
      logger.warn(
        `Could not reach GitHub at ${apiUrl} for ${endpoint} to update the pull request comment (${noAnswerReason(reason) ?? errorMessage(reason)}). Check the network and GITHUB_API_URL. ${unaffected}`,
      );
      return;
    }
    const code = httpStatus(reason);
    if ((code === 403 || code === 404) && !rateLimited(reason)) {
      this.refused = true;
      logger.warn(
        `GitHub refused the pull request comment on ${owner}/${repo}#${number} (HTTP ${code} from ${endpoint}): the token needs "pull-requests: write" (on pull requests from forks the token is read-only, so no comment can be posted). ${unaffected}`,
      );
      return;
    }
    logger.warn(
      `Could not update the pull request comment: GitHub answered HTTP ${code ?? '?'} to ${endpoint} (${errorMessage(reason)}). ${unaffected}`,
    );
  }
}

/** Octokit's RequestError carries `response` only when GitHub answered. */
function answered(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'response' in error && !!error.response;
}

/** A 403 for an exhausted rate limit, which the throttling plugin gave up waiting for. */
function rateLimited(error: unknown): boolean {
  const headers = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers;
  return headers?.['x-ratelimit-remaining'] === '0' || headers?.['retry-after'] !== undefined;
}

export interface PrCommentTarget {
  readonly token: string | undefined;
  /** owner/repo, from GITHUB_REPOSITORY. */
  readonly repository: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly logger: Logger;
}

/**
 * The sticky comment for this run's pull request; undefined, with a notice, on an event that has
 * none (push, workflow_dispatch, ...), and with a warning when there is no token or repository.
 */
export function prCommentPublisher(options: PrCommentTarget): RunPublisher | undefined {
  const { token, repository, env, logger } = options;
  const pullRequest = pullRequestOf(env);
  if (!pullRequest) {
    logger.info(
      `Skipping the pull request comment: the ${env.GITHUB_EVENT_NAME || 'current'} event has no pull request (it is posted on pull_request and pull_request_target).`,
    );
    return undefined;
  }
  const [owner, repo] = (repository ?? '').split('/');
  if (!token || !owner || !repo) {
    logger.warn(
      'Skipping the pull request comment: it needs a GitHub token and the repository (GITHUB_REPOSITORY, owner/repo).',
    );
    return undefined;
  }
  logger.mask(token);
  // Octokit is loaded with the first call, after the build started; calls keep their order.
  const comment = new LoadedInOrder(async () => {
    try {
      const { createGitHubClient, gitHubApiUrl, REQUEST_TIMEOUT_MS } = await import('./octokit.js');
      return new StickyPrComment({
        octokit: createGitHubClient(token, env, logger),
        pullRequest: { owner, repo, number: pullRequest.number },
        apiUrl: gitHubApiUrl(env),
        logger,
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
      });
    } catch (error) {
      logger.warn(`Could not post the pull request comment: ${errorMessage(error)}`);
      return undefined;
    }
  });
  return {
    target: TARGET,
    start: (run) => comment.use((sticky) => sticky?.start(run)),
    finish: (report) => comment.use((sticky) => sticky?.finish(report)),
  };
}
