/**
 * Bitbucket build statuses, Cloud (POST /2.0/repositories/{workspace}/{repo_slug}/commit/{commit}/statuses/build)
 * and Data Center (POST /rest/api/latest/projects/{key}/repos/{slug}/commits/{commit}/builds).
 * The same key updates the same status; keys are at most 40 characters, so a longer status name
 * becomes a readable prefix plus a short hash of the whole name (stable across runs). Refusals
 * (401/403) are one warning and end the posting; outages are warnings naming the endpoint; none
 * changes the build's result. Posts go out in order, each with its own time-out.
 */
import { createHash } from 'node:crypto';
import { clip, type CommitState, type CommitStatus, type StatusReporter } from './commit-status.js';
import type { Logger } from '../util/logger.js';
import { errorMessage } from '../util/errors.js';
import { noAnswerReason } from '../util/network-errors.js';

export const KEY_MAX = 40;
export const REQUEST_TIMEOUT_MS = 15_000;

type CloudState = 'INPROGRESS' | 'SUCCESSFUL' | 'FAILED' | 'STOPPED';
type ServerState = 'INPROGRESS' | 'SUCCESSFUL' | 'FAILED' | 'CANCELLED';

export const CLOUD_STATES: Readonly<Record<CommitState, CloudState>> = {
  pending: 'INPROGRESS',
  success: 'SUCCESSFUL',
  failure: 'FAILED',
  error: 'FAILED',
  stopped: 'STOPPED',
};

export const SERVER_STATES: Readonly<Record<CommitState, ServerState>> = {
  pending: 'INPROGRESS',
  success: 'SUCCESSFUL',
  failure: 'FAILED',
  error: 'FAILED',
  stopped: 'CANCELLED',
};

/** The status key for a name: the name itself when it fits, else a prefix and a hash. */
export function bitbucketKey(name: string): string {
  if (name.length <= KEY_MAX) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, KEY_MAX - hash.length - 1).trimEnd()}-${hash}`;
}

export type BitbucketAuth =
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'basic'; readonly username: string; readonly token: string };

export function authorizationHeader(auth: BitbucketAuth): string {
  return auth.kind === 'bearer'
    ? `Bearer ${auth.token}`
    : `Basic ${Buffer.from(`${auth.username}:${auth.token}`).toString('base64')}`;
}

export interface BitbucketCloudTarget {
  readonly kind: 'cloud';
  readonly apiUrl: string;
  readonly workspace: string;
  readonly repoSlug: string;
  readonly commit: string;
  /** Branch or tag name, sent as refname. */
  readonly refname: string | undefined;
}

export interface BitbucketServerTarget {
  readonly kind: 'server';
  readonly serverUrl: string;
  readonly projectKey: string;
  readonly repoSlug: string;
  readonly commit: string;
  /** Full ref, e.g. refs/heads/main. */
  readonly ref: string | undefined;
}

export type BitbucketTarget = BitbucketCloudTarget | BitbucketServerTarget;

export function statusEndpoint(target: BitbucketTarget): string {
  const e = encodeURIComponent;
  if (target.kind === 'cloud') {
    return `${target.apiUrl.replace(/\/+$/, '')}/2.0/repositories/${e(target.workspace)}/${e(target.repoSlug)}/commit/${e(target.commit)}/statuses/build`;
  }
  return `${target.serverUrl.replace(/\/+$/, '')}/rest/api/latest/projects/${e(target.projectKey)}/repos/${e(target.repoSlug)}/commits/${e(target.commit)}/builds`;
}

export function statusBody(target: BitbucketTarget, status: CommitStatus): Record<string, string> {
  const common = {
    key: bitbucketKey(status.name),
    name: clip(status.name, 255),
    description: clip(status.description, 255),
    ...(status.url ? { url: status.url } : {}),
  };
  return target.kind === 'cloud'
    ? {
        ...common,
        state: CLOUD_STATES[status.state],
        ...(target.refname ? { refname: target.refname } : {}),
      }
    : { ...common, state: SERVER_STATES[status.state], ...(target.ref ? { ref: target.ref } : {}) };
}

export class BitbucketStatusReporter implements StatusReporter {
  readonly target: string;
  private queue: Promise<void> = Promise.resolve();
  private refused = false;
  private readonly endpoint: string;
  private readonly host: string;

  constructor(
    private readonly where: BitbucketTarget,
    private readonly auth: BitbucketAuth,
    private readonly logger: Logger,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {
    this.host = where.kind === 'cloud' ? 'Bitbucket Cloud' : 'Bitbucket Data Center';
    this.target = `${this.host} build status`;
    this.endpoint = statusEndpoint(where);
  }

  report(status: CommitStatus): Promise<void> {
    this.queue = this.queue.then(() => this.post(status));
    return this.queue;
  }

  private async post(status: CommitStatus): Promise<void> {
    if (this.refused) return;
    const body = statusBody(this.where, status);
    let response: Response;
    try {
      response = await this.fetchImpl(this.endpoint, {
        method: 'POST',
        headers: {
          authorization: authorizationHeader(this.auth),
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      // Read the body so the connection is free; its text only matters for messages.
      const text = await response.text().catch(() => '');
      if (response.ok) return;
      this.answered(status, response.status, text);
    } catch (error) {
      this.logger.warn(
        `Could not reach ${this.host} at ${this.endpoint} to post the ${body.state} build status (${noAnswerReason(error) ?? errorMessage(error)}). Check the network and ${this.where.kind === 'cloud' ? 'BITBUCKET_API_URL' : 'BITBUCKET_SERVER_URL'}. The build itself is unaffected.`,
      );
    }
  }

  private answered(status: CommitStatus, code: number, text: string): void {
    const commit = this.where.commit.slice(0, 12);
    if (code === 401 || code === 403) {
      this.refused = true;
      this.logger.warn(
        `${this.host} refused the build status for ${commit} (HTTP ${code}): the token needs ${this.where.kind === 'cloud' ? 'the repository:write scope ("Repositories: Write")' : 'write permission on the repository (REPO_WRITE)'}. Set BITBUCKET_ACCESS_TOKEN, or BITBUCKET_USERNAME and BITBUCKET_API_TOKEN. No more build statuses are posted; the build itself is unaffected.`,
      );
      return;
    }
    const detail = bitbucketMessage(text);
    this.logger.warn(
      `Could not post the ${status.state} build status to ${this.host} at ${this.endpoint} (HTTP ${code}${detail ? `: ${detail}` : ''}). The build itself is unaffected.`,
    );
  }
}

/** Bitbucket's error text: Cloud's {error: {message}}, Data Center's {errors: [{message}]}. */
function bitbucketMessage(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as {
      error?: { message?: unknown };
      errors?: { message?: unknown }[];
    };
    const message = parsed.error?.message ?? parsed.errors?.[0]?.message;
    return typeof message === 'string' ? clip(message, 200) : undefined;
  } catch {
    return undefined;
  }
}
