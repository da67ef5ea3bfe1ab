/** Links into the CodePipeline console. */

/** The execution's timeline in the CodePipeline console. */
export function executionUrl(region: string, pipeline: string, executionId: string): string {
  return `https://${region}.console.aws.amazon.com/codesuite/codepipeline/pipelines/${encodeURIComponent(pipeline)}/executions/${encodeURIComponent(executionId)}/timeline?region=${region}`;
}

/** The pipeline's page in the CodePipeline console. */
export function pipelineUrl(region: string, pipeline: string): string {
  return `https://${region}.console.aws.amazon.com/codesuite/codepipeline/pipelines/${encodeURIComponent(pipeline)}/view?region=${region}`;
}
