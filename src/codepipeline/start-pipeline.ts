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
import {
  endDescription,
  executionStatus,
  shortId,
  stageStatuses,
  type StatusContext,
} from './execution-status.js';
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
import type { StartPipelineSettings } from './start-pipeline-settings.js';
import {
  redactStatus,
  type CommitState,
  type CommitStatus,
  type StatusReporter,
} from '../status/commit-status.js';
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
  const statuses = new StatusPublisher(ports.reporter, settings, logger);
  const follow = new ExecutionLog(logger);
  if (settings.wait === 'completion') {
    statuses.post(
      new Map([
        [
          shape.stages[0]?.name ?? '',
          {
            state: 'pending',
            name: settings.stageStatuses
              ? `${settings.statusContext} / ${shape.stages[0]?.name ?? ''}`
              : settings.statusContext,
            url,
            description: `Execution ${shortId(executionId)} started`,
          },
        ],
      ]),
    );
  }
  let view: ExecutionView | undefined;
  let failingSince: number | undefined;
  const startedAt = clock.now();
  let reads = 0;
  for (;;) {
    if (ports.signal.aborted) return cancel(settings, ports, statuses, view, executionId, url);
    try {
      view = await readExecution(
        codepipeline,
        settings.pipelineName,
        executionId,
        shape,
        view && { execution: view.execution, skipStatus: ++reads % STATUS_EVERY !== 0 },
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
  statuses: StatusPublisher,
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
  statuses: StatusPublisher,
  view: ExecutionView | undefined,
  executionId: string,
  url: string,
): Promise<StartPipelineResult> {
  const { logger, clock } = ports;
  let status = 'InProgress';
  let why = `Still running: the run was cancelled before the execution ended (stop-on-cancel: false)`;
  let state: CommitState = 'error';
  if (settings.stopOnCancel !== 'leave') {
    const abandon = settings.stopOnCancel === 'abandon';
    try {
      await ports.codepipeline.send(
        new StopPipelineExecutionCommand({
          pipelineName: settings.pipelineName,
          pipelineExecutionId: executionId,
          abandon,
          reason: 'The workflow run that started it was cancelled',
        }),
        { abortSignal: AbortSignal.timeout(STOP_TIMEOUT_MS) },
      );
      status = abandon ? 'Stopped' : 'Stopping';
      why = `${abandon ? 'Abandoned' : 'Stopped'}: the run was cancelled`;
      state = 'stopped';
      logger.warn(
        `Cancelled: ${abandon ? 'abandoned' : 'stopped'} execution ${executionId}${abandon ? '' : ' (running actions finish first)'}. ${url}`,
      );
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'PipelineExecutionNotStoppableException') {
        why = 'The run was cancelled; the execution had already ended';
        state = 'stopped';
      } else {
        const explained = explainAwsError(error, {
          action: 'codepipeline:StopPipelineExecution',
          region: settings.region,
          subject: `execution ${executionId} of pipeline "${settings.pipelineName}"`,
        });
        why = `Cancelled, but could not stop execution ${shortId(executionId)}: it may still be running`;
        logger.error(`Could not stop execution ${executionId}: ${errorMessage(explained)} ${url}`);
      }
    }
  } else {
    logger.warn(
      `Cancelled: execution ${executionId} keeps running (stop-on-cancel: false). ${url}`,
    );
  }
  ports.setOutput('status', status);
  await statuses.end(
    view,
    { state, why },
    contextOf(settings, url, clock),
    CANCEL_REPORT_MS,
    clock,
  );
  return { executionId, status, succeeded: false, message: why };
}

function variablesOf(view: ExecutionView): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const variable of view.execution.variables ?? []) {
    if (variable.name) variables[variable.name] = variable.resolvedValue ?? '';
  }
  return variables;
}

/** Every action of the last stage has ended: the execution's end is a moment away. */
function lastStageDone(view: ExecutionView): boolean {
  const last = view.stages[view.stages.length - 1];
  return (
    (last !== undefined && (last.progress === 'Succeeded' || last.progress === 'Failed')) ||
    failedAction(view) !== undefined
  );
}

/**
 * Posts each status once per change, in order, without holding up the watch: posts queue in
 * the reporter, and `settled()` waits for them at the end.
 */
class StatusPublisher {
  private readonly last = new Map<string, string>();
  /** Stages that have had a status: each must end in a final one. */
  readonly posted = new Set<string>();
  private readonly inFlight: Promise<void>[] = [];

  constructor(
    private readonly reporter: StatusReporter,
    private readonly settings: StartPipelineSettings,
    private readonly logger: Logger,
  ) {}

  update(view: ExecutionView, context: StatusContext, pendingToo = true): void {
    if (!this.settings.commitStatus) return;
    const statuses = this.settings.stageStatuses
      ? stageStatuses(view, context, this.posted)
      : new Map([['', executionStatus(view, context)]]);
    this.post(
      pendingToo
        ? statuses
        : new Map([...statuses].filter(([, status]) => status.state !== 'pending')),
    );
  }

  /** Every status posted so far, final: for a cancelled run, or one that lost track. */
  async end(
    view: ExecutionView | undefined,
    ending: NonNullable<StatusContext['ending']>,
    context: StatusContext,
    timeoutMs?: number,
    clock?: Clock,
  ): Promise<void> {
    if (this.settings.commitStatus) {
      const withEnding = { ...context, ending };
      if (view) this.update(view, withEnding);
      else {
        for (const stage of this.posted) {
          const name = this.settings.stageStatuses
            ? `${context.statusContext} / ${stage}`
            : context.statusContext;
          this.post(
            new Map([
              [stage, { state: ending.state, name, url: context.url, description: ending.why }],
            ]),
          );
        }
      }
    }
    if (timeoutMs !== undefined && clock) {
      await Promise.race([this.settled(), clock.sleep(timeoutMs)]);
    } else {
      await this.settled();
    }
  }

  post(statuses: ReadonlyMap<string, CommitStatus>): void {
    if (!this.settings.commitStatus) return;
    for (const [stage, status] of statuses) {
      const key = status.name;
      const text = JSON.stringify([status.state, status.description, status.url]);
      if (this.last.get(key) === text) continue;
      this.last.set(key, text);
      this.posted.add(stage);
      this.inFlight.push(
        this.reporter.report(redactStatus(status, (value) => this.logger.redact(value))),
      );
    }
  }

  async settled(): Promise<void> {
    await Promise.all(this.inFlight);
  }
}

/** Prints each stage as it starts and each action as it starts and ends. */
class ExecutionLog {
  private readonly seen = new Map<string, string>();

  constructor(private readonly logger: Logger) {}

  update(view: ExecutionView): void {
    for (const stage of view.stages) {
      if (stage.progress !== 'NotStarted' && !this.seen.has(stage.name)) {
        this.seen.set(stage.name, 'started');
        this.logger.info(`Stage ${stage.name}`);
      }
      for (const action of stage.actions) {
        const key = `${stage.name}\u0000${action.name}`;
        if (this.seen.get(key) === action.status) continue;
        this.seen.set(key, action.status);
        const what = `  ${action.name}${action.provider ? ` (${action.provider})` : ''}: ${action.status}`;
        const details = [action.summary, action.url].filter(Boolean).join(' ');
        this.logger.info(details ? `${what}: ${details}` : what);
      }
    }
  }
}
