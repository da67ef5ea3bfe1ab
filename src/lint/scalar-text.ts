/**
 * Maps a position inside a scalar's value back to an offset in the file, so that a finding
 * about part of a command (a `[[` in the middle of a `|` block) points at its exact line and
 * column. Handles plain, single-quoted, double-quoted and block scalars by replaying how YAML
 * builds the value from the source; when the replay does not reproduce the parsed value (an
 * exotic escape or folding case), every position maps to the start of the scalar instead of a
 * wrong place.
 */
import { isScalar, Scalar } from 'yaml';

export interface ScalarText {
  /** The scalar's string value, as YAML parsed it. */
  readonly value: string;
  /** Offset in the file of the value's character at `index`. */
  sourceOffset(index: number): number;
}

/** The scalar's text and position map, or undefined when the node is not a string scalar. */
export function scalarText(text: string, node: unknown): ScalarText | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const value = node.value;
  const [start, end] = node.range;
  let offsets: number[] | null | undefined;
  return {
    value,
    sourceOffset(index: number): number {
      if (offsets === undefined) offsets = replay(text, start, end, node.type, value);
      if (offsets === null || offsets.length === 0) return start;
      return offsets[Math.max(0, Math.min(index, offsets.length - 1))] ?? start;
    },
  };
}

/** One offset per value character, or null when the replay does not match the parsed value. */
function replay(
  text: string,
  start: number,
  end: number,
  type: Scalar['type'],
  value: string,
): number[] | null {
  const built = build(text, start, end, type);
  if (!built) return null;
  const trim = (s: string) => s.replace(/\n+$/, '');
  if (built.chars === value) return built.offsets;
  // Block scalars: chomping (|-, |+) only changes trailing line breaks.
  if (trim(built.chars) === trim(value)) {
    const offsets = built.offsets.slice(0, trim(value).length);
    const last = offsets[offsets.length - 1] ?? start;
    while (offsets.length < value.length) offsets.push(last);
    return offsets;
  }
  return null;
}

interface Built {
  chars: string;
  offsets: number[];
}

function build(text: string, start: number, end: number, type: Scalar['type']): Built | null {
  switch (type) {
    case Scalar.PLAIN:
      return buildFlowLines(text, start, end);
    case Scalar.QUOTE_SINGLE:
      return buildSingleQuoted(text, start + 1, end - 1);
    case Scalar.QUOTE_DOUBLE:
      return buildDoubleQuoted(text, start + 1, end - 1);
    case Scalar.BLOCK_LITERAL:
      return buildBlock(text, start, end, false);
    case Scalar.BLOCK_FOLDED:
      return buildBlock(text, start, end, true);
    default:
      return null;
  }
}

/** Lines of the source range with their start offsets and a trailing \r dropped. */
function sourceLines(text: string, from: number, to: number): { text: string; offset: number }[] {
  const lines: { text: string; offset: number }[] = [];
  let offset = from;
  for (const line of text.slice(from, to).split('\n')) {
    lines.push({ text: line.replace(/\r$/, ''), offset });
    offset += line.length + 1;
  }
  return lines;
}

/** Plain scalars: lines are trimmed and joined by a space, or by n-1 line breaks across n empty lines. */
function buildFlowLines(text: string, from: number, to: number): Built {
  const out: Built = { chars: '', offsets: [] };
  let pendingBreaks = 0;
  let started = false;
  for (const line of sourceLines(text, from, to)) {
    const lead = line.text.length - line.text.trimStart().length;
    const content = line.text.trim();
    if (content === '') {
      if (started) pendingBreaks++;
      continue;
    }
    const contentOffset = line.offset + lead;
    if (started) append(out, pendingBreaks === 0 ? ' ' : '\n'.repeat(pendingBreaks), contentOffset);
    append(out, content, contentOffset, true);
    pendingBreaks = 0;
    started = true;
  }
  return out;
}

function buildSingleQuoted(text: string, from: number, to: number): Built | null {
  const inner = text.slice(from, to);
  if (inner.includes('\n')) return null;
  const out: Built = { chars: '', offsets: [] };
  for (let i = 0; i < inner.length; i++) {
    out.chars += inner[i];
    out.offsets.push(from + i);
    if (inner[i] === "'" && inner[i + 1] === "'") i++;
  }
  return out;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPE_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

function buildDoubleQuoted(text: string, from: number, to: number): Built | null {
  const inner = text.slice(from, to);
  if (inner.includes('\n')) return null;
  const out: Built = { chars: '', offsets: [] };
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i] as string;
    if (char !== '\\') {
      append(out, char, from + i);
      continue;
    }
    const code = inner[i + 1] ?? '';
    const simple = SIMPLE_ESCAPES[code];
    const hexLength = HEX_ESCAPE_LENGTH[code];
    if (simple !== undefined) {
      append(out, simple, from + i);
      i++;
    } else if (hexLength !== undefined) {
      const digits = inner.slice(i + 2, i + 2 + hexLength);
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hexLength) return null;
      append(out, String.fromCodePoint(parseInt(digits, 16)), from + i);
      i += 1 + hexLength;
    } else {
      return null;
    }
  }
  return out;
}

/**
 * `|` and `>` blocks: the header line, then lines indented at least as much as the first
 * content line (or the explicit indentation indicator). Folding joins adjacent lines at the
 * block's own indentation with a space; more-indented lines keep their line breaks.
 */
function buildBlock(text: string, from: number, to: number, folded: boolean): Built | null {
  const lines = sourceLines(text, from, to);
  const header = lines.shift();
  if (!header) return null;
  const explicit = /^[|>][-+]?([1-9])|^[|>]([1-9])/.exec(header.text.trim());
  const firstContent = lines.find((line) => line.text.trim() !== '');
  if (!firstContent) return { chars: '', offsets: [] };
  const headerIndent = explicit ? Number(explicit[1] ?? explicit[2]) : undefined;
  const indent =
    headerIndent !== undefined
      ? baseIndent(text, from) + headerIndent
      : firstContent.text.length - firstContent.text.trimStart().length;
  const out: Built = { chars: '', offsets: [] };
  let previous: 'none' | 'normal' | 'more' | 'empty' = 'none';
  let emptyRun = 0;
  for (const line of lines) {
    const body = line.text.slice(indent);
    const offset = line.offset + Math.min(indent, line.text.length);
    if (line.text.trim() === '') {
      emptyRun++;
      continue;
    }
    const kind = /^[ \t]/.test(body) ? 'more' : 'normal';
    if (previous !== 'none') {
      if (!folded || kind === 'more' || previous === 'more')
        append(out, '\n'.repeat(emptyRun + 1), offset);
      else append(out, emptyRun === 0 ? ' ' : '\n'.repeat(emptyRun), offset);
    } else if (emptyRun > 0) {
      append(out, '\n'.repeat(emptyRun), offset);
    }
    append(out, body, offset, true);
    previous = kind;
    emptyRun = 0;
  }
  append(out, '\n', to);
  return out;
}

/** Indentation of the line holding `offset` (the block header's parent indentation). */
function baseIndent(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = text.slice(lineStart, offset);
  const indent = line.length - line.trimStart().length;
  // A block under `- ` or `key: ` is indented relative to that node's own column.
  return /^\s*-\s/.test(line) ? line.indexOf('-') : indent;
}

/** Appends `chars`; each one maps to `offset` (a join) or to offset + i (`stepping`, copied text). */
function append(out: Built, chars: string, offset: number, stepping = false): void {
  for (let i = 0; i < chars.length; i++) out.offsets.push(stepping ? offset + i : offset);
  out.chars += chars;
}
