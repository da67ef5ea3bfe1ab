/**
 * The parts of a buildspec's YAML tree that the rules look at, found once per file: the root
 * mapping, each phase, every command with its phase, block and index, and the shell CodeBuild
 * will run the commands with. Rules read nodes (for positions), never a converted object.
 */
import { isAlias, isMap, isScalar, isSeq, visit, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { scalarText, type ScalarText } from '../../lint/scalar-text.js';
import type { YamlSource } from '../../lint/yaml-source.js';

/** sh = dash on Ubuntu images, bash on Amazon Linux; 'windows' = PowerShell or cmd.exe. */
export type ShellKind = 'sh' | 'bash' | 'windows' | 'other';

export interface MappingEntry {
  readonly name: string;
  readonly key: Scalar;
  /** The value node; null/undefined for `key:` with nothing after it. */
  readonly value: unknown;
  readonly pair: Pair;
}

export interface PhaseEntry extends MappingEntry {
  /** The phase's mapping, when it is one. */
  readonly map: YAMLMap | undefined;
}

export interface CommandEntry {
  readonly phase: string;
  readonly block: 'commands' | 'finally';
  /** 0-based, as CodeBuild counts in "Expected Commands[2] to be of string type". */
  readonly index: number;
  /**
   * The sequence item as parsed (an alias already resolved to its anchor's node): a Scalar, or a
   * mapping, a list or an unresolvable alias when YAML misread the command.
   */
  readonly node: unknown;
  /** Set when the item is a string: its value and the map back to file offsets. */
  readonly text: ScalarText | undefined;
}

export interface BuildspecView {
  readonly source: YamlSource;
  readonly root: YAMLMap | undefined;
  readonly phases: readonly PhaseEntry[];
  readonly commands: readonly CommandEntry[];
  readonly shell: ShellKind;
  /** Anchors some alias refers to: reuse on purpose, not a `&` typed at a command's start. */
  readonly aliasedAnchors: ReadonlySet<string>;
}

export function buildspecView(source: YamlSource): BuildspecView {
  const contents = source.document.contents;
  const root = isMap(contents) ? contents : undefined;
  const phasesMap = mapAt(root, 'phases');
  const phases = entries(phasesMap).map((entry) => ({
    ...entry,
    map: isMap(entry.value) ? entry.value : undefined,
  }));
  const commands = phases.flatMap((phase) => phaseCommands(source, phase));
  return {
    source,
    root,
    phases,
    commands,
    shell: shellOf(root, commands),
    aliasedAnchors: aliasedAnchors(source),
  };
}

/** The scalar-keyed entries of a mapping, in source order. */
export function entries(node: unknown): MappingEntry[] {
  if (!isMap(node)) return [];
  const result: MappingEntry[] = [];
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue;
    result.push({ name: String(pair.key.value), key: pair.key, value: pair.value, pair });
  }
  return result;
}

/** The entry named `name` in a mapping (the first one, when duplicated). */
export function entry(node: unknown, name: string): MappingEntry | undefined {
  return entries(node).find((candidate) => candidate.name === name);
}

/** Follows keys from `node` down through mappings. */
export function mapAt(node: unknown, ...path: string[]): YAMLMap | undefined {
  let current: unknown = node;
  for (const name of path) current = entry(current, name)?.value;
  return isMap(current) ? current : undefined;
}

/** A scalar's value as text (numbers and booleans too), or undefined for null, collections and the rest. */
export function scalarValue(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;
}

/** The source text of a node as written, e.g. `0755` for a value YAML read as 493. */
export function sourceOf(source: YamlSource, node: unknown): string | undefined {
  const range = (node as { range?: [number, number, number] | null } | null)?.range;
  return range ? source.text.slice(range[0], range[1]) : undefined;
}

/** The node an alias points at (YAML reuse with &anchor / *alias), or the node itself. */
export function resolved(source: YamlSource, node: unknown): unknown {
  return isAlias(node) ? (node.resolve(source.document) ?? node) : node;
}

function aliasedAnchors(source: YamlSource): Set<string> {
  const names = new Set<string>();
  if (!source.text.includes('*')) return names;
  visit(source.document, {
    Alias(_, alias) {
      names.add(alias.source);
    },
  });
  return names;
}

function phaseCommands(source: YamlSource, phase: PhaseEntry): CommandEntry[] {
  const result: CommandEntry[] = [];
  for (const block of ['commands', 'finally'] as const) {
    const list = resolved(source, entry(phase.map, block)?.value);
    if (!isSeq(list)) continue;
    list.items.forEach((item, index) => {
      const node = resolved(source, item);
      result.push({ phase: phase.name, block, index, node, text: scalarText(source.text, node) });
    });
  }
  return result;
}

/** PowerShell cmdlets (Verb-Noun) and $env: mark a Windows buildspec even without env.shell. */
const POWERSHELL =
  /\$env:|\b(?:Write|Get|Set|New|Remove|Copy|Move|Invoke|Test|Start|Stop|Import|Export|Out|Select|Expand|Compress|Add)-[A-Z][A-Za-z]+/;

function shellOf(root: YAMLMap | undefined, commands: readonly CommandEntry[]): ShellKind {
  const name = scalarValue(entry(mapAt(root, 'env'), 'shell')?.value)
    ?.trim()
    .toLowerCase();
  if (name === undefined) {
    return commands.some((command) => command.text && POWERSHELL.test(command.text.value))
      ? 'windows'
      : 'sh';
  }
  if (name === 'bash' || name.endsWith('/bash')) return 'bash';
  if (name === 'sh' || name.endsWith('/sh')) return 'sh';
  if (/^(powershell|pwsh|cmd)(\.exe)?$/.test(name)) return 'windows';
  return 'other';
}
