/**
 * Telling an appspec by its content, for files whose name says nothing (appspec-prod.yml,
 * templates): an EC2/on-premises appspec has a top-level `version` with `os`, `files` or `hooks`
 * shaped as CodeDeploy reads them; an ECS or Lambda appspec has `Resources` as a list of
 * single-key mappings with an AWS::ECS::Service or AWS::Lambda::Function. CloudFormation
 * templates also have `Resources` and those types, but as a mapping: they are not taken.
 */
import { isMap, isSeq } from 'yaml';
import type { YamlSource } from '../../lint/yaml-source.js';
import { EC2_HOOK_EVENTS } from './appspec-events.js';
import {
  ECS_SERVICE_TYPE,
  entries,
  entry,
  LAMBDA_FUNCTION_TYPE,
  resourcesOf,
  scalarString,
} from './appspec-view.js';

const TOP_LEVEL_VERSION = /^(?:version|\s*"version")\s*:/m;
const EC2_KEYS = /^(?:os|files|hooks|\s*"(?:os|files|hooks)")\s*:/m;
const RESOURCE_TYPES = /AWS::(?:ECS::Service|Lambda::Function)/;
const RESOURCES = /^(?:Resources|\s*"Resources")\s*:/m;

export function mayMatchAppspecText(text: string): boolean {
  return (
    (TOP_LEVEL_VERSION.test(text) && EC2_KEYS.test(text)) ||
    (RESOURCES.test(text) && RESOURCE_TYPES.test(text))
  );
}

export function matchesAppspecDocument(source: YamlSource): boolean {
  const root = source.document.contents;
  if (!isMap(root)) return false;
  if (
    resourcesOf(source, root).some(
      (r) => r.type === ECS_SERVICE_TYPE || r.type === LAMBDA_FUNCTION_TYPE,
    )
  )
    return true;
  if (!root.has('version')) return false;
  const os = scalarString(entry(root, 'os')?.value)?.toLowerCase();
  if (os === 'linux' || os === 'windows') return true;
  const files = entry(root, 'files')?.value;
  if (
    isSeq(files) &&
    files.items.some((item) => isMap(item) && item.has('source') && item.has('destination'))
  )
    return true;
  const hooks = entry(root, 'hooks')?.value;
  const known: readonly string[] = EC2_HOOK_EVENTS;
  return isMap(hooks) && entries(hooks).some((hook) => known.includes(hook.name));
}
