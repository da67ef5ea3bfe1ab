/**
 * Signals to a whole process group. Each command runs as the leader of its own group, so a stop
 * reaches what it started too (`sleep 600 &`, a dev server, dockerd), as when CodeBuild tears
 * down the build container.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** Sends `signal` (0 only checks) to every process in the group; false when none is left. */
export function signalGroup(groupId: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-groupId, signal);
    return true;
  } catch (error) {
    // ESRCH: nothing left in the group. EPERM: the group id was reused by someone else's process.
    if (isErrno(error, 'ESRCH') || isErrno(error, 'EPERM')) return false;
    throw error;
  }
}

/**
 * Whether a process of the group still runs. Zombies do not count: where nothing reaps orphans
 * (a container without an init), they would otherwise keep a group "alive" until the grace ends.
 */
export function groupIsAlive(groupId: number): boolean {
  if (!signalGroup(groupId, 0)) return false;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return true; // no /proc (macOS): the signal check is all there is
  }
  return entries.some(
    (entry) => /^\d+$/.test(entry) && runsInGroup(`/proc/${entry}/stat`, groupId),
  );
}

function runsInGroup(statFile: string, groupId: number): boolean {
  try {
    const stat = readFileSync(statFile, 'utf8');
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so read after the last ")".
    const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return state !== 'Z' && Number(group) === groupId;
  } catch {
    return false;
  }
}

function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
