/**
 * The batch section as the batch rules read it, once per file: the build kinds it uses and each
 * build of a build-list or build-graph with its identifier, buildspec and depend-on, as YAML
 * nodes (for positions) and as the text CodeBuild reads.
 */
import { isMap, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import type { Ranged } from '../../lint/rule.js';
import { BATCH_KINDS, type BatchKind } from './buildspec-schema.js';
import {
  entries,
  entry,
  resolved,
  scalarValue,
  sourceOf,
  type BuildspecView,
  type MappingEntry,
} from './buildspec-view.js';

/** A scalar of the batch section with the text CodeBuild reads from it. */
export interface BatchText {
  readonly text: string;
  /** The node as written (an alias, or the scalar itself): where a finding points. */
  readonly at: Ranged;
  /** e.g. `batch.build-graph[2].depend-on[0]`. */
  readonly path: string;
}

export interface BatchBuild {
  readonly kind: 'build-list' | 'build-graph';
  readonly index: number;
  /** e.g. `batch.build-graph[2]`. */
  readonly path: string;
  /** The list item as written. */
  readonly at: Ranged;
  readonly map: YAMLMap;
  readonly identifierEntry: MappingEntry | undefined;
  /** Set when the identifier is a scalar with a value. */
  readonly identifier: BatchText | undefined;
  /** No buildspec of its own (absent, empty): the build runs this file. */
  readonly runsThisFile: boolean;
  /** The scalar items of depend-on (build-graph). */
  readonly dependOn: readonly BatchText[];
}

export interface BatchKindEntry extends MappingEntry {
  readonly name: BatchKind;
}

export interface BatchSection {
  readonly map: YAMLMap;
  /** The build kinds the file uses, in source order (more than one is a mistake). */
  readonly kinds: readonly BatchKindEntry[];
  /** The builds of every build-list and build-graph, in source order. */
  readonly builds: readonly BatchBuild[];
}

const sections = new WeakMap<BuildspecView, BatchSection | null>();

export function batchSection(view: BuildspecView): BatchSection | undefined {
  let section = sections.get(view);
  if (section === undefined) {
    section = readSection(view);
    sections.set(view, section);
  }
  return section ?? undefined;
}

/** True when the batch section names a build kind: its builds, not this file alone, say what runs. */
export function declaresBatchBuilds(view: BuildspecView): boolean {
  return (batchSection(view)?.kinds.length ?? 0) > 0;
}

/**
 * The text of a scalar as CodeBuild reads it: a plain scalar as written (`01` stays `01`, not
 * the number 1), a quoted one as its value; undefined for null, collections and the rest.
 */
export function writtenText(view: BuildspecView, node: unknown): string | undefined {
  const value = resolved(view.source, node);
  const text = scalarValue(value);
  if (text === undefined || !isScalar(value)) return undefined;
  return value.type === 'PLAIN' ? (sourceOf(view.source, value)?.trim() ?? text) : text;
}

function readSection(view: BuildspecView): BatchSection | null {
  const map = resolved(view.source, entry(view.root, 'batch')?.value);
  if (!isMap(map)) return null;
  const kinds = entries(map).filter((item): item is BatchKindEntry =>
    (BATCH_KINDS as readonly string[]).includes(item.name),
  );
  const builds = kinds.flatMap((kind) =>
    kind.name === 'build-list' || kind.name === 'build-graph' ? readBuilds(view, kind) : [],
  );
  return { map, kinds, builds };
}

function readBuilds(view: BuildspecView, kind: BatchKindEntry): BatchBuild[] {
  const list = resolved(view.source, kind.value);
  if (!isSeq(list)) return [];
  const builds: BatchBuild[] = [];
  list.items.forEach((item, index) => {
    const map = resolved(view.source, item);
    if (!isMap(map)) return;
    const path = `batch.${kind.name}[${index}]`;
    const identifierEntry = entry(map, 'identifier');
    const identifierText = writtenText(view, identifierEntry?.value);
    const buildspec = resolved(view.source, entry(map, 'buildspec')?.value);
    const dependOn = resolved(view.source, entry(map, 'depend-on')?.value);
    builds.push({
      kind: kind.name as 'build-list' | 'build-graph',
      index,
      path,
      at: item as Ranged,
      map,
      identifierEntry,
      identifier:
        identifierText === undefined
          ? undefined
          : {
              text: identifierText,
              at: identifierEntry?.value as Scalar,
              path: `${path}.identifier`,
            },
      runsThisFile: isScalar(buildspec)
        ? (writtenText(view, buildspec)?.trim() ?? '') === ''
        : buildspec === null || buildspec === undefined,
      dependOn: isSeq(dependOn) ? dependOnItems(view, dependOn.items, `${path}.depend-on`) : [],
    });
  });
  return builds;
}

function dependOnItems(view: BuildspecView, items: readonly unknown[], path: string): BatchText[] {
  const result: BatchText[] = [];
  items.forEach((item, index) => {
    const text = writtenText(view, item);
    if (text !== undefined) result.push({ text, at: item as Ranged, path: `${path}[${index}]` });
  });
  return result;
}
