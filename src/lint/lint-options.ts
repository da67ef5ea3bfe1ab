/**
 * The options of `buildbridge lint` and the lint Action, declared once for the CLI's flags,
 * --help and action.yml, and read into one settings object.
 */
import { OUTPUT_FORMATS, type OutputFormat } from './formatters/index.js';
import type { OptionReader, OptionSpec } from '../util/options.js';

export const LINT_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'paths',
    kind: 'multiline',
    default: '.',
    description:
      'Files or directories to lint, one per line (on the CLI: the arguments after "lint"). Directories are searched recursively for buildspec*.yml, appspec.yml and YAML files with top-level version and phases, skipping node_modules and .git.',

    cliDescription:
      'Files or directories to lint, also given as arguments. Directories are searched recursively for buildspec*.yml, appspec.yml and YAML files with top-level version and phases, skipping node_modules and .git.',
  },
  {
    name: 'format',
    kind: 'string',
    description:
      'Output format: text (file:line:col severity rule message), github (workflow annotations shown on the pull request) or json.',
    defaultDescription: 'github when GITHUB_ACTIONS=true, else text',
    cliDescription:
      'Output format: text (file:line:col severity rule message), github (annotations GitHub Actions shows on the pull request) or json.',
  },
  {
    name: 'kind',
    kind: 'string',
    description:
      'Lint every named file (and stdin) as this kind, buildspec or appspec, whatever its name; folders are searched for this kind only.',
    defaultDescription: 'each file by its name and content',
  },
  {
    name: 'verbose',
    kind: 'boolean',
    default: 'false',
    description:
      "List every file that was skipped and why (files named like a buildspec or appspec that are another tool's are always listed; the count of all skipped files is always given).",
  },
];

/** The outputs the lint Action sets. */
export const LINT_OUTPUTS = {
  errors: 'Number of errors found (the step fails when it is not 0).',
  warnings: 'Number of warnings found.',
  files: 'Number of files linted.',
  skipped: "Number of files found but not linted (another tool's YAML; see the notices).",
} as const;

export interface LintSettings {
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  /** Forces every named file's kind, by the kind's name. */
  readonly kind: 'buildspec' | 'appspec' | undefined;
  readonly verbose: boolean;
  /** Paths are resolved against, and shown relative to, this directory. */
  readonly cwd: string;
}

/** `positionals` (the CLI's bare arguments) win over the paths option when given. */
export function readLintSettings(
  options: OptionReader,
  positionals: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): LintSettings {
  const listed = (options.string('paths') ?? '.')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const format =
    options.oneOf('format', OUTPUT_FORMATS) ?? (env.GITHUB_ACTIONS === 'true' ? 'github' : 'text');
  return {
    paths: positionals.length > 0 ? positionals : listed,
    format,
    kind: options.oneOf('kind', ['buildspec', 'appspec'] as const),
    verbose: options.boolean('verbose'),
    cwd,
  };
}
