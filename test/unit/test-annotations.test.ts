import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunMember, RunReport } from '../../src/codebuild/run-report.js';
import type { FailedTest, TestReport } from '../../src/codebuild/test-results.js';
import { MAX_TEST_ANNOTATIONS, testAnnotations } from '../../src/github/test-annotations.js';
import { Redactor } from '../../src/util/redactor.js';

const keep = (text: string): string => text;
const FALLBACK = { path: 'buildspec.yml', line: 1 };

let parent: string;
let workspace: string;

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'test-annotations-'));
  workspace = join(parent, 'repo');
  await mkdir(join(workspace, 'src', 'util'), { recursive: true });
  await mkdir(join(workspace, 'tests'), { recursive: true });
  await mkdir(join(workspace, 'node_modules', 'jest'), { recursive: true });
  await writeFile(join(workspace, 'src', 'util', 'sum.test.ts'), 'test\n');
  await writeFile(join(workspace, 'src', 'util', 'sum.ts'), 'code\n');
  await writeFile(join(workspace, 'tests', 'test_api.py'), 'def test(): pass\n');
  await writeFile(join(workspace, 'node_modules', 'jest', 'index.js'), '');
  await writeFile(join(parent, 'outside.ts'), 'not the repository\n');
});
afterAll(async () => {
  await rm(parent, { recursive: true, force: true });
});

function failed(overrides: Partial<FailedTest> = {}): FailedTest {
  return {
    suite: 'sum',
    name: 'adds two numbers',
    status: 'FAILED',
    message: 'expected 3, got 4',
    durationMs: 12,
    ...overrides,
  };
}

function testReport(tests: FailedTest[], failedNotListed = 0): TestReport {
  return {
    name: 'web-unit',
    arn: 'arn:aws:codebuild:us-east-1:123456789012:report/web-unit:1',
    type: 'TEST',
    status: 'FAILED',
    url: 'https://console.example/report',
    counts: {
      total: 20,
      passed: 20 - tests.length - failedNotListed,
      failed: tests.length + failedNotListed,
      skipped: 0,
      error: 0,
      unknown: 0,
    },
    failed: tests,
    failedNotListed,
    leastCovered: [],
  };
}

function member(reports: TestReport[], identifier?: string, ignoreFailure = false): RunMember {
  return {
    identifier,
    build: { id: 'web:1', buildNumber: 1, buildStatus: 'FAILED' },
    url: undefined,
    ignoreFailure,
    lastLogLines: [],
    tests: { reports, warnings: [] },
  };
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

const one = (...tests: FailedTest[]): RunReport => report([member([testReport(tests)])]);
const places = (run: RunReport) =>
  testAnnotations(run, { workspace, fallback: FALLBACK }, keep).annotations.map((a) => [
    a.path,
    a.start_line,
  ]);

describe('test annotations', () => {
  it('annotates a failed test with its title, trimmed message and level', () => {
    const { annotations, notAnnotated } = testAnnotations(
      one(
        failed({
          message: 'expected 3, got 4\n    at Object.<anonymous> (src/util/sum.test.ts:7:5)',
        }),
      ),
      { workspace, fallback: FALLBACK },
      keep,
    );
    expect(annotations).toEqual([
      {
        path: 'src/util/sum.test.ts',
        start_line: 7,
        end_line: 7,
        annotation_level: 'failure',
        title: 'sum › adds two numbers',
        message: 'expected 3, got 4\n    at Object.<anonymous> (src/util/sum.test.ts:7:5)',
      },
    ]);
    expect(notAnnotated).toBe(0);
  });

  it('places a test at the first file of the repository its JS stack names', () => {
    const message = [
      'Error: expected 3',
      '    at expect (node_modules/jest/index.js:10:3)',
      '    at sum (src/util/missing.ts:3:1)',
      '    at Object.<anonymous> (src/util/sum.ts:12:9)',
    ].join('\n');
    expect(places(one(failed({ message })))).toEqual([['src/util/sum.ts', 12]]);
  });

  it('maps an absolute CodeBuild path to the repository path', () => {
    const withHost =
      'at Object.<anonymous> (/codebuild/output/src123456/src/github.com/octo/app/src/util/sum.test.ts:21:7)';
    const bare = 'File "/codebuild/output/src9/src/tests/test_api.py", line 33, in test_get';
    expect(places(one(failed({ message: withHost }), failed({ message: bare })))).toEqual([
      ['src/util/sum.test.ts', 21],
      ['tests/test_api.py', 33],
    ]);
  });

  it('maps an absolute path under the workspace itself', () => {
    const message = `at x (${join(workspace, 'src', 'util', 'sum.ts')}:4:2)`;
    expect(places(one(failed({ message })))).toEqual([['src/util/sum.ts', 4]]);
  });

  it('prefers the report’s own file and line (JUnit) when the file exists', () => {
    expect(
      places(
        one(
          failed({ file: 'tests/test_api.py', line: 5, message: 'at x (src/util/sum.ts:12:9)' }),
          // No line in the report: the message's line in that file, else line 1.
          failed({ file: 'src/util/sum.ts', message: 'at y (src/util/sum.ts:8:1)' }),
          failed({ file: 'tests/test_api.py', message: 'boom' }),
          // A file the workspace does not have: the message decides.
          failed({ file: 'tests/gone.py', line: 9, message: 'at x (src/util/sum.ts:12:9)' }),
        ),
      ),
    ).toEqual([
      ['tests/test_api.py', 5],
      ['src/util/sum.ts', 8],
      ['tests/test_api.py', 1],
      ['src/util/sum.ts', 12],
    ]);
  });

  it('never points outside the workspace', () => {
    const outside = join(parent, 'outside.ts');
    expect(
      places(
        one(
          failed({ file: '../outside.ts', line: 3, message: 'at x (../outside.ts:3:1)' }),
          failed({ message: `at x (${outside}:3:1)` }),
          failed({ message: 'at x (src/../../outside.ts:3:1)' }),
          failed({ message: 'at x (/codebuild/output/src1/src/../../outside.ts:3:1)' }),
        ),
      ),
    ).toEqual([
      ['buildspec.yml', 1],
      ['buildspec.yml', 1],
      ['buildspec.yml', 1],
      ['buildspec.yml', 1],
    ]);
  });

  it('falls back when no named file exists, or no workspace is known', () => {
    const run = one(
      failed({ message: 'at x (src/util/nope.ts:3:1)\n at y (/usr/lib/node/z.js:1:1)' }),
      failed({ message: '' }),
    );
    expect(places(run)).toEqual([
      ['buildspec.yml', 1],
      ['buildspec.yml', 1],
    ]);
    const fallback = { path: '.github/workflows/ci.yml', line: 1 };
    const noWorkspace = testAnnotations(
      one(failed({ message: 'at x (src/util/sum.ts:3:1)' })),
      { workspace: undefined, fallback },
      keep,
    );
    expect(noWorkspace.annotations[0]).toMatchObject({
      path: '.github/workflows/ci.yml',
      start_line: 1,
    });
  });

  it('says what happened when the message is empty', () => {
    const { annotations } = testAnnotations(
      one(failed({ message: '' }), failed({ message: '  \n', status: 'ERROR' })),
      { workspace, fallback: FALLBACK },
      keep,
    );
    expect(annotations.map((a) => a.message)).toEqual(['The test failed.', 'The test errored.']);
  });

  it('stops at the cap and counts the rest, later reports and members included', () => {
    const tests = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => failed({ name: `${prefix} ${i}` }));
    const run = report(
      [
        member([testReport(tests(3, 'a'), 4), testReport(tests(2, 'b'))], 'linux'),
        member([testReport(tests(5, 'c'), 1)], 'windows'),
      ],
      'batch',
    );
    const { annotations, notAnnotated } = testAnnotations(
      run,
      { workspace, fallback: FALLBACK },
      keep,
      4,
    );
    expect(annotations.map((a) => a.title)).toEqual([
      'linux: sum › a 0',
      'linux: sum › a 1',
      'linux: sum › a 2',
      'linux: sum › b 0',
    ]);
    // 1 of b beyond the cap, all 5 of c, and 4 + 1 not listed by their reports.
    expect(notAnnotated).toBe(1 + 5 + 4 + 1);
  });

  it('caps at MAX_TEST_ANNOTATIONS by default', () => {
    const tests = Array.from({ length: MAX_TEST_ANNOTATIONS + 7 }, (_, i) =>
      failed({ name: `t${i}` }),
    );
    const result = testAnnotations(one(...tests), { workspace, fallback: FALLBACK }, keep);
    expect(result.annotations).toHaveLength(MAX_TEST_ANNOTATIONS);
    expect(result.notAnnotated).toBe(7);
  });

  it('prefixes a batch member’s identifier and warns for an ignored failure', () => {
    const run = report(
      [member([testReport([failed()])], 'linux'), member([testReport([failed()])], 'arm', true)],
      'batch',
    );
    const { annotations } = testAnnotations(run, { workspace, fallback: FALLBACK }, keep);
    expect(annotations.map((a) => [a.title, a.annotation_level])).toEqual([
      ['linux: sum › adds two numbers', 'failure'],
      ['arm: sum › adds two numbers', 'warning'],
    ]);
  });

  it('redacts secrets in titles and messages and clips them', () => {
    const redactor = new Redactor();
    redactor.add('hunter2-secret');
    const { annotations } = testAnnotations(
      one(
        failed({
          name: `logs in with hunter2-secret ${'x'.repeat(400)}`,
          message: `401 for token hunter2-secret\n${'y'.repeat(10_000)}`,
        }),
      ),
      { workspace, fallback: FALLBACK },
      (text) => redactor.redact(text),
    );
    const [annotation] = annotations;
    expect(annotation!.title).not.toContain('hunter2-secret');
    expect(annotation!.message).not.toContain('hunter2-secret');
    expect(annotation!.message).toContain('401 for token ***');
    expect(annotation!.title.length).toBeLessThanOrEqual(255);
    expect(annotation!.message.length).toBeLessThanOrEqual(4_000);
  });

  it('makes no annotations for members without test results', () => {
    const run = report([{ ...member([]), tests: undefined }]);
    expect(testAnnotations(run, { workspace, fallback: FALLBACK }, keep)).toEqual({
      annotations: [],
      notAnnotated: 0,
    });
  });
});
