/** The CodePipeline client, in a module of its own so that only the commands that use it load its SDK. */
import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { clientSettings, withEndpointInErrors, type AwsClientOptions } from './clients.js';

export function createCodePipelineClient(
  region: string,
  options: Omit<AwsClientOptions, 'region'> = {},
): CodePipelineClient {
  return withEndpointInErrors(new CodePipelineClient(clientSettings({ ...options, region })));
}
