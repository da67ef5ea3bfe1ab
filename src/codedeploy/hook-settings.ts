/**
 * The Lambda lifecycle hook's settings, parsed once from its environment. Every bad value is a
 * UserError naming the variable, the value and what is accepted, so that the hook can report
 * Failed with a reason a person can act on. CHECK_INVOKE_PAYLOAD may hold secrets: its value is
 * never quoted back.
 */
import { UserError } from '../util/errors.js';

export interface UrlCheckSettings {
  /** URLs to GET; each must answer one of `expectStatus` (and match `bodyPattern`, when set). */
  readonly urls: readonly URL[];
  readonly expectStatus: readonly number[];
  readonly bodyPattern?: RegExp;
}

export interface InvokeCheckSettings {
  /** Name, partial or full ARN of the function whose new version is invoked. */
  readonly functionName: string;
  /** JSON text sent as the payload (already validated). */
  readonly payload: string;
  /** The response payload must match it. */
  readonly expect?: RegExp;
}

export interface HookSettings {
  readonly url?: UrlCheckSettings;
  readonly invoke?: InvokeCheckSettings;
  /** Attempts per URL before it counts as failed. */
  readonly attempts: number;
  /** Pause between two attempts at one URL. */
  readonly pauseMs: number;
  /** Time-out of one request (a GET or the Invoke). */
  readonly timeoutMs: number;
}

/** The variables the hook reads, with what each accepts: the reference for messages and docs. */
export const HOOK_VARIABLES = {
  CHECK_URLS: 'comma-separated http(s) URLs to GET',
  CHECK_EXPECT_STATUS: 'comma-separated HTTP statuses 100-599 (default 200)',
  CHECK_BODY_PATTERN: 'a JavaScript regular expression the body must match',
  CHECK_ATTEMPTS: 'a whole number 1-20 (default 3)',
  CHECK_PAUSE_MS: 'milliseconds 0-60000 between attempts (default 2000)',
  CHECK_TIMEOUT_MS: 'milliseconds 100-900000 per request (default 5000)',
  CHECK_INVOKE_FUNCTION: 'a Lambda function name or ARN',
  CHECK_INVOKE_PAYLOAD: 'a JSON document (default {})',
  CHECK_INVOKE_EXPECT: 'a JavaScript regular expression the response payload must match',
} as const;

export type HookVariable = keyof typeof HOOK_VARIABLES;

type Env = Readonly<Record<string, string | undefined>>;

function value(env: Env, name: HookVariable): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function wholeNumber(env: Env, name: HookVariable, min: number, max: number, fallback: number) {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const parsed = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max)
    throw new UserError(`${name} is "${raw}": it must be ${HOOK_VARIABLES[name]}.`);
  return parsed;
}

function pattern(env: Env, name: HookVariable): RegExp | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    return new RegExp(raw);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(`${name} is "${raw}", which is not ${HOOK_VARIABLES[name]}: ${reason}.`);
  }
}

function urls(env: Env): URL[] | undefined {
  const raw = value(env, 'CHECK_URLS');
  if (raw === undefined) return undefined;
  const list = raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (list.length === 0)
    throw new UserError(`CHECK_URLS is "${raw}": it must be ${HOOK_VARIABLES.CHECK_URLS}.`);
  return list.map((item) => {
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      throw new UserError(
        `CHECK_URLS has "${item}", which is not a URL: it must be ${HOOK_VARIABLES.CHECK_URLS}.`,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new UserError(
        `CHECK_URLS has "${printableUrl(url)}" (${url.protocol}): it must be ${HOOK_VARIABLES.CHECK_URLS}.`,
      );
    return url;
  });
}

function statuses(env: Env): number[] {
  const raw = value(env, 'CHECK_EXPECT_STATUS');
  if (raw === undefined) return [200];
  const list = raw.split(',').map((item) => item.trim());
  if (list.some((item) => !/^[1-5]\d\d$/.test(item)))
    throw new UserError(
      `CHECK_EXPECT_STATUS is "${raw}": it must be ${HOOK_VARIABLES.CHECK_EXPECT_STATUS}.`,
    );
  return [...new Set(list.map(Number))];
}

function payload(env: Env): string {
  const raw = value(env, 'CHECK_INVOKE_PAYLOAD');
  if (raw === undefined) return '{}';
  try {
    JSON.parse(raw);
  } catch (error) {
    // The payload may carry a token: say where it breaks, never what it says (newer Nodes quote
    // a piece of the text in their message, so only the position is taken from it).
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    throw new UserError(
      `CHECK_INVOKE_PAYLOAD (${raw.length} characters, not shown) is not ${HOOK_VARIABLES.CHECK_INVOKE_PAYLOAD}${position ? `: it breaks at character ${position}` : ''}.`,
    );
  }
  return raw;
}

/**
 * Parses the hook's environment. No check configured at all is bad configuration, not success:
 * a hook that passes every deployment because its variables were forgotten hides the mistake.
 */
export function parseHookSettings(env: Env): HookSettings {
  const attempts = wholeNumber(env, 'CHECK_ATTEMPTS', 1, 20, 3);
  const pauseMs = wholeNumber(env, 'CHECK_PAUSE_MS', 0, 60_000, 2000);
  const timeoutMs = wholeNumber(env, 'CHECK_TIMEOUT_MS', 100, 900_000, 5000);
  const urlList = urls(env);
  const expectStatus = statuses(env);
  const bodyPattern = pattern(env, 'CHECK_BODY_PATTERN');
  const functionName = value(env, 'CHECK_INVOKE_FUNCTION');
  const invokePayload = payload(env);
  const expect = pattern(env, 'CHECK_INVOKE_EXPECT');

  if (!urlList && (bodyPattern || value(env, 'CHECK_EXPECT_STATUS')))
    throw new UserError(
      'CHECK_EXPECT_STATUS or CHECK_BODY_PATTERN is set but CHECK_URLS is not: set CHECK_URLS to the URLs they apply to.',
    );
  if (!functionName && (expect || value(env, 'CHECK_INVOKE_PAYLOAD')))
    throw new UserError(
      'CHECK_INVOKE_PAYLOAD or CHECK_INVOKE_EXPECT is set but CHECK_INVOKE_FUNCTION is not: set CHECK_INVOKE_FUNCTION to the function to invoke.',
    );
  if (!urlList && !functionName)
    throw new UserError(
      'No check is configured: set CHECK_URLS (URLs to GET) and/or CHECK_INVOKE_FUNCTION (a function to invoke). The hook reports Failed rather than pass a deployment it has not checked.',
    );

  return {
    ...(urlList
      ? { url: { urls: urlList, expectStatus, ...(bodyPattern ? { bodyPattern } : {}) } }
      : {}),
    ...(functionName
      ? { invoke: { functionName, payload: invokePayload, ...(expect ? { expect } : {}) } }
      : {}),
    attempts,
    pauseMs,
    timeoutMs,
  };
}

/** A URL as it may be printed: a password in it is replaced by ***. */
/** The URL for the log: a password and the values of its query (tokens, signatures) as ***. */
export function printableUrl(url: URL): string {
  if (!url.password && url.search === '') return url.href;
  const copy = new URL(url.href);
  if (copy.password) copy.password = '***';
  for (const key of [...new Set(copy.searchParams.keys())]) copy.searchParams.set(key, '***');
  return copy.href.replace(/%2A%2A%2A/g, '***');
}
