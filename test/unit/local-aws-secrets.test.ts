import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import {
  awsSecretResolvers,
  hasAwsCredentials,
  parseSecretReference,
} from '../../src/buildspec/local/aws-secrets.js';
import { UserError } from '../../src/util/errors.js';
import { temporaryDirectory } from '../helpers/local-build.js';

describe('parseSecretReference', () => {
  it.each([
    [
      'prod/db',
      { secretId: 'prod/db', jsonKey: undefined, versionStage: undefined, versionId: undefined },
    ],
    [
      'prod/db:password',
      { secretId: 'prod/db', jsonKey: 'password', versionStage: undefined, versionId: undefined },
    ],
    [
      'prod/db::AWSPREVIOUS',
      {
        secretId: 'prod/db',
        jsonKey: undefined,
        versionStage: 'AWSPREVIOUS',
        versionId: undefined,
      },
    ],
    [
      'prod/db:password:AWSCURRENT:v-1',
      { secretId: 'prod/db', jsonKey: 'password', versionStage: 'AWSCURRENT', versionId: 'v-1' },
    ],
    [
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf:password',
      {
        secretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf',
        jsonKey: 'password',
        versionStage: undefined,
        versionId: undefined,
      },
    ],
  ])('reads %s', (reference, expected) => {
    expect(parseSecretReference(reference)).toEqual(expected);
  });

  it('refuses a reference with too many fields or a cut-off ARN', () => {
    expect(() => parseSecretReference('a:b:c:d:e')).toThrow(
      /"a:b:c:d:e" is not a Secrets Manager reference: write secret-id\[:json-key/,
    );
    expect(() => parseSecretReference('arn:aws:secretsmanager:eu-west-1')).toThrow(UserError);
  });
});

describe('hasAwsCredentials', () => {
  it('sees credentials in the environment or in the shared files', () => {
    const home = temporaryDirectory();
    expect(hasAwsCredentials({}, home)).toBe(false);
    expect(hasAwsCredentials({ AWS_ACCESS_KEY_ID: 'AKIA' }, home)).toBe(true);
    expect(hasAwsCredentials({ AWS_PROFILE: 'ci' }, home)).toBe(true);
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'config'), '[default]\nregion = eu-west-1\n');
    expect(hasAwsCredentials({}, home)).toBe(true);
  });
});

/** Speaks the AWS JSON 1.1 protocol for SSM GetParameter and Secrets Manager GetSecretValue. */
class FakeSecretStores {
  readonly requests: Array<{ target: string; body: Record<string, unknown> }> = [];
  private server: Server | undefined;

  constructor(
    private readonly parameters: Record<string, string>,
    private readonly secrets: Record<string, string>,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void readBody(request).then((text) => {
        const target = String(request.headers['x-amz-target'] ?? '');
        const body = JSON.parse(text || '{}') as Record<string, unknown>;
        this.requests.push({ target, body });
        const reply = (status: number, payload: unknown) => {
          response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
          response.end(JSON.stringify(payload));
        };
        if (target === 'AmazonSSM.GetParameter') {
          const value = this.parameters[String(body.Name)];
          if (value === undefined)
            return reply(400, { __type: 'ParameterNotFound', message: 'not found' });
          return reply(200, {
            Parameter: { Name: body.Name, Type: 'SecureString', Value: value, Version: 1 },
          });
        }
        if (target === 'secretsmanager.GetSecretValue') {
          const value = this.secrets[String(body.SecretId)];
          if (value === undefined)
            return reply(400, { __type: 'ResourceNotFoundException', Message: 'not found' });
          return reply(200, {
            ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:x',
            Name: body.SecretId,
            SecretString: value,
            VersionId: 'v1',
          });
        }
        return reply(400, { __type: 'UnknownOperationException', message: target });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

describe('awsSecretResolvers against the AWS JSON protocol', () => {
  const stores = new FakeSecretStores(
    { '/ci/db-password': 'hunter22' },
    { 'prod/api': '{"token":"tok-123","port":5432}', plain: 'just-text' },
  );
  let resolvers: ReturnType<typeof awsSecretResolvers>;

  beforeAll(async () => {
    const endpoint = await stores.start();
    const config = {
      region: 'eu-west-1',
      endpoint,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
    };
    resolvers = awsSecretResolvers(
      { ssm: new SSMClient(config), secretsManager: new SecretsManagerClient(config) },
      'eu-west-1',
    );
  });
  afterAll(() => stores.stop());

  it('reads a parameter with decryption', async () => {
    await expect(resolvers.resolveParameter('/ci/db-password')).resolves.toBe('hunter22');
    expect(stores.requests.at(-1)).toEqual({
      target: 'AmazonSSM.GetParameter',
      body: { Name: '/ci/db-password', WithDecryption: true },
    });
  });

  it('reads a JSON key of a secret at a version stage, and a whole text secret', async () => {
    await expect(resolvers.resolveSecret('prod/api:token:AWSCURRENT')).resolves.toBe('tok-123');
    expect(stores.requests.at(-1)).toEqual({
      target: 'secretsmanager.GetSecretValue',
      body: { SecretId: 'prod/api', VersionStage: 'AWSCURRENT' },
    });
    await expect(resolvers.resolveSecret('prod/api:port')).resolves.toBe('5432');
    await expect(resolvers.resolveSecret('plain')).resolves.toBe('just-text');
  });

  it('says what is missing: the parameter, the secret or the JSON key', async () => {
    await expect(resolvers.resolveParameter('/ci/nope')).rejects.toThrow(
      new UserError('parameter "/ci/nope" does not exist in eu-west-1.'),
    );
    await expect(resolvers.resolveSecret('nope')).rejects.toThrow(
      new UserError('secret "nope" does not exist in eu-west-1.'),
    );
    await expect(resolvers.resolveSecret('prod/api:user')).rejects.toThrow(
      new UserError('secret "prod/api" has no key "user"; its keys are: token, port.'),
    );
    await expect(resolvers.resolveSecret('plain:key')).rejects.toThrow(
      /secret "plain" is not JSON, so it has no key "key"/,
    );
  });
});
