/**
 * approve's core: answer the manual approval of exactly one pipeline execution, never
 * "whatever is pending".
 */
import type { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import type { ApproveSettings } from './approve-settings.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';

export interface ApprovePorts {
  readonly codepipeline: CodePipelineClient;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly setOutput: (name: string, value: string) => void;
  readonly writeSummary: (markdown: string) => Promise<void>;
  /** Aborts when the run is cancelled (SIGINT/SIGTERM). */
  readonly signal: AbortSignal;
}

export interface ApproveResult {
  readonly executionId: string;
  readonly stageName: string;
  readonly actionName: string;
}

export async function approve(
  settings: ApproveSettings,
  ports: ApprovePorts,
): Promise<ApproveResult> {
  void settings;
  void ports;
  throw new Error('approve is not written yet');
}
