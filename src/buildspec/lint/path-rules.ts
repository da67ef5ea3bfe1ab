/**
 * File paths CodeBuild resolves itself, after the commands: `artifacts.files` (and each
 * secondary artifact's), `reports.<group>.files` and their `base-directory`. They are relative
 * to the source directory (or base-directory) and no shell reads them, so an absolute path,
 * `~` or `$HOME` does not name what it names in a command, and PowerShell's `$env:X` is never
 * expanded. `cache.paths` is left alone: CodeBuild caches absolute directories such as
 * `/root/.m2/**\/*` outside the source directory on purpose.
 */
import { isScalar, isSeq, type Scalar } from 'yaml';
import type { Rule, SourceRange } from '../../lint/rule.js';
import { scalarText } from '../../lint/scalar-text.js';
import { entries, entry, mapAt, type BuildspecView } from './buildspec-view.js';
import { quoted } from './command-location.js';

interface PathEntry {
  /** Where it is, e.g. `artifacts.files[0]` or `reports.jest.base-directory`. */
  readonly place: string;
  /** Whose paths these are: an artifact's (primary or secondary) or a report group's. */
  readonly owner: 'artifact' | 'report';
  readonly key: 'files' | 'base-directory';
  readonly node: Scalar;
  readonly value: string;
}

/** Every artifact and report path the buildspec lists, with where it is. */
function pathEntries(view: BuildspecView): PathEntry[] {
  const found: PathEntry[] = [];
  const collect = (owner: PathEntry['owner'], prefix: string, section: unknown) => {
    const files = entry(section, 'files')?.value;
    const items = isSeq(files) ? files.items : [files];
    items.forEach((item, index) => {
      if (!isScalar(item) || typeof item.value !== 'string') return;
      const place = isSeq(files) ? `${prefix}.files[${index}]` : `${prefix}.files`;
      found.push({ place, owner, key: 'files', node: item, value: item.value });
    });
    const base = entry(section, 'base-directory')?.value;
    if (isScalar(base) && typeof base.value === 'string') {
      const place = `${prefix}.base-directory`;
      found.push({ place, owner, key: 'base-directory', node: base, value: base.value });
    }
  };
  const artifacts = mapAt(view.root, 'artifacts');
  collect('artifact', 'artifacts', artifacts);
  for (const secondary of entries(mapAt(artifacts, 'secondary-artifacts'))) {
    collect('artifact', `artifacts.secondary-artifacts.${secondary.name}`, secondary.value);
  }
  for (const group of entries(mapAt(view.root, 'reports'))) {
    collect('report', `reports.${group.name}`, group.value);
  }
  return found;
}

/** `/x`, `C:\x`, `C:/x`: absolute on Linux or Windows. */
const ABSOLUTE = /^(?:\/|[A-Za-z]:[\\/])/;
/** `~`, `~/x`, `$HOME/x`, `${HOME}/x`: the home directory, which only a shell expands. */
const HOME = /^(?:~(?=$|[\\/])|\$HOME\b|\$\{HOME\})/;

export const outsideSourcePathRule: Rule<BuildspecView> = {
  id: 'buildspec/path-outside-source',
  severity: 'warning',
  summary:
    'An absolute path, ~ or $HOME in artifacts.files or reports files: CodeBuild resolves them relative to the source directory (or base-directory).',
  check(view, report) {
    for (const path of pathEntries(view)) {
      if (path.key !== 'files') continue;
      const home = HOME.exec(path.value)?.[0];
      if (!home && !ABSOLUTE.test(path.value)) continue;
      const what = home
        ? `starts with ${home}, which CodeBuild does not expand here (no shell reads this list): it is a path relative to the source directory (or base-directory), not your home directory`
        : 'is an absolute path, but CodeBuild resolves these paths relative to the source directory (or base-directory), so it does not name the file it seems to';
      const outcome =
        path.owner === 'artifact'
          ? 'the upload finds nothing there (typically "CLIENT_ERROR: no matching artifact paths found")'
          : 'the report group gets no files from it';
      report(
        path.node,
        `${path.place} ${quoted(path.value)} ${what}; ${outcome}. List it relative to the source directory (for example ${path.owner === 'artifact' ? '"dist/**/*"' : '"reports/*.xml"'}), copying files from elsewhere into it in a command first, or set base-directory to the folder and list the files under it.`,
      );
    }
  },
};

const POWERSHELL_ENV = /\$env:[A-Za-z_][A-Za-z0-9_]*/i;

export const powershellEnvPathRule: Rule<BuildspecView> = {
  id: 'buildspec/path-powershell-env',
  severity: 'error',
  summary:
    'PowerShell $env:NAME in artifacts or reports paths (files, base-directory): CodeBuild does not expand it.',
  check(view, report) {
    for (const path of pathEntries(view)) {
      const match = POWERSHELL_ENV.exec(path.value);
      if (!match) continue;
      const variable = match[0];
      const rest =
        match.index === 0 ? path.value.slice(variable.length).replace(/^[\\/]+/, '') : '';
      const example = rest || (path.key === 'files' ? 'bin\\Release\\**\\*' : 'bin\\Release');
      const outcome =
        path.owner === 'artifact'
          ? 'the upload fails with "no matching artifact paths found"'
          : 'the report group finds no files';
      report(
        rangeInScalar(view, path.node, match.index, variable.length),
        `${path.place} ${quoted(path.value)} uses PowerShell's ${variable}, which CodeBuild does not expand in artifact and report paths: it looks for a folder literally named "${variable}" and ${outcome}. Write the path relative to the source directory (for example "${example}"), copying the files there in a command first if they are elsewhere.`,
      );
    }
  },
};

/** The file range of part of a scalar's value, or the whole scalar when it cannot be mapped. */
function rangeInScalar(
  view: BuildspecView,
  node: Scalar,
  index: number,
  length: number,
): SourceRange | Scalar {
  const text = scalarText(view.source.text, node);
  if (!text || !node.range) return node;
  const start = text.sourceOffset(index);
  const end = text.sourceOffset(index + length - 1) + 1;
  return end > start ? [start, end] : node;
}
