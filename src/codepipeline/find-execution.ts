/**
 * The newest execution of a pipeline whose source revision is a given commit:
 * ListPipelineExecutions (newest first), a few pages at most. A full sha matches its equal
 * (case-insensitive), a short one the start of a revision id.
 */
import {
  ListPipelineExecutionsCommand,
  type CodePipelineClient,
  type PipelineExecutionSummary,
} from '@aws-sdk/client-codepipeline';
import { explainAwsError } from '../aws/aws-errors.js';
import type { PipelineTarget } from './pipeline-settings.js';

export const EXECUTIONS_PER_PAGE = 100;
export const MAX_EXECUTION_PAGES = 5;

export interface ExecutionSearch {
  readonly found: PipelineExecutionSummary | undefined;
  /** Executions read. */
  readonly searched: number;
  readonly pages: number;
  /** Every execution the pipeline has was read. */
  readonly complete: boolean;
  /** Executions read that are running but name no source revision yet (their source is still being fetched). */
  readonly unresolved: number;
}

export function revisionMatches(revisionId: string | undefined, revision: string): boolean {
  if (!revisionId) return false;
  const id = revisionId.toLowerCase();
  const wanted = revision.toLowerCase();
  return wanted.length >= 40 ? id === wanted : id.startsWith(wanted);
}

export function executionOfRevision(
  summaries: readonly PipelineExecutionSummary[],
  revision: string,
): PipelineExecutionSummary | undefined {
  return summaries.find((summary) =>
    (summary.sourceRevisions ?? []).some((source) => revisionMatches(source.revisionId, revision)),
  );
}

export async function findExecutionByRevision(
  codepipeline: CodePipelineClient,
  target: PipelineTarget,
  revision: string,
  maxPages = MAX_EXECUTION_PAGES,
): Promise<ExecutionSearch> {
  let searched = 0;
  let unresolved = 0;
  let nextToken: string | undefined;
  for (let pages = 1; ; pages++) {
    let page;
    try {
      page = await codepipeline.send(
        new ListPipelineExecutionsCommand({
          pipelineName: target.pipelineName,
          maxResults: EXECUTIONS_PER_PAGE,
          nextToken,
        }),
      );
    } catch (error) {
      throw explainAwsError(error, {
        action: 'codepipeline:ListPipelineExecutions',
        region: target.region,
        subject: `pipeline "${target.pipelineName}"`,
      });
    }
    const summaries = page.pipelineExecutionSummaries ?? [];
    searched += summaries.length;
    unresolved += summaries.filter(
      (summary) => summary.status === 'InProgress' && (summary.sourceRevisions ?? []).length === 0,
    ).length;
    const found = executionOfRevision(summaries, revision);
    nextToken = page.nextToken;
    if (found || !nextToken || pages >= maxPages) {
      return { found, searched, pages, complete: !nextToken, unresolved };
    }
  }
}
