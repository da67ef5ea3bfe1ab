/** What a local build needs to know, already validated: the input of `runLocalBuild()`. */

export type BuildspecSource =
  | { readonly kind: 'file'; readonly path: string }
  /** No --buildspec and no buildspec.yml: the demo in demo-buildspec.ts, in a fresh directory. */
  | { readonly kind: 'embedded-demo' };

export interface LocalBuildSettings {
  readonly buildspec: BuildspecSource;
  /** CODEBUILD_SRC_DIR: where commands start and where artifact and report paths are relative to. Created if missing. */
  readonly sourceDir: string;
  /** Artifacts are copied to `<outputDir>/<artifact name>`. */
  readonly outputDir: string;
  /** `--env NAME=value`: wins over the buildspec and supplies parameter-store and secrets-manager values. */
  readonly envOverrides: Readonly<Record<string, string>>;
  /** The machine's environment, the base every command starts from (PATH, HOME, ...). */
  readonly hostEnv: Readonly<Record<string, string | undefined>>;
  /** Sets AWS_REGION and AWS_DEFAULT_REGION for the commands when known. */
  readonly region: string | undefined;
  readonly buildNumber: number;
  /** How long a stopped command gets between SIGTERM and SIGKILL. */
  readonly stopGraceMs: number;
}
