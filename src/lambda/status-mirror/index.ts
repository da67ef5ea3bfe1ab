/**
 * The EventBridge status mirror as a Lambda handler (dist/status-mirror/index.js, handler
 * `index.handler`): CodeBuild build state changes (and CodePipeline execution state changes)
 * become commit statuses on GitHub or Bitbucket. Settings, secrets, clients and GitHub App
 * tokens are made once per cold start and kept; see src/mirror/status-mirror.ts for what fails
 * an invocation and what is only logged.
 */
import { createCodeBuildClient } from '../../aws/clients.js';
import { createCodePipelineClient } from '../../aws/codepipeline-client.js';
import { createSecretsManagerClient } from '../../aws/secret-clients.js';
import { codeBuildReader, perKey, secretsManagerReader } from '../../mirror/aws-ports.js';
import { Credentials } from '../../mirror/credentials.js';
import { hostHttp } from '../../mirror/host-http.js';
import type { MirrorOutcome } from '../../mirror/mirror-build.js';
import { createPipelineMirror } from '../../mirror/mirror-pipeline.js';
import { parseMirrorSettings } from '../../mirror/mirror-settings.js';
import { createStatusPoster } from '../../mirror/status-poster.js';
import { mirrorEvent, type MirrorRuntime } from '../../mirror/status-mirror.js';
import { systemClock } from '../../util/clock.js';
import { ConsoleLogger } from '../../util/console-logger.js';

const logger = new ConsoleLogger({
  out: (text) => console.log(text.trimEnd()),
  err: (text) => console.error(text.trimEnd()),
});
for (const secret of [process.env.AWS_SECRET_ACCESS_KEY, process.env.AWS_SESSION_TOKEN])
  if (secret) logger.mask(secret);

/** The part of Lambda's context object the mirror uses. */
export interface LambdaContext {
  getRemainingTimeInMillis(): number;
}

/**
 * AWS calls give up sooner than the project's default, so that a silent endpoint fails the
 * invocation (to be retried) well within the function's time-out rather than outlive it.
 */
const AWS_CLIENT = { requestTimeoutMs: 5_000, maxAttempts: 3 } as const;
/** Kept free at the end of each invocation, to log what happened before Lambda stops it. */
const RESERVE_MS = 3_000;

let runtime: Promise<MirrorRuntime> | undefined;
/** When the current invocation must be done with the code hosts. */
let deadline: number | undefined;

function makeRuntime(): Promise<MirrorRuntime> {
  runtime ??= (async (): Promise<MirrorRuntime> => {
    const settings = parseMirrorSettings(process.env);
    // Lambda always sets AWS_REGION: a secret given by name is in the function's region.
    const region = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'us-east-1';
    const credentials = new Credentials(
      secretsManagerReader(
        perKey((key) => createSecretsManagerClient({ region: key, ...AWS_CLIENT })),
        region,
      ),
      logger,
    );
    const poster = createStatusPoster(
      settings,
      hostHttp(systemClock, fetch, () => deadline),
      credentials,
      systemClock,
      logger,
    );
    return {
      logger,
      clock: systemClock,
      settings,
      builds: codeBuildReader(
        perKey((key) => createCodeBuildClient({ region: key, ...AWS_CLIENT })),
      ),
      poster,
      pipeline: createPipelineMirror({
        logger,
        clock: systemClock,
        settings,
        poster,
        codepipeline: perKey((key) => createCodePipelineClient(key, AWS_CLIENT)),
      }),
    };
  })();
  // A bad setting is reported on every event until it is fixed, not kept as the answer.
  runtime.catch(() => (runtime = undefined));
  return runtime;
}

export function handler(event: unknown, context?: LambdaContext): Promise<MirrorOutcome> {
  const remaining = context?.getRemainingTimeInMillis();
  deadline = remaining === undefined ? undefined : Date.now() + remaining - RESERVE_MS;
  return mirrorEvent(event, makeRuntime, logger);
}
