export const id = 872;
export const ids = [872,869,356];
export const modules = {

/***/ 6975:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   annotationTarget: () => (/* binding */ annotationTarget),
/* harmony export */   checkRunAnnotations: () => (/* binding */ checkRunAnnotations),
/* harmony export */   workflowFile: () => (/* binding */ workflowFile)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _codebuild_build_outcome_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9983);
/* harmony import */ var _buildspec_yaml_reader_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3451);
/* harmony import */ var _lint_yaml_source_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6677);
/* harmony import */ var _status_commit_status_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3223);
/**
 * The check run's annotations: one per failed phase of each failed build (for a batch, of each
 * failed member), pointing at the line that failed. When the buildspec is a file in the
 * repository that is the failing command's line (matched from CodeBuild's "Error while executing
 * command: X" context) or else the phase's key; phases the buildspec does not write
 * (PROVISIONING, DOWNLOAD_SOURCE, ...) point at its first line. When it is not in the repository
 * (inline YAML, S3, the project's own), annotations point at the workflow file.
 */






/** GitHub's limits: 255 characters for a title, 64 KB for a message. */
const MAX_TITLE = 255;
const MAX_MESSAGE = 4_000;
const FAILED = new Set(['FAILED', 'FAULT', 'TIMED_OUT']);
const COMMAND_CONTEXT = /Error while executing command: (.*?)\. Reason: /s;
function checkRunAnnotations(report, where, redact) {
    const lines = lineFinder(where);
    const annotations = [];
    const annotate = (label, phase, level) => {
        const phaseType = phase.phaseType ?? 'UNKNOWN';
        const context = phase.contexts?.find((entry) => entry.message)?.message;
        const line = lines(phaseType, context);
        annotations.push({
            path: line.path,
            start_line: line.line,
            end_line: line.line,
            annotation_level: level,
            title: (0,_status_commit_status_js__WEBPACK_IMPORTED_MODULE_5__/* .clip */ .$Q)(redact(`${label ? `${label}: ` : ''}${phaseType} failed`), MAX_TITLE),
            message: (0,_status_commit_status_js__WEBPACK_IMPORTED_MODULE_5__/* .clip */ .$Q)(redact((0,_codebuild_build_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .failureReason */ .Hr)({ contexts: phase.contexts }) ??
                phase.contexts?.find((entry) => entry.statusCode)?.statusCode ??
                `The ${phaseType} phase ended ${phase.phaseStatus ?? 'without a status'}.`), MAX_MESSAGE),
        });
    };
    // A batch that failed before its members started (e.g. its buildspec did not parse).
    for (const phase of report.kind === 'batch' ? (report.batch?.phases ?? []) : []) {
        if (FAILED.has(phase.phaseStatus ?? ''))
            annotate('batch', phase, 'failure');
    }
    for (const member of report.members) {
        if (!member.build || !FAILED.has(member.build.buildStatus ?? ''))
            continue;
        const level = member.ignoreFailure ? 'warning' : 'failure';
        const failed = failedPhases(member.build);
        if (failed.length === 0) {
            annotate(member.identifier, { phaseType: 'BUILD', phaseStatus: member.build.buildStatus }, level);
        }
        for (const phase of failed)
            annotate(member.identifier, phase, level);
    }
    return annotations;
}
function failedPhases(build) {
    return (build.phases ?? []).filter((phase) => FAILED.has(phase.phaseStatus ?? ''));
}
/** Finds lines in the buildspec once parsed; every phase is line 1 of the workflow file. */
function lineFinder(where) {
    if ('workflowPath' in where)
        return () => ({ path: where.workflowPath, line: 1 });
    const phases = buildspecPhases(where.buildspecPath, where.buildspecText);
    return (phaseType, context) => {
        const phase = phases.get(phaseType.toLowerCase());
        const command = context === undefined ? undefined : COMMAND_CONTEXT.exec(context)?.[1];
        const found = command === undefined
            ? undefined
            : phase?.commands.find((entry) => sameCommand(entry.text, command));
        return { path: where.buildspecPath, line: found?.line ?? phase?.line ?? 1 };
    };
}
/** CodeBuild quotes the command as the buildspec wrote it; a block's lines may be re-joined. */
function sameCommand(written, quoted) {
    const squash = (text) => text.replace(/\s+/g, ' ').trim();
    return squash(written) === squash(quoted);
}
/**
 * Each phase's line and commands, read leniently: a buildspec that does not parse (it may be the
 * reason the build failed) has no phases, so its annotations point at line 1.
 */
function buildspecPhases(fileName, text) {
    const phases = new Map();
    const { document, lineCounter } = (0,_lint_yaml_source_js__WEBPACK_IMPORTED_MODULE_4__/* .parseYamlSource */ .W)(fileName, text);
    if (document.errors.length > 0)
        return phases;
    const reader = new _buildspec_yaml_reader_js__WEBPACK_IMPORTED_MODULE_3__/* .YamlReader */ .nr(fileName, document, lineCounter, text);
    try {
        const root = reader.map(document.contents, 'the buildspec');
        const phasesMap = reader.map(root?.get('phases', true), 'phases');
        for (const { key, keyNode, value } of reader.entries(phasesMap, 'phases')) {
            phases.set(key, {
                line: reader.position(keyNode).line,
                commands: phaseCommands(reader, value, `phases.${key}`),
            });
        }
    }
    catch {
        // A wrong shape is CodeBuild's to report; the lines found so far still count.
    }
    return phases;
}
function phaseCommands(reader, node, path) {
    let phase;
    try {
        phase = reader.map(node, path);
    }
    catch {
        return [];
    }
    return ['commands', 'finally'].flatMap((block) => {
        try {
            return reader.list(phase?.get(block, true), `${path}.${block}`);
        }
        catch {
            return [];
        }
    });
}
/**
 * Where annotations can point for this run: the buildspec when it is a file in the checked-out
 * repository (the override's path, else `buildspec.yml`), else the workflow file named by
 * GITHUB_WORKFLOW_REF; undefined when neither is known (outside GitHub Actions).
 */
async function annotationTarget(env, buildspecOverride, workspace) {
    const buildspecPath = repositoryPath(buildspecOverride ?? 'buildspec.yml', workspace);
    if (buildspecPath !== undefined) {
        const buildspecText = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace, buildspecPath), 'utf8').catch(() => undefined);
        if (buildspecText !== undefined)
            return { buildspecPath, buildspecText };
    }
    const workflowPath = workflowFile(env.GITHUB_WORKFLOW_REF);
    return workflowPath === undefined ? undefined : { workflowPath };
}
/** The override as a repository-relative path; undefined for inline YAML, an S3 ARN or a path outside. */
function repositoryPath(override, workspace) {
    const value = override.trim();
    const inlineYaml = value.includes('\n') || /:\s|^[{[]/.test(value);
    if (value === '' || inlineYaml || /^arn:/i.test(value) || /^\w+:\/\//.test(value))
        return undefined;
    const inside = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace), (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace, value));
    if (inside === '' || inside.startsWith('..') || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(inside))
        return undefined;
    return inside.split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join('/');
}
/** `owner/repo/.github/workflows/ci.yml@refs/heads/main` → `.github/workflows/ci.yml`. */
function workflowFile(workflowRef) {
    const at = workflowRef?.lastIndexOf('@') ?? -1;
    const path = (at >= 0 ? workflowRef.slice(0, at) : (workflowRef ?? ''))
        .split('/')
        .slice(2)
        .join('/');
    return path === '' ? undefined : path;
}
//# sourceMappingURL=check-run-annotations.js.map

/***/ }),

/***/ 6872:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CheckRunPublisher: () => (/* binding */ CheckRunPublisher),
/* harmony export */   MAX_ANNOTATIONS_PER_REQUEST: () => (/* binding */ MAX_ANNOTATIONS_PER_REQUEST),
/* harmony export */   MAX_SUMMARY_BYTES: () => (/* binding */ MAX_SUMMARY_BYTES),
/* harmony export */   checkRunConclusion: () => (/* binding */ checkRunConclusion),
/* harmony export */   fitSummary: () => (/* binding */ fitSummary)
/* harmony export */ });
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(869);
/* harmony import */ var _check_run_annotations_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6975);
/* harmony import */ var _status_commit_status_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3223);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4792);
/* harmony import */ var _util_network_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2657);





/** GitHub's limits on a check run's output. */
const MAX_ANNOTATIONS_PER_REQUEST = 50;
const MAX_SUMMARY_BYTES = 65_535;
const MAX_TITLE = 255;
const CONCLUSIONS = {
    SUCCEEDED: 'success',
    FAILED: 'failure',
    FAULT: 'failure',
    TIMED_OUT: 'timed_out',
    STOPPED: 'cancelled',
};
const CUT_NOTE = "\n\n---\n_This summary was cut to fit GitHub's limit of 65,535 characters; the workflow run's job summary has all of it._\n";
/** The build's (or the batch's) final CodeBuild status as a conclusion; a run not ended was cancelled. */
function checkRunConclusion(report) {
    const status = report.kind === 'batch'
        ? report.batch?.buildBatchStatus
        : report.members[0]?.build?.buildStatus;
    return CONCLUSIONS[status ?? ''] ?? 'cancelled';
}
/** The summary within GitHub's 65,535 bytes (UTF-8, so also characters), never splitting one. */
function fitSummary(markdown) {
    if (Buffer.byteLength(markdown, 'utf8') <= MAX_SUMMARY_BYTES)
        return markdown;
    const budget = MAX_SUMMARY_BYTES - Buffer.byteLength(CUT_NOTE, 'utf8');
    let used = 0;
    let end = 0;
    // for...of walks code points, so a surrogate pair is kept or dropped whole.
    for (const char of markdown) {
        const size = Buffer.byteLength(char, 'utf8');
        if (used + size > budget)
            break;
        used += size;
        end += char.length;
    }
    return `${markdown.slice(0, end)}${CUT_NOTE}`;
}
class CheckRunPublisher {
    octokit;
    commit;
    apiUrl;
    logger;
    options;
    target = 'GitHub check run';
    queue = Promise.resolve();
    id;
    name;
    startedAt;
    refused = false;
    constructor(octokit, commit, apiUrl, logger, options) {
        this.octokit = octokit;
        this.commit = commit;
        this.apiUrl = apiUrl;
        this.logger = logger;
        this.options = options;
    }
    start(run) {
        return this.enqueue(async () => {
            this.name = (0,_status_commit_status_js__WEBPACK_IMPORTED_MODULE_2__/* .clip */ .$Q)(run.statusContext, MAX_TITLE);
            this.startedAt = this.timestamp();
            const created = await this.send('POST', 'create the check run', {
                ...this.identity(),
                status: 'in_progress',
                started_at: this.startedAt,
                ...this.links(run.url),
            });
            if (created.ok)
                this.id = created.id;
        });
    }
    finish(report) {
        return this.enqueue(async () => {
            if (this.refused)
                return;
            this.name ??= (0,_status_commit_status_js__WEBPACK_IMPORTED_MODULE_2__/* .clip */ .$Q)(report.statusContext, MAX_TITLE);
            const conclusion = checkRunConclusion(report);
            const target = this.options.annotationTarget;
            const annotations = target
                ? (0,_check_run_annotations_js__WEBPACK_IMPORTED_MODULE_1__.checkRunAnnotations)(report, target, (text) => this.logger.redact(text))
                : [];
            const title = (0,_status_commit_status_js__WEBPACK_IMPORTED_MODULE_2__/* .clip */ .$Q)(this.logger.redact(report.headline), MAX_TITLE);
            const summary = fitSummary(report.summaryMarkdown);
            const batches = chunks(annotations, MAX_ANNOTATIONS_PER_REQUEST);
            const completion = {
                status: 'completed',
                conclusion,
                completed_at: this.timestamp(),
                ...this.links(report.url),
            };
            const completed = await this.complete(completion, {
                title,
                summary,
                annotations: batches[0] ?? [],
            });
            if (!completed)
                return;
            for (const batch of batches.slice(1)) {
                // Each update appends its annotations to those already on the check run.
                const added = await this.send('PATCH', 'add annotations to the check run', {
                    output: { title, summary, annotations: batch },
                });
                if (!added.ok)
                    return;
            }
        });
    }
    /**
     * Completes the check run (creating it completed when start did not create it). Should GitHub
     * refuse the output, the conclusion still goes through without it: a run never stays in progress.
     */
    async complete(completion, output) {
        const firstTry = await this.send(this.id === undefined ? 'POST' : 'PATCH', 'complete the check run', this.id === undefined
            ? { ...this.identity(), started_at: this.startedAt, ...completion, output }
            : { ...completion, output });
        if (firstTry.ok) {
            this.id ??= firstTry.id;
            return true;
        }
        if (firstTry.status !== 422 || this.id === undefined)
            return false;
        const bare = await this.send('PATCH', 'complete the check run', {
            ...completion,
            output: { title: output.title, summary: 'See the workflow run for the details.' },
        });
        return bare.ok;
    }
    identity() {
        return {
            name: this.name,
            head_sha: this.commit.sha,
            ...(this.options.externalId ? { external_id: this.options.externalId } : {}),
        };
    }
    links(url) {
        return url ? { details_url: url } : {};
    }
    timestamp() {
        return new Date(this.options.clock.now()).toISOString();
    }
    enqueue(step) {
        this.queue = this.queue.then(step);
        return this.queue;
    }
    /** One request; when it did not go through, a warning and GitHub's answer, if any. Never throws. */
    async send(method, what, body) {
        if (this.refused)
            return { ok: false, status: undefined };
        const { owner, repo, sha } = this.commit;
        const route = method === 'POST'
            ? `POST /repos/${owner}/${repo}/check-runs`
            : `PATCH /repos/${owner}/${repo}/check-runs/${this.id ?? '?'}`;
        try {
            const response = await this.octokit.request(method === 'POST'
                ? 'POST /repos/{owner}/{repo}/check-runs'
                : 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
                owner,
                repo,
                ...(method === 'PATCH' ? { check_run_id: this.id } : {}),
                ...body,
                // A fresh request object per call: the retry plugin keeps its back-off count there.
                request: { retryCount: 0, signal: AbortSignal.timeout(_octokit_js__WEBPACK_IMPORTED_MODULE_0__.REQUEST_TIMEOUT_MS) },
            });
            return { ok: true, id: response.data.id };
        }
        catch (error) {
            const answer = error?.response;
            if (!answer) {
                this.logger.warn(`Could not reach GitHub at ${this.apiUrl} to ${what} (${route}: ${(0,_util_network_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .noAnswerReason */ .G)(error) ?? (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(error)}). Check the network and GITHUB_API_URL. The build itself is unaffected.`);
                return { ok: false, status: undefined };
            }
            const code = (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .httpStatus */ .nG)(error);
            if (code === 403 || code === 404) {
                // Further requests would be refused the same way: one warning is enough.
                this.refused = true;
                this.logger.warn(`GitHub refused the check run for ${owner}/${repo}@${sha.slice(0, 7)} (HTTP ${code}): the token needs "checks: write" (add "permissions: checks: write" to the job; on pull requests from forks GITHUB_TOKEN is read-only). Check runs can only be created with a GitHub App token, such as GITHUB_TOKEN; a personal access token cannot create them. The build itself is unaffected.`);
                return { ok: false, status: code };
            }
            this.logger.warn(`GitHub did not ${what} (${route}: HTTP ${code ?? '?'}: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(error)}). The build itself is unaffected.`);
            return { ok: false, status: code };
        }
    }
}
function chunks(items, size) {
    const out = [];
    for (let index = 0; index < items.length; index += size)
        out.push(items.slice(index, index + size));
    return out;
}
//# sourceMappingURL=check-run.js.map

/***/ }),

/***/ 869:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   REQUEST_TIMEOUT_MS: () => (/* binding */ REQUEST_TIMEOUT_MS),
/* harmony export */   createGitHubClient: () => (/* binding */ createGitHubClient),
/* harmony export */   gitHubApiUrl: () => (/* binding */ gitHubApiUrl)
/* harmony export */ });
/* harmony import */ var _octokit_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6141);
/* harmony import */ var bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8115);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2743);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4808);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8706);
/**
 * Octokit with the retry (5xx) and throttling (rate limits) plugins, the ecosystem's way to ride
 * out GitHub's bad minutes, on Node's own fetch. The API URL comes from GITHUB_API_URL (GHES,
 * tests); each request gives up after REQUEST_TIMEOUT_MS, so a hanging host never stalls a run.
 */





const GitHubOctokit = _octokit_core__WEBPACK_IMPORTED_MODULE_1__/* .Octokit */ .E.plugin(_octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__/* .throttling */ .A);
const REQUEST_TIMEOUT_MS = 10_000;
/**
 * GitHub asks for a second between writes, and the throttling plugin keeps to it. After a cancel
 * the runner sends SIGTERM 7.5 s after SIGINT: a batch's final statuses (one per member) must
 * all be out by then, so from the cancel on, writes are WRITE_SPACING_ON_CANCEL_MS apart.
 */
const WRITE_SPACING_MS = 1_000;
const WRITE_SPACING_ON_CANCEL_MS = 150;
const THROTTLE_ID = 'buildbridge';
let writes;
function writeLimiter() {
    if (writes)
        return writes;
    const group = new bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0__.Group({
        id: 'buildbridge-write',
        maxConcurrent: 1,
        minTime: WRITE_SPACING_MS,
        timeout: 120_000,
    });
    const hurry = () => {
        void group.key(THROTTLE_ID).updateSettings({ minTime: WRITE_SPACING_ON_CANCEL_MS });
    };
    process.once('SIGINT', hurry);
    process.once('SIGTERM', hurry);
    writes = group;
    return group;
}
function gitHubApiUrl(env) {
    return (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
}
function createGitHubClient(token, env, logger) {
    return new GitHubOctokit({
        auth: token,
        baseUrl: gitHubApiUrl(env),
        userAgent: `buildbridge/${_version_js__WEBPACK_IMPORTED_MODULE_4__/* .VERSION */ .x}`,
        retry: { retries: 2, retryAfterBaseValue: 500 },
        throttle: {
            id: THROTTLE_ID,
            write: writeLimiter(),
            onRateLimit: retryWithin('rate limit', logger),
            onSecondaryRateLimit: retryWithin('secondary rate limit', logger),
        },
    });
}
/**
 * Waits out a rate limit twice at most, and only when GitHub asks for 30 s or less: a status is
 * worth a short wait, not a stalled run.
 */
function retryWithin(kind, logger) {
    return (retryAfter, options, _octokit, retryCount) => {
        logger.warn(`GitHub ${kind} hit for ${options.method} ${options.url}; retrying in ${retryAfter}s.`);
        return retryCount < 2 && retryAfter <= 30;
    };
}
//# sourceMappingURL=octokit.js.map

/***/ })

};

//# sourceMappingURL=872.index.js.map