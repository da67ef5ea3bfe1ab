/** A pipeline execution's commit statuses, from SDK-shaped ListActionExecutions details. */
import { describe, expect, it } from '@jest/globals';
import type { ActionExecutionDetail } from '@aws-sdk/client-codepipeline';
import {
  endDescription,
  executionStatus,
  stageStatuses,
} from '../../src/codepipeline/execution-status.js';
import { stageViews, type ExecutionView } from '../../src/codepipeline/execution-view.js';
import type { PipelineShape } from '../../src/codepipeline/pipeline-shape.js';

const ID = '4c1e4a2e-6f55-4f7a-9d4b-0b8e2c3a1d77';
const URL = 'https://console/execution';
const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);
const shape: PipelineShape = {
  stages: [
    { name: 'Source', actions: ['Source'] },
    { name: 'Build', actions: ['Unit', 'Image'] },
    { name: 'Release', actions: ['Approve'] },
    { name: 'Deploy', actions: ['Deploy'] },
  ],
  state: { $metadata: {} },
};
const CATEGORY: Record<string, string> = {
  Source: 'Source',
  Unit: 'Build',
  Image: 'Build',
  Approve: 'Approval',
  Deploy: 'Deploy',
};

function detail(
  stageName: string,
  actionName: string,
  status: string,
  startS: number,
  endS: number,
  result: Record<string, string> = {},
  updatedBy?: string,
): ActionExecutionDetail {
  return {
    pipelineExecutionId: ID,
    stageName,
    actionName,
    status: status as ActionExecutionDetail['status'],
    startTime: new Date(T0 + startS * 1000),
    lastUpdateTime: new Date(T0 + endS * 1000),
    updatedBy,
    input: {
      actionTypeId: {
        category: CATEGORY[actionName] as 'Build',
        owner: 'AWS',
        provider: actionName === 'Approve' ? 'Manual' : 'CodeBuild',
        version: '1',
      },
    },
    output: { executionResult: result },
  };
}

function view(status: string, details: ActionExecutionDetail[]): ExecutionView {
  return {
    id: ID,
    status,
    execution: { pipelineExecutionId: ID, status: status as 'InProgress' },
    stages: stageViews(shape, details),
  };
}

const context = { statusContext: 'AWS CodePipeline us-east-1 (web)', url: URL, now: T0 + 600_000 };

describe('pipeline execution statuses', () => {
  it('posts a status for each stage reached, pending while it runs', () => {
    const statuses = stageStatuses(
      view('InProgress', [
        detail('Source', 'Source', 'Succeeded', 0, 5),
        detail('Build', 'Unit', 'Succeeded', 6, 60),
        detail('Build', 'Image', 'InProgress', 6, 30),
      ]),
      context,
      new Set(),
    );
    expect([...statuses.values()]).toEqual([
      {
        state: 'success',
        name: 'AWS CodePipeline us-east-1 (web) / Source',
        url: URL,
        description: 'Succeeded in 5s',
      },
      {
        state: 'pending',
        name: 'AWS CodePipeline us-east-1 (web) / Build',
        url: URL,
        description: 'In progress: Image',
      },
    ]);
  });

  it('says a stage waits to be entered, and that an approval waits', () => {
    const waiting = stageStatuses(
      view('InProgress', [
        detail('Source', 'Source', 'Succeeded', 0, 5),
        detail('Build', 'Unit', 'Succeeded', 6, 60),
        detail('Build', 'Image', 'Succeeded', 6, 70),
      ]),
      context,
      new Set(),
    );
    expect(waiting.get('Release')).toMatchObject({
      state: 'pending',
      description: 'Waiting to enter Release',
    });
    const approval = view('InProgress', [
      detail('Source', 'Source', 'Succeeded', 0, 5),
      detail('Build', 'Unit', 'Succeeded', 6, 60),
      detail('Build', 'Image', 'Succeeded', 6, 70),
      detail('Release', 'Approve', 'InProgress', 71, 71, { externalExecutionId: 'token' }),
    ]);
    expect(stageStatuses(approval, context, new Set()).get('Release')).toMatchObject({
      state: 'pending',
      description: 'Waiting for approval: Approve',
    });
    expect(executionStatus(approval, context)).toMatchObject({
      state: 'pending',
      name: 'AWS CodePipeline us-east-1 (web)',
      description: 'Waiting for approval in Release (Approve)',
    });
  });

  it("names a failed stage's action and summary, and links the action's own page", () => {
    const failed = view('Failed', [
      detail('Source', 'Source', 'Succeeded', 0, 5),
      detail('Build', 'Unit', 'Failed', 6, 190, {
        externalExecutionSummary: 'Build terminated with state: FAILED',
        externalExecutionUrl: 'https://console/build/web:1',
      }),
      detail('Build', 'Image', 'Succeeded', 6, 70),
    ]);
    expect(stageStatuses(failed, context, new Set()).get('Build')).toEqual({
      state: 'failure',
      name: 'AWS CodePipeline us-east-1 (web) / Build',
      url: 'https://console/build/web:1',
      description: 'Unit (CodeBuild) failed: Build terminated with state: FAILED',
    });
    expect(executionStatus(failed, context)).toMatchObject({
      state: 'failure',
      url: 'https://console/build/web:1',
      description:
        'Execution 4c1e4a2e failed in Build after 3m 10s: Unit (CodeBuild) failed: Build terminated with state: FAILED',
    });
  });

  it('says who rejected an approval', () => {
    const rejected = view('Failed', [
      detail('Source', 'Source', 'Succeeded', 0, 5),
      detail('Build', 'Unit', 'Succeeded', 6, 60),
      detail('Build', 'Image', 'Succeeded', 6, 70),
      detail(
        'Release',
        'Approve',
        'Failed',
        71,
        80,
        { externalExecutionSummary: 'not today' },
        'arn:aws:iam::123456789012:user/alice',
      ),
    ]);
    expect(stageStatuses(rejected, context, new Set()).get('Release')?.description).toBe(
      'Approve rejected by alice: not today',
    );
  });

  it('ends every stage it posted when the execution ends early, saying why', () => {
    const superseded = view('Superseded', [
      detail('Source', 'Source', 'Succeeded', 0, 5),
      detail('Build', 'Unit', 'Succeeded', 6, 60),
      detail('Build', 'Image', 'Succeeded', 6, 70),
    ]);
    const note = 'superseded by execution 9f8e7d6c of commit abcdef012345 at Release';
    const statuses = stageStatuses(superseded, { ...context, endNote: note }, new Set(['Release']));
    expect(statuses.get('Release')).toMatchObject({
      state: 'stopped',
      description: `Execution 4c1e4a2e superseded after 1m 10s: ${note}`,
    });
    expect(statuses.has('Deploy')).toBe(false);
  });

  it('ends a running stage with the run when the run is cancelled', () => {
    const running = view('InProgress', [
      detail('Source', 'Source', 'Succeeded', 0, 5),
      detail('Build', 'Unit', 'InProgress', 6, 6),
    ]);
    const ending = { state: 'stopped' as const, why: 'Stopped: the run was cancelled' };
    const statuses = stageStatuses(running, { ...context, ending }, new Set(['Source', 'Build']));
    expect(statuses.get('Build')).toMatchObject(
      ending && { state: 'stopped', description: ending.why },
    );
    expect(statuses.get('Source')).toMatchObject({ state: 'success' });
    expect(
      endDescription(view('Succeeded', [detail('Source', 'Source', 'Succeeded', 0, 65)]), context),
    ).toBe('Execution 4c1e4a2e succeeded after 1m 5s');
  });
});
