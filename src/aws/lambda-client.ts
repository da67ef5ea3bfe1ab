/**
 * The Lambda client, in a module of its own so that only the hook's invoke check loads its SDK.
 * One attempt only: a retried Invoke runs the checked function a second time, and the check's own
 * abort signal bounds how long the call may take.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { clientSettings, withEndpointInErrors } from './clients.js';

export function createLambdaClient(region: string): LambdaClient {
  return withEndpointInErrors(
    new LambdaClient({ ...clientSettings({ region, maxAttempts: 1 }), maxAttempts: 1 }),
  );
}
