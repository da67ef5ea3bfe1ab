/**
 * Checks every command of a buildspec with shellcheck, each as the script CodeBuild runs it as:
 * `-s sh` by default, `-s bash` when env.shell is bash. Findings name the buildspec line.
 */
import { spawnSync } from 'node:child_process';
import type { Buildspec } from '../../src/buildspec/model.js';
import { COMMAND_PHASES } from '../../src/buildspec/local/phase-plan.js';
import { localShell } from '../../src/buildspec/local/local-support.js';

export interface BuildspecCommandText {
  /** e.g. "build.finally[0]" */
  readonly where: string;
  /** Line of the command (of the `|` indicator for a block). */
  readonly line: number;
  readonly text: string;
}

export function buildspecCommands(buildspec: Buildspec): BuildspecCommandText[] {
  return COMMAND_PHASES.flatMap(({ key }) => {
    const phase = buildspec.phases[key];
    if (!phase) return [];
    return (['commands', 'finally'] as const).flatMap((block) =>
      phase[block].map((command, index) => ({
        where: `${key}.${block}[${index}]`,
        line: command.line,
        text: command.text,
      })),
    );
  });
}

/**
 * SC2034 ("assigned but unused") is wrong for buildspec commands by construction: a variable
 * assigned in one command is used by the next, since CodeBuild carries variables forward.
 */
const CARRIED_OVER = 'SC2034';

export function shellcheckAvailable(): boolean {
  return spawnSync('shellcheck', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** shellcheck findings for every command, as "file:line where: finding"; empty when all are clean. */
export function shellcheckBuildspec(buildspec: Buildspec): string[] {
  const shell = localShell(buildspec);
  return buildspecCommands(buildspec).flatMap((command) => {
    const run = spawnSync(
      'shellcheck',
      ['--norc', '--shell', shell, '--exclude', CARRIED_OVER, '--format', 'gcc', '-'],
      {
        input: command.text,
        encoding: 'utf8',
      },
    );
    if (run.error) throw run.error;
    return run.stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map(
        (line) =>
          `${buildspec.fileName}:${command.line} ${command.where}: ${line.replace(/^-:/, 'script line ')}`,
      );
  });
}
