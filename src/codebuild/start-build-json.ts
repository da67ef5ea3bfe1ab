/**
 * Parses start-build-json: a JSON object merged into the StartBuild request. Syntax errors say
 * where (line and column); unknown top-level fields are refused since CodeBuild would reject
 * them only after the workflow has waited for credentials.
 */
import { UserError } from '../util/errors.js';

/** StartBuild request fields (CodeBuild API reference). */
const START_BUILD_FIELDS = [
  'projectName',
  'secondarySourcesOverride',
  'secondarySourcesVersionOverride',
  'sourceVersion',
  'artifactsOverride',
  'secondaryArtifactsOverride',
  'environmentVariablesOverride',
  'sourceTypeOverride',
  'sourceLocationOverride',
  'sourceAuthOverride',
  'gitCloneDepthOverride',
  'gitSubmodulesConfigOverride',
  'buildspecOverride',
  'insecureSslOverride',
  'reportBuildStatusOverride',
  'buildStatusConfigOverride',
  'environmentTypeOverride',
  'imageOverride',
  'computeTypeOverride',
  'certificateOverride',
  'cacheOverride',
  'serviceRoleOverride',
  'privilegedModeOverride',
  'timeoutInMinutesOverride',
  'queuedTimeoutInMinutesOverride',
  'encryptionKeyOverride',
  'idempotencyToken',
  'logsConfigOverride',
  'registryCredentialOverride',
  'imagePullCredentialsTypeOverride',
  'debugSessionEnabled',
  'fleetOverride',
  'autoRetryLimitOverride',
] as const;

/** StartBuildBatch request fields (CodeBuild API reference). */
const START_BUILD_BATCH_FIELDS = [
  'projectName',
  'secondarySourcesOverride',
  'secondarySourcesVersionOverride',
  'sourceVersion',
  'artifactsOverride',
  'secondaryArtifactsOverride',
  'environmentVariablesOverride',
  'sourceTypeOverride',
  'sourceLocationOverride',
  'sourceAuthOverride',
  'gitCloneDepthOverride',
  'gitSubmodulesConfigOverride',
  'buildspecOverride',
  'insecureSslOverride',
  'reportBuildBatchStatusOverride',
  'environmentTypeOverride',
  'imageOverride',
  'computeTypeOverride',
  'certificateOverride',
  'cacheOverride',
  'serviceRoleOverride',
  'privilegedModeOverride',
  'buildTimeoutInMinutesOverride',
  'queuedTimeoutInMinutesOverride',
  'encryptionKeyOverride',
  'idempotencyToken',
  'logsConfigOverride',
  'registryCredentialOverride',
  'imagePullCredentialsTypeOverride',
  'buildBatchConfigOverride',
  'debugSessionEnabled',
] as const;

/** StartBuild's names for the StartBuildBatch fields that are called otherwise there. */
const BATCH_NAMES: Readonly<Record<string, string>> = {
  timeoutInMinutesOverride: 'buildTimeoutInMinutesOverride',
  reportBuildStatusOverride: 'reportBuildBatchStatusOverride',
};

export type StartApi = 'StartBuild' | 'StartBuildBatch';

export function parseStartBuildJson(
  text: string | undefined,
  label: string,
  api: StartApi = 'StartBuild',
): Record<string, unknown> {
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${label} is not valid JSON: ${describeSyntaxError(text, error)}.`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UserError(
      `${label} must be a JSON object like {"timeoutInMinutesOverride": 30}, got ${Array.isArray(parsed) ? 'an array' : JSON.stringify(parsed)}.`,
    );
  }
  const fields: readonly string[] =
    api === 'StartBuild' ? START_BUILD_FIELDS : START_BUILD_BATCH_FIELDS;
  const request: Record<string, unknown> = {};
  for (const [given, value] of Object.entries(parsed)) {
    const key = api === 'StartBuildBatch' ? (BATCH_NAMES[given] ?? given) : given;
    if (!fields.includes(key)) {
      throw new UserError(
        `${label} has the field "${given}", which ${api} does not take${api === 'StartBuildBatch' && START_BUILD_FIELDS.includes(given as never) ? ' (a batch build does not have it)' : ''}. Fields it takes: ${fields.join(', ')}.`,
      );
    }
    request[key] = value;
  }
  return request;
}

function describeSyntaxError(text: string, error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error))
    .replace(/ in JSON at position.*$/, '')
    .replace(/, (\.\.\.)?".*" is not valid JSON$/, '');
  const offset = errorOffset(text);
  if (offset === undefined) return message;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${message} at line ${line}, column ${column}`;
}

/**
 * Offset of the first character JSON.parse rejects. V8 reports a position for some errors and
 * not for others ("Unexpected token"), so find the shortest prefix that fails for a reason other
 * than ending early. Inputs are small, so the quadratic scan is fine.
 */
function errorOffset(text: string): number | undefined {
  for (let length = 1; length <= text.length; length++) {
    try {
      JSON.parse(text.slice(0, length));
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      if (/end of JSON input|Unterminated string/.test(message)) continue;
      const position = /at position (\d+)/.exec(message);
      if (position) {
        const at = Number(position[1]);
        if (at >= length) continue;
        return at;
      }
      return length - 1;
    }
  }
  return undefined;
}
