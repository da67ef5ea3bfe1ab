import type { Build } from '@aws-sdk/client-codebuild';
import {
  COMMENT_LIMIT,
  MAX_FAILED_TEST_ROWS,
  prCommentMarker,
  prCommentMarkdown,
  prCommentRunningMarkdown,
} from '../../src/github/pr-comment-markdown.js';
import type { RunMember, RunReport } from '../../src/codebuild/run-report.js';
import type { FailedTest, TestReport } from '../../src/codebuild/test-results.js';

const t0 = Date.parse('2026-11-27T12:00:00Z');
const at = (s: number) => new Date(t0 + s * 1000);
const CONTEXT = 'AWS CodeBuild eu-west-1 (web)';
const keep = (text: string) => text;

const provisioning = {
  phaseType: 'PROVISIONING',
  phaseStatus: 'SUCCEEDED',
  startTime: at(0),
  endTime: at(10),
} as const;

function build(overrides: Partial<Build> = {}): Build {
  return {
    id: 'web:uuid',
    projectName: 'web',
    buildNumber: 7,
    buildStatus: 'SUCCEEDED',
    startTime: at(0),
    endTime: at(100),
    logs: { streamName: 'uuid', deepLink: 'https://logs/x' },
    phases: [
      provisioning,
      { phaseType: 'BUILD', phaseStatus: 'SUCCEEDED', startTime: at(10), endTime: at(90) },
    ],
    ...overrides,
  };
}

/** Failed in BUILD with `message` as the phase context, as CodeBuild reports it. */
function failedBuild(message: string, overrides: Partial<Build> = {}): Build {
  const contexts = [{ statusCode: 'COMMAND_EXECUTION_ERROR', message }];
  const failing = { phaseType: 'BUILD', phaseStatus: 'FAILED', contexts } as const;
  return build({
    buildStatus: 'FAILED',
    phases: [provisioning, { ...failing, startTime: at(10), endTime: at(90) }],
    ...overrides,
  });
}

function member(overrides: Partial<RunMember> = {}): RunMember {
  return {
    identifier: undefined,
    build: build(),
    url: 'https://console/x',
    ignoreFailure: false,
    lastLogLines: [],
    ...overrides,
  };
}

function report(overrides: Partial<RunReport> = {}): RunReport {
  return {
    kind: 'build',
    statusContext: CONTEXT,
    projectName: 'web',
    region: 'eu-west-1',
    batch: undefined,
    members: [member()],
    state: 'success',
    headline: 'Build #7 succeeded in 1m 40s',
    url: 'https://console/x',
    summaryMarkdown: '',
    ...overrides,
  };
}

function failedTest(i: number, overrides: Partial<FailedTest> = {}): FailedTest {
  return {
    suite: 'api',
    name: `returns ${i}`,
    status: 'FAILED',
    message: `expected ${i}, got 0\n    at Object.<anonymous> (src/api.test.ts:${i}:5)`,
    durationMs: 5,
    ...overrides,
  };
}

function testReport(
  failed: FailedTest[],
  overrides: Partial<TestReport> = {},
  total = 20,
): TestReport {
  const failedNotListed = overrides.failedNotListed ?? 0;
  return {
    name: 'web-unit',
    arn: 'arn:aws:codebuild:eu-west-1:123456789012:report/web-unit:1',
    type: 'TEST',
    status: 'FAILED',
    url: 'https://console/report',
    counts: {
      total,
      passed: total - failed.length - failedNotListed,
      failed: failed.length + failedNotListed,
      skipped: 0,
      error: 0,
      unknown: 0,
    },
    failed,
    failedNotListed,
    leastCovered: [],
    ...overrides,
  };
}

/** The rows of the first failed-tests table after `from`. */
function testRows(markdown: string, from = 0): string[][] {
  const body = markdown.slice(from).split('\n');
  const start = body.findIndex((line) => line === '| Test | Message |');
  if (start < 0) return [];
  const rows: string[][] = [];
  for (const line of body.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

const lines = (n: number, prefix = 'line') =>
  Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);

/** The rows of the result table, each split at the `|` that GitHub splits cells at. */
function tableRows(markdown: string): string[][] {
  const body = markdown.split('\n');
  const start = body.findIndex((line) => line.startsWith('| Build | Status |'));
  const rows: string[][] = [];
  for (const line of body.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

describe('sticky PR comment Markdown', () => {
  it('shows a successful build as a marker, a heading and one table row with its links', () => {
    const markdown = prCommentMarkdown(report(), keep);
    expect(markdown.split('\n')[0]).toBe(prCommentMarker(CONTEXT));
    // "#7" would cross-reference issue 7: a zero-width space keeps it plain text.
    expect(markdown).toContain('### ✅ Build #&#8203;7 succeeded in 1m 40s');
    expect(markdown).toContain(
      '**AWS CodeBuild eu-west-1 (web)** · [CodeBuild console](https://console/x)',
    );
    expect(tableRows(markdown)).toEqual([
      [
        'Build #&#8203;7',
        '✅ SUCCEEDED',
        '1m 40s',
        '—',
        '—',
        '[Build #&#8203;7](https://console/x) · [log](https://logs/x)',
      ],
    ]);
    expect(markdown).not.toContain('<details>');
  });

  it('shows a failed build with its failing phase, context and the last 30 of its log lines', () => {
    const markdown = prCommentMarkdown(
      report({
        state: 'failure',
        headline: 'Build #7 failed in BUILD after 1m 40s: make test (exit status 2)',
        members: [
          member({
            build: failedBuild('Error while executing command: make test. Reason: exit status 2'),
            lastLogLines: lines(40),
          }),
        ],
      }),
      keep,
    );
    expect(markdown).toContain('### ❌ Build #&#8203;7 failed in BUILD after 1m 40s');
    expect(tableRows(markdown)[0]!.slice(1, 5)).toEqual([
      '❌ FAILED',
      '1m 40s',
      'BUILD',
      'make test (exit status 2)',
    ]);
    expect(markdown).toContain(
      '<details><summary>Last 30 log lines of Build #&#8203;7</summary>\n\n```text\nline 11\n',
    );
    expect(markdown).toContain('line 40\n```\n\n</details>');
    expect(markdown).not.toContain('line 10\n');
  });

  it('shows every batch member: failed, failed but ignored, succeeded and never started', () => {
    const markdown = prCommentMarkdown(
      report({
        kind: 'batch',
        state: 'failure',
        headline: 'Batch failed: 1 of 4 builds failed',
        members: [
          member({ identifier: 'lint', build: build({ buildNumber: 1 }) }),
          member({
            identifier: 'tests',
            build: failedBuild('Error while executing command: npm test. Reason: exit status 1', {
              buildNumber: 2,
            }),
            lastLogLines: lines(3, 'tests'),
          }),
          member({
            identifier: 'flaky',
            ignoreFailure: true,
            build: failedBuild('Error while executing command: e2e. Reason: exit status 1', {
              buildNumber: 3,
            }),
            lastLogLines: lines(2, 'flaky'),
          }),
          member({ identifier: 'deploy', build: undefined, url: undefined }),
        ],
      }),
      keep,
    );
    const rows = tableRows(markdown);
    expect(rows.map((row) => row.slice(0, 5))).toEqual([
      ['lint', '✅ SUCCEEDED', '1m 40s', '—', '—'],
      ['tests', '❌ FAILED', '1m 40s', 'BUILD', 'npm test (exit status 1)'],
      [
        'flaky',
        '❌ FAILED (ignore-failure: does not fail the batch)',
        '1m 40s',
        'BUILD',
        'e2e (exit status 1)',
      ],
      ['deploy', '⏸️ not started', '—', '—', '—'],
    ]);
    expect(rows[3]![5]).toBe('—');
    expect(markdown).toContain('Last 3 log lines of tests (Build #&#8203;2)</summary>');
    expect(markdown).toContain('Last 2 log lines of flaky (Build #&#8203;3) (failure ignored)');
    expect(markdown.match(/<details>/g)).toHaveLength(2);
  });

  it('lists exported variables per build, values as code', () => {
    const markdown = prCommentMarkdown(
      report({
        kind: 'batch',
        members: [
          member({
            identifier: 'image',
            build: build({ exportedEnvironmentVariables: [{ name: 'IMAGE_URI', value: 'x|y' }] }),
          }),
        ],
      }),
      keep,
    );
    expect(markdown).toContain(
      '#### Exported variables\n\n| Build | Name | Value |\n|---|---|---|\n',
    );
    expect(markdown).toContain('| image | IMAGE_URI | `x\\|y` |');
  });

  it('redacts a secret in a log line and in a failure context containing `|`, before escaping', () => {
    const secret = 'pa|ss-w0rd';
    const redact = (text: string) => text.split(secret).join('***');
    const markdown = prCommentMarkdown(
      report({
        state: 'failure',
        headline: `Build #7 failed: curl -u admin:${secret}`,
        members: [
          member({
            build: failedBuild(
              `Error while executing command: curl -u admin:${secret}. Reason: exit status 22`,
            ),
            lastLogLines: [`token=${secret}`, `\u001b[31m${secret}\u001b[0m`],
          }),
        ],
      }),
      redact,
    );
    expect(markdown).not.toContain('ss-w0rd');
    expect(tableRows(markdown)[0]![4]).toBe('curl -u admin:\\*\\*\\* (exit status 22)');
    expect(markdown).toContain('```text\ntoken=***\n***\n```');
  });

  it('takes terminal colours and control characters out of log lines', () => {
    const markdown = prCommentMarkdown(
      report({
        state: 'failure',
        members: [
          member({
            build: failedBuild('boom'),
            lastLogLines: ['\u001b[1;31merror\u001b[0m: x\r', 'bell\u0007 \u202eevil'],
          }),
        ],
      }),
      keep,
    );
    expect(markdown).toContain('```text\nerror: x\nbell evil\n```');
  });

  it('fences log lines with more backticks than any run inside them', () => {
    const markdown = prCommentMarkdown(
      report({
        state: 'failure',
        members: [
          member({ build: failedBuild('boom'), lastLogLines: ['``````', '```', '</details>'] }),
        ],
      }),
      keep,
    );
    expect(markdown).toContain('```````text\n``````\n```\n</details>\n```````\n');
  });

  it('keeps a 200 KB log tail under GitHub’s 65,536 characters, with the marker and every row', () => {
    const long = (id: string) =>
      member({
        identifier: id,
        build: failedBuild('boom'),
        lastLogLines: Array.from({ length: 30 }, (_, i) => `${id} ${i} ${'x'.repeat(7_000)}`),
      });
    const members = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(long);
    const markdown = prCommentMarkdown(report({ kind: 'batch', state: 'failure', members }), keep);
    expect(members.flatMap((m) => m.lastLogLines).join('\n').length).toBeGreaterThan(
      200 * 1024 * 8,
    );
    expect(markdown.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(markdown.split('\n')[0]).toBe(prCommentMarker(CONTEXT));
    expect(tableRows(markdown).map((row) => row[0])).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
      'g',
      'h',
    ]);
    // Fewer lines per build first: every failed build still shows its last lines.
    expect(markdown.match(/<details>/g)).toHaveLength(8);
    expect(markdown).toMatch(
      /Last \d+ log lines of a \(Build #&#8203;7\) \(shortened to fit the comment\)/,
    );
    expect(markdown).toContain('a 29 xxx');

    const single = prCommentMarkdown(
      report({
        state: 'failure',
        members: [member({ build: failedBuild('boom'), lastLogLines: ['y'.repeat(200 * 1024)] })],
      }),
      keep,
    );
    expect(single.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(single).toContain(`${'y'.repeat(999)}…\n`);
  });

  it('drops log blocks with a note when even one line each would not fit', () => {
    const members = Array.from({ length: 100 }, (_, i) =>
      member({
        identifier: `shard-${i}`,
        build: failedBuild('boom'),
        lastLogLines: ['z'.repeat(5_000)],
      }),
    );
    const markdown = prCommentMarkdown(report({ kind: 'batch', state: 'failure', members }), keep);
    expect(markdown.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(tableRows(markdown)).toHaveLength(100);
    expect(markdown).toMatch(
      /The last log lines of \d+ failed builds are not shown: the comment would exceed GitHub's 65,536-character limit/,
    );
  });

  it('lists a build’s failed tests with their first message line and the counts', () => {
    const tests = {
      reports: [testReport([failedTest(1), failedTest(2), failedTest(3)])],
      warnings: [],
    };
    const markdown = prCommentMarkdown(
      report({
        state: 'failure',
        members: [
          member({
            build: failedBuild('Error while executing command: make test. Reason: exit status 1'),
            tests,
          }),
        ],
      }),
      keep,
    );
    expect(markdown).toContain(
      '#### Failed tests\n\n3 of 20 tests failed.\n\n| Test | Message |\n|---|---|\n',
    );
    expect(testRows(markdown)).toEqual([
      ['api › returns 1', 'expected 1, got 0'],
      ['api › returns 2', 'expected 2, got 0'],
      ['api › returns 3', 'expected 3, got 0'],
    ]);
    expect(markdown).not.toContain('more failed test');
    // After the builds table, before the log blocks.
    expect(markdown.indexOf('| Build | Status |')).toBeLessThan(
      markdown.indexOf('#### Failed tests'),
    );
  });

  it(`shows at most ${MAX_FAILED_TEST_ROWS} failed tests per build, then how many more with the report`, () => {
    const failed = Array.from({ length: 14 }, (_, i) => failedTest(i + 1));
    const tests = {
      reports: [
        testReport(failed.slice(0, 12), { failedNotListed: 30 }, 400),
        testReport(failed.slice(12), { url: undefined }, 100),
      ],
      warnings: [],
    };
    const markdown = prCommentMarkdown(
      report({ state: 'failure', members: [member({ build: failedBuild('x'), tests })] }),
      keep,
    );
    expect(testRows(markdown)).toHaveLength(MAX_FAILED_TEST_ROWS);
    expect(markdown).toContain('44 of 500 tests failed.');
    // 4 listed beyond the rows and 30 the report did not list.
    expect(markdown).toContain('…and 34 more failed tests ([report](https://console/report))');
  });

  it('says how many failed without a link when no report has one, or none are listed', () => {
    const tests = {
      reports: [testReport([], { failedNotListed: 3, url: undefined })],
      warnings: [],
    };
    const markdown = prCommentMarkdown(
      report({ state: 'failure', members: [member({ build: failedBuild('x'), tests })] }),
      keep,
    );
    expect(testRows(markdown)).toEqual([]);
    expect(markdown).toContain('3 of 20 tests failed.\n\n3 more failed tests\n');
  });

  it('gives only the failing members of a batch a table, under their names', () => {
    const markdown = prCommentMarkdown(
      report({
        kind: 'batch',
        state: 'failure',
        members: [
          member({
            identifier: 'linux',
            build: failedBuild('x'),
            tests: { reports: [testReport([failedTest(1)])], warnings: [] },
          }),
          member({ identifier: 'windows', tests: { reports: [testReport([])], warnings: [] } }),
          member({
            identifier: 'arm',
            build: failedBuild('x'),
            tests: { reports: [testReport([failedTest(2)])], warnings: [] },
          }),
        ],
      }),
      keep,
    );
    expect(markdown.match(/#### Failed tests of/g)).toHaveLength(2);
    expect(markdown).toContain('#### Failed tests of linux (Build #&#8203;7)');
    expect(markdown).not.toContain('Failed tests of windows');
    const arm = markdown.indexOf('#### Failed tests of arm');
    expect(arm).toBeGreaterThan(0);
    expect(testRows(markdown, arm)).toEqual([['api › returns 2', 'expected 2, got 0']]);
  });

  it('escapes `|`, HTML and mentions in test names and messages, after redacting', () => {
    const secret = 's3cr|et';
    const redact = (text: string) => text.split(secret).join('***');
    const tests = {
      reports: [
        testReport([
          failedTest(1, {
            suite: 'a|b',
            name: '<script>alert(1)</script> @octocat',
            message: `\u001b[31mtoken ${secret} refused | <img src=x>\u001b[0m\nsecond line`,
          }),
          failedTest(2, { message: '' }),
        ]),
      ],
      warnings: [],
    };
    const markdown = prCommentMarkdown(
      report({ state: 'failure', members: [member({ build: failedBuild('x'), tests })] }),
      redact,
    );
    expect(markdown).not.toContain('<script>');
    expect(markdown).not.toContain('<img');
    expect(markdown).not.toContain('s3cr');
    expect(testRows(markdown)).toEqual([
      [
        'a\\|b › &lt;script&gt;alert(1)&lt;/script&gt; @&#8203;octocat',
        'token \\*\\*\\* refused \\| &lt;img src=x&gt;',
      ],
      ['api › returns 2', '—'],
    ]);
  });

  it('derives a stable marker from the status context that no context can break out of', () => {
    expect(prCommentMarker(CONTEXT)).toBe(prCommentMarker(CONTEXT));
    expect(prCommentMarker(CONTEXT)).toMatch(/^<!-- buildbridge:pr-comment [0-9a-f]{16} -->$/);
    expect(prCommentMarker(CONTEXT)).not.toBe(prCommentMarker('AWS CodeBuild eu-west-1 (api)'));
    expect(prCommentMarker('x --> <b>')).not.toContain('<b>');
    const running = prCommentRunningMarkdown({ statusContext: CONTEXT, url: 'https://c/x' }, keep);
    expect(running.split('\n')[0]).toBe(prCommentMarker(CONTEXT));
    expect(running).toContain('running');
  });

  it('keeps a hostile identifier from closing the marker, adding HTML or mentioning anyone', () => {
    const hostile = 'x --> <script>alert(1)</script> @org/team | `y` #12';
    const markdown = prCommentMarkdown(
      report({
        kind: 'batch',
        statusContext: `ctx ${hostile}`,
        state: 'failure',
        headline: `Batch failed: ${hostile}`,
        members: [
          member({
            identifier: hostile,
            build: failedBuild(`Error while executing command: ${hostile}. Reason: x`),
            lastLogLines: ['@org/team in a log line is code, not a mention'],
            url: 'https://console/x|y',
          }),
        ],
      }),
      keep,
    );
    expect(markdown.match(/-->/g)).toHaveLength(1);
    expect(markdown).not.toMatch(/<script|<\/script/);
    expect(markdown.replace(/```text\n[^`]*```/, '')).not.toMatch(/@org|#12/);
    expect(markdown).toContain('@&#8203;org/team');
    expect(markdown).toContain('<summary>Last 1 log lines of x --&gt; &lt;script&gt;');
    const [row] = tableRows(markdown);
    expect(row).toHaveLength(6);
    expect(row![5]).toBe('[Build #&#8203;7](https://console/x%7Cy) · [log](https://logs/x)');
  });
});
