/**
 * Typed reads from a parsed YAML document for the buildspec model: every wrong shape fails with
 * the file, the line and column from the source, the key path and what is accepted. Strings are
 * taken as written: under YAML 1.1 a plain `0755` or `1.10` would otherwise turn into a number
 * and lose its text, and a command or a variable is text.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Document,
  type LineCounter,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import { UserError } from '../util/errors.js';

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** A string from the buildspec and the line it starts on (for log lines and shellcheck output). */
export interface SourceText {
  readonly text: string;
  readonly line: number;
}

export class YamlReader {
  readonly warnings: string[] = [];

  constructor(
    readonly fileName: string,
    private readonly document: Document,
    private readonly lines: LineCounter,
    private readonly source: string,
  ) {}

  position(node: Node | null | undefined): SourcePosition {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  where(node: Node | null | undefined): string {
    const { line, column } = this.position(node);
    return `${this.fileName}:${line}:${column}`;
  }

  fail(node: Node | null | undefined, message: string): never {
    throw new UserError(`${this.where(node)}: ${message}`);
  }

  warn(node: Node | null | undefined, message: string): void {
    this.warnings.push(`${this.where(node)}: ${message}`);
  }

  /** Follows `*alias` references, so anchors work as they do for CodeBuild. */
  resolve(node: unknown): Node | null {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return (node.resolve(this.document) as Node | undefined) ?? null;
    return node as Node;
  }

  /** A mapping, or undefined for an absent or empty (`key:`) value. */
  map(node: unknown, path: string): YAMLMap | undefined {
    const resolved = this.resolve(node);
    if (resolved === null || (isScalar(resolved) && resolved.value === null)) return undefined;
    if (!isMap(resolved))
      this.fail(
        resolved,
        `${path} must be a mapping of keys to values, got ${describeNode(resolved)}.`,
      );
    return resolved;
  }

  /** The pairs of a mapping with their keys as text; duplicate keys were already refused by the parser. */
  entries(
    map: YAMLMap | undefined,
    path: string,
  ): Array<{ key: string; keyNode: Node; value: Node | null; pair: Pair }> {
    if (!map) return [];
    return map.items.map((pair) => {
      const keyNode = this.resolve(pair.key);
      if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
        this.fail(keyNode, `${path} has a key that is not a plain name.`);
      }
      return { key: scalarText(keyNode), keyNode, value: this.resolve(pair.value), pair };
    });
  }

  /** Warns about keys CodeBuild does not know; CodeBuild itself only warns about them too. */
  checkKeys(map: YAMLMap | undefined, path: string, known: readonly string[]): void {
    for (const { key, keyNode } of this.entries(map, path)) {
      if (!known.includes(key))
        this.warn(keyNode, `unknown key "${key}" in ${path}; known keys: ${known.join(', ')}.`);
    }
  }

  string(node: unknown, path: string): string | undefined {
    const resolved = this.resolve(node);
    if (resolved === null) return undefined;
    if (!isScalar(resolved))
      this.fail(resolved, `${path} must be a single value, got ${describeNode(resolved)}.`);
    if (resolved.value === null) return undefined;
    return scalarText(resolved);
  }

  /** yes/no/true/false/on/off (YAML 1.1 booleans, as CodeBuild reads them). */
  boolean(node: unknown, path: string): boolean | undefined {
    const resolved = this.resolve(node);
    if (resolved === null || (isScalar(resolved) && resolved.value === null)) return undefined;
    if (isScalar(resolved)) {
      if (typeof resolved.value === 'boolean') return resolved.value;
      const text = String(resolved.value).toLowerCase();
      if (['yes', 'true', 'on'].includes(text)) return true;
      if (['no', 'false', 'off'].includes(text)) return false;
    }
    this.fail(resolved, `${path} must be yes or no, got ${describeNode(resolved)}.`);
  }

  /** A list of single values; a lone value is refused because CodeBuild refuses it too. */
  list(node: unknown, path: string): SourceText[] {
    const resolved = this.resolve(node);
    if (resolved === null || (isScalar(resolved) && resolved.value === null)) return [];
    if (!isSeq(resolved)) {
      this.fail(
        resolved,
        `${path} must be a list (lines starting with "- "), got ${describeNode(resolved)}.`,
      );
    }
    return resolved.items.map((item, index) => {
      const entry = this.resolve(item);
      const itemPath = `${path}[${index}]`;
      if (isMap(entry))
        this.fail(entry, `${itemPath} is a mapping, not a single value.${this.colonHint(entry)}`);
      if (isSeq(entry)) {
        this.fail(
          entry,
          `${itemPath} is a list, not a single value: a leading "[" starts a YAML list. Quote the whole command, e.g. - '[ -f x ] && ...'.`,
        );
      }
      if (!isScalar(entry) || entry.value === null)
        this.fail(entry ?? resolved, `${itemPath} is empty or not a single value.`);
      return { text: scalarText(entry), line: this.position(entry).line };
    });
  }

  /** The most common buildspec trap: `- echo a: b` is a mapping because of the unquoted ": ". */
  private colonHint(map: YAMLMap): string {
    const [start, end] = map.range ?? [0, 0];
    const written = this.source.slice(start, end).trim();
    if (written === '' || written.includes('\n'))
      return ' Quote the whole command, or write it as a | block.';
    return ` YAML reads an unquoted ": " as key: value. Quote the whole command: - '${written.replace(/'/g, "''")}'`;
  }

  /** NAME: value pairs whose values are text. */
  stringMap(node: unknown, path: string): Record<string, SourceText> {
    const out: Record<string, SourceText> = {};
    for (const { key, value, keyNode } of this.entries(this.map(node, path), path)) {
      const text = this.string(value, `${path}.${key}`);
      out[key] = { text: text ?? '', line: this.position(value ?? keyNode).line };
    }
    return out;
  }
}

/** A scalar as text: quoted strings as parsed, plain scalars exactly as written. */
export function scalarText(node: Node): string {
  if (!isScalar(node)) return '';
  if (typeof node.value === 'string') return node.value;
  return node.source ?? String(node.value);
}

export function describeNode(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'an empty value' : `"${scalarText(node)}"`;
  return 'an unsupported value';
}
