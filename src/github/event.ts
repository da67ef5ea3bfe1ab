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
      // A missing or unreadable payload leaves the commit to GITHUB_SHA; the fork guard
      // treats a head it cannot see as untrusted.
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
 * head from a fork is untrusted code. The guard fails closed: a head whose repository the
 * payload does not name (a deleted fork, an unreadable payload) is untrusted too.
 */
export function untrustedHead(event: GitHubEvent): UntrustedHead | undefined {
  const heads = {
    pull_request_target: {
      head: ['pull_request', 'head', 'repo', 'full_name'],
      bases: [
        ['pull_request', 'base', 'repo', 'full_name'],
        ['repository', 'full_name'],
      ],
    },
    workflow_run: {
      head: ['workflow_run', 'head_repository', 'full_name'],
      bases: [
        ['repository', 'full_name'],
        ['workflow_run', 'repository', 'full_name'],
      ],
    },
  } as const;
  if (event.name !== 'pull_request_target' && event.name !== 'workflow_run') return undefined;
  const paths = heads[event.name];
  const head = text(at(event.payload, ...paths.head));
  const base = paths.bases.map((path) => text(at(event.payload, ...path))).find(Boolean);
  if (!head || !base)
    return {
      event: event.name,
      fork:
        Object.keys(event.payload).length === 0
          ? 'a head the event payload does not show (GITHUB_EVENT_PATH is missing or unreadable)'
          : 'a head whose repository the event does not name (a fork that no longer exists?)',
    };
  return head !== base ? { event: event.name, fork: head } : undefined;
}

export interface ForkGuard {
  readonly allowForks: boolean;
  /** How to allow it, in the front end's words: `pass --allow-forks`, `set input "allow-forks" to true`. */
  readonly howToAllow: string;
  /** What the code would get: "this workflow's AWS role", "this runner and the job's credentials". */
  readonly runsWith: string;
  /** What would be done with it: a build in CodeBuild, or a run here. */
  readonly verb: 'build' | 'run';
}

/** The one fork guard: refuses to build or run an untrusted head unless allowed. */
export function refuseUntrustedHead(head: UntrustedHead | undefined, guard: ForkGuard): void {
  if (!head || guard.allowForks) return;
  const use =
    head.event === 'pull_request_target'
      ? 'Use the pull_request event for forks'
      : 'Skip runs whose head is a fork (compare github.event.workflow_run.head_repository with the repository)';
  const whose =
    head.fork.includes('/') && !head.fork.includes(' ') ? `the fork ${head.fork}` : head.fork;
  throw new UserError(
    `Refusing to ${guard.verb} code from ${whose} on ${head.event}: it would run untrusted code with ${guard.runsWith}. ` +
      `${use}, or ${guard.howToAllow} once that is safe for untrusted code.`,
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
