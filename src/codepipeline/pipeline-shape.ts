/**
 * A pipeline's stages and actions in order, as GetPipelineState tells them: enough to check a
 * source action before starting, and to know which stages an execution has still to reach.
 * Source actions are the first stage's (CodePipeline allows them nowhere else).
 */
import {
  GetPipelineStateCommand,
  type CodePipelineClient,
  type GetPipelineStateCommandOutput,
} from '@aws-sdk/client-codepipeline';
import { explainAwsError } from '../aws/aws-errors.js';
import type { PipelineTarget } from './pipeline-settings.js';

export interface PipelineStage {
  readonly name: string;
  readonly actions: readonly string[];
}

export interface PipelineShape {
  readonly stages: readonly PipelineStage[];
  /** The state as read, for the approval and supersede questions asked of it. */
  readonly state: GetPipelineStateCommandOutput;
}

export async function readPipelineShape(
  codepipeline: CodePipelineClient,
  target: PipelineTarget,
  abortSignal?: AbortSignal,
): Promise<PipelineShape> {
  const state = await readPipelineState(codepipeline, target, abortSignal);
  return {
    state,
    stages: (state.stageStates ?? []).map((stage) => ({
      name: stage.stageName ?? '',
      actions: (stage.actionStates ?? []).map((action) => action.actionName ?? ''),
    })),
  };
}

export async function readPipelineState(
  codepipeline: CodePipelineClient,
  target: PipelineTarget,
  abortSignal?: AbortSignal,
): Promise<GetPipelineStateCommandOutput> {
  try {
    return await codepipeline.send(new GetPipelineStateCommand({ name: target.pipelineName }), {
      abortSignal,
    });
  } catch (error) {
    throw explainAwsError(error, {
      action: 'codepipeline:GetPipelineState',
      region: target.region,
      subject: `pipeline "${target.pipelineName}"`,
    });
  }
}

export function sourceActions(shape: PipelineShape): readonly string[] {
  return shape.stages[0]?.actions ?? [];
}
