/**
 * ECS and Lambda appspecs name what to deploy under `Resources`: one AWS::ECS::Service with its
 * TaskDefinition and LoadBalancerInfo (ContainerName, ContainerPort), or one
 * AWS::Lambda::Function with Name, Alias, CurrentVersion and TargetVersion.
 */
import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { ReportFn, Rule } from '../../lint/rule.js';
import {
  describe,
  ECS_SERVICE_TYPE,
  entry,
  LAMBDA_FUNCTION_TYPE,
  plainText,
  scalarString,
  valueOrKey,
  type AppspecResource,
  type AppspecView,
} from './appspec-view.js';

const TYPES = [ECS_SERVICE_TYPE, LAMBDA_FUNCTION_TYPE];
const ASSIGN_PUBLIC_IP = ['ENABLED', 'DISABLED'];

export const resourcesRule: Rule<AppspecView> = {
  id: 'appspec/resources',
  severity: 'error',
  summary:
    'Resources not a list of `- Name: {Type, Properties}` entries, a Type other than AWS::ECS::Service / AWS::Lambda::Function, no Properties, or more than one resource.',
  check(view, report) {
    const resources = entry(view.root, 'Resources');
    if (!resources) return;
    if (!isSeq(resources.value)) {
      report(
        valueOrKey(resources),
        `Resources is ${describe(resources.value)}: an appspec lists one resource, "Resources:" then "- TargetService:" with Type and Properties (a CloudFormation-style mapping is not read).`,
      );
      return;
    }
    resources.value.items.forEach((item, index) => {
      if (isMap(item) && item.items.length === 1) return;
      report(
        item as Scalar,
        `Resources[${index}] is ${describe(item)}${isMap(item) ? ` with ${item.items.length} keys` : ''}: each resource is one "- Name:" mapping holding Type and Properties.`,
      );
    });
    for (const resource of view.resources) checkResource(resource, report);
    const second = view.resources[1];
    if (second)
      report(
        second.entry.key,
        `Resources has ${view.resources.length} resources: a deployment updates one ${view.platform === 'lambda' ? 'function' : 'service'}. Keep one, and use a deployment group per ${view.platform === 'lambda' ? 'function' : 'service'}.`,
      );
  },
};

function checkResource(resource: AppspecResource, report: ReportFn): void {
  const where = `Resources.${resource.name}`;
  if (!resource.map) {
    report(
      valueOrKey(resource.entry),
      `${where} is ${describe(resource.entry.value)}: a resource is a mapping with Type and Properties.`,
    );
    return;
  }
  const type = entry(resource.map, 'Type');
  if (!type || !resource.type || !TYPES.includes(resource.type)) {
    report(
      type ? valueOrKey(type) : resource.entry.key,
      `${where}.Type is ${type ? describe(type.value) : 'missing'}: CodeDeploy deploys "${ECS_SERVICE_TYPE}" (ECS) or "${LAMBDA_FUNCTION_TYPE}" (Lambda).`,
    );
  }
  if (!resource.properties)
    report(
      resource.entry.key,
      `${where} has no Properties mapping: say what to deploy (${resource.type === LAMBDA_FUNCTION_TYPE ? 'Name, Alias, CurrentVersion, TargetVersion' : 'TaskDefinition, LoadBalancerInfo'}).`,
    );
}

export const ecsPropertiesRule: Rule<AppspecView> = {
  id: 'appspec/ecs-properties',
  severity: 'error',
  summary:
    'An ECS service without TaskDefinition, LoadBalancerInfo.ContainerName or a numeric LoadBalancerInfo.ContainerPort, or an AssignPublicIp other than ENABLED / DISABLED.',
  check(view, report) {
    for (const resource of view.resources) {
      if (resource.type !== ECS_SERVICE_TYPE || !resource.properties) continue;
      const where = `Resources.${resource.name}.Properties`;
      const properties = resource.properties;
      const taskDefinition = entry(properties, 'TaskDefinition');
      if (!taskDefinition || !scalarString(taskDefinition.value))
        report(
          taskDefinition ? valueOrKey(taskDefinition) : resource.propertiesKey,
          `${where}.TaskDefinition is missing: name the task definition ARN to deploy, or "<TASK_DEFINITION>" for CodePipeline's CodeDeployToECS action to fill in.`,
        );
      const info = entry(properties, 'LoadBalancerInfo');
      if (!info || !isMap(info.value)) {
        report(
          info ? valueOrKey(info) : resource.propertiesKey,
          `${where}.LoadBalancerInfo is ${info ? describe(info.value) : 'missing'}: ECS blue/green deployments shift traffic through a load balancer. Add "LoadBalancerInfo:" with ContainerName and ContainerPort.`,
        );
      } else {
        const name = entry(info.value, 'ContainerName');
        if (!name || !scalarString(name.value))
          report(
            name ? valueOrKey(name) : info.key,
            `${where}.LoadBalancerInfo.ContainerName is missing: name the container of the task definition that receives the traffic.`,
          );
        checkPort(
          view,
          entry(info.value, 'ContainerPort'),
          `${where}.LoadBalancerInfo`,
          info.key,
          report,
        );
      }
      const assign = entry(
        entry(entry(properties, 'NetworkConfiguration')?.value, 'AwsvpcConfiguration')?.value,
        'AssignPublicIp',
      );
      const assignValue = assign && scalarString(assign.value);
      if (assign && (assignValue === undefined || !ASSIGN_PUBLIC_IP.includes(assignValue)))
        report(
          valueOrKey(assign),
          `${where}.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp is ${describe(assign.value)}: CodeDeploy accepts "ENABLED" or "DISABLED" (quote them: unquoted words like yes are YAML booleans).`,
        );
    }
  },
};

function checkPort(
  view: AppspecView,
  port: ReturnType<typeof entry>,
  where: string,
  parentKey: Scalar,
  report: ReportFn,
): void {
  if (!port) {
    report(
      parentKey,
      `${where}.ContainerPort is missing: give the container port the load balancer sends traffic to, such as "ContainerPort: 80".`,
    );
    return;
  }
  const node = port.value;
  const value = isScalar(node) ? node.value : undefined;
  if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 1 &&
    value <= 65535 &&
    plainText(view.source, node) !== undefined
  )
    return;
  if (typeof value === 'string' && /^\d+$/.test(value)) {
    report(
      node as Scalar,
      `${where}.ContainerPort is the string "${value}": CodeDeploy documents a number. Remove the quotes: "ContainerPort: ${value}".`,
      'warning',
    );
    return;
  }
  report(
    valueOrKey(port),
    `${where}.ContainerPort is ${describe(node)}: CodeDeploy expects the port number (1-65535) the container listens on, such as "ContainerPort: 80".`,
  );
}

const LAMBDA_REQUIRED = ['Name', 'Alias', 'CurrentVersion', 'TargetVersion'] as const;

export const lambdaPropertiesRule: Rule<AppspecView> = {
  id: 'appspec/lambda-properties',
  severity: 'error',
  summary:
    'A Lambda function without Name, Alias, CurrentVersion or TargetVersion (error), or with CurrentVersion equal to TargetVersion (warning: no traffic moves).',
  check(view, report) {
    for (const resource of view.resources) {
      if (resource.type !== LAMBDA_FUNCTION_TYPE || !resource.properties) continue;
      const where = `Resources.${resource.name}.Properties`;
      const properties = resource.properties;
      for (const key of LAMBDA_REQUIRED) {
        const found = entry(properties, key);
        if (found && scalarString(found.value)) continue;
        report(
          found ? valueOrKey(found) : resource.propertiesKey,
          `${where}.${key} is ${found ? describe(found.value) : 'missing'}: a Lambda deployment needs Name (the function), Alias (the alias that moves), CurrentVersion (where it points now) and TargetVersion (where it should point).`,
        );
      }
      const current = scalarString(entry(properties, 'CurrentVersion')?.value);
      const target = entry(properties, 'TargetVersion');
      if (current !== undefined && target && scalarString(target.value) === current)
        report(
          valueOrKey(target),
          `${where}.TargetVersion is ${current}, the same as CurrentVersion: the deployment moves no traffic. Publish a new version and name it as TargetVersion.`,
          'warning',
        );
    }
  },
};
