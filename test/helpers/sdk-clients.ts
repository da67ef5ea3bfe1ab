/** Real AWS SDK v3 clients pointed at the fake AWS endpoint, for the tests of the fake itself. */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CodeBuildClient } from '@aws-sdk/client-codebuild';
import type { FakeAws } from '../fakes/aws-server.js';

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' };

export interface SdkClients {
  codebuild: CodeBuildClient;
  logs: CloudWatchLogsClient;
  destroy(): void;
}

export function sdkClients(aws: FakeAws): SdkClients {
  const config = { endpoint: aws.url, region: 'us-east-1', credentials: TEST_CREDENTIALS };
  const codebuild = new CodeBuildClient(config);
  const logs = new CloudWatchLogsClient(config);
  return {
    codebuild,
    logs,
    destroy() {
      codebuild.destroy();
      logs.destroy();
    },
  };
}
