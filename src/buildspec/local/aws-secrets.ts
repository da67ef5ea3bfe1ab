/**
 * Fetches `env.parameter-store` and `env.secrets-manager` values for a local build the way
 * CodeBuild does: SSM GetParameter with decryption, and Secrets Manager GetSecretValue with the
 * `secret-id:json-key:version-stage:version-id` reference syntax. Used only when AWS credentials
 * are present; endpoints follow the standard AWS_ENDPOINT_URL* variables, which the SDK reads.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { explainAwsError } from '../../aws/aws-errors.js';
import type { AwsSecretClients } from '../../aws/secret-clients.js';
import { errorMessage, errorName, UserError } from '../../util/errors.js';
import type { SecretResolvers } from './secret-variables.js';

export interface SecretReference {
  readonly secretId: string;
  readonly jsonKey: string | undefined;
  readonly versionStage: string | undefined;
  readonly versionId: string | undefined;
}

/** An ARN holds colons itself (`arn:aws:secretsmanager:region:account:secret:name`): 7 fields. */
const ARN_FIELDS = 7;

export function parseSecretReference(reference: string): SecretReference {
  const fields = reference.split(':');
  const idLength = reference.startsWith('arn:') ? ARN_FIELDS : 1;
  const secretId = fields.slice(0, idLength).join(':');
  const [jsonKey, versionStage, versionId, ...extra] = fields.slice(idLength);
  if (
    secretId === '' ||
    extra.length > 0 ||
    (idLength === ARN_FIELDS && fields.length < ARN_FIELDS)
  ) {
    throw new UserError(
      `"${reference}" is not a Secrets Manager reference: write secret-id[:json-key[:version-stage[:version-id]]], where secret-id is a name or a full ARN.`,
    );
  }
  const optional = (value: string | undefined) =>
    value === undefined || value === '' ? undefined : value;
  return {
    secretId,
    jsonKey: optional(jsonKey),
    versionStage: optional(versionStage),
    versionId: optional(versionId),
  };
}

/** Whether the SDK's default credential chain has something to work with. */
export function hasAwsCredentials(env: NodeJS.ProcessEnv, homeDir: string | undefined): boolean {
  const variables = [
    'AWS_ACCESS_KEY_ID',
    'AWS_PROFILE',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  ];
  if (variables.some((name) => Boolean(env[name]))) return true;
  const home = homeDir ?? env.HOME;
  if (!home) return false;
  return [
    env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'),
    env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'),
  ].some(existsSync);
}

export function awsSecretResolvers(
  clients: AwsSecretClients,
  region: string,
): Required<SecretResolvers> {
  return {
    resolveParameter: async (name) => {
      try {
        const output = await clients.ssm.send(
          new GetParameterCommand({ Name: name, WithDecryption: true }),
        );
        const value = output.Parameter?.Value;
        if (value === undefined) throw new UserError(`parameter "${name}" has no value.`);
        return value;
      } catch (error) {
        throw awsError(error, {
          missing: 'ParameterNotFound',
          what: `parameter "${name}"`,
          action: 'ssm:GetParameter (and kms:Decrypt for a SecureString)',
          region,
        });
      }
    },
    resolveSecret: async (reference) => {
      const parsed = parseSecretReference(reference);
      let secretString: string | undefined;
      try {
        const output = await clients.secretsManager.send(
          new GetSecretValueCommand({
            SecretId: parsed.secretId,
            VersionStage: parsed.versionStage,
            VersionId: parsed.versionId,
          }),
        );
        secretString = output.SecretString;
      } catch (error) {
        throw awsError(error, {
          missing: 'ResourceNotFoundException',
          what: `secret "${parsed.secretId}"`,
          action: 'secretsmanager:GetSecretValue',
          region,
        });
      }
      if (secretString === undefined)
        throw new UserError(
          `secret "${parsed.secretId}" is binary; CodeBuild reads only text secrets.`,
        );
      return parsed.jsonKey === undefined ? secretString : jsonField(secretString, parsed);
    },
  };
}

function jsonField(secretString: string, reference: SecretReference): string {
  let document: unknown;
  try {
    document = JSON.parse(secretString);
  } catch {
    throw new UserError(
      `secret "${reference.secretId}" is not JSON, so it has no key "${reference.jsonKey}". Drop the json-key to use the whole value.`,
    );
  }
  const record =
    typeof document === 'object' && document !== null ? (document as Record<string, unknown>) : {};
  const value = record[reference.jsonKey ?? ''];
  if (value === undefined) {
    throw new UserError(
      `secret "${reference.secretId}" has no key "${reference.jsonKey}"; its keys are: ${Object.keys(record).join(', ') || 'none'}.`,
    );
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function awsError(
  error: unknown,
  context: { missing: string; what: string; action: string; region: string },
): Error {
  if (error instanceof UserError) return error;
  const name = errorName(error);
  if (name === context.missing)
    return new UserError(`${context.what} does not exist in ${context.region}.`);
  // Denied access and missing credentials are explained as for every other AWS call.
  const explained = explainAwsError(error, {
    action: context.action,
    region: context.region,
    subject: context.what,
  });
  if (explained instanceof UserError) return explained;
  return new UserError(
    `reading ${context.what} failed with ${name ?? 'an error'}: ${errorMessage(error)}`,
  );
}
