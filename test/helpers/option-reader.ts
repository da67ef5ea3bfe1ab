/** Reading a command's options as the Action or the CLI reads them, for settings tests. */
import { OptionReader, mapSource, type OptionSpec } from '../../src/util/options.js';

/** The commit of the run a settings test reads its options in, unless it says otherwise. */
export const RUN_COMMIT = 'ab'.repeat(20);

/**
 * An OptionReader over `specs` and `inputs` as the Action reads them (`input "x"`, CLI-only
 * options left out) or, with `cli`, as the CLI does (`--x`, Action-only options left out).
 */
export function optionReader(
  specs: readonly OptionSpec[],
  inputs: Record<string, string>,
  { cli = false }: { cli?: boolean } = {},
): OptionReader {
  return new OptionReader(
    specs.filter((spec) => (cli ? !spec.actionOnly : !spec.cliOnly)),
    mapSource(inputs),
    cli ? (name) => `--${name}` : (name) => `input "${name}"`,
  );
}

export interface SettingsContext {
  /** Default `{ AWS_REGION: 'eu-west-1' }`. */
  env?: NodeJS.ProcessEnv;
  /** Default RUN_COMMIT; null: the run has no commit. */
  runCommit?: string | null;
  /** Read as the CLI does; default as the Action does. */
  cli?: boolean;
}

/** Parses a command's settings (`parse`) from `inputs` over `specs`, in `context`. */
export function parseSettings<T>(
  parse: (reader: OptionReader, env: NodeJS.ProcessEnv, runCommit: string | undefined) => T,
  specs: readonly OptionSpec[],
  inputs: Record<string, string>,
  { env = { AWS_REGION: 'eu-west-1' }, runCommit = RUN_COMMIT, cli = false }: SettingsContext = {},
): T {
  return parse(optionReader(specs, inputs, { cli }), env, runCommit ?? undefined);
}
