/**
 * Stack traces that name this project's source files: each frame in a bundle that ships a
 * source map (dist/<entry>/*.js.map) is rewritten to the source position, read lazily, only
 * when an unexpected error is reported. A frame that cannot be mapped is left as it is.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeMappings, segmentAt, type Segment, type SourceMapV3 } from './source-map.js';

const FRAME = /((?:file:\/\/)?\/[^\s():]+\.js):(\d+):(\d+)/g;

interface LoadedMap {
  readonly map: SourceMapV3;
  readonly lines: Segment[][];
}

export function mapStackTrace(stack: string): string {
  const maps = new Map<string, LoadedMap | undefined>();
  return stack.replace(FRAME, (frame: string, file: string, line: string, column: string) => {
    const path = file.startsWith('file://') ? fileURLToPath(file) : file;
    if (!maps.has(path)) maps.set(path, loadMap(path));
    const loaded = maps.get(path);
    if (!loaded) return frame;
    const segment = segmentAt(loaded.lines, Number(line) - 1, Number(column) - 1);
    const source = segment?.source === undefined ? undefined : loaded.map.sources[segment.source];
    if (!source || segment?.line === undefined) return frame;
    return `${source.replace(/^(\.\.\/)+/, '')}:${segment.line + 1}:${(segment.sourceColumn ?? 0) + 1}`;
  });
}

function loadMap(path: string): LoadedMap | undefined {
  try {
    const map = JSON.parse(readFileSync(`${path}.map`, 'utf8')) as SourceMapV3;
    return { map, lines: decodeMappings(map.mappings) };
  } catch {
    return undefined;
  }
}
