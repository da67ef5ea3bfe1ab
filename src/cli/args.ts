/**
 * A command's arguments, read with node:util parseArgs and then checked as strictly as its
 * strict mode, but with messages of our own: an unknown option gets a "did you mean", a
 * boolean given a value says to use --x / --no-x, a stray argument says which option it may
 * have meant. Every such mistake is a UsageError (exit 2). Options come from the same
 * OptionSpec declarations the Actions use; booleans also take --no-<name>, repeatable options
 * (multiline) join their values with newlines, and the last of --x / --no-x wins.
 */
import { parseArgs as parseNodeArgs, type ParseArgsConfig } from 'node:util';
import { closestName } from '../util/closest-name.js';
import { UsageError } from '../util/errors.js';
import type { InputSource, OptionSpec } from '../util/options.js';

export interface ParsedArgs {
  readonly source: InputSource;
  readonly positionals: readonly string[];
  /** The declared options given on the command line, by name, each as written (--no-x is x). */
  readonly given: ReadonlyMap<string, string>;
  readonly help: boolean;
  readonly version: boolean;
}

export interface ArgsContext {
  /** How the command is called in messages: "buildbridge run-build". */
  readonly usage: string;
  /** Whether the command takes arguments that are not options (lint's paths). */
  readonly positionals: boolean;
  /** Explains a stray argument, e.g. "did you mean --buildspec x.yml?". */
  readonly strayHint?: (argument: string) => string | undefined;
}

const GLOBAL_FLAGS: Readonly<Record<string, 'help' | 'version'>> = {
  '--help': 'help',
  '-h': 'help',
  '--version': 'version',
  '-V': 'version',
};

export function parseCommandArgs(
  argv: readonly string[],
  specs: readonly OptionSpec[],
  context: ArgsContext,
): ParsedArgs {
  const bySpec = new Map(specs.filter((spec) => !spec.actionOnly).map((s) => [s.name, s]));
  const negations = new Map(
    [...bySpec.values()]
      .filter((spec) => spec.kind === 'boolean')
      .map((spec) => [`no-${spec.name}`, spec]),
  );
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const spec of bySpec.values())
    options[spec.name] =
      spec.kind === 'boolean' ? { type: 'boolean' } : { type: 'string', multiple: true };
  for (const name of negations.keys()) options[name] = { type: 'boolean' };

  const { tokens } = parseNodeArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values = new Map<string, string>();
  const given = new Map<string, string>();
  const positionals: string[] = [];
  let help = false;
  let version = false;
  const known = [...bySpec.keys(), ...negations.keys(), 'help', 'version'];

  for (const token of tokens) {
    if (token.kind === 'positional') {
      if (!context.positionals) throw strayArgument(token.value, context);
      positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    const flag = token.rawName;
    const global = GLOBAL_FLAGS[flag];
    if (global) {
      if (token.value !== undefined) throw noValue(flag);
      if (global === 'help') help = true;
      else version = true;
      continue;
    }
    const negated = negations.get(token.name);
    const spec = negated ?? bySpec.get(token.name);
    if (!spec || !flag.startsWith('--')) {
      const suggestion = suggestFlag(flag, known);
      throw new UsageError(
        `Unknown option ${flag} for ${context.usage}.${suggestion ? ` Did you mean ${suggestion}?` : ''} Run "${context.usage} --help" for its options.`,
      );
    }
    given.set(spec.name, flag);
    if (spec.kind === 'boolean') {
      if (token.value !== undefined && !negated && spec.alsoAccepts?.includes(token.value)) {
        values.set(spec.name, token.value);
        continue;
      }
      if (token.value !== undefined)
        throw noValue(flag, spec.name, negated ? [] : spec.alsoAccepts);
      values.set(spec.name, negated ? 'false' : 'true');
      continue;
    }
    const value = token.value;
    if (value === undefined) throw needsValue(flag, spec);
    // `--name --other`: the value is most likely the next option (parseArgs' strict rule).
    if (!token.inlineValue && /^-(-|[a-zA-Z]$)/.test(value))
      throw new UsageError(
        `${flag} needs a value, but the next argument "${value}" is an option. To give a value that starts with "-", write ${flag}=${value}.`,
      );
    const previous = values.get(spec.name);
    values.set(
      spec.name,
      spec.kind === 'multiline' && previous !== undefined ? `${previous}\n${value}` : value,
    );
  }
  return { source: { get: (name) => values.get(name) }, positionals, given, help, version };
}

/** The flag most likely meant: a global short flag for a short one (-v → -V), else the closest long one. */
export function suggestFlag(flag: string, known: readonly string[]): string | undefined {
  if (/^-[a-zA-Z]$/.test(flag))
    return flag.toLowerCase() === '-v' ? '-V (--version)' : flag === '-H' ? '-h' : undefined;
  const name = closestName(flag.replace(/^-+/, ''), known);
  return name === undefined ? undefined : `--${name}`;
}

function noValue(flag: string, name?: string, also: readonly string[] = []): UsageError {
  const bare = flag.replace(/^--/, '');
  const others = also.map((value) => `, or --${name}=${value}`).join('');
  return new UsageError(
    name
      ? `${flag} takes no value${others ? ` but ${also.join(', ')}` : ''}: write --${name} to turn it on and --no-${name} to turn it off${others}.`
      : `--${bare} takes no value.`,
  );
}

function needsValue(flag: string, spec: OptionSpec): UsageError {
  return new UsageError(
    `${flag} needs a value: ${spec.cliDescription ?? spec.description} Write ${flag} <value> or ${flag}=<value>.`,
  );
}

function strayArgument(argument: string, context: ArgsContext): UsageError {
  const hint = context.strayHint?.(argument);
  return new UsageError(
    `${context.usage} takes no arguments, but got "${argument}".${hint ? ` ${hint}` : ''} Options are written --name value; run "${context.usage} --help" for them.`,
  );
}
