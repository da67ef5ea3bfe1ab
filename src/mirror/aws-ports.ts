/**
 * The status mirror's AWS ports: builds read with BatchGetBuilds (a client per region, kept
 * across invocations) and secrets read with GetSecretValue. Errors leave explained: a missing
 * permission names its IAM action and the function's role.
 */
import {
  BatchGetBuildBatchesCommand,
  BatchGetBuildsCommand,
  type CodeBuildClient,
} from '@aws-sdk/client-codebuild';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretReader } from './credentials.js';
import type { BuildReader } from './mirror-build.js';
import { explainAwsError } from '../aws/aws-errors.js';
import { UserError } from '../util/errors.js';

/** How many batches' member identifiers a warm instance keeps. */
const BATCHES_KEPT = 200;

export function codeBuildReader(client: (region: string) => CodeBuildClient): BuildReader {
  /** Per batch ARN: member build ARN → identifier, as last read. */
  const batches = new Map<string, Map<string, string>>();
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
    async batchIdentifier(region, batchArn, buildArn) {
      const kept = batches.get(batchArn)?.get(buildArn);
      if (kept) return kept;
      const batchId = batchArn.split(':build-batch/').pop() ?? batchArn;
      let groups;
      try {
        const answer = await client(region).send(
          new BatchGetBuildBatchesCommand({ ids: [batchId] }),
        );
        groups = answer.buildBatches?.[0]?.buildGroups ?? [];
      } catch (error) {
        throw explainAwsError(error, {
          action: 'codebuild:BatchGetBuildBatches',
          region,
          subject: `batch ${batchId}`,
        });
      }
      const members = new Map<string, string>();
      for (const group of groups) {
        const arn = group.currentBuildSummary?.arn;
        if (arn && group.identifier) members.set(arn, group.identifier);
        for (const prior of group.priorBuildSummaryList ?? [])
          if (prior.arn && group.identifier) members.set(prior.arn, group.identifier);
      }
      batches.delete(batchArn);
      batches.set(batchArn, members);
      if (batches.size > BATCHES_KEPT) batches.delete(batches.keys().next().value!);
      return members.get(buildArn);
    },
  };
}

/**
 * Reads secrets with a client of the secret's own region: an ARN names it, a name is in the
 * function's region.
 */
export function secretsManagerReader(
  client: (region: string) => SecretsManagerClient,
  functionRegion: string,
): SecretReader {
  return {
    async read(secretId) {
      const region = /^arn:[^:]+:secretsmanager:([^:]+):/.exec(secretId)?.[1] ?? functionRegion;
      let text: string | undefined;
      try {
        text = (await client(region).send(new GetSecretValueCommand({ SecretId: secretId })))
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
