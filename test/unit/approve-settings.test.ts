import { describe, expect, it } from '@jest/globals';
import { defaultSummary, parseApproveSettings } from '../../src/codepipeline/approve-settings.js';
import { APPROVE_OPTIONS } from '../../src/codepipeline/pipeline-options.js';
import { UsageError, UserError } from '../../src/util/errors.js';
import {
  RUN_COMMIT,
  optionReader,
  parseSettings,
  type SettingsContext,
} from '../helpers/option-reader.js';

const SHA = RUN_COMMIT;
const UUID = '4c1e4a2e-6f55-4f7a-9d4b-0b8e2c3a1d77';
const GITHUB = {
  AWS_REGION: 'eu-west-1',
  GITHUB_ACTOR: 'octocat',
  GITHUB_SERVER_URL: 'https://github.example.com',
  GITHUB_REPOSITORY: 'octo/app',
  GITHUB_RUN_ID: '1234',
};

function settings(inputs: Record<string, string>, context: SettingsContext = {}) {
  return parseSettings(
    parseApproveSettings,
    APPROVE_OPTIONS,
    { 'pipeline-name': 'deploy', decision: 'approve', ...inputs },
    context,
  );
}

function failure(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('approve settings', () => {
  it('takes an execution id, with the documented defaults', () => {
    expect(settings({ 'execution-id': UUID })).toEqual({
      pipelineName: 'deploy',
      region: 'eu-west-1',
      execution: { kind: 'id', executionId: UUID },
      stageName: undefined,
      actionName: undefined,
      decision: 'approve',
      summary: expect.stringMatching(/^Approved/),
      waitTimeoutMs: 600_000,
      pollIntervalMs: 5_000,
    });
  });

  it('defaults to the execution of the commit under test, and takes a short sha in any case', () => {
    expect(settings({}).execution).toEqual({ kind: 'revision', revision: SHA });
    expect(settings({ 'source-revision': 'ABCDEF1' }).execution).toEqual({
      kind: 'revision',
      revision: 'abcdef1',
    });
  });

  it('reads stage, action, decision, timeouts and summary', () => {
    expect(
      settings({
        'execution-id': UUID,
        'stage-name': 'Approval',
        'action-name': 'Prod.Gate',
        decision: 'Reject',
        summary: 'No',
        'wait-timeout': '0',
        'poll-interval': '0.5',
      }),
    ).toMatchObject({
      stageName: 'Approval',
      actionName: 'Prod.Gate',
      decision: 'reject',
      summary: 'No',
      waitTimeoutMs: 0,
      pollIntervalMs: 500,
    });
    expect(settings({ decision: 'approved' }).decision).toBe('approve');
  });

  it('needs an execution id or a commit', () => {
    const error = failure(() => settings({}, { runCommit: null }));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe(
      `Which execution? Give input "execution-id" (e.g. start-pipeline's execution-id output) or input "source-revision" (the commit the execution runs): outside GitHub Actions and Bitbucket Pipelines there is no commit under test to default to.`,
    );
  });

  it('refuses both an execution id and a source revision', () => {
    const error = failure(() =>
      settings({ 'execution-id': UUID, 'source-revision': SHA }, { cli: true }),
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(/^Give --execution-id or --source-revision, not both/);
  });

  it.each([
    [
      { 'execution-id': 'latest' },
      'input "execution-id" "latest" is not a pipeline execution id: expected a UUID like',
    ],
    [
      { 'source-revision': 'main' },
      'input "source-revision" "main" is not a commit id: expected 7 to 40 hexadecimal digits',
    ],
    [
      { 'stage-name': 'My stage' },
      'input "stage-name" "My stage" is not a CodePipeline stage name',
    ],
    [{ 'action-name': 'a/b' }, 'input "action-name" "a/b" is not a CodePipeline action name'],
    [
      { decision: 'aprove' },
      'input "decision" got "aprove", which is not one of: approve, reject. Did you mean approve?',
    ],
    [{ decision: 'maybe' }, 'input "decision" got "maybe", which is not one of: approve, reject.'],
    [{ 'wait-timeout': '-1' }, 'input "wait-timeout" must be a number from 0 to 21600, got "-1".'],
    [
      { 'wait-timeout': '100000' },
      'input "wait-timeout" must be a number from 0 to 21600, got "100000".',
    ],
    [{ 'wait-timeout': 'soon' }, 'input "wait-timeout" must be a number from 0 to 21600'],
    [{ 'poll-interval': '0' }, 'input "poll-interval" must be a number from 0.1 to 300, got "0".'],
    [{ 'pipeline-name': 'my pipeline' }, 'input "pipeline-name" "my pipeline" is not a'],
  ])('refuses %j', (inputs, message) => {
    const error = failure(() => settings(inputs));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toContain(message);
  });

  it('refuses a missing decision', () => {
    const reader = optionReader(APPROVE_OPTIONS, { 'pipeline-name': 'deploy' });
    expect(() => parseApproveSettings(reader, { AWS_REGION: 'eu-west-1' }, SHA)).toThrow(
      'input "decision" is required: approve or reject.',
    );
  });

  it('refuses a summary longer than 512 characters, and takes one of 512', () => {
    expect(settings({ summary: 'x'.repeat(512) }).summary).toHaveLength(512);
    const error = failure(() => settings({ summary: 'x'.repeat(513) }, { cli: true }));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe(
      '--summary is 513 characters long; CodePipeline records at most 512 with an approval. Shorten it (a link to the run is a good summary).',
    );
  });
});

describe('the default summary', () => {
  it('in GitHub Actions names the actor and links the workflow run', () => {
    expect(settings({}, { env: GITHUB }).summary).toBe(
      'Approved by @octocat in https://github.example.com/octo/app/actions/runs/1234',
    );
    expect(settings({ decision: 'reject' }, { env: GITHUB }).summary).toBe(
      'Rejected by @octocat in https://github.example.com/octo/app/actions/runs/1234',
    );
    expect(
      defaultSummary('approve', { ...GITHUB, GITHUB_SERVER_URL: undefined, GITHUB_ACTOR: '' }),
    ).toBe('Approved in https://github.com/octo/app/actions/runs/1234');
  });

  it('in Bitbucket Pipelines links the pipeline run', () => {
    expect(
      defaultSummary('approve', {
        BITBUCKET_BUILD_NUMBER: '42',
        BITBUCKET_GIT_HTTP_ORIGIN: 'http://bitbucket.org/team/app',
      }),
    ).toBe(
      'Approved by the Bitbucket pipeline run http://bitbucket.org/team/app/pipelines/results/42',
    );
    expect(
      defaultSummary('reject', {
        BITBUCKET_BUILD_NUMBER: '42',
        BITBUCKET_REPO_FULL_NAME: 'team/app',
      }),
    ).toBe(
      'Rejected by the Bitbucket pipeline run https://bitbucket.org/team/app/pipelines/results/42',
    );
  });

  it('elsewhere names the user', () => {
    expect(defaultSummary('approve', { USER: 'dev' })).toBe(
      'Approved by dev with buildbridge approve',
    );
    expect(defaultSummary('reject', {})).toBe('Rejected with buildbridge approve');
  });
});
