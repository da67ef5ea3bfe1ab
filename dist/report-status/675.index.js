export const id = 675;
export const ids = [675];
export const modules = {

/***/ 5675:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ICONS: () => (/* binding */ ICONS),
/* harmony export */   buildSummaryMarkdown: () => (/* binding */ buildSummaryMarkdown),
/* harmony export */   timelineBar: () => (/* binding */ timelineBar)
/* harmony export */ });
/* harmony import */ var _build_outcome_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9983);
/* harmony import */ var _util_duration_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2171);
/* harmony import */ var _util_markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(278);



const BAR_WIDTH = 30;
const ICONS = {
    SUCCEEDED: '✅',
    FAILED: '❌',
    FAULT: '💥',
    TIMED_OUT: '⏱️',
    STOPPED: '⏹️',
    IN_PROGRESS: '⏳',
};
function timelineBar(offsetMs, durationMs, totalMs, width = BAR_WIDTH) {
    if (totalMs <= 0)
        return '░'.repeat(width);
    const start = Math.min(width - 1, Math.floor((offsetMs / totalMs) * width));
    const length = Math.max(1, Math.min(width - start, Math.round((durationMs / totalMs) * width)));
    return '░'.repeat(start) + '█'.repeat(length) + '░'.repeat(width - start - length);
}
/**
 * `redact` takes the secrets out of each value before it is escaped as Markdown: escaping first
 * would change a secret's text (`|` to `\|`) so that it no longer matches.
 */
function buildSummaryMarkdown(build, links, now, title = build.projectName ?? 'CodeBuild', redact = (text) => text) {
    const cell = (text) => (0,_util_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .markdownCell */ .UZ)(redact(text));
    const code = (text) => (0,_util_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .markdownCodeCell */ .d)(redact(text));
    const status = build.buildStatus ?? 'IN_PROGRESS';
    const total = (0,_build_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .buildDurationMs */ .xD)(build, now);
    const lines = [
        `### ${ICONS[status] ?? '❔'} ${cell(title)}: ${cell((0,_build_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .describeBuild */ .SY)(build, now))}`,
        '',
        '| Result | Duration | Source version | Build |',
        '|---|---|---|---|',
        `| ${status} | ${(0,_util_duration_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a)(total)} | ${sourceCell(build, code)} | ${buildCell(build, links, cell)} |`,
        '',
    ];
    const phases = (build.phases ?? []).filter((phase) => phase.phaseType !== 'COMPLETED');
    if (phases.length > 0) {
        const start = build.startTime?.getTime() ?? phases[0]?.startTime?.getTime() ?? now;
        lines.push('| Phase | Status | Duration | Timeline | Context |', '|---|---|--:|---|---|');
        for (const phase of phases) {
            const phaseStart = phase.startTime?.getTime() ?? start;
            const phaseEnd = phase.endTime?.getTime() ?? (phase.phaseStatus ? phaseStart : now);
            const phaseStatus = phase.phaseStatus ?? 'IN_PROGRESS';
            const context = phaseStatus === 'SUCCEEDED' ? '' : ((0,_build_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .failureReason */ .Hr)(phase) ?? '');
            lines.push(`| ${phase.phaseType ?? ''} | ${ICONS[phaseStatus] ?? ''} ${phaseStatus} | ${(0,_util_duration_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a)(phaseEnd - phaseStart)} | \`${timelineBar(phaseStart - start, phaseEnd - phaseStart, total)}\` | ${cell(context)} |`);
        }
        lines.push('');
    }
    const exported = (build.exportedEnvironmentVariables ?? []).filter((variable) => variable.name);
    if (exported.length > 0) {
        lines.push('<details><summary>Exported variables</summary>', '', '| Name | Value |', '|---|---|');
        for (const variable of exported)
            lines.push(`| ${cell(variable.name ?? '')} | ${code(variable.value ?? '')} |`);
        lines.push('', '</details>', '');
    }
    return lines.join('\n');
}
function sourceCell(build, code) {
    const requested = build.sourceVersion;
    const resolved = build.resolvedSourceVersion;
    if (!requested && !resolved)
        return 'project default';
    if (requested && resolved && requested !== resolved)
        return `${code(requested)} → ${code(resolved.slice(0, 12))}`;
    return code((resolved ?? requested ?? '').slice(0, 40));
}
function buildCell(build, links, cell) {
    const label = (0,_build_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .buildLabel */ .z8)(build);
    const parts = [
        links.consoleUrl ? `[${cell(label)}](${(0,_util_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .markdownUrl */ .$x)(links.consoleUrl)})` : cell(label),
    ];
    if (links.logsUrl)
        parts.push(`[log](${(0,_util_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .markdownUrl */ .$x)(links.logsUrl)})`);
    return parts.join(' · ');
}
//# sourceMappingURL=build-summary.js.map

/***/ }),

/***/ 278:
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

//# sourceMappingURL=675.index.js.map