/**
 * Cross-checks the fake Secrets Manager against an independent implementation, moto's server
 * (`python3 -m moto.server`): the same SDK calls (GetSecretValue by name, by full ARN, for a
 * missing secret by name and by ARN) go to both, and the answers must have the same fields, types
 * and error names. Values that are random by design (the ARN suffix, the
 * version id) are compared by shape only. Skipped, with a note, where moto is not installed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
  type GetSecretValueCommandOutput,
} from '@aws-sdk/client-secrets-manager';
import {
  startFakeSecretsManager,
  type FakeSecretsManager,
} from '../fakes/secrets-manager-server.js';

const motoInstalled = spawnSync('python3', ['-c', 'import moto'], { stdio: 'ignore' }).status === 0;
if (!motoInstalled) {
  console.warn('moto is not installed (python3 -c "import moto" failed): skipping the cross-check');
}
const describeWithMoto = motoInstalled ? describe : describe.skip;

const NAME = 'mirror/github-app';
const VALUE = '{"appId":4242,"privateKey":"-----BEGIN PRIVATE KEY-----"}';

/** A port free right now, for moto's `-p`. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitUntilAnswering(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto exited with ${child.exitCode}`);
    try {
      await fetch(`${url}/moto-api/`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('moto did not answer within 30 s');
}

const clientFor = (endpoint: string): SecretsManagerClient =>
  new SecretsManagerClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 1,
  });

/** Field names and value types, recursively: what "the same shape" means here. */
function shape(value: unknown): unknown {
  if (value instanceof Date) return 'Date';
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== '$metadata')
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, v]) => [key, shape(v)]),
    );
  }
  return typeof value;
}

/** The error a call fails with: SDK name, fault and HTTP status. */
async function errorOf(
  client: SecretsManagerClient,
  secretId: string,
): Promise<{ name: string; message: string; fault: unknown; status: unknown }> {
  try {
    await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  } catch (err) {
    const e = err as Error & { $fault?: unknown; $metadata?: { httpStatusCode?: number } };
    return {
      name: e.name,
      message: e.message,
      fault: e.$fault,
      status: e.$metadata?.httpStatusCode,
    };
  }
  throw new Error(`expected GetSecretValue(${secretId}) to fail`);
}

describeWithMoto('fake Secrets Manager agrees with moto', () => {
  let moto: ChildProcess;
  let fake: FakeSecretsManager;
  let motoClient: SecretsManagerClient;
  let fakeClient: SecretsManagerClient;
  let motoArn: string;

  beforeAll(async () => {
    const port = await freePort();
    moto = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
      stdio: 'ignore',
    });
    const url = `http://127.0.0.1:${port}`;
    await waitUntilAnswering(url, moto);
    motoClient = clientFor(url);
    const created = await motoClient.send(
      new CreateSecretCommand({ Name: NAME, SecretString: VALUE }),
    );
    motoArn = created.ARN!;

    fake = await startFakeSecretsManager({ secrets: { [NAME]: VALUE } });
    fakeClient = clientFor(fake.url);
  });

  afterAll(async () => {
    motoClient?.destroy();
    fakeClient?.destroy();
    await fake?.close();
    if (moto && moto.exitCode === null) {
      const exited = new Promise((resolve) => moto.once('exit', resolve));
      moto.kill('SIGTERM');
      await exited;
    }
  });

  const get = (client: SecretsManagerClient, secretId: string) =>
    client.send(new GetSecretValueCommand({ SecretId: secretId }));

  /** What both must agree on exactly: everything but the random parts. */
  const comparable = (out: GetSecretValueCommandOutput) => ({
    Name: out.Name,
    SecretString: out.SecretString,
    VersionStages: out.VersionStages,
    arnWithoutSuffix: out.ARN?.replace(/-[A-Za-z0-9]{6}$/, ''),
  });

  it('gives the same ARN form to a secret', () => {
    const pattern =
      /^arn:aws:secretsmanager:us-east-1:123456789012:secret:mirror\/github-app-[A-Za-z0-9]{6}$/;
    expect(motoArn).toMatch(pattern);
    expect(fake.secret(NAME)!.arn).toMatch(pattern);
  });

  it('answers GetSecretValue by name with the same fields', async () => {
    const [fromMoto, fromFake] = await Promise.all([get(motoClient, NAME), get(fakeClient, NAME)]);
    expect(shape(fromFake)).toEqual(shape(fromMoto));
    expect(comparable(fromFake)).toEqual(comparable(fromMoto));
    expect(fromFake.$metadata.httpStatusCode).toBe(fromMoto.$metadata.httpStatusCode);
  });

  it('answers GetSecretValue by full ARN with the same fields', async () => {
    const [fromMoto, fromFake] = await Promise.all([
      get(motoClient, motoArn),
      get(fakeClient, fake.secret(NAME)!.arn),
    ]);
    expect(fromMoto.ARN).toBe(motoArn);
    expect(fromFake.ARN).toBe(fake.secret(NAME)!.arn);
    expect(shape(fromFake)).toEqual(shape(fromMoto));
    expect(comparable(fromFake)).toEqual(comparable(fromMoto));
  });

  it('answers a missing secret with the same error, by name and by ARN', async () => {
    const missingArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:missing-AbCdEf';
    for (const id of ['missing', missingArn]) {
      const [fromMoto, fromFake] = await Promise.all([
        errorOf(motoClient, id),
        errorOf(fakeClient, id),
      ]);
      expect(fromMoto.name).toBe('ResourceNotFoundException');
      // moto answers 404 here; AWS (and the fake) answer 400, as for every JSON 1.1 client error.
      expect(fromFake).toEqual({ ...fromMoto, status: 400 });
    }
  });
});
