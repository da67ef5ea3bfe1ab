/**
 * Keys CodeDeploy does not read (misspelt or in the wrong case: `Hooks` on EC2, `hooks` on
 * ECS), with the closest known key; values left as template placeholders; and files whose
 * platform cannot be told.
 */
import { isMap, isSeq, visit, type Scalar } from 'yaml';
import type { Rule } from '../../lint/rule.js';
import { closestName } from '../../util/closest-name.js';
import {
  ECS_SERVICE_TYPE,
  entries,
  entry,
  LAMBDA_FUNCTION_TYPE,
  startOf,
  type AppspecView,
} from './appspec-view.js';

interface KeySet {
  readonly where: string;
  readonly node: unknown;
  readonly known: readonly string[];
}

const EC2_TOP = ['version', 'os', 'files', 'permissions', 'hooks', 'file_exists_behavior'];
const RESOURCE_TOP = ['version', 'Resources', 'Hooks'];
const FILE_KEYS = ['source', 'destination'];
const PERMISSION_KEYS = [
  'object',
  'pattern',
  'except',
  'owner',
  'group',
  'mode',
  'acls',
  'context',
  'type',
];
const CONTEXT_KEYS = ['name', 'user', 'type', 'range'];
const SCRIPT_KEYS = ['location', 'timeout', 'runas'];
const RESOURCE_KEYS = ['Type', 'Properties'];
const ECS_PROPERTIES = [
  'TaskDefinition',
  'LoadBalancerInfo',
  'PlatformVersion',
  'NetworkConfiguration',
  'CapacityProviderStrategy',
];
const LOAD_BALANCER_KEYS = ['ContainerName', 'ContainerPort'];
const NETWORK_KEYS = ['AwsvpcConfiguration'];
const AWSVPC_KEYS = ['Subnets', 'SecurityGroups', 'AssignPublicIp'];
const CAPACITY_KEYS = ['Base', 'CapacityProvider', 'Weight'];
const LAMBDA_PROPERTIES = ['Name', 'Alias', 'CurrentVersion', 'TargetVersion'];

function keySets(view: AppspecView): KeySet[] {
  const sets: KeySet[] = [];
  const listOf = (node: unknown) => (isSeq(node) ? node.items : []);
  if (view.platform === 'ec2') {
    sets.push({ where: 'the top level', node: view.root, known: EC2_TOP });
    listOf(entry(view.root, 'files')?.value).forEach((item, i) =>
      sets.push({ where: `files[${i}]`, node: item, known: FILE_KEYS }),
    );
    listOf(entry(view.root, 'permissions')?.value).forEach((item, i) => {
      sets.push({ where: `permissions[${i}]`, node: item, known: PERMISSION_KEYS });
      sets.push({
        where: `permissions[${i}].context`,
        node: entry(item, 'context')?.value,
        known: CONTEXT_KEYS,
      });
    });
    for (const event of entries(entry(view.root, 'hooks')?.value))
      listOf(event.value).forEach((item, i) =>
        sets.push({ where: `hooks.${event.name}[${i}]`, node: item, known: SCRIPT_KEYS }),
      );
  } else if (view.platform === 'ecs' || view.platform === 'lambda') {
    sets.push({ where: 'the top level', node: view.root, known: RESOURCE_TOP });
    for (const resource of view.resources) {
      const where = `Resources.${resource.name}`;
      sets.push({ where, node: resource.map, known: RESOURCE_KEYS });
      if (resource.type === ECS_SERVICE_TYPE) {
        const properties = resource.properties;
        sets.push({ where: `${where}.Properties`, node: properties, known: ECS_PROPERTIES });
        sets.push({
          where: `${where}.Properties.LoadBalancerInfo`,
          node: entry(properties, 'LoadBalancerInfo')?.value,
          known: LOAD_BALANCER_KEYS,
        });
        const network = entry(properties, 'NetworkConfiguration')?.value;
        sets.push({
          where: `${where}.Properties.NetworkConfiguration`,
          node: network,
          known: NETWORK_KEYS,
        });
        sets.push({
          where: `${where}.Properties.NetworkConfiguration.AwsvpcConfiguration`,
          node: entry(network, 'AwsvpcConfiguration')?.value,
          known: AWSVPC_KEYS,
        });
        listOf(entry(properties, 'CapacityProviderStrategy')?.value).forEach((item, i) =>
          sets.push({
            where: `${where}.Properties.CapacityProviderStrategy[${i}]`,
            node: item,
            known: CAPACITY_KEYS,
          }),
        );
      } else if (resource.type === LAMBDA_FUNCTION_TYPE) {
        sets.push({
          where: `${where}.Properties`,
          node: resource.properties,
          known: LAMBDA_PROPERTIES,
        });
      }
    }
  }
  return sets;
}

export const unknownKeyRule: Rule<AppspecView> = {
  id: 'appspec/unknown-key',
  severity: 'warning',
  summary:
    'A key CodeDeploy does not read for the platform, with the closest known key (`Hooks` → `hooks` on EC2, `destinaton` → `destination`).',
  check(view, report) {
    for (const set of keySets(view)) {
      if (!isMap(set.node)) continue;
      for (const item of entries(set.node)) {
        if (set.known.includes(item.name)) continue;
        const suggestion = closestName(item.name, set.known);
        report(
          item.key,
          `"${item.name}" in ${set.where} is not a key CodeDeploy reads there.${suggestion ? ` Did you mean "${suggestion}"? (keys are case-sensitive)` : ''} Known keys: ${set.known.join(', ')}.`,
        );
      }
    }
  },
};

const MUSTACHE = /\{\{[^}]*\}\}/;
const ANGLE = /<([A-Z][A-Z0-9_]*)>/g;
/** Filled in by CodePipeline's CodeDeployToECS action (its default placeholder text). */
const PIPELINE_FILLED = new Set(['TASK_DEFINITION']);
/** Placeholders of the task definition file, which CodePipeline fills there, not in the appspec. */
const TASKDEF_ONLY = /^IMAGE\d+_NAME$/;

export const placeholderRule: Rule<AppspecView> = {
  id: 'appspec/placeholder',
  severity: 'warning',
  summary:
    "A value left as a template placeholder ({{ name }}, <NAME>) that nothing fills in; CodePipeline's <TASK_DEFINITION> is fine.",
  check(view, report) {
    visit(view.source.document, {
      Scalar(_, node: Scalar) {
        if (typeof node.value !== 'string' || !node.range) return;
        const text = node.value;
        const mustache = MUSTACHE.exec(text)?.[0];
        const angles = [...text.matchAll(ANGLE)]
          .map((m) => m[1] ?? '')
          .filter((name) => !PIPELINE_FILLED.has(name));
        const first = mustache ?? (angles[0] !== undefined ? `<${angles[0]}>` : undefined);
        if (!first) return;
        const taskdef = angles.find((name) => TASKDEF_ONLY.test(name));
        const why = taskdef
          ? ` <${taskdef}> is a placeholder of taskdef.json, which CodePipeline's CodeDeployToECS action fills there; it does not replace it in the appspec.`
          : " CodeDeploy takes the text as it is; only CodePipeline's CodeDeployToECS fills in <TASK_DEFINITION>.";
        report(
          node,
          `"${text}" still holds the placeholder ${first}.${why} Put the real value in, or fill it in the build step that creates the revision.`,
        );
      },
    });
  },
};

export const platformRule: Rule<AppspecView> = {
  id: 'appspec/platform',
  severity: 'error',
  summary:
    'An appspec for no platform: not a mapping, or neither os/files/hooks (EC2/on-premises) nor Resources (ECS, Lambda).',
  check(view, report) {
    const root = view.root;
    if (!root) {
      if (view.source.document.contents === null) return;
      report(
        view.source.document.contents,
        'The appspec is not a mapping: CodeDeploy expects top-level keys (version and os/files/hooks for EC2/on-premises, version/Resources/Hooks for ECS and Lambda).',
      );
      return;
    }
    if (view.platform === 'unknown') {
      if (root.has('Resources')) return; // appspec/resources says what is wrong there.
      report(
        startOf(view),
        'The appspec says neither what to install (os, files, hooks: EC2/on-premises) nor what to deploy (Resources with an AWS::ECS::Service or AWS::Lambda::Function): CodeDeploy has nothing to do. Add the keys of your platform.',
      );
    }
  },
};
