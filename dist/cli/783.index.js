export const id = 783;
export const ids = [783];
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

/***/ })

};

//# sourceMappingURL=783.index.js.map