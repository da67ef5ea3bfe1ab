/** What a CLI command is: its options (shared with the Action of the same name) and its run. */
import type { Logger } from '../util/logger.js';
import type { OptionReader, OptionSpec } from '../util/options.js';

export interface CliContext {
  readonly options: OptionReader;
  /** Arguments that are not --flags, e.g. the paths given to `lint`. */
  readonly positionals: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly logger: Logger;
  readonly cwd: string;
  /** Aborts on SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
  /** True when stdout is a terminal (live status line, colours). */
  readonly interactive: boolean;
  /** Writes straight to stdout, e.g. JSON output for tools. */
  readonly stdout: (text: string) => void;
}

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  /** Usage line after `buildbridge NAME`, e.g. "[paths...]". */
  readonly usage?: string;
  readonly options: readonly OptionSpec[];
  /** Resolves to the process exit code. */
  run(context: CliContext): Promise<number>;
}
