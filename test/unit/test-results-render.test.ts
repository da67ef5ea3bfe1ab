import { describe, expect, it } from '@jest/globals';
import {
  firstLine,
  placesIn,
  testTitle,
  trimmedMessage,
} from '../../src/codebuild/test-message.js';
import { testResultsMarkdown } from '../../src/codebuild/test-results-markdown.js';
import { testOutputs, testsSuffix, withTests } from '../../src/codebuild/test-results-text.js';
import {
  lineCoverage,
  sumCounts,
  type FailedTest,
  type TestReport,
  type TestResults,
} from '../../src/codebuild/test-results.js';

const noRedact = (text: string) => text;

function failed(
  index: number,
  message = `AssertionError: expected ${index}\n    at f (src/a.test.ts:${index}:5)`,
): FailedTest {
  return { suite: 'math', name: `adds ${index}`, status: 'FAILED', message, durationMs: 12 };
}

function testReport(overrides: Partial<TestReport> = {}): TestReport {
  return {
    name: 'app-unit',
    arn: 'arn:aws:codebuild:us-east-1:123456789012:report/app-unit:1111',
    type: 'TEST',
    status: 'FAILED',
    url: 'https://us-east-1.console.aws.amazon.com/codesuite/codebuild/123456789012/testReports/reports/app-unit/1111?region=us-east-1',
    counts: { total: 20, passed: 17, failed: 3, skipped: 0, error: 0, unknown: 0 },
    durationMs: 3_000,
    failed: [failed(1), failed(2), failed(3)],
    failedNotListed: 0,
    leastCovered: [],
    ...overrides,
  };
}

function coverageReport(covered: number, missed: number): TestReport {
  return {
    name: 'app-coverage',
    arn: 'arn:aws:codebuild:us-east-1:123456789012:report/app-coverage:2222',
    type: 'CODE_COVERAGE',
    status: 'SUCCEEDED',
    url: undefined,
    failed: [],
    failedNotListed: 0,
    coverage: {
      linePercent: (covered / (covered + missed)) * 100,
      linesCovered: covered,
      linesMissed: missed,
      branchPercent: 50,
      branchesCovered: 1,
      branchesMissed: 1,
    },
    leastCovered: [{ path: 'src/slow.ts', linePercent: 10, branchPercent: 0 }],
  };
}

const results = (...reports: TestReport[]): TestResults => ({ reports, warnings: [] });

describe('one line', () => {
  it('says how many of how many failed, errors counted as failures', () => {
    expect(
      testsSuffix({ total: 20, passed: 16, failed: 3, skipped: 0, error: 1, unknown: 0 }),
    ).toBe('4 of 20 tests failed');
    expect(testsSuffix({ total: 1, passed: 1, failed: 0, skipped: 0, error: 0, unknown: 0 })).toBe(
      '1 test passed',
    );
    expect(
      testsSuffix({ total: 20, passed: 18, failed: 0, skipped: 2, error: 0, unknown: 0 }),
    ).toBe('18 tests passed, 2 skipped');
    expect(testsSuffix(undefined)).toBeUndefined();
  });

  it('puts the counts after the head and before the reason, within the limit', () => {
    const description =
      'Build #12 failed in BUILD after 3m 12s: Error while executing command: npm test -- --runInBand --coverage --reporters=default --reporters=jest-junit. Reason: exit status 1';
    const text = withTests(description, results(testReport()), 140);
    expect(
      text.startsWith('Build #12 failed in BUILD after 3m 12s: 3 of 20 tests failed; Error'),
    ).toBe(true);
    expect(text.length).toBeLessThanOrEqual(140);
    expect(withTests('Build #3 succeeded in 40s', results(), 140)).toBe(
      'Build #3 succeeded in 40s',
    );
  });

  it('sets the outputs summed over the test reports, coverage from line counts', () => {
    const outputs = testOutputs(
      results(
        testReport(),
        testReport({
          counts: { total: 5, passed: 4, failed: 0, skipped: 1, error: 0, unknown: 0 },
        }),
        coverageReport(30, 10),
        coverageReport(10, 50),
      ),
    );
    expect(outputs).toMatchObject({
      'tests-total': '25',
      'tests-passed': '21',
      'tests-failed': '3',
      'tests-skipped': '1',
      'coverage-line': '40',
    });
    const reports = JSON.parse(outputs.reports ?? '[]') as { name: string; url?: string }[];
    expect(reports.map((report) => report.name)).toEqual([
      'app-unit',
      'app-unit',
      'app-coverage',
      'app-coverage',
    ]);
    expect(reports[0]?.url).toContain('/testReports/reports/app-unit/1111');
    expect(testOutputs(results())).toEqual({});
    expect(sumCounts([coverageReport(1, 1)])).toBeUndefined();
    expect(lineCoverage([testReport()])).toBeUndefined();
  });
});

describe('messages', () => {
  it('keeps the first line, trims the stack and finds the places it names', () => {
    const frames = Array.from(
      { length: 20 },
      (_, i) => `    at fn${i} (src/file${i}.ts:${i + 1}:3)`,
    );
    const message = ['', 'Error: boom', ...frames].join('\n');
    expect(firstLine(message)).toBe('Error: boom');
    const trimmed = trimmedMessage(message);
    expect(trimmed.split('\n').filter((line) => line.includes(' at '))).toHaveLength(8);
    expect(trimmed).toContain('… 12 more stack frames');
    expect(placesIn(message)[0]).toEqual({ path: 'src/file0.ts', line: 1 });
    expect(placesIn('File "tests/test_x.py", line 7, in test_y')).toContainEqual({
      path: 'tests/test_x.py',
      line: 7,
    });
    expect(placesIn('see https://example.com/a.ts:3')).toEqual([]);
    expect(testTitle({ suite: 'math', name: 'adds' })).toBe('math › adds');
    expect(testTitle({ suite: 'a.B', name: 'a.B.c' })).toBe('a.B.c');
  });
});

describe('the job summary section', () => {
  it('is empty without reports', () => {
    expect(
      testResultsMarkdown([{ label: undefined, results: results() }], { redact: noRedact }),
    ).toBe('');
  });

  it('shows counts, the failed tests and their messages, escaped and redacted', () => {
    const report = testReport({
      failed: [
        {
          ...failed(1),
          name: 'renders <script>alert(1)</script> | pipes',
          message: 'token s3cr3t leaked\n```\nnot a fence',
        },
      ],
      failedNotListed: 2,
    });
    const markdown = testResultsMarkdown([{ label: undefined, results: results(report) }], {
      redact: (text) => text.replaceAll('s3cr3t', '***'),
    });
    expect(markdown).toContain('Tests: 17 passed, 3 failed of 20');
    expect(markdown).toContain('renders &lt;script&gt;alert(1)&lt;/script&gt; \\| pipes');
    expect(markdown).not.toContain('s3cr3t');
    expect(markdown).toContain('````text');
    expect(markdown).toContain(
      '…and 2 more failed tests: see [app-unit](https://us-east-1.console.aws.amazon.com/',
    );
    expect(markdown.match(/<details>/g)?.length).toBe(markdown.match(/<\/details>/g)?.length);
  });

  it('redacts a message before cutting it, so a secret split by the cut does not leak', () => {
    const secret = 'sk_live_ABCDEFGHIJKLMNOP';
    const atFirstLineCut = `${'x'.repeat(150)}${secret}`;
    const atBlockCut = `${'y'.repeat(1_990)}${secret}`;
    const markdown = testResultsMarkdown(
      [
        {
          label: undefined,
          results: results(
            testReport({ failed: [failed(1, atFirstLineCut), failed(2, atBlockCut)] }),
          ),
        },
      ],
      { redact: (text) => text.replaceAll(secret, '***') },
    );
    expect(markdown).not.toContain('sk_live_A');
    expect(markdown).toContain('***');
  });

  it('drops terminal colour codes from messages', () => {
    const markdown = testResultsMarkdown(
      [
        {
          label: undefined,
          results: results(testReport({ failed: [failed(1, '\u001b[31mexpected\u001b[39m 1')] })),
        },
      ],
      { redact: noRedact },
    );
    expect(markdown).toContain('| expected 1 |');
    expect(markdown).not.toContain('\u001b');
  });

  it('looks for places only in the start of a long message', () => {
    expect(placesIn(`${'a/'.repeat(50_000)}x.ts:3`)).toEqual([]);
    expect(placesIn(`at (src/y.ts:4:1)\n${'a/'.repeat(50_000)}`)).toEqual([
      { path: 'src/y.ts', line: 4 },
    ]);
  });

  it('stays within its budget with 500 failures and says how many are left out', () => {
    const many = Array.from({ length: 100 }, (_, i) =>
      failed(i, `Error ${i}\n${'x'.repeat(1_900)}`),
    );
    const report = testReport({
      counts: { total: 600, passed: 100, failed: 500, skipped: 0, error: 0, unknown: 0 },
      failed: many,
      failedNotListed: 400,
    });
    const markdown = testResultsMarkdown([{ label: undefined, results: results(report) }], {
      redact: noRedact,
      budgetBytes: 50_000,
    });
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(50_000);
    expect(markdown).toContain('…and 450 more failed tests');
    expect(markdown).toMatch(/_\d+ more messages are not shown\._/);
    expect((markdown.match(/^````?text$/gm) ?? []).length * 2).toBe(
      (markdown.match(/^````?(text)?$/gm) ?? []).length,
    );
  });

  it('labels batch members and adds a total row and coverage', () => {
    const markdown = testResultsMarkdown(
      [
        { label: 'linux', results: results(testReport(), coverageReport(30, 10)) },
        {
          label: 'windows',
          results: results(
            testReport({
              failed: [],
              counts: { total: 20, passed: 20, failed: 0, skipped: 0, error: 0, unknown: 0 },
            }),
          ),
        },
        { label: 'docs', results: results() },
      ],
      { redact: noRedact },
    );
    expect(markdown).toContain('| Build | Report | Status |');
    expect(markdown).toContain('| **Total** |  | | 37 | 3 | 0 | 0 | |');
    expect(markdown).toContain('| linux: math | adds 1 |');
    expect(markdown).toContain('#### Coverage');
    expect(markdown).toContain('| linux | app-coverage | 75% | 50% |');
    expect(markdown).toContain('| linux | src/slow.ts | 10% | 0% |');
    expect(markdown).not.toContain('docs');
  });
});
