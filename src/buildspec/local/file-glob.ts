/**
 * The path patterns of `artifacts.files`, `exclude-paths` and `reports.files`: `*` and `?`
 * within one path segment, `[abc]` classes, and `**` for any number of directories, so `**\/*`
 * is every file. Dot files match like any other, as they do in CodeBuild. Paths use `/`.
 */
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export function globToRegExp(pattern: string): RegExp {
  const segments = normalizePattern(pattern).split('/');
  let source = '';
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') source += last ? '.*' : '(?:[^/]*/)*';
    else source += segmentSource(segment) + (last ? '' : '/');
  });
  return new RegExp(`^${source}$`);
}

/** `./dist/` and `dist` mean the same; CodeBuild accepts both. */
export function normalizePattern(pattern: string): string {
  return (
    pattern
      .trim()
      .replace(/^(?:\.\/)+/, '')
      .replace(/\/+$/, '') || '**'
  );
}

function segmentSource(segment: string): string {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i] as string;
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end === -1) source += '\\[';
      else {
        const body = segment
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = end;
      }
    } else source += char.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return source;
}

export interface FoundFile {
  /** Relative to the directory that was listed, with `/` separators. */
  readonly path: string;
  readonly isSymlink: boolean;
}

/** Every file below `root` (symbolic links included, never followed into), skipping `skip` directories. */
export async function listFiles(root: string, skip: readonly string[] = []): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  const walk = async (directory: string): Promise<void> => {
    const entries = await readdir(directory, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!skip.includes(full)) await walk(full);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        found.push({
          path: relative(root, full).split(sep).join('/'),
          isSymlink: entry.isSymbolicLink(),
        });
      }
    }
  };
  await walk(root);
  return found;
}

/** The files that match any of `patterns` and none of `excludes`. */
export function selectFiles<T extends FoundFile>(
  files: readonly T[],
  patterns: readonly string[],
  excludes: readonly string[] = [],
): T[] {
  const include = patterns.map(globToRegExp);
  const exclude = excludes.map(globToRegExp);
  return files.filter(
    (file) => include.some((re) => re.test(file.path)) && !exclude.some((re) => re.test(file.path)),
  );
}
