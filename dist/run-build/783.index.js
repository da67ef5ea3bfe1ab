export const id = 783;
export const ids = [783,675];
export const modules = {

/***/ 6783:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   batchSummaryMarkdown: () => (/* binding */ batchSummaryMarkdown)
/* harmony export */ });
/* harmony import */ var _links_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2155);
/* harmony import */ var _batch_outcome_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4235);
/* harmony import */ var _batch_watcher_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8863);
/* harmony import */ var _build_outcome_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9983);
/* harmony import */ var _build_summary_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5675);
/* harmony import */ var _util_duration_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2171);
/* harmony import */ var _util_markdown_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(278);







function batchSummaryMarkdown(batch, members, region, now, 
/** Members CodeBuild stopped because another failed (fast-fail), not because of a cancel. */
stoppedByFastFail, redact = (text) => text) {
    const cell = (text) => (0,_util_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .markdownCell */ .UZ)(redact(text));
    const status = batch.buildBatchStatus ?? 'IN_PROGRESS';
    const shown = members.filter((member) => member.identifier !== _batch_watcher_js__WEBPACK_IMPORTED_MODULE_1__/* .DOWNLOAD_SOURCE */ .Jp || member.build?.buildStatus !== 'SUCCEEDED');
    const lines = [
        `### ${_build_summary_js__WEBPACK_IMPORTED_MODULE_3__.ICONS[status] ?? '❔'} ${cell(batch.projectName ?? 'CodeBuild')}: ${cell((0,_batch_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .describeBatch */ .sn)(batch, shown, now))}`,
        '',
        `[${cell((0,_batch_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .batchLabel */ .NB)(batch))}](${(0,_util_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .markdownUrl */ .$x)((0,_links_js__WEBPACK_IMPORTED_MODULE_5__/* .batchConsoleUrl */ .b7)(batch, region))}) · ${(0,_util_duration_js__WEBPACK_IMPORTED_MODULE_6__/* .formatDuration */ .a)((0,_batch_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .batchDurationMs */ .L0)(batch, now))}`,
        '',
        '| Member | Status | Duration | Failed phase | Context | Build |',
        '|---|---|--:|---|---|---|',
    ];
    for (const member of shown) {
        const build = member.build;
        const memberStatus = build?.buildStatus ?? (member.neverStarted ? 'NOT STARTED' : 'PENDING');
        const notes = [
            member.ignoreFailure ? 'ignore-failure' : '',
            stoppedByFastFail.has(member.identifier) ? 'stopped by fast-fail' : '',
        ].filter(Boolean);
        const phase = build ? (0,_build_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .failedPhase */ .ri)(build) : undefined;
        const link = build
            ? `[${cell((0,_build_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .buildLabel */ .z8)(build))}](${(0,_util_markdown_js__WEBPACK_IMPORTED_MODULE_4__/* .markdownUrl */ .$x)((0,_links_js__WEBPACK_IMPORTED_MODULE_5__/* .consoleUrl */ .B9)(build, region))})`
            : '';
        lines.push(`| ${cell(member.identifier)} | ${_build_summary_js__WEBPACK_IMPORTED_MODULE_3__.ICONS[memberStatus] ?? '⏸️'} ${memberStatus}${notes.length ? ` (${notes.join(', ')})` : ''} | ${build ? (0,_util_duration_js__WEBPACK_IMPORTED_MODULE_6__/* .formatDuration */ .a)((0,_build_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .buildDurationMs */ .xD)(build, now)) : ''} | ${phase?.phaseType ?? ''} | ${cell((0,_build_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .failureReason */ .Hr)(phase) ?? '')} | ${link} |`);
    }
    lines.push('');
    for (const member of shown) {
        const build = member.build;
        if (!build || build.buildStatus === 'SUCCEEDED' || !build.buildStatus)
            continue;
        if (build.buildStatus === 'IN_PROGRESS')
            continue;
        lines.push((0,_build_summary_js__WEBPACK_IMPORTED_MODULE_3__.buildSummaryMarkdown)(build, { consoleUrl: (0,_links_js__WEBPACK_IMPORTED_MODULE_5__/* .consoleUrl */ .B9)(build, region), logsUrl: (0,_links_js__WEBPACK_IMPORTED_MODULE_5__/* .logsUrl */ .HM)(build) }, now, member.identifier, redact));
    }
    return lines.join('\n');
}
//# sourceMappingURL=batch-summary.js.map

/***/ }),

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

//# sourceMappingURL=783.index.js.map