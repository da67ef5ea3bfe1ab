export const id = 869;
export const ids = [869];
export const modules = {

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

//# sourceMappingURL=869.index.js.map