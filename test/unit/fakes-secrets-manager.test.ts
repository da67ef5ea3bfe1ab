/**
 * Proves the fake Secrets Manager answers GetSecretValue like AWS to the real SDK v3 client:
 * values by name, full ARN and partial ARN, versions and staging labels, the not-found, access
 * denied and unknown-operation errors, and throttling the SDK retries.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
  type GetSecretValueCommandInput,
  type SecretsManagerClientConfig,
  SecretsManagerServiceException,
} from '@aws-sdk/client-secrets-manager';
import {
  startFakeSecretsManager,
  type FakeSecretsManager,
} from '../fakes/secrets-manager-server.js';

let fake: FakeSecretsManager;
let client: SecretsManagerClient;

const config = (): SecretsManagerClientConfig => ({
  endpoint: fake.url,
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
});

beforeAll(async () => {
  fake = await startFakeSecretsManager({ secrets: { 'mirror/github-app': '{"appId":1}' } });
  client = new SecretsManagerClient(config());
});

afterAll(async () => {
  client.destroy();
  await fake.close();
});

/** The error a GetSecretValue call fails with. */
async function failure(input: GetSecretValueCommandInput) {
  return rejection(client.send(new GetSecretValueCommand(input)));
}

async function rejection(sent: Promise<unknown>) {
  try {
    await sent;
  } catch (err) {
    return err as SecretsManagerServiceException;
  }
  throw new Error('expected the call to fail');
}

describe('fake Secrets Manager GetSecretValue', () => {
  it('answers by name with the fields AWS returns, parsed by the SDK', async () => {
    const before = Date.now();
    const created = fake.putSecret('mirror/token', 's3cr3t');
    const out = await client.send(new GetSecretValueCommand({ SecretId: 'mirror/token' }));
    expect(out).toMatchObject({
      ARN: created.arn,
      Name: 'mirror/token',
      VersionId: created.versionId,
      SecretString: 's3cr3t',
      VersionStages: ['AWSCURRENT'],
    });
    expect(created.arn).toMatch(
      /^arn:aws:secretsmanager:us-east-1:123456789012:secret:mirror\/token-[A-Za-z0-9]{6}$/,
    );
    expect(created.versionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.CreatedDate).toBeInstanceOf(Date);
    expect(out.CreatedDate!.getTime()).toBeGreaterThanOrEqual(before);
    expect(out.CreatedDate!.getTime()).toBeLessThanOrEqual(Date.now());

    const call = fake.calls.at(-1)!;
    expect(call).toMatchObject({
      operation: 'SecretsManager.GetSecretValue',
      status: 200,
      signed: true,
      body: { SecretId: 'mirror/token' },
    });
    expect(call.headers.contentType).toBe('application/x-amz-json-1.1');
  });

  it('accepts the full ARN and the ARN without its random suffix', async () => {
    const { arn } = fake.secret('mirror/github-app')!;
    const full = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    expect(full).toMatchObject({ Name: 'mirror/github-app', SecretString: '{"appId":1}' });
    const partial = arn.replace(/-[A-Za-z0-9]{6}$/, '');
    const viaPartial = await client.send(new GetSecretValueCommand({ SecretId: partial }));
    expect(viaPartial.ARN).toBe(arn);
  });

  it('keeps the previous version as AWSPREVIOUS and finds versions by id and stage', async () => {
    const first = fake.putSecret('rotated', 'one');
    const second = fake.putSecret('rotated', 'two');
    expect(second.arn).toBe(first.arn);
    const current = await client.send(new GetSecretValueCommand({ SecretId: 'rotated' }));
    expect(current).toMatchObject({ SecretString: 'two', VersionId: second.versionId });
    const previous = await client.send(
      new GetSecretValueCommand({ SecretId: 'rotated', VersionStage: 'AWSPREVIOUS' }),
    );
    expect(previous).toMatchObject({ SecretString: 'one', VersionStages: ['AWSPREVIOUS'] });
    const byId = await client.send(
      new GetSecretValueCommand({ SecretId: 'rotated', VersionId: first.versionId }),
    );
    expect(byId.SecretString).toBe('one');

    const pending = await failure({ SecretId: 'rotated', VersionStage: 'AWSPENDING' });
    expect(pending.name).toBe('ResourceNotFoundException');
    expect(pending.message).toBe(
      "Secrets Manager can't find the specified secret value for staging label: AWSPENDING",
    );
  });

  it('answers an unknown secret with ResourceNotFoundException (400)', async () => {
    const err = await failure({ SecretId: 'nope' });
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.message).toBe("Secrets Manager can't find the specified secret.");
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.$fault).toBe('client');
    const byArn = await failure({
      SecretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:nope-AbCdEf',
    });
    expect(byArn.name).toBe('ResourceNotFoundException');
  });

  it('answers an injected AccessDeniedException naming the action and the SecretId', async () => {
    fake.failNext('SecretsManager.GetSecretValue', { error: 'AccessDeniedException' });
    const err = await failure({ SecretId: 'mirror/token' });
    expect(err.name).toBe('AccessDeniedException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toBe(
      'User: arn:aws:sts::123456789012:assumed-role/mirror/session is not authorized to perform: secretsmanager:GetSecretValue on resource: mirror/token because no identity-based policy allows the secretsmanager:GetSecretValue action',
    );
    // One failure only: the next call succeeds.
    const out = await client.send(new GetSecretValueCommand({ SecretId: 'mirror/token' }));
    expect(out.SecretString).toBe('s3cr3t');
  });

  it('throttles and the SDK retries until it succeeds', async () => {
    const start = fake.calls.length;
    fake.failNext('*', { error: 'ThrottlingException', count: 2 });
    const out = await client.send(new GetSecretValueCommand({ SecretId: 'mirror/token' }));
    expect(out.SecretString).toBe('s3cr3t');
    const attempts = fake.calls.slice(start);
    expect(attempts.map((c) => [c.status, c.errorType, c.attempt])).toEqual([
      [400, 'ThrottlingException', 1],
      [400, 'ThrottlingException', 2],
      [200, undefined, 3],
    ]);
  });

  it('answers an injected InternalServiceError with 500, which the SDK gives up on after retrying', async () => {
    fake.failNext('SecretsManager.GetSecretValue', {
      error: 'InternalServiceError',
      count: Infinity,
    });
    const single = new SecretsManagerClient({ ...config(), maxAttempts: 2 });
    try {
      await single.send(new GetSecretValueCommand({ SecretId: 'mirror/token' }));
      throw new Error('expected a failure');
    } catch (err) {
      const e = err as SecretsManagerServiceException;
      expect(e.name).toBe('InternalServiceError');
      expect(e.$metadata.httpStatusCode).toBe(500);
      expect(e.$metadata.attempts).toBe(2);
      expect(e.$fault).toBe('server');
    } finally {
      fake.clearFailures();
      single.destroy();
    }
  });

  it('answers another operation with UnknownOperationException and records it', async () => {
    const err = await rejection(
      client.send(new DescribeSecretCommand({ SecretId: 'mirror/token' })),
    );
    expect(err.name).toBe('UnknownOperationException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(fake.counts()['SecretsManager.DescribeSecret']).toBe(1);
  });
});
