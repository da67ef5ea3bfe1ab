/**
 * Reads the status of many builds at once: BatchGetBuilds takes up to 100 ids a call, so a batch
 * of any size costs one call per hundred members, and a single build is the one-id case. Batches
 * are read with BatchGetBuildBatches the same way.
 */
import {
  BatchGetBuildBatchesCommand,
  BatchGetBuildsCommand,
  type Build,
  type BuildBatch,
  type CodeBuildClient,
} from '@aws-sdk/client-codebuild';
import { explainAwsError, isTransient } from '../aws/aws-errors.js';

/** BatchGetBuilds' and BatchGetBuildBatches' limit of ids per call. */
export const IDS_PER_CALL = 100;

export type PollResult<T> =
  | { readonly ok: true; readonly items: readonly T[]; readonly notFound: readonly string[] }
  /** A throttle or 5xx: nothing is lost, the next poll tries again. */
  | { readonly ok: false; readonly error: unknown };

export class StatusPoller {
  constructor(
    private readonly codebuild: CodeBuildClient,
    private readonly region: string,
  ) {}

  /** The builds, in chunks of 100, and the ids CodeBuild does not know (buildsNotFound). */
  async builds(ids: readonly string[], signal?: AbortSignal): Promise<PollResult<Build>> {
    const items: Build[] = [];
    const notFound: string[] = [];
    for (let at = 0; at < ids.length; at += IDS_PER_CALL) {
      const chunk = ids.slice(at, at + IDS_PER_CALL);
      try {
        const response = await this.codebuild.send(new BatchGetBuildsCommand({ ids: chunk }), {
          abortSignal: signal,
        });
        items.push(...(response.builds ?? []));
        const found = new Set(items.map((build) => build.id));
        notFound.push(...chunk.filter((id) => !found.has(id)));
      } catch (error) {
        // A throttle, a 5xx, or a cancel's deadline: the caller tries again, or stops.
        if (isTransient(error) || signal?.aborted) return { ok: false, error };
        throw explainAwsError(error, {
          action: 'codebuild:BatchGetBuilds',
          region: this.region,
          subject: `build ${chunk.join(', ')}`,
        });
      }
    }
    return { ok: true, items, notFound };
  }

  async batch(id: string, signal?: AbortSignal): Promise<PollResult<BuildBatch>> {
    try {
      const response = await this.codebuild.send(new BatchGetBuildBatchesCommand({ ids: [id] }), {
        abortSignal: signal,
      });
      const batch = response.buildBatches?.[0];
      if (!batch)
        throw new Error(
          `BatchGetBuildBatches did not return batch ${id} (buildBatchesNotFound: ${(response.buildBatchesNotFound ?? []).join(', ')})`,
        );
      return { ok: true, items: [batch], notFound: [] };
    } catch (error) {
      if (isTransient(error) || signal?.aborted) return { ok: false, error };
      throw explainAwsError(error, {
        action: 'codebuild:BatchGetBuildBatches',
        region: this.region,
        subject: `batch ${id}`,
      });
    }
  }
}
