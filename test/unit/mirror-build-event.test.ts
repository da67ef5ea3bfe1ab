/**
 * Reading EventBridge events by shape: every sample in test/fixtures/events, events missing a
 * field (named), events of other types, and the commit and branch a build event names.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { eventCommit, readMirrorEvent, type BuildEvent } from '../../src/mirror/build-event.js';
import { branchOf } from '../../src/mirror/mirror-build.js';

const SHA = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b';
const BUILD_ARN =
  'arn:aws:codebuild:us-east-1:123456789012:build/my-app:5f0e7b2a-1c3d-4e8f-9a6b-7c2d1e0f3a4b';

type Json = Record<string, unknown>;

function sample(name: string): Json {
  return JSON.parse(
    readFileSync(new URL(`../fixtures/events/${name}.json`, import.meta.url), 'utf8'),
  ) as Json;
}

/** A sample with `change` applied to a copy of its detail. */
function withDetail(name: string, change: (detail: Json) => void): Json {
  const event = sample(name);
  const detail = { ...(event.detail as Json) };
  change(detail);
  return { ...event, detail };
}

const buildFields = {
  kind: 'build',
  region: 'us-east-1',
  projectName: 'my-app',
  buildArn: BUILD_ARN,
  buildId: 'my-app:5f0e7b2a-1c3d-4e8f-9a6b-7c2d1e0f3a4b',
  sourceType: 'GITHUB',
  sourceLocation: 'https://github.com/example-org/my-app.git',
  sourceVersion: SHA,
};

describe('readMirrorEvent on the sample events', () => {
  it.each([
    ['codebuild-build-state-in-progress', { type: 'state', status: 'IN_PROGRESS' }],
    ['codebuild-build-state-succeeded', { type: 'state', status: 'SUCCEEDED' }],
    ['codebuild-build-state-failed', { type: 'state', status: 'FAILED' }],
    ['codebuild-build-phase-change', { type: 'phase', completedPhase: 'DOWNLOAD_SOURCE' }],
    ['codebuild-build-phase-change-build', { type: 'phase', completedPhase: 'BUILD' }],
  ])('reads %s as a build event with its trigger and source', (name, trigger) => {
    expect(readMirrorEvent(sample(name))).toEqual({ ...buildFields, trigger });
  });

  it.each([
    ['codepipeline-pipeline-execution-started', 'STARTED', undefined],
    ['codepipeline-pipeline-execution-succeeded', 'SUCCEEDED', undefined],
    ['codepipeline-stage-execution-failed', 'FAILED', 'Build'],
  ])('reads %s as a pipeline event', (name, state, stage) => {
    expect(readMirrorEvent(sample(name))).toEqual({
      kind: 'pipeline',
      region: 'us-east-1',
      pipeline: 'my-app-pipeline',
      executionId: '3c5e7a9b-1d2f-4a6c-8e0b-2d4f6a8c0e1a',
      state,
      stage,
    });
  });

  it.each([
    ['codepipeline-action-execution-succeeded', 'CodePipeline Action Execution State Change'],
    ['ec2-instance-state-change', 'EC2 Instance State-change Notification'],
  ])('ignores %s, naming its type', (name, type) => {
    expect(readMirrorEvent(sample(name))).toEqual({
      kind: 'ignored',
      why: `"${type}" events are not mirrored`,
    });
  });
});

describe('readMirrorEvent on malformed events', () => {
  const STATE = 'codebuild-build-state-succeeded';
  const STAGE = 'codepipeline-stage-execution-failed';

  it.each<[string, string, (detail: Json) => void, string]>([
    [STATE, 'build-id', (d) => delete d['build-id'], 'detail.build-id'],
    [
      STATE,
      'a build id that is no ARN',
      (d) => (d['build-id'] = 'my-app:1'),
      'detail.build-id (not a build ARN)',
    ],
    [STATE, 'project-name', (d) => (d['project-name'] = ' '), 'detail.project-name'],
    [STATE, 'build-status', (d) => delete d['build-status'], 'detail.build-status'],
    [
      'codebuild-build-phase-change',
      'completed-phase',
      (d) => delete d['completed-phase'],
      'detail.completed-phase',
    ],
    [STAGE, 'pipeline', (d) => delete d.pipeline, 'detail.pipeline'],
    [STAGE, 'execution-id', (d) => (d['execution-id'] = 7), 'detail.execution-id'],
    [STAGE, 'state', (d) => delete d.state, 'detail.state'],
    [STAGE, 'stage', (d) => delete d.stage, 'detail.stage'],
  ])('names the missing field of a %s event without %s', (name, _, change, field) => {
    const event = withDetail(name, change);
    expect(readMirrorEvent(event)).toEqual({
      kind: 'malformed',
      why: `a "${String(event['detail-type'])}" event without ${field}`,
    });
  });

  it('takes a build event region from its ARN when the event has none, and names region when neither has it', () => {
    const { region: _, ...noRegion } = sample('codebuild-build-state-succeeded');
    expect(readMirrorEvent(noRegion)).toMatchObject({ kind: 'build', region: 'us-east-1' });
    const { region: __, ...pipeline } = sample('codepipeline-pipeline-execution-started');
    expect(readMirrorEvent(pipeline)).toEqual({
      kind: 'malformed',
      why: 'a "CodePipeline Pipeline Execution State Change" event without region',
    });
  });

  it('reads a build event without additional information as one with no source', () => {
    const event = withDetail('codebuild-build-state-succeeded', (d) => {
      d['additional-information'] = 'none';
    });
    expect(readMirrorEvent(event)).toMatchObject({
      kind: 'build',
      sourceType: undefined,
      sourceLocation: undefined,
      sourceVersion: undefined,
    });
  });

  it('calls an event without a detail malformed', () => {
    expect(readMirrorEvent({ 'detail-type': 'CodeBuild Build State Change' })).toEqual({
      kind: 'malformed',
      why: 'a "CodeBuild Build State Change" event without a detail',
    });
    expect(
      readMirrorEvent({ 'detail-type': 'CodeBuild Build State Change', detail: [] }),
    ).toMatchObject({ kind: 'malformed' });
  });

  it.each([null, 'text', 42, [sample('codebuild-build-state-succeeded')]])(
    'calls %p not a JSON object',
    (event) => {
      expect(readMirrorEvent(event)).toEqual({
        kind: 'malformed',
        why: 'the event is not a JSON object',
      });
    },
  );

  it('ignores an object without a detail-type', () => {
    expect(readMirrorEvent({ detail: {} })).toEqual({
      kind: 'ignored',
      why: 'the event has no detail-type: not an EventBridge event',
    });
  });
});

/**
 * A Lambda asynchronous-invocation record as the OnFailure destination sends it, its fields as
 * "Capturing records of Lambda asynchronous invocations" (AWS Lambda developer guide) shows them.
 */
const invocationRecord = (requestPayload: unknown): Json => ({
  version: '1.0',
  timestamp: '2024-05-02T10:15:30.123Z',
  requestContext: {
    requestId: 'e4b46cbf-b738-xmpl-8880-a18cdf61200e',
    functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:status-mirror:$LATEST',
    condition: 'RetriesExhausted',
    approximateInvokeCount: 3,
  },
  requestPayload,
  responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
  responsePayload: { errorType: 'UserError', errorMessage: 'GitHub answered 503' },
});

describe('readMirrorEvent on the dead-letter queue’s messages', () => {
  it('reads an event EventBridge could not deliver, which the queue keeps as it is', () => {
    expect(readMirrorEvent(sample('codebuild-build-state-failed'))).toEqual({
      ...buildFields,
      trigger: { type: 'state', status: 'FAILED' },
    });
  });

  it.each([
    [
      'codebuild-build-state-failed',
      { ...buildFields, trigger: { type: 'state', status: 'FAILED' } },
    ],
    ['codepipeline-stage-execution-failed', { kind: 'pipeline', stage: 'Build', state: 'FAILED' }],
  ])('reads a failed invocation’s record as the %s event it carries', (name, expected) => {
    expect(readMirrorEvent(invocationRecord(sample(name)))).toMatchObject(expected);
  });

  it('reads a record of a redriven record that failed again as the event inside both', () => {
    const event = sample('codebuild-build-state-failed');
    expect(readMirrorEvent(invocationRecord(invocationRecord(event)))).toEqual(
      readMirrorEvent(event),
    );
  });

  it('reads a record’s payload as any event, so an ignored or malformed one says why', () => {
    expect(readMirrorEvent(invocationRecord(sample('ec2-instance-state-change')))).toEqual({
      kind: 'ignored',
      why: '"EC2 Instance State-change Notification" events are not mirrored',
    });
    expect(readMirrorEvent(invocationRecord('text'))).toEqual({
      kind: 'malformed',
      why: 'the event is not a JSON object',
    });
  });

  it('takes an EventBridge event that happens to carry requestContext and requestPayload for itself', () => {
    const event = {
      ...sample('codebuild-build-state-succeeded'),
      requestContext: {},
      requestPayload: {},
    };
    expect(readMirrorEvent(event)).toMatchObject({
      kind: 'build',
      trigger: { status: 'SUCCEEDED' },
    });
  });

  it('unwraps only a record: requestContext alone, or requestPayload alone, is no record', () => {
    const event = sample('codebuild-build-state-succeeded');
    for (const partial of [{ requestContext: {} }, { requestPayload: event }])
      expect(readMirrorEvent(partial)).toEqual({
        kind: 'ignored',
        why: 'the event has no detail-type: not an EventBridge event',
      });
  });
});

describe('eventCommit', () => {
  const build = (sourceVersion: string | undefined): BuildEvent => ({
    ...(readMirrorEvent(sample('codebuild-build-state-succeeded')) as BuildEvent),
    sourceVersion,
  });

  it('is the source version when that is a full sha', () => {
    expect(eventCommit(build(SHA))).toBe(SHA);
  });

  it.each([undefined, 'main', 'refs/heads/main', 'pr/12', SHA.slice(0, 7)])(
    'is undefined for source version %p',
    (version) => {
      expect(eventCommit(build(version))).toBeUndefined();
    },
  );
});

describe('branchOf', () => {
  it.each([
    ['refs/heads/main', 'main'],
    ['refs/heads/feature/x', 'feature/x'],
    ['main', 'main'],
    ['release/1.2', 'release/1.2'],
  ])('reads %s as branch %s', (version, branch) => {
    expect(branchOf(version)).toBe(branch);
  });

  it.each([undefined, '', 'pr/12', SHA, SHA.toUpperCase(), 'refs/tags/v1', 'refs/pull/12/head'])(
    'names no branch for %p',
    (version) => {
      expect(branchOf(version)).toBeUndefined();
    },
  );
});
