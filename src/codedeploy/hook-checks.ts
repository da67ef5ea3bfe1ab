/**
 * The lifecycle hook's checks: GET each URL (in parallel, each with its own attempts and pauses)
 * and invoke the new version of a function. Each check ends in one outcome and logs one line per
 * attempt saying what was asked and, when it failed, why: the status and what was expected, a
 * body that does not match, no answer in time, no connection, a function error. Every wait and
 * request also ends when `signal` aborts (the hook's own deadline).
 */
import type { Clock } from '../util/clock.js';
import { errorMessage, errorName } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import { noAnswerReason } from '../util/network-errors.js';
import { explainAwsError } from '../aws/aws-errors.js';
import type { HookSettings, InvokeCheckSettings } from './hook-settings.js';
import { printableUrl } from './hook-settings.js';
import { targetVersionOf, type DeploymentFacts } from './hook-target-version.js';

export interface CheckOutcome {
  /** e.g. `GET https://app.example.com/health`, `invoke web:7`. */
  readonly check: string;
  readonly ok: boolean;
  /** What happened, for the log and the summary: `HTTP 200`, `HTTP 500, expected 200`. */
  readonly detail: string;
}

/** The HTTP port: one GET, ended by `signal`. */
export interface HttpProbe {
  get(url: URL, signal: AbortSignal): Promise<{ status: number; body: string }>;
}

export interface InvokeRequest {
  readonly functionName: string;
  readonly qualifier?: string;
  readonly payload: string;
}

export interface InvokeAnswer {
  readonly functionError?: string;
  readonly payload: string;
}

/** Lambda's Invoke, synchronous (RequestResponse). */
export interface FunctionInvoker {
  invoke(request: InvokeRequest, signal: AbortSignal): Promise<InvokeAnswer>;
}

/** CodeDeploy's GetDeployment, reduced to what the hook reads. */
export interface DeploymentReader {
  getDeployment(deploymentId: string, signal: AbortSignal): Promise<DeploymentFacts>;
}

export interface CheckPorts {
  readonly http: HttpProbe;
  readonly invoker: FunctionInvoker;
  readonly deployments: DeploymentReader;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly region: string;
}

/** The HTTP port over the global fetch (Node 18+), redirects followed as a browser would. */
export const fetchProbe: HttpProbe = {
  async get(url, signal) {
    const response = await fetch(url, { signal, redirect: 'follow' });
    return { status: response.status, body: await response.text() };
  },
};

const SHOWN = 300;

/** Text from outside as one printable, bounded piece: JSON-quoted, cut at SHOWN characters. */
function quoted(text: string): string {
  return JSON.stringify(text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text);
}

function failureReason(
  error: unknown,
  timedOut: boolean,
  stopped: boolean,
  timeoutMs: number,
): string {
  if (stopped) return "stopped: the hook's time ran out (the function's remaining time)";
  if (timedOut) return `no answer within ${timeoutMs} ms (CHECK_TIMEOUT_MS)`;
  const unreached = noAnswerReason(error);
  if (unreached) return `no connection: ${unreached}`;
  return `request failed: ${errorName(error) ?? 'error'}: ${errorMessage(error)}`;
}

async function checkUrl(
  url: URL,
  settings: HookSettings,
  ports: CheckPorts,
  signal: AbortSignal,
): Promise<CheckOutcome> {
  const check = `GET ${printableUrl(url)}`;
  const { expectStatus, bodyPattern } = settings.url!;
  let detail = 'not tried';
  for (let attempt = 1; attempt <= settings.attempts; attempt++) {
    const of = `attempt ${attempt}/${settings.attempts}`;
    if (signal.aborted) {
      detail = failureReason(undefined, false, true, settings.timeoutMs);
      break;
    }
    const timeout = AbortSignal.timeout(settings.timeoutMs);
    try {
      const answer = await ports.http.get(url, AbortSignal.any([signal, timeout]));
      if (!expectStatus.includes(answer.status)) {
        detail = `HTTP ${answer.status}, expected ${expectStatus.join(' or ')} (CHECK_EXPECT_STATUS)`;
      } else if (bodyPattern && !bodyPattern.test(answer.body)) {
        detail = `HTTP ${answer.status} but the body does not match CHECK_BODY_PATTERN ${String(bodyPattern)}: body ${quoted(answer.body)}`;
      } else {
        ports.logger.info(`check passed: ${check}: HTTP ${answer.status} (${of})`);
        return { check, ok: true, detail: `HTTP ${answer.status}` };
      }
    } catch (error) {
      detail = failureReason(error, timeout.aborted, signal.aborted, settings.timeoutMs);
    }
    ports.logger.info(`check failed: ${check}: ${detail} (${of})`);
    if (signal.aborted) break;
    if (attempt < settings.attempts) await ports.clock.sleep(settings.pauseMs, signal);
  }
  return { check, ok: false, detail };
}

async function checkInvoke(
  invoke: InvokeCheckSettings,
  deploymentId: string,
  settings: HookSettings,
  ports: CheckPorts,
  signal: AbortSignal,
): Promise<CheckOutcome> {
  let check = `invoke ${invoke.functionName}`;
  const failed = (detail: string): CheckOutcome => {
    ports.logger.info(`check failed: ${check}: ${detail}`);
    return { check, ok: false, detail };
  };
  let deployment: DeploymentFacts;
  try {
    deployment = await ports.deployments.getDeployment(
      deploymentId,
      AbortSignal.any([signal, AbortSignal.timeout(settings.timeoutMs)]),
    );
  } catch (error) {
    if (signal.aborted) return failed(failureReason(error, false, true, settings.timeoutMs));
    const explained = explainAwsError(error, {
      action: 'codedeploy:GetDeployment',
      region: ports.region,
      subject: `deployment ${deploymentId}`,
    });
    return failed(`could not read the deployment to find the new version: ${explained.message}`);
  }
  let qualifier: string | undefined;
  const target = targetVersionOf(deployment, invoke.functionName);
  if (target.kind === 'found') {
    qualifier = target.version;
    check = `invoke ${invoke.functionName}:${qualifier}`;
  } else if (deployment.computePlatform === 'Lambda') {
    return failed(`no version to invoke: ${target.reason}`);
  } else {
    ports.logger.info(
      `${check}: a ${deployment.computePlatform ?? 'non-Lambda'} deployment shifts no function version, so the function is invoked unqualified`,
    );
  }
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  let answer: InvokeAnswer;
  try {
    answer = await ports.invoker.invoke(
      {
        functionName: invoke.functionName,
        ...(qualifier ? { qualifier } : {}),
        payload: invoke.payload,
      },
      AbortSignal.any([signal, timeout]),
    );
  } catch (error) {
    if (signal.aborted || timeout.aborted)
      return failed(failureReason(error, timeout.aborted, signal.aborted, settings.timeoutMs));
    const explained = explainAwsError(error, {
      action: 'lambda:InvokeFunction',
      region: ports.region,
      subject: `function ${invoke.functionName}${qualifier ? `:${qualifier}` : ''}`,
    });
    return failed(`the invoke failed: ${errorName(error) ?? 'error'}: ${explained.message}`);
  }
  if (answer.functionError)
    return failed(`function error (${answer.functionError}): payload ${quoted(answer.payload)}`);
  if (invoke.expect && !invoke.expect.test(answer.payload))
    return failed(
      `the response does not match CHECK_INVOKE_EXPECT ${String(invoke.expect)}: payload ${quoted(answer.payload)}`,
    );
  ports.logger.info(`check passed: ${check}: the function answered without error`);
  return { check, ok: true, detail: 'answered without error' };
}

/** Runs every configured check; resolves (never rejects on a check's failure) with their outcomes. */
export async function runHookChecks(
  settings: HookSettings,
  deploymentId: string,
  ports: CheckPorts,
  signal: AbortSignal,
): Promise<CheckOutcome[]> {
  const running: Promise<CheckOutcome>[] = (settings.url?.urls ?? []).map((url) =>
    checkUrl(url, settings, ports, signal),
  );
  if (settings.invoke)
    running.push(checkInvoke(settings.invoke, deploymentId, settings, ports, signal));
  return Promise.all(running);
}
