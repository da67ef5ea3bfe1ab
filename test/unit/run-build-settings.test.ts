import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRunBuildInputs } from '../../src/codebuild/run-build-inputs.js';
import { RUN_BUILD_OPTIONS } from '../../src/codebuild/run-build-options.js';
import {
  parseRunBuildSettings,
  type RunBuildEnvironment,
} from '../../src/codebuild/run-build-settings.js';
import { startBuildRequest } from '../../src/codebuild/start-request.js';
import { OptionReader, mapSource } from '../../src/util/options.js';

const actionSpecs = RUN_BUILD_OPTIONS.filter((spec) => !spec.cliOnly);
const env = {
  AWS_REGION: 'eu-west-1',
  GITHUB_RUN_ID: '42',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_JOB: 'build',
  GITHUB_ACTION: '__self',
  GITHUB_REPOSITORY: 'o/r',
};

function settings(inputs: Record<string, string>, run: Partial<RunBuildEnvironment> = {}) {
  return parseRunBuildSettings(new OptionReader(actionSpecs, mapSource(inputs)), {
    env,
    eventCommit: 'a'.repeat(40),
    untrustedHead: undefined,
    ...run,
  });
}

function eventFile(payload: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json');
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

describe('run-build settings', () => {
  it('applies the documented defaults', () => {
    const parsed = settings({ 'project-name': 'my-project' });
    expect(parsed).toMatchObject({
      projectName: 'my-project',
      region: 'eu-west-1',
      sourceVersion: 'a'.repeat(40),
      wait: true,
      logs: true,
      commitStatus: true,
      statusContext: 'AWS CodeBuild eu-west-1 (my-project)',
      pollIntervalMs: 5000,
      stopOnCancel: true,
      failOnBuildFailure: true,
    });
  });

  it('reads batch, batch-report, logs: live, pr-comment and check-run', () => {
    expect(settings({ 'project-name': 'web' })).toMatchObject({
      batch: false,
      batchReport: 'individual',
      liveLogs: false,
      prComment: false,
      checkRun: false,
    });
    expect(
      settings({
        'project-name': 'web',
        batch: 'true',
        'batch-report': 'Aggregated',
        logs: 'live',
        'pr-comment': 'true',
        'check-run': 'true',
      }),
    ).toMatchObject({
      batch: true,
      batchReport: 'aggregated',
      logs: true,
      liveLogs: true,
      prComment: true,
      checkRun: true,
    });
    expect(settings({ 'project-name': 'web', logs: 'false' })).toMatchObject({
      logs: false,
      liveLogs: false,
    });
    expect(() => settings({ 'project-name': 'web', 'batch-report': 'each' })).toThrow(
      'input "batch-report" got "each", which is not one of: individual, aggregated',
    );
  });

  it('requires project-name', () => {
    expect(() => settings({})).toThrow('input "project-name" is required');
  });

  it('derives the same idempotency token for the same run, attempt, job and step', () => {
    expect(settings({ 'project-name': 'p1' }).idempotencyToken).toBe(
      settings({ 'project-name': 'p1' }).idempotencyToken,
    );
    const other = parseRunBuildSettings(
      new OptionReader(actionSpecs, mapSource({ 'project-name': 'p1' })),
      {
        env: { ...env, GITHUB_RUN_ATTEMPT: '2' },
        eventCommit: undefined,
        untrustedHead: undefined,
      },
    );
    expect(other.idempotencyToken).not.toBe(settings({ 'project-name': 'p1' }).idempotencyToken);
  });

  it('refuses an unknown compute type and lists the accepted ones', () => {
    expect(() => settings({ 'project-name': 'p1', 'compute-type-override': 'HUGE' })).toThrow(
      /input "compute-type-override" got "HUGE", which is not one of: .*BUILD_GENERAL1_LARGE, BUILD_GENERAL1_MEDIUM, BUILD_GENERAL1_SMALL/,
    );
    expect(
      settings({ 'project-name': 'p1', 'compute-type-override': 'build_general1_large' })
        .computeTypeOverride,
    ).toBe('BUILD_GENERAL1_LARGE');
  });

  it('refuses a bad boolean and a poll interval out of range', () => {
    expect(() => settings({ 'project-name': 'p1', wait: 'maybe' })).toThrow(
      'input "wait" must be true or false, got "maybe".',
    );
    expect(() => settings({ 'project-name': 'p1', 'poll-interval': '0' })).toThrow(
      'input "poll-interval" must be a number from 0.1 to 300, got "0".',
    );
  });

  it('explains a missing region', () => {
    expect(() =>
      parseRunBuildSettings(new OptionReader(actionSpecs, mapSource({ 'project-name': 'p1' })), {
        env: {},
        eventCommit: undefined,
        untrustedHead: undefined,
      }),
    ).toThrow(/No AWS region: set AWS_REGION \(aws-actions\/configure-aws-credentials/);
  });

  it('refuses to build a fork head on pull_request_target unless allow-forks is set', () => {
    const untrustedHead = { event: 'pull_request_target', fork: 'evil/fork' } as const;
    expect(() => settings({ 'project-name': 'p1' }, { untrustedHead })).toThrow(
      /Refusing to build code from the fork evil\/fork on pull_request_target.*set input "allow-forks" to true/,
    );
    expect(
      settings({ 'project-name': 'p1', 'allow-forks': 'true' }, { untrustedHead }).projectName,
    ).toBe('p1');
  });

  it('builds the StartBuild request: JSON as the base, dedicated inputs over it, env-vars over JSON variables', () => {
    const request = startBuildRequest(
      settings({
        'project-name': 'p1',
        'image-override': 'aws/codebuild/standard:7.0',
        'env-vars': 'A=from-input',
        'start-build-json': JSON.stringify({
          timeoutInMinutesOverride: 15,
          imageOverride: 'ignored',
          environmentVariablesOverride: [
            { name: 'A', value: 'from-json', type: 'PLAINTEXT' },
            { name: 'B', value: 'kept', type: 'PLAINTEXT' },
          ],
        }),
      }),
    );
    expect(request).toMatchObject({
      projectName: 'p1',
      sourceVersion: 'a'.repeat(40),
      imageOverride: 'aws/codebuild/standard:7.0',
      timeoutInMinutesOverride: 15,
      environmentVariablesOverride: [
        { name: 'B', value: 'kept', type: 'PLAINTEXT' },
        { name: 'A', value: 'from-input', type: 'PLAINTEXT' },
      ],
    });
    expect(request.idempotencyToken).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the Action reads its inputs', () => {
  it('chooses the PR head sha for pull_request, the merge group head for merge_group, else GITHUB_SHA', () => {
    const sha = (name: string, payload: unknown) =>
      readRunBuildInputs(
        new OptionReader(actionSpecs, mapSource({ 'project-name': 'p1' })),
        {
          ...env,
          GITHUB_SHA: 'm'.repeat(40),
          GITHUB_EVENT_NAME: name,
          GITHUB_EVENT_PATH: eventFile(payload),
        },
        undefined,
      ).settings.sourceVersion;
    const pr = {
      pull_request: {
        head: { sha: 'h'.repeat(40), repo: { full_name: 'o/r' } },
        base: { repo: { full_name: 'o/r' } },
      },
    };
    expect(sha('pull_request', pr)).toBe('h'.repeat(40));
    expect(sha('pull_request_target', pr)).toBe('h'.repeat(40));
    expect(sha('merge_group', { merge_group: { head_sha: 'g'.repeat(40) } })).toBe('g'.repeat(40));
    const run = { head_sha: 'w'.repeat(40), head_repository: { full_name: 'o/r' } };
    expect(sha('workflow_run', { workflow_run: run, repository: { full_name: 'o/r' } })).toBe(
      'w'.repeat(40),
    );
    expect(sha('push', {})).toBe('m'.repeat(40));
  });
});
