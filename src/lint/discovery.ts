/**
 * Finds the files to lint. A path given explicitly must be a file of a known kind (by name or
 * content) or a directory; directories are searched recursively, by name and — for YAML files
 * whose name says nothing — by content, skipping dependency and VCS folders.
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

/** Folders never searched: dependencies and version control, never the user's buildspecs. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const YAML_EXTENSIONS = new Set(['.yml', '.yaml']);

export async function discoverFiles(
  paths: readonly string[],
  kinds: readonly FileKind[],
  cwd: string,
): Promise<DiscoveredFile[]> {
  const found = new Map<string, DiscoveredFile>();
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new UserError(`lint: "${given}" does not exist (looked at ${absolute}).`);
    if (info.isDirectory()) {
      for (const file of await searchDirectory(absolute, kinds, cwd)) found.set(file.path, file);
    } else {
      const file = await explicitFile(absolute, given, kinds, cwd);
      found.set(file.path, file);
    }
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A file named on the command line: it must be one of the known kinds. */
async function explicitFile(
  absolute: string,
  given: string,
  kinds: readonly FileKind[],
  cwd: string,
): Promise<DiscoveredFile> {
  const text = await readText(absolute);
  const name = basename(absolute);
  // A broken buildspec still counts as one when its text looks like one, so it gets linted.
  const kind = kinds.find((k) => k.matchesName(name)) ?? kinds.find((k) => k.mayMatchText(text));
  if (!kind) {
    throw new UserError(
      `lint: "${given}" is neither a buildspec (buildspec*.yml, or YAML with top-level "version" and "phases") nor an appspec (appspec.yml, appspec.yaml or appspec.json). Pass a buildspec, an appspec or a directory to search.`,
    );
  }
  return { path: displayPath(absolute, cwd), kind, text };
}

async function searchDirectory(
  directory: string,
  kinds: readonly FileKind[],
  cwd: string,
): Promise<DiscoveredFile[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const results = await Promise.all(
    entries.map(async (entry): Promise<DiscoveredFile[]> => {
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
): Promise<DiscoveredFile | undefined> {
  const byName = kinds.find((kind) => kind.matchesName(name));
  if (byName)
    return { path: displayPath(absolute, cwd), kind: byName, text: await readText(absolute) };
  if (!YAML_EXTENSIONS.has(extname(name).toLowerCase())) return undefined;
  const text = await readText(absolute);
  const candidates = kinds.filter((kind) => kind.mayMatchText(text));
  if (candidates.length === 0) return undefined;
  const path = displayPath(absolute, cwd);
  const source = parseYamlSource(path, text);
  const kind = candidates.find((candidate) => candidate.matchesDocument(source));
  return kind ? { path, kind, text, source } : undefined;
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
