/**
 * The CodeDeploy lifecycle hook as a Lambda handler (dist/codedeploy-hook/index.js, handler
 * `index.handler`): builds the ports from the function's environment and context and runs the
 * hook. See src/codedeploy/lifecycle-hook.ts for what it does and when it throws.
 */
import { createCodeDeployClient } from '../../aws/codedeploy-client.js';
import { createLambdaClient } from '../../aws/lambda-client.js';
import {
  codeDeployDeployments,
  codeDeployReporter,
  lambdaInvoker,
} from '../../codedeploy/hook-aws-ports.js';
import { fetchProbe } from '../../codedeploy/hook-checks.js';
import { parseHookSettings } from '../../codedeploy/hook-settings.js';
import { runLifecycleHook, type HookResult } from '../../codedeploy/lifecycle-hook.js';
import { systemClock } from '../../util/clock.js';
import { ConsoleLogger } from '../../util/console-logger.js';

/** The part of Lambda's context object the hook uses. */
export interface LambdaContext {
  getRemainingTimeInMillis(): number;
}

/** Per-request time-out of the report; the checks stop 3 s plus this before the function would. */
const REPORT_TIMEOUT_MS = 2000;

export async function handler(event: unknown, context: LambdaContext): Promise<HookResult> {
  const logger = new ConsoleLogger({
    out: (text) => console.log(text.trimEnd()),
    err: (text) => console.error(text.trimEnd()),
  });
  for (const secret of [process.env.AWS_SECRET_ACCESS_KEY, process.env.AWS_SESSION_TOKEN])
    if (secret) logger.mask(secret);
  // Lambda always sets AWS_REGION; elsewhere (a local run) AWS_DEFAULT_REGION may.
  const region = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'us-east-1';
  const codedeploy = createCodeDeployClient({ region, requestTimeoutMs: REPORT_TIMEOUT_MS });
  return runLifecycleHook(
    event,
    {
      logger,
      clock: systemClock,
      region,
      http: fetchProbe,
      invoker: lambdaInvoker(() => createLambdaClient(region)),
      deployments: codeDeployDeployments(codedeploy),
      reporter: codeDeployReporter(codedeploy),
      remainingMs: () => context.getRemainingTimeInMillis(),
      settings: () => parseHookSettings(process.env),
    },
    { reserveMs: 3000 + REPORT_TIMEOUT_MS },
  );
}
