/**
 * One pipeline execution as seen now: its status (GetPipelineExecution) and, per stage of the
 * pipeline, what its actions did in this execution (ListActionExecutions filtered to this
 * execution's id, every page) — never the pipeline's latest execution, which in a busy
 * pipeline is somebody else's.
 */
import {
  GetPipelineExecutionCommand,
  ListActionExecutionsCommand,
  type ActionExecutionDetail,
  type CodePipelineClient,
  type PipelineExecution,
} from '@aws-sdk/client-codepipeline';
import type { PipelineShape } from './pipeline-shape.js';

export type StageProgress = 'NotStarted' | 'InProgress' | 'Succeeded' | 'Failed' | 'Stopped';

export interface ActionView {
  readonly name: string;
  readonly status: string;
  readonly category: string | undefined;
  readonly provider: string | undefined;
  readonly summary: string | undefined;
  readonly url: string | undefined;
  readonly externalId: string | undefined;
  readonly updatedBy: string | undefined;
  readonly startedAt: number | undefined;
  readonly updatedAt: number | undefined;
}

export interface StageView {
  readonly name: string;
  readonly progress: StageProgress;
  /** This execution's latest run of each action of the stage that has run. */
  readonly actions: readonly ActionView[];
  readonly startedAt: number | undefined;
  readonly endedAt: number | undefined;
}

export interface ExecutionView {
  readonly id: string;
  readonly execution: PipelineExecution;
  /** InProgress until GetPipelineExecution says otherwise. */
  readonly status: string;
  readonly stages: readonly StageView[];
}

const FINAL_STATUSES = new Set(['Succeeded', 'Failed', 'Stopped', 'Superseded', 'Cancelled']);

export function isFinalExecution(status: string | undefined): boolean {
  return status !== undefined && FINAL_STATUSES.has(status);
}

/**
 * Reads the execution: its actions every time, and its own status too unless `known` says it
 * may be skipped while an action runs — a stop, the end or a supersede shows first in the
 * actions, or happens only between them, so a running action's poll needs one call, not two.
 */
export async function readExecution(
  codepipeline: CodePipelineClient,
  pipelineName: string,
  executionId: string,
  shape: PipelineShape,
  known?: { readonly execution: PipelineExecution; readonly skipStatus: boolean },
  abortSignal?: AbortSignal,
): Promise<ExecutionView> {
  const details = await listActionExecutions(codepipeline, pipelineName, executionId, abortSignal);
  const stages = stageViews(shape, details);
  const running = stages.some((stage) =>
    stage.actions.some((action) => action.status === 'InProgress'),
  );
  const execution =
    known?.skipStatus && running
      ? known.execution
      : ((
          await codepipeline.send(
            new GetPipelineExecutionCommand({ pipelineName, pipelineExecutionId: executionId }),
            { abortSignal },
          )
        ).pipelineExecution ?? {});
  return { id: executionId, execution, status: execution.status ?? 'InProgress', stages };
}

/** Every action execution of one pipeline execution, newest first, all pages. */
export async function listActionExecutions(
  codepipeline: CodePipelineClient,
  pipelineName: string,
  executionId: string,
  abortSignal?: AbortSignal,
): Promise<ActionExecutionDetail[]> {
  const details: ActionExecutionDetail[] = [];
  let nextToken: string | undefined;
  do {
    const page = await codepipeline.send(
      new ListActionExecutionsCommand({
        pipelineName,
        filter: { pipelineExecutionId: executionId },
        maxResults: 100,
        nextToken,
      }),
      { abortSignal },
    );
    // Only this execution's, also from a service that ignored the filter.
    details.push(
      ...(page.actionExecutionDetails ?? []).filter(
        (detail) => detail.pipelineExecutionId === executionId,
      ),
    );
    nextToken = page.nextToken;
  } while (nextToken);
  return details;
}

export function stageViews(
  shape: PipelineShape,
  details: readonly ActionExecutionDetail[],
): StageView[] {
  return shape.stages.map((stage) => {
    const actions: ActionView[] = [];
    for (const name of stage.actions) {
      // Newest first: the first is this execution's latest run of the action (a retried stage runs it again).
      const newest = details
        .filter((detail) => detail.stageName === stage.name && detail.actionName === name)
        .sort((a, b) => epochMs(b.startTime) - epochMs(a.startTime))[0];
      if (newest) actions.push(actionView(newest));
    }
    const starts = actions.map((action) => action.startedAt).filter(isNumber);
    const updates = actions.map((action) => action.updatedAt).filter(isNumber);
    const progress = stageProgress(stage.actions.length, actions);
    return {
      name: stage.name,
      progress,
      actions,
      startedAt: starts.length > 0 ? Math.min(...starts) : undefined,
      endedAt:
        progress === 'InProgress' || progress === 'NotStarted' || updates.length === 0
          ? undefined
          : Math.max(...updates),
    };
  });
}

function stageProgress(declared: number, actions: readonly ActionView[]): StageProgress {
  if (actions.length === 0) return 'NotStarted';
  if (actions.some((action) => action.status === 'InProgress')) return 'InProgress';
  if (actions.some((action) => action.status === 'Failed')) return 'Failed';
  if (actions.some((action) => action.status === 'Abandoned')) return 'Stopped';
  // Actions of a later run order have not started yet.
  return actions.length >= declared ? 'Succeeded' : 'InProgress';
}

function actionView(detail: ActionExecutionDetail): ActionView {
  const result = detail.output?.executionResult;
  return {
    name: detail.actionName ?? '',
    status: detail.status ?? 'InProgress',
    category: detail.input?.actionTypeId?.category,
    provider: detail.input?.actionTypeId?.provider,
    summary: result?.externalExecutionSummary ?? result?.errorDetails?.message,
    url: result?.externalExecutionUrl,
    externalId: result?.externalExecutionId,
    updatedBy: detail.updatedBy,
    startedAt: detail.startTime ? epochMs(detail.startTime) : undefined,
    updatedAt: detail.lastUpdateTime ? epochMs(detail.lastUpdateTime) : undefined,
  };
}

/** A date of the SDK's in epoch ms; none: 0. */
export function epochMs(date: Date | undefined): number {
  return date ? date.getTime() : 0;
}

function isNumber(value: number | undefined): value is number {
  return value !== undefined;
}

/** The manual approval waiting in this execution, if one is. */
export function waitingApproval(
  view: ExecutionView,
): { stage: string; action: ActionView } | undefined {
  for (const stage of view.stages) {
    const action = stage.actions.find(
      (candidate) => candidate.category === 'Approval' && candidate.status === 'InProgress',
    );
    if (action) return { stage: stage.name, action };
  }
  return undefined;
}

/** The failed stage and its failed action, if one failed. */
export function failedAction(
  view: ExecutionView,
): { stage: string; action: ActionView } | undefined {
  for (const stage of view.stages) {
    const action = stage.actions.find((candidate) => candidate.status === 'Failed');
    if (action) return { stage: stage.name, action };
  }
  return undefined;
}

/** The stage the execution waits to enter: the first not started, right after one that succeeded. */
export function stageBeingEntered(view: ExecutionView): StageView | undefined {
  if (isFinalExecution(view.status)) return undefined;
  const index = view.stages.findIndex((stage) => stage.progress !== 'Succeeded');
  const stage = view.stages[index];
  return stage?.progress === 'NotStarted' && index > 0 ? stage : undefined;
}
