/**
 * One declaration per command option, shared by every front end: the Action reads it as an
 * input, the CLI as a --flag and prints it in --help, and a test checks it against action.yml.
 * Readers here turn raw strings into typed values and fail with the option's name, the value
 * given and what is accepted.
 */
import { closestName } from './closest-name.js';
import { UserError } from './errors.js';

export interface OptionSpec {
  readonly name: string;
  readonly description: string;
  /** The description in the CLI's words, where the Action's speaks of steps and workflows. */
  readonly cliDescription?: string;
  /** Default applied when the option is absent or empty; shown in --help and action.yml. */
  readonly default?: string;
  /** Default that depends on the run (event, region, ...), described in words. */
  readonly defaultDescription?: string;
  /** The default in the CLI's words, where it differs. */
  readonly cliDefaultDescription?: string;
  readonly required?: boolean;
  readonly kind: 'string' | 'boolean' | 'number' | 'multiline' | 'json';
  /** For a boolean: other values it takes too, as `name: value` or `--name=value` (logs: live). */
  readonly alsoAccepts?: readonly string[];
  /** Only for the CLI (no Action input), e.g. --region. */
  readonly cliOnly?: boolean;
  /** Only for the Action (no CLI flag), e.g. github-token which the CLI reads from GITHUB_TOKEN. */
  readonly actionOnly?: boolean;
}

/** Where raw option values come from: Action inputs, CLI flags, a test's object. */
export interface InputSource {
  /** The raw value, or undefined when not given. Empty strings count as not given. */
  get(name: string): string | undefined;
}

/** Reads options declared in `specs`, applying their defaults; asking for another name is a bug. */
export class OptionReader {
  private readonly byName: Map<string, OptionSpec>;

  constructor(
    private readonly specs: readonly OptionSpec[],
    private readonly source: InputSource,
    /** How an option is called in error messages: `input "x"` or `--x`. */
    private readonly label: (name: string) => string = (name) => `input "${name}"`,
  ) {
    this.byName = new Map(specs.map((spec) => [spec.name, spec]));
  }

  describe(name: string): string {
    return this.label(name);
  }

  /** How to turn a boolean option on, in the front end's words: `pass --x`, `set input "x" to true`. */
  howToEnable(name: string): string {
    const label = this.label(name);
    return label.startsWith('--') ? `pass ${label}` : `set ${label} to true`;
  }

  string(name: string): string | undefined {
    const spec = this.byName.get(name);
    if (!spec) throw new Error(`option "${name}" is read but not declared`);
    const raw = this.source.get(name);
    const value = raw === undefined || raw.trim() === '' ? spec.default : raw;
    if ((value === undefined || value.trim() === '') && spec.required) {
      throw new UserError(`${this.label(name)} is required: ${spec.description}`);
    }
    return value === undefined || value.trim() === ''
      ? undefined
      : spec.kind === 'multiline'
        ? value
        : value.trim();
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw new UserError(`${this.label(name)} is required.`);
    return value;
  }

  boolean(name: string): boolean {
    const value = this.string(name);
    if (value === undefined) return false;
    const lower = value.toLowerCase();
    if (['true', 'yes', '1', 'on'].includes(lower)) return true;
    if (['false', 'no', '0', 'off'].includes(lower)) return false;
    throw new UserError(`${this.label(name)} must be true or false, got "${value}".`);
  }

  /** A number in [min, max]; accepts decimals so that tests and fast setups can go below 1. */
  number(name: string, min: number, max: number): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
      throw new UserError(
        `${this.label(name)} must be a number from ${min} to ${max}, got "${value}".`,
      );
    }
    return parsed;
  }

  oneOf<T extends string>(name: string, accepted: readonly T[]): T | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const match = accepted.find(
      (candidate) => candidate === value || candidate === value.toUpperCase(),
    );
    if (!match) {
      const suggestion = closestName(value, accepted);
      throw new UserError(
        `${this.label(name)} got "${value}", which is not one of: ${accepted.join(', ')}.${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
      );
    }
    return match;
  }

  /** Names of all declared options, for checks against action.yml. */
  names(): string[] {
    return this.specs.map((spec) => spec.name);
  }
}

/** An InputSource over a plain object, used by the CLI and tests. */
export function mapSource(values: Record<string, string | undefined>): InputSource {
  return { get: (name) => values[name] };
}
