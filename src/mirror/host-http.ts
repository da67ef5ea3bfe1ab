/**
 * One JSON request to a code host, with the retries a status deserves: a dropped connection, a
 * time-out, a 5xx, a 429 or a rate-limited 403 is tried again (after Retry-After when the host
 * says, else a short back-off), up to three attempts; then CodeHostUnavailable, which fails the
 * invocation so that Lambda retries the event and, in the end, keeps it in the dead-letter queue.
 * Any other answer is returned for the caller to judge.
 */
import type { Clock } from '../util/clock.js';
import { errorMessage } from '../util/errors.js';
import { noAnswerReason } from '../util/network-errors.js';

export interface HostAnswer {
  readonly status: number;
  /** The parsed JSON body; undefined when there is none or it is not JSON. */
  readonly body: unknown;
}

export interface HostRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly authorization: string;
  readonly body?: unknown;
  /** Extra headers (GitHub's API version). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The code host could not be used just now: the event is worth retrying. */
export class CodeHostUnavailable extends Error {
  override readonly name = 'CodeHostUnavailable';
}

export const ATTEMPTS = 3;
export const REQUEST_TIMEOUT_MS = 10_000;
/** The longest Retry-After waited for inside one invocation. */
const MAX_WAIT_MS = 10_000;

export interface HostHttp {
  send(request: HostRequest): Promise<HostAnswer>;
}

/** A URL for messages: no query (it may carry a credential). */
const shown = (url: string): string => url.replace(/[?#].*$/, '');

function retryable(response: Response): boolean {
  if (response.status >= 500 || response.status === 429) return true;
  return (
    response.status === 403 &&
    (response.headers.get('x-ratelimit-remaining') === '0' || response.headers.has('retry-after'))
  );
}

function waitMs(response: Response | undefined, attempt: number, now: number): number {
  const retryAfter = response?.headers.get('retry-after');
  if (retryAfter && /^\d+$/.test(retryAfter))
    return Math.min(Number(retryAfter) * 1000, MAX_WAIT_MS);
  // GitHub sends its rate limit's reset time on every answer: it matters only once spent.
  const reset =
    response?.headers.get('x-ratelimit-remaining') === '0'
      ? response.headers.get('x-ratelimit-reset')
      : undefined;
  if (reset && /^\d+$/.test(reset))
    return Math.min(Math.max(Number(reset) * 1000 - now, 0), MAX_WAIT_MS);
  return 500 * 3 ** (attempt - 1);
}

export function hostHttp(clock: Clock, fetchImpl: typeof fetch = fetch): HostHttp {
  return {
    async send(request) {
      let last = '';
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        let response: Response | undefined;
        try {
          response = await fetchImpl(request.url, {
            method: request.method,
            headers: {
              authorization: request.authorization,
              accept: 'application/json',
              'user-agent': 'buildbridge-status-mirror',
              ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
              ...request.headers,
            },
            ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          const text = await response.text();
          if (!retryable(response)) {
            let body: unknown;
            try {
              body = text ? JSON.parse(text) : undefined;
            } catch {
              body = undefined;
            }
            return { status: response.status, body };
          }
          last = `HTTP ${response.status}`;
        } catch (error) {
          last = noAnswerReason(error) ?? errorMessage(error);
        }
        if (attempt < ATTEMPTS) await clock.sleep(waitMs(response, attempt, clock.now()));
      }
      throw new CodeHostUnavailable(
        `${request.method} ${shown(request.url)} failed ${ATTEMPTS} times (last: ${last})`,
      );
    },
  };
}
