/**
 * What the triggering GitHub event says about the commit under test, and whether its code is
 * someone else's. GITHUB_SHA is a merge commit (pull_request), the base branch
 * (pull_request_target) or the default branch (workflow_run), so the head sha comes from the
 * event payload. Every front end (the Action, the CLI, `--local`) decides both here.
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../util/errors.js';

export interface GitHubEvent {
  readonly name: string | undefined;
  readonly payload: Record<string, unknown>;
}

export function readGitHubEvent(env: NodeJS.ProcessEnv): GitHubEvent {
  const path = env.GITHUB_EVENT_PATH;
  let payload: Record<string, unknown> = {};
  if (path) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
      if (parsed && typeof parsed === 'object') payload = parsed as Record<string, unknown>;
    } catch {
      // A missing or unreadable payload leaves the event-derived defaults to GITHUB_SHA.
    }
  }
  return { name: env.GITHUB_EVENT_NAME, payload };
}

function at(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The commit a build should check out for this event. */
export function eventCommit(event: GitHubEvent, env: NodeJS.ProcessEnv): string | undefined {
  switch (event.name) {
    case 'pull_request':
    case 'pull_request_target':
      return text(at(event.payload, 'pull_request', 'head', 'sha')) ?? text(env.GITHUB_SHA);
    case 'merge_group':
      return text(at(event.payload, 'merge_group', 'head_sha')) ?? text(env.GITHUB_SHA);
    case 'workflow_run':
      return text(at(event.payload, 'workflow_run', 'head_sha')) ?? text(env.GITHUB_SHA);
    default:
      return text(env.GITHUB_SHA);
  }
}

/** A head whose code comes from a fork, on an event that runs with this repository's secrets. */
export interface UntrustedHead {
  readonly event: 'pull_request_target' | 'workflow_run';
  /** owner/repo of the fork, or a description when the fork is gone. */
  readonly fork: string;
}

/**
 * pull_request_target and workflow_run run with the base repository's secrets and role, so a
 * head from a fork (or from a fork that no longer exists) is untrusted code.
 */
export function untrustedHead(event: GitHubEvent): UntrustedHead | undefined {
  if (event.name === 'pull_request_target') {
    const head = text(at(event.payload, 'pull_request', 'head', 'repo', 'full_name'));
    const base = text(at(event.payload, 'pull_request', 'base', 'repo', 'full_name'));
    if (!at(event.payload, 'pull_request')) return undefined;
    if (!head) return { event: event.name, fork: 'a fork that no longer exists' };
    return base && head !== base ? { event: event.name, fork: head } : undefined;
  }
  if (event.name === 'workflow_run') {
    if (!at(event.payload, 'workflow_run')) return undefined;
    const head = text(at(event.payload, 'workflow_run', 'head_repository', 'full_name'));
    const base =
      text(at(event.payload, 'repository', 'full_name')) ??
      text(at(event.payload, 'workflow_run', 'repository', 'full_name'));
    if (!head) return { event: event.name, fork: 'a fork that no longer exists' };
    return base && head !== base ? { event: event.name, fork: head } : undefined;
  }
  return undefined;
}

/**
 * The one fork guard: refuses to build an untrusted head unless `allowForks`. `runsWith` says
 * what the code would get ("this workflow's AWS role", "this runner and the job's secrets").
 */
export function refuseUntrustedHead(
  head: UntrustedHead | undefined,
  allowForks: boolean,
  allowForksOption: string,
  runsWith: string,
): void {
  if (!head || allowForks) return;
  const use =
    head.event === 'pull_request_target'
      ? 'Use the pull_request event for forks'
      : 'Build only runs whose head is in this repository (check github.event.workflow_run.head_repository)';
  throw new UserError(
    `Refusing to build code from ${head.fork.includes('/') ? `the fork ${head.fork}` : head.fork} on ${head.event}: it would run untrusted code with ${runsWith}. ` +
      `${use}, or set ${allowForksOption} to true once that is safe for untrusted code.`,
  );
}

/** The commit under test and whether it is someone else's, for the current GitHub run. */
export interface GitHubRun {
  readonly commit: string | undefined;
  readonly untrustedHead: UntrustedHead | undefined;
}

export function gitHubRun(env: NodeJS.ProcessEnv): GitHubRun {
  const event = readGitHubEvent(env);
  return { commit: eventCommit(event, env), untrustedHead: untrustedHead(event) };
}
