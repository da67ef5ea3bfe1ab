/**
 * UPLOAD_ARTIFACTS on this machine: the files an artifact set selects (files, base-directory,
 * exclude-paths, discard-paths, name) are copied to `<output-dir>/<name>` instead of S3. As in
 * CodeBuild, an artifact that selects nothing fails the phase with CLIENT_ERROR.
 */
import { copyFile, mkdir, readlink, rm, stat, symlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { ArtifactSet } from '../model.js';
import { listFiles, normalizePattern, selectFiles } from './file-glob.js';

export interface LocalArtifact {
  /** "primary", or the identifier of a secondary artifact. */
  readonly identifier: string;
  /** The folder the files were copied to. */
  readonly directory: string;
  /** Paths inside `directory`, sorted. */
  readonly files: readonly string[];
}

export type ArtifactCopy =
  | { readonly ok: true; readonly artifact: LocalArtifact; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly statusCode: 'CLIENT_ERROR'; readonly message: string };

export interface ArtifactPlace {
  readonly sourceDir: string;
  readonly outputDir: string;
  /** The build's final variables, for `$NAME` in an artifact name. */
  readonly env: Readonly<Record<string, string>>;
  /** Agent lines about the copy ("Expanding **\/*", "Found 3 file(s)"). */
  readonly log: (message: string) => void;
}

export async function copyArtifact(
  set: ArtifactSet,
  identifier: string,
  place: ArtifactPlace,
): Promise<ArtifactCopy> {
  const baseDirectory =
    set.baseDirectory === undefined
      ? place.sourceDir
      : resolve(place.sourceDir, normalizePattern(set.baseDirectory));
  if (set.baseDirectory !== undefined) {
    place.log(`Expanding base directory path: ${set.baseDirectory}`);
    if (!(await isDirectory(baseDirectory))) {
      return {
        ok: false,
        statusCode: 'CLIENT_ERROR',
        message: `no matching base directory path found for ${set.baseDirectory}`,
      };
    }
  }
  place.log('Assembling file list');
  for (const pattern of set.files) place.log(`Expanding ${pattern}`);
  const selected = selectFiles(
    await listFiles(baseDirectory, [place.outputDir]),
    set.files,
    set.excludePaths,
  );
  place.log(`Found ${selected.length} file(s)`);
  if (selected.length === 0)
    return { ok: false, statusCode: 'CLIENT_ERROR', message: 'no matching artifact paths found' };

  const directory = join(place.outputDir, folderName(set.name, identifier, place.env));
  await rm(directory, { recursive: true, force: true });
  const warnings: string[] = [];
  const copied = new Map<string, string>();
  for (const file of selected) {
    const target = set.discardPaths ? basename(file.path) : file.path;
    const previous = copied.get(target);
    if (previous !== undefined)
      warnings.push(
        `discard-paths: ${file.path} replaces ${previous} as ${target} in artifact ${identifier}.`,
      );
    const from = join(baseDirectory, file.path);
    const to = join(directory, target);
    await mkdir(dirname(to), { recursive: true });
    if (file.isSymlink && set.enableSymlinks) {
      await rm(to, { force: true });
      await symlink(await readlink(from), to);
    } else if (await isFile(from)) {
      await copyFile(from, to);
    } else {
      warnings.push(
        `${file.path} in artifact ${identifier} is a link to something that is not a file; it was skipped.`,
      );
      continue;
    }
    copied.set(target, file.path);
  }
  return {
    ok: true,
    artifact: { identifier, directory, files: [...copied.keys()].sort() },
    warnings,
  };
}

/** The artifact name, with `$NAME` / `${NAME}` expanded as CodeBuild does, made safe as one folder name. */
function folderName(
  name: string | undefined,
  identifier: string,
  env: Readonly<Record<string, string>>,
): string {
  if (name === undefined) return identifier;
  const expanded = name.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_, braced?: string, bare?: string) => env[braced ?? bare ?? ''] ?? '',
  );
  const safe = expanded
    .replace(/[/\\]+/g, '-')
    .replace(/^\.+$/, '')
    .trim();
  return safe === '' ? identifier : safe;
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

async function isFile(path: string): Promise<boolean> {
  // stat follows links: a link to a file counts as the file.
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}
