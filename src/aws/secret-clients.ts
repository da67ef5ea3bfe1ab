/**
 * Clients for Parameter Store and Secrets Manager, kept apart from clients.ts so that bundles
 * that never read secrets (run-build) do not carry these SDKs.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { clientSettings, withEndpointInErrors, type AwsClientOptions } from './clients.js';

export interface AwsSecretClients {
  readonly ssm: SSMClient;
  readonly secretsManager: SecretsManagerClient;
}

export function createAwsSecretClients(region: string): AwsSecretClients {
  const settings = clientSettings({ region, maxAttempts: 5 });
  return {
    ssm: withEndpointInErrors(new SSMClient(settings)),
    secretsManager: withEndpointInErrors(new SecretsManagerClient(settings)),
  };
}

/** Secrets Manager alone, for the status mirror (whose bundle needs no SSM). */
export function createSecretsManagerClient(options: AwsClientOptions): SecretsManagerClient {
  return withEndpointInErrors(new SecretsManagerClient(clientSettings(options)));
}
