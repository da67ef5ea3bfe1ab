/**
 * approve's settings, parsed and validated once from Action inputs or CLI flags: which
 * pipeline, which execution (by id, or by its source revision), which approval, the answer.
 */
import type { Decision } from './pipeline-options.js';
import type { PipelineTarget } from './pipeline-settings.js';
import type { OptionReader } from '../util/options.js';

export type ExecutionQuery =
  | { readonly kind: 'id'; readonly executionId: string }
  | { readonly kind: 'revision'; readonly revision: string };

export interface ApproveSettings extends PipelineTarget {
  readonly execution: ExecutionQuery;
  readonly stageName: string | undefined;
  readonly actionName: string | undefined;
  readonly decision: Decision;
  /** What is recorded with the answer. */
  readonly summary: string;
  readonly waitTimeoutMs: number;
  readonly pollIntervalMs: number;
}

export function parseApproveSettings(
  options: OptionReader,
  env: NodeJS.ProcessEnv,
  /** The commit the run is about: the GitHub event's, or BITBUCKET_COMMIT. */
  runCommit: string | undefined,
): ApproveSettings {
  void options;
  void env;
  void runCommit;
  throw new Error('approve: parseApproveSettings is not written yet');
}
