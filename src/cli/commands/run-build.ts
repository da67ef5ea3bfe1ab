/**
 * `buildbridge run-build`: start a CodeBuild build from any shell and follow it to the end, or
 * with --local run a buildspec on this machine. Flags of the other mode are usage errors, so a
 * flag never silently does nothing.
 */
import type { CliCommand, CliContext } from '../command.js';
import { appendStepOutput, appendStepSummary } from '../github-step.js';
import { runLocalCommand } from './run-build-local.js';
import { codeBuildClients } from '../../aws/codebuild-clients.js';
import { LOCAL_BUILD_OPTIONS } from '../../buildspec/local/local-options.js';
import { RUN_BUILD_OPTIONS } from '../../codebuild/run-build-options.js';
import { readRunBuildInputs } from '../../codebuild/run-build-inputs.js';
import { runBuild } from '../../codebuild/run-build.js';
import type { BuildEvent } from '../../codebuild/build-watcher.js';
import { gitHubPublishers } from '../../github/publishers.js';
import { noReporter } from '../../status/commit-status.js';
import { fullSha } from '../../status/reporters.js';
import { cliReporter, cliStatusTarget } from '../status-reporter.js';
import { systemClock } from '../../util/clock.js';
import { UsageError } from '../../util/errors.js';
import { maskEnvironmentSecrets } from '../../util/secrets.js';

const BOTH = ['region', 'allow-forks'];
const LOCAL_ONLY = LOCAL_BUILD_OPTIONS.map((spec) => spec.name).filter((name) => name !== 'local');
const REMOTE_ONLY = RUN_BUILD_OPTIONS.filter(
  (spec) => !spec.actionOnly && !BOTH.includes(spec.name),
).map((spec) => spec.name);

/** What to use instead, when a flag of the other mode was given. */
const INSTEAD: Readonly<Record<string, string>> = {
  buildspec:
    'for a build in CodeBuild, --buildspec-override takes a path in the source or inline YAML',
  env: 'for a build in CodeBuild, --env-vars NAME=value sets a variable',
  'buildspec-override': 'with --local, --buildspec names the file to run',
  'env-vars': 'with --local, --env NAME=value sets a variable',
};

export const runBuildCommand: CliCommand = {
  name: 'run-build',
  summary:
    'Start a CodeBuild build, stream its log, report its status; exit 0 when it succeeds. With --local, run a buildspec on this machine instead.',
  usage: ['--project-name <name> [options]', '--local [--buildspec <file>] [options]'],
  options: [...RUN_BUILD_OPTIONS, ...LOCAL_BUILD_OPTIONS],
  usesAws: true,
  sections: [
    { title: 'A build in CodeBuild', names: REMOTE_ONLY },
    { title: 'A run on this machine', names: ['local', ...LOCAL_ONLY] },
    { title: 'Both', names: BOTH },
  ],
  strayHint: (argument) =>
    /\.ya?ml$/i.test(argument)
      ? `To run that buildspec here, write --local --buildspec ${argument}.`
      : undefined,
  async run(context) {
    const local = context.options.boolean('local');
    refuseOtherModeFlags(context.given, local);
    return local ? runLocalCommand(context) : runRemote(context);
  },
};

function refuseOtherModeFlags(given: ReadonlyMap<string, string>, local: boolean): void {
  const wrong = [...given.keys()].filter((name) =>
    (local ? REMOTE_ONLY : LOCAL_ONLY).includes(name),
  );
  const first = wrong[0];
  if (first === undefined) return;
  const flags = wrong.map((name) => given.get(name) ?? `--${name}`).join(', ');
  const instead = INSTEAD[first];
  throw new UsageError(
    local
      ? `${flags} ${wrong.length === 1 ? 'is' : 'are'} for a build in CodeBuild and would do nothing with --local${instead ? `: ${instead}` : ''}. Remove ${wrong.length === 1 ? 'it' : 'them'}, or drop --local.`
      : `${flags} ${wrong.length === 1 ? 'works' : 'work'} only with --local${instead ? `; ${instead}` : ''}.`,
  );
}

async function runRemote(context: CliContext): Promise<number> {
  const { options, env, signal, statusLine, logger } = context;
  maskEnvironmentSecrets(env, logger);
  const target = cliStatusTarget(context);
  const { settings, statusTarget } = readRunBuildInputs(
    options,
    env,
    env.GITHUB_TOKEN,
    target.host === 'bitbucket' ? target.runCommit : undefined,
  );
  // Bitbucket's commit is the build's source version when a commit id, else BITBUCKET_COMMIT.
  const commits = target.host === 'bitbucket' ? [settings.sourceVersion] : statusTarget.candidates;
  const reporter = settings.commitStatus ? cliReporter(target, commits, context) : undefined;
  statusLine?.start();
  try {
    const ports = {
      ...codeBuildClients(settings.region),
      clock: systemClock,
      logger,
      reporter: reporter ?? noReporter,
      // The PR comment and the check run are GitHub's: GITHUB_TOKEN inside Actions.
      publishers: gitHubPublishers({
        prComment: settings.prComment,
        checkRun: settings.checkRun,
        token: env.GITHUB_TOKEN,
        repository: env.GITHUB_REPOSITORY,
        sha: fullSha(statusTarget.candidates),
        buildspecOverride: settings.buildspecOverride,
        env,
        logger,
      }),
      setOutput: (name: string, value: string) => appendStepOutput(env, name, value),
      writeSummary: (markdown: string) => appendStepSummary(env, logger.redact(markdown)),
      signal,
      onEvent: (event: BuildEvent) => statusLine?.update(event),
    };
    const result = settings.batch
      ? await (await import('../../codebuild/run-batch.js')).runBatch(settings, ports)
      : await runBuild(settings, ports);
    return result.succeeded || !settings.failOnBuildFailure ? 0 : 1;
  } finally {
    statusLine?.stop();
  }
}
