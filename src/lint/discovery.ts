/**
 * Finds the files to lint, and accounts for every file it does not lint. A path given
 * explicitly is linted as its kind (by name, by content, or as --kind says); directories are
 * searched recursively, by name and — for YAML files whose name says nothing — by content,
 * skipping dependency and VCS folders. A file whose name says buildspec or appspec but whose
 * content is plainly something else is skipped with the reason, never linted into a page of
 * errors; `-` reads standard input.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import { UserError } from '../util/errors.js';
import type { FileKind } from './file-kind.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

export interface DiscoveredFile {
  /** Path as shown to the user: relative to cwd when inside it, forward slashes. */
  readonly path: string;
  readonly kind: FileKind;
  readonly text: string;
  /** Parsed already when content detection needed it; parsed by the engine otherwise. */
  readonly source?: YamlSource;
}

export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
  /**
   * Named on the command line, or named like a kind: worth a notice every time. Other YAML
   * files of a searched folder are listed only when asked (--verbose).
   */
  readonly notable: boolean;
}

export interface Discovery {
  readonly files: DiscoveredFile[];
  readonly skipped: SkippedFile[];
}

export interface DiscoveryOptions {
  /** Lint every named file as this kind, and search folders for this kind only. */
  readonly kind?: FileKind;
  /** Reads standard input, for the path `-`. */
  readonly readStdin?: () => Promise<string>;
}

/** Folders never searched: dependencies and version control, never the user's buildspecs. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const YAML_EXTENSIONS = new Set(['.yml', '.yaml']);
export const STDIN_PATH = '<stdin>';

export async function discoverFiles(
  paths: readonly string[],
  kinds: readonly FileKind[],
  cwd: string,
  options: DiscoveryOptions = {},
): Promise<Discovery> {
  const found = new Map<string, DiscoveredFile>();
  const skipped = new Map<string, SkippedFile>();
  const searched = options.kind ? [options.kind] : kinds;
  const take = (result: DiscoveredFile | SkippedFile) => {
    if ('kind' in result) found.set(result.path, result);
    else skipped.set(result.path, result);
  };
  for (const given of paths) {
    if (given === '-') {
      take(await fromStdin(kinds, options));
      continue;
    }
    const absolute = resolve(cwd, given);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new UserError(`lint: "${given}" does not exist (looked at ${absolute}).`);
    if (info.isDirectory()) {
      for (const result of await searchDirectory(absolute, searched, cwd)) take(result);
    } else {
      take(await explicitFile(absolute, searched, cwd, options.kind));
    }
  }
  const byPath = <T extends { path: string }>(a: T, b: T) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
  return {
    files: [...found.values()].sort(byPath),
    skipped: [...skipped.values()].filter((file) => !found.has(file.path)).sort(byPath),
  };
}

async function fromStdin(
  kinds: readonly FileKind[],
  options: DiscoveryOptions,
): Promise<DiscoveredFile | SkippedFile> {
  if (!options.readStdin)
    throw new UserError('lint: "-" (standard input) can only be read by the CLI.');
  const text = await options.readStdin();
  const kind = options.kind ?? kinds.find((k) => k.mayMatchText(text)) ?? kinds[0];
  if (!kind) throw new Error('lint: no file kinds');
  return { path: STDIN_PATH, kind, text };
}

/** A file named on the command line: linted as its kind, or accounted for with the reason. */
async function explicitFile(
  absolute: string,
  kinds: readonly FileKind[],
  cwd: string,
  forced: FileKind | undefined,
): Promise<DiscoveredFile | SkippedFile> {
  const path = displayPath(absolute, cwd);
  const text = await readText(absolute);
  if (forced) return { path, kind: forced, text };
  const name = basename(absolute);
  const byName = kinds.find((k) => k.matchesName(name));
  if (byName) return checked(path, text, byName);
  // A broken buildspec still counts as one when its text looks like one, so it gets linted.
  const byText = kinds.find((k) => k.mayMatchText(text));
  if (byText) return { path, kind: byText, text };
  return {
    path,
    notable: true,
    reason: `neither a buildspec (buildspec*.yml, or YAML with top-level "version" and "phases") nor an appspec (appspec.yml, appspec.yaml or appspec.json); pass --kind buildspec or --kind appspec to lint it as one.`,
  };
}

/** A file named like `kind`: linted unless its content is plainly something else. */
function checked(path: string, text: string, kind: FileKind): DiscoveredFile | SkippedFile {
  const source = parseYamlSource(path, text, kind.rejection);
  const mismatch = kind.mismatch(source);
  if (mismatch) return { path, notable: true, reason: `not a ${kind.title}: ${mismatch}.` };
  return { path, kind, text, source };
}

async function searchDirectory(
  directory: string,
  kinds: readonly FileKind[],
  cwd: string,
): Promise<(DiscoveredFile | SkippedFile)[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const results = await Promise.all(
    entries.map(async (entry): Promise<(DiscoveredFile | SkippedFile)[]> => {
      const absolute = join(directory, entry.name);
      // Symbolic links are not followed: a link cycle must not hang the search.
      if (entry.isDirectory())
        return SKIPPED_DIRECTORIES.has(entry.name) ? [] : searchDirectory(absolute, kinds, cwd);
      if (!entry.isFile()) return [];
      const file = await recognise(absolute, entry.name, kinds, cwd);
      return file ? [file] : [];
    }),
  );
  return results.flat();
}

async function recognise(
  absolute: string,
  name: string,
  kinds: readonly FileKind[],
  cwd: string,
): Promise<DiscoveredFile | SkippedFile | undefined> {
  const path = displayPath(absolute, cwd);
  const byName = kinds.find((kind) => kind.matchesName(name));
  if (byName) return checked(path, await readText(absolute), byName);
  if (!YAML_EXTENSIONS.has(extname(name).toLowerCase())) return undefined;
  const text = await readText(absolute);
  const candidates = kinds.filter((kind) => kind.mayMatchText(text));
  const source = candidates.length > 0 ? parseYamlSource(path, text) : undefined;
  const kind = source && candidates.find((candidate) => candidate.matchesDocument(source));
  if (kind && source) return { path, kind, text, source: { ...source, rejection: kind.rejection } };
  return {
    path,
    notable: false,
    reason: `not a ${kinds.map((k) => k.title).join(' or ')} (its name says nothing and its content does not look like one).`,
  };
}

async function readText(absolute: string): Promise<string> {
  try {
    return await readFile(absolute, 'utf8');
  } catch (error) {
    throw new UserError(
      `lint: cannot read ${absolute}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function displayPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  const shown = rel === '' || rel.startsWith('..') ? absolute : rel;
  return shown.split(sep).join('/');
}
