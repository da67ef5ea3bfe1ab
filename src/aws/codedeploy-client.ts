/**
 * The CodeDeploy client, in a module of its own so that only the Lambda hook loads its SDK. The
 * hook's report must fit in the function's remaining time, so its requests time out sooner than
 * the project's default.
 */
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { clientSettings, withEndpointInErrors } from './clients.js';

export interface CodeDeployClientOptions {
  readonly region: string;
  /** Per-request time-out; default 60 s as for every client. */
  readonly requestTimeoutMs?: number;
}

export function createCodeDeployClient(options: CodeDeployClientOptions): CodeDeployClient {
  const settings = clientSettings({ region: options.region });
  return withEndpointInErrors(
    new CodeDeployClient({
      ...settings,
      requestHandler: {
        ...settings.requestHandler,
        ...(options.requestTimeoutMs === undefined
          ? {}
          : {
              connectionTimeout: Math.min(
                settings.requestHandler.connectionTimeout,
                options.requestTimeoutMs,
              ),
              requestTimeout: options.requestTimeoutMs,
            }),
      },
    }),
  );
}
