/**
 * The parts of an appspec's YAML tree the rules look at, found once per file: the root mapping,
 * the platform the file is written for (EC2/on-premises, ECS or Lambda), its `os`, its Resources
 * and its hooks. Rules read nodes (for positions), never a converted object. JSON appspecs come
 * through the same YAML parser.
 */
import { isMap, isScalar, isSeq, Scalar, type YAMLMap } from 'yaml';
import {
  entries,
  entry,
  resolved,
  sourceOf,
  type MappingEntry,
} from '../../buildspec/lint/buildspec-view.js';
import type { YamlSource } from '../../lint/yaml-source.js';
import type { RevisionFiles } from './revision-files.js';
import { basename, dirname } from 'node:path';

export { entries, entry, sourceOf, type MappingEntry };

/** 'unknown' = neither os/files nor Resources: the platform cannot be told. */
export type AppspecPlatform = 'ec2' | 'ecs' | 'lambda' | 'unknown';

export const ECS_SERVICE_TYPE = 'AWS::ECS::Service';
export const LAMBDA_FUNCTION_TYPE = 'AWS::Lambda::Function';

export interface AppspecResource {
  /** The resource's name, e.g. TargetService or myLambdaFunction. */
  readonly name: string;
  readonly entry: MappingEntry;
  /** The resource's own mapping (Type, Properties). */
  readonly map: YAMLMap | undefined;
  readonly type: string | undefined;
  readonly properties: YAMLMap | undefined;
  /** Where to point when a property is missing: the Properties key, else the resource's name. */
  readonly propertiesKey: Scalar;
}

export interface AppspecView {
  readonly source: YamlSource;
  readonly root: YAMLMap | undefined;
  readonly platform: AppspecPlatform;
  /** `os` as written, for EC2/on-premises files. */
  readonly os: string | undefined;
  readonly resources: readonly AppspecResource[];
  /** Where the revision's files are, when the appspec was found on disk. */
  readonly revision: Revision | undefined;
}

export interface Revision {
  /** The folder holding the appspec: the revision root CodeDeploy runs scripts from. */
  readonly root: string;
  /**
   * True when the file is named appspec.yml / appspec.yaml (CodeDeploy reads it at the bundle's
   * root); false for other names (templates, per-environment copies), which some build step
   * copies into place, so where the scripts will be is not certain.
   */
  readonly certain: boolean;
  readonly files: RevisionFiles;
}

export function appspecView(source: YamlSource, files?: RevisionFiles): AppspecView {
  const contents = source.document.contents;
  const root = isMap(contents) ? contents : undefined;
  const resources = resourcesOf(source, root);
  const os = scalarString(entry(root, 'os')?.value);
  const located = files?.locate(source.path, source.text);
  const revision =
    files && located
      ? { root: dirname(located), certain: /^appspec\.ya?ml$/i.test(basename(located)), files }
      : undefined;
  return { source, root, platform: platformOf(root, resources), os, resources, revision };
}

/** The entries of Resources: a list of single-key mappings (`- TargetService: {...}`). */
export function resourcesOf(source: YamlSource, root: unknown): AppspecResource[] {
  const list = resolved(source, entry(root, 'Resources')?.value);
  if (!isSeq(list)) return [];
  const result: AppspecResource[] = [];
  for (const item of list.items) {
    for (const resource of entries(resolved(source, item))) {
      const value = resolved(source, resource.value);
      const map = isMap(value) ? value : undefined;
      const propertiesEntry = entry(map, 'Properties');
      const properties = resolved(source, propertiesEntry?.value);
      result.push({
        name: resource.name,
        entry: resource,
        map,
        type: scalarString(entry(map, 'Type')?.value),
        properties: isMap(properties) ? properties : undefined,
        propertiesKey: propertiesEntry?.key ?? resource.key,
      });
    }
  }
  return result;
}

function platformOf(
  root: YAMLMap | undefined,
  resources: readonly AppspecResource[],
): AppspecPlatform {
  if (resources.some((resource) => resource.type === ECS_SERVICE_TYPE)) return 'ecs';
  if (resources.some((resource) => resource.type === LAMBDA_FUNCTION_TYPE)) return 'lambda';
  if (!root) return 'unknown';
  if (['os', 'files', 'hooks', 'permissions'].some((key) => root.has(key))) return 'ec2';
  return 'unknown';
}

/** A scalar's value as text when it is a string, number or boolean. */
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;
}

/** The source text of an unquoted scalar, or undefined for anything else. */
export function plainText(source: YamlSource, node: unknown): string | undefined {
  if (!isScalar(node) || node.type !== Scalar.PLAIN) return undefined;
  return sourceOf(source, node)?.trim();
}

/** Where to point at an entry: its value when there is one, else its key. */
export function valueOrKey(item: MappingEntry): { range?: [number, number, number] | null } {
  const value = item.value as { range?: [number, number, number] | null } | null | undefined;
  return value?.range ? value : item.key;
}

/** A short description of a node for messages: "a list", "a mapping", "the number 5". */
export function describe(node: unknown): string {
  if (node === null || node === undefined) return 'empty';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (node.value === null) return 'empty';
    if (typeof node.value === 'number') return `the number ${String(node.value)}`;
    if (typeof node.value === 'boolean') return `the boolean ${String(node.value)}`;
    return JSON.stringify(node.value);
  }
  return 'something else';
}

/** Where to report something missing from the whole file: its first key, or its first character. */
export function startOf(view: AppspecView): { range?: [number, number, number] | null } {
  const first = view.root?.items[0]?.key as { range?: [number, number, number] | null } | undefined;
  if (first?.range) return first;
  const start = view.root?.range?.[0] ?? 0;
  return { range: [start, start + 1, start + 1] };
}
