/**
 * `lint` as one function for every front end: lint the paths, write the report in the chosen
 * format, and return the counts and the exit status (1 on errors, 0 on warnings only).
 * Finding no file at all is not an error — a repository may have no buildspec yet — but it is
 * said out loud, since it usually means a wrong path.
 */
import type { FileKind } from './file-kind.js';
import { formatReport } from './formatters/index.js';
import { exitCodeFor, lintPaths, type LintReport } from './lint-engine.js';
import type { LintSettings } from './lint-options.js';
import type { Logger } from '../util/logger.js';

export interface LintPorts {
  readonly logger: Logger;
  /** The file kinds to recognise and check; the front end assembles them. */
  readonly kinds: readonly FileKind[];
  /** Where a text report goes: it quotes the files, so it must never be obeyed. */
  readonly write: (text: string) => void;
  /**
   * Where the github and json formats go, as they are: annotations are workflow commands with
   * escaped data by design, and the JSON is written so that the runner reads nothing in it.
   */
  readonly writeVerbatim: (text: string) => void;
  /** Standard input, for the path `-` (the CLI only). */
  readonly readStdin?: () => Promise<string>;
}

export interface LintOutcome {
  readonly report: LintReport;
  readonly exitCode: 0 | 1;
}

export async function runLint(settings: LintSettings, ports: LintPorts): Promise<LintOutcome> {
  const kind = settings.kind && ports.kinds.find((candidate) => candidate.name === settings.kind);
  const report = await lintPaths(settings.paths, ports.kinds, settings.cwd, {
    ...(kind ? { kind } : {}),
    ...(ports.readStdin ? { readStdin: ports.readStdin } : {}),
  });
  if (report.files.length === 0) {
    ports.logger.warn(
      `lint: no buildspec or appspec files found in ${settings.paths.join(', ')}; nothing was checked.`,
    );
  }
  const text = formatReport(report, settings.format, { verbose: settings.verbose });
  if (settings.format === 'text') ports.write(text);
  else ports.writeVerbatim(text);
  return { report, exitCode: exitCodeFor(report) };
}
