/**
 * Octokit with the retry (5xx) and throttling (rate limits) plugins, the ecosystem's way to ride
 * out GitHub's bad minutes, on Node's own fetch. The API URL comes from GITHUB_API_URL (GHES,
 * tests); each request gives up after REQUEST_TIMEOUT_MS, so a hanging host never stalls a run.
 */
import { Octokit } from '@octokit/core';
import Bottleneck from 'bottleneck/light.js';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { Logger } from '../util/logger.js';
import { VERSION } from '../version.js';

const GitHubOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof GitHubOctokit>;

export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * GitHub asks for a second between writes, and the throttling plugin keeps to it. After a cancel
 * the runner sends SIGTERM 7.5 s after SIGINT: a batch's final statuses (one per member) must
 * all be out by then, so from the cancel on, writes are WRITE_SPACING_ON_CANCEL_MS apart.
 */
const WRITE_SPACING_MS = 1_000;
const WRITE_SPACING_ON_CANCEL_MS = 150;
const THROTTLE_ID = 'buildbridge';
let writes: Bottleneck.Group | undefined;

function writeLimiter(): Bottleneck.Group {
  if (writes) return writes;
  const group = new Bottleneck.Group({
    id: 'buildbridge-write',
    maxConcurrent: 1,
    minTime: WRITE_SPACING_MS,
    timeout: 120_000,
  });
  const hurry = () => {
    void group.key(THROTTLE_ID).updateSettings({ minTime: WRITE_SPACING_ON_CANCEL_MS });
  };
  process.once('SIGINT', hurry);
  process.once('SIGTERM', hurry);
  writes = group;
  return group;
}

export function gitHubApiUrl(env: NodeJS.ProcessEnv): string {
  return (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
}

export function createGitHubClient(
  token: string,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): GitHubClient {
  return new GitHubOctokit({
    auth: token,
    baseUrl: gitHubApiUrl(env),
    userAgent: `buildbridge/${VERSION}`,
    retry: { retries: 2, retryAfterBaseValue: 500 },
    throttle: {
      id: THROTTLE_ID,
      write: writeLimiter(),
      onRateLimit: retryWithin('rate limit', logger),
      onSecondaryRateLimit: retryWithin('secondary rate limit', logger),
    },
  });
}

/**
 * Waits out a rate limit twice at most, and only when GitHub asks for 30 s or less: a status is
 * worth a short wait, not a stalled run.
 */
function retryWithin(kind: string, logger: Logger) {
  return (
    retryAfter: number,
    options: { method: string; url: string },
    _octokit: unknown,
    retryCount: number,
  ) => {
    logger.warn(
      `GitHub ${kind} hit for ${options.method} ${options.url}; retrying in ${retryAfter}s.`,
    );
    return retryCount < 2 && retryAfter <= 30;
  };
}
