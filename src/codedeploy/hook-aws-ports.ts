/**
 * The lifecycle hook's ports over the AWS SDK: the report (PutLifecycleEventHookExecutionStatus),
 * the deployment (GetDeployment) and the invoke check (Lambda Invoke, RequestResponse). Clients
 * are built by the front end (src/aws/) and passed in; the Lambda client only when first used.
 */
import {
  GetDeploymentCommand,
  PutLifecycleEventHookExecutionStatusCommand,
  type CodeDeployClient,
} from '@aws-sdk/client-codedeploy';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { DeploymentReader, FunctionInvoker } from './hook-checks.js';
import type { HookStatusReporter } from './lifecycle-hook.js';

export function codeDeployReporter(client: CodeDeployClient): HookStatusReporter {
  return {
    async report(report, signal) {
      await client.send(
        new PutLifecycleEventHookExecutionStatusCommand({
          deploymentId: report.deploymentId,
          lifecycleEventHookExecutionId: report.lifecycleEventHookExecutionId,
          status: report.status,
        }),
        { abortSignal: signal },
      );
    },
  };
}

export function codeDeployDeployments(client: CodeDeployClient): DeploymentReader {
  return {
    async getDeployment(deploymentId, signal) {
      const answer = await client.send(new GetDeploymentCommand({ deploymentId }), {
        abortSignal: signal,
      });
      const info = answer.deploymentInfo ?? {};
      return {
        ...(info.computePlatform ? { computePlatform: info.computePlatform } : {}),
        ...(info.revision ? { revision: info.revision } : {}),
      };
    },
  };
}

export function lambdaInvoker(client: () => LambdaClient): FunctionInvoker {
  let built: LambdaClient | undefined;
  return {
    async invoke(request, signal) {
      built ??= client();
      const answer = await built.send(
        new InvokeCommand({
          FunctionName: request.functionName,
          ...(request.qualifier ? { Qualifier: request.qualifier } : {}),
          InvocationType: 'RequestResponse',
          Payload: new TextEncoder().encode(request.payload),
        }),
        { abortSignal: signal },
      );
      return {
        ...(answer.FunctionError ? { functionError: answer.FunctionError } : {}),
        payload: answer.Payload ? new TextDecoder().decode(answer.Payload) : '',
      };
    },
  };
}
