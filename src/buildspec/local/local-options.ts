/**
 * The options of `run-build --local`, declared once; the run-build command merges them into its
 * own. `parseLocalBuildSettings()` turns them into LocalBuildSettings, failing on a bad value
 * with the option, the value and what is accepted.
 */
import { existsSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { configuredRegion } from '../../aws/region.js';
import { gitHubRun, refuseUntrustedHead } from '../../github/event.js';
import { UserError } from '../../util/errors.js';
import type { OptionReader, OptionSpec } from '../../util/options.js';
import type { BuildspecSource, LocalBuildSettings } from './settings.js';

export const LOCAL_BUILD_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'local',
    kind: 'boolean',
    default: 'false',
    cliOnly: true,
    description:
      "Run the buildspec on this machine with CodeBuild's phase semantics instead of starting a build in CodeBuild. Needs no AWS account unless the buildspec reads parameter-store or secrets-manager values without --env.",
  },
  {
    name: 'buildspec',
    kind: 'string',
    cliOnly: true,
    defaultDescription: 'buildspec.yml in the source directory, else an embedded demo buildspec',
    description: 'Buildspec file to run with --local.',
  },
  {
    name: 'source-dir',
    kind: 'string',
    cliOnly: true,
    defaultDescription: 'the current directory',
    description: 'Directory a --local build runs in (CODEBUILD_SRC_DIR).',
  },
  {
    name: 'output-dir',
    kind: 'string',
    cliOnly: true,
    defaultDescription: '.buildbridge/artifacts in the source directory',
    description: 'Where a --local build copies its artifacts, one folder per artifact.',
  },
  {
    name: 'env',
    kind: 'multiline',
    cliOnly: true,
    description:
      "Variable for a --local build as NAME=value, or NAME alone to pass this shell's value; repeatable. Wins over the buildspec and gives parameter-store and secrets-manager variables their value without AWS.",
  },
];

const DEFAULT_BUILDSPEC = 'buildspec.yml';
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parseLocalBuildSettings(
  options: OptionReader,
  env: NodeJS.ProcessEnv,
  cwd: string,
): LocalBuildSettings {
  refuseUntrustedHead(gitHubRun(env).untrustedHead, {
    allowForks: options.boolean('allow-forks'),
    howToAllow: options.howToEnable('allow-forks'),
    runsWith: "this runner and the job's credentials",
    verb: 'run',
  });
  const sourceOption = options.string('source-dir');
  const givenSourceDir = resolve(cwd, sourceOption ?? '.');
  if (sourceOption !== undefined && !isDirectory(givenSourceDir)) {
    throw new UserError(
      `${options.describe('source-dir')} "${sourceOption}" is not a directory (resolved to ${givenSourceDir}).`,
    );
  }
  const buildspec = buildspecSource(options, cwd, givenSourceDir);
  // The demo writes files: it gets a fresh directory rather than whatever directory it was started in.
  const sourceDir =
    buildspec.kind === 'embedded-demo'
      ? join(tmpdir(), `buildbridge-demo-${randomUUID().slice(0, 8)}`)
      : givenSourceDir;
  const outputOption = options.string('output-dir');
  const outputDir =
    outputOption === undefined
      ? join(sourceDir, '.buildbridge', 'artifacts')
      : resolve(cwd, outputOption);
  if (outputDir === sourceDir || !relative(outputDir, sourceDir).startsWith('..')) {
    throw new UserError(
      `${options.describe('output-dir')} "${outputOption ?? outputDir}" is the source directory or contains it; artifact folders in it are replaced on every run. Choose a directory of its own, e.g. .buildbridge/artifacts.`,
    );
  }
  return {
    buildspec,
    sourceDir,
    outputDir,
    envOverrides: parseEnvOverrides(options.string('env'), options.describe('env'), env),
    hostEnv: env,
    region: configuredRegion(options, env),
    buildNumber: 1,
    stopGraceMs: 3000,
  };
}

function buildspecSource(options: OptionReader, cwd: string, sourceDir: string): BuildspecSource {
  const given = options.string('buildspec');
  if (given === undefined) {
    const conventional = join(sourceDir, DEFAULT_BUILDSPEC);
    return existsSync(conventional)
      ? { kind: 'file', path: conventional }
      : { kind: 'embedded-demo' };
  }
  const path = isAbsolute(given) ? given : resolve(cwd, given);
  if (!existsSync(path) || statSync(path).isDirectory()) {
    throw new UserError(
      `${options.describe('buildspec')} "${given}" is not a file (resolved to ${path}). Give the path of a buildspec YAML file.`,
    );
  }
  return { kind: 'file', path };
}

/**
 * One NAME=value per line (the CLI joins repeated --env flags with newlines); NAME alone takes
 * the value from `hostEnv`, like `docker run -e NAME`.
 */
export function parseEnvOverrides(
  text: string | undefined,
  label: string,
  hostEnv: Readonly<Record<string, string | undefined>> = {},
): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const line of (text ?? '').split('\n')) {
    if (line.trim() === '') continue;
    const eq = line.indexOf('=');
    const name = eq === -1 ? line.trim() : line.slice(0, eq).trim();
    if (!VARIABLE_NAME.test(name)) {
      throw new UserError(
        `${label} "${line}" is not NAME=value (or NAME) with a variable name of letters, digits and _ (not starting with a digit), e.g. --env STAGE=test.`,
      );
    }
    if (eq === -1) {
      const value = hostEnv[name];
      if (value === undefined)
        throw new UserError(
          `${label} "${name}" passes this shell's ${name}, but it is not set here. Set it, or give a value: --env ${name}=value.`,
        );
      overrides[name] = value;
    } else {
      overrides[name] = line.slice(eq + 1);
    }
  }
  return overrides;
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
