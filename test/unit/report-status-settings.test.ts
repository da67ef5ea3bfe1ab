import { describe, expect, it } from '@jest/globals';
import type { Build } from '@aws-sdk/client-codebuild';
import { commitOf } from '../../src/cli/status-reporter.js';
import { builtCommit } from '../../src/codebuild/find-build.js';
import { REPORT_STATUS_OPTIONS } from '../../src/codebuild/report-status-options.js';
import { parseReportStatusSettings } from '../../src/codebuild/report-status-settings.js';
import { RUN_COMMIT, parseSettings, type SettingsContext } from '../helpers/option-reader.js';

const SHA = RUN_COMMIT;
const UUID = '0b5a8f5e-63f4-4f52-9f33-1b2c3d4e5f60';

function settings(inputs: Record<string, string>, context: SettingsContext = {}) {
  return parseSettings(parseReportStatusSettings, REPORT_STATUS_OPTIONS, inputs, context);
}

describe('report-status settings', () => {
  it('takes a build id, with the documented defaults', () => {
    const parsed = settings({ 'build-id': `web:${UUID}` });
    expect(parsed).toMatchObject({
      query: { kind: 'id', buildId: `web:${UUID}`, projectName: 'web' },
      region: 'eu-west-1',
      statusContext: 'AWS CodeBuild eu-west-1 (web)',
      wait: false,
      logs: false,
      commitStatus: true,
      stopOnCancel: false,
      failOnBuildFailure: true,
      pollIntervalMs: 5000,
      givenSourceVersion: undefined,
      runCommit: SHA,
    });
  });

  it('takes a build ARN, whose region wins over AWS_REGION: the build lives there', () => {
    const parsed = settings({
      'build-id': `arn:aws:codebuild:us-west-2:123456789012:build/web:${UUID}`,
    });
    expect(parsed.query).toEqual({ kind: 'id', buildId: `web:${UUID}`, projectName: 'web' });
    expect(parsed.region).toBe('us-west-2');
    expect(parsed.statusContext).toBe('AWS CodeBuild us-west-2 (web)');
  });

  it('finds by project and the commit under test by default, 5 pages, looking once', () => {
    expect(settings({ 'project-name': 'web' }).query).toEqual({
      kind: 'commit',
      projectName: 'web',
      sourceVersion: SHA,
      maxPages: 5,
      searchTimeoutMs: 0,
      searchFurther: 'raise input "search-pages" (now 5)',
    });
    expect(
      settings(
        {
          'project-name': 'web',
          'source-version': 'pr/7',
          'search-pages': '2',
          'search-timeout': '90',
        },
        { cli: true },
      ).query,
    ).toMatchObject({ sourceVersion: 'pr/7', maxPages: 2, searchTimeoutMs: 90_000 });
  });

  it.each([
    [{}, /Which build\? Give input "build-id".*or input "project-name"/],
    [{ 'build-id': `web:${UUID}`, 'project-name': 'web' }, /not both/],
    [
      { 'build-id': 'web' },
      /input "build-id" "web" is not a CodeBuild build id: expected project-name:build-uuid/,
    ],
    [{ 'build-id': 'arn:aws:s3:::bucket/key' }, /is not a CodeBuild build id/],
    [{ 'project-name': 'no spaces' }, /"no spaces" is not a CodeBuild project name/],
    [
      { 'project-name': 'web', 'search-pages': '0' },
      /input "search-pages" must be a whole number from 1 to 100 \(pages of 100 builds\), got "0"/,
    ],
    [
      { 'project-name': 'web', 'search-pages': '2.5' },
      /must be a whole number from 1 to 100 \(pages of 100 builds\), got "2.5"/,
    ],
    [
      { 'project-name': 'web', 'search-timeout': '-1' },
      /input "search-timeout" must be a number from 0 to 3600/,
    ],
  ])('refuses %j with a message that says what to do', (inputs, message) => {
    expect(() => settings(inputs as Record<string, string>)).toThrow(message);
  });

  it('needs a commit to look for outside a CI run', () => {
    expect(() => settings({ 'project-name': 'web' }, { runCommit: null, cli: true })).toThrow(
      '--project-name needs a commit to look for: give --source-version',
    );
  });

  it('names the region to set when there is none', () => {
    expect(() => settings({ 'build-id': `web:${UUID}` }, { env: {} })).toThrow(/No AWS region/);
  });
});

describe('which build built a source version', () => {
  const build = (fields: Partial<Build>): Build => ({ id: `web:${UUID}`, ...fields });

  it('a full sha matches the commit the build checked out, in any case, or the one it asked for', () => {
    expect(builtCommit(build({ resolvedSourceVersion: SHA, sourceVersion: 'pr/7' }), SHA)).toBe(
      true,
    );
    expect(builtCommit(build({ resolvedSourceVersion: SHA }), SHA.toUpperCase())).toBe(true);
    expect(builtCommit(build({ sourceVersion: SHA }), SHA)).toBe(true);
    expect(builtCommit(build({ resolvedSourceVersion: 'cd'.repeat(20) }), SHA)).toBe(false);
  });

  it('a short sha matches the start of the checked-out commit', () => {
    expect(builtCommit(build({ resolvedSourceVersion: SHA }), SHA.slice(0, 7))).toBe(true);
    expect(builtCommit(build({ resolvedSourceVersion: SHA }), 'abcdef0')).toBe(false);
  });

  it('anything else must equal the source version exactly', () => {
    expect(builtCommit(build({ sourceVersion: 'pr/7', resolvedSourceVersion: SHA }), 'pr/7')).toBe(
      true,
    );
    expect(builtCommit(build({ sourceVersion: 'pr/17' }), 'pr/7')).toBe(false);
    expect(builtCommit(build({ sourceVersion: 'refs/heads/main' }), 'main')).toBe(false);
  });
});

describe('the commit a Bitbucket status goes to', () => {
  it('is the first full sha, else the first short one', () => {
    expect(commitOf(['abc1234', undefined, SHA])).toBe(SHA);
    expect(commitOf(['main', 'abc1234'])).toBe('abc1234');
    expect(commitOf(['main', undefined])).toBeUndefined();
  });
});
