/**
 * The status mirror's AWS ports: builds read with BatchGetBuilds (a client per region, kept
 * across invocations) and secrets read with GetSecretValue. Errors leave explained: a missing
 * permission names its IAM action and the function's role.
 */
import { BatchGetBuildsCommand, type CodeBuildClient } from '@aws-sdk/client-codebuild';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretReader } from './credentials.js';
import type { BuildReader } from './mirror-build.js';
import { explainAwsError } from '../aws/aws-errors.js';
import { UserError } from '../util/errors.js';

export function codeBuildReader(client: (region: string) => CodeBuildClient): BuildReader {
  return {
    async get(region, buildId) {
      try {
        const answer = await client(region).send(new BatchGetBuildsCommand({ ids: [buildId] }));
        return answer.builds?.find((build) => build.id === buildId) ?? answer.builds?.[0];
      } catch (error) {
        throw explainAwsError(error, {
          action: 'codebuild:BatchGetBuilds',
          region,
          subject: `build ${buildId}`,
        });
      }
    },
  };
}

export function secretsManagerReader(
  client: () => SecretsManagerClient,
  region: string,
): SecretReader {
  return {
    async read(secretId) {
      let text: string | undefined;
      try {
        text = (await client().send(new GetSecretValueCommand({ SecretId: secretId })))
          .SecretString;
      } catch (error) {
        const name = (error as { name?: unknown }).name;
        if (name === 'ResourceNotFoundException')
          throw new UserError(
            `Secrets Manager in ${region} has no secret "${secretId}" (or the function may not see it): check the secret's name or ARN in the function's variables, and its region.`,
          );
        throw explainAwsError(error, {
          action: 'secretsmanager:GetSecretValue',
          region,
          subject: `secret "${secretId}"`,
        });
      }
      if (text === undefined)
        throw new UserError(
          `The secret "${secretId}" holds binary data: store the credential as the secret's text (SecretString).`,
        );
      return text;
    },
  };
}

/** One client per key, made when first asked for. */
export function perKey<T>(make: (key: string) => T): (key: string) => T {
  const made = new Map<string, T>();
  return (key) => {
    let client = made.get(key);
    if (!client) made.set(key, (client = make(key)));
    return client;
  };
}
