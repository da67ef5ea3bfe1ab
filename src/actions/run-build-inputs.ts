/** Everything the run-build Action reads from its inputs and the runner's environment. */
import { parseRunBuildSettings, type RunBuildSettings } from '../codebuild/run-build-settings.js';
import { eventCommit, readGitHubEvent, untrustedForkHead } from '../github/event.js';
import type { GitHubTarget } from '../status/reporters.js';
import type { OptionReader } from '../util/options.js';

export interface RunBuildActionInputs {
  readonly settings: RunBuildSettings;
  readonly statusTarget: GitHubTarget;
}

export function readRunBuildInputs(
  options: OptionReader,
  env: NodeJS.ProcessEnv,
): RunBuildActionInputs {
  const event = readGitHubEvent(env);
  const commit = eventCommit(event, env);
  const settings = parseRunBuildSettings(options, {
    env,
    eventCommit: commit,
    untrustedFork: untrustedForkHead(event),
  });
  return {
    settings,
    statusTarget: {
      token: options.string('github-token'),
      repository: env.GITHUB_REPOSITORY,
      candidates: [settings.sourceVersion, commit],
    },
  };
}
