/**
 * AWS SDK clients, built in one place: region, adaptive retry (ThrottlingException and 5xx are
 * retried with client-side rate limiting), and our user agent. Endpoints come from the standard
 * AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> variables, which the SDK reads itself.
 */
import { CodeBuildClient } from '@aws-sdk/client-codebuild';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';

export interface AwsClientOptions {
  readonly region: string;
  /** Total attempts per request, including retries. */
  readonly maxAttempts?: number;
}

const USER_AGENT: [string, string][] = [['buildbridge', '0.1.0']];

/** The settings every client of this project shares. */
export function clientSettings(options: AwsClientOptions) {
  return {
    region: options.region,
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? 4,
    customUserAgent: USER_AGENT,
  } as const;
}

export function createCodeBuildClient(options: AwsClientOptions): CodeBuildClient {
  return new CodeBuildClient(clientSettings(options));
}

export function createLogsClient(options: AwsClientOptions): CloudWatchLogsClient {
  return new CloudWatchLogsClient(clientSettings(options));
}
