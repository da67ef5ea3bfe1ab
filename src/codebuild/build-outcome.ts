/**
 * What a build's result means for people: the neutral status state and one line saying what
 * happened, e.g. "Build #12 failed in BUILD after 3m 12s: make test (exit status 2)".
 */
import type { Build, BuildPhase } from '@aws-sdk/client-codebuild';
import type { CommitState } from '../status/commit-status.js';
import { formatDuration } from '../util/duration.js';

const STATES: Record<string, CommitState> = {
  SUCCEEDED: 'success',
  FAILED: 'failure',
  TIMED_OUT: 'failure',
  FAULT: 'error',
  STOPPED: 'stopped',
};

const VERBS: Record<string, string> = {
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  TIMED_OUT: 'timed out',
  FAULT: 'faulted',
  STOPPED: 'was stopped',
};

const FINAL = new Set(Object.keys(STATES));

/** A status that has ended for good: SUCCEEDED, FAILED, FAULT, TIMED_OUT or STOPPED. */
export function isFinalStatus(status: string | undefined): boolean {
  return FINAL.has(status ?? '');
}

export function isFinal(build: Build): boolean {
  return isFinalStatus(build.buildStatus);
}

export function commitState(build: Build): CommitState {
  return STATES[build.buildStatus ?? ''] ?? 'pending';
}

export function buildLabel(build: Build): string {
  return build.buildNumber !== undefined
    ? `Build #${build.buildNumber}`
    : `Build ${build.id ?? ''}`.trim();
}

/** The phase that decided a failed build: the first whose status is not SUCCEEDED. */
export function failedPhase(build: Build): BuildPhase | undefined {
  return (build.phases ?? []).find(
    (phase) => phase.phaseStatus !== undefined && phase.phaseStatus !== 'SUCCEEDED',
  );
}

/** "Error while executing command: make test. Reason: exit status 2" → "make test (exit status 2)". */
export function failureReason(phase: BuildPhase | undefined): string | undefined {
  const context = phase?.contexts?.find((entry) => entry.message);
  if (!context?.message) return undefined;
  const command = /Error while executing command: (.*)\. Reason: (.*)$/.exec(context.message);
  return command ? `${command[1]} (${command[2]})` : context.message;
}

export function buildDurationMs(build: Build, now: number): number {
  const start = build.startTime?.getTime();
  if (start === undefined) return 0;
  return (build.endTime?.getTime() ?? now) - start;
}

export function describeBuild(build: Build, now: number): string {
  const label = buildLabel(build);
  const status = build.buildStatus ?? 'IN_PROGRESS';
  const verb = VERBS[status];
  if (!verb) return `${label} is running${build.currentPhase ? ` (${build.currentPhase})` : ''}`;
  const duration = formatDuration(buildDurationMs(build, now));
  if (status === 'SUCCEEDED') return `${label} succeeded in ${duration}`;
  const phase = failedPhase(build);
  const where = phase?.phaseType ? ` in ${phase.phaseType}` : '';
  const reason = failureReason(phase);
  return `${label} ${verb}${where} after ${duration}${reason ? `: ${reason}` : ''}`;
}
