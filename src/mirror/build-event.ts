/**
 * The EventBridge events the status mirror takes, read by shape: CodeBuild's "Build State
 * Change" and "Build Phase Change", and CodePipeline's pipeline and stage "Execution State
 * Change". Anything else is `ignored` with the reason; a known type with missing fields is
 * `malformed`, naming the field. Nothing here trusts the event further than its shape.
 *
 * A Lambda asynchronous-invocation record (what the function's OnFailure destination puts in
 * the dead-letter queue) is read as the event it carries in `requestPayload`, so a queue
 * message's body can be redriven as it is, whichever of the two kinds it is.
 */
import { isFullSha } from '../util/commit-ids.js';

export const BUILD_STATE_CHANGE = 'CodeBuild Build State Change';
export const BUILD_PHASE_CHANGE = 'CodeBuild Build Phase Change';
export const PIPELINE_EXECUTION_STATE_CHANGE = 'CodePipeline Pipeline Execution State Change';
export const STAGE_EXECUTION_STATE_CHANGE = 'CodePipeline Stage Execution State Change';

export interface BuildEvent {
  readonly kind: 'build';
  /** State (IN_PROGRESS, SUCCEEDED, ...), or the phase that completed for a phase change. */
  readonly trigger:
    | { readonly type: 'state'; readonly status: string }
    | { readonly type: 'phase'; readonly completedPhase: string };
  readonly region: string;
  readonly projectName: string;
  /** The build's ARN, arn:aws:codebuild:REGION:ACCOUNT:build/PROJECT:UUID. */
  readonly buildArn: string;
  /** PROJECT:UUID, what BatchGetBuilds takes. */
  readonly buildId: string;
  readonly sourceType: string | undefined;
  readonly sourceLocation: string | undefined;
  /** The source version the build was started with: a commit, a branch, pr/12, refs/heads/x. */
  readonly sourceVersion: string | undefined;
}

export interface PipelineEvent {
  readonly kind: 'pipeline';
  readonly region: string;
  readonly pipeline: string;
  readonly executionId: string;
  /** STARTED, SUCCEEDED, FAILED, ... */
  readonly state: string;
  /** Set for a stage's event. */
  readonly stage: string | undefined;
}

export type MirrorEvent =
  | BuildEvent
  | PipelineEvent
  | { readonly kind: 'ignored'; readonly why: string }
  | { readonly kind: 'malformed'; readonly why: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * The event an invocation record carries: {version, timestamp, requestContext: {requestId,
 * functionArn, condition, approximateInvokeCount}, requestPayload, responseContext,
 * responsePayload}. An EventBridge event (with a detail-type) is never taken for one. A redriven
 * record that fails again comes back wrapped in another record, so records are unwrapped until
 * the event.
 */
function unwrapInvocationRecords(event: unknown): unknown {
  let inner = event;
  while (
    isObject(inner) &&
    isObject(inner.requestContext) &&
    'requestPayload' in inner &&
    !('detail-type' in inner)
  )
    inner = inner.requestPayload;
  return inner;
}

export function readMirrorEvent(input: unknown): MirrorEvent {
  const event = unwrapInvocationRecords(input);
  if (!isObject(event)) return { kind: 'malformed', why: 'the event is not a JSON object' };
  const type = text(event['detail-type']);
  const detail = event.detail;
  if (type === undefined)
    return { kind: 'ignored', why: 'the event has no detail-type: not an EventBridge event' };
  if (!isObject(detail)) return { kind: 'malformed', why: `a "${type}" event without a detail` };
  switch (type) {
    case BUILD_STATE_CHANGE:
    case BUILD_PHASE_CHANGE:
      return readBuildEvent(type, event, detail);
    case PIPELINE_EXECUTION_STATE_CHANGE:
    case STAGE_EXECUTION_STATE_CHANGE:
      return readPipelineEvent(type, event, detail);
    default:
      return { kind: 'ignored', why: `"${type}" events are not mirrored` };
  }
}

function readBuildEvent(type: string, event: Json, detail: Json): MirrorEvent {
  const buildArn = text(detail['build-id']);
  const projectName = text(detail['project-name']);
  const buildId = buildArn ? /:build\/(.+)$/.exec(buildArn)?.[1] : undefined;
  const region = text(event.region) ?? buildArn?.split(':')[3];
  const missing = !buildArn
    ? 'detail.build-id'
    : !buildId
      ? 'detail.build-id (not a build ARN)'
      : !projectName
        ? 'detail.project-name'
        : !region
          ? 'region'
          : undefined;
  if (missing || !buildArn || !buildId || !projectName || !region)
    return { kind: 'malformed', why: `a "${type}" event without ${missing}` };
  let trigger: BuildEvent['trigger'];
  if (type === BUILD_STATE_CHANGE) {
    const status = text(detail['build-status']);
    if (!status) return { kind: 'malformed', why: `a "${type}" event without detail.build-status` };
    trigger = { type: 'state', status };
  } else {
    const completedPhase = text(detail['completed-phase']);
    if (!completedPhase)
      return { kind: 'malformed', why: `a "${type}" event without detail.completed-phase` };
    trigger = { type: 'phase', completedPhase };
  }
  const info = isObject(detail['additional-information']) ? detail['additional-information'] : {};
  const source = isObject(info.source) ? info.source : {};
  return {
    kind: 'build',
    trigger,
    region,
    projectName,
    buildArn,
    buildId,
    sourceType: text(source.type),
    sourceLocation: text(source.location),
    sourceVersion: text(info['source-version']),
  };
}

function readPipelineEvent(type: string, event: Json, detail: Json): MirrorEvent {
  const pipeline = text(detail.pipeline);
  const executionId = text(detail['execution-id']);
  const state = text(detail.state);
  const region = text(event.region);
  const stage = type === STAGE_EXECUTION_STATE_CHANGE ? text(detail.stage) : undefined;
  const missing = !pipeline
    ? 'detail.pipeline'
    : !executionId
      ? 'detail.execution-id'
      : !state
        ? 'detail.state'
        : !region
          ? 'region'
          : type === STAGE_EXECUTION_STATE_CHANGE && !stage
            ? 'detail.stage'
            : undefined;
  if (missing || !pipeline || !executionId || !state || !region)
    return { kind: 'malformed', why: `a "${type}" event without ${missing}` };
  return { kind: 'pipeline', region, pipeline, executionId, state, stage };
}

/** The commit a build event names by itself: its source version, when that is a full sha. */
export function eventCommit(event: BuildEvent): string | undefined {
  return isFullSha(event.sourceVersion) ? event.sourceVersion : undefined;
}
