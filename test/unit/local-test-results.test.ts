import { localResultLines, localSummaryMarkdown } from '../../src/buildspec/local/local-summary.js';
import { localTestResults } from '../../src/buildspec/local/local-test-results.js';
import { testResultsMarkdown } from '../../src/codebuild/test-results-markdown.js';
import type { TestResults } from '../../src/codebuild/test-results.js';
import { runBuildspec } from '../helpers/local-build.js';

const JUNIT = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites time="1.5">
  <testsuite name="cart" tests="5">
    <testcase classname="cart" name="adds an item" time="0.1"/>
    <testcase classname="cart" name="totals" time="0.2" file="src/cart.test.ts" line="42">
      <failure message="expected 3, got 2">AssertionError: expected 3, got 2
    at src/cart.test.ts:42:7</failure>
    </testcase>
    <testcase name="rounds prices" time="0.3"><failure message="off by one"/></testcase>
    <testcase classname="cart" name="connects" time="0.5"><error message="ECONNREFUSED"/></testcase>
    <testcase classname="cart" name="later"><skipped/></testcase>
  </testsuite>
</testsuites>
`;

const COBERTURA = `<?xml version="1.0" ?>
<coverage lines-valid="10" lines-covered="6" line-rate="0.6" version="1">
  <packages><package name="src"><classes>
    <class name="cart" filename="src/cart.ts" line-rate="0.75">
      <methods><method name="add"><lines><line number="1" hits="1"/></lines></method></methods>
      <lines><line number="1" hits="1"/><line number="2" hits="1"/><line number="3" hits="1"/><line number="4" hits="0"/></lines>
    </class>
    <class name="price" filename="src/price.ts" line-rate="0.5">
      <lines><line number="1" hits="2"/><line number="2" hits="0"/><line number="3" hits="1"/><line number="4" hits="0"/></lines>
    </class>
    <class name="util" filename="src/util.ts" line-rate="0.5">
      <lines><line number="1" hits="1"/><line number="2" hits="0"/></lines>
    </class>
  </classes></package></packages>
</coverage>
`;

const BUILDSPEC = [
  'version: 0.2',
  'phases:',
  '  build:',
  '    commands:',
  '      - echo tests ran',
  'reports:',
  '  unit-tests:',
  '    files:',
  '      - junit.xml',
  '    base-directory: reports',
  '  coverage:',
  '    files:',
  '      - coverage.xml',
  '    base-directory: reports',
  '    file-format: COBERTURAXML',
  '  missing:',
  '    files:',
  '      - nowhere.xml',
  '',
].join('\n');

/** What the remote reader gives for the same reports, without the console links. */
const REMOTE: TestResults = {
  warnings: [],
  reports: [
    {
      name: 'unit-tests',
      arn: '',
      type: 'TEST',
      status: 'FAILED',
      url: undefined,
      counts: { total: 5, passed: 1, failed: 2, skipped: 1, error: 1, unknown: 0 },
      durationMs: 1500,
      failed: [
        {
          suite: 'cart',
          name: 'totals',
          status: 'FAILED',
          message:
            'expected 3, got 2\nAssertionError: expected 3, got 2\n    at src/cart.test.ts:42:7',
          durationMs: 200,
          file: 'src/cart.test.ts',
          line: 42,
        },
        {
          suite: 'cart',
          name: 'rounds prices',
          status: 'FAILED',
          message: 'off by one',
          durationMs: 300,
        },
        {
          suite: 'cart',
          name: 'connects',
          status: 'ERROR',
          message: 'ECONNREFUSED',
          durationMs: 500,
        },
      ],
      failedNotListed: 0,
      leastCovered: [],
    },
    {
      name: 'coverage',
      arn: '',
      type: 'CODE_COVERAGE',
      status: 'SUCCEEDED',
      url: undefined,
      failed: [],
      failedNotListed: 0,
      coverage: {
        linePercent: 60,
        linesCovered: 6,
        linesMissed: 4,
        branchPercent: undefined,
        branchesCovered: undefined,
        branchesMissed: undefined,
      },
      leastCovered: [
        { path: 'src/price.ts', linePercent: 50, branchPercent: undefined },
        { path: 'src/util.ts', linePercent: 50, branchPercent: undefined },
        { path: 'src/cart.ts', linePercent: 75, branchPercent: undefined },
      ],
    },
    {
      name: 'missing',
      arn: '',
      type: 'TEST',
      status: 'FAILED',
      url: undefined,
      counts: undefined,
      durationMs: undefined,
      failed: [],
      failedNotListed: 0,
      leastCovered: [],
    },
  ],
};

const run = () =>
  runBuildspec(BUILDSPEC, {
    files: { 'reports/junit.xml': JUNIT, 'reports/coverage.xml': COBERTURA },
  });

const redact = (text: string) => text;

describe('localTestResults', () => {
  it('gives the failed and errored JUnit cases and the per-file coverage in the remote shape', async () => {
    const { result } = await run();
    expect(localTestResults(result.reports)).toEqual(REMOTE);
  });

  it('caps the lists as the remote reader does and counts the rest', async () => {
    const { result } = await runBuildspec(
      [
        'version: 0.2',
        'phases:',
        '  build:',
        '    commands:',
        '      - echo tests ran',
        'reports:',
        '  many:',
        '    files:',
        "      - '*.xml'",
        '',
      ].join('\n'),
      {
        files: Object.fromEntries(
          [1, 2].map((n) => [
            `junit-${n}.xml`,
            `<testsuite name="s${n}">${Array.from(
              { length: 80 },
              (_, i) => `<testcase name="t${i}"><failure/></testcase>`,
            ).join('')}</testsuite>`,
          ]),
        ),
      },
    );
    const [report] = localTestResults(result.reports).reports;
    expect(report?.failed).toHaveLength(100);
    expect(report?.failedNotListed).toBe(60);
    expect(report?.counts?.failed).toBe(160);
  });
});

describe('a report file that cannot be read', () => {
  it('has no counts and marks the tests failed, not passed', async () => {
    const { result } = await runBuildspec(
      [
        'version: 0.2',
        'phases:',
        '  build:',
        '    commands:',
        '      - echo tests ran',
        'reports:',
        '  unit:',
        '    files:',
        '      - junit.xml',
        '',
      ].join('\n'),
      { files: { 'junit.xml': 'not xml' } },
    );
    const [report] = localTestResults(result.reports).reports;
    expect(report).toMatchObject({ status: 'FAILED', counts: undefined });
    const markdown = localSummaryMarkdown(result, Date.now(), redact);
    expect(markdown).not.toContain('✅ Tests');
    expect(markdown).toContain('is not JUNITXML');
  });
});

describe('the local summary', () => {
  it('renders the tests and coverage as a remote build does, then the report problems', async () => {
    const { result } = await run();
    const markdown = localSummaryMarkdown(result, Date.now(), redact);
    const remote = testResultsMarkdown([{ label: undefined, results: REMOTE }], { redact });
    expect(remote).toContain('#### ❌ Tests: 1 passed, 3 failed, 1 skipped of 5');
    expect(remote).toContain('| Suite | Test | Message | Duration |');
    expect(remote).toContain('#### Coverage');
    expect(markdown).toContain(remote);
    expect(markdown).toContain(
      '| Report | Status | Problem |\n|---|---|---|\n| missing | FAILED | no files matched nowhere.xml in the source directory |',
    );
    expect(markdown).not.toContain('| Report | Status | Result |');
  });

  it('matches the remote rendering but for the console links', async () => {
    const { result } = await run();
    const withLinks: TestResults = {
      ...REMOTE,
      reports: REMOTE.reports.map((report) => ({
        ...report,
        arn: `arn:aws:codebuild:eu-west-1:123456789012:report/${report.name}:1`,
        url: `https://console.aws.amazon.com/codesuite/codebuild/testReports/reports/${report.name}`,
      })),
    };
    const remote = testResultsMarkdown([{ label: undefined, results: withLinks }], { redact });
    const unlinked = remote.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    expect(unlinked).not.toBe(remote);
    expect(localSummaryMarkdown(result, Date.now(), redact)).toContain(unlinked);
  });

  it('ends the log with the tests, keeping the per-report lines', async () => {
    const { result } = await run();
    const lines = localResultLines(result, Date.now());
    expect(lines).toContain(
      'Report FAILED: unit-tests (JUNITXML): 5 tests, 2 failed, 1 errored, 1 skipped',
    );
    expect(lines[lines.length - 1]).toMatch(
      /^Local build\b[^:]* succeeded in [^:]+: 3 of 5 tests failed \(.*buildspec\.yml\)$/,
    );
  });
});
