export const id = 823;
export const ids = [823];
export const modules = {

/***/ 9823:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BitbucketStatusReporter: () => (/* binding */ BitbucketStatusReporter)
/* harmony export */ });
/* unused harmony exports KEY_MAX, REQUEST_TIMEOUT_MS, CLOUD_STATES, SERVER_STATES, bitbucketKey, authorizationHeader, statusEndpoint, statusBody */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var _commit_status_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3223);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4792);
/* harmony import */ var _util_network_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2657);
/**
 * Bitbucket build statuses, Cloud (POST /2.0/repositories/{workspace}/{repo_slug}/commit/{commit}/statuses/build)
 * and Data Center (POST /rest/api/latest/projects/{key}/repos/{slug}/commits/{commit}/builds).
 * The same key updates the same status; keys are at most 40 characters, so a longer status name
 * becomes a readable prefix plus a short hash of the whole name (stable across runs). Refusals
 * (401/403) are one warning and end the posting; outages are warnings naming the endpoint; none
 * changes the build's result. Posts go out in order, each with its own time-out.
 */




const KEY_MAX = 40;
const REQUEST_TIMEOUT_MS = 15_000;
const CLOUD_STATES = {
    pending: 'INPROGRESS',
    success: 'SUCCESSFUL',
    failure: 'FAILED',
    error: 'FAILED',
    stopped: 'STOPPED',
};
const SERVER_STATES = {
    pending: 'INPROGRESS',
    success: 'SUCCESSFUL',
    failure: 'FAILED',
    error: 'FAILED',
    stopped: 'CANCELLED',
};
/** The status key for a name: the name itself when it fits, else a prefix and a hash. */
function bitbucketKey(name) {
    if (name.length <= KEY_MAX)
        return name;
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(name).digest('hex').slice(0, 8);
    return `${name.slice(0, KEY_MAX - hash.length - 1).trimEnd()}-${hash}`;
}
function authorizationHeader(auth) {
    return auth.kind === 'bearer'
        ? `Bearer ${auth.token}`
        : `Basic ${Buffer.from(`${auth.username}:${auth.token}`).toString('base64')}`;
}
function statusEndpoint(target) {
    const e = encodeURIComponent;
    if (target.kind === 'cloud') {
        return `${target.apiUrl.replace(/\/+$/, '')}/2.0/repositories/${e(target.workspace)}/${e(target.repoSlug)}/commit/${e(target.commit)}/statuses/build`;
    }
    return `${target.serverUrl.replace(/\/+$/, '')}/rest/api/latest/projects/${e(target.projectKey)}/repos/${e(target.repoSlug)}/commits/${e(target.commit)}/builds`;
}
function statusBody(target, status) {
    const common = {
        key: bitbucketKey(status.name),
        name: (0,_commit_status_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(status.name, 255),
        description: (0,_commit_status_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(status.description, 255),
        ...(status.url ? { url: status.url } : {}),
    };
    return target.kind === 'cloud'
        ? {
            ...common,
            state: CLOUD_STATES[status.state],
            ...(target.refname ? { refname: target.refname } : {}),
        }
        : { ...common, state: SERVER_STATES[status.state], ...(target.ref ? { ref: target.ref } : {}) };
}
class BitbucketStatusReporter {
    where;
    auth;
    logger;
    fetchImpl;
    timeoutMs;
    target;
    queue = Promise.resolve();
    refused = false;
    endpoint;
    host;
    constructor(where, auth, logger, fetchImpl = fetch, timeoutMs = REQUEST_TIMEOUT_MS) {
        this.where = where;
        this.auth = auth;
        this.logger = logger;
        this.fetchImpl = fetchImpl;
        this.timeoutMs = timeoutMs;
        this.host = where.kind === 'cloud' ? 'Bitbucket Cloud' : 'Bitbucket Data Center';
        this.target = `${this.host} build status`;
        this.endpoint = statusEndpoint(where);
    }
    report(status) {
        this.queue = this.queue.then(() => this.post(status));
        return this.queue;
    }
    async post(status) {
        if (this.refused)
            return;
        const body = statusBody(this.where, status);
        let response;
        try {
            response = await this.fetchImpl(this.endpoint, {
                method: 'POST',
                headers: {
                    authorization: authorizationHeader(this.auth),
                    'content-type': 'application/json',
                    accept: 'application/json',
                },
                body: JSON.stringify(body),
                signal: AbortSignal.timeout(this.timeoutMs),
            });
            // Read the body so the connection is free; its text only matters for messages.
            const text = await response.text().catch(() => '');
            if (response.ok)
                return;
            this.answered(status, response.status, text);
        }
        catch (error) {
            this.logger.warn(`Could not reach ${this.host} at ${this.endpoint} to post the ${body.state} build status (${(0,_util_network_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .noAnswerReason */ .G)(error) ?? (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(error)}). Check the network and ${this.where.kind === 'cloud' ? 'BITBUCKET_API_URL' : 'BITBUCKET_SERVER_URL'}. The build itself is unaffected.`);
        }
    }
    answered(status, code, text) {
        const commit = this.where.commit.slice(0, 12);
        if (code === 401 || code === 403) {
            this.refused = true;
            this.logger.warn(`${this.host} refused the build status for ${commit} (HTTP ${code}): the token needs ${this.where.kind === 'cloud' ? 'the repository:write scope ("Repositories: Write")' : 'write permission on the repository (REPO_WRITE)'}. Set BITBUCKET_ACCESS_TOKEN, or BITBUCKET_USERNAME and BITBUCKET_API_TOKEN. No more build statuses are posted; the build itself is unaffected.`);
            return;
        }
        const detail = bitbucketMessage(text);
        this.logger.warn(`Could not post the ${status.state} build status to ${this.host} at ${this.endpoint} (HTTP ${code}${detail ? `: ${detail}` : ''}). The build itself is unaffected.`);
    }
}
/** Bitbucket's error text: Cloud's {error: {message}}, Data Center's {errors: [{message}]}. */
function bitbucketMessage(text) {
    try {
        const parsed = JSON.parse(text);
        const message = parsed.error?.message ?? parsed.errors?.[0]?.message;
        return typeof message === 'string' ? (0,_commit_status_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(message, 200) : undefined;
    }
    catch {
        return undefined;
    }
}
//# sourceMappingURL=bitbucket-status.js.map

/***/ })

};

//# sourceMappingURL=823.index.js.map