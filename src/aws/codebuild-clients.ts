/** The AWS clients run-build needs, for one region. */
import { createCodeBuildClient, createLogsClient } from './clients.js';

export function codeBuildClients(region: string) {
  return { codebuild: createCodeBuildClient({ region }), logs: createLogsClient({ region }) };
}
