/**
 * Telling a file of this kind from another tool's file with the same name: which of the kind's
 * own top-level keys it has, and which keys and YAML tags it has instead.
 */
import { isMap, isScalar, visit } from 'yaml';
import { hasFatalYamlErrors } from './yaml-syntax-rules.js';
import type { YamlSource } from './yaml-source.js';

/**
 * Undefined when `source` has any of `ownKeys` at its top level (or does not parse, or is
 * empty: then it is a broken file of this kind); else the reason it is plainly something else.
 */
export function otherToolReason(
  source: YamlSource,
  ownKeys: readonly string[],
): string | undefined {
  if (hasFatalYamlErrors(source)) return undefined;
  const root = source.document.contents;
  if (root === null || root === undefined) return undefined;
  if (!isMap(root))
    return `its top level is ${isScalar(root) ? 'a single value' : 'a list'}, not a mapping`;
  const keys = root.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : '?'));
  if (keys.some((key) => ownKeys.includes(key))) return undefined;
  const tags = new Set<string>();
  visit(source.document, {
    Node(_, node) {
      if (node.tag && node.tag.startsWith('!') && !node.tag.startsWith('!!')) tags.add(node.tag);
    },
  });
  const shown = keys
    .slice(0, 5)
    .map((key) => JSON.stringify(key))
    .join(', ');
  const more = keys.length > 5 ? ` and ${keys.length - 5} more` : '';
  const tagText =
    tags.size > 0 ? `, and tags of another tool (${[...tags].slice(0, 3).join(', ')})` : '';
  return `it has none of ${ownKeys.map((key) => `"${key}"`).join(', ')} at its top level; its keys are ${shown}${more}${tagText}`;
}
