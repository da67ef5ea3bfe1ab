import { describe, expect, it } from '@jest/globals';
import { START_PIPELINE_OPTIONS } from '../../src/codepipeline/pipeline-options.js';
import { parseStartPipelineSettings } from '../../src/codepipeline/start-pipeline-settings.js';
import { RUN_COMMIT, parseSettings, type SettingsContext } from '../helpers/option-reader.js';

const SHA = RUN_COMMIT;
const OTHER = 'cd'.repeat(20);

function settings(inputs: Record<string, string>, context: SettingsContext = {}) {
  return parseSettings(parseStartPipelineSettings, START_PIPELINE_OPTIONS, inputs, context);
}

describe('start-pipeline settings', () => {
  it('takes a pipeline name, with the documented defaults', () => {
    expect(settings({ 'pipeline-name': 'deploy' })).toMatchObject({
      pipelineName: 'deploy',
      region: 'eu-west-1',
      variables: [],
      sourceRevisions: [],
      commit: SHA,
      wait: 'completion',
      commitStatus: true,
      stageStatuses: true,
      statusContext: 'AWS CodePipeline eu-west-1 (deploy)',
      pollIntervalMs: 5000,
      stopOnCancel: 'stop',
      failOnPipelineFailure: true,
    });
  });

  it('pins source-action to the commit under test, or to source-version', () => {
    expect(settings({ 'pipeline-name': 'deploy', 'source-action': 'Source' })).toMatchObject({
      sourceRevisions: [{ actionName: 'Source', revisionType: 'COMMIT_ID', revisionValue: SHA }],
      commit: SHA,
    });
    expect(
      settings({
        'pipeline-name': 'deploy',
        'source-action': 'Source',
        'source-version': OTHER.toUpperCase(),
      }),
    ).toMatchObject({
      sourceRevisions: [{ actionName: 'Source', revisionValue: OTHER }],
      commit: OTHER,
    });
  });

  it('refuses a source-action without a full commit to pin it to', () => {
    expect(() =>
      settings({ 'pipeline-name': 'deploy', 'source-action': 'Source' }, { runCommit: null }),
    ).toThrow(/input "source-action" pins .* there is none here: give input "source-version"/);
    expect(() =>
      settings({ 'pipeline-name': 'deploy', 'source-action': 'Source', 'source-version': 'main' }),
    ).toThrow(/full 40-character commit sha; got "main"/);
    expect(() => settings({ 'pipeline-name': 'deploy', 'source-version': SHA })).toThrow(
      /input "source-version" is the commit to pin input "source-action" to/,
    );
  });

  it('reads source-revisions and variables one per line, and the commit from a COMMIT_ID', () => {
    const parsed = settings({
      'pipeline-name': 'deploy',
      'source-revisions': `App=commit_id:${OTHER}\n# a comment\nImage=IMAGE_DIGEST:sha256:abc\n`,
      variables: 'STAGE=prod\nURL = https://x.example/?a=b\n',
    });
    expect(parsed.sourceRevisions).toEqual([
      { actionName: 'App', revisionType: 'COMMIT_ID', revisionValue: OTHER },
      { actionName: 'Image', revisionType: 'IMAGE_DIGEST', revisionValue: 'sha256:abc' },
    ]);
    expect(parsed.variables).toEqual([
      { name: 'STAGE', value: 'prod' },
      { name: 'URL', value: 'https://x.example/?a=b' },
    ]);
    expect(parsed.commit).toBe(OTHER);
  });

  it('says which line of source-revisions or variables is wrong, and what is accepted', () => {
    expect(() =>
      settings({ 'pipeline-name': 'd', 'source-revisions': 'Source=BRANCH:main' }),
    ).toThrow(
      /input "source-revisions" line 1 "Source=BRANCH:main" is not ActionName=TYPE:value with TYPE one of COMMIT_ID, IMAGE_DIGEST, S3_OBJECT_KEY, S3_OBJECT_VERSION_ID/,
    );
    expect(() =>
      settings({ 'pipeline-name': 'd', 'source-revisions': 'Source=COMMIT_ID:abc1234' }),
    ).toThrow(/COMMIT_ID must be a full 40-character commit sha, got "abc1234"/);
    expect(() =>
      settings({
        'pipeline-name': 'd',
        'source-revisions': `Source=COMMIT_ID:${SHA}\nSource=COMMIT_ID:${OTHER}`,
      }),
    ).toThrow(/gives source action Source twice \(line 2\)/);
    expect(() =>
      settings({
        'pipeline-name': 'd',
        'source-action': 'Source',
        'source-revisions': `Source=COMMIT_ID:${OTHER}`,
      }),
    ).toThrow(/"Source" is also given a revision in input "source-revisions"/);
    expect(() => settings({ 'pipeline-name': 'd', variables: 'A=1\nnot a variable' })).toThrow(
      /input "variables" line 2 "not a variable" is not NAME=value/,
    );
    expect(() => settings({ 'pipeline-name': 'd', variables: 'A=1\nA=2' })).toThrow(
      /sets A twice \(line 2\)/,
    );
  });

  it('takes wait and stop-on-cancel in their words', () => {
    expect(settings({ 'pipeline-name': 'd', wait: 'Approval' }).wait).toBe('approval');
    expect(settings({ 'pipeline-name': 'd', wait: 'none' }).wait).toBe('none');
    expect(() => settings({ 'pipeline-name': 'd', wait: 'true' })).toThrow(
      /input "wait" got "true", which is not one of: completion, approval, none/,
    );
    expect(settings({ 'pipeline-name': 'd', 'stop-on-cancel': 'abandon' }).stopOnCancel).toBe(
      'abandon',
    );
    expect(settings({ 'pipeline-name': 'd', 'stop-on-cancel': 'false' }).stopOnCancel).toBe(
      'leave',
    );
  });

  it('refuses a pipeline name CodePipeline would refuse, and needs a region', () => {
    expect(() => settings({ 'pipeline-name': 'my pipeline' })).toThrow(
      /input "pipeline-name" "my pipeline" is not a CodePipeline pipeline name/,
    );
    expect(() => settings({})).toThrow(/input "pipeline-name" is required/);
    expect(() => settings({ 'pipeline-name': 'd' }, { env: {} })).toThrow(/No AWS region/);
    expect(settings({ 'pipeline-name': 'd', region: 'us-west-2' }, { cli: true }).region).toBe(
      'us-west-2',
    );
  });

  it('derives the client request token from the run, so a retried step gets the same execution', () => {
    const env = {
      AWS_REGION: 'eu-west-1',
      GITHUB_RUN_ID: '42',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'deploy',
      GITHUB_ACTION: 'start',
      GITHUB_REPOSITORY: 'o/r',
    };
    const first = settings({ 'pipeline-name': 'd' }, { env }).clientRequestToken;
    expect(first).toMatch(/^[a-f0-9]{64}$/);
    expect(settings({ 'pipeline-name': 'd' }, { env }).clientRequestToken).toBe(first);
    expect(
      settings({ 'pipeline-name': 'd' }, { env: { ...env, GITHUB_RUN_ATTEMPT: '2' } })
        .clientRequestToken,
    ).not.toBe(first);
    expect(settings({ 'pipeline-name': 'other' }, { env }).clientRequestToken).not.toBe(first);
    expect(settings({ 'pipeline-name': 'd' }).clientRequestToken).not.toBe(
      settings({ 'pipeline-name': 'd' }).clientRequestToken,
    );
  });
});
