/**
 * A fake AWS Secrets Manager endpoint on 127.0.0.1 for the status mirror's wire-level tests. It
 * speaks AWS JSON 1.1 like the real service (POST /, `X-Amz-Target: secretsmanager.<Operation>`,
 * `application/x-amz-json-1.1`, `{"__type", "message"}` errors), so an unmodified
 * `SecretsManagerClient` (`endpoint: fake.url`, any region, any static credentials) signs, sends,
 * retries and parses against it exactly as it would against AWS.
 *
 * Only GetSecretValue is answered: `SecretId` is the secret's name, its full ARN
 * (`arn:aws:secretsmanager:<region>:<account>:secret:<name>-AbCdEf`, a random six-character suffix
 * like AWS gives each secret) or that ARN without the suffix; `VersionId` and `VersionStage`
 * (AWSCURRENT, AWSPREVIOUS) pick a version. `putSecret` adds a secret or a new current version of
 * one, the old version becoming AWSPREVIOUS as PutSecretValue does. An unknown secret is a 400
 * ResourceNotFoundException "Secrets Manager can't find the specified secret."; any other target
 * is the UnknownOperationException AWS answers. Faults (throttling, InternalServiceError, access
 * denied naming `secretsmanager:GetSecretValue` and the SecretId) are injected with `failNext`,
 * the way aws-faults.ts does it for the other AWS fakes.
 *
 * Node built-ins only (and aws-faults.ts and http.ts, by URL) and type-strippable syntax, so
 * `node --experimental-strip-types` loads it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AwsCall, AwsFailure } from './aws-faults.js';

// Loaded by URL so that this file runs under plain type stripping, which needs the `.ts` name,
// while type-checking still sees the modules' types.
const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
const { AwsError, answerJson, countCalls, faults, recordCall } = (await import(
  new URL(`./aws-faults.${ext}`, import.meta.url).href
)) as typeof import('./aws-faults.js');
const { header, listen, readBody } = (await import(
  new URL(`./http.${ext}`, import.meta.url).href
)) as typeof import('./http.js');

export type { AwsFailure };

/** A request to the fake, as `calls` lists it: `SecretsManager.GetSecretValue`, `Unknown.<target>`. */
export type FakeSecretsManagerCall = AwsCall;

export type SecretsManagerOperation = 'SecretsManager.GetSecretValue';

export interface FakeSecretsManagerOptions {
  /** Secrets by name, each with one version (AWSCURRENT). */
  secrets?: Record<string, string>;
  /** Default us-east-1. */
  region?: string;
  /** Default 123456789012. */
  accountId?: string;
  /** The caller an AccessDeniedException names; default `arn:aws:sts::<account>:assumed-role/mirror/session`. */
  callerArn?: string;
  /** Default 0: a free port. */
  port?: number;
}

/** A secret as the fake holds it. */
export interface FakeSecretInfo {
  name: string;
  /** The full ARN, with the random suffix. */
  arn: string;
  /** The AWSCURRENT version. */
  versionId: string;
  value: string;
}

export interface FakeSecretsManager {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly region: string;
  readonly accountId: string;
  /** Every request, in arrival order (faulted ones included). */
  readonly calls: readonly FakeSecretsManagerCall[];
  /** Adds the secret, or makes `value` its new AWSCURRENT version (the old one AWSPREVIOUS). */
  putSecret(name: string, value: string): FakeSecretInfo;
  /** The secret named `name`, or undefined. */
  secret(name: string): FakeSecretInfo | undefined;
  /** Answer the next `failure.count` (default 1) calls of `operation` ('*' = any) with an error. */
  failNext(operation: SecretsManagerOperation | '*', failure: AwsFailure): void;
  clearFailures(): void;
  /** Calls per operation, e.g. `{ 'SecretsManager.GetSecretValue': 3 }`. */
  counts(): Record<string, number>;
  close(): Promise<void>;
}

interface SecretVersion {
  versionId: string;
  value: string;
  /** Epoch ms. */
  createdAt: number;
  stages: string[];
}

interface SecretRecord {
  name: string;
  arn: string;
  versions: SecretVersion[];
}

type Json = Record<string, unknown>;

const TARGET_PREFIX = 'secretsmanager';
const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const NOT_FOUND = "Secrets Manager can't find the specified secret.";

export async function startFakeSecretsManager(
  options: FakeSecretsManagerOptions = {},
): Promise<FakeSecretsManager> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const callerArn = options.callerArn ?? `arn:aws:sts::${accountId}:assumed-role/mirror/session`;
  const calls: FakeSecretsManagerCall[] = [];
  const secrets = new Map<string, SecretRecord>();
  const injected = faults({
    callerArn,
    denied(operation, body) {
      return {
        action: `secretsmanager:${operation.split('.')[1] ?? operation}`,
        resource: typeof body.SecretId === 'string' ? body.SecretId : '*',
      };
    },
    // Secrets Manager's server-side error is InternalServiceError.
    internalErrors: ['InternalServiceError', 'InternalFailure'],
  });

  function putSecret(name: string, value: string): FakeSecretInfo {
    let record = secrets.get(name);
    if (!record) {
      record = {
        name,
        arn: `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-${suffix()}`,
        versions: [],
      };
      secrets.set(name, record);
    }
    for (const version of record.versions) {
      version.stages = version.stages.includes('AWSCURRENT') ? ['AWSPREVIOUS'] : [];
    }
    record.versions.push({
      versionId: randomUUID(),
      value,
      createdAt: Date.now(),
      stages: ['AWSCURRENT'],
    });
    return info(record);
  }

  function info(record: SecretRecord): FakeSecretInfo {
    const current = record.versions.find((v) => v.stages.includes('AWSCURRENT'))!;
    return {
      name: record.name,
      arn: record.arn,
      versionId: current.versionId,
      value: current.value,
    };
  }

  /** The secret a SecretId names: a name, a full ARN, or an ARN without the random suffix. */
  function lookUp(secretId: string): SecretRecord | undefined {
    const prefix = `arn:aws:secretsmanager:${region}:${accountId}:secret:`;
    if (!secretId.startsWith('arn:')) return secrets.get(secretId);
    for (const record of secrets.values()) {
      if (record.arn === secretId || `${prefix}${record.name}` === secretId) return record;
    }
    return undefined;
  }

  function getSecretValue(body: Json): Json {
    const { SecretId, VersionId, VersionStage } = body;
    if (typeof SecretId !== 'string' || SecretId === '') {
      throw new AwsError(
        'ValidationException',
        "1 validation error detected: Value null at 'secretId' failed to satisfy constraint: Member must not be null",
      );
    }
    const record = lookUp(SecretId);
    if (!record) throw new AwsError('ResourceNotFoundException', NOT_FOUND);
    let version: SecretVersion | undefined;
    if (typeof VersionId === 'string') {
      version = record.versions.find((v) => v.versionId === VersionId);
      if (!version) {
        throw new AwsError(
          'ResourceNotFoundException',
          `Secrets Manager can't find the specified secret value for VersionId: ${VersionId}`,
        );
      }
      if (typeof VersionStage === 'string' && !version.stages.includes(VersionStage)) {
        throw new AwsError(
          'InvalidRequestException',
          'You provided a VersionStage that is not associated to the provided VersionId.',
        );
      }
    } else {
      const stage = typeof VersionStage === 'string' ? VersionStage : 'AWSCURRENT';
      version = record.versions.find((v) => v.stages.includes(stage));
      if (!version) {
        throw new AwsError(
          'ResourceNotFoundException',
          `Secrets Manager can't find the specified secret value for staging label: ${stage}`,
        );
      }
    }
    return {
      ARN: record.arn,
      Name: record.name,
      VersionId: version.versionId,
      SecretString: version.value,
      VersionStages: [...version.stages],
      CreatedDate: version.createdAt / 1000,
    };
  }

  for (const [name, value] of Object.entries(options.secrets ?? {})) putSecret(name, value);

  const handlers: Record<string, (body: Json, now: number) => Json> = {
    'SecretsManager.GetSecretValue': getSecretValue,
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const now = Date.now();
    const raw = await readBody(req);
    const target = header(req, 'x-amz-target') ?? '';
    const [prefix = '', opName = ''] = target.split('.');
    const operation =
      prefix === TARGET_PREFIX && opName !== '' ? `SecretsManager.${opName}` : `Unknown.${target}`;
    const call = recordCall(req, operation, now);
    calls.push(call);
    answerJson(req, res, raw, call, target, { handlers, faults: injected, advance() {} }, now);
  }

  const server = await listen(handle, options.port);

  return {
    url: server.url,
    region,
    accountId,
    calls,
    putSecret,
    secret(name) {
      const record = secrets.get(name);
      return record ? info(record) : undefined;
    },
    failNext(operation, failure) {
      // aws-faults gives 500 to InternalFailure only; Secrets Manager's own one is also a 500.
      const status = failure.status ?? (failure.error === 'InternalServiceError' ? 500 : undefined);
      injected.failNext(operation, status === undefined ? failure : { ...failure, status });
    },
    clearFailures: injected.clearFailures,
    counts: () => countCalls(calls),
    close: server.close,
  };
}

/** Six letters and digits, like the suffix AWS appends to a secret's ARN (`-AbCdEf`). */
function suffix(): string {
  return [...randomBytes(6)].map((b) => SUFFIX_CHARS[b % SUFFIX_CHARS.length]).join('');
}
