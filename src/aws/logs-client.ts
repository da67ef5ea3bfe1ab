/** The CloudWatch Logs client, in a module of its own so that it can be loaded when needed. */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { clientSettings, withEndpointInErrors, type AwsClientOptions } from './clients.js';

export function createLogsClient(options: AwsClientOptions): CloudWatchLogsClient {
  return withEndpointInErrors(new CloudWatchLogsClient(clientSettings(options)));
}
