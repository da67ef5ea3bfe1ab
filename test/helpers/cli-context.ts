/** A CliContext for calling a command's run() directly, with plain defaults a test overrides. */
import type { CliContext } from '../../src/cli/command.js';
import type { Logger } from '../../src/util/logger.js';
import { mapSource, OptionReader, type OptionSpec } from '../../src/util/options.js';

export function cliContext(
  specs: readonly OptionSpec[],
  values: Record<string, string | undefined>,
  overrides: Partial<CliContext> & { logger: Logger; cwd: string },
): CliContext {
  return {
    options: new OptionReader(specs, mapSource(values), (name) => `--${name}`),
    given: new Map(
      Object.keys(values)
        .filter((name) => values[name] !== undefined)
        .map((name) => [name, `--${name}`]),
    ),
    positionals: [],
    env: {},
    signal: new AbortController().signal,
    statusLine: undefined,
    inGitHubActions: false,
    stdout: () => undefined,
    onForcedExit: () => () => undefined,
    ...overrides,
  };
}
