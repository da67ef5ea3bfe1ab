/**
 * The AWS clients run-build needs, for one region. The CloudWatch Logs client is loaded only
 * when asked for, after StartBuild: its SDK is not needed for the first request.
 */
import { createCodeBuildClient } from './clients.js';

export function codeBuildClients(region: string) {
  return {
    codebuild: createCodeBuildClient({ region }),
    logs: async () => (await import('./logs-client.js')).createLogsClient({ region }),
  };
}
