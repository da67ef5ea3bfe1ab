/**
 * What a run of builds came to, for the places people look besides the log and the commit
 * status: the sticky pull request comment and the check run. One model for a single build (one
 * member, no identifier) and for a batch (a member per build group, started or not).
 */
import type { Build, BuildBatch } from '@aws-sdk/client-codebuild';
import type { CommitState } from '../status/commit-status.js';
import type { TestResults } from './test-results.js';

/** How many of a failed build's last log lines a report quotes. */
export const REPORTED_LOG_LINES = 30;

export interface RunMember {
  /** The batch's build-group identifier; undefined for a single build. */
  readonly identifier: string | undefined;
  /** The member's build as last read; undefined for a member that never started. */
  readonly build: Build | undefined;
  /** Link to the member's build in the CodeBuild console, when it started. */
  readonly url: string | undefined;
  /** `ignore-failure: true` in the batch's buildspec: its failure does not fail the batch. */
  readonly ignoreFailure: boolean;
  /** The last REPORTED_LOG_LINES lines of its log as printed, unredacted (redact before use). */
  readonly lastLogLines: readonly string[];
  /** What the member's CodeBuild reports say, read after it ended; undefined when not read. */
  readonly tests?: TestResults | undefined;
}

export interface RunReport {
  readonly kind: 'build' | 'batch';
  /** The status context: the name of the check run, the key of the sticky comment. */
  readonly statusContext: string;
  readonly projectName: string;
  readonly region: string;
  /** The batch as last read, for kind 'batch'. */
  readonly batch: BuildBatch | undefined;
  readonly members: readonly RunMember[];
  /** The run's overall state: the build's, or the batch's. */
  readonly state: CommitState;
  /** One line saying what happened, e.g. "Build #12 failed in BUILD after 3m 12s: make test". */
  readonly headline: string;
  /** Link to the build (or the batch) in the CodeBuild console. */
  readonly url: string;
  /** The job summary's Markdown, already redacted. */
  readonly summaryMarkdown: string;
}

/**
 * A place a run is published besides the commit status: told when the run starts and when it
 * ends. Like a StatusReporter it never throws: a refusal or an outage is a warning.
 */
export interface RunPublisher {
  readonly target: string;
  start(run: { readonly statusContext: string; readonly url: string }): Promise<void>;
  finish(report: RunReport): Promise<void>;
}
