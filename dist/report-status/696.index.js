export const id = 696;
export const ids = [696];
export const modules = {

/***/ 3696:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FAILED_ROWS: () => (/* binding */ FAILED_ROWS),
  TESTS_SUMMARY_BYTES: () => (/* binding */ TESTS_SUMMARY_BYTES),
  testResultsMarkdown: () => (/* binding */ testResultsMarkdown),
  withTestResults: () => (/* binding */ withTestResults)
});

// EXTERNAL MODULE: ./build/util/duration.js
var duration = __webpack_require__(1081);
// EXTERNAL MODULE: ./build/util/markdown.js
var markdown = __webpack_require__(9940);
;// CONCATENATED MODULE: ./build/codebuild/test-message.js
/** How many stack frames a trimmed message keeps. */
const STACK_FRAMES_KEPT = 8;
/** Characters of a message shown in a collapsed block. */
const MESSAGE_CHARS = 2_000;
/** Characters of a message's first line in a table. */
const FIRST_LINE_CHARS = 160;
/** Terminal escapes (CSI, OSC, two-character), which test runners (Jest, pytest) colour with. */
const ANSI = 
// eslint-disable-next-line no-control-regex -- matching control characters is the point
/\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
/** How much of a message is searched for the places it names. */
const PLACES_SEARCHED = 8_192;
/** The message without terminal codes. */
function plainMessage(message) {
    return message.replace(ANSI, '');
}
const FRAME = /^\s+(at |File ")|^\s*\.\.\. \d+ more$/;
/** The first non-empty line, clipped to `max` characters. */
function firstLine(message, max = FIRST_LINE_CHARS) {
    const line = plainMessage(message)
        .split(/\r\n?|\n/)
        .map((text) => text.trim())
        .find((text) => text !== '') ?? '';
    return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
/**
 * The message with at most `frames` stack frames (Java/JS `at ...`, Python `File "..."`), a line
 * saying how many were left out, and at most `max` characters.
 */
function trimmedMessage(message, frames = STACK_FRAMES_KEPT, max = MESSAGE_CHARS) {
    const kept = [];
    let framesSeen = 0;
    let framesLeft = 0;
    for (const line of plainMessage(message).replace(/\r\n?/g, '\n').trimEnd().split('\n')) {
        if (FRAME.test(line)) {
            framesSeen += 1;
            if (framesSeen > frames) {
                framesLeft += 1;
                continue;
            }
        }
        kept.push(line);
    }
    if (framesLeft > 0)
        kept.push(`    … ${framesLeft} more stack frame${framesLeft === 1 ? '' : 's'}`);
    const text = kept.join('\n');
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
/** "suite › name", or the name alone when the suite is empty or already its prefix. */
function testTitle(test) {
    if (!test.suite || test.name.startsWith(`${test.suite}.`) || test.name === test.suite)
        return test.name;
    return `${test.suite} › ${test.name}`;
}
const PLACE = /(?:^|[\s("'`[])((?:[A-Za-z]:)?[\w.@~+/\\-]+\.[A-Za-z]\w{0,7}):(\d+)(?::\d+)?/g;
/**
 * The places the start of a failure message names: `src/x.test.ts:12:5` and `(/abs/path/x.py:3)`
 * in order, then Python's `File "tests/t.py", line 7`. The caller decides which of them are
 * files of the repository. A path is one token (no spaces or brackets), so the search is linear.
 */
function placesIn(text) {
    const message = plainMessage(text.slice(0, PLACES_SEARCHED));
    const places = [];
    for (const match of message.matchAll(PLACE)) {
        const path = match[1] ?? '';
        const line = Number(match[2]);
        if (path && line > 0 && !path.includes('://'))
            places.push({ path, line });
    }
    for (const match of message.matchAll(/File "([^"]+)", line (\d+)/g)) {
        const line = Number(match[2]);
        if (match[1] && line > 0)
            places.push({ path: match[1], line });
    }
    return places;
}
//# sourceMappingURL=test-message.js.map
// EXTERNAL MODULE: ./build/codebuild/test-results.js
var test_results = __webpack_require__(8973);
;// CONCATENATED MODULE: ./build/codebuild/test-results-markdown.js
/**
 * Test results in the job summary: per report its counts and duration (a total row for more
 * than one), the failed tests in a table, each failure's message (stack trace trimmed) in a
 * collapsed block, and coverage with the least-covered files. The lists are capped and the
 * whole section kept within a byte budget; what is left out is counted, with the link to the
 * report in the CodeBuild console. Used for one build, a batch's members and a local run alike.
 * Every text from a report is redacted, then escaped: it is shown, never rendered as ours.
 */




/** Well within the job summary's 1 MiB, which the build's own summary shares. */
const TESTS_SUMMARY_BYTES = 768 * 1024;
/** GitHub's limit for one step's job summary. */
const JOB_SUMMARY_BYTES = 1024 * 1024;
/** What the runner and the join take besides the two parts. */
const SUMMARY_MARGIN_BYTES = 4 * 1024;
const FAILED_ROWS = 50;
/**
 * The build's (or batch's) summary followed by the test results section, the section's budget
 * what is left of the job summary's 1 MiB (at most TESTS_SUMMARY_BYTES).
 */
function withTestResults(summary, builds, redact) {
    const left = JOB_SUMMARY_BYTES - SUMMARY_MARGIN_BYTES - Buffer.byteLength(summary, 'utf8');
    const section = testResultsMarkdown(builds, {
        redact,
        budgetBytes: Math.max(0, Math.min(TESTS_SUMMARY_BYTES, left)),
    });
    return section === '' ? summary : `${summary}\n${section}`;
}
/** The section; '' when no build has reports. */
function testResultsMarkdown(builds, options) {
    const withReports = builds.filter((build) => build.results.reports.length > 0);
    if (withReports.length === 0)
        return '';
    const cell = (text) => (0,markdown/* markdownCell */.UZ)(options.redact(text));
    const budget = new Budget(options.budgetBytes ?? TESTS_SUMMARY_BYTES);
    const labelled = withReports.some((build) => build.label !== undefined);
    const tests = withReports.flatMap((build) => build.results.reports.filter(test_results/* isTestReport */.DU).map((report) => ({ label: build.label, report })));
    const coverage = withReports.flatMap((build) => build.results.reports
        .filter((report) => report.coverage)
        .map((report) => ({ label: build.label, report })));
    if (tests.length > 0) {
        const counts = (0,test_results/* sumCounts */.W_)(tests.map(({ report }) => report));
        budget.add(`#### ${(0,test_results/* failedCount */.dD)(counts) > 0 || tests.some(({ report }) => report.status === 'FAILED') ? '❌' : '✅'} Tests: ${headline(counts)}`, '', `| ${labelled ? 'Build | ' : ''}Report | Status | Passed | Failed | Error | Skipped | Duration |`, `|${labelled ? '---|' : ''}---|---|--:|--:|--:|--:|--:|`);
        for (const { label, report } of tests) {
            const c = report.counts;
            budget.add(`| ${labelled ? `${cell(label ?? '')} | ` : ''}${reportName(report, cell)} | ${cell(report.status)} | ${c.passed} | ${c.failed} | ${c.error} | ${c.skipped} | ${testDuration(report.durationMs)} |`);
        }
        if (tests.length > 1)
            budget.add(`| ${labelled ? '**Total** | ' : '**Total**'} | | ${counts.passed} | ${counts.failed} | ${counts.error} | ${counts.skipped} | |`);
        budget.add('');
        failedSection(tests, cell, options, budget);
    }
    if (coverage.length > 0)
        coverageSection(coverage, labelled, cell, budget);
    return budget.text();
}
function headline(counts) {
    const failed = (0,test_results/* failedCount */.dD)(counts);
    const parts = [`${counts.passed} passed`];
    if (failed > 0)
        parts.push(`${failed} failed`);
    if (counts.skipped > 0)
        parts.push(`${counts.skipped} skipped`);
    return `${parts.join(', ')} of ${counts.total}`;
}
function reportName(report, cell) {
    return report.url ? `[${cell(report.name)}](${(0,markdown/* markdownUrl */.$x)(report.url)})` : cell(report.name);
}
function failedSection(tests, cell, options, budget) {
    const failed = tests.flatMap(({ label, report }) => report.failed.map((test) => ({ label, report, test })));
    const notListed = tests.reduce((sum, { report }) => sum + report.failedNotListed, 0);
    if (failed.length === 0 && notListed === 0)
        return;
    const rows = options.failedRows ?? FAILED_ROWS;
    const labelled = tests.some(({ label }) => label !== undefined);
    const title = (label, test) => `${label ? `${label}: ` : ''}${testTitle(test)}`;
    budget.add('| Suite | Test | Message | Duration |', '|---|---|---|--:|');
    let shown = 0;
    for (const { label, test } of failed.slice(0, rows)) {
        const added = budget.add(`| ${cell(`${labelled && label ? `${label}: ` : ''}${test.suite}`)} | ${cell(test.name)}${test.status === 'ERROR' ? ' (error)' : ''} | ${cell(firstLine(options.redact(test.message)))} | ${testDuration(test.durationMs)} |`);
        if (!added)
            break;
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
            if (!added)
                break;
            messages += 1;
        }
        if (messages < withMessages.length)
            budget.force(`_${withMessages.length - messages} more messages are not shown._`, '');
        budget.force('</details>', '');
    }
    const more = failed.length - shown + notListed;
    if (more > 0) {
        const links = tests
            .filter(({ report }) => report.url && (report.failedNotListed > 0 || report.failed.length > 0))
            .map(({ label, report }) => `[${cell(label ? `${label}: ${report.name}` : report.name)}](${(0,markdown/* markdownUrl */.$x)(report.url)})`);
        budget.force(`_…and ${more} more failed test${more === 1 ? '' : 's'}${links.length > 0 ? `: see ${links.join(', ')} in the CodeBuild console` : ''}._`, '');
    }
}
function coverageSection(coverage, labelled, cell, budget) {
    const percent = (value) => (value === undefined ? '' : (0,test_results/* formatPercent */.l9)(value));
    budget.add('#### Coverage', '', `| ${labelled ? 'Build | ' : ''}Report | Lines | Branches |`, `|${labelled ? '---|' : ''}---|--:|--:|`);
    for (const { label, report } of coverage) {
        const total = report.coverage;
        budget.add(`| ${labelled ? `${cell(label ?? '')} | ` : ''}${reportName(report, cell)} | ${percent(total.linePercent)} | ${percent(total.branchPercent)} |`);
    }
    budget.add('');
    const files = coverage.flatMap(({ label, report }) => report.leastCovered.map((file) => ({ label, file })));
    if (files.length === 0)
        return;
    budget.add('<details><summary>Least-covered files</summary>', '', `| ${labelled ? 'Build | ' : ''}File | Lines | Branches |`, `|${labelled ? '---|' : ''}---|--:|--:|`);
    for (const { label, file } of files)
        budget.add(`| ${labelled ? `${cell(label ?? '')} | ` : ''}${cell(file.path)} | ${percent(file.linePercent)} | ${percent(file.branchPercent)} |`);
    budget.force('', '</details>', '');
}
/** Tests are quick: 120 ms, 4.5 s, then as builds are told (3m 12s). */
function testDuration(ms) {
    if (ms === undefined)
        return '';
    if (ms < 1_000)
        return `${Math.round(ms)} ms`;
    if (ms < 60_000)
        return `${Math.round(ms / 100) / 10} s`;
    return (0,duration/* formatDuration */.a)(ms);
}
/** A code block that the text cannot close: a fence longer than any backtick run in it. */
function fenced(text) {
    const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    return [`${fence}text`, text, fence];
}
/**
 * Lines added while they fit; `force` adds closing lines regardless, from a reserve kept for
 * them, so a cut section never leaves a table, a block or a fence open.
 */
class Budget {
    bytes;
    static RESERVE = 1_024;
    lines = [];
    used = 0;
    constructor(bytes) {
        this.bytes = bytes;
    }
    add(...lines) {
        const size = lines.reduce((sum, line) => sum + Buffer.byteLength(line, 'utf8') + 1, 0);
        if (this.used + size > this.bytes - Budget.RESERVE)
            return false;
        this.push(lines, size);
        return true;
    }
    force(...lines) {
        this.push(lines, lines.reduce((sum, line) => sum + Buffer.byteLength(line, 'utf8') + 1, 0));
    }
    text() {
        return this.lines.join('\n');
    }
    push(lines, size) {
        this.lines.push(...lines);
        this.used += size;
    }
}
//# sourceMappingURL=test-results-markdown.js.map

/***/ }),

/***/ 9940:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $x: () => (/* binding */ markdownUrl),
/* harmony export */   UZ: () => (/* binding */ markdownCell),
/* harmony export */   d: () => (/* binding */ markdownCodeCell)
/* harmony export */ });
/**
 * Markdown for job summaries and PR texts. Everything that is not ours (build names, report
 * names, variable values, command lines) goes through these, so that it reads as the text it
 * is: no table broken by a `|`, no HTML, link or emphasis made from someone else's string.
 */
/**
 * A table cell of plain text: one line; `|` and the characters that make emphasis, code, links
 * or HTML escaped (the others mean something only at the start of a line, which a cell is not).
 */
function markdownCell(text) {
    return (text
        .replace(/\r\n?|\n/g, ' ')
        .replace(/[\\`*[\]|~]/g, (char) => `\\${char}`)
        // An underscore inside a word (BUILD_GENERAL1_MEDIUM) never makes emphasis; only edges do.
        .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;'));
}
/**
 * A table cell shown as code: a backtick fence longer than any run of backticks inside, and
 * `|` escaped (GitHub's tables split cells at `|` even inside code spans).
 */
function markdownCodeCell(text) {
    const value = text.replace(/\r\n?|\n/g, ' ');
    if (value === '')
        return '';
    const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longestRun + 1);
    const padded = value.startsWith('`') || value.endsWith('`') ? ` ${value} ` : value;
    return `${fence}${padded.replace(/\|/g, '\\|')}${fence}`;
}
/** A URL as a Markdown link target: the characters that would end or break the link encoded. */
function markdownUrl(url) {
    return url.replace(/[\s()<>[\]`]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
//# sourceMappingURL=markdown.js.map

/***/ })

};

//# sourceMappingURL=696.index.js.map