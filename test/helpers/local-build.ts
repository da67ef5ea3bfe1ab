/** Runs a buildspec through the local runner core in a fresh temporary source directory. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runLocalBuild, type LocalBuildResult } from '../../src/buildspec/local/run-local-build.js';
import type { SecretResolvers } from '../../src/buildspec/local/secret-variables.js';
import type { LocalBuildSettings } from '../../src/buildspec/local/settings.js';
import { systemClock } from '../../src/util/clock.js';
import { RecordingLogger } from './recording-logger.js';

export interface LocalRunOptions {
  /** Files to create in the source directory before the build, by relative path. */
  readonly files?: Record<string, string>;
  readonly envOverrides?: Record<string, string>;
  /** Added to the minimal host environment (PATH and HOME). */
  readonly hostEnv?: Record<string, string>;
  readonly region?: string;
  readonly signal?: AbortSignal;
  readonly resolvers?: SecretResolvers;
  readonly logger?: RecordingLogger;
  readonly sourceDir?: string;
}

export interface LocalRun {
  readonly result: LocalBuildResult;
  readonly logger: RecordingLogger;
  readonly sourceDir: string;
}

const created: string[] = [];

/** A fresh directory, removed after the test file has run. */
export function temporaryDirectory(prefix = 'bb-local-test-'): string {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  created.push(directory);
  return directory;
}

export function removeAfterAll(directory: string): void {
  created.push(directory);
}

afterAll(() => {
  for (const directory of created.splice(0)) rmSync(directory, { recursive: true, force: true });
});

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

export function localSettings(
  sourceDir: string,
  options: LocalRunOptions = {},
): LocalBuildSettings {
  return {
    buildspec: { kind: 'file', path: join(sourceDir, 'buildspec.yml') },
    sourceDir,
    outputDir: join(sourceDir, '.buildbridge', 'artifacts'),
    envOverrides: options.envOverrides ?? {},
    hostEnv: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: sourceDir, ...options.hostEnv },
    region: options.region,
    buildNumber: 7,
    stopGraceMs: 1000,
  };
}

export async function runBuildspec(
  buildspec: string,
  options: LocalRunOptions = {},
): Promise<LocalRun> {
  const sourceDir = options.sourceDir ?? temporaryDirectory();
  writeFiles(sourceDir, { 'buildspec.yml': buildspec, ...options.files });
  const logger = options.logger ?? new RecordingLogger();
  const result = await runLocalBuild(localSettings(sourceDir, options), {
    logger,
    clock: systemClock,
    signal: options.signal ?? new AbortController().signal,
    ...options.resolvers,
  });
  return { result, logger, sourceDir };
}

/** `phaseType: phaseStatus` for every phase that has a status, in order. */
export function phaseStatuses(result: LocalBuildResult): string[] {
  return (result.build.phases ?? [])
    .filter((phase) => phase.phaseStatus)
    .map((phase) => `${phase.phaseType}: ${phase.phaseStatus}`);
}
