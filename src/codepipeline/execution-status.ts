/**
 * The commit statuses of a pipeline execution: one per stage it has reached (context
 * "<status-context> / <stage>"), or one for the whole execution. A failed stage's status names
 * the failing action and its summary and links the action's own page (the CodeBuild build, the
 * CodeDeploy deployment) when it has one; every other status links the execution.
 */
import {
  failedAction,
  isFinalExecution,
  stageBeingEntered,
  waitingApproval,
  type ExecutionView,
  type StageView,
} from './execution-view.js';
import { principalName } from './principal.js';
import type { CommitState, CommitStatus } from '../status/commit-status.js';
import { formatDuration } from '../util/duration.js';

export interface StatusContext {
  readonly statusContext: string;
  /** The execution in the CodePipeline console. */
  readonly url: string;
  readonly now: number;
  /** Why an execution ended as it did (who stopped it, which execution superseded it). */
  readonly endNote?: string;
  /** Set when this run ends before the execution does: cancelled, or lost track of it. */
  readonly ending?: { readonly state: CommitState; readonly why: string };
}

export function stageContext(statusContext: string, stage: string): string {
  return `${statusContext} / ${stage}`;
}

export function shortId(executionId: string): string {
  return executionId.slice(0, 8);
}

/**
 * The status of each stage that has one now: those the execution has reached, the one it is
 * waiting to enter, and (as a final state) any in `posted` that it never finished.
 */
export function stageStatuses(
  view: ExecutionView,
  context: StatusContext,
  posted: ReadonlySet<string>,
): Map<string, CommitStatus> {
  const statuses = new Map<string, CommitStatus>();
  const final = isFinalExecution(view.status);
  const entering = stageBeingEntered(view);
  for (const stage of view.stages) {
    const name = stageContext(context.statusContext, stage.name);
    const make = (state: CommitState, description: string, url = context.url): void => {
      statuses.set(stage.name, { state, name, url, description });
    };
    const unfinished = stage.progress === 'InProgress' || stage.progress === 'NotStarted';
    if (unfinished && (context.ending || final)) {
      if (stage.progress === 'InProgress' || posted.has(stage.name) || stage === entering) {
        const end = context.ending ?? {
          state: endState(view.status),
          why: endDescription(view, context),
        };
        make(end.state, end.why);
      }
      continue;
    }
    switch (stage.progress) {
      case 'NotStarted':
        if (stage === entering) make('pending', `Waiting to enter ${stage.name}`);
        break;
      case 'InProgress':
        make('pending', inProgress(stage));
        break;
      case 'Succeeded':
        make('success', succeeded(stage));
        break;
      case 'Failed': {
        const action = stage.actions.find((candidate) => candidate.status === 'Failed');
        make('failure', failed(stage), action?.url ?? context.url);
        break;
      }
      case 'Stopped':
        make('stopped', endDescription(view, context));
        break;
    }
  }
  return statuses;
}

/** One status for the whole execution (stage-statuses: false). */
export function executionStatus(view: ExecutionView, context: StatusContext): CommitStatus {
  const name = context.statusContext;
  if (context.ending)
    return { state: context.ending.state, name, url: context.url, description: context.ending.why };
  if (!isFinalExecution(view.status)) {
    const approval = waitingApproval(view);
    const running = view.stages.find((stage) => stage.progress === 'InProgress');
    const entering = stageBeingEntered(view);
    return {
      state: 'pending',
      name,
      url: context.url,
      description: approval
        ? `Waiting for approval in ${approval.stage} (${approval.action.name})`
        : running
          ? `In progress: ${running.name}`
          : entering
            ? `Waiting to enter ${entering.name}`
            : `Execution ${shortId(view.id)} in progress`,
    };
  }
  const failure = failedAction(view);
  return {
    state: endState(view.status),
    name,
    url: view.status === 'Failed' ? (failure?.action.url ?? context.url) : context.url,
    description: endDescription(view, context),
  };
}

/** One line for the end of the log, the step's failure and the execution's status. */
export function endDescription(view: ExecutionView, context: StatusContext): string {
  const id = shortId(view.id);
  const took = executionDuration(view, context.now);
  switch (view.status) {
    case 'Succeeded':
      return `Execution ${id} succeeded${took}`;
    case 'Failed': {
      const failure = failedAction(view);
      if (!failure)
        return `Execution ${id} failed${took}${view.execution.statusSummary ? `: ${view.execution.statusSummary}` : ''}`;
      const stage = view.stages.find((candidate) => candidate.name === failure.stage);
      return `Execution ${id} failed in ${failure.stage}${took}: ${stage ? failed(stage) : failure.action.name}`;
    }
    case 'Superseded':
    case 'Stopped':
    case 'Cancelled':
      return `Execution ${id} ${view.status.toLowerCase()}${took}${context.endNote ? `: ${context.endNote}` : view.execution.statusSummary ? `: ${view.execution.statusSummary}` : ''}`;
    default:
      return `Execution ${id} is ${view.status}`;
  }
}

function endState(status: string): CommitState {
  switch (status) {
    case 'Succeeded':
      return 'success';
    case 'Failed':
      return 'failure';
    default:
      return 'stopped';
  }
}

function inProgress(stage: StageView): string {
  const approval = stage.actions.find(
    (action) => action.category === 'Approval' && action.status === 'InProgress',
  );
  if (approval) return `Waiting for approval: ${approval.name}`;
  const running = stage.actions
    .filter((action) => action.status === 'InProgress')
    .map((action) => action.name);
  return running.length > 0 ? `In progress: ${running.join(', ')}` : `In progress`;
}

function succeeded(stage: StageView): string {
  const took =
    stage.startedAt !== undefined && stage.endedAt !== undefined
      ? ` in ${formatDuration(stage.endedAt - stage.startedAt)}`
      : '';
  const approval = stage.actions.find((action) => action.category === 'Approval');
  const by = principalName(approval?.updatedBy);
  return `Succeeded${took}${approval ? ` (${approval.name} approved${by ? ` by ${by}` : ''})` : ''}`;
}

function failed(stage: StageView): string {
  const action = stage.actions.find((candidate) => candidate.status === 'Failed');
  if (!action) return 'Failed';
  if (action.category === 'Approval') {
    const by = principalName(action.updatedBy);
    return `${action.name} rejected${by ? ` by ${by}` : ''}${action.summary ? `: ${action.summary}` : ''}`;
  }
  return `${action.name}${action.provider ? ` (${action.provider})` : ''} failed${action.summary ? `: ${action.summary}` : ''}`;
}

function executionDuration(view: ExecutionView, now: number): string {
  const starts = view.stages
    .map((stage) => stage.startedAt)
    .filter((at): at is number => at !== undefined);
  if (starts.length === 0) return '';
  const ends = view.stages
    .map((stage) => stage.endedAt)
    .filter((at): at is number => at !== undefined);
  const end = isFinalExecution(view.status) && ends.length > 0 ? Math.max(...ends) : now;
  return ` after ${formatDuration(end - Math.min(...starts))}`;
}
