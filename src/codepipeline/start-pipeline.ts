/**
 * start-pipeline's core: start one execution of a pipeline (idempotently: a retried step gets
 * the same execution), follow exactly that execution — GetPipelineExecution and
 * ListActionExecutions filtered to its id, never the pipeline's latest — and mirror its stages
 * to the commit. Returns at the end, as soon as a manual approval waits for it, or at once, as
 * asked. On cancel the execution is stopped (or abandoned) and every status posted is final.
 */
import {
  StartPipelineExecutionCommand,
  StopPipelineExecutionCommand,
  type CodePipelineClient,
} from '@aws-sdk/client-codepipeline';
import { explainAwsError, isTransient } from '../aws/aws-errors.js';
import { endNote } from './end-note.js';
import { endDescription, shortId, type StatusContext } from './execution-status.js';
import { ExecutionLog } from './execution-log.js';
import { executionSummary } from './execution-summary.js';
import {
  failedAction,
  isFinalExecution,
  readExecution,
  waitingApproval,
  type ExecutionView,
} from './execution-view.js';
import { executionUrl } from './links.js';
import { readPipelineShape, sourceActions, type PipelineShape } from './pipeline-shape.js';
import { StageStatusPublisher } from './stage-status-publisher.js';
import type { StartPipelineSettings } from './start-pipeline-settings.js';
import type { CommitState, StatusReporter } from '../status/commit-status.js';
import type { Clock } from '../util/clock.js';
import { UserError, errorMessage, errorName } from '../util/errors.js';
import type { Logger } from '../util/logger.js';

export interface StartPipelinePorts {
  readonly codepipeline: CodePipelineClient;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Posts to the commit of settings.commit. */
  readonly reporter: StatusReporter;
  readonly setOutput: (name: string, value: string) => void;
  readonly writeSummary: (markdown: string) => Promise<void>;
  /** Aborts when the run is cancelled (SIGINT/SIGTERM). */
  readonly signal: AbortSignal;
}

export interface StartPipelineResult {
  readonly executionId: string;
  /** CodePipeline's word for the execution's state when the command returned. */
  readonly status: string;
  /** Succeeded, or still running when not waited for to the end. */
  readonly succeeded: boolean;
  /** One line for the end of the log and the step's failure. */
  readonly message: string;
}

/** How long reads may keep failing (throttling, 5xx, network) before the run gives up on them. */
const LOST_AFTER_MS = 10 * 60_000;
/** How long a just-started execution may be unknown to GetPipelineExecution and ListActionExecutions. */
const NEW_EXECUTION_VISIBLE_MS = 30_000;
/** While an action runs, the execution's own status is read every this many polls (a stop). */
const STATUS_EVERY = 4;
/** Once the last stage's actions have ended, the execution's own status follows within seconds. */
const END_POLL_MS = 1_000;
/** After SIGINT the runner sends SIGTERM at 7.5 s: leave time to post the statuses and exit. */
const STOP_TIMEOUT_MS = 3_000;
const CANCEL_REPORT_MS = 2_500;

export async function startPipeline(
  settings: StartPipelineSettings,
  ports: StartPipelinePorts,
): Promise<StartPipelineResult> {
  const { codepipeline, logger, clock } = ports;
  const shape = await readPipelineShape(codepipeline, settings);
  checkSourceActions(shape, settings);
  if (ports.signal.aborted)
    throw new UserError('Cancelled before the pipeline was started: nothing started.');
  const executionId = await startExecution(settings, ports);
  const url = executionUrl(settings.region, settings.pipelineName, executionId);
  ports.setOutput('execution-id', executionId);
  ports.setOutput('url', url);
  logger.info(
    `Started execution ${executionId} of pipeline ${settings.pipelineName}${settings.commit ? ` for commit ${settings.commit}` : ''}: ${url}`,
  );
  if (settings.wait === 'none') {
    ports.setOutput('status', 'InProgress');
    return {
      executionId,
      status: 'InProgress',
      succeeded: true,
      message: `Execution ${shortId(executionId)} started (wait: none).`,
    };
  }
  const statuses = new StageStatusPublisher(ports.reporter, settings, logger);
  const follow = new ExecutionLog(logger);
  if (settings.wait === 'completion') {
    statuses.started(shape.stages[0]?.name ?? '', url, `Execution ${shortId(executionId)} started`);
  }
  let view: ExecutionView | undefined;
  let failingSince: number | undefined;
  const startedAt = clock.now();
  let reads = 0;
  for (;;) {
    if (ports.signal.aborted)
      return cancel(settings, ports, statuses, shape, view, executionId, url);
    try {
      view = await readExecution(
        codepipeline,
        settings.pipelineName,
        executionId,
        shape,
        view && { execution: view.execution, skipStatus: ++reads % STATUS_EVERY !== 0 },
        ports.signal,
      );
      failingSince = undefined;
    } catch (error) {
      if (ports.signal.aborted) continue;
      const now = clock.now();
      // A new execution may not be readable for a moment (eventual consistency): not lost yet.
      const notYetVisible =
        errorName(error) === 'PipelineExecutionNotFoundException' &&
        now - startedAt < NEW_EXECUTION_VISIBLE_MS;
      if (!(isTransient(error) || notYetVisible) || now - (failingSince ??= now) > LOST_AFTER_MS) {
        const explained = explainAwsError(error, {
          action: 'codepipeline:GetPipelineExecution',
          region: settings.region,
          subject: `execution ${executionId} of pipeline "${settings.pipelineName}"`,
        });
        await statuses.end(
          view,
          {
            state: 'error',
            why: `Lost track of execution ${shortId(executionId)}: ${errorMessage(explained)}`.slice(
              0,
              300,
            ),
          },
          contextOf(settings, url, clock),
        );
        throw new UserError(
          `Lost track of execution ${executionId} of pipeline ${settings.pipelineName} (it may still be running: ${url}): ${errorMessage(explained)}`,
        );
      }
      if (failingSince === now)
        logger.warn(`Could not read the execution (${errorMessage(error)}); trying again.`);
      await clock.sleep(settings.pollIntervalMs, ports.signal);
      continue;
    }
    follow.update(view);
    const final = isFinalExecution(view.status);
    const context = contextOf(
      settings,
      url,
      clock,
      final ? await noteOf(settings, ports, view) : undefined,
    );
    // Not following to the end, only finished stages get a status: none is left pending.
    statuses.update(view, context, settings.wait === 'completion' || final);
    if (final) return finish(settings, ports, statuses, view, context);
    const approval = settings.wait === 'approval' ? waitingApproval(view) : undefined;
    if (approval) {
      ports.setOutput('status', 'InProgress');
      ports.setOutput('approval-stage', approval.stage);
      ports.setOutput('approval-action', approval.action.name);
      ports.setOutput('variables', JSON.stringify(variablesOf(view)));
      logger.info(
        `Manual approval ${approval.action.name} in stage ${approval.stage} is waiting for execution ${executionId}: answer it with approve (execution-id ${executionId}).`,
      );
      await statuses.settled();
      await ports.writeSummary(
        executionSummary(settings.pipelineName, view, context, settings.commit),
      );
      return {
        executionId,
        status: 'InProgress',
        succeeded: true,
        message: `Execution ${shortId(executionId)} waits for approval ${approval.action.name} in ${approval.stage}.`,
      };
    }
    await clock.sleep(lastStageDone(view) ? END_POLL_MS : settings.pollIntervalMs, ports.signal);
  }
}

function contextOf(
  settings: StartPipelineSettings,
  url: string,
  clock: Clock,
  endNote?: string,
  ending?: StatusContext['ending'],
): StatusContext {
  return { statusContext: settings.statusContext, url, now: clock.now(), endNote, ending };
}

function checkSourceActions(shape: PipelineShape, settings: StartPipelineSettings): void {
  const sources = sourceActions(shape);
  for (const revision of settings.sourceRevisions) {
    if (!sources.includes(revision.actionName ?? '')) {
      throw new UserError(
        `Pipeline ${settings.pipelineName} has no source action "${revision.actionName}": its source actions (stage ${shape.stages[0]?.name ?? '?'}) are ${sources.map((name) => `"${name}"`).join(', ') || 'none'}.`,
      );
    }
  }
}

async function startExecution(
  settings: StartPipelineSettings,
  { codepipeline, logger }: StartPipelinePorts,
): Promise<string> {
  try {
    const started = await codepipeline.send(
      new StartPipelineExecutionCommand({
        name: settings.pipelineName,
        clientRequestToken: settings.clientRequestToken,
        ...(settings.variables.length > 0 ? { variables: [...settings.variables] } : {}),
        ...(settings.sourceRevisions.length > 0
          ? { sourceRevisions: [...settings.sourceRevisions] }
          : {}),
      }),
    );
    if (!started.pipelineExecutionId) throw new Error('StartPipelineExecution named no execution');
    return started.pipelineExecutionId;
  } catch (error) {
    logger.debug(`StartPipelineExecution failed: ${errorMessage(error)}`);
    throw explainAwsError(error, {
      action: 'codepipeline:StartPipelineExecution',
      region: settings.region,
      subject: `pipeline "${settings.pipelineName}"`,
    });
  }
}

/** Why it ended, when it ended other than succeeding or failing; never fails the run. */
async function noteOf(
  settings: StartPipelineSettings,
  ports: StartPipelinePorts,
  view: ExecutionView,
): Promise<string | undefined> {
  if (view.status === 'Succeeded' || view.status === 'Failed') return undefined;
  try {
    return await endNote(ports.codepipeline, settings, view);
  } catch (error) {
    ports.logger.debug(`Could not tell why the execution ended: ${errorMessage(error)}`);
    return view.execution.statusSummary;
  }
}

async function finish(
  settings: StartPipelineSettings,
  ports: StartPipelinePorts,
  statuses: StageStatusPublisher,
  view: ExecutionView,
  context: StatusContext,
): Promise<StartPipelineResult> {
  const message = endDescription(view, context);
  const failure = failedAction(view);
  ports.setOutput('status', view.status);
  if (failure) {
    ports.setOutput('failed-stage', failure.stage);
    ports.setOutput('failed-action', failure.action.name);
  }
  ports.setOutput('variables', JSON.stringify(variablesOf(view)));
  const succeeded = view.status === 'Succeeded';
  if (succeeded) ports.logger.info(message);
  else ports.logger.error(message);
  await statuses.settled();
  await ports.writeSummary(executionSummary(settings.pipelineName, view, context, settings.commit));
  return { executionId: view.id, status: view.status, succeeded, message };
}

async function cancel(
  settings: StartPipelineSettings,
  ports: StartPipelinePorts,
  statuses: StageStatusPublisher,
  shape: PipelineShape,
  last: ExecutionView | undefined,
  executionId: string,
  url: string,
): Promise<StartPipelineResult> {
  const { clock } = ports;
  const stopped = await stopOnCancel(settings, ports, executionId, url);
  // What the execution is now: it may have ended meanwhile, and then it ends as it ended.
  const view = await readExecution(
    ports.codepipeline,
    settings.pipelineName,
    executionId,
    shape,
    undefined,
    AbortSignal.timeout(STOP_TIMEOUT_MS),
  ).catch(() => last);
  if (view && isFinalExecution(view.status)) {
    const context = contextOf(settings, url, clock, await noteOf(settings, ports, view));
    statuses.update(view, context);
    return finish(settings, ports, statuses, view, context);
  }
  ports.setOutput('status', view?.status === 'Stopping' ? 'Stopping' : stopped.status);
  await statuses.end(view, stopped, contextOf(settings, url, clock), {
    ms: CANCEL_REPORT_MS,
    clock,
  });
  return { executionId, status: stopped.status, succeeded: false, message: stopped.why };
}

/** StopPipelineExecution of this execution, as stop-on-cancel says; what the statuses then say. */
async function stopOnCancel(
  settings: StartPipelineSettings,
  { codepipeline, logger }: StartPipelinePorts,
  executionId: string,
  url: string,
): Promise<{ state: CommitState; why: string; status: string }> {
  if (settings.stopOnCancel === 'leave') {
    logger.warn(
      `Cancelled: execution ${executionId} keeps running (stop-on-cancel: false). ${url}`,
    );
    return {
      state: 'error',
      why: 'Still running: the run was cancelled before the execution ended (stop-on-cancel: false)',
      status: 'InProgress',
    };
  }
  const abandon = settings.stopOnCancel === 'abandon';
  try {
    await codepipeline.send(
      new StopPipelineExecutionCommand({
        pipelineName: settings.pipelineName,
        pipelineExecutionId: executionId,
        abandon,
        reason: 'The workflow run that started it was cancelled',
      }),
      { abortSignal: AbortSignal.timeout(STOP_TIMEOUT_MS) },
    );
    logger.warn(
      `Cancelled: ${abandon ? 'abandoned' : 'stopped'} execution ${executionId}${abandon ? '' : ' (running actions finish first)'}. ${url}`,
    );
    return {
      state: 'stopped',
      why: `${abandon ? 'Abandoned' : 'Stopped'}: the run was cancelled`,
      status: abandon ? 'Stopped' : 'Stopping',
    };
  } catch (error) {
    if (errorName(error) === 'DuplicatedStopRequestException') {
      logger.warn(`Cancelled: execution ${executionId} was already being stopped. ${url}`);
      return {
        state: 'stopped',
        why: 'Stopped: the run was cancelled while the execution was stopping',
        status: 'Stopping',
      };
    }
    if (errorName(error) === 'PipelineExecutionNotStoppableException') {
      return {
        state: 'stopped',
        why: 'The run was cancelled as the execution ended',
        status: 'InProgress',
      };
    }
    const explained = explainAwsError(error, {
      action: 'codepipeline:StopPipelineExecution',
      region: settings.region,
      subject: `execution ${executionId} of pipeline "${settings.pipelineName}"`,
    });
    logger.error(`Could not stop execution ${executionId}: ${errorMessage(explained)} ${url}`);
    return {
      state: 'error',
      why: `Cancelled, but could not stop execution ${shortId(executionId)}: it may still be running`,
      status: 'InProgress',
    };
  }
}

function variablesOf(view: ExecutionView): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const variable of view.execution.variables ?? []) {
    if (variable.name) variables[variable.name] = variable.resolvedValue ?? '';
  }
  return variables;
}

/** No action runs and the last stage has ended, or one failed: the execution's end is a moment away. */
function lastStageDone(view: ExecutionView): boolean {
  if (view.stages.some((stage) => stage.progress === 'InProgress')) return false;
  const last = view.stages[view.stages.length - 1];
  return last?.progress === 'Succeeded' || failedAction(view) !== undefined;
}
