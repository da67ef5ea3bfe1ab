/**
 * What a batch build's result means for people: its state, one line saying what happened, and
 * per member the same, e.g. "Batch #3 failed after 2m 10s: unit failed in BUILD".
 */
import type { BuildBatch } from '@aws-sdk/client-codebuild';
import type { BatchMember } from './batch-watcher.js';
import { commitState, describeBuild, failedPhase } from './build-outcome.js';
import type { CommitState } from '../status/commit-status.js';
import { formatDuration } from '../util/duration.js';

export function batchLabel(batch: BuildBatch): string {
  return batch.buildBatchNumber !== undefined
    ? `Batch #${batch.buildBatchNumber}`
    : `Batch ${batch.id ?? ''}`.trim();
}

export function batchState(batch: BuildBatch): CommitState {
  return commitState({ buildStatus: batch.buildBatchStatus });
}

export function batchDurationMs(batch: BuildBatch, now: number): number {
  const start = batch.startTime?.getTime();
  if (start === undefined) return 0;
  return (batch.endTime?.getTime() ?? now) - start;
}

/** A member's status in words: its build's when it ran, else why it did not. */
export function describeMember(member: BatchMember, now: number): string {
  if (member.build) return `${member.identifier}: ${describeBuild(member.build, now)}`;
  if (member.neverStarted) return `${member.identifier}: not started (the batch ended first)`;
  return `${member.identifier}: waiting to start`;
}

/** Members that failed the batch: failed builds without ignore-failure. */
export function failingMembers(members: readonly BatchMember[]): BatchMember[] {
  return members.filter(
    (member) =>
      !member.ignoreFailure &&
      member.build !== undefined &&
      ['FAILED', 'FAULT', 'TIMED_OUT'].includes(member.build.buildStatus ?? ''),
  );
}

export function describeBatch(
  batch: BuildBatch,
  members: readonly BatchMember[],
  now: number,
): string {
  const label = batchLabel(batch);
  const status = batch.buildBatchStatus ?? 'IN_PROGRESS';
  const duration = formatDuration(batchDurationMs(batch, now));
  const counted = members.filter((member) => member.build);
  const succeeded = counted.filter((member) => member.build?.buildStatus === 'SUCCEEDED').length;
  switch (status) {
    case 'SUCCEEDED':
      return `${label} succeeded in ${duration}: ${succeeded} of ${members.length} builds succeeded`;
    case 'IN_PROGRESS':
      return `${label} is running: ${succeeded} of ${members.length} builds done`;
    case 'STOPPED':
      return `${label} was stopped after ${duration}`;
    default: {
      const failing = failingMembers(members);
      const first = failing[0];
      const where = first?.build ? failedPhase(first.build)?.phaseType : undefined;
      const verb = status === 'TIMED_OUT' ? 'timed out' : status === 'FAULT' ? 'faulted' : 'failed';
      return `${label} ${verb} after ${duration}${first ? `: ${failing.map((m) => m.identifier).join(', ')} failed${failing.length === 1 && where ? ` in ${where}` : ''}` : ''}`;
    }
  }
}
