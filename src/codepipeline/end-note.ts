/**
 * Why an execution ended without succeeding, when CodePipeline tells: which execution
 * superseded it (the one now in, or waiting at, the stage it was waiting to enter) and with
 * which commit, or the reason it was stopped. Two reads, made only at such an end.
 */
import {
  ListPipelineExecutionsCommand,
  type CodePipelineClient,
  type PipelineExecutionSummary,
} from '@aws-sdk/client-codepipeline';
import { shortId } from './execution-status.js';
import type { ExecutionView } from './execution-view.js';
import { readPipelineState } from './pipeline-shape.js';
import { principalName } from './principal.js';
import type { PipelineTarget } from './pipeline-settings.js';

export async function endNote(
  codepipeline: CodePipelineClient,
  target: PipelineTarget,
  view: ExecutionView,
): Promise<string | undefined> {
  if (view.status === 'Superseded') {
    const stage = view.stages.find((candidate) => candidate.progress !== 'Succeeded');
    const state = await readPipelineState(codepipeline, target);
    const stageState = state.stageStates?.find((candidate) => candidate.stageName === stage?.name);
    const other = [
      stageState?.inboundExecution,
      ...(stageState?.inboundExecutions ?? []),
      stageState?.latestExecution,
    ]
      .map((execution) => execution?.pipelineExecutionId)
      .find((id) => id !== undefined && id !== view.id);
    if (!other) return view.execution.statusSummary;
    const summary = await findSummary(codepipeline, target, other);
    const commit = summary?.sourceRevisions?.find((revision) => revision.revisionId)?.revisionId;
    return `superseded by execution ${shortId(other)} (${other})${commit ? ` of commit ${commit.slice(0, 12)}` : ''}${stage ? ` at ${stage.name}` : ''}`;
  }
  if (view.status === 'Stopped') {
    const summary = await findSummary(codepipeline, target, view.id);
    const reason = summary?.stopTrigger?.reason;
    // Who stopped it shows on the actions the stop abandoned.
    const by = principalName(
      view.stages
        .flatMap((stage) => stage.actions)
        .find((action) => action.status === 'Abandoned' && action.updatedBy)?.updatedBy,
    );
    if (!reason && !by) return view.execution.statusSummary;
    return `stopped${by ? ` by ${by}` : ''}${reason ? `: ${reason}` : ''}`;
  }
  return view.execution.statusSummary;
}

async function findSummary(
  codepipeline: CodePipelineClient,
  target: PipelineTarget,
  executionId: string,
): Promise<PipelineExecutionSummary | undefined> {
  const page = await codepipeline.send(
    new ListPipelineExecutionsCommand({ pipelineName: target.pipelineName, maxResults: 100 }),
  );
  return page.pipelineExecutionSummaries?.find(
    (summary) => summary.pipelineExecutionId === executionId,
  );
}
