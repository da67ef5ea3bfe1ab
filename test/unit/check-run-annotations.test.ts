import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Build, BuildPhase } from '@aws-sdk/client-codebuild';
import {
  annotationTarget,
  checkRunAnnotations,
  workflowFile,
  type AnnotationTarget,
} from '../../src/github/check-run-annotations.js';
import type { RunMember, RunReport } from '../../src/codebuild/run-report.js';
import { Redactor } from '../../src/util/redactor.js';

const BUILDSPEC = [
  'version: 0.2', // 1
  'phases:', // 2
  '  install:', // 3
  '    commands:', // 4
  '      - npm ci', // 5
  '  build:', // 6
  '    commands:', // 7
  '      - npm run lint', // 8
  '      - make test', // 9
  '    finally:', // 10
  '      - echo done', // 11
  '',
].join('\n');

const IN_REPO: AnnotationTarget = { buildspecPath: 'ci/buildspec.yml', buildspecText: BUILDSPEC };
const keep = (text: string): string => text;

function phase(phaseType: string, message?: string, phaseStatus = 'FAILED'): BuildPhase {
  return {
    phaseType,
    phaseStatus,
    contexts: message ? [{ statusCode: 'COMMAND_EXECUTION_ERROR', message }] : [],
  } as BuildPhase;
}

function build(buildStatus: string, phases: BuildPhase[]): Build {
  return {
    id: 'web:1',
    buildNumber: 1,
    buildStatus,
    phases: [phase('SUBMITTED', undefined, 'SUCCEEDED'), ...phases],
  } as Build;
}

function member(identifier: string | undefined, b: Build, ignoreFailure = false): RunMember {
  return { identifier, build: b, url: undefined, ignoreFailure, lastLogLines: [] };
}

function report(members: RunMember[], kind: RunReport['kind'] = 'build'): RunReport {
  return {
    kind,
    statusContext: 'AWS CodeBuild us-east-1 (web)',
    projectName: 'web',
    region: 'us-east-1',
    batch: undefined,
    members,
    state: 'failure',
    headline: 'Build #1 failed',
    url: 'https://console.example/build',
    summaryMarkdown: '# failed',
  };
}

const single = (...phases: BuildPhase[]): RunReport =>
  report([member(undefined, build('FAILED', phases))]);

describe('check run annotations', () => {
  it('points at the failing command’s line when the context names it', () => {
    const annotations = checkRunAnnotations(
      single(phase('BUILD', 'Error while executing command: make test. Reason: exit status 2')),
      IN_REPO,
      keep,
    );
    expect(annotations).toEqual([
      {
        path: 'ci/buildspec.yml',
        start_line: 9,
        end_line: 9,
        annotation_level: 'failure',
        title: 'BUILD failed',
        message: 'make test (exit status 2)',
      },
    ]);
  });

  it('finds a command of the finally block too', () => {
    const [annotation] = checkRunAnnotations(
      single(phase('BUILD', 'Error while executing command: echo done. Reason: exit status 1')),
      IN_REPO,
      keep,
    );
    expect(annotation!.start_line).toBe(11);
  });

  it('points at the phase’s key when the context names no command of it', () => {
    const [annotation] = checkRunAnnotations(
      single(phase('INSTALL', 'RequestError: send request failed')),
      IN_REPO,
      keep,
    );
    expect(annotation).toMatchObject({ start_line: 3, end_line: 3, title: 'INSTALL failed' });
    expect(annotation!.message).toBe('RequestError: send request failed');
  });

  it('points at line 1 for phases the buildspec does not write', () => {
    const annotations = checkRunAnnotations(
      single(
        phase('DOWNLOAD_SOURCE', 'CLIENT_ERROR: repository not found'),
        phase('POST_BUILD', 'Error while executing command: deploy. Reason: exit status 1'),
      ),
      IN_REPO,
      keep,
    );
    expect(annotations.map((a) => [a.title, a.start_line])).toEqual([
      ['DOWNLOAD_SOURCE failed', 1],
      ['POST_BUILD failed', 1],
    ]);
  });

  it('points at line 1 of a buildspec that does not parse', () => {
    const [annotation] = checkRunAnnotations(
      single(phase('BUILD', 'Error while executing command: make test. Reason: exit status 2')),
      { buildspecPath: 'buildspec.yml', buildspecText: 'phases:\n  build: [unclosed\n' },
      keep,
    );
    expect(annotation).toMatchObject({ path: 'buildspec.yml', start_line: 1 });
  });

  it('points at the workflow file when the buildspec is not in the repository', () => {
    const [annotation] = checkRunAnnotations(
      single(phase('BUILD', 'Error while executing command: make test. Reason: exit status 2')),
      { workflowPath: '.github/workflows/ci.yml' },
      keep,
    );
    expect(annotation).toMatchObject({ path: '.github/workflows/ci.yml', start_line: 1 });
  });

  it('annotates each failed member of a batch, an ignore-failure one as a warning', () => {
    const failed = (command: string): Build =>
      build('FAILED', [
        phase('BUILD', `Error while executing command: ${command}. Reason: exit status 2`),
      ]);
    const annotations = checkRunAnnotations(
      report(
        [
          member('linux', failed('make test')),
          member('windows', build('SUCCEEDED', [phase('BUILD', undefined, 'SUCCEEDED')])),
          member('docs', failed('npm run lint'), true),
          { ...member('never', failed('x')), build: undefined },
        ],
        'batch',
      ),
      IN_REPO,
      keep,
    );
    expect(annotations.map((a) => [a.title, a.annotation_level, a.start_line])).toEqual([
      ['linux: BUILD failed', 'failure', 9],
      ['docs: BUILD failed', 'warning', 8],
    ]);
  });

  it('takes secrets out of the failure context', () => {
    const redactor = new Redactor();
    redactor.add('hunter2-secret');
    const [annotation] = checkRunAnnotations(
      single(
        phase(
          'BUILD',
          'Error while executing command: curl -u admin:hunter2-secret https://x. Reason: exit status 22',
        ),
      ),
      IN_REPO,
      (text) => redactor.redact(text),
    );
    expect(annotation!.message).toBe('curl -u admin:*** https://x (exit status 22)');
    expect(JSON.stringify(annotation)).not.toContain('hunter2-secret');
  });
});

describe('annotation target', () => {
  let workspace: string;
  const env = { GITHUB_WORKFLOW_REF: 'octo/app/.github/workflows/ci.yml@refs/heads/main' };

  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'check-run-target-'));
  });
  afterEach(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  it('is buildspec.yml in the workspace when there is no override', async () => {
    await writeFile(join(workspace, 'buildspec.yml'), BUILDSPEC);
    expect(await annotationTarget(env, undefined, workspace)).toEqual({
      buildspecPath: 'buildspec.yml',
      buildspecText: BUILDSPEC,
    });
  });

  it('is the override’s file, repository-relative', async () => {
    await mkdir(join(workspace, 'ci'));
    await writeFile(join(workspace, 'ci', 'web.yml'), BUILDSPEC);
    expect(await annotationTarget(env, './ci/web.yml', workspace)).toMatchObject({
      buildspecPath: 'ci/web.yml',
    });
  });

  it.each([
    ['a file that is not there', 'ci/missing.yml'],
    ['inline YAML', 'version: 0.2\nphases:\n  build:\n    commands:\n      - make\n'],
    ['an S3 object', 'arn:aws:s3:::bucket/buildspec.yml'],
    ['a path outside the workspace', '../buildspec.yml'],
  ])('is the workflow file for %s', async (_what, override) => {
    expect(await annotationTarget(env, override, workspace)).toEqual({
      workflowPath: '.github/workflows/ci.yml',
    });
  });

  it('is unknown outside GitHub Actions when the buildspec is not in the workspace', async () => {
    expect(await annotationTarget({}, undefined, workspace)).toBeUndefined();
  });

  it('reads the workflow path from GITHUB_WORKFLOW_REF', () => {
    expect(workflowFile('o/r/.github/workflows/build.yaml@refs/pull/7/merge')).toBe(
      '.github/workflows/build.yaml',
    );
    expect(workflowFile(undefined)).toBeUndefined();
  });
});
