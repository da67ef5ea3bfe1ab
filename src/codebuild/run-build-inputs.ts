/**
 * run-build's settings and status target from the options and the run around them, the same
 * for every front end: inside GitHub Actions the commit under test and the fork guard come from
 * the event payload, whether the Action or the CLI reads them.
 */
import { parseRunBuildSettings, type RunBuildSettings } from './run-build-settings.js';
import { gitHubRun } from '../github/event.js';
import type { GitHubTarget } from '../status/reporters.js';
import type { OptionReader } from '../util/options.js';

export interface RunBuildInputs {
  readonly settings: RunBuildSettings;
  readonly statusTarget: GitHubTarget;
}

export function readRunBuildInputs(
  options: OptionReader,
  env: NodeJS.ProcessEnv,
  gitHubToken: string | undefined,
  /** The commit under test when the run is not GitHub's (BITBUCKET_COMMIT), taking precedence. */
  hostCommit?: string,
): RunBuildInputs {
  const run = gitHubRun(env);
  const settings = parseRunBuildSettings(options, {
    env,
    eventCommit: hostCommit ?? run.commit,
    untrustedHead: run.untrustedHead,
  });
  return {
    settings,
    statusTarget: {
      token: gitHubToken,
      repository: env.GITHUB_REPOSITORY,
      candidates: [settings.sourceVersion, run.commit],
    },
  };
}
