/**
 * A fake AWS CodeDeploy and Lambda endpoint on 127.0.0.1 for the lifecycle hook's wire-level
 * tests. CodeDeploy speaks AWS JSON 1.1 like the real service (POST /, `X-Amz-Target:
 * CodeDeploy_20141006.<Operation>`, epoch-second timestamps, `{"__type", "message"}` errors):
 * GetDeployment and PutLifecycleEventHookExecutionStatus, which records every report and refuses
 * what CodeDeploy refuses (an unknown deployment, an unknown hook execution, a second report of a
 * completed hook execution). Lambda's Invoke speaks REST-JSON (`POST
 * /2015-03-31/functions/<name>/invocations?Qualifier=<q>`, the payload as the body,
 * `X-Amz-Function-Error` for a function error). Point the SDK at it with
 * AWS_ENDPOINT_URL_CODEDEPLOY and AWS_ENDPOINT_URL_LAMBDA (any region, any static credentials).
 *
 * Node built-ins only (and aws-faults.ts and http.ts, by URL) and type-strippable syntax, so
 * `node --experimental-strip-types` loads it.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

// Loaded by URL so that this file runs under plain type stripping, which needs the `.ts` name,
// while the compiled copy loads the `.js` one.
const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
const { AwsError, answerJson, asAwsError, faults, recordCall } = (await import(
  new URL(`./aws-faults.${ext}`, import.meta.url).href
)) as typeof import('./aws-faults.js');
const { header, listen, readBody } = (await import(
  new URL(`./http.${ext}`, import.meta.url).href
)) as typeof import('./http.js');

export interface FakeDeployment {
  deploymentId: string;
  /** Default Lambda. */
  computePlatform?: 'Server' | 'Lambda' | 'ECS';
  applicationName?: string;
  deploymentGroupName?: string;
  /** The AppSpec given inline, as the revision (JSON or YAML text). */
  appSpec?: string;
  /** Default AppSpecContent when appSpec is given, else S3. */
  revisionType?: 'AppSpecContent' | 'String' | 'S3';
  /** Hook executions that may be reported; default: any id. */
  hookExecutionIds?: string[];
}

export interface FakeInvocation {
  functionName: string;
  qualifier?: string;
  payload: string;
  at: number;
}

/** What a fake function answers to one invocation. */
export interface FunctionAnswer {
  payload?: string;
  /** Sets `X-Amz-Function-Error` (e.g. Unhandled). */
  functionError?: string;
  delayMs?: number;
}

export type FakeFunction = (invocation: FakeInvocation) => FunctionAnswer;

export interface FakeReport {
  deploymentId: string;
  lifecycleEventHookExecutionId: string;
  status: string;
  at: number;
}

export interface FakeCall {
  /** e.g. CodeDeploy.GetDeployment, Lambda.Invoke, Unknown.<target>. */
  operation: string;
  at: number;
  status: number;
  errorType?: string;
  signed: boolean;
  /** SDK attempt number from `amz-sdk-request`, when present. */
  attempt?: number;
  authorization?: string;
}

export interface InjectedFailure {
  /** The `__type`, e.g. ThrottlingException, InternalFailure. */
  error: string;
  /** Default 1. */
  count?: number;
  /** Default 400 (500 for InternalFailure). */
  status?: number;
  message?: string;
}

export interface FakeCodeDeployOptions {
  deployments?: FakeDeployment[];
  functions?: Record<string, FakeFunction>;
  /** Default us-east-1. */
  region?: string;
  /** Default 123456789012. */
  accountId?: string;
}

export interface FakeCodeDeploy {
  url: string;
  region: string;
  calls: FakeCall[];
  /** Every accepted PutLifecycleEventHookExecutionStatus, in order. */
  reports: FakeReport[];
  invocations: FakeInvocation[];
  addDeployment(deployment: FakeDeployment): void;
  failNext(
    operation: 'GetDeployment' | 'PutLifecycleEventHookExecutionStatus' | 'Invoke',
    failure: InjectedFailure,
  ): void;
  close(): Promise<void>;
}

const SERVICE_PREFIX = 'CodeDeploy_20141006';
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

type Json = Record<string, unknown>;

export async function startFakeCodeDeploy(
  options: FakeCodeDeployOptions = {},
): Promise<FakeCodeDeploy> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const deployments = new Map<string, FakeDeployment & { createdAt: number }>();
  const completed = new Set<string>();
  const calls: FakeCall[] = [];
  const reports: FakeReport[] = [];
  const invocations: FakeInvocation[] = [];
  // Injected failures always carry this fake's own defaults (status, message), so the shared
  // defaults (and hence the AccessDeniedException sentence these options feed) never apply.
  const injected = faults({
    callerArn: `arn:aws:iam::${accountId}:user/fake`,
    denied: (operation) => ({
      action: `codedeploy:${operation.split('.')[1] ?? ''}`,
      resource: `arn:aws:codedeploy:${region}:${accountId}:*`,
    }),
  });
  const functions = options.functions ?? {};

  const addDeployment = (deployment: FakeDeployment) =>
    deployments.set(deployment.deploymentId, { ...deployment, createdAt: Date.now() });
  for (const deployment of options.deployments ?? []) addDeployment(deployment);

  function knownDeployment(body: Json): FakeDeployment & { createdAt: number } {
    const id = body.deploymentId;
    if (typeof id !== 'string' || id === '')
      throw new AwsError('DeploymentIdRequiredException', 'Deployment ID is required.');
    if (!/^d-[A-Z0-9]{9}$/.test(id))
      throw new AwsError(
        'InvalidDeploymentIdException',
        `Specified deployment ID is invalid: ${id}`,
      );
    const deployment = deployments.get(id);
    if (!deployment)
      throw new AwsError(
        'DeploymentDoesNotExistException',
        `The deployment ${id} could not be found.`,
      );
    return deployment;
  }

  function getDeployment(body: Json): Json {
    const d = knownDeployment(body);
    const revisionType = d.revisionType ?? (d.appSpec === undefined ? 'S3' : 'AppSpecContent');
    const revision: Json =
      revisionType === 'S3'
        ? { revisionType, s3Location: { bucket: 'artifacts', key: 'app.zip', bundleType: 'zip' } }
        : revisionType === 'String'
          ? { revisionType, string: { content: d.appSpec ?? '', sha256: 'x'.repeat(64) } }
          : { revisionType, appSpecContent: { content: d.appSpec ?? '', sha256: 'x'.repeat(64) } };
    return {
      deploymentInfo: {
        applicationName: d.applicationName ?? 'app',
        deploymentGroupName: d.deploymentGroupName ?? 'live',
        deploymentConfigName: 'CodeDeployDefault.LambdaAllAtOnce',
        deploymentId: d.deploymentId,
        computePlatform: d.computePlatform ?? 'Lambda',
        revision,
        status: 'InProgress',
        createTime: d.createdAt / 1000,
        creator: 'user',
      },
    };
  }

  function putStatus(body: Json, now: number): Json {
    const d = knownDeployment(body);
    const hookId = body.lifecycleEventHookExecutionId;
    const status = body.status;
    if (typeof hookId !== 'string' || (d.hookExecutionIds && !d.hookExecutionIds.includes(hookId)))
      throw new AwsError(
        'InvalidLifecycleEventHookExecutionIdException',
        `A lifecycle event hook is invalid: ${String(hookId)}`,
      );
    if (status !== 'Succeeded' && status !== 'Failed')
      throw new AwsError(
        'InvalidLifecycleEventHookExecutionStatusException',
        `The result of a Lambda validation function that verifies a lifecycle event is invalid: ${String(status)}`,
      );
    const key = `${d.deploymentId}/${hookId}`;
    if (completed.has(key))
      throw new AwsError(
        'LifecycleEventAlreadyCompletedException',
        'An attempt to return the status of an already completed lifecycle event occurred.',
      );
    completed.add(key);
    reports.push({
      deploymentId: d.deploymentId,
      lifecycleEventHookExecutionId: hookId,
      status,
      at: now,
    });
    return { lifecycleEventHookExecutionId: hookId };
  }

  async function invoke(
    req: IncomingMessage,
    res: ServerResponse,
    name: string,
    raw: string,
    now: number,
  ): Promise<void> {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const functionName = decodeURIComponent(name);
    const bare = functionName.split(':').includes('function')
      ? (functionName.split(':')[6] ?? functionName)
      : functionName;
    const qualifier = query.get('Qualifier') ?? undefined;
    const invocation: FakeInvocation = {
      functionName: bare,
      ...(qualifier ? { qualifier } : {}),
      payload: raw,
      at: now,
    };
    const fn = functions[bare];
    if (!fn)
      throw new AwsError(
        'ResourceNotFoundException',
        `Function not found: arn:aws:lambda:${region}:${accountId}:function:${bare}${qualifier ? `:${qualifier}` : ''}`,
        404,
      );
    invocations.push(invocation);
    const answer = fn(invocation);
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (res.destroyed) return;
    const payload = answer.payload ?? 'null';
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
      'x-amzn-RequestId': randomUUID(),
      'x-amz-executed-version': qualifier ?? '$LATEST',
      ...(answer.functionError ? { 'x-amz-function-error': answer.functionError } : {}),
    });
    res.end(payload);
  }

  const handlers: Record<string, (body: Json, now: number) => Json> = {
    'CodeDeploy.GetDeployment': getDeployment,
    'CodeDeploy.PutLifecycleEventHookExecutionStatus': putStatus,
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const now = Date.now();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const invokeMatch = INVOKE_PATH.exec(path);
    const target = header(req, 'x-amz-target') ?? '';
    const dot = target.indexOf('.');
    const operation = invokeMatch
      ? 'Lambda.Invoke'
      : target.slice(0, dot) === SERVICE_PREFIX
        ? `CodeDeploy.${target.slice(dot + 1)}`
        : `Unknown.${target || `${req.method} ${path}`}`;
    const record = recordCall(req, operation, now);
    const authorization = record.headers.authorization;
    const call: FakeCall = {
      operation,
      at: now,
      status: 200,
      signed: record.signed,
      ...(record.attempt !== undefined ? { attempt: record.attempt } : {}),
      ...(authorization ? { authorization } : {}),
    };
    calls.push(call);
    if (!invokeMatch) {
      // A fault is taken only once the body parses and the operation is known.
      answerJson(req, res, raw, record, target, { handlers, faults: injected, advance() {} }, now);
      call.status = record.status;
      if (record.errorType !== undefined) call.errorType = record.errorType;
      return;
    }
    try {
      const failure = injected.take(operation, {});
      if (req.method !== 'POST')
        throw new AwsError(
          'UnknownOperationException',
          `No route for ${req.method} ${req.url}`,
          404,
        );
      if (failure) throw failure;
      await invoke(req, res, invokeMatch[1] as string, raw, now);
    } catch (err) {
      const error = asAwsError(err);
      call.status = error.status;
      call.errorType = error.type;
      const payload = JSON.stringify({ Type: 'User', message: error.message });
      res.writeHead(error.status, {
        'content-type': 'application/json',
        'x-amzn-errortype': error.type,
        'x-amzn-RequestId': randomUUID(),
      });
      res.end(payload);
    }
  }

  const server = await listen(handle, 0);

  return {
    url: server.url,
    region,
    calls,
    reports,
    invocations,
    addDeployment,
    failNext(operation, failure) {
      injected.failNext(operation === 'Invoke' ? 'Lambda.Invoke' : `CodeDeploy.${operation}`, {
        ...failure,
        status: failure.status ?? (failure.error === 'InternalFailure' ? 500 : 400),
        message:
          failure.message ??
          (failure.error === 'ThrottlingException' ? 'Rate exceeded' : failure.error),
      });
    },
    close: server.close,
  };
}
