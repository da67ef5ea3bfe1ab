/**
 * Parses `--name value`, `--name=value`, boolean `--flag`/`--no-flag`, and repeatable options
 * (multiline kinds: each occurrence is one more line) into an InputSource.
 */
import { UserError } from '../util/errors.js';
import type { InputSource, OptionSpec } from '../util/options.js';

export interface ParsedArgs {
  readonly source: InputSource;
  readonly positionals: string[];
  readonly help: boolean;
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byName = new Map(specs.filter((s) => !s.actionOnly).map((s) => [s.name, s]));
  const values = new Map<string, string>();
  const positionals: string[] = [];
  let help = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    let name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    let inline = eq === -1 ? undefined : arg.slice(eq + 1);
    if (
      !byName.has(name) &&
      name.startsWith('no-') &&
      byName.get(name.slice(3))?.kind === 'boolean'
    ) {
      name = name.slice(3);
      inline = 'false';
    }
    const spec = byName.get(name);
    if (!spec) {
      const known = [...byName.keys()].map((n) => `--${n}`).join(', ');
      throw new UserError(`Unknown option "--${name}". Known options: ${known}. See --help.`);
    }
    let value: string;
    if (inline !== undefined) {
      value = inline;
    } else if (spec.kind === 'boolean') {
      const next = argv[i + 1];
      value = next === 'true' || next === 'false' ? (i++, next) : 'true';
    } else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) {
        throw new UserError(`Option --${name} needs a value: ${spec.description}`);
      }
      value = next;
      i++;
    }
    const previous = values.get(name);
    values.set(
      name,
      spec.kind === 'multiline' && previous !== undefined ? `${previous}\n${value}` : value,
    );
  }
  return { source: { get: (name) => values.get(name) }, positionals, help };
}
