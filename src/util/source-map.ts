/**
 * Reading a source map (version 3) to turn a bundle's line and column back into the source
 * file's, for stack traces of unexpected errors. Turning Node's own source-map support on costs
 * a tenth of a second at every start; reading the map only when a bug is reported costs nothing
 * on the way to the first AWS request.
 */
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGITS = new Map([...BASE64].map((char, index) => [char, index]));

export interface SourceMapV3 {
  readonly version: 3;
  readonly sources: readonly string[];
  readonly names?: readonly string[];
  readonly mappings: string;
  readonly sourceRoot?: string;
}

/** One mapping: a generated column and where it came from (0-based lines and columns). */
export interface Segment {
  readonly column: number;
  readonly source?: number;
  readonly line?: number;
  readonly sourceColumn?: number;
  readonly name?: number;
}

/** Base64 VLQ values of one segment. */
export function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = DIGITS.get(char);
    if (digit === undefined) throw new Error(`not a base64 VLQ digit: ${char}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

export function encodeVlq(values: readonly number[]): string {
  let out = '';
  for (const value of values) {
    let rest = value < 0 ? (-value << 1) | 1 : value << 1;
    do {
      let digit = rest & 31;
      rest >>>= 5;
      if (rest > 0) digit |= 32;
      out += BASE64[digit];
    } while (rest > 0);
  }
  return out;
}

/** Every generated line's segments, with the map's relative fields made absolute. */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0;
  let line = 0;
  let sourceColumn = 0;
  let name = 0;
  for (const lineText of mappings.split(';')) {
    let column = 0;
    const segments: Segment[] = [];
    for (const segmentText of lineText.split(',')) {
      if (segmentText === '') continue;
      const [dColumn = 0, dSource, dLine, dSourceColumn, dName] = decodeVlq(segmentText);
      column += dColumn;
      if (dSource === undefined || dLine === undefined || dSourceColumn === undefined) {
        segments.push({ column });
        continue;
      }
      source += dSource;
      line += dLine;
      sourceColumn += dSourceColumn;
      if (dName !== undefined) name += dName;
      segments.push({
        column,
        source,
        line,
        sourceColumn,
        ...(dName !== undefined ? { name } : {}),
      });
    }
    lines.push(segments);
  }
  return lines;
}

export function encodeMappings(lines: readonly (readonly Segment[])[]): string {
  let source = 0;
  let line = 0;
  let sourceColumn = 0;
  let name = 0;
  return lines
    .map((segments) => {
      let column = 0;
      return segments
        .map((segment) => {
          const values = [segment.column - column];
          column = segment.column;
          if (segment.source !== undefined && segment.line !== undefined) {
            values.push(
              segment.source - source,
              segment.line - line,
              (segment.sourceColumn ?? 0) - sourceColumn,
            );
            source = segment.source;
            line = segment.line;
            sourceColumn = segment.sourceColumn ?? 0;
            if (segment.name !== undefined) {
              values.push(segment.name - name);
              name = segment.name;
            }
          }
          return encodeVlq(values);
        })
        .join(',');
    })
    .join(';');
}

/** The segment covering a generated position (0-based): the last one at or before the column. */
export function segmentAt(
  lines: readonly (readonly Segment[])[],
  line: number,
  column: number,
): Segment | undefined {
  const segments = lines[line];
  if (!segments) return undefined;
  let found: Segment | undefined;
  for (const segment of segments) {
    if (segment.column > column) break;
    found = segment;
  }
  return found;
}
