/**
 * The bundles' source maps point at src/*.ts (ncc's map composed with tsc's at build time), and
 * a stack trace through a bundle is rewritten to those files when a bug is reported.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  decodeMappings,
  decodeVlq,
  encodeMappings,
  encodeVlq,
  segmentAt,
} from '../../src/util/source-map.js';
import { mapStackTrace } from '../../src/util/stack-trace.js';

const ROOT = join(import.meta.dirname, '../..');

describe('source maps', () => {
  it('encodes and decodes base64 VLQ both ways', () => {
    for (const values of [[0], [1, -1, 15, -16, 16], [123456, -98765, 0, 31, 32]])
      expect(decodeVlq(encodeVlq(values))).toEqual(values);
    expect(decodeVlq('AAgBC')).toEqual([0, 0, 16, 1]);
  });

  it('decodes and re-encodes mappings unchanged', () => {
    const mappings = 'AAAA,SAASA,IAAI;AACA,GAAG,EAAE,CAAC;;AAEF';
    expect(encodeMappings(decodeMappings(mappings))).toBe(mappings);
  });
});

describe.each(['cli', 'run-build', 'lint'])('dist/%s', (entry) => {
  const file = join(ROOT, 'dist', entry, 'index.js');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as {
    sources: string[];
    mappings: string;
  };

  it('maps its code to the TypeScript sources, not to build/', () => {
    const ours = map.sources.filter((source) => !source.includes('node_modules'));
    expect(ours.some((source) => source.startsWith('src/') && source.endsWith('.ts'))).toBe(true);
    expect(ours.filter((source) => /(^|\/)build\//.test(source))).toEqual([]);
  });

  it('rewrites a stack frame in the bundle to the source file, line and column', () => {
    const lines = decodeMappings(map.mappings);
    let frame: { line: number; column: number; source: string; sourceLine: number } | undefined;
    lines.some((segments, line) =>
      segments.some((segment) => {
        const source = segment.source === undefined ? undefined : map.sources[segment.source];
        if (!source?.startsWith('src/') || segment.line === undefined) return false;
        frame = { line, column: segment.column, source, sourceLine: segment.line };
        return true;
      }),
    );
    expect(frame).toBeDefined();
    const stack = `Error: boom\n    at run (file://${file}:${frame!.line + 1}:${frame!.column + 1})`;
    expect(mapStackTrace(stack)).toContain(`at run (${frame!.source}:${frame!.sourceLine + 1}:`);
    expect(segmentAt(lines, frame!.line, frame!.column)?.source).toBeDefined();
  });
});

/** Where `needle` first stands in `text`, as a 1-based line and column. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

describe.each([
  ['cli', 'src/github/event.ts', 'Skip runs whose head is a fork'],
  ['cli', 'src/cli/args.ts', ' takes no arguments, but got '],
  ['run-build', 'src/codebuild/run-build.ts', 'StartBuild returned no build'],
  ['lint', 'src/lint/yaml-syntax-rules.ts', 'Later checks are skipped until this parses.'],
])('dist/%s at the text of %s', (entry, source, needle) => {
  it('maps to the line of that text in the TypeScript source', () => {
    const bundleFile = join(ROOT, 'dist', entry, 'index.js');
    const generated = positionOf(readFileSync(bundleFile, 'utf8'), needle);
    const sourceText = readFileSync(join(ROOT, source), 'utf8');
    expect(sourceText.split(needle)).toHaveLength(2);
    const original = positionOf(sourceText, needle);
    const mapped = mapStackTrace(`    at f (${bundleFile}:${generated.line}:${generated.column})`);
    const match = /at f \((.+):(\d+):(\d+)\)/.exec(mapped);
    expect(match?.[1]).toBe(source);
    // A minifier moves code within a statement: the line may be the statement's first.
    expect(Math.abs(Number(match?.[2]) - original.line)).toBeLessThanOrEqual(3);
  });
});

it('leaves frames it cannot map as they are', () => {
  const stack = 'Error: boom\n    at x (/nowhere/file.js:1:2)\n    at node:internal/x:3:4';
  expect(mapStackTrace(stack)).toBe(stack);
});
