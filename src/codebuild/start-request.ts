/**
 * The StartBuild request for run-build's settings: start-build-json is the base, the dedicated
 * options override it, and env-vars replace same-named variables from the JSON.
 */
import type { EnvironmentVariable, StartBuildCommandInput } from '@aws-sdk/client-codebuild';
import type { RunBuildSettings } from './run-build-settings.js';

export function startBuildRequest(settings: RunBuildSettings): StartBuildCommandInput {
  const base = settings.startBuildJson as Partial<StartBuildCommandInput>;
  const request: StartBuildCommandInput = {
    ...base,
    projectName: settings.projectName,
    idempotencyToken: base.idempotencyToken ?? settings.idempotencyToken,
  };
  if (settings.sourceVersion !== undefined) request.sourceVersion = settings.sourceVersion;
  if (settings.buildspecOverride !== undefined)
    request.buildspecOverride = settings.buildspecOverride;
  if (settings.imageOverride !== undefined) request.imageOverride = settings.imageOverride;
  if (settings.computeTypeOverride !== undefined)
    request.computeTypeOverride = settings.computeTypeOverride;
  if (settings.environmentTypeOverride !== undefined)
    request.environmentTypeOverride = settings.environmentTypeOverride;
  const variables = mergeVariables(base.environmentVariablesOverride ?? [], settings.envVars);
  if (variables.length > 0) request.environmentVariablesOverride = variables;
  return request;
}

function mergeVariables(
  first: readonly EnvironmentVariable[],
  second: readonly EnvironmentVariable[],
): EnvironmentVariable[] {
  const names = new Set(second.map((variable) => variable.name));
  return [...first.filter((variable) => !names.has(variable.name)), ...second];
}
