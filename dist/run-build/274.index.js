export const id = 274;
export const ids = [274];
export const modules = {

/***/ 7274:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readTestResults: () => (/* binding */ readTestResults)
/* harmony export */ });
/* unused harmony export READ_DEADLINE_MS */
/* harmony import */ var _aws_sdk_client_codebuild__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4774);
/* harmony import */ var _aws_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5067);
/* harmony import */ var _links_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5925);
/* harmony import */ var _test_results_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8973);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4478);
/**
 * Reads what a build's CodeBuild reports say, once the build has ended: BatchGetReports for the
 * build's `reportArns` (100 per call), then per test report with failures DescribeTestCases for
 * the FAILED and then the ERROR cases (100 per page, up to the cap), and per coverage report
 * DescribeCodeCoverages for the least-covered files. A report costs at most 3 calls besides its
 * share of BatchGetReports. Nothing here fails a run: a missing permission or an outage is one
 * warning naming the IAM action, and the whole read ends within READ_DEADLINE_MS.
 */





/** However slow CodeBuild answers, the build's final status waits no longer than this. */
const READ_DEADLINE_MS = 15_000;
const ARNS_PER_CALL = 100;
const CASES_PER_PAGE = 100;
/** Reports read at the same time. */
const CONCURRENCY = 4;
/** The test results of the builds' reports; builds without reports cost no call. */
async function readTestResults(codebuild, reportArns, options) {
    if (reportArns.length === 0)
        return { reports: [], warnings: [] };
    const signal = AbortSignal.any([
        ...(options.signal ? [options.signal] : []),
        AbortSignal.timeout(options.deadlineMs ?? READ_DEADLINE_MS),
    ]);
    // One warning per action, and an action that failed once is not called again: a missing
    // permission would otherwise be refused, and told, for every report.
    const warnings = new Map();
    const warn = (error, action, subject) => {
        if (warnings.has(action))
            return;
        if (signal.aborted &&
            ((0,_util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorName */ .Is)(error) === 'AbortError' || (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorName */ .Is)(error) === 'TimeoutError')) {
            warnings.set(action, options.signal?.aborted
                ? 'Test results were not read: the run was cancelled.'
                : `Test results were not all read within ${Math.round((options.deadlineMs ?? READ_DEADLINE_MS) / 1000)} s; showing what was read.`);
            return;
        }
        const explained = (0,_aws_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .explainAwsError */ .N)(error, { action, region: options.region, subject });
        warnings.set(action, `Could not read the build's test results: ${explained.message}`);
    };
    warn.failed = (action) => warnings.has(action) || signal.aborted;
    const found = [];
    for (let start = 0; start < reportArns.length; start += ARNS_PER_CALL) {
        const arns = reportArns.slice(start, start + ARNS_PER_CALL);
        try {
            const answer = await codebuild.send(new _aws_sdk_client_codebuild__WEBPACK_IMPORTED_MODULE_3__/* .BatchGetReportsCommand */ .Nsq({ reportArns: arns }), {
                abortSignal: signal,
            });
            found.push(...(answer.reports ?? []));
        }
        catch (error) {
            warn(error, 'codebuild:BatchGetReports', `report ${arns[0] ?? ''}`);
            break;
        }
    }
    // BatchGetReports answers in no particular order: keep the build's.
    const order = new Map(reportArns.map((arn, index) => [arn, index]));
    found.sort((a, b) => (order.get(a.arn ?? '') ?? 0) - (order.get(b.arn ?? '') ?? 0));
    // The first report alone: a permission it finds missing is not asked for by the others.
    const read = (report) => readReport(codebuild, report, options, signal, warn);
    const first = found[0] ? [await read(found[0])] : [];
    const reports = [...first, ...(await mapLimited(found.slice(1), CONCURRENCY, read))];
    return { reports, warnings: [...new Set(warnings.values())] };
}
async function readReport(codebuild, report, options, signal, warn) {
    const arn = report.arn ?? '';
    const base = {
        name: report.name ?? arn.split('/').pop()?.split(':')[0] ?? 'report',
        arn,
        status: report.status ?? 'UNKNOWN',
        url: (0,_links_js__WEBPACK_IMPORTED_MODULE_4__/* .reportConsoleUrl */ .v1)(arn, options.region),
    };
    if (report.type === 'CODE_COVERAGE') {
        const summary = report.codeCoverageSummary ?? {};
        return {
            ...base,
            type: 'CODE_COVERAGE',
            failed: [],
            failedNotListed: 0,
            coverage: {
                linePercent: summary.lineCoveragePercentage,
                linesCovered: summary.linesCovered,
                linesMissed: summary.linesMissed,
                branchPercent: summary.branchCoveragePercentage,
                branchesCovered: summary.branchesCovered,
                branchesMissed: summary.branchesMissed,
            },
            leastCovered: await leastCovered(codebuild, arn, options, signal, warn),
        };
    }
    const counts = (0,_test_results_js__WEBPACK_IMPORTED_MODULE_1__/* .countsFromStatusCounts */ .Pg)(report.testSummary?.total, report.testSummary?.statusCounts);
    const cap = options.failedCap ?? _test_results_js__WEBPACK_IMPORTED_MODULE_1__/* .FAILED_TESTS_CAP */ .jZ;
    const failed = [];
    for (const status of ['FAILED', 'ERROR']) {
        const expected = status === 'FAILED' ? counts.failed : counts.error;
        if (expected === 0 || failed.length >= cap)
            continue;
        failed.push(...(await failedCases(codebuild, arn, status, cap - failed.length, signal, warn)));
    }
    const duration = report.testSummary?.durationInNanoSeconds;
    return {
        ...base,
        type: 'TEST',
        counts,
        durationMs: duration === undefined ? undefined : duration / 1e6,
        failed,
        failedNotListed: Math.max(0, (0,_test_results_js__WEBPACK_IMPORTED_MODULE_1__/* .failedCount */ .dD)(counts) - failed.length),
        leastCovered: [],
    };
}
async function failedCases(codebuild, reportArn, status, cap, signal, warn) {
    const cases = [];
    let nextToken;
    // A page bound besides the cap: a service that kept answering tokens cannot keep us here.
    const pages = Math.ceil(cap / CASES_PER_PAGE);
    for (let page = 0; page < pages && cases.length < cap; page += 1) {
        if (warn.failed?.('codebuild:DescribeTestCases'))
            break;
        try {
            const answer = await codebuild.send(new _aws_sdk_client_codebuild__WEBPACK_IMPORTED_MODULE_3__/* .DescribeTestCasesCommand */ .k0j({
                reportArn,
                filter: { status },
                maxResults: Math.min(CASES_PER_PAGE, cap - cases.length),
                ...(nextToken ? { nextToken } : {}),
            }), { abortSignal: signal });
            for (const testCase of answer.testCases ?? [])
                cases.push(failedTest(testCase, status));
            nextToken = answer.nextToken || undefined;
            if (!nextToken)
                break;
        }
        catch (error) {
            warn(error, 'codebuild:DescribeTestCases', `report ${reportArn}`);
            break;
        }
    }
    return cases.slice(0, cap);
}
function failedTest(testCase, status) {
    const duration = testCase.durationInNanoSeconds;
    return {
        suite: testCase.prefix ?? testCase.testSuiteName ?? '',
        name: testCase.name ?? '(unnamed test)',
        status: testCase.status === 'ERROR' ? 'ERROR' : status,
        message: testCase.message ?? '',
        durationMs: duration === undefined ? undefined : duration / 1e6,
    };
}
async function leastCovered(codebuild, reportArn, options, signal, warn) {
    const cap = options.leastCoveredCap ?? _test_results_js__WEBPACK_IMPORTED_MODULE_1__/* .LEAST_COVERED_CAP */ .Yp;
    if (cap === 0 || warn.failed?.('codebuild:DescribeCodeCoverages'))
        return [];
    try {
        const answer = await codebuild.send(new _aws_sdk_client_codebuild__WEBPACK_IMPORTED_MODULE_3__/* .DescribeCodeCoveragesCommand */ .NoO({
            reportArn,
            sortBy: 'LINE_COVERAGE_PERCENTAGE',
            sortOrder: 'ASCENDING',
            maxResults: cap,
        }), { abortSignal: signal });
        return (answer.codeCoverages ?? []).slice(0, cap).map((file) => ({
            path: file.filePath ?? '',
            linePercent: file.lineCoveragePercentage,
            branchPercent: file.branchCoveragePercentage,
        }));
    }
    catch (error) {
        warn(error, 'codebuild:DescribeCodeCoverages', `report ${reportArn}`);
        return [];
    }
}
/** `map` with at most `limit` calls running, results in input order. */
async function mapLimited(items, limit, map) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await map(items[index]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}
//# sourceMappingURL=report-reader.js.map

/***/ })

};

//# sourceMappingURL=274.index.js.map