/**
 * What the triggering GitHub event says about the commit under test. GITHUB_SHA is a merge
 * commit (pull_request) or the base branch (pull_request_target), so the head sha comes from the
 * event payload.
 */
import { readFileSync } from 'node:fs';

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
    default:
      return text(env.GITHUB_SHA);
  }
}

/** For pull_request_target from a fork: the fork's full name, else undefined. */
export function untrustedForkHead(event: GitHubEvent): string | undefined {
  if (event.name !== 'pull_request_target') return undefined;
  const head = text(at(event.payload, 'pull_request', 'head', 'repo', 'full_name'));
  const base = text(at(event.payload, 'pull_request', 'base', 'repo', 'full_name'));
  return head && base && head !== base ? head : undefined;
}
