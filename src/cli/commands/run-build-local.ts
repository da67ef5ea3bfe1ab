/**
 * `buildbridge run-build --local`: the CLI side of a local build. Builds the settings and ports
 * (the CLI's logger, the system clock, AWS secret resolvers when credentials exist), runs the
 * build, prints the final lines and, inside a GitHub Actions step, appends the job summary.
 */
import { homedir } from 'node:os';
import type { CliContext } from '../command.js';
import { appendStepSummary } from '../github-step.js';
import { createAwsSecretClients } from '../../aws/secret-clients.js';
import { awsSecretResolvers, hasAwsCredentials } from '../../buildspec/local/aws-secrets.js';
import { parseLocalBuildSettings } from '../../buildspec/local/local-options.js';
import { localResultLines, localSummaryMarkdown } from '../../buildspec/local/local-summary.js';
import { runLocalBuild } from '../../buildspec/local/run-local-build.js';
import type { SecretResolvers } from '../../buildspec/local/secret-variables.js';
import { systemClock } from '../../util/clock.js';
import { UserError } from '../../util/errors.js';
import { maskEnvironmentSecrets } from '../../util/secrets.js';

export async function runLocalCommand(context: CliContext): Promise<number> {
  const { logger, env, signal } = context;
  maskEnvironmentSecrets(env, logger);
  const settings = parseLocalBuildSettings(context.options, env, context.cwd);
  if (settings.buildspec.kind === 'embedded-demo') {
    logger.info(
      `No --buildspec given and no buildspec.yml in ${context.options.string('source-dir') ?? context.cwd}: running the embedded demo buildspec in ${settings.sourceDir}. ` +
        'To run your own, pass --buildspec path/to/buildspec.yml or run from the directory that holds buildspec.yml.',
    );
  }
  const result = await runLocalBuild(settings, {
    logger,
    clock: systemClock,
    signal,
    onForcedExit: context.onForcedExit,
    ...secretResolvers(env, settings.region),
  });
  const now = systemClock.now();
  const lines = localResultLines(result, now);
  const verdict = lines.pop();
  for (const line of lines) logger.info(line);
  // The last line says what happened: an error annotation inside Actions when the build failed.
  if (verdict !== undefined && result.succeeded) logger.info(verdict);
  else if (verdict !== undefined) logger.error(verdict);
  await appendStepSummary(
    env,
    logger.redact(localSummaryMarkdown(result, now, (text) => logger.redact(text))),
  );
  return result.exitCode;
}

/** Resolvers exist only with credentials; the SDK clients are made on first use. */
function secretResolvers(env: NodeJS.ProcessEnv, region: string | undefined): SecretResolvers {
  if (!hasAwsCredentials(env, homedir())) return {};
  let resolvers: ReturnType<typeof awsSecretResolvers> | undefined;
  const get = () => {
    if (!region)
      throw new UserError(
        'AWS credentials were found but no region: set AWS_REGION or pass --region.',
      );
    resolvers ??= awsSecretResolvers(createAwsSecretClients(region), region);
    return resolvers;
  };
  return {
    resolveParameter: async (name) => get().resolveParameter(name),
    resolveSecret: async (reference) => get().resolveSecret(reference),
  };
}
