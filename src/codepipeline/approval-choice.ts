/**
 * Which manual approval to answer, decided from SDK-shaped data only (no calls): the action
 * executions of the one pipeline execution meant (ListActionExecutions filtered to it), and,
 * to explain why nothing is pending, the pipeline's state (GetPipelineState), whose pending
 * approval may belong to another execution.
 */
import type {
  ActionExecutionDetail,
  ActionState,
  GetPipelineStateCommandOutput,
} from '@aws-sdk/client-codepipeline';
import { epochMs } from './execution-view.js';

export interface ApprovalRef {
  readonly stage: string;
  readonly action: string;
}

export interface WantedApproval {
  readonly stageName: string | undefined;
  readonly actionName: string | undefined;
}

export type ApprovalChoice =
  /** Waiting for an answer in this execution; token undefined when the listing carried none. */
  | (ApprovalRef & { readonly kind: 'pending'; readonly token: string | undefined })
  /** Several wait and none was named. */
  | { readonly kind: 'ambiguous'; readonly pending: readonly ApprovalRef[] }
  /** The approval meant has been answered (or has timed out) in this execution. */
  | (ApprovalRef & {
      readonly kind: 'answered';
      readonly status: string;
      readonly by: string | undefined;
      readonly summary: string | undefined;
    })
  /** Nothing waits yet. */
  | { readonly kind: 'none' };

export function isManualApproval(detail: ActionExecutionDetail): boolean {
  const type = detail.input?.actionTypeId;
  return type?.category === 'Approval' && (type.provider ?? 'Manual') === 'Manual';
}

export function matches(ref: ApprovalRef, wanted: WantedApproval): boolean {
  return (
    (wanted.stageName === undefined || ref.stage === wanted.stageName) &&
    (wanted.actionName === undefined || ref.action === wanted.actionName)
  );
}

export function describeApproval(ref: ApprovalRef): string {
  return `${ref.action} in stage ${ref.stage}`;
}

/**
 * The approval to answer among one execution's action executions. `approvals` are the
 * pipeline's manual approval actions (undefined when unknown): an answered approval ends the
 * search only when no other approval meant is still to come in this execution.
 */
export function chooseApproval(
  details: readonly ActionExecutionDetail[],
  wanted: WantedApproval,
  approvals: readonly ApprovalRef[] | undefined,
): ApprovalChoice {
  // The newest run of each approval action (a retried stage runs it again).
  const newest = new Map<string, ActionExecutionDetail>();
  for (const detail of details) {
    if (!isManualApproval(detail)) continue;
    const ref = refOf(detail);
    if (!matches(ref, wanted)) continue;
    const key = `${ref.stage}\u0000${ref.action}`;
    const known = newest.get(key);
    if (!known || epochMs(detail.startTime) > epochMs(known.startTime)) newest.set(key, detail);
  }
  const runs = [...newest.values()];
  const pending = runs.filter((detail) => detail.status === 'InProgress');
  if (pending.length > 1) return { kind: 'ambiguous', pending: pending.map(refOf) };
  const [waiting] = pending;
  if (waiting) {
    return {
      kind: 'pending',
      ...refOf(waiting),
      token: waiting.output?.executionResult?.externalExecutionId || undefined,
    };
  }
  const done = runs.sort((a, b) => epochMs(b.lastUpdateTime) - epochMs(a.lastUpdateTime));
  const [last] = done;
  if (!last) return { kind: 'none' };
  const named = wanted.stageName !== undefined && wanted.actionName !== undefined;
  const toCome = (approvals ?? []).filter(
    (ref) => matches(ref, wanted) && !newest.has(`${ref.stage}\u0000${ref.action}`),
  );
  // Unknown approvals (GetPipeline denied): an answered one ends the search only when named.
  if (!named && (approvals === undefined || toCome.length > 0)) return { kind: 'none' };
  const result = last.output?.executionResult;
  return {
    kind: 'answered',
    ...refOf(last),
    status: last.status ?? 'Unknown',
    by: last.updatedBy,
    summary: result?.externalExecutionSummary ?? result?.errorDetails?.message,
  };
}

/** The token GetPipelineState shows for the approval, only while that stage runs this execution. */
export function stateToken(
  state: GetPipelineStateCommandOutput,
  executionId: string,
  ref: ApprovalRef,
): string | undefined {
  const latest = thisExecutionsAction(state, executionId, ref)?.latestExecution;
  return latest?.status === 'InProgress' ? latest.token || undefined : undefined;
}

/** Who answered the approval, as GetPipelineState tells, when that stage ran this execution. */
export function stateAnsweredBy(
  state: GetPipelineStateCommandOutput,
  executionId: string,
  ref: ApprovalRef,
): string | undefined {
  return thisExecutionsAction(state, executionId, ref)?.latestExecution?.lastUpdatedBy;
}

/** The approval's action in GetPipelineState, when the stage it is in runs (or ran) this execution last. */
function thisExecutionsAction(
  state: GetPipelineStateCommandOutput,
  executionId: string,
  ref: ApprovalRef,
): ActionState | undefined {
  const stage = state.stageStates?.find((candidate) => candidate.stageName === ref.stage);
  if (stage?.latestExecution?.pipelineExecutionId !== executionId) return undefined;
  return stage.actionStates?.find((candidate) => candidate.actionName === ref.action);
}

/**
 * A manual approval (one of those meant) that waits for an answer in another execution than
 * this one: the stage it is in runs somebody else's execution.
 */
export function pendingElsewhere(
  state: GetPipelineStateCommandOutput,
  executionId: string,
  wanted: WantedApproval,
): (ApprovalRef & { readonly executionId: string }) | undefined {
  for (const stage of state.stageStates ?? []) {
    const other = stage.latestExecution?.pipelineExecutionId;
    if (!other || other === executionId || stage.latestExecution?.status !== 'InProgress') continue;
    for (const action of stage.actionStates ?? []) {
      const ref = { stage: stage.stageName ?? '', action: action.actionName ?? '' };
      // Only a manual approval's latest execution carries a token.
      if (action.latestExecution?.status === 'InProgress' && action.latestExecution.token) {
        if (matches(ref, wanted)) return { ...ref, executionId: other };
      }
    }
  }
  return undefined;
}

/** Where this execution is, as GetPipelineState tells: in a stage, or waiting to enter one. */
export function whereIs(
  state: GetPipelineStateCommandOutput,
  executionId: string,
): string | undefined {
  for (const stage of state.stageStates ?? []) {
    const inbound = [stage.inboundExecution, ...(stage.inboundExecutions ?? [])];
    if (inbound.some((execution) => execution?.pipelineExecutionId === executionId)) {
      return `waits to enter stage ${stage.stageName ?? '?'}`;
    }
  }
  for (const stage of [...(state.stageStates ?? [])].reverse()) {
    if (
      stage.latestExecution?.pipelineExecutionId === executionId &&
      stage.latestExecution.status === 'InProgress'
    ) {
      return `is in stage ${stage.stageName ?? '?'}`;
    }
  }
  return undefined;
}

function refOf(detail: ActionExecutionDetail): ApprovalRef {
  return { stage: detail.stageName ?? '', action: detail.actionName ?? '' };
}
