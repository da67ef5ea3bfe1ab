/**
 * approve's core: answer the manual approval of exactly one pipeline execution, never
 * "whatever is pending". The token comes from ListActionExecutions filtered to that execution
 * (which can never give another execution's token); in SUPERSEDED and QUEUED mode,
 * GetPipelineState tells when the pending approval belongs to another execution instead, and
 * then nothing is answered.
 *
 * IAM actions used (on arn:aws:codepipeline:<region>:<account>:<pipeline>, PutApprovalResult on
 * arn:aws:codepipeline:<region>:<account>:<pipeline>/<stage>/<action>):
 * - codepipeline:GetPipeline — the pipeline's manual approval actions (optional: without it the
 *   action names of GetPipelineState stand in)
 * - codepipeline:GetPipelineState — whose execution a pending approval belongs to
 * - codepipeline:GetPipelineExecution — the execution's status, mode and commit
 * - codepipeline:ListActionExecutions — the execution's approval and its token
 * - codepipeline:ListPipelineExecutions — only with source-revision: the execution of a commit
 * - codepipeline:PutApprovalResult — the answer
 */
import {
  GetPipelineExecutionCommand,
  PutApprovalResultCommand,
  type ActionExecutionDetail,
  type CodePipelineClient,
  type PipelineExecution,
} from '@aws-sdk/client-codepipeline';
import { explainAwsError, isTransient } from '../aws/aws-errors.js';
import {
  chooseApproval,
  describeApproval,
  pendingElsewhere,
  stateAnsweredBy,
  stateToken,
  whereIs,
  type ApprovalChoice,
  type ApprovalRef,
} from './approval-choice.js';
import {
  checkWanted,
  listApprovals,
  notFoundWhat,
  readPipelineApprovals,
  type PipelineApprovals,
} from './approval-actions.js';
import type { ApproveSettings } from './approve-settings.js';
import { isFinalExecution, listActionExecutions } from './execution-view.js';
import { EXECUTIONS_PER_PAGE, findExecutionByRevision } from './find-execution.js';
import { executionUrl } from './links.js';
import { readPipelineState } from './pipeline-shape.js';
import { principalName } from './principal.js';
import type { Clock } from '../util/clock.js';
import { formatDuration } from '../util/duration.js';
import { UserError, errorMessage, errorName } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import { markdownCell, markdownUrl } from '../util/markdown.js';

export interface ApprovePorts {
  readonly codepipeline: CodePipelineClient;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly setOutput: (name: string, value: string) => void;
  readonly writeSummary: (markdown: string) => Promise<void>;
  /** Aborts when the run is cancelled (SIGINT/SIGTERM). */
  readonly signal: AbortSignal;
}

export interface ApproveResult {
  readonly executionId: string;
  readonly stageName: string;
  readonly actionName: string;
}

interface Run {
  readonly settings: ApproveSettings;
  readonly ports: ApprovePorts;
  readonly approvals: PipelineApprovals;
  readonly deadline: number;
  /** The first wait was logged. */
  waiting: boolean;
  /** A read failed transiently since this time. */
  failingSince: number | undefined;
  /** An approval waits for the execution, but no token for it could be read (yet). */
  tokenless: string | undefined;
}

interface Target {
  readonly executionId: string;
  readonly execution: PipelineExecution;
  readonly commit: string | undefined;
  readonly url: string;
}

export async function approve(
  settings: ApproveSettings,
  ports: ApprovePorts,
): Promise<ApproveResult> {
  const { codepipeline, clock } = ports;
  const approvals = await readPipelineApprovals(codepipeline, settings);
  checkWanted(settings, approvals, settings);
  const run: Run = {
    settings,
    ports,
    approvals,
    deadline: clock.now() + settings.waitTimeoutMs,
    waiting: false,
    failingSince: undefined,
    tokenless: undefined,
  };
  const executionId = await resolveExecution(run);
  let target = await explained(run, 'codepipeline:GetPipelineExecution', executionId, () =>
    readTarget(run, executionId),
  );
  const mode = target.execution.executionMode ?? approvals.executionMode ?? 'SUPERSEDED';
  ports.logger.info(
    `Execution ${executionId}${target.commit ? ` (commit ${target.commit})` : ''} of pipeline ${settings.pipelineName}, ${mode} mode: ${target.url}`,
  );
  for (;;) {
    cancelled(run, `for a manual approval of execution ${executionId}`);
    const details = await poll(run, 'codepipeline:ListActionExecutions', () =>
      listActionExecutions(codepipeline, settings.pipelineName, executionId),
    );
    if (details) {
      const choice = chooseApproval(
        details,
        settings,
        approvals.from === 'GetPipeline' ? approvals.actions : undefined,
      );
      if (choice.kind === 'ambiguous') {
        throw new UserError(
          `Several manual approvals wait for execution ${executionId}: ${choice.pending.map(describeApproval).join('; ')}. Give stage-name and action-name to say which to answer.`,
        );
      }
      if (choice.kind === 'answered') {
        throw alreadyAnswered(run, target, choice, await answeredBy(run, target, choice));
      }
      if (choice.kind === 'pending') {
        const token =
          choice.token ??
          (mode === 'PARALLEL'
            ? undefined
            : stateToken(await readPipelineState(codepipeline, settings), executionId, choice));
        if (token) {
          if (!target.commit) {
            target = await explained(run, 'codepipeline:GetPipelineExecution', executionId, () =>
              readTarget(run, executionId),
            );
          }
          return answer(run, target, choice, token, details);
        }
        run.tokenless = describeApproval(choice);
      } else if (mode !== 'PARALLEL') {
        await checkNotElsewhere(run, target);
      }
    }
    const read = await poll(run, 'codepipeline:GetPipelineExecution', () =>
      readTarget(run, executionId),
    );
    if (read) target = read;
    if (isFinalExecution(target.execution.status)) {
      throw new UserError(
        `Execution ${executionId} of pipeline ${settings.pipelineName} has ended (${target.execution.status}${target.execution.statusSummary ? `: ${target.execution.statusSummary}` : ''}) with no manual approval waiting${wantedText(settings)}: answered nothing. ${target.url}`,
      );
    }
    const now = clock.now();
    if (now >= run.deadline) {
      const where = await whereNow(run, executionId);
      if (run.tokenless) {
        throw new UserError(
          `The manual approval ${run.tokenless} waits for execution ${executionId} of pipeline ${settings.pipelineName}, but neither ListActionExecutions nor GetPipelineState gave its token within ${seconds(settings.waitTimeoutMs)} (wait-timeout): answered nothing. Answer it in the console: ${target.url}`,
        );
      }
      throw new UserError(
        `No manual approval${wantedText(settings)} became pending for execution ${executionId} of pipeline ${settings.pipelineName} within ${seconds(settings.waitTimeoutMs)} (wait-timeout)${where ? `; the execution ${where}` : ''}: answered nothing. ${target.url}`,
      );
    }
    if (!run.waiting) {
      run.waiting = true;
      ports.logger.info(
        `No manual approval${wantedText(settings)} waits for execution ${executionId} yet; waiting up to ${seconds(run.deadline - now)}.`,
      );
    }
    await clock.sleep(Math.min(settings.pollIntervalMs, run.deadline - now), ports.signal);
  }
}

function seconds(ms: number): string {
  return ms >= 1000 ? formatDuration(ms) : `${(ms / 1000).toFixed(1)}s`;
}

/** A call outside the wait loop: every failure explained. */
async function explained<T>(
  run: Run,
  action: string,
  executionId: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw explainAwsError(error, {
      action,
      region: run.settings.region,
      subject: `execution ${executionId} of pipeline "${run.settings.pipelineName}"`,
    });
  }
}

function wantedText(settings: ApproveSettings): string {
  if (settings.stageName === undefined && settings.actionName === undefined) return '';
  return ` (${[
    settings.actionName !== undefined ? `action ${settings.actionName}` : undefined,
    settings.stageName !== undefined ? `stage ${settings.stageName}` : undefined,
  ]
    .filter(Boolean)
    .join(', ')})`;
}

function cancelled(run: Run, what: string): void {
  if (run.ports.signal.aborted) {
    throw new UserError(
      `Cancelled while waiting ${what}: answered nothing (no approval was approved or rejected).`,
    );
  }
}

/**
 * One read while waiting: a transient failure (throttling, 5xx, network, after the SDK's own
 * retries) is tried again on the next look until the deadline; anything else fails the run.
 */
async function poll<T>(run: Run, action: string, read: () => Promise<T>): Promise<T | undefined> {
  try {
    const value = await read();
    run.failingSince = undefined;
    return value;
  } catch (error) {
    if (error instanceof UserError) throw error;
    const now = run.ports.clock.now();
    if (!isTransient(error) || now >= run.deadline) {
      throw explainAwsError(error, {
        action,
        region: run.settings.region,
        subject: `pipeline "${run.settings.pipelineName}"`,
      });
    }
    if (run.failingSince === undefined) {
      run.failingSince = now;
      run.ports.logger.warn(`${action} failed (${errorMessage(error)}); trying again.`);
    }
    return undefined;
  }
}

async function resolveExecution(run: Run): Promise<string> {
  const { settings, ports } = run;
  const query = settings.execution;
  if (query.kind === 'id') return query.executionId;
  for (;;) {
    cancelled(run, `for an execution of commit ${query.revision}`);
    const search = await findExecutionByRevision(ports.codepipeline, settings, query.revision);
    if (search.found?.pipelineExecutionId) {
      const id = search.found.pipelineExecutionId;
      ports.logger.info(
        `Found execution ${id} (${search.found.status ?? 'status unknown'}) of pipeline ${settings.pipelineName} by its source revision ${query.revision}${search.pages > 1 ? ` in page ${search.pages} of ListPipelineExecutions` : ''}.`,
      );
      return id;
    }
    const now = ports.clock.now();
    // A running execution may name its source revision only once its source action is done.
    if (search.unresolved > 0 && now < run.deadline) {
      await ports.clock.sleep(Math.min(settings.pollIntervalMs, run.deadline - now), ports.signal);
      continue;
    }
    throw new UserError(
      search.complete
        ? `No execution of pipeline ${settings.pipelineName} in ${settings.region} has source revision ${query.revision}: none of its ${search.searched} executions ran it. Check the commit, or give execution-id.`
        : `No execution with source revision ${query.revision} in the newest ${search.searched} executions (${search.pages} pages of ${EXECUTIONS_PER_PAGE}, ListPipelineExecutions) of pipeline ${settings.pipelineName} in ${settings.region}. Check the commit, or give execution-id.`,
    );
  }
}

async function readExecution(run: Run, executionId: string): Promise<PipelineExecution> {
  const { settings, ports } = run;
  try {
    const read = await ports.codepipeline.send(
      new GetPipelineExecutionCommand({
        pipelineName: settings.pipelineName,
        pipelineExecutionId: executionId,
      }),
    );
    return read.pipelineExecution ?? {};
  } catch (error) {
    if (errorName(error) === 'PipelineExecutionNotFoundException') {
      throw new UserError(
        `Pipeline ${settings.pipelineName} in ${settings.region} has no execution ${executionId}. Check the execution id (start-pipeline's execution-id output) and the pipeline name.`,
      );
    }
    if (isTransient(error)) throw error;
    throw explainAwsError(error, {
      action: 'codepipeline:GetPipelineExecution',
      region: settings.region,
      subject: `execution ${executionId} of pipeline "${settings.pipelineName}"`,
    });
  }
}

async function readTarget(run: Run, executionId: string): Promise<Target> {
  const execution = await readExecution(run, executionId);
  return {
    executionId,
    execution,
    commit: commitOf(execution),
    url: executionUrl(run.settings.region, run.settings.pipelineName, executionId),
  };
}

function commitOf(execution: PipelineExecution): string | undefined {
  return execution.artifactRevisions?.find((revision) => revision.revisionId)?.revisionId;
}

/** SUPERSEDED / QUEUED: an approval that waits in another execution is not this one's to answer. */
async function checkNotElsewhere(run: Run, target: Target): Promise<void> {
  const { settings, ports } = run;
  const state = await poll(run, 'codepipeline:GetPipelineState', () =>
    readPipelineState(ports.codepipeline, settings),
  );
  if (!state) return;
  const other = pendingElsewhere(state, target.executionId, settings);
  if (!other) return;
  let commit: string | undefined;
  try {
    commit = commitOf(await readExecution(run, other.executionId));
  } catch (error) {
    ports.logger.debug(`Could not read execution ${other.executionId}: ${errorMessage(error)}`);
  }
  const where = whereIs(state, target.executionId);
  throw new UserError(
    `The manual approval ${describeApproval(other)} that is waiting belongs to execution ${other.executionId}${commit ? ` of commit ${commit}` : ''}, not to execution ${target.executionId}${target.commit ? ` of commit ${target.commit}` : ''}${where ? ` (which ${where})` : ''}: answered nothing. To answer it, give execution-id ${other.executionId}. ${executionUrl(settings.region, settings.pipelineName, other.executionId)}`,
  );
}

async function whereNow(run: Run, executionId: string): Promise<string | undefined> {
  try {
    return whereIs(await readPipelineState(run.ports.codepipeline, run.settings), executionId);
  } catch {
    return undefined;
  }
}

/** Who answered, from ListActionExecutions, else from GetPipelineState. */
async function answeredBy(
  run: Run,
  target: Target,
  choice: Extract<ApprovalChoice, { kind: 'answered' }>,
): Promise<string | undefined> {
  if (choice.by) return principalName(choice.by);
  try {
    const state = await readPipelineState(run.ports.codepipeline, run.settings);
    return principalName(stateAnsweredBy(state, target.executionId, choice));
  } catch {
    return undefined;
  }
}

function alreadyAnswered(
  run: Run,
  target: Target,
  choice: Extract<ApprovalChoice, { kind: 'answered' }>,
  by: string | undefined,
): UserError {
  const timedOut = choice.status === 'Failed' && choice.summary === 'Approval timed out';
  const how =
    choice.status === 'Succeeded'
      ? 'was already approved'
      : timedOut
        ? 'has already timed out'
        : choice.status === 'Failed'
          ? 'was already rejected'
          : `has already ended (${choice.status})`;
  return new UserError(
    `The manual approval ${describeApproval(choice)} of execution ${target.executionId} of pipeline ${run.settings.pipelineName} ${how}${by && !timedOut ? ` by ${by}` : ''}${choice.summary && choice.summary !== 'Approval timed out' ? ` ("${choice.summary}")` : ''}: answered nothing. ${target.url}`,
  );
}

async function answer(
  run: Run,
  target: Target,
  approval: ApprovalRef,
  token: string,
  details: readonly ActionExecutionDetail[],
): Promise<ApproveResult> {
  const { settings, ports } = run;
  const { executionId } = target;
  cancelled(run, `to answer ${describeApproval(approval)} of execution ${executionId}`);
  const status = settings.decision === 'approve' ? 'Approved' : 'Rejected';
  try {
    await ports.codepipeline.send(
      new PutApprovalResultCommand({
        pipelineName: settings.pipelineName,
        stageName: approval.stage,
        actionName: approval.action,
        token,
        result: { status, summary: settings.summary },
      }),
    );
  } catch (error) {
    throw await answerError(run, target, approval, details, error);
  }
  ports.setOutput('execution-id', executionId);
  ports.setOutput('stage-name', approval.stage);
  ports.setOutput('action-name', approval.action);
  ports.setOutput('decision', settings.decision);
  ports.logger.info(
    `${status} manual approval ${describeApproval(approval)} of execution ${executionId}${target.commit ? ` (commit ${target.commit})` : ''} of pipeline ${settings.pipelineName}: "${settings.summary}". ${target.url}`,
  );
  const icon = status === 'Approved' ? '✅' : '❌';
  await ports.writeSummary(
    [
      `${icon} **${status}** manual approval **${markdownCell(approval.action)}** (stage ${markdownCell(approval.stage)}) of pipeline **${markdownCell(settings.pipelineName)}**, [execution ${executionId}](${markdownUrl(target.url)})${target.commit ? `, commit \`${target.commit.slice(0, 12)}\`` : ''}: ${markdownCell(settings.summary)}`,
      '',
    ].join('\n'),
  );
  return { executionId, stageName: approval.stage, actionName: approval.action };
}

async function answerError(
  run: Run,
  target: Target,
  approval: ApprovalRef,
  details: readonly ActionExecutionDetail[],
  error: unknown,
): Promise<Error> {
  const { settings, ports } = run;
  const name = errorName(error);
  if (name === 'ApprovalAlreadyCompletedException' || name === 'InvalidApprovalTokenException') {
    // Answered in between, or the stage ran again: say what happened, by whom if known.
    let fresh: readonly ActionExecutionDetail[] = [];
    try {
      fresh = await listActionExecutions(
        ports.codepipeline,
        settings.pipelineName,
        target.executionId,
      );
    } catch (reread) {
      ports.logger.debug(`Could not re-read the approval: ${errorMessage(reread)}`);
    }
    const choice = chooseApproval(
      fresh,
      { stageName: approval.stage, actionName: approval.action },
      undefined,
    );
    if (choice.kind === 'answered') {
      return alreadyAnswered(run, target, choice, await answeredBy(run, target, choice));
    }
    if (name === 'ApprovalAlreadyCompletedException') {
      return new UserError(
        `CodePipeline says the manual approval ${describeApproval(approval)} of execution ${target.executionId} was already approved or rejected: answered nothing. ${target.url}`,
      );
    }
    return new UserError(
      `CodePipeline refused the token of manual approval ${describeApproval(approval)} of execution ${target.executionId} (InvalidApprovalTokenException): the token has expired or was superseded (the approval was answered, or its stage ran again, in between). Answered nothing; run approve again to answer the approval now waiting. ${target.url}`,
    );
  }
  if (name === 'StageNotFoundException' || name === 'ActionNotFoundException') {
    return new UserError(
      `${notFoundWhat({ stageName: approval.stage, actionName: approval.action })} in pipeline ${settings.pipelineName} (${name}): answered nothing. ${listApprovals(settings, run.approvals)}`,
    );
  }
  return explainAwsError(error, {
    action: 'codepipeline:PutApprovalResult',
    region: settings.region,
    subject: `approval action ${actionArn(run, approval, details)} (execution ${target.executionId})`,
  });
}

/** arn:aws:codepipeline:<region>:<account>:<pipeline>/<stage>/<action> */
function actionArn(
  run: Run,
  approval: ApprovalRef,
  details: readonly ActionExecutionDetail[],
): string {
  const { settings } = run;
  let pipelineArn = run.approvals.pipelineArn;
  if (!pipelineArn) {
    // The pipeline's role is in the same account: arn:aws:iam::<account>:role/...
    const role = details.find((detail) => detail.input?.roleArn)?.input?.roleArn;
    const match = role ? /^arn:([^:]+):iam::(\d{12}):/.exec(role) : null;
    pipelineArn = `arn:${match?.[1] ?? 'aws'}:codepipeline:${settings.region}:${match?.[2] ?? '<account>'}:${settings.pipelineName}`;
  }
  return `${pipelineArn}/${approval.stage}/${approval.action}`;
}
