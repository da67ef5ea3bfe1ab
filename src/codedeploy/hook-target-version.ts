/**
 * Which version of a Lambda function a deployment shifts traffic to, read from the deployment's
 * revision: an AppSpec given inline (revisionType AppSpecContent, or String), JSON or YAML, whose
 * `Resources` list maps a name to `{Type: AWS::Lambda::Function, Properties: {Name, Alias,
 * CurrentVersion, TargetVersion}}`.
 */
import { parse } from 'yaml';

/** The parts of GetDeployment's deploymentInfo the hook reads. */
export interface DeploymentFacts {
  readonly computePlatform?: string;
  readonly revision?: {
    readonly revisionType?: string;
    readonly appSpecContent?: { readonly content?: string };
    readonly string?: { readonly content?: string };
  };
}

export type TargetVersion =
  | { readonly kind: 'found'; readonly version: string; readonly resource: string }
  | { readonly kind: 'missing'; readonly reason: string };

interface LambdaResource {
  readonly key: string;
  readonly name?: string;
  readonly targetVersion?: string;
}

function lambdaResources(appspec: unknown): LambdaResource[] {
  const resources = (appspec as { Resources?: unknown } | null)?.Resources;
  if (!Array.isArray(resources)) return [];
  const found: LambdaResource[] = [];
  for (const entry of resources as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    for (const [key, resource] of Object.entries(entry as Record<string, unknown>)) {
      const { Type, Properties } = (resource ?? {}) as { Type?: unknown; Properties?: unknown };
      if (Type !== 'AWS::Lambda::Function') continue;
      const properties = (Properties ?? {}) as { Name?: unknown; TargetVersion?: unknown };
      found.push({
        key,
        ...(typeof properties.Name === 'string' ? { name: properties.Name } : {}),
        ...(typeof properties.TargetVersion === 'string' ||
        typeof properties.TargetVersion === 'number'
          ? { targetVersion: String(properties.TargetVersion) }
          : {}),
      });
    }
  }
  return found;
}

/** The function's bare name, from a name, a partial ARN or a full ARN (with or without a qualifier). */
export function bareFunctionName(nameOrArn: string): string {
  const parts = nameOrArn.split(':');
  const at = parts.indexOf('function');
  if (at >= 0 && parts[at + 1]) return parts[at + 1] as string;
  return parts[0] as string;
}

/**
 * The TargetVersion for `functionName`: the Lambda resource whose Name is that function, else the
 * only (or first) Lambda resource of the AppSpec.
 */
export function targetVersionOf(deployment: DeploymentFacts, functionName: string): TargetVersion {
  const revision = deployment.revision;
  const content =
    revision?.revisionType === 'AppSpecContent'
      ? revision.appSpecContent?.content
      : revision?.revisionType === 'String'
        ? revision.string?.content
        : undefined;
  if (content === undefined)
    return {
      kind: 'missing',
      reason: `the deployment's revision is ${revision?.revisionType ?? 'not given'}, not an AppSpec given inline (AppSpecContent or String), so its TargetVersion cannot be read`,
    };
  let appspec: unknown;
  try {
    appspec = parse(content);
  } catch (error) {
    return {
      kind: 'missing',
      reason: `the deployment's AppSpec is neither JSON nor YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    };
  }
  const resources = lambdaResources(appspec);
  const wanted = bareFunctionName(functionName);
  const resource =
    // Only the resource of that function: another function's TargetVersion is not its version.
    resources.find((r) => r.name !== undefined && bareFunctionName(r.name) === wanted);
  if (!resource)
    return {
      kind: 'missing',
      reason: `the deployment's AppSpec has no AWS::Lambda::Function resource named ${wanted}`,
    };
  if (resource.targetVersion === undefined || resource.targetVersion === '')
    return {
      kind: 'missing',
      reason: `the AppSpec resource ${resource.key} has no Properties.TargetVersion`,
    };
  return { kind: 'found', version: resource.targetVersion, resource: resource.key };
}
