/**
 * Mirrors CodePipeline's pipeline and stage "Execution State Change" events to the commit the
 * execution runs: one status per stage it has reached, with start-pipeline's contexts
 * ("AWS CodePipeline <region> (<pipeline>) / <stage>"), states, descriptions and links. The
 * event is only a trigger: what is posted is the execution as the API shows it now, so a late
 * or repeated STARTED finds its stage ended and never turns it back to pending.
 *
 * AWS calls per event: GetPipelineExecution (status, pipeline version, source revisions) and
 * ListActionExecutions (what each action did, one page per 100 action runs); GetPipeline once
 * per pipeline version in a warm instance (its shape and source actions are cached). A pipeline
 * not mirrored (PIPELINES) costs none; one whose source is on no code host costs only
 * GetPipelineExecution. Before the source stage has ended the commit is not known: such an
 * event posts nothing, and the next one (the source stage's end) posts what has happened.
 *
 * Code-host calls: a status is posted when it differs from what this warm instance last posted
 * for that context of that execution (a small bounded memory), so the many events of one
 * execution post each change once. The execution's own final event posts every status again,
 * so no final state is lost to an earlier refusal or to another instance's memory.
 */
import { RetryLater } from './retry-later.js';
import {
  GetPipelineCommand,
  GetPipelineExecutionCommand,
  type CodePipelineClient,
  type PipelineExecution,
} from '@aws-sdk/client-codepipeline';
import type { PipelineEvent } from './build-event.js';
import type { MirrorOutcome } from './mirror-build.js';
import type { MirrorSettings } from './mirror-settings.js';
import { executionSource, sourceActionsOf, type SourceAction } from './pipeline-repository.js';
import { repositoryName } from './source-repository.js';
import type { StatusPoster } from './status-poster.js';
import { explainAwsError } from '../aws/aws-errors.js';
import { shortId, stageStatuses } from '../codepipeline/execution-status.js';
import {
  isFinalExecution,
  listActionExecutions,
  stageViews,
  type ExecutionView,
} from '../codepipeline/execution-view.js';
import { executionUrl } from '../codepipeline/links.js';
import type { PipelineShape } from '../codepipeline/pipeline-shape.js';
import { redactStatus, type CommitStatus } from '../status/commit-status.js';
import type { Clock } from '../util/clock.js';
import { errorName } from '../util/errors.js';
import type { Logger } from '../util/logger.js';

export interface PipelineMirrorPorts {
  readonly logger: Logger;
  readonly clock: Clock;
  readonly settings: MirrorSettings;
  readonly poster: StatusPoster;
  /** A CodePipeline client per region, kept across invocations. */
  readonly codepipeline: (region: string) => CodePipelineClient;
}

/** CodePipeline has not caught up with its own event: worth retrying in a minute. */
export class PipelineNotCaughtUp extends RetryLater {
  override readonly name = 'PipelineNotCaughtUp';
}

/** Executions whose posted statuses are remembered; the oldest is forgotten first. */
const REMEMBERED_EXECUTIONS = 200;
const FINAL_EVENT_STATES = new Set(['SUCCEEDED', 'FAILED', 'STOPPED', 'SUPERSEDED', 'CANCELED']);
const FINAL_STAGE_STATES = new Set(['SUCCEEDED', 'FAILED']);

interface PipelineDefinition {
  readonly shape: PipelineShape;
  readonly sources: readonly SourceAction[];
}

export function statusContextOf(region: string, pipeline: string): string {
  return `AWS CodePipeline ${region} (${pipeline})`;
}

export function createPipelineMirror(
  ports: PipelineMirrorPorts,
): (event: PipelineEvent) => Promise<MirrorOutcome> {
  const definitions = new Map<string, PipelineDefinition>();
  /** Per execution: per stage, the status last accepted by the code host. */
  const posted = new Map<string, Map<string, string>>();

  function memoryOf(executionId: string): Map<string, string> {
    const known = posted.get(executionId) ?? new Map<string, string>();
    posted.delete(executionId);
    posted.set(executionId, known);
    while (posted.size > REMEMBERED_EXECUTIONS) posted.delete(posted.keys().next().value ?? '');
    return known;
  }

  async function definitionOf(
    event: PipelineEvent,
    version: number | undefined,
  ): Promise<PipelineDefinition> {
    const key = JSON.stringify([event.region, event.pipeline, version]);
    const cached = definitions.get(key);
    if (cached) return cached;
    const pipeline = await call(
      event,
      'codepipeline:GetPipeline',
      `pipeline "${event.pipeline}"`,
      () =>
        ports
          .codepipeline(event.region)
          .send(new GetPipelineCommand({ name: event.pipeline, ...(version ? { version } : {}) })),
    );
    const stages = pipeline.pipeline?.stages ?? [];
    const definition: PipelineDefinition = {
      // Read from GetPipeline, which the mirror is allowed; the pipeline's state is not needed.
      shape: {
        stages: stages.map((stage) => ({
          name: stage.name ?? '',
          actions: (stage.actions ?? []).map((action) => action.name ?? ''),
        })),
        state: { $metadata: {} },
      },
      sources: sourceActionsOf(stages.flatMap((stage) => stage.actions ?? [])),
    };
    definitions.set(key, definition);
    return definition;
  }

  return async (event) => {
    const { settings, logger } = ports;
    const label = `${event.pipeline} execution ${shortId(event.executionId)} (${event.stage ? `stage ${event.stage} ` : ''}${event.state})`;
    const skip = (why: string): MirrorOutcome => ({
      outcome: 'skipped',
      message: `${label}: ${why}`,
    });
    if (!settings.pipelines.matches(event.pipeline))
      return skip(`pipeline not mirrored (PIPELINES is ${settings.pipelines.text})`);

    const subject = `execution ${event.executionId} of pipeline "${event.pipeline}"`;
    let execution: PipelineExecution;
    try {
      execution =
        (
          await call(event, 'codepipeline:GetPipelineExecution', subject, () =>
            ports.codepipeline(event.region).send(
              new GetPipelineExecutionCommand({
                pipelineName: event.pipeline,
                pipelineExecutionId: event.executionId,
              }),
            ),
          )
        ).pipelineExecution ?? {};
    } catch (error) {
      const name = errorName(error);
      if (name === 'PipelineExecutionNotFoundException' || name === 'PipelineNotFoundException')
        return skip(
          `CodePipeline in ${event.region} has no ${subject} (deleted?); nothing to post`,
        );
      throw error;
    }
    const definition = await definitionOf(event, execution.pipelineVersion);
    const source = executionSource(
      definition.sources,
      execution.artifactRevisions ?? [],
      settings.hosts,
      {
        github: !ports.poster.missingCredentials({ host: 'github', owner: '', repo: '' }),
        bitbucket: !ports.poster.missingCredentials({
          host: 'bitbucket-cloud',
          workspace: '',
          slug: '',
        }),
      },
    );
    if (!source.found) {
      const started =
        (execution.artifactRevisions ?? []).length === 0 && !isFinalExecution(execution.status);
      return skip(
        started
          ? `its commit is known once the source stage has ended; its statuses are posted then (${source.why})`
          : `not on a code host this mirror posts to: ${source.why}; nothing to post`,
      );
    }
    const repository = source.repository;
    const missing = ports.poster.missingCredentials(repository);
    if (missing)
      return skip(
        `no credentials for ${repository.host === 'github' ? 'GitHub' : 'Bitbucket'}, so nothing is posted to ${repositoryName(repository)}: set ${missing}`,
      );

    const details = await call(event, 'codepipeline:ListActionExecutions', subject, () =>
      listActionExecutions(ports.codepipeline(event.region), event.pipeline, event.executionId),
    );
    const view: ExecutionView = {
      id: event.executionId,
      execution,
      status: execution.status ?? 'InProgress',
      stages: stageViews(definition.shape, details),
    };
    checkCaughtUp(event, view);

    const finalEvent = !event.stage && FINAL_EVENT_STATES.has(event.state);
    const memory = memoryOf(event.executionId);
    const statuses = stageStatuses(
      view,
      {
        statusContext: statusContextOf(event.region, event.pipeline),
        url: executionUrl(event.region, event.pipeline, event.executionId),
        now: ports.clock.now(),
      },
      new Set([...memory.keys(), ...waitedFor(view)]),
    );
    const sent: string[] = [];
    const refused: string[] = [];
    let unchanged = 0;
    for (const [stage, raw] of statuses) {
      const status: CommitStatus = redactStatus(raw, (text) => logger.redact(text));
      const text = JSON.stringify([status.state, status.description, status.url]);
      if (!finalEvent && memory.get(stage) === text) {
        unchanged++;
        continue;
      }
      const result = await ports.poster.post(
        { repository, commit: source.commit, branch: source.branch },
        status,
      );
      if (result.posted) {
        memory.set(stage, text);
        sent.push(`${stage} ${status.state} "${status.description}"`);
      } else refused.push(`${stage} ${status.state} not posted: ${result.why}`);
    }
    const where = `${repositoryName(repository)}@${source.commit.slice(0, 7)} (source action ${source.action})`;
    if (refused.length > 0)
      return { outcome: 'refused', message: `${label}: ${[...sent, ...refused].join('; ')}` };
    if (sent.length === 0)
      return skip(
        statuses.size === 0
          ? `no stage has a status yet; nothing to post to ${where}`
          : `${unchanged} status(es) unchanged since last posted to ${where}`,
      );
    return {
      outcome: 'posted',
      message: `${label}: ${sent.join('; ')} → ${where}${unchanged > 0 ? `; ${unchanged} unchanged` : ''}`,
    };
  };
}

async function call<T>(
  event: PipelineEvent,
  action: string,
  subject: string,
  send: () => Promise<T>,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const name = errorName(error);
    if (name === 'PipelineExecutionNotFoundException' || name === 'PipelineNotFoundException')
      throw error;
    throw explainAwsError(error, { action, region: event.region, subject });
  }
}

/** An event that announces an end the API does not show yet: retried until it does. */
function checkCaughtUp(event: PipelineEvent, view: ExecutionView): void {
  if (!event.stage) {
    if (FINAL_EVENT_STATES.has(event.state) && !isFinalExecution(view.status))
      throw new PipelineNotCaughtUp(
        `The event says execution ${event.executionId} ended ${event.state}, but GetPipelineExecution still shows ${view.status}; retrying later.`,
      );
    return;
  }
  const stage = view.stages.find((candidate) => candidate.name === event.stage);
  if (
    FINAL_STAGE_STATES.has(event.state) &&
    !isFinalExecution(view.status) &&
    (stage?.progress === 'InProgress' || stage?.progress === 'NotStarted')
  )
    throw new PipelineNotCaughtUp(
      `The event says stage ${event.stage} of execution ${event.executionId} ended ${event.state}, but ListActionExecutions still shows it ${stage.progress}; retrying later.`,
    );
}

/**
 * The stage an ended execution was waiting to enter (the first not started, right after one that
 * succeeded): it may have had a "Waiting to enter" status from another instance, which must end.
 */
function waitedFor(view: ExecutionView): string[] {
  if (!isFinalExecution(view.status)) return [];
  const index = view.stages.findIndex((stage) => stage.progress !== 'Succeeded');
  const stage = view.stages[index];
  return stage && index > 0 && stage.progress === 'NotStarted' ? [stage.name] : [];
}
