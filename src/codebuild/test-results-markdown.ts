/**
 * Test results in the job summary: per report its counts and duration (a total row for more
 * than one), the failed tests in a table, each failure's message (stack trace trimmed) in a
 * collapsed block, and coverage with the least-covered files. The lists are capped and the
 * whole section kept within a byte budget; what is left out is counted, with the link to the
 * report in the CodeBuild console. Used for one build, a batch's members and a local run alike.
 * Every text from a report is redacted, then escaped: it is shown, never rendered as ours.
 */
import { formatDuration } from '../util/duration.js';
import { markdownCell, markdownUrl } from '../util/markdown.js';
import { firstLine, testTitle, trimmedMessage } from './test-message.js';
import {
  failedCount,
  formatPercent,
  isTestReport,
  sumCounts,
  type FailedTest,
  type TestCounts,
  type TestReport,
  type TestResults,
} from './test-results.js';

/** Results of one build; `label` names a batch member (its identifier). */
export interface LabelledResults {
  readonly label: string | undefined;
  readonly results: TestResults;
}

export interface TestsMarkdownOptions {
  readonly redact: (text: string) => string;
  /** Bytes the section may take; default TESTS_SUMMARY_BYTES. */
  readonly budgetBytes?: number;
  /** Rows of the failed-tests table; default FAILED_ROWS. */
  readonly failedRows?: number;
}

/** Well within the job summary's 1 MiB, which the build's own summary shares. */
export const TESTS_SUMMARY_BYTES = 768 * 1024;
/** GitHub's limit for one step's job summary. */
const JOB_SUMMARY_BYTES = 1024 * 1024;
/** What the runner and the join take besides the two parts. */
const SUMMARY_MARGIN_BYTES = 4 * 1024;
export const FAILED_ROWS = 50;

/**
 * The build's (or batch's) summary followed by the test results section, the section's budget
 * what is left of the job summary's 1 MiB (at most TESTS_SUMMARY_BYTES).
 */
export function withTestResults(
  summary: string,
  builds: readonly LabelledResults[],
  redact: (text: string) => string,
): string {
  const left = JOB_SUMMARY_BYTES - SUMMARY_MARGIN_BYTES - Buffer.byteLength(summary, 'utf8');
  const section = testResultsMarkdown(builds, {
    redact,
    budgetBytes: Math.max(0, Math.min(TESTS_SUMMARY_BYTES, left)),
  });
  return section === '' ? summary : `${summary}\n${section}`;
}

/** The section; '' when no build has reports. */
export function testResultsMarkdown(
  builds: readonly LabelledResults[],
  options: TestsMarkdownOptions,
): string {
  const withReports = builds.filter((build) => build.results.reports.length > 0);
  if (withReports.length === 0) return '';
  const cell = (text: string) => markdownCell(options.redact(text));
  const budget = new Budget(options.budgetBytes ?? TESTS_SUMMARY_BYTES);
  const labelled = withReports.some((build) => build.label !== undefined);
  const tests = withReports.flatMap((build) =>
    build.results.reports.filter(isTestReport).map((report) => ({ label: build.label, report })),
  );
  const coverage = withReports.flatMap((build) =>
    build.results.reports
      .filter((report) => report.coverage)
      .map((report) => ({ label: build.label, report })),
  );

  if (tests.length > 0) {
    const counts = sumCounts(tests.map(({ report }) => report))!;
    budget.add(
      `#### ${failedCount(counts) > 0 || tests.some(({ report }) => report.status === 'FAILED') ? '❌' : '✅'} Tests: ${headline(counts)}`,
      '',
      `| ${labelled ? 'Build | ' : ''}Report | Status | Passed | Failed | Error | Skipped | Duration |`,
      `|${labelled ? '---|' : ''}---|---|--:|--:|--:|--:|--:|`,
    );
    for (const { label, report } of tests) {
      const c = report.counts!;
      budget.add(
        `| ${labelled ? `${cell(label ?? '')} | ` : ''}${reportName(report, cell)} | ${cell(report.status)} | ${c.passed} | ${c.failed} | ${c.error} | ${c.skipped} | ${testDuration(report.durationMs)} |`,
      );
    }
    if (tests.length > 1)
      budget.add(
        `| ${labelled ? '**Total** | ' : '**Total**'} | | ${counts.passed} | ${counts.failed} | ${counts.error} | ${counts.skipped} | |`,
      );
    budget.add('');
    failedSection(tests, cell, options, budget);
  }
  if (coverage.length > 0) coverageSection(coverage, labelled, cell, budget);
  return budget.text();
}

function headline(counts: TestCounts): string {
  const failed = failedCount(counts);
  const parts = [`${counts.passed} passed`];
  if (failed > 0) parts.push(`${failed} failed`);
  if (counts.skipped > 0) parts.push(`${counts.skipped} skipped`);
  return `${parts.join(', ')} of ${counts.total}`;
}

function reportName(report: TestReport, cell: (text: string) => string): string {
  return report.url ? `[${cell(report.name)}](${markdownUrl(report.url)})` : cell(report.name);
}

function failedSection(
  tests: readonly { label: string | undefined; report: TestReport }[],
  cell: (text: string) => string,
  options: TestsMarkdownOptions,
  budget: Budget,
): void {
  const failed = tests.flatMap(({ label, report }) =>
    report.failed.map((test) => ({ label, report, test })),
  );
  const notListed = tests.reduce((sum, { report }) => sum + report.failedNotListed, 0);
  if (failed.length === 0 && notListed === 0) return;
  const rows = options.failedRows ?? FAILED_ROWS;
  const labelled = tests.some(({ label }) => label !== undefined);
  const title = (label: string | undefined, test: FailedTest) =>
    `${label ? `${label}: ` : ''}${testTitle(test)}`;
  budget.add('| Suite | Test | Message | Duration |', '|---|---|---|--:|');
  let shown = 0;
  for (const { label, test } of failed.slice(0, rows)) {
    const added = budget.add(
      `| ${cell(`${labelled && label ? `${label}: ` : ''}${test.suite}`)} | ${cell(test.name)}${test.status === 'ERROR' ? ' (error)' : ''} | ${cell(firstLine(options.redact(test.message)))} | ${testDuration(test.durationMs)} |`,
    );
    if (!added) break;
    shown += 1;
  }
  budget.add('');
  const redact = options.redact;
  const withMessages = failed.filter(({ test }) => test.message.trim() !== '');
  if (withMessages.length > 0 && budget.add('<details><summary>Failure messages</summary>', '')) {
    let messages = 0;
    for (const { label, test } of withMessages) {
      const text = redact(trimmedMessage(redact(test.message)));
      const added = budget.add(`**${cell(title(label, test))}**`, '', ...fenced(text), '');
      if (!added) break;
      messages += 1;
    }
    if (messages < withMessages.length)
      budget.force(`_${withMessages.length - messages} more messages are not shown._`, '');
    budget.force('</details>', '');
  }
  const more = failed.length - shown + notListed;
  if (more > 0) {
    const links = tests
      .filter(
        ({ report }) => report.url && (report.failedNotListed > 0 || report.failed.length > 0),
      )
      .map(
        ({ label, report }) =>
          `[${cell(label ? `${label}: ${report.name}` : report.name)}](${markdownUrl(report.url!)})`,
      );
    budget.force(
      `_…and ${more} more failed test${more === 1 ? '' : 's'}${links.length > 0 ? `: see ${links.join(', ')} in the CodeBuild console` : ''}._`,
      '',
    );
  }
}

function coverageSection(
  coverage: readonly { label: string | undefined; report: TestReport }[],
  labelled: boolean,
  cell: (text: string) => string,
  budget: Budget,
): void {
  const percent = (value: number | undefined) => (value === undefined ? '' : formatPercent(value));
  budget.add(
    '#### Coverage',
    '',
    `| ${labelled ? 'Build | ' : ''}Report | Lines | Branches |`,
    `|${labelled ? '---|' : ''}---|--:|--:|`,
  );
  for (const { label, report } of coverage) {
    const total = report.coverage!;
    budget.add(
      `| ${labelled ? `${cell(label ?? '')} | ` : ''}${reportName(report, cell)} | ${percent(total.linePercent)} | ${percent(total.branchPercent)} |`,
    );
  }
  budget.add('');
  const files = coverage.flatMap(({ label, report }) =>
    report.leastCovered.map((file) => ({ label, file })),
  );
  if (files.length === 0) return;
  budget.add(
    '<details><summary>Least-covered files</summary>',
    '',
    `| ${labelled ? 'Build | ' : ''}File | Lines | Branches |`,
    `|${labelled ? '---|' : ''}---|--:|--:|`,
  );
  for (const { label, file } of files)
    budget.add(
      `| ${labelled ? `${cell(label ?? '')} | ` : ''}${cell(file.path)} | ${percent(file.linePercent)} | ${percent(file.branchPercent)} |`,
    );
  budget.force('', '</details>', '');
}

/** Tests are quick: 120 ms, 4.5 s, then as builds are told (3m 12s). */
function testDuration(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  return formatDuration(ms);
}

/** A code block that the text cannot close: a fence longer than any backtick run in it. */
function fenced(text: string): string[] {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}text`, text, fence];
}

/**
 * Lines added while they fit; `force` adds closing lines regardless, from a reserve kept for
 * them, so a cut section never leaves a table, a block or a fence open.
 */
class Budget {
  private static readonly RESERVE = 1_024;
  private readonly lines: string[] = [];
  private used = 0;
  constructor(private readonly bytes: number) {}

  add(...lines: string[]): boolean {
    const size = lines.reduce((sum, line) => sum + Buffer.byteLength(line, 'utf8') + 1, 0);
    if (this.used + size > this.bytes - Budget.RESERVE) return false;
    this.push(lines, size);
    return true;
  }

  force(...lines: string[]): void {
    this.push(
      lines,
      lines.reduce((sum, line) => sum + Buffer.byteLength(line, 'utf8') + 1, 0),
    );
  }

  text(): string {
    return this.lines.join('\n');
  }

  private push(lines: string[], size: number): void {
    this.lines.push(...lines);
    this.used += size;
  }
}
