/**
 * The manual approval actions a pipeline declares (GetPipeline: category Approval, provider
 * Manual), with its ARN and execution mode. Without codepipeline:GetPipeline, the action names
 * GetPipelineState shows stand in, and messages say so.
 */
import { GetPipelineCommand, type CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { explainAwsError } from '../aws/aws-errors.js';
import type { ApprovalRef, WantedApproval } from './approval-choice.js';
import { matches } from './approval-choice.js';
import { readPipelineState } from './pipeline-shape.js';
import type { PipelineTarget } from './pipeline-settings.js';
import { UserError, errorName } from '../util/errors.js';

export interface PipelineApprovals {
  /** The manual approval actions, or (from: 'GetPipelineState') every action of the pipeline. */
  readonly actions: readonly ApprovalRef[];
  readonly from: 'GetPipeline' | 'GetPipelineState';
  readonly pipelineArn: string | undefined;
  readonly executionMode: string | undefined;
}

const DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation']);

export async function readPipelineApprovals(
  codepipeline: CodePipelineClient,
  target: PipelineTarget,
): Promise<PipelineApprovals> {
  try {
    const read = await codepipeline.send(new GetPipelineCommand({ name: target.pipelineName }));
    const actions: ApprovalRef[] = [];
    for (const stage of read.pipeline?.stages ?? []) {
      for (const action of stage.actions ?? []) {
        const type = action.actionTypeId;
        if (type?.category === 'Approval' && type.provider === 'Manual') {
          actions.push({ stage: stage.name ?? '', action: action.name ?? '' });
        }
      }
    }
    return {
      actions,
      from: 'GetPipeline',
      pipelineArn: read.metadata?.pipelineArn,
      executionMode: read.pipeline?.executionMode,
    };
  } catch (error) {
    if (!DENIED.has(errorName(error) ?? '')) {
      throw explainAwsError(error, {
        action: 'codepipeline:GetPipeline',
        region: target.region,
        subject: `pipeline "${target.pipelineName}"`,
      });
    }
  }
  const state = await readPipelineState(codepipeline, target);
  return {
    actions: (state.stageStates ?? []).flatMap((stage) =>
      (stage.actionStates ?? []).map((action) => ({
        stage: stage.stageName ?? '',
        action: action.actionName ?? '',
      })),
    ),
    from: 'GetPipelineState',
    pipelineArn: undefined,
    executionMode: undefined,
  };
}

/** The approvals a pipeline has, for a message: "Approve in stage Deploy, ...". */
export function listApprovals(target: PipelineTarget, approvals: PipelineApprovals): string {
  const names = approvals.actions.map((ref) => `${ref.stage}/${ref.action}`).join(', ');
  if (approvals.from === 'GetPipelineState') {
    return `Its actions are ${names || 'none'} (codepipeline:GetPipeline was denied, so these are all the actions GetPipelineState shows, not only the manual approvals; allow codepipeline:GetPipeline on the pipeline to list only those).`;
  }
  return approvals.actions.length > 0
    ? `Its manual approval actions (stage/action) are: ${names}.`
    : `Pipeline ${target.pipelineName} has no manual approval action.`;
}

/** Fails when the stage-name / action-name given name no manual approval of the pipeline. */
export function checkWanted(
  target: PipelineTarget,
  approvals: PipelineApprovals,
  wanted: WantedApproval,
): void {
  if (approvals.from === 'GetPipeline' && approvals.actions.length === 0) {
    throw new UserError(
      `Pipeline ${target.pipelineName} in ${target.region} has no manual approval action (an action of category Approval, provider Manual): there is nothing to approve or reject.`,
    );
  }
  if (wanted.stageName === undefined && wanted.actionName === undefined) return;
  if (approvals.actions.some((ref) => matches(ref, wanted))) return;
  throw new UserError(
    `${notFoundWhat(wanted)} in pipeline ${target.pipelineName}. ${listApprovals(target, approvals)}`,
  );
}

export function notFoundWhat(wanted: WantedApproval): string {
  if (wanted.stageName !== undefined && wanted.actionName !== undefined) {
    return `No manual approval action "${wanted.actionName}" in stage "${wanted.stageName}"`;
  }
  return wanted.stageName !== undefined
    ? `No manual approval action in stage "${wanted.stageName}"`
    : `No manual approval action "${wanted.actionName ?? ''}"`;
}
