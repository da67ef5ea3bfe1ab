import { describe, expect, it } from '@jest/globals';
import type {
  ActionExecutionDetail,
  GetPipelineStateCommandOutput,
  PipelineExecutionSummary,
} from '@aws-sdk/client-codepipeline';
import {
  chooseApproval,
  pendingElsewhere,
  stateAnsweredBy,
  stateToken,
  whereIs,
} from '../../src/codepipeline/approval-choice.js';
import { executionOfRevision, revisionMatches } from '../../src/codepipeline/find-execution.js';

const MINE = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const ANY = { stageName: undefined, actionName: undefined };
const APPROVALS = [
  { stage: 'QA', action: 'Approve' },
  { stage: 'Prod', action: 'Approve' },
];

function detail(
  stage: string,
  action: string,
  status: string,
  extra: Partial<ActionExecutionDetail> & { token?: string; at?: number } = {},
): ActionExecutionDetail {
  const { token, at = 0, ...rest } = extra;
  return {
    pipelineExecutionId: MINE,
    stageName: stage,
    actionName: action,
    status: status as ActionExecutionDetail['status'],
    startTime: new Date(at * 1000),
    lastUpdateTime: new Date(at * 1000 + 500),
    input: {
      actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' },
    },
    output: { executionResult: token ? { externalExecutionId: token } : {} },
    ...rest,
  };
}

const build: ActionExecutionDetail = {
  ...detail('Build', 'Build', 'InProgress', { token: 'not-a-token' }),
  input: { actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' } },
};

describe('chooseApproval', () => {
  it('picks the one approval waiting, with its token, ignoring other actions', () => {
    expect(
      chooseApproval(
        [build, detail('QA', 'Approve', 'InProgress', { token: 't1' })],
        ANY,
        APPROVALS,
      ),
    ).toEqual({ kind: 'pending', stage: 'QA', action: 'Approve', token: 't1' });
  });

  it('says when several wait and none is named, and picks the named one', () => {
    const both = [
      detail('QA', 'Approve', 'InProgress', { token: 't1' }),
      detail('Prod', 'Approve', 'InProgress', { token: 't2' }),
    ];
    expect(chooseApproval(both, ANY, APPROVALS)).toEqual({
      kind: 'ambiguous',
      pending: [
        { stage: 'QA', action: 'Approve' },
        { stage: 'Prod', action: 'Approve' },
      ],
    });
    expect(
      chooseApproval(both, { stageName: 'Prod', actionName: undefined }, APPROVALS),
    ).toMatchObject({ kind: 'pending', stage: 'Prod', token: 't2' });
  });

  it("takes the newest run of a retried stage's approval", () => {
    expect(
      chooseApproval(
        [
          detail('QA', 'Approve', 'Failed', { at: 1, updatedBy: 'arn:aws:iam::1:user/bob' }),
          detail('QA', 'Approve', 'InProgress', { at: 2, token: 't2' }),
        ],
        ANY,
        APPROVALS,
      ),
    ).toMatchObject({ kind: 'pending', token: 't2' });
  });

  it('reports an answered approval, by whom, when none is still to come', () => {
    const answered = detail('QA', 'Approve', 'Succeeded', {
      updatedBy: 'arn:aws:iam::1:user/alice',
      output: { executionResult: { externalExecutionSummary: 'LGTM' } },
    });
    const named = { stageName: 'QA', actionName: 'Approve' };
    expect(chooseApproval([answered], named, APPROVALS)).toEqual({
      kind: 'answered',
      stage: 'QA',
      action: 'Approve',
      status: 'Succeeded',
      by: 'arn:aws:iam::1:user/alice',
      summary: 'LGTM',
    });
    // Prod's approval is still to come in this execution: keep waiting.
    expect(chooseApproval([answered], ANY, APPROVALS)).toEqual({ kind: 'none' });
    expect(chooseApproval([answered], ANY, [APPROVALS[0]!])).toMatchObject({ kind: 'answered' });
    // Unknown approvals: only a named one is known to be done.
    expect(chooseApproval([answered], ANY, undefined)).toEqual({ kind: 'none' });
  });

  it('waits when nothing has run, and leaves a missing token to the caller', () => {
    expect(chooseApproval([build], ANY, APPROVALS)).toEqual({ kind: 'none' });
    expect(chooseApproval([detail('QA', 'Approve', 'InProgress')], ANY, APPROVALS)).toMatchObject({
      kind: 'pending',
      token: undefined,
    });
  });
});

function state(
  latest: string,
  approval: { status: string; token?: string; by?: string },
  inbound?: string,
): GetPipelineStateCommandOutput {
  return {
    $metadata: {},
    stageStates: [
      {
        stageName: 'Build',
        latestExecution: { pipelineExecutionId: MINE, status: 'Succeeded' },
        actionStates: [{ actionName: 'Build', latestExecution: { status: 'Succeeded' } }],
      },
      {
        stageName: 'QA',
        ...(inbound
          ? {
              inboundExecution: {
                pipelineExecutionId: inbound,
                status: 'InProgress',
                type: 'STANDARD',
              },
            }
          : {}),
        latestExecution: {
          pipelineExecutionId: latest,
          status: approval.status === 'InProgress' ? 'InProgress' : 'Succeeded',
        },
        actionStates: [
          {
            actionName: 'Approve',
            latestExecution: {
              status: approval.status as 'InProgress',
              token: approval.token,
              lastUpdatedBy: approval.by,
            },
          },
        ],
      },
    ],
  };
}

describe('GetPipelineState cross-checks', () => {
  const ref = { stage: 'QA', action: 'Approve' };

  it('gives the token only while the stage runs this execution', () => {
    expect(stateToken(state(MINE, { status: 'InProgress', token: 't' }), MINE, ref)).toBe('t');
    expect(
      stateToken(state(OTHER, { status: 'InProgress', token: 't' }), MINE, ref),
    ).toBeUndefined();
  });

  it('finds an approval pending for another execution, and where this one is', () => {
    const busy = state(OTHER, { status: 'InProgress', token: 't' }, MINE);
    expect(pendingElsewhere(busy, MINE, ANY)).toEqual({ ...ref, executionId: OTHER });
    expect(
      pendingElsewhere(busy, MINE, { stageName: 'Prod', actionName: undefined }),
    ).toBeUndefined();
    expect(pendingElsewhere(busy, OTHER, ANY)).toBeUndefined();
    expect(whereIs(busy, MINE)).toBe('waits to enter stage QA');
    expect(whereIs(busy, OTHER)).toBe('is in stage QA');
    expect(
      pendingElsewhere(state(MINE, { status: 'InProgress', token: 't' }), MINE, ANY),
    ).toBeUndefined();
  });

  it('tells who answered, for this execution only', () => {
    const done = state(MINE, { status: 'Succeeded', by: 'arn:aws:iam::1:user/alice' });
    expect(stateAnsweredBy(done, MINE, ref)).toBe('arn:aws:iam::1:user/alice');
    expect(stateAnsweredBy(done, OTHER, ref)).toBeUndefined();
  });
});

describe('finding an execution by its source revision', () => {
  const sha = 'AbCdEf'.padEnd(40, '0');
  it('matches a full sha exactly, any case, and a short one by its start', () => {
    expect(revisionMatches(sha, sha.toLowerCase())).toBe(true);
    expect(revisionMatches(sha, 'abcdef0')).toBe(true);
    expect(revisionMatches(sha, `${sha.slice(0, 39)}1`.toLowerCase())).toBe(false);
    expect(revisionMatches(undefined, 'abcdef0')).toBe(false);
  });

  it('takes the newest execution (the first listed) of the commit', () => {
    const summaries: PipelineExecutionSummary[] = [
      {
        pipelineExecutionId: 'c',
        sourceRevisions: [{ actionName: 'Source', revisionId: 'f'.repeat(40) }],
      },
      { pipelineExecutionId: 'b', sourceRevisions: [{ actionName: 'Source', revisionId: sha }] },
      { pipelineExecutionId: 'a', sourceRevisions: [{ actionName: 'Source', revisionId: sha }] },
    ];
    expect(executionOfRevision(summaries, 'abcdef0')?.pipelineExecutionId).toBe('b');
    expect(executionOfRevision(summaries, '1234567')).toBeUndefined();
  });
});
