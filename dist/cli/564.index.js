export const id = 564;
export const ids = [564];
export const modules = {

/***/ 3789:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L0: () => (/* binding */ batchDurationMs),
/* harmony export */   NB: () => (/* binding */ batchLabel),
/* harmony export */   sn: () => (/* binding */ describeBatch),
/* harmony export */   u4: () => (/* binding */ batchState),
/* harmony export */   w8: () => (/* binding */ describeMember)
/* harmony export */ });
/* unused harmony export failingMembers */
/* harmony import */ var _build_outcome_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9189);
/* harmony import */ var _util_duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1081);


function batchLabel(batch) {
    return batch.buildBatchNumber !== undefined
        ? `Batch #${batch.buildBatchNumber}`
        : `Batch ${batch.id ?? ''}`.trim();
}
function batchState(batch) {
    return (0,_build_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .commitState */ .Tb)({ buildStatus: batch.buildBatchStatus });
}
function batchDurationMs(batch, now) {
    const start = batch.startTime?.getTime();
    if (start === undefined)
        return 0;
    return (batch.endTime?.getTime() ?? now) - start;
}
/** A member's status in words: its build's when it ran, else why it did not. */
function describeMember(member, now) {
    if (member.build)
        return `${member.identifier}: ${(0,_build_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .describeBuild */ .SY)(member.build, now)}`;
    if (member.neverStarted)
        return `${member.identifier}: not started (the batch ended first)`;
    return `${member.identifier}: waiting to start`;
}
/** Members that failed the batch: failed builds without ignore-failure. */
function failingMembers(members) {
    return members.filter((member) => !member.ignoreFailure &&
        member.build !== undefined &&
        ['FAILED', 'FAULT', 'TIMED_OUT'].includes(member.build.buildStatus ?? ''));
}
function describeBatch(batch, members, now) {
    const label = batchLabel(batch);
    const status = batch.buildBatchStatus ?? 'IN_PROGRESS';
    const duration = (0,_util_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(batchDurationMs(batch, now));
    const counted = members.filter((member) => member.build);
    const succeeded = counted.filter((member) => member.build?.buildStatus === 'SUCCEEDED').length;
    switch (status) {
        case 'SUCCEEDED':
            return `${label} succeeded in ${duration}: ${succeeded} of ${members.length} builds succeeded`;
        case 'IN_PROGRESS':
            return `${label} is running: ${succeeded} of ${members.length} builds done`;
        case 'STOPPED':
            return `${label} was stopped after ${duration}`;
        default: {
            const failing = failingMembers(members);
            const first = failing[0];
            const where = first?.build ? (0,_build_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .failedPhase */ .ri)(first.build)?.phaseType : undefined;
            const verb = status === 'TIMED_OUT' ? 'timed out' : status === 'FAULT' ? 'faulted' : 'failed';
            return `${label} ${verb} after ${duration}${first ? `: ${failing.map((m) => m.identifier).join(', ')} failed${failing.length === 1 && where ? ` in ${where}` : ''}` : ''}`;
        }
    }
}
//# sourceMappingURL=batch-outcome.js.map

/***/ }),

/***/ 8337:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jp: () => (/* binding */ DOWNLOAD_SOURCE),
/* harmony export */   pM: () => (/* binding */ isBatchFinal),
/* harmony export */   vB: () => (/* binding */ BatchWatcher)
/* harmony export */ });
/* unused harmony export buildIdOfArn */
/* harmony import */ var _build_outcome_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9189);
/* harmony import */ var _log_follower_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2314);
/* harmony import */ var _status_poller_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2143);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4478);




/** The batch's own first group: CodeBuild's source download, not a member people wrote. */
const DOWNLOAD_SOURCE = 'DOWNLOAD_SOURCE';
const LIVE_READS_PER_TICK = 2;
const TAIL_MEMBERS = 3;
const FAST_POLL_MS = 1_000;
const END_LOOK_GAPS_MS = [1_000, 2_000, 3_000];
const TAIL_POLL_MS = 2_000;
/** A member's log reads after its end while its last line has not arrived. */
const FLUSH_READS = 3;
/** `arn:aws:codebuild:r:a:build/project:uuid` → `project:uuid`. */
function buildIdOfArn(arn) {
    const match = /:build\/(.+)$/.exec(arn ?? '');
    return match?.[1];
}
function isBatchFinal(batch) {
    return (0,_build_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .isFinalStatus */ .$T)(batch.buildBatchStatus);
}
class BatchWatcher {
    ports;
    options;
    batch;
    poller;
    byIdentifier = new Map();
    deadline;
    wake = new AbortController();
    liveTurn = 0;
    /** Looks at a batch whose members have all ended, waiting for it to turn final. */
    idleLooks = 0;
    transientStreak = 0;
    constructor(initial, ports, options) {
        this.ports = ports;
        this.options = options;
        this.batch = initial;
        this.poller = new _status_poller_js__WEBPACK_IMPORTED_MODULE_2__/* .StatusPoller */ .F(ports.codebuild, options.region);
        this.learnGroups(initial.buildGroups ?? []);
    }
    /** Every member known so far, in the batch's order, DOWNLOAD_SOURCE included. */
    members() {
        return [...this.byIdentifier.values()];
    }
    current() {
        return this.batch;
    }
    /** Cancel: poll fast from now on and give up waiting at `deadline` (clock time). */
    hurry(deadline) {
        this.deadline = deadline;
        this.wake.abort();
    }
    /** After a cancel, a call still in flight at the deadline is given up: the exit comes first. */
    untilDeadline() {
        if (this.deadline === undefined)
            return undefined;
        return AbortSignal.timeout(Math.max(1, this.deadline - this.ports.clock.now()));
    }
    pastDeadline() {
        return this.deadline !== undefined && this.ports.clock.now() >= this.deadline;
    }
    /** Done: the batch is final and every member that started has ended. */
    done() {
        return (isBatchFinal(this.batch) &&
            this.members().every((member) => member.ended || member.buildId === undefined || !started(member)));
    }
    async *events() {
        const { clock } = this.ports;
        while (!this.done()) {
            await clock.sleep(this.nextDelay(), this.wake.signal);
            if (this.wake.signal.aborted)
                this.wake = new AbortController();
            if (this.pastDeadline())
                break;
            yield* this.tick();
            if (this.pastDeadline())
                break;
        }
        // What ended without its end handed out yet (a cancel's deadline): read what is there.
        yield* this.endMembers(this.members().filter((m) => !m.ended && m.build && (0,_build_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .isFinal */ .dR)(m.build)));
        yield { type: 'batch-end', batch: this.batch, final: isBatchFinal(this.batch) };
    }
    /** Whether any member people wrote has started (CodeBuild's source download aside). */
    anyMemberStarted() {
        return this.members().some((member) => member.identifier !== DOWNLOAD_SOURCE && started(member));
    }
    running() {
        return this.members().filter((member) => started(member) && !member.ended);
    }
    nextDelay() {
        const interval = this.options.pollIntervalMs;
        if (this.deadline !== undefined)
            return Math.min(FAST_POLL_MS, interval);
        const running = this.running();
        // Every member has ended: the batch itself turns final within seconds.
        if (running.length === 0 && this.anyMemberStarted()) {
            const step = Math.min(this.idleLooks, END_LOOK_GAPS_MS.length - 1);
            return Math.min(END_LOOK_GAPS_MS[step] ?? FAST_POLL_MS, interval);
        }
        // The last members: their end is the batch's, so it is looked for more often.
        if (running.length > 0 && running.length <= TAIL_MEMBERS)
            return Math.min(TAIL_POLL_MS, interval);
        return interval;
    }
    async *tick() {
        if (this.running().length === 0 && this.anyMemberStarted())
            this.idleLooks++;
        else
            this.idleLooks = 0;
        const read = await this.poller.batch(this.batch.id, this.untilDeadline());
        if (!read.ok) {
            yield* this.transient('status', read.error);
            return;
        }
        this.transientStreak = 0;
        this.batch = read.items[0];
        this.learnGroups(this.batch.buildGroups ?? []);
        yield { type: 'batch', batch: this.batch };
        // Member builds are read when the batch says something new about them.
        const ended = this.members().filter((member) => !member.ended && member.buildId && (0,_build_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .isFinalStatus */ .$T)(member.summaryStatus));
        const needStream = this.options.logs !== 'live'
            ? []
            : this.running().filter((member) => !(0,_build_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .isFinalStatus */ .$T)(member.summaryStatus) &&
                member.buildId &&
                !member.follower?.following &&
                !member.follower?.gone &&
                member.identifier !== DOWNLOAD_SOURCE);
        const toRead = [...ended, ...needStream];
        if (toRead.length > 0) {
            const builds = await this.poller.builds(toRead.map((member) => member.buildId), this.untilDeadline());
            if (!builds.ok) {
                yield* this.transient('status', builds.error);
                return;
            }
            for (const build of builds.items) {
                const member = this.members().find((candidate) => candidate.buildId === build.id);
                if (!member)
                    continue;
                member.build = build;
                yield { type: 'status', buildId: build.id, build };
            }
            // A member the batch ended before it started (fast-fail, a stop) has no build to read.
            for (const id of builds.notFound) {
                const member = this.members().find((candidate) => candidate.buildId === id);
                if (member && (0,_build_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .isFinalStatus */ .$T)(member.summaryStatus)) {
                    member.ended = true;
                    member.neverStarted = true;
                }
            }
        }
        yield* this.endMembers(ended.filter((member) => member.build && (0,_build_outcome_js__WEBPACK_IMPORTED_MODULE_0__/* .isFinal */ .dR)(member.build)));
        yield* this.readRunningLogs();
    }
    /**
     * Hands out each ended member's end: its whole log (when shown), then its final build. A
     * build that finished (SUCCEEDED, FAILED) waits up to FLUSH_READS seconds for its last line,
     * as CloudWatch flushes late; a stopped, faulted or timed-out one may never log it and gets
     * one read. After a cancel's deadline no more waiting: the rest is behind the log link.
     */
    async *endMembers(members) {
        for (const member of members) {
            const build = member.build;
            // CodeBuild's own source download shows its log only when it failed.
            const shown = member.identifier !== DOWNLOAD_SOURCE || build.buildStatus !== 'SUCCEEDED';
            if (this.options.logs !== 'off' && shown)
                yield* this.drainMember(member, build);
            member.ended = true;
            yield { type: 'end', buildId: build.id, build, final: true };
        }
    }
    async *drainMember(member, build) {
        const follower = this.followerOf(member);
        const finished = build.buildStatus === 'SUCCEEDED' || build.buildStatus === 'FAILED';
        const reads = finished && !this.pastDeadline() ? 1 + FLUSH_READS : 1;
        for (let read = 0; read < reads; read++) {
            if (read > 0) {
                if (follower.hasLastLine(build) || follower.hasLastPhase(build) !== false)
                    return;
                if (this.pastDeadline())
                    break;
                await this.ports.clock.sleep(FAST_POLL_MS);
            }
            const result = await follower.read(build, this.untilDeadline());
            yield* result.events;
            if (result.transient !== undefined)
                yield* this.transient('log', result.transient);
            if (!follower.following)
                return;
        }
        if (finished && follower.hasLastPhase(build) === false) {
            yield {
                type: 'notice',
                buildId: build.id,
                level: 'warn',
                message: `${member.identifier}: the log's last line (Phase complete: ${follower.lastLoggedPhase(build) ?? ''}) had not arrived ${FLUSH_READS}s after the build ended; the rest of its log is behind its log link.`,
            };
        }
    }
    /** Live logs, within the budget: at most LIVE_READS_PER_TICK running members a tick, in turn. */
    async *readRunningLogs() {
        if (this.options.logs !== 'live')
            return;
        const running = this.running().filter((member) => member.build && !member.follower?.gone && member.identifier !== DOWNLOAD_SOURCE);
        const turn = running.length === 0 ? 0 : this.liveTurn % running.length;
        const chosen = [...running.slice(turn), ...running.slice(0, turn)].slice(0, LIVE_READS_PER_TICK);
        this.liveTurn += chosen.length;
        for (const member of chosen) {
            const result = await this.followerOf(member).read(member.build, this.untilDeadline());
            yield* result.events;
            if (result.transient !== undefined)
                yield* this.transient('log', result.transient);
        }
    }
    followerOf(member) {
        member.follower ??= new _log_follower_js__WEBPACK_IMPORTED_MODULE_1__/* .LogFollower */ .p(member.buildId, this.ports.logs, this.options.region);
        return member.follower;
    }
    learnGroups(groups) {
        for (const group of groups) {
            const identifier = group.identifier ?? '';
            const known = this.byIdentifier.get(identifier);
            const member = known ?? {
                identifier,
                ignoreFailure: group.ignoreFailure ?? false,
                buildId: undefined,
                build: undefined,
                summaryStatus: 'PENDING',
                ended: false,
                neverStarted: false,
                follower: undefined,
            };
            const summary = group.currentBuildSummary;
            if (summary) {
                member.summaryStatus = summary.buildStatus ?? 'PENDING';
                if (member.summaryStatus !== 'PENDING')
                    member.buildId ??= buildIdOfArn(summary.arn);
            }
            if (!known)
                this.byIdentifier.set(identifier, member);
        }
    }
    async *transient(what, error) {
        // A call given up at the cancel's deadline is not a failure to report.
        if (this.pastDeadline())
            return;
        this.transientStreak++;
        if (this.transientStreak === 1) {
            yield {
                type: 'notice',
                buildId: this.batch.id,
                level: 'warn',
                message: `Reading the batch's ${what} failed (${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorName */ .Is)(error) ?? 'error'}: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(error)}); trying again.`,
            };
        }
    }
}
function started(member) {
    return member.summaryStatus !== 'PENDING' && member.buildId !== undefined;
}
//# sourceMappingURL=batch-watcher.js.map

/***/ }),

/***/ 2314:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  p: () => (/* binding */ LogFollower)
});

// EXTERNAL MODULE: ./build/aws/aws-errors.js
var aws_errors = __webpack_require__(5067);
// EXTERNAL MODULE: ./build/codebuild/agent-lines.js
var agent_lines = __webpack_require__(5619);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-cjs/index.js
var dist_cjs = __webpack_require__(2684);
// EXTERNAL MODULE: ./build/util/errors.js
var errors = __webpack_require__(4478);
;// CONCATENATED MODULE: ./build/codebuild/log-tail.js
/**
 * Follows one CloudWatch Logs stream with GetLogEvents (startFromHead + nextForwardToken). The
 * token only moves after a page has been handed out, so a failed or throttled read is simply
 * repeated later: no line is lost or printed twice. A full page is followed at once by the next,
 * so a large log drains at page speed.
 */


/** CloudWatch's page limits: 10,000 events or 1 MB (message bytes + 26 per event). */
const PAGE_EVENTS = 10_000;
const PAGE_BYTES = 1_048_576;
class LogTail {
    client;
    groupName;
    streamName;
    token;
    /** True once the stream has answered; until then "does not exist" means "not yet". */
    seen = false;
    constructor(client, groupName, streamName) {
        this.client = client;
        this.groupName = groupName;
        this.streamName = streamName;
    }
    /** Reads one page after the current position. */
    async readPage(signal) {
        let response;
        try {
            response = await this.client.send(new dist_cjs/* GetLogEventsCommand */.h7S({
                logGroupName: this.groupName,
                logStreamName: this.streamName,
                startFromHead: true,
                nextToken: this.token,
                limit: PAGE_EVENTS,
            }), { abortSignal: signal });
        }
        catch (error) {
            // CodeBuild names the stream before CloudWatch has created it.
            if ((0,errors/* errorName */.Is)(error) === 'ResourceNotFoundException' && !this.seen)
                return { lines: [], times: [], full: false };
            throw error;
        }
        this.seen = true;
        const events = response.events ?? [];
        const next = response.nextForwardToken;
        const moved = next !== undefined && next !== this.token;
        if (next !== undefined)
            this.token = next;
        const lines = events.map((event) => (event.message ?? '').replace(/\r?\n$/, ''));
        const bytes = events.reduce((sum, event) => sum + Buffer.byteLength(event.message ?? '') + 26, 0);
        return {
            lines,
            times: events.map((event) => event.timestamp ?? 0),
            full: moved && (events.length === 0 || events.length >= PAGE_EVENTS || bytes >= PAGE_BYTES * 0.9),
        };
    }
    /** Reads pages until one is not full; each page is handed to `onPage` as it arrives. */
    async drain(onPage, signal) {
        for (;;) {
            const page = await this.readPage(signal);
            if (page.lines.length > 0)
                onPage(page);
            if (!page.full || signal?.aborted)
                return;
        }
    }
}
//# sourceMappingURL=log-tail.js.map
;// CONCATENATED MODULE: ./build/codebuild/log-follower.js



/** Phases whose end the agent does not log. */
const NOT_LOGGED = new Set(['SUBMITTED', 'QUEUED', 'PROVISIONING', 'FINALIZING', 'COMPLETED']);
const count = (pages) => pages.reduce((sum, page) => sum + page.lines.length, 0);
class LogFollower {
    buildId;
    logs;
    region;
    tail;
    unavailable = false;
    completed = new Set();
    /** The last "Phase complete" phase, and whether the agent's closing context line followed it. */
    lastCompleted;
    lastCompletedClosed = false;
    /** Whether the log has announced the end (the last phase completed, or an early one failed). */
    endAnnounced = false;
    /** When the end-announcing line was written (CloudWatch time). */
    endWrittenAt;
    constructor(buildId, logs, region) {
        this.buildId = buildId;
        this.logs = logs;
        this.region = region;
    }
    /** Whether the stream is being read (known and readable). */
    get following() {
        return this.tail !== undefined;
    }
    /** Whether the log cannot be shown (S3 only, no permission, no stream): nothing to read. */
    get gone() {
        return this.unavailable;
    }
    /** Finds the stream once CodeBuild names it, or says why the log cannot be shown. */
    prepare(build) {
        const events = [...this.noticeMissingStream(build)];
        this.ensureTail(build);
        return events;
    }
    /** Reads what is new in the log of `build` (as last read), or explains why there is none. */
    async read(build, signal) {
        const events = this.prepare(build);
        const tail = this.tail;
        if (!tail)
            return { events, lines: 0 };
        const pages = [];
        try {
            await tail.drain((page) => pages.push(page), signal);
        }
        catch (error) {
            if ((0,aws_errors/* isTransient */.d)(error))
                return {
                    events: [...events, ...this.pagesOf(pages)],
                    lines: count(pages),
                    transient: error,
                };
            const explained = (0,aws_errors/* explainAwsError */.N)(error, {
                action: 'logs:GetLogEvents',
                region: this.region,
                subject: `log stream ${tail.groupName}/${tail.streamName}`,
            });
            this.unavailable = true;
            this.tail = undefined;
            events.push(...this.pagesOf(pages), {
                type: 'notice',
                buildId: this.buildId,
                level: 'warn',
                message: `${explained.message} The build is still followed; its log is not shown.`,
            });
            return { events, lines: count(pages) };
        }
        return { events: [...events, ...this.pagesOf(pages)], lines: count(pages) };
    }
    /** Whether the agent's last line for this (final) build is already here: nothing more comes. */
    hasLastLine(build) {
        const expected = this.lastLoggedPhase(build);
        return expected !== undefined && this.lastCompleted === expected && this.lastCompletedClosed;
    }
    /** Whether the last phase the agent logs for this build has logged its completion. */
    hasLastPhase(build) {
        const expected = this.lastLoggedPhase(build);
        return expected === undefined ? undefined : this.completed.has(expected);
    }
    /** The last phase the agent logs for this build: its "Phase complete" line ends the log. */
    lastLoggedPhase(build) {
        const logged = (build.phases ?? []).filter((phase) => phase.phaseStatus && !NOT_LOGGED.has(phase.phaseType ?? ''));
        return logged.at(-1)?.phaseType;
    }
    pagesOf(pages) {
        return pages.map((page) => {
            this.scan(page);
            return { type: 'log', buildId: this.buildId, lines: page.lines };
        });
    }
    ensureTail(build) {
        if (this.tail || this.unavailable)
            return this.tail;
        const logs = build.logs;
        if (logs?.groupName && logs.streamName) {
            this.tail = new LogTail(this.logs, logs.groupName, logs.streamName);
        }
        return this.tail;
    }
    *noticeMissingStream(build) {
        if (this.tail || this.unavailable)
            return;
        const phase = build.currentPhase ?? 'SUBMITTED';
        const cloudWatchOff = build.logs?.cloudWatchLogs?.status === 'DISABLED';
        // A build stopped before its container started has no stream, and no log to show.
        const stoppedEarly = build.buildStatus === 'STOPPED' && !build.logs?.streamName;
        if (!stoppedEarly &&
            (cloudWatchOff ||
                (!['SUBMITTED', 'QUEUED', 'PROVISIONING'].includes(phase) && !build.logs?.streamName))) {
            this.unavailable = true;
            const s3 = build.logs?.s3LogsArn ?? build.logs?.s3DeepLink;
            yield {
                type: 'notice',
                buildId: this.buildId,
                level: 'info',
                message: `This build does not log to CloudWatch Logs${s3 ? ` (its log goes to S3: ${s3})` : ''}, so its log cannot be shown here; following its status instead.`,
            };
        }
    }
    scan(page) {
        page.lines.forEach((line, index) => {
            const agent = (0,agent_lines/* parseAgentLine */.X)(line);
            if (!agent)
                return;
            if (agent.kind === 'context')
                this.lastCompletedClosed = this.lastCompleted !== undefined;
            if (agent.kind === 'complete') {
                this.completed.add(agent.phase);
                this.lastCompleted = agent.phase;
                this.lastCompletedClosed = false;
            }
            if ((0,agent_lines/* announcesEnd */.e)(agent) && !this.endAnnounced) {
                this.endAnnounced = true;
                this.endWrittenAt = page.times[index];
            }
        });
    }
}
//# sourceMappingURL=log-follower.js.map

/***/ }),

/***/ 7564:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runBatch: () => (/* binding */ runBatch)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_codebuild__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(4774);
/* harmony import */ var _aws_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5067);
/* harmony import */ var _batch_outcome_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3789);
/* harmony import */ var _batch_watcher_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8337);
/* harmony import */ var _build_outcome_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9189);
/* harmony import */ var _build_tests_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1404);
/* harmony import */ var _follow_build_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3194);
/* harmony import */ var _links_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(5925);
/* harmony import */ var _run_report_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(7596);
/* harmony import */ var _start_request_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(5020);
/* harmony import */ var _test_results_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8973);
/* harmony import */ var _test_results_text_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4161);
/* harmony import */ var _status_commit_status_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(1669);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(4478);
/**
 * run-build with batch: start a batch build (build-list, build-matrix, build-graph) of the
 * commit under test and follow every member to its end: a status per member (or one for the
 * batch), each member's log, a summary of all of them, and the batch's result. On cancel the
 * batch is stopped within a second and every member that had a status gets a final one.
 */














const CANCEL_WATCH_MS = 4_000;
const CANCEL_REPORT_MS = 2_500;
const STOP_TIMEOUT_MS = 3_000;
async function runBatch(settings, ports) {
    const { logger, clock } = ports;
    const started = await startBatch(settings, ports);
    const url = (0,_links_js__WEBPACK_IMPORTED_MODULE_9__/* .batchConsoleUrl */ .b7)(started, settings.region);
    ports.setOutput('batch-id', started.id ?? '');
    ports.setOutput('build-url', url);
    logger.info(`Started ${(0,_batch_outcome_js__WEBPACK_IMPORTED_MODULE_1__/* .batchLabel */ .NB)(started)} of ${settings.projectName} (${started.id ?? ''}): ${url}`);
    const statuses = new BatchStatuses(settings, ports, url);
    statuses.started(started);
    // A check run or comment started is always finished: without wait there is no finish.
    const publishers = settings.wait ? (ports.publishers ?? []) : [];
    if (publishers.length < (ports.publishers ?? []).length)
        logger.warn('The pull request comment and the check run need wait: true; skipping them.');
    const publishing = Promise.all(publishers.map((publisher) => publisher.start({ statusContext: settings.statusContext, url })));
    if (!settings.wait) {
        await Promise.all([statuses.settled(), publishing]);
        ports.setOutput('batch-status', started.buildBatchStatus ?? 'IN_PROGRESS');
        ports.setOutput('build-status', started.buildBatchStatus ?? 'IN_PROGRESS');
        return {
            batch: started,
            succeeded: true,
            message: `${(0,_batch_outcome_js__WEBPACK_IMPORTED_MODULE_1__/* .batchLabel */ .NB)(started)} started; not waiting for it (wait: false).`,
        };
    }
    const watcher = new _batch_watcher_js__WEBPACK_IMPORTED_MODULE_2__/* .BatchWatcher */ .vB(started, {
        ...ports,
        logs: await ports
            .logs()
            .catch((error) => endLost(error, started, [], { settings, ports, statuses, publishing, publishers })),
    }, {
        region: settings.region,
        pollIntervalMs: settings.pollIntervalMs,
        logs: !settings.logs ? 'off' : settings.liveLogs ? 'live' : 'grouped',
    });
    let cancelled = false;
    let stopping = Promise.resolve();
    const onCancel = () => {
        cancelled = true;
        const now = clock.now();
        if (settings.stopOnCancel) {
            stopping = stopBatch(started, settings, ports);
            watcher.hurry(now + CANCEL_WATCH_MS);
        }
        else {
            logger.warn(`Cancelled: leaving ${(0,_batch_outcome_js__WEBPACK_IMPORTED_MODULE_1__/* .batchLabel */ .NB)(started)} running (stop-on-cancel: false).`);
            watcher.hurry(now);
        }
    };
    if (ports.signal.aborted)
        onCancel();
    else
        ports.signal.addEventListener('abort', onCancel, { once: true });
    const logs = new MemberLogs(ports, watcher, settings.liveLogs);
    let batch = started;
    try {
        for await (const event of watcher.events()) {
            if (event.type === 'batch' || event.type === 'batch-end') {
                batch = event.batch;
                statuses.update(watcher.members());
            }
            else if (event.type === 'status') {
                statuses.update(watcher.members());
            }
            else if (event.type === 'log') {
                logs.add(event.buildId, event.lines);
            }
            else if (event.type === 'end') {
                logs.end(event.buildId);
                statuses.update(watcher.members());
            }
            else {
                // A member's notice says which member it is about.
                const who = watcher.members().find((m) => m.buildId === event.buildId)?.identifier;
                const text = who && !event.message.startsWith(`${who}:`) ? `${who}: ${event.message}` : event.message;
                if (event.level === 'warn')
                    logger.warn(text);
                else
                    logger.info(text);
            }
        }
    }
    catch (error) {
        // The batch goes on without us: every pending status, the check run and the comment must
        // still end, and say why.
        return endLost(error, batch, watcher.members(), {
            settings,
            ports,
            statuses,
            publishing,
            publishers,
        });
    }
    finally {
        ports.signal.removeEventListener('abort', onCancel);
    }
    await stopping;
    const members = watcher.members();
    const final = (0,_batch_watcher_js__WEBPACK_IMPORTED_MODULE_2__/* .isBatchFinal */ .pM)(batch);
    // The batch ended: a member it never started will not start now.
    if (final)
        for (const member of members)
            if (!member.build)
                member.neverStarted = true;
    const message = final
        ? (0,_batch_outcome_js__WEBPACK_IMPORTED_MODULE_1__/* .describeBatch */ .sn)(batch, reported(members), clock.now())
        : cancelled && settings.stopOnCancel
            ? `${(0,_batch_outcome_js__WEBPACK_IMPORTED_MODULE_1__/* .batchLabel */ .NB)(batch)} was stopped (run cancelled)`
            : `${(0,_batch_outcome_js__WEBPACK_IMPORTED_MODULE_1__/* .batchLabel */ .NB)(batch)} is still running; the run was cancelled before it ended`;
    // Reports exist only once a member has ended; a cancelled run has no time to read them.
    const tests = final && !cancelled
        ? await (0,_build_tests_js__WEBPACK_IMPORTED_MODULE_4__/* .readBuildsTests */ .F)(reported(members).map((member) => member.build), settings.region, ports)
        : undefined;
    const headline = tests ? (0,_test_results_text_js__WEBPACK_IMPORTED_MODULE_7__/* .withTests */ .wk)(message, tests.all, Number.POSITIVE_INFINITY) : message;
    const posting = statuses.finish(batch, members, tests ? (0,_test_results_text_js__WEBPACK_IMPORTED_MODULE_7__/* .withTests */ .wk)(message, tests.all, _follow_build_js__WEBPACK_IMPORTED_MODULE_5__/* .STATUS_DESCRIPTION_MAX */ .N9) : message, cancelled && settings.stopOnCancel, tests);
    writeBatchOutputs(batch, members, settings.region, ports);
    if (tests)
        for (const [name, value] of Object.entries((0,_test_results_text_js__WEBPACK_IMPORTED_MODULE_7__/* .testOutputs */ .tc)(tests.all)))
            ports.setOutput(name, value);
    const stoppedByFastFail = new Set(cancelled
        ? []
        : members
            .filter((member) => member.build?.buildStatus === 'STOPPED' || member.neverStarted)
            .map((member) => member.identifier));
    const [{ batchSummaryMarkdown }, { withTestResults }] = await Promise.all([
        __webpack_require__.e(/* import() */ 669).then(__webpack_require__.bind(__webpack_require__, 5669)),
        Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 4251)),
    ]);
    const redact = (text) => logger.redact(text);
    const summary = withTestResults(batchSummaryMarkdown(batch, members, settings.region, clock.now(), stoppedByFastFail, redact), reported(members).map((member) => ({
        label: member.identifier,
        results: tests?.of(member.build) ?? _test_results_js__WEBPACK_IMPORTED_MODULE_6__/* .NO_TEST_RESULTS */ .KB,
    })), redact);
    await ports.writeSummary(summary);
    const report = {
        kind: 'batch',
        statusContext: settings.statusContext,
        projectName: settings.projectName,
        region: settings.region,
        batch,
        members: reported(members).map((member) => runMember(member, settings.region, logs, tests?.of(member.build))),
        state: final ? (0,_batch_outcome_js__WEBPACK_IMPORTED_MODULE_1__/* .batchState */ .u4)(batch) : cancelled && settings.stopOnCancel ? 'stopped' : 'error',
        headline,
        url,
        summaryMarkdown: logger.redact(summary),
    };
    const finishing = publishing.then(() => Promise.all(publishers.map((publisher) => publisher.finish(report))));
    const both = Promise.all([posting, finishing]);
    await (cancelled ? Promise.race([both, clock.sleep(CANCEL_REPORT_MS)]) : both);
    const succeeded = batch.buildBatchStatus === 'SUCCEEDED';
    if (succeeded)
        logger.info(`${headline}. ${url}`);
    else
        logger.error(`${headline}. ${url}`);
    return { batch, succeeded, message: headline };
}
/**
 * Ends what a run that lost track of its batch had started — every pending status, the check
 * run, the comment — saying why, then throws the error.
 */
async function endLost(error, batch, members, { settings, ports, statuses, publishing, publishers }) {
    const why = `Lost track of ${(0,_batch_outcome_js__WEBPACK_IMPORTED_MODULE_1__/* .batchLabel */ .NB)(batch)}: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_10__/* .errorMessage */ .gJ)(error)}`;
    const report = {
        kind: 'batch',
        statusContext: settings.statusContext,
        projectName: settings.projectName,
        region: settings.region,
        batch,
        members: [],
        state: 'error',
        headline: ports.logger.redact(why),
        url: (0,_links_js__WEBPACK_IMPORTED_MODULE_9__/* .batchConsoleUrl */ .b7)(batch, settings.region),
        summaryMarkdown: ports.logger.redact(`### ${why}`),
    };
    const ending = Promise.all([
        statuses.abandon(members, why),
        publishing.then(() => Promise.all(publishers.map((publisher) => publisher.finish(report)))),
    ]);
    await Promise.race([ending, ports.clock.sleep(_follow_build_js__WEBPACK_IMPORTED_MODULE_5__/* .LOST_REPORT_MS */ .D2)]);
    throw error;
}
/** The members people wrote: CodeBuild's own source download only when it failed. */
function reported(members) {
    return members.filter((member) => member.identifier !== _batch_watcher_js__WEBPACK_IMPORTED_MODULE_2__/* .DOWNLOAD_SOURCE */ .Jp ||
        (member.build !== undefined && member.build.buildStatus !== 'SUCCEEDED'));
}
function runMember(member, region, logs, tests) {
    return {
        tests,
        identifier: member.identifier,
        build: member.build,
        url: member.build ? (0,_links_js__WEBPACK_IMPORTED_MODULE_9__/* .consoleUrl */ .B9)(member.build, region) : undefined,
        ignoreFailure: member.ignoreFailure,
        lastLogLines: member.buildId ? logs.last(member.buildId) : [],
    };
}
async function startBatch(settings, ports) {
    const request = (0,_start_request_js__WEBPACK_IMPORTED_MODULE_11__/* .startBuildRequest */ .c)(settings);
    ports.logger.info(`Starting a batch build of ${settings.projectName} in ${settings.region} at ${request.sourceVersion ?? "the project's default source version"}.`);
    try {
        const response = await ports.codebuild.send(new _aws_sdk_client_codebuild__WEBPACK_IMPORTED_MODULE_12__/* .StartBuildBatchCommand */ .OWL(request));
        if (!response.buildBatch?.id)
            throw new Error('StartBuildBatch returned no batch');
        return response.buildBatch;
    }
    catch (error) {
        throw (0,_aws_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .explainAwsError */ .N)(error, {
            action: 'codebuild:StartBuildBatch',
            region: settings.region,
            subject: `project "${settings.projectName}"`,
        });
    }
}
async function stopBatch(batch, settings, ports) {
    ports.logger.warn(`Stopping ${(0,_batch_outcome_js__WEBPACK_IMPORTED_MODULE_1__/* .batchLabel */ .NB)(batch)}.`);
    try {
        await ports.codebuild.send(new _aws_sdk_client_codebuild__WEBPACK_IMPORTED_MODULE_12__/* .StopBuildBatchCommand */ .OLp({ id: batch.id }), {
            abortSignal: AbortSignal.timeout(STOP_TIMEOUT_MS),
        });
    }
    catch (error) {
        const explained = (0,_aws_aws_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .explainAwsError */ .N)(error, {
            action: 'codebuild:StopBuildBatch',
            region: settings.region,
            subject: `batch ${batch.id ?? ''}`,
        });
        ports.logger.warn(`Could not stop ${(0,_batch_outcome_js__WEBPACK_IMPORTED_MODULE_1__/* .batchLabel */ .NB)(batch)}: ${explained.message}`);
    }
}
function writeBatchOutputs(batch, members, region, ports) {
    const status = batch.buildBatchStatus ?? 'IN_PROGRESS';
    ports.setOutput('batch-status', status);
    ports.setOutput('build-status', status);
    const builds = reported(members).map((member) => ({
        identifier: member.identifier,
        id: member.build?.id ?? null,
        status: member.build?.buildStatus ?? (member.neverStarted ? 'NOT_STARTED' : 'PENDING'),
        url: member.build ? (0,_links_js__WEBPACK_IMPORTED_MODULE_9__/* .consoleUrl */ .B9)(member.build, region) : null,
        logsUrl: member.build ? ((0,_links_js__WEBPACK_IMPORTED_MODULE_9__/* .logsUrl */ .HM)(member.build) ?? null) : null,
        exportedVariables: Object.fromEntries((member.build?.exportedEnvironmentVariables ?? []).flatMap((variable) => variable.name ? [[variable.name, variable.value ?? '']] : [])),
    }));
    ports.setOutput('builds', JSON.stringify(builds));
}
/**
 * Members' logs as the run shows them: each member's whole log in a group of its own when it
 * ends, or with live logs every line as it comes, prefixed with the member's identifier. Keeps
 * each member's last lines for the reports.
 */
class MemberLogs {
    ports;
    watcher;
    live;
    held = new Map();
    tails = new Map();
    constructor(ports, watcher, live) {
        this.ports = ports;
        this.watcher = watcher;
        this.live = live;
    }
    add(buildId, lines) {
        const tail = this.tails.get(buildId) ?? [];
        tail.push(...lines);
        this.tails.set(buildId, tail.slice(-_run_report_js__WEBPACK_IMPORTED_MODULE_13__/* .REPORTED_LOG_LINES */ .T));
        if (this.live) {
            const identifier = this.identifierOf(buildId);
            this.ports.logger.buildLog(lines.map((line) => `[${identifier}] ${line}`));
        }
        else {
            const held = this.held.get(buildId) ?? [];
            held.push(...lines);
            this.held.set(buildId, held);
        }
    }
    end(buildId) {
        const member = this.watcher.members().find((candidate) => candidate.buildId === buildId);
        const lines = this.held.get(buildId) ?? [];
        this.held.delete(buildId);
        if (this.live || !member || lines.length === 0)
            return;
        const { logger } = this.ports;
        logger.group((0,_batch_outcome_js__WEBPACK_IMPORTED_MODULE_1__/* .describeMember */ .w8)(member, this.ports.clock.now()));
        logger.buildLog(lines);
        logger.endGroup();
    }
    last(buildId) {
        return this.tails.get(buildId) ?? [];
    }
    identifierOf(buildId) {
        return (this.watcher.members().find((member) => member.buildId === buildId)?.identifier ?? buildId);
    }
}
/**
 * The batch's commit statuses: with batch-report individual one per member (context
 * "<status-context> / <identifier>", linking the member's build), each posted when it changes;
 * with aggregated one for the batch, linking the batch.
 */
class BatchStatuses {
    settings;
    ports;
    batchUrl;
    /** What each context last got, and which got their final state. */
    posted = new Map();
    finalized = new Set();
    queue = Promise.resolve();
    constructor(settings, ports, batchUrl) {
        this.settings = settings;
        this.ports = ports;
        this.batchUrl = batchUrl;
    }
    started(batch) {
        if (this.settings.batchReport === 'aggregated')
            this.post(this.settings.statusContext, 'pending', this.batchUrl, `${(0,_batch_outcome_js__WEBPACK_IMPORTED_MODULE_1__/* .batchLabel */ .NB)(batch)} started`);
    }
    update(members) {
        if (this.settings.batchReport !== 'individual')
            return;
        for (const member of reported(members)) {
            if (member.identifier === _batch_watcher_js__WEBPACK_IMPORTED_MODULE_2__/* .DOWNLOAD_SOURCE */ .Jp && !member.ended)
                continue;
            const { state, url } = this.memberState(member);
            this.post(this.contextOf(member), state, url, (0,_batch_outcome_js__WEBPACK_IMPORTED_MODULE_1__/* .describeMember */ .w8)(member, this.ports.clock.now()));
        }
    }
    /** The final statuses: the batch's, or every member's that had one (none left pending). */
    finish(batch, members, message, stopped, tests) {
        const endState = stopped ? 'stopped' : 'error';
        if (this.settings.batchReport === 'aggregated') {
            const state = (0,_batch_watcher_js__WEBPACK_IMPORTED_MODULE_2__/* .isBatchFinal */ .pM)(batch) ? (0,_batch_outcome_js__WEBPACK_IMPORTED_MODULE_1__/* .batchState */ .u4)(batch) : endState;
            this.post(this.settings.statusContext, state, this.batchUrl, message);
        }
        else {
            for (const member of reported(members)) {
                const context = this.contextOf(member);
                const { state, url } = this.memberState(member);
                const results = tests?.of(member.build);
                const counted = member.build && results && (0,_test_results_text_js__WEBPACK_IMPORTED_MODULE_7__/* .testsSuffix */ .fq)((0,_test_results_js__WEBPACK_IMPORTED_MODULE_6__/* .sumCounts */ .W_)(results.reports))
                    ? `${member.identifier}: ${(0,_test_results_text_js__WEBPACK_IMPORTED_MODULE_7__/* .withTests */ .wk)((0,_build_outcome_js__WEBPACK_IMPORTED_MODULE_3__/* .describeBuild */ .SY)(member.build, this.ports.clock.now()), results, Math.max(_follow_build_js__WEBPACK_IMPORTED_MODULE_5__/* .STATUS_DESCRIPTION_MAX */ .N9 - member.identifier.length - 2, 60))}`
                    : undefined;
                if (state !== 'pending' && counted) {
                    // Its final status went out when it ended: amended now with its test counts.
                    this.finalized.delete(context);
                    this.post(context, state, url, counted);
                }
                else if (state !== 'pending')
                    this.post(context, state, url, (0,_batch_outcome_js__WEBPACK_IMPORTED_MODULE_1__/* .describeMember */ .w8)(member, this.ports.clock.now()));
                else if (this.posted.has(context))
                    this.post(context, endState, url, `${member.identifier}: ${stopped ? 'stopped (run cancelled)' : 'still running; the run was cancelled before it ended'}`);
            }
            // A batch that ended before any member was known (a bad batch section, an early cancel)
            // still tells the commit how it went.
            if (this.posted.size === 0) {
                const state = (0,_batch_watcher_js__WEBPACK_IMPORTED_MODULE_2__/* .isBatchFinal */ .pM)(batch) ? (0,_batch_outcome_js__WEBPACK_IMPORTED_MODULE_1__/* .batchState */ .u4)(batch) : endState;
                this.post(this.settings.statusContext, state, this.batchUrl, message);
            }
        }
        return this.settled();
    }
    abandon(members, why) {
        if (this.settings.batchReport === 'aggregated') {
            this.post(this.settings.statusContext, 'error', this.batchUrl, why);
        }
        else {
            for (const member of reported(members)) {
                const context = this.contextOf(member);
                if (this.posted.has(context))
                    this.post(context, 'error', this.memberState(member).url, `${member.identifier}: ${why}`);
            }
        }
        return this.settled();
    }
    settled() {
        return this.queue;
    }
    memberState(member) {
        const url = member.build ? (0,_links_js__WEBPACK_IMPORTED_MODULE_9__/* .consoleUrl */ .B9)(member.build, this.settings.region) : this.batchUrl;
        if (member.neverStarted)
            return { state: 'stopped', url };
        if (!member.build || !member.ended)
            return { state: 'pending', url };
        return { state: (0,_build_outcome_js__WEBPACK_IMPORTED_MODULE_3__/* .commitState */ .Tb)(member.build), url };
    }
    contextOf(member) {
        return `${this.settings.statusContext} / ${member.identifier}`;
    }
    /**
     * Posts a context's pending once and its final state once, in order, redacted: GitHub asks
     * for a second between writes, so a batch's statuses are kept to two per member (three for a
     * member whose final status is amended with its test counts).
     */
    post(name, state, url, description) {
        if (!this.settings.commitStatus || this.finalized.has(name))
            return;
        if (state === 'pending' && this.posted.has(name))
            return;
        this.posted.set(name, state);
        if (state !== 'pending')
            this.finalized.add(name);
        const status = { state, name, url, description };
        const redacted = (0,_status_commit_status_js__WEBPACK_IMPORTED_MODULE_8__/* .redactStatus */ .yH)(status, (text) => this.ports.logger.redact(text));
        this.queue = this.queue.then(() => this.ports.reporter.report(redacted));
    }
}
//# sourceMappingURL=run-batch.js.map

/***/ })

};

//# sourceMappingURL=564.index.js.map