// Bundles each entry compiled by tsc (build/) into dist/<entry>/ with ncc: index.js, the chunks
// it loads on demand, and a source map for each that points at the TypeScript sources (ncc's map
// to build/*.js composed with tsc's maps to src/*.ts), read only when a bug's stack trace is
// printed. Usage: node scripts/bundle.js [entry...]   (default: every entry)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { decodeMappings, encodeMappings, segmentAt } from '../build/util/source-map.js';

export const entries = {
  'run-build': 'build/actions/run-build/index.js',
  cli: 'build/cli.js',
  lint: 'build/actions/lint/index.js',
  'report-status': 'build/actions/report-status/index.js',
  'start-pipeline': 'build/actions/start-pipeline/index.js',
  approve: 'build/actions/approve/index.js',
  'codedeploy-hook': 'build/lambda/codedeploy-hook/index.js',
  'status-mirror': 'build/lambda/status-mirror/index.js',
};

/**
 * Rewrites a bundle map so that our frames point at src/*.ts; drops sources' contents. ncc's
 * map leaves out a leading #! line of the bundle, so it is shifted down by one line there.
 */
function composeWithTscMaps(mapFile) {
  const map = JSON.parse(readFileSync(mapFile, 'utf8'));
  const bundle = readFileSync(mapFile.replace(/\.map$/, ''), 'utf8');
  if (bundle.startsWith('#!') && map.mappings.split(';').length < bundle.split('\n').length)
    map.mappings = `;${map.mappings}`;
  const tscMaps = new Map();
  const tscMap = (source) => {
    if (!tscMaps.has(source)) {
      // ncc names sources relative to the output folder's parent: ../build/x.js is build/x.js.
      const file = resolve(source.replace(/^(\.\.\/)+/, ''));
      const rel = relative('build', file);
      const path = `${file}.map`;
      if (rel.startsWith('..') || !existsSync(path)) tscMaps.set(source, undefined);
      else {
        const parsed = JSON.parse(readFileSync(path, 'utf8'));
        tscMaps.set(source, {
          sources: parsed.sources.map((s) => relative('.', resolve(dirname(file), s))),
          lines: decodeMappings(parsed.mappings),
        });
      }
    }
    return tscMaps.get(source);
  };
  const sources = [];
  const index = new Map();
  const sourceIndex = (name) => {
    if (!index.has(name)) index.set(name, sources.push(name) - 1);
    return index.get(name);
  };
  const lines = decodeMappings(map.mappings).map((segments) =>
    segments.map((segment) => {
      if (segment.source === undefined) return segment;
      const source = map.sources[segment.source];
      const inner = tscMap(source);
      if (!inner)
        return { ...segment, source: sourceIndex(source.replace(/^webpack:\/\/[^/]*\//, '')) };
      // Before the first mapped column of a line, the line's first mapping is the closest.
      const original =
        segmentAt(inner.lines, segment.line, segment.sourceColumn ?? 0) ??
        inner.lines[segment.line]?.[0];
      if (original?.source === undefined) return { column: segment.column };
      return {
        column: segment.column,
        source: sourceIndex(inner.sources[original.source]),
        line: original.line,
        sourceColumn: original.sourceColumn,
      };
    }),
  );
  writeFileSync(
    mapFile,
    JSON.stringify({
      version: 3,
      file: map.file,
      sources,
      names: [],
      mappings: encodeMappings(lines),
    }),
  );
}

const wanted = process.argv.slice(2);
for (const [name, source] of Object.entries(entries)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  if (!existsSync(source)) {
    console.error(`skipping ${name}: ${source} does not exist`);
    continue;
  }
  const out = join('dist', name);
  rmSync(out, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      source,
      '-o',
      out,
      '--minify',
      '--source-map',
      '--no-source-map-register',
      '--quiet',
      '--license',
      'licenses.txt',
    ],
    { stdio: 'inherit' },
  );
  for (const file of readdirSync(out).filter((f) => f.endsWith('.js.map')))
    composeWithTscMaps(join(out, file));
  console.log(`${name}: ${readdirSync(out).join(', ')}`);
}
