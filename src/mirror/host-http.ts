/**
 * One JSON request to a code host, with the retries a status deserves: a dropped connection, a
 * time-out, a 5xx, a 429 or a rate-limited 403 is tried again (after Retry-After when the host
 * says, else a short back-off), up to three attempts; then CodeHostUnavailable, which fails the
 * invocation so that Lambda retries the event and, in the end, keeps it in the dead-letter queue.
 * Any other answer is returned for the caller to judge.
 *
 * Everything fits in the invocation: no attempt or wait runs past the deadline (the function's
 * time-out, less a reserve to report), and a host that asks to wait longer than a few seconds
 * is left for Lambda's own retry, a minute later, rather than waited for here.
 */
import { RetryLater } from './retry-later.js';
import type { Clock } from '../util/clock.js';
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

/** The message of a code host's JSON error: GitHub's `message`, Bitbucket's `error.message` or `errors[0].message`. */
export function answerMessage(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const record = body as {
    message?: unknown;
    error?: { message?: unknown };
    errors?: { message?: unknown }[];
  };
  const message = record.message ?? record.error?.message ?? record.errors?.[0]?.message;
  return typeof message === 'string' ? message : '';
}

/** The code host could not be used just now: the event is worth retrying. */
export class CodeHostUnavailable extends RetryLater {
  override readonly name = 'CodeHostUnavailable';
}

export const ATTEMPTS = 3;
export const REQUEST_TIMEOUT_MS = 10_000;
/** The longest Retry-After waited for inside one invocation. */
const MAX_WAIT_MS = 5_000;
/** Less time than this left before the deadline: no new attempt. */
const MIN_ATTEMPT_MS = 1_000;

export interface HostHttp {
  send(request: HostRequest): Promise<HostAnswer>;
}

/** When the current invocation must be done with the code host (epoch ms); none: no limit. */
export type Deadline = () => number | undefined;

/** A URL for messages: no user info, query or fragment (any may carry a credential). */
export const shownUrl = (url: string): string =>
  url.replace(/^([a-z]+:\/\/)[^/?#]*@/i, '$1').replace(/[?#].*$/, '');

function retryable(response: Response): boolean {
  if (response.status >= 500 || response.status === 429) return true;
  return (
    response.status === 403 &&
    (response.headers.get('x-ratelimit-remaining') === '0' || response.headers.has('retry-after'))
  );
}

/** How long the host asks to wait before the next attempt (its own word, else a back-off). */
function waitMs(response: Response | undefined, attempt: number, now: number): number {
  const retryAfter = response?.headers.get('retry-after');
  if (retryAfter && /^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
  if (retryAfter && !Number.isNaN(Date.parse(retryAfter)))
    return Math.max(Date.parse(retryAfter) - now, 0);
  // GitHub sends its rate limit's reset time on every answer: it matters only once spent.
  const reset =
    response?.headers.get('x-ratelimit-remaining') === '0'
      ? response.headers.get('x-ratelimit-reset')
      : undefined;
  if (reset && /^\d+$/.test(reset)) return Math.max(Number(reset) * 1000 - now, 0);
  return 500 * 3 ** (attempt - 1);
}

export function hostHttp(
  clock: Clock,
  fetchImpl: typeof fetch = fetch,
  deadline: Deadline = () => undefined,
): HostHttp {
  return {
    async send(request) {
      let last = '';
      const unavailable = (why: string) =>
        new CodeHostUnavailable(`${request.method} ${shownUrl(request.url)} ${why}`);
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        const end = deadline();
        const left = end === undefined ? Infinity : end - clock.now();
        if (left < MIN_ATTEMPT_MS)
          throw unavailable(
            `${attempt === 1 ? 'was not tried' : `failed ${attempt - 1} time(s) (last: ${last})`}: the invocation's time is up`,
          );
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
            signal: AbortSignal.timeout(Math.floor(Math.min(REQUEST_TIMEOUT_MS, left))),
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
          const reason = noAnswerReason(error);
          // Only a request that got no answer is worth another try; anything else is ours.
          if (!reason) throw error;
          last = reason;
        }
        if (attempt === ATTEMPTS) break;
        const wait = waitMs(response, attempt, clock.now());
        if (wait > MAX_WAIT_MS)
          throw unavailable(
            `failed ${attempt} time(s) (last: ${last}), and the host asks to wait ${Math.ceil(wait / 1000)} s: left for the next retry of the event`,
          );
        const after = deadline();
        if (after !== undefined && clock.now() + wait + MIN_ATTEMPT_MS > after)
          throw unavailable(
            `failed ${attempt} time(s) (last: ${last}), with no time left in the invocation for another attempt`,
          );
        await clock.sleep(wait);
      }
      throw unavailable(`failed ${ATTEMPTS} times (last: ${last})`);
    },
  };
}
