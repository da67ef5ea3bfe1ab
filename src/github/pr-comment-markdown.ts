/**
 * The sticky pull request comment's Markdown: a hidden marker that finds the comment again, a
 * heading, one table row per build (or batch member), exported variables, the failed tests of
 * each build that has some (a few rows each) and the last log lines of each failed build. Everything that came from outside (contexts, identifiers, log lines,
 * variable values, links) is redacted first, then escaped so that it cannot break the table or
 * the HTML, notify anyone (@user, @org/team) or cross-reference an issue (#12). The body is kept
 * within GitHub's comment limit by shrinking the log blocks, never the marker or the table.
 */
import { createHash } from 'node:crypto';
import type { Build } from '@aws-sdk/client-codebuild';
import {
  buildDurationMs,
  buildLabel,
  commitState,
  failedPhase,
  failureReason,
  isFinal,
} from '../codebuild/build-outcome.js';
import { REPORTED_LOG_LINES, type RunMember, type RunReport } from '../codebuild/run-report.js';
import { ANSI, firstLine, testTitle } from '../codebuild/test-message.js';
import { failedCount, sumCounts } from '../codebuild/test-results.js';
import { clip, type CommitState } from '../status/commit-status.js';
import { formatDuration } from '../util/duration.js';
import { markdownCell, markdownCodeCell, markdownUrl } from '../util/markdown.js';

/** GitHub refuses longer comment bodies (422 "body is too long (maximum is 65536 characters)"). */
export const COMMENT_LIMIT = 65_536;
/** A log line longer than this is cut: one minified bundle must not crowd out the others. */
const MAX_LOG_LINE = 1_000;
/** Table cells from outside (failure contexts, identifiers) are cut before escaping. */
const MAX_CELL = 300;
/** At most this many failed tests are listed per build; the rest are counted, with a link. */
export const MAX_FAILED_TEST_ROWS = 10;
/** How far a log block shrinks before it is dropped. */
const SHRUNK_LINE_COUNTS = [20, 10, 5, 3, 1];

const ICONS: Record<CommitState, string> = {
  success: '✅',
  failure: '❌',
  error: '💥',
  stopped: '⏹️',
  pending: '⏳',
};

/** Other control characters and the bidirectional overrides that make text read differently. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The hidden first line that finds the comment again: one per status context, the same on every
 * run. A digest rather than the context itself, so no context can end the HTML comment early.
 */
export function prCommentMarker(statusContext: string): string {
  const digest = createHash('sha256').update(statusContext, 'utf8').digest('hex').slice(0, 16);
  return `<!-- buildbridge:pr-comment ${digest} -->`;
}

/** The comment while a new run is under way: it replaces the previous run's now stale result. */
export function prCommentRunningMarkdown(
  run: { readonly statusContext: string; readonly url: string },
  redact: (text: string) => string,
): string {
  const text = escapers(redact);
  return [
    prCommentMarker(run.statusContext),
    '',
    `### ${ICONS.pending} ${text.cell(run.statusContext)}: running`,
    '',
    `${text.link('Open the run in the CodeBuild console', run.url)}. This comment is updated when the run ends.`,
    '',
  ].join('\n');
}

export function prCommentMarkdown(report: RunReport, redact: (text: string) => string): string {
  const text = escapers(redact);
  const head = [
    prCommentMarker(report.statusContext),
    '',
    `### ${ICONS[report.state]} ${text.cell(clip(report.headline, 1_000))}`,
    '',
    `**${text.cell(report.statusContext)}** · ${text.link('CodeBuild console', report.url)}`,
    '',
  ].join('\n');
  const rows = report.members.map((member) => memberRow(member, text));
  const variables = variablesSection(report, text);
  const tests = report.members
    .map((member) => failedTestsSection(member, report.kind === 'batch', text, redact))
    .filter((section) => section !== '')
    .join('\n');
  const tails = report.members.filter(failedWithLog).map((member) => ({
    title: memberName(member),
    ignored: member.ignoreFailure,
    lines: member.lastLogLines.slice(-REPORTED_LOG_LINES).map((line) => logLine(line, redact)),
  }));
  return fit(head, rows, { variables, tests }, tails, text);
}

interface Escapers {
  /** Plain text in Markdown (a table cell, a heading). */
  readonly cell: (text: string) => string;
  /** Plain text inside HTML (`<summary>`), where Markdown escapes would show. */
  readonly html: (text: string) => string;
  /** Text shown as code in a table cell. */
  readonly code: (text: string) => string;
  readonly link: (label: string, url: string) => string;
}

function escapers(redact: (text: string) => string): Escapers {
  return {
    cell: (text) => inert(markdownCell(redact(text))),
    html: (text) => inert(escapeHtml(redact(text))),
    code: (text) => markdownCodeCell(redact(text)),
    // `|` would end the table cell even inside a link target.
    link: (label, url) => `[${label}](${markdownUrl(redact(url)).replace(/\|/g, '%7C')})`,
  };
}

/**
 * A zero-width space after `@` and before an issue number: GitHub neither notifies @someone nor
 * cross-references #12 (also our own "Build #12", which would link issue 12), and it reads the same.
 */
function inert(escaped: string): string {
  return escaped.replace(/@(?=[A-Za-z0-9])|#(?=\d)/g, '$&&#8203;');
}

function escapeHtml(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function memberName(member: RunMember): string {
  const label = member.build ? buildLabel(member.build) : undefined;
  if (member.identifier === undefined) return label ?? 'the build';
  return label ? `${member.identifier} (${label})` : member.identifier;
}

const TABLE_HEADER = [
  '| Build | Status | Duration | Failing phase | Failure context | Links |',
  '|---|---|--:|---|---|---|',
];

function memberRow(member: RunMember, text: Escapers): string {
  const build = member.build;
  const name = text.cell(clip(member.identifier ?? (build ? buildLabel(build) : ''), MAX_CELL));
  if (!build) return `| ${name} | ⏸️ not started | — | — | — | — |`;
  const state = commitState(build);
  const final = isFinal(build);
  const status = final
    ? `${ICONS[state]} ${build.buildStatus}${member.ignoreFailure && state !== 'success' ? ' (ignore-failure: does not fail the batch)' : ''}`
    : `${ICONS.pending} ${build.buildStatus ?? 'IN_PROGRESS'}${build.currentPhase ? ` (${text.cell(build.currentPhase)})` : ''}`;
  const end = build.endTime?.getTime();
  const duration = end === undefined ? '—' : formatDuration(buildDurationMs(build, end));
  const phase = final && state !== 'success' ? failedPhase(build) : undefined;
  const context = failureReason(phase);
  return [
    '',
    name,
    status,
    duration,
    phase?.phaseType ? text.cell(phase.phaseType) : '—',
    context ? text.cell(clip(context, MAX_CELL)) : '—',
    links(member, build, text),
    '',
  ]
    .join(' | ')
    .trim();
}

function links(member: RunMember, build: Build, text: Escapers): string {
  const parts: string[] = [];
  if (member.url) parts.push(text.link(text.cell(buildLabel(build)), member.url));
  // Before the log stream exists the deep link carries group=null;stream=null.
  if (build.logs?.streamName && build.logs.deepLink)
    parts.push(text.link('log', build.logs.deepLink));
  return parts.length > 0 ? parts.join(' · ') : '—';
}

function variablesSection(report: RunReport, text: Escapers): string {
  const batch = report.kind === 'batch';
  const rows = report.members.flatMap((member) =>
    (member.build?.exportedEnvironmentVariables ?? [])
      .filter((variable) => variable.name)
      .map((variable) => {
        const cells = [text.cell(variable.name ?? ''), text.code(variable.value ?? '')];
        if (batch) cells.unshift(text.cell(clip(member.identifier ?? '', MAX_CELL)));
        return `| ${cells.join(' | ')} |`;
      }),
  );
  if (rows.length === 0) return '';
  const header = batch
    ? ['| Build | Name | Value |', '|---|---|---|']
    : ['| Name | Value |', '|---|---|'];
  return ['#### Exported variables', '', ...header, ...rows, ''].join('\n');
}

/**
 * A build's failed tests: how many of how many failed, then at most MAX_FAILED_TEST_ROWS rows of
 * test and first message line, then how many more (with a link to the report). Empty for a build
 * without failed tests, so a batch lists only its failing members.
 */
function failedTestsSection(
  member: RunMember,
  batch: boolean,
  text: Escapers,
  redact: (text: string) => string,
): string {
  const reports = member.tests?.reports ?? [];
  const listed = reports.flatMap((report) => report.failed);
  const notListed = reports.reduce((sum, report) => sum + report.failedNotListed, 0);
  const counts = sumCounts(reports);
  const failed = counts ? failedCount(counts) : 0;
  if (listed.length + notListed === 0 && failed === 0) return '';
  const title = batch
    ? `Failed tests of ${text.cell(clip(memberName(member), MAX_CELL))}`
    : 'Failed tests';
  const lines = [`#### ${title}`, ''];
  if (counts)
    lines.push(`${failed} of ${counts.total} test${counts.total === 1 ? '' : 's'} failed.`, '');
  const shown = listed.slice(0, MAX_FAILED_TEST_ROWS);
  if (shown.length > 0) {
    lines.push('| Test | Message |', '|---|---|');
    for (const test of shown) {
      const message = firstLine(redact(test.message).replace(ANSI, '')).replace(CONTROL, '');
      lines.push(
        `| ${text.cell(clip(redact(testTitle(test)), MAX_CELL))} | ${message ? text.cell(clip(message, MAX_CELL)) : '—'} |`,
      );
    }
    lines.push('');
  }
  const more = listed.length - shown.length + notListed;
  if (more > 0) {
    // The first report with a failed test not shown: where the reader finds the rest.
    let before = 0;
    const beyond = reports.find((report) => {
      before += report.failed.length;
      return report.failedNotListed > 0 || before > shown.length;
    });
    const link = beyond?.url ? ` (${text.link('report', beyond.url)})` : '';
    lines.push(
      `${shown.length > 0 ? '…and ' : ''}${more} more failed test${more === 1 ? '' : 's'}${link}`,
      '',
    );
  }
  return lines.join('\n');
}

function failedWithLog(member: RunMember): boolean {
  if (!member.build || !isFinal(member.build) || member.lastLogLines.length === 0) return false;
  const state = commitState(member.build);
  return state === 'failure' || state === 'error';
}

/** Redacted before and after the escapes are taken out, so a coloured secret is caught too. */
function logLine(line: string, redact: (text: string) => string): string {
  return clip(redact(redact(line).replace(ANSI, '').replace(CONTROL, '')), MAX_LOG_LINE);
}

interface LogTail {
  readonly title: string;
  readonly ignored: boolean;
  readonly lines: readonly string[];
}

function logBlock(tail: LogTail, count: number, text: Escapers): string {
  const lines = tail.lines.slice(-count);
  const longestRun = Math.max(
    0,
    ...lines.flatMap((line) => line.match(/`+/g) ?? []).map((run) => run.length),
  );
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const shortened = lines.length < tail.lines.length ? ' (shortened to fit the comment)' : '';
  const ignored = tail.ignored ? ' (failure ignored)' : '';
  return [
    `<details><summary>Last ${lines.length} log lines of ${text.html(tail.title)}${ignored}${shortened}</summary>`,
    '',
    `${fence}text`,
    ...lines,
    fence,
    '',
    '</details>',
    '',
  ].join('\n');
}

/**
 * The largest body within COMMENT_LIMIT: all log lines if they fit, else fewer lines per block,
 * else fewer blocks (the last ones go), each step said in the body. Only when the head and the
 * table alone are too long (a batch of hundreds) do the variables, the failed tests and then the
 * last rows give way.
 */
function fit(
  head: string,
  rows: readonly string[],
  sections: { readonly variables: string; readonly tests: string },
  tails: readonly LogTail[],
  text: Escapers,
): string {
  const { variables, tests } = sections;
  const compose = (shownRows: number, withVariables: boolean, blocks: readonly string[]) => {
    const notes: string[] = [];
    const hiddenRows = rows.length - shownRows;
    if (hiddenRows > 0)
      notes.push(`_${hiddenRows} more builds not shown: see the batch in the CodeBuild console._`);
    if (!withVariables && variables) notes.push('_Exported variables not shown._');
    if (!withVariables && tests) notes.push('_Failed tests not shown._');
    const hiddenTails = tails.length - blocks.length;
    if (hiddenTails > 0)
      notes.push(
        `_The last log lines of ${hiddenTails} failed build${hiddenTails === 1 ? '' : 's'} are not shown: the comment would exceed GitHub's ${COMMENT_LIMIT.toLocaleString('en-US')}-character limit. See the logs in the CodeBuild console._`,
      );
    const table = [...TABLE_HEADER, ...rows.slice(0, shownRows), ''].join('\n');
    return [
      head,
      table,
      withVariables ? variables : '',
      withVariables ? tests : '',
      ...blocks,
      ...notes.map((n) => `${n}\n`),
    ]
      .filter((part) => part !== '')
      .join('\n');
  };
  const withTails = (kept: number, count: number) =>
    compose(
      rows.length,
      true,
      tails.slice(0, kept).map((tail) => logBlock(tail, count, text)),
    );
  const fits = (body: string) => body.length <= COMMENT_LIMIT;
  // The most blocks that fit at their shortest (the size grows with each block kept) ...
  const fewest = SHRUNK_LINE_COUNTS[SHRUNK_LINE_COUNTS.length - 1] ?? 1;
  let low = 0;
  let high = tails.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(withTails(mid, fewest))) low = mid;
    else high = mid - 1;
  }
  // ... then the most lines that those blocks can show.
  for (const count of [REPORTED_LOG_LINES, ...SHRUNK_LINE_COUNTS]) {
    const body = withTails(low, count);
    if (fits(body)) return body;
  }
  for (let shown = rows.length; shown > 0; shown--) {
    const body = compose(shown, false, []);
    if (fits(body)) return body;
  }
  return clip(compose(0, false, []), COMMENT_LIMIT);
}
