/**
 * The environment a local build's commands start with, layered as CodeBuild layers it: the
 * machine's own environment (the "image") less the code hosts' tokens, then the buildspec's
 * variables and resolved secrets, then the CODEBUILD_* variables the agent sets, then `--env`
 * overrides, which win like StartBuild's environment variable overrides do.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';

export interface BuildIdentity {
  /** `local:<uuid>`, shaped like CodeBuild's `<project>:<uuid>`. */
  readonly id: string;
  readonly arn: string;
  readonly buildNumber: number;
  readonly initiator: string;
  readonly startTime: number;
  readonly region: string | undefined;
  /** The commit checked out in the source directory, when it is a git work tree. */
  readonly sourceVersion: string | undefined;
}

export function newBuildIdentity(options: {
  readonly buildNumber: number;
  readonly startTime: number;
  readonly region: string | undefined;
  readonly sourceVersion: string | undefined;
  readonly user: string | undefined;
}): BuildIdentity {
  const id = `local:${randomUUID()}`;
  return {
    id,
    // No account is involved in a local build: the ARN carries the all-zero account id.
    arn: `arn:aws:codebuild:${options.region ?? 'local'}:000000000000:build/${id}`,
    buildNumber: options.buildNumber,
    initiator: `local/${options.user ?? 'user'}`,
    startTime: options.startTime,
    region: options.region,
    sourceVersion: options.sourceVersion,
  };
}

/** The variables CodeBuild's agent sets for every build, as a local build can know them. */
export function codeBuildVariables(
  identity: BuildIdentity,
  sourceDir: string,
): Record<string, string> {
  const variables: Record<string, string> = {
    CODEBUILD_BUILD_ID: identity.id,
    CODEBUILD_BUILD_ARN: identity.arn,
    CODEBUILD_BUILD_NUMBER: String(identity.buildNumber),
    CODEBUILD_INITIATOR: identity.initiator,
    CODEBUILD_SRC_DIR: sourceDir,
    CODEBUILD_START_TIME: String(identity.startTime),
    CODEBUILD_BUILD_SUCCEEDING: '1',
    CODEBUILD_BUILD_IMAGE: 'local',
    CODEBUILD_LOCAL: 'true',
  };
  if (identity.sourceVersion) {
    variables.CODEBUILD_RESOLVED_SOURCE_VERSION = identity.sourceVersion;
    variables.CODEBUILD_SOURCE_VERSION = identity.sourceVersion;
  }
  if (identity.region) {
    variables.AWS_REGION = identity.region;
    variables.AWS_DEFAULT_REGION = identity.region;
  }
  return variables;
}

/**
 * The runner's and the code hosts' tokens: a buildspec run here gets none of them unless
 * `--env` names it, as a CodeBuild build never sees the CI system's own credentials.
 */
export function isCodeHostToken(name: string): boolean {
  return (
    name === 'GITHUB_TOKEN' ||
    name === 'GH_TOKEN' ||
    name.startsWith('ACTIONS_') ||
    (name.startsWith('BITBUCKET_') && name.includes('TOKEN'))
  );
}

/** The host environment without the code hosts' tokens, and the names left out. */
export function hostEnvironment(env: Readonly<Record<string, string | undefined>>): {
  readonly env: Record<string, string | undefined>;
  readonly withheld: string[];
} {
  const kept: Record<string, string | undefined> = {};
  const withheld: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (isCodeHostToken(name)) withheld.push(name);
    else kept[name] = value;
  }
  return { env: kept, withheld: withheld.sort() };
}

export function layerEnvironment(
  layers: readonly Readonly<Record<string, string | undefined>>[],
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const layer of layers) {
    for (const [name, value] of Object.entries(layer)) if (value !== undefined) env[name] = value;
  }
  return env;
}

/** `git rev-parse HEAD` in the source directory; undefined when it is not a git work tree. */
export function gitHeadCommit(sourceDir: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['rev-parse', '--verify', '--quiet', 'HEAD'],
      { cwd: sourceDir, timeout: 10_000 },
      (error, stdout) => {
        const commit = stdout.trim();
        resolve(!error && /^[0-9a-f]{40,64}$/.test(commit) ? commit : undefined);
      },
    );
  });
}
