/**
 * What the fake AWS endpoints (aws-server.ts for CodeBuild and CloudWatch Logs,
 * codepipeline-server.ts for CodePipeline) share as AWS JSON 1.1 services: the record of each call,
 * `{"__type", "message"}` errors, and fault injection — `failNext` rules, the HTTP status of an
 * injected error and the message AWS gives it by default.
 *
 * Like the fakes, this module imports only Node built-ins (and http.ts, by URL) and uses only
 * type-strippable syntax; the fakes load it by URL so that they still run under plain type
 * stripping.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

type Http = typeof import('./http.js');
const { header, optional } = (await import(
  new URL(`./http.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url).href
)) as Http;

type Json = Record<string, unknown>;

export interface AwsFailure {
  /** The `__type`, e.g. ThrottlingException, AccessDeniedException, InternalFailure. */
  error: string;
  /** Default 1; `Infinity` for every call until `clearFailures()`. */
  count?: number;
  /** Default: 500 for InternalFailure/InternalServerException, 503 for ServiceUnavailable*, else 400. */
  status?: number;
  /** Default: what AWS says for that error (`Rate exceeded`, the IAM sentence, ...). */
  message?: string;
}

export interface AwsCall {
  /** `<Service>.<Operation>`, e.g. `CodeBuild.StartBuild`; `Unknown.<target>` for unknown targets. */
  operation: string;
  /** Epoch ms when the request arrived. */
  at: number;
  body: unknown;
  /** HTTP status answered. */
  status: number;
  /** `__type` of an error answer. */
  errorType?: string;
  /** Whether the request carried an Authorization header (signatures are not verified). */
  signed: boolean;
  /** SDK attempt number from `amz-sdk-request: attempt=N; max=M`, when present. */
  attempt?: number;
  headers: {
    authorization?: string;
    contentType?: string;
    userAgent?: string;
    amzDate?: string;
  };
}

/** An error answer: `{"__type": type, "message": message}` with HTTP `status`. */
export class AwsError extends Error {
  readonly type: string;
  readonly status: number;
  constructor(type: string, message: string, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

/** `err` itself when an AwsError, else an InternalFailure (500) with its message. */
export function asAwsError(err: unknown): AwsError {
  return err instanceof AwsError
    ? err
    : new AwsError('InternalFailure', err instanceof Error ? err.message : String(err), 500);
}

export interface FaultOptions {
  /** The caller an AccessDeniedException names. */
  callerArn: string;
  /** The IAM action (`codebuild:StartBuild`) and resource ARN an AccessDeniedException names. */
  denied(operation: string, body: Json): { action: string; resource: string };
  /**
   * The error types whose default message is AWS's "unknown error" sentence; default InternalFailure
   * and InternalServerException. Any other type without a known message is its own message.
   */
  internalErrors?: readonly string[];
}

export interface Faults {
  /** Answer the next `failure.count` (default 1) calls of `operation` ('*' = any) with `failure`. */
  failNext: (operation: string, failure: AwsFailure) => void;
  clearFailures: () => void;
  /** The error of the first rule left for `operation`, counting it down; undefined when none. */
  take: (operation: string, body: Json) => AwsError | undefined;
}

export function faults(options: FaultOptions): Faults {
  const rules: { operation: string; remaining: number; failure: AwsFailure }[] = [];
  const internalErrors = options.internalErrors ?? ['InternalFailure', 'InternalServerException'];

  function defaultMessage(operation: string, body: Json, error: string): string {
    if (internalErrors.includes(error)) {
      return 'The request processing has failed because of an unknown error, exception or failure.';
    }
    switch (error) {
      case 'ThrottlingException':
        return 'Rate exceeded';
      case 'AccessDeniedException': {
        const { action, resource } = options.denied(operation, body);
        return `User: ${options.callerArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
      }
      case 'ServiceUnavailableException':
      case 'ServiceUnavailable':
        return 'Service Unavailable';
      default:
        return error;
    }
  }

  return {
    failNext: (operation, failure) => {
      rules.push({ operation, remaining: failure.count ?? 1, failure });
    },
    clearFailures: () => {
      rules.length = 0;
    },
    take: (operation, body) => {
      const rule = rules.find(
        (r) => r.remaining > 0 && (r.operation === '*' || r.operation === operation),
      );
      if (!rule) return undefined;
      rule.remaining--;
      const failure = rule.failure;
      const status =
        failure.status ??
        (failure.error === 'InternalFailure' || failure.error === 'InternalServerException'
          ? 500
          : failure.error.startsWith('ServiceUnavailable')
            ? 503
            : 400);
      return new AwsError(
        failure.error,
        failure.message ?? defaultMessage(operation, body, failure.error),
        status,
      );
    },
  };
}

/** The record of a call to `operation` that arrived at `now`, answered 200 until told otherwise. */
export function recordCall(req: IncomingMessage, operation: string, now: number): AwsCall {
  const attempt = /attempt=(\d+)/.exec(header(req, 'amz-sdk-request') ?? '')?.[1];
  return {
    operation,
    at: now,
    body: undefined,
    status: 200,
    signed: header(req, 'authorization') !== undefined,
    ...(attempt ? { attempt: Number(attempt) } : {}),
    headers: {
      ...optional('authorization', header(req, 'authorization')),
      ...optional('contentType', header(req, 'content-type')),
      ...optional('userAgent', header(req, 'user-agent')),
      ...optional('amzDate', header(req, 'x-amz-date')),
    },
  };
}

export interface JsonService {
  /** Per `call.operation`: the answer to a request body, or an AwsError thrown. */
  handlers: Record<string, (body: Json, now: number) => Json>;
  faults: Faults;
  /** Brings the fake's state up to `now` before a handler runs. */
  advance(now: number): void;
}

/**
 * Answers a JSON 1.1 request (POST / with a JSON object, `target` its X-Amz-Target) with the
 * handler of `call.operation`, unless an injected fault answers first; an error that is not an
 * AwsError is an InternalFailure (500). The body, status and error type land in `call`.
 */
export function answerJson(
  req: IncomingMessage,
  res: ServerResponse,
  raw: string,
  call: AwsCall,
  target: string,
  service: JsonService,
  now: number,
): void {
  const operation = call.operation;
  try {
    if (req.method !== 'POST' || (req.url ?? '/').split('?')[0] !== '/') {
      throw new AwsError('UnknownOperationException', `No route for ${req.method} ${req.url}`, 404);
    }
    let body: Json;
    try {
      const parsed: unknown = raw === '' ? {} : JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object');
      body = parsed as Json;
    } catch {
      throw new AwsError(
        'SerializationException',
        'Start of structure or map found where not expected.',
      );
    }
    call.body = body;
    const handler = service.handlers[operation];
    if (!handler) throw new AwsError('UnknownOperationException', `Unknown operation ${target}`);
    const failure = service.faults.take(operation, body);
    if (failure) throw failure;
    service.advance(now);
    send(res, 200, handler(body, now));
  } catch (err) {
    const error = asAwsError(err);
    call.status = error.status;
    call.errorType = error.type;
    send(res, error.status, { __type: error.type, message: error.message }, error.type);
  }
}

/** Calls per operation, e.g. `{ 'CodeBuild.StartBuild': 2 }`. */
export function countCalls(calls: readonly AwsCall[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const call of calls) out[call.operation] = (out[call.operation] ?? 0) + 1;
  return out;
}

function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(payload),
    'x-amzn-RequestId': randomUUID(),
    ...(errorType ? { 'x-amzn-ErrorType': errorType } : {}),
  });
  res.end(payload);
}
