/**
 * What of a buildspec a local run can honour. Settings that only mean something inside
 * CodeBuild (run-as, runtime-versions, cache, the git credential helper, RETRY) are named in
 * notices rather than silently dropped; a shell this machine cannot provide is an error.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Buildspec } from '../model.js';
import { UserError } from '../../util/errors.js';
import { COMMAND_PHASES } from './phase-plan.js';

export type LocalShell = 'sh' | 'bash';

export function localShell(buildspec: Buildspec): LocalShell {
  const shell = buildspec.env.shell;
  if (shell === undefined || shell === 'sh' || shell === '/bin/sh') return 'sh';
  if (shell === 'bash' || shell === '/bin/bash') return 'bash';
  throw new UserError(
    `${buildspec.fileName}: env.shell "${shell}" cannot run locally; the local runner runs Linux shells: sh (the default) or bash.`,
  );
}

/**
 * The shell's absolute path, found once on the starting PATH: a command may change PATH for the
 * commands after it, but the shell that runs them stays the same, as in CodeBuild.
 */
export function localShellPath(shell: LocalShell, path: string | undefined): string {
  for (const directory of (path ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(directory, shell);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  throw new UserError(
    `The buildspec runs its commands with ${shell}, which is not on this machine's PATH (${path ?? 'unset'}). Install ${shell} or put it on PATH.`,
  );
}

export function localNotices(buildspec: Buildspec): string[] {
  const notices: string[] = [];
  const runAs = [
    buildspec.runAs,
    ...COMMAND_PHASES.map(({ key }) => buildspec.phases[key]?.runAs),
  ].filter(Boolean);
  if (runAs.length > 0)
    notices.push(
      `run-as (${[...new Set(runAs)].join(', ')}) is not applied locally: commands run as the current user.`,
    );
  const runtimes = COMMAND_PHASES.flatMap(({ key }) =>
    Object.entries(buildspec.phases[key]?.runtimeVersions ?? {}),
  );
  if (runtimes.length > 0) {
    notices.push(
      `runtime-versions (${runtimes.map(([name, version]) => `${name} ${version}`).join(', ')}) come with CodeBuild's images; locally the tools on PATH are used.`,
    );
  }
  if (buildspec.cache) notices.push('cache is not restored or saved by a local build.');
  if (buildspec.env.gitCredentialHelper)
    notices.push('git-credential-helper is ignored locally: git uses your own credentials.');
  for (const { type, key } of COMMAND_PHASES) {
    if (buildspec.phases[key]?.onFailure?.action === 'RETRY') {
      notices.push(
        `${type} on-failure ${buildspec.phases[key]?.onFailure?.text ?? 'RETRY'} is not retried locally: a failure ends the phase as with ABORT.`,
      );
    }
  }
  return notices;
}
