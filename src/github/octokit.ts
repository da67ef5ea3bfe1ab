/**
 * Octokit with the retry (5xx) and throttling (rate limits) plugins, the ecosystem's way to ride
 * out GitHub's bad minutes. The API URL comes from GITHUB_API_URL (GHES, tests).
 */
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { Logger } from '../util/logger.js';

export type GitHubClient = ReturnType<typeof getOctokit>;

export function createGitHubClient(
  token: string,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): GitHubClient {
  return getOctokit(
    token,
    {
      baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
      userAgent: 'buildbridge/0.1.0',
      retry: { retries: 2, retryAfterBaseValue: 500 },
      throttle: {
        onRateLimit: retryWithin('rate limit', logger),
        onSecondaryRateLimit: retryWithin('secondary rate limit', logger),
      },
    },
    retry,
    throttling,
  );
}

/**
 * Waits out a rate limit twice at most, and only when GitHub asks for 30 s or less: a status is
 * worth a short wait, not a stalled step.
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
