/**
 * A CodeDeploy lifecycle hook that always reports: for one `{DeploymentId,
 * LifecycleEventHookExecutionId}` it runs the configured checks and calls
 * PutLifecycleEventHookExecutionStatus exactly once with Succeeded or Failed. Bad configuration,
 * a thrown error and a check that hangs all end in Failed with the reason in the log; the checks
 * stop `reserveMs` before the function's remaining time runs out, so the report always has time.
 * A throttled or otherwise transient report is retried (after the SDK's own retries) while time
 * remains; a report that finally fails throws, so Lambda's retry of the invocation takes over.
 */
import { explainAwsError, isTransient } from '../aws/aws-errors.js';
import type { Clock } from '../util/clock.js';
import { UserError, errorMessage, errorName, isUserError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import { runHookChecks, type CheckOutcome, type CheckPorts } from './hook-checks.js';
import type { HookSettings } from './hook-settings.js';

export type HookStatus = 'Succeeded' | 'Failed';

export interface HookReport {
  readonly deploymentId: string;
  readonly lifecycleEventHookExecutionId: string;
  readonly status: HookStatus;
}

/** PutLifecycleEventHookExecutionStatus; `signal` bounds the whole call, SDK retries included. */
export interface HookStatusReporter {
  report(report: HookReport, signal: AbortSignal): Promise<void>;
}

export interface LifecycleHookPorts extends Omit<CheckPorts, 'logger' | 'clock'> {
  readonly logger: Logger;
  readonly clock: Clock;
  readonly reporter: HookStatusReporter;
  /** The function's remaining time, `context.getRemainingTimeInMillis()`. */
  readonly remainingMs: () => number;
  /** Parses the settings; a UserError is bad configuration. */
  readonly settings: () => HookSettings;
}

export interface LifecycleHookOptions {
  /**
   * Time kept for the report: the checks stop this long before the remaining time ends. Default
   * 3 s plus the report's own request time-out.
   */
  readonly reserveMs: number;
  /** Longest the hook's own retries of the report wait between two tries. Default 2000. */
  readonly maxReportPauseMs?: number;
}

export interface HookResult {
  readonly status: HookStatus;
  /** Why it failed, when it did. */
  readonly reason?: string;
  readonly checks: readonly CheckOutcome[];
  /** CodeDeploy said this hook execution was already complete (an earlier invocation reported). */
  readonly alreadyReported?: boolean;
}

interface HookEvent {
  readonly DeploymentId: string;
  readonly LifecycleEventHookExecutionId: string;
}

function hookEvent(event: unknown): HookEvent {
  const record = (typeof event === 'object' && event !== null ? event : {}) as Record<
    string,
    unknown
  >;
  const { DeploymentId, LifecycleEventHookExecutionId } = record;
  if (typeof DeploymentId !== 'string' || DeploymentId === '')
    throw new UserError(
      'The event has no DeploymentId: this function is a CodeDeploy lifecycle hook and must be invoked by CodeDeploy (a hooks entry of the AppSpec).',
    );
  if (typeof LifecycleEventHookExecutionId !== 'string' || LifecycleEventHookExecutionId === '')
    throw new UserError(
      `The event for deployment ${DeploymentId} has no LifecycleEventHookExecutionId: this function must be invoked by CodeDeploy.`,
    );
  return { DeploymentId, LifecycleEventHookExecutionId };
}

type Verdict = Omit<HookResult, 'alreadyReported'>;

async function decide(
  deploymentId: string,
  ports: LifecycleHookPorts,
  options: LifecycleHookOptions,
): Promise<Verdict> {
  let settings: HookSettings;
  try {
    settings = ports.settings();
  } catch (error) {
    const reason = isUserError(error)
      ? `bad configuration: ${error.message}`
      : `the settings could not be read: ${errorMessage(error)}`;
    return { status: 'Failed', reason, checks: [] };
  }
  const budgetMs = ports.remainingMs() - options.reserveMs;
  if (budgetMs <= 0)
    return {
      status: 'Failed',
      reason: `only ${ports.remainingMs()} ms of the function's time remain, less than the ${options.reserveMs} ms kept for the report: raise the function's Timeout`,
      checks: [],
    };

  const deadline = new AbortController();
  const stopWaiting = new AbortController();
  const timedOut = ports.clock.sleep(budgetMs, stopWaiting.signal).then(() => {
    if (stopWaiting.signal.aborted) return undefined;
    deadline.abort();
    return 'timed out' as const;
  });
  try {
    const checks = runHookChecks(settings, deploymentId, ports, deadline.signal);
    // A check that ignores its signal still cannot hold the report: the deadline wins the race.
    const outcome = await Promise.race([checks, timedOut]);
    if (outcome === 'timed out' || outcome === undefined) {
      // Give the checks a moment to log their own ending (they were aborted), never more.
      const settled = await Promise.race([checks, ports.clock.sleep(200).then(() => [])]);
      return {
        status: 'Failed',
        reason: `the checks did not finish within ${budgetMs} ms (the function's remaining time less ${options.reserveMs} ms kept for the report)`,
        checks: settled,
      };
    }
    const failed = outcome.filter((check) => !check.ok);
    return failed.length === 0
      ? { status: 'Succeeded', checks: outcome }
      : {
          status: 'Failed',
          reason: failed.map((check) => `${check.check}: ${check.detail}`).join('; '),
          checks: outcome,
        };
  } catch (error) {
    return {
      status: 'Failed',
      reason: `a check threw ${errorName(error) ?? 'an error'}: ${errorMessage(error)}`,
      checks: [],
    };
  } finally {
    stopWaiting.abort();
    deadline.abort();
  }
}

async function report(
  hook: HookEvent,
  status: HookStatus,
  ports: LifecycleHookPorts,
  options: LifecycleHookOptions,
): Promise<{ alreadyReported: boolean }> {
  const maxPause = options.maxReportPauseMs ?? 2000;
  const request: HookReport = {
    deploymentId: hook.DeploymentId,
    lifecycleEventHookExecutionId: hook.LifecycleEventHookExecutionId,
    status,
  };
  for (let attempt = 1; ; attempt++) {
    // The whole call, SDK retries included, ends half a second before the function would.
    const signal = AbortSignal.timeout(Math.max(ports.remainingMs() - 500, 1));
    try {
      await ports.reporter.report(request, signal);
      ports.logger.info(
        `reported ${status} for deployment ${hook.DeploymentId} (hook execution ${hook.LifecycleEventHookExecutionId})`,
      );
      return { alreadyReported: false };
    } catch (error) {
      if (errorName(error) === 'LifecycleEventAlreadyCompletedException') {
        ports.logger.warn(
          `CodeDeploy says hook execution ${hook.LifecycleEventHookExecutionId} of deployment ${hook.DeploymentId} is already complete (an earlier invocation reported): ${status} not sent again.`,
        );
        return { alreadyReported: true };
      }
      const pause = Math.min(250 * 2 ** attempt, maxPause);
      if (
        isTransient(error) &&
        attempt < 8 &&
        ports.remainingMs() - pause > options.reserveMs / 2
      ) {
        ports.logger.warn(
          `reporting ${status} failed (${errorName(error) ?? 'error'}: ${errorMessage(error)}); trying again in ${pause} ms`,
        );
        await ports.clock.sleep(pause);
        continue;
      }
      const explained = explainAwsError(error, {
        action: 'codedeploy:PutLifecycleEventHookExecutionStatus',
        region: ports.region,
        subject: `hook execution ${hook.LifecycleEventHookExecutionId} of deployment ${hook.DeploymentId}`,
      });
      ports.logger.error(
        `could not report ${status} to CodeDeploy (${errorName(error) ?? 'error'}): ${explained.message}`,
      );
      throw explained;
    }
  }
}

/** Runs the hook for one invocation; throws only when the report itself could not be made. */
export async function runLifecycleHook(
  event: unknown,
  ports: LifecycleHookPorts,
  options: LifecycleHookOptions,
): Promise<HookResult> {
  let hook: HookEvent;
  try {
    hook = hookEvent(event);
  } catch (error) {
    // Without the ids there is nothing to report to: say so and fail the invocation.
    ports.logger.error(errorMessage(error));
    throw error;
  }
  ports.logger.info(
    `lifecycle hook for deployment ${hook.DeploymentId} (hook execution ${hook.LifecycleEventHookExecutionId})`,
  );
  let verdict: Verdict;
  try {
    verdict = await decide(hook.DeploymentId, ports, options);
  } catch (error) {
    verdict = {
      status: 'Failed',
      reason: `the hook threw ${errorName(error) ?? 'an error'}: ${errorMessage(error)}`,
      checks: [],
    };
  }
  if (verdict.status === 'Failed') ports.logger.error(`Failed: ${verdict.reason ?? 'unknown'}`);
  else ports.logger.info(`Succeeded: ${verdict.checks.length} check(s) passed`);
  const { alreadyReported } = await report(hook, verdict.status, ports, options);
  return { ...verdict, ...(alreadyReported ? { alreadyReported } : {}) };
}
