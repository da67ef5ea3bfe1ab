/** What a CLI command is: its options (shared with the Action of the same name) and its run. */
import type { StatusLine } from './status-line.js';
import type { RegisterCleanup } from '../util/cleanup.js';
import type { Logger } from '../util/logger.js';
import type { OptionReader, OptionSpec } from '../util/options.js';

export interface CliContext {
  readonly options: OptionReader;
  /** The options given on the command line, by name, each as written (--no-x counts as x). */
  readonly given: ReadonlyMap<string, string>;
  /** Arguments that are not --flags, e.g. the paths given to `lint`. */
  readonly positionals: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly logger: Logger;
  readonly cwd: string;
  /** Aborts on SIGINT/SIGTERM, or when stdout is closed (`| head`). */
  readonly signal: AbortSignal;
  /** The live status line, on a terminal that can redraw it; undefined elsewhere. */
  readonly statusLine: StatusLine | undefined;
  /** True inside a GitHub Actions step (GITHUB_ACTIONS=true): output is workflow commands. */
  readonly inGitHubActions: boolean;
  /** Writes straight to stdout, e.g. JSON for tools; dropped once stdout is closed. */
  readonly stdout: (text: string) => void;
  /** What must happen at once if a second Ctrl-C forces the process out. */
  readonly onForcedExit: RegisterCleanup;
}

export interface OptionSection {
  readonly title: string;
  /** Option names, in the order --help lists them. */
  readonly names: readonly string[];
}

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  /** Usage lines after `buildbridge NAME`, e.g. "[paths...] [options]". */
  readonly usage?: readonly string[];
  readonly options: readonly OptionSpec[];
  /** How --help groups the options; without it they are listed in declaration order. */
  readonly sections?: readonly OptionSection[];
  /** Whether the command takes arguments that are not options. */
  readonly positionals?: boolean;
  /** Whether it may call AWS: Bitbucket's OIDC token is then handed to the SDK's chain. */
  readonly usesAws?: boolean;
  /** Says what a stray argument may have been meant as. */
  readonly strayHint?: (argument: string) => string | undefined;
  /** Resolves to the process exit code. */
  run(context: CliContext): Promise<number>;
}
