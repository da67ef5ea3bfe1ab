export const id = 930;
export const ids = [930];
export const modules = {

/***/ 9930:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  prCommentPublisher: () => (/* binding */ prCommentPublisher)
});

// UNUSED EXPORTS: StickyPrComment, pullRequestOf

// EXTERNAL MODULE: ./build/github/event.js
var github_event = __webpack_require__(6830);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./build/codebuild/build-outcome.js
var build_outcome = __webpack_require__(9189);
// EXTERNAL MODULE: ./build/codebuild/run-report.js
var run_report = __webpack_require__(7596);
// EXTERNAL MODULE: ./build/codebuild/test-message.js
var test_message = __webpack_require__(1592);
// EXTERNAL MODULE: ./build/codebuild/test-results.js
var test_results = __webpack_require__(8973);
// EXTERNAL MODULE: ./build/status/commit-status.js
var commit_status = __webpack_require__(1669);
// EXTERNAL MODULE: ./build/util/duration.js
var util_duration = __webpack_require__(1081);
// EXTERNAL MODULE: ./build/util/markdown.js
var markdown = __webpack_require__(9940);
;// CONCATENATED MODULE: ./build/github/pr-comment-markdown.js
/**
 * The sticky pull request comment's Markdown: a hidden marker that finds the comment again, a
 * heading, one table row per build (or batch member), exported variables, the failed tests of
 * each build that has some (a few rows each) and the last log lines of each failed build. Everything that came from outside (contexts, identifiers, log lines,
 * variable values, links) is redacted first, then escaped so that it cannot break the table or
 * the HTML, notify anyone (@user, @org/team) or cross-reference an issue (#12). The body is kept
 * within GitHub's comment limit by shrinking the log blocks, never the marker or the table.
 */








/** GitHub refuses longer comment bodies (422 "body is too long (maximum is 65536 characters)"). */
const COMMENT_LIMIT = 65_536;
/** A log line longer than this is cut: one minified bundle must not crowd out the others. */
const MAX_LOG_LINE = 1_000;
/** Table cells from outside (failure contexts, identifiers) are cut before escaping. */
const MAX_CELL = 300;
/** At most this many failed tests are listed per build; the rest are counted, with a link. */
const MAX_FAILED_TEST_ROWS = 10;
/** How far a log block shrinks before it is dropped. */
const SHRUNK_LINE_COUNTS = [20, 10, 5, 3, 1];
const ICONS = {
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
function prCommentMarker(statusContext) {
    const digest = (0,external_node_crypto_.createHash)('sha256').update(statusContext, 'utf8').digest('hex').slice(0, 16);
    return `<!-- buildbridge:pr-comment ${digest} -->`;
}
/** The comment while a new run is under way: it replaces the previous run's now stale result. */
function prCommentRunningMarkdown(run, redact) {
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
function prCommentMarkdown(report, redact) {
    const text = escapers(redact);
    const head = [
        prCommentMarker(report.statusContext),
        '',
        `### ${ICONS[report.state]} ${text.cell((0,commit_status/* clip */.$Q)(report.headline, 1_000))}`,
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
        lines: member.lastLogLines.slice(-run_report/* REPORTED_LOG_LINES */.T).map((line) => logLine(line, redact)),
    }));
    return fit(head, rows, { variables, tests }, tails, text);
}
function escapers(redact) {
    return {
        cell: (text) => inert((0,markdown/* markdownCell */.UZ)(redact(text))),
        html: (text) => inert(escapeHtml(redact(text))),
        code: (text) => (0,markdown/* markdownCodeCell */.d)(redact(text)),
        // `|` would end the table cell even inside a link target.
        link: (label, url) => `[${label}](${(0,markdown/* markdownUrl */.$x)(redact(url)).replace(/\|/g, '%7C')})`,
    };
}
/**
 * A zero-width space after `@` and before an issue number: GitHub neither notifies @someone nor
 * cross-references #12 (also our own "Build #12", which would link issue 12), and it reads the same.
 */
function inert(escaped) {
    return escaped.replace(/@(?=[A-Za-z0-9])|#(?=\d)/g, '$&&#8203;');
}
function escapeHtml(text) {
    return text
        .replace(/\r\n?|\n/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;');
}
function memberName(member) {
    const label = member.build ? (0,build_outcome/* buildLabel */.z8)(member.build) : undefined;
    if (member.identifier === undefined)
        return label ?? 'the build';
    return label ? `${member.identifier} (${label})` : member.identifier;
}
const TABLE_HEADER = [
    '| Build | Status | Duration | Failing phase | Failure context | Links |',
    '|---|---|--:|---|---|---|',
];
function memberRow(member, text) {
    const build = member.build;
    const name = text.cell((0,commit_status/* clip */.$Q)(member.identifier ?? (build ? (0,build_outcome/* buildLabel */.z8)(build) : ''), MAX_CELL));
    if (!build)
        return `| ${name} | ⏸️ not started | — | — | — | — |`;
    const state = (0,build_outcome/* commitState */.Tb)(build);
    const final = (0,build_outcome/* isFinal */.dR)(build);
    const status = final
        ? `${ICONS[state]} ${build.buildStatus}${member.ignoreFailure && state !== 'success' ? ' (ignore-failure: does not fail the batch)' : ''}`
        : `${ICONS.pending} ${build.buildStatus ?? 'IN_PROGRESS'}${build.currentPhase ? ` (${text.cell(build.currentPhase)})` : ''}`;
    const end = build.endTime?.getTime();
    const duration = end === undefined ? '—' : (0,util_duration/* formatDuration */.a)((0,build_outcome/* buildDurationMs */.xD)(build, end));
    const phase = final && state !== 'success' ? (0,build_outcome/* failedPhase */.ri)(build) : undefined;
    const context = (0,build_outcome/* failureReason */.Hr)(phase);
    return [
        '',
        name,
        status,
        duration,
        phase?.phaseType ? text.cell(phase.phaseType) : '—',
        context ? text.cell((0,commit_status/* clip */.$Q)(context, MAX_CELL)) : '—',
        links(member, build, text),
        '',
    ]
        .join(' | ')
        .trim();
}
function links(member, build, text) {
    const parts = [];
    if (member.url)
        parts.push(text.link(text.cell((0,build_outcome/* buildLabel */.z8)(build)), member.url));
    // Before the log stream exists the deep link carries group=null;stream=null.
    if (build.logs?.streamName && build.logs.deepLink)
        parts.push(text.link('log', build.logs.deepLink));
    return parts.length > 0 ? parts.join(' · ') : '—';
}
function variablesSection(report, text) {
    const batch = report.kind === 'batch';
    const rows = report.members.flatMap((member) => (member.build?.exportedEnvironmentVariables ?? [])
        .filter((variable) => variable.name)
        .map((variable) => {
        const cells = [text.cell(variable.name ?? ''), text.code(variable.value ?? '')];
        if (batch)
            cells.unshift(text.cell((0,commit_status/* clip */.$Q)(member.identifier ?? '', MAX_CELL)));
        return `| ${cells.join(' | ')} |`;
    }));
    if (rows.length === 0)
        return '';
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
function failedTestsSection(member, batch, text, redact) {
    const reports = member.tests?.reports ?? [];
    const listed = reports.flatMap((report) => report.failed);
    const notListed = reports.reduce((sum, report) => sum + report.failedNotListed, 0);
    const counts = (0,test_results/* sumCounts */.W_)(reports);
    const failed = counts ? (0,test_results/* failedCount */.dD)(counts) : 0;
    if (listed.length + notListed === 0 && failed === 0)
        return '';
    const title = batch
        ? `Failed tests of ${text.cell((0,commit_status/* clip */.$Q)(memberName(member), MAX_CELL))}`
        : 'Failed tests';
    const lines = [`#### ${title}`, ''];
    if (counts)
        lines.push(`${failed} of ${counts.total} test${counts.total === 1 ? '' : 's'} failed.`, '');
    const shown = listed.slice(0, MAX_FAILED_TEST_ROWS);
    if (shown.length > 0) {
        lines.push('| Test | Message |', '|---|---|');
        for (const test of shown) {
            const message = (0,test_message/* firstLine */.TM)(redact(test.message).replace(test_message/* ANSI */.mh, '')).replace(CONTROL, '');
            lines.push(`| ${text.cell((0,commit_status/* clip */.$Q)(redact((0,test_message/* testTitle */.XF)(test)), MAX_CELL))} | ${message ? text.cell((0,commit_status/* clip */.$Q)(message, MAX_CELL)) : '—'} |`);
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
        lines.push(`${shown.length > 0 ? '…and ' : ''}${more} more failed test${more === 1 ? '' : 's'}${link}`, '');
    }
    return lines.join('\n');
}
function failedWithLog(member) {
    if (!member.build || !(0,build_outcome/* isFinal */.dR)(member.build) || member.lastLogLines.length === 0)
        return false;
    const state = (0,build_outcome/* commitState */.Tb)(member.build);
    return state === 'failure' || state === 'error';
}
/** Redacted before and after the escapes are taken out, so a coloured secret is caught too. */
function logLine(line, redact) {
    return (0,commit_status/* clip */.$Q)(redact(redact(line).replace(test_message/* ANSI */.mh, '').replace(CONTROL, '')), MAX_LOG_LINE);
}
function logBlock(tail, count, text) {
    const lines = tail.lines.slice(-count);
    const longestRun = Math.max(0, ...lines.flatMap((line) => line.match(/`+/g) ?? []).map((run) => run.length));
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
function fit(head, rows, sections, tails, text) {
    const { variables, tests } = sections;
    const compose = (shownRows, withVariables, blocks) => {
        const notes = [];
        const hiddenRows = rows.length - shownRows;
        if (hiddenRows > 0)
            notes.push(`_${hiddenRows} more builds not shown: see the batch in the CodeBuild console._`);
        if (!withVariables && variables)
            notes.push('_Exported variables not shown._');
        if (!withVariables && tests)
            notes.push('_Failed tests not shown._');
        const hiddenTails = tails.length - blocks.length;
        if (hiddenTails > 0)
            notes.push(`_The last log lines of ${hiddenTails} failed build${hiddenTails === 1 ? '' : 's'} are not shown: the comment would exceed GitHub's ${COMMENT_LIMIT.toLocaleString('en-US')}-character limit. See the logs in the CodeBuild console._`);
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
    const withTails = (kept, count) => compose(rows.length, true, tails.slice(0, kept).map((tail) => logBlock(tail, count, text)));
    const fits = (body) => body.length <= COMMENT_LIMIT;
    // The most blocks that fit at their shortest (the size grows with each block kept) ...
    const fewest = SHRUNK_LINE_COUNTS[SHRUNK_LINE_COUNTS.length - 1] ?? 1;
    let low = 0;
    let high = tails.length;
    while (low < high) {
        const mid = Math.ceil((low + high) / 2);
        if (fits(withTails(mid, fewest)))
            low = mid;
        else
            high = mid - 1;
    }
    // ... then the most lines that those blocks can show.
    for (const count of [run_report/* REPORTED_LOG_LINES */.T, ...SHRUNK_LINE_COUNTS]) {
        const body = withTails(low, count);
        if (fits(body))
            return body;
    }
    for (let shown = rows.length; shown > 0; shown--) {
        const body = compose(shown, false, []);
        if (fits(body))
            return body;
    }
    return (0,commit_status/* clip */.$Q)(compose(0, false, []), COMMENT_LIMIT);
}
//# sourceMappingURL=pr-comment-markdown.js.map
// EXTERNAL MODULE: ./build/util/errors.js
var errors = __webpack_require__(4478);
// EXTERNAL MODULE: ./build/util/loaded-in-order.js
var loaded_in_order = __webpack_require__(7279);
// EXTERNAL MODULE: ./build/util/network-errors.js
var network_errors = __webpack_require__(7403);
;// CONCATENATED MODULE: ./build/github/pr-comment.js





const TARGET = 'GitHub pull request comment';
const PER_PAGE = 100;
/** 10,000 comments: beyond that a pull request is not read to its end, and a new comment is made. */
const MAX_PAGES = 100;
/** The pull request the run is for: pull_request and pull_request_target only. */
function pullRequestOf(env) {
    const event = (0,github_event/* readGitHubEvent */.Ie)(env);
    if (event.name !== 'pull_request' && event.name !== 'pull_request_target')
        return undefined;
    const pullRequest = event.payload.pull_request;
    const number = pullRequest && typeof pullRequest === 'object'
        ? pullRequest.number
        : event.payload.number;
    return typeof number === 'number' && Number.isSafeInteger(number) && number > 0
        ? { number }
        : undefined;
}
/** A failed request, with the endpoint it went to for the warning. */
class RequestFailed extends Error {
    endpoint;
    reason;
    constructor(endpoint, reason) {
        super(`${endpoint}: ${(0,errors/* errorMessage */.gJ)(reason)}`);
        this.endpoint = endpoint;
        this.reason = reason;
    }
}
class StickyPrComment {
    options;
    target = TARGET;
    queue = Promise.resolve();
    /** Set on 403/404: the token cannot comment, and every further try would fail the same way. */
    refused = false;
    /** The comment found or created by an earlier call, so that finish need not list again. */
    commentId;
    constructor(options) {
        this.options = options;
    }
    /** Marks the previous run's comment, if there is one, as running again; creates none. */
    start(run) {
        return this.enqueue(async () => {
            const id = await this.find(prCommentMarker(run.statusContext));
            if (id === undefined)
                return;
            await this.update(id, prCommentRunningMarkdown(run, this.redact));
        });
    }
    /** Updates the comment in place with the run's result, or creates it. */
    finish(report) {
        return this.enqueue(async () => {
            const body = prCommentMarkdown(report, this.redact);
            const id = this.commentId ?? (await this.find(prCommentMarker(report.statusContext)));
            // A comment deleted since it was found (404) is made again.
            if (id !== undefined && (await this.update(id, body)))
                return;
            await this.create(body);
        });
    }
    redact = (text) => this.options.logger.redact(text);
    enqueue(step) {
        this.queue = this.queue.then(async () => {
            if (this.refused)
                return;
            try {
                await step();
            }
            catch (error) {
                this.warn(error);
            }
        });
        return this.queue;
    }
    /** The newest comment whose first line is the marker, read across all pages. */
    async find(marker) {
        const { owner, repo, number } = this.options.pullRequest;
        const endpoint = `GET /repos/${owner}/${repo}/issues/${number}/comments`;
        let found;
        for (let page = 1; page <= MAX_PAGES; page++) {
            const { data } = await this.send(endpoint, () => this.options.octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
                owner,
                repo,
                issue_number: number,
                per_page: PER_PAGE,
                page,
                request: this.requestOptions(),
            }));
            // Ascending by id: the last match on the last page is the newest. Only a bot's comment
            // (the workflow's token) counts: anyone can post a comment that starts with the marker.
            for (const comment of data)
                if (comment.body?.startsWith(marker) && comment.user?.type === 'Bot')
                    found = Number(comment.id);
            if (data.length < PER_PAGE)
                break;
        }
        this.commentId = found;
        return found;
    }
    /**
     * False when the comment is gone (404) or not ours to edit (403: someone posted the marker
     * themselves), so that a new one is made; a token that cannot comment at all is then refused
     * by the create, with one warning.
     */
    async update(id, body) {
        const { owner, repo } = this.options.pullRequest;
        try {
            await this.send(`PATCH /repos/${owner}/${repo}/issues/comments/${id}`, () => this.options.octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
                owner,
                repo,
                comment_id: id,
                body,
                request: this.requestOptions(),
            }));
            return true;
        }
        catch (error) {
            const code = error instanceof RequestFailed ? (0,errors/* httpStatus */.nG)(error.reason) : undefined;
            if (error instanceof RequestFailed &&
                (code === 404 || (code === 403 && !rateLimited(error.reason)))) {
                this.commentId = undefined;
                return false;
            }
            throw error;
        }
    }
    async create(body) {
        const { owner, repo, number } = this.options.pullRequest;
        const { data } = await this.send(`POST /repos/${owner}/${repo}/issues/${number}/comments`, () => this.options.octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
            owner,
            repo,
            issue_number: number,
            body,
            request: this.requestOptions(),
        }));
        this.commentId = Number(data.id);
    }
    /** A fresh request object per call: the retry plugin keeps its back-off count there. */
    requestOptions() {
        return { retryCount: 0, signal: AbortSignal.timeout(this.options.requestTimeoutMs) };
    }
    async send(endpoint, request) {
        try {
            return await request();
        }
        catch (error) {
            throw new RequestFailed(endpoint, error);
        }
    }
    warn(error) {
        const { logger, apiUrl, pullRequest } = this.options;
        const { owner, repo, number } = pullRequest;
        const endpoint = error instanceof RequestFailed ? error.endpoint : 'GitHub';
        const reason = error instanceof RequestFailed ? error.reason : error;
        const unaffected = 'The build itself is unaffected.';
        if (!answered(reason)) {
            logger.warn(`Could not reach GitHub at ${apiUrl} for ${endpoint} to update the pull request comment (${(0,network_errors/* noAnswerReason */.G)(reason) ?? (0,errors/* errorMessage */.gJ)(reason)}). Check the network and GITHUB_API_URL. ${unaffected}`);
            return;
        }
        const code = (0,errors/* httpStatus */.nG)(reason);
        if ((code === 403 || code === 404) && !rateLimited(reason)) {
            this.refused = true;
            logger.warn(`GitHub refused the pull request comment on ${owner}/${repo}#${number} (HTTP ${code} from ${endpoint}): the token needs "pull-requests: write" (on pull requests from forks the token is read-only, so no comment can be posted). ${unaffected}`);
            return;
        }
        logger.warn(`Could not update the pull request comment: GitHub answered HTTP ${code ?? '?'} to ${endpoint} (${(0,errors/* errorMessage */.gJ)(reason)}). ${unaffected}`);
    }
}
/** Octokit's RequestError carries `response` only when GitHub answered. */
function answered(error) {
    return typeof error === 'object' && error !== null && 'response' in error && !!error.response;
}
/** A 403 for an exhausted rate limit, which the throttling plugin gave up waiting for. */
function rateLimited(error) {
    const headers = error.response?.headers;
    return headers?.['x-ratelimit-remaining'] === '0' || headers?.['retry-after'] !== undefined;
}
/**
 * The sticky comment for this run's pull request; undefined, with a notice, on an event that has
 * none (push, workflow_dispatch, ...), and with a warning when there is no token or repository.
 */
function prCommentPublisher(options) {
    const { token, repository, env, logger } = options;
    const pullRequest = pullRequestOf(env);
    if (!pullRequest) {
        logger.info(`Skipping the pull request comment: the ${env.GITHUB_EVENT_NAME || 'current'} event has no pull request (it is posted on pull_request and pull_request_target).`);
        return undefined;
    }
    const [owner, repo] = (repository ?? '').split('/');
    if (!token || !owner || !repo) {
        logger.warn('Skipping the pull request comment: it needs a GitHub token and the repository (GITHUB_REPOSITORY, owner/repo).');
        return undefined;
    }
    logger.mask(token);
    // Octokit is loaded with the first call, after the build started; calls keep their order.
    const comment = new loaded_in_order/* LoadedInOrder */.B(async () => {
        try {
            const { createGitHubClient, gitHubApiUrl, REQUEST_TIMEOUT_MS } = await Promise.all(/* import() */[__webpack_require__.e(339), __webpack_require__.e(987)]).then(__webpack_require__.bind(__webpack_require__, 987));
            return new StickyPrComment({
                octokit: createGitHubClient(token, env, logger),
                pullRequest: { owner, repo, number: pullRequest.number },
                apiUrl: gitHubApiUrl(env),
                logger,
                requestTimeoutMs: REQUEST_TIMEOUT_MS,
            });
        }
        catch (error) {
            logger.warn(`Could not post the pull request comment: ${(0,errors/* errorMessage */.gJ)(error)}`);
            return undefined;
        }
    });
    return {
        target: TARGET,
        start: (run) => comment.use((sticky) => sticky?.start(run)),
        finish: (report) => comment.use((sticky) => sticky?.finish(report)),
    };
}
//# sourceMappingURL=pr-comment.js.map

/***/ })

};

//# sourceMappingURL=930.index.js.map