/**
 * `lint` as one function for every front end: lint the paths, write the report in the chosen
 * format, and return the counts and the exit status (1 on errors, 0 on warnings only).
 * Finding no file at all is not an error — a repository may have no buildspec yet — but it is
 * said out loud, since it usually means a wrong path.
 */
import { fileKinds } from './file-kinds.js';
import type { FileKind } from './file-kind.js';
import { formatReport } from './formatters/index.js';
import { exitCodeFor, lintPaths, type LintReport } from './lint-engine.js';
import type { LintSettings } from './lint-options.js';
import type { Logger } from '../util/logger.js';

export interface LintPorts {
  readonly logger: Logger;
  /** Where the report goes: stdout on the CLI, the step log in the Action. */
  readonly write: (text: string) => void;
}

export interface LintOutcome {
  readonly report: LintReport;
  readonly exitCode: 0 | 1;
}

export async function runLint(
  settings: LintSettings,
  ports: LintPorts,
  kinds: readonly FileKind[] = fileKinds,
): Promise<LintOutcome> {
  const report = await lintPaths(settings.paths, kinds, settings.cwd);
  if (report.files.length === 0) {
    ports.logger.warn(
      `lint: no buildspec or appspec files found in ${settings.paths.join(', ')}; nothing was checked.`,
    );
  }
  ports.write(formatReport(report, settings.format));
  return { report, exitCode: exitCodeFor(report) };
}
