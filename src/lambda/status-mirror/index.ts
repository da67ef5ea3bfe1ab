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

let runtime: Promise<MirrorRuntime> | undefined;

function makeRuntime(): Promise<MirrorRuntime> {
  runtime ??= (async (): Promise<MirrorRuntime> => {
    const settings = parseMirrorSettings(process.env);
    // Lambda always sets AWS_REGION: the secrets live in the function's region.
    const region = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'us-east-1';
    const credentials = new Credentials(
      secretsManagerReader(perKey(createSecretsManagerClient).bind(undefined, region), region),
      logger,
    );
    const poster = createStatusPoster(
      settings,
      hostHttp(systemClock),
      credentials,
      systemClock,
      logger,
    );
    return {
      logger,
      clock: systemClock,
      settings,
      builds: codeBuildReader(perKey((key) => createCodeBuildClient({ region: key }))),
      poster,
      pipeline: createPipelineMirror({
        logger,
        clock: systemClock,
        settings,
        poster,
        codepipeline: perKey(createCodePipelineClient),
      }),
    };
  })();
  // A bad setting is reported on every event until it is fixed, not kept as the answer.
  runtime.catch(() => (runtime = undefined));
  return runtime;
}

export function handler(event: unknown): Promise<MirrorOutcome> {
  return mirrorEvent(event, makeRuntime, logger);
}
