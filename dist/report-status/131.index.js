export const id = 131;
export const ids = [131];
export const modules = {

/***/ 2131:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  BuildWatcher: () => (/* binding */ BuildWatcher)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-codebuild/dist-cjs/index.js
var dist_cjs = __webpack_require__(4774);
// EXTERNAL MODULE: ./build/aws/aws-errors.js
var aws_errors = __webpack_require__(5067);
// EXTERNAL MODULE: ./build/codebuild/agent-lines.js
var agent_lines = __webpack_require__(5619);
// EXTERNAL MODULE: ./build/codebuild/build-outcome.js
var build_outcome = __webpack_require__(9189);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-cjs/index.js
var client_cloudwatch_logs_dist_cjs = __webpack_require__(303);
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
            response = await this.client.send(new client_cloudwatch_logs_dist_cjs/* GetLogEventsCommand */.h7S({
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
;// CONCATENATED MODULE: ./build/codebuild/build-watcher.js
/**
 * Watches one build as a stream of events: status snapshots, log lines and the end.
 *
 * Calls are spent where they tell something. While the build has no log stream, its status is
 * read every poll interval. Once the log flows, the log is read every interval and the status
 * only every STATUS_EVERY_MS or when the log goes quiet, since the log itself announces phases.
 * When the log announces the end (the last phase completed, or an early phase failed) only the
 * status is read, until it is final: first when FINALIZING has likely passed (LIKELY_FINALIZING_MS
 * after the line was written, at once if it was read later), then after gaps of 1 s, 2 s and then
 * 3 s (END_LOOK_GAPS_MS, never longer than the poll interval). FINALIZING usually lasts about 3 s,
 * so the second look, a second after the first, mostly finds the build final; a FINALIZING that
 * outlasts it is a cache or report upload of ten seconds or more, where a look every second only
 * spends calls. The 3-s cap keeps the end seen within 3 s of CodeBuild reporting it. At the
 * default 5-s interval a 60-s build costs StartBuild, two status reads until its log stream is
 * named, eleven log reads and one or two status reads at the end (16 at most); an 11-s
 * FINALIZING takes five looks instead of the ten a one-second rhythm would.
 * After a cancel everything is read every second, to catch the stop before the runner's SIGTERM.
 * After the end the log is read until the agent's last line has arrived (CloudWatch flushes late).
 */






/** While the log flows it tells the phases; the status is read this often only as a safety net. */
const STATUS_EVERY_MS = 60_000;
const FAST_POLL_MS = 1_000;
/** CodeBuild's status turns final a few seconds after the log's last phase line (FINALIZING). */
const LIKELY_FINALIZING_MS = 2_000;
/** Gaps between status looks after the first look at the end; the last one repeats. */
const END_LOOK_GAPS_MS = [1_000, 2_000, 3_000];
/** Log reads without a new line before the status is checked (a stop or timeout is silent)... */
const QUIET_READS = 2;
/** ...and then every this many poll intervals while the log stays quiet. */
const QUIET_STATUS_EVERY = 3;
/** How long to wait for the agent's last line after the build ended. */
const FLUSH_GRACE_MS = 10_000;
const FLUSH_GRACE_UNFINISHED_MS = 3_000;
const NOT_LOGGED = new Set(['SUBMITTED', 'QUEUED', 'PROVISIONING', 'FINALIZING', 'COMPLETED']);
class BuildWatcher {
    ports;
    options;
    build;
    tail;
    endNear = false;
    lastStatusAt = Number.NEGATIVE_INFINITY;
    quietReads = 0;
    deadline;
    wake = new AbortController();
    completed = new Set();
    /** The last "Phase complete" phase, and whether the agent's closing context line followed it. */
    lastCompleted;
    lastCompletedClosed = false;
    /** When the end-announcing line was written (CloudWatch time). */
    endWrittenAt;
    /** Status reads tried since the log announced the end; a failed one backs off like the rest. */
    endLooks = 0;
    logsUnavailable = false;
    transientStreak = 0;
    constructor(initial, ports, options) {
        this.ports = ports;
        this.options = options;
        this.build = initial;
    }
    /** Cancel: poll fast from now on and give up waiting at `deadline` (clock time). */
    hurry(deadline) {
        this.deadline = deadline;
        this.wake.abort();
    }
    get fast() {
        return this.endNear || this.deadline !== undefined;
    }
    pastDeadline() {
        return this.deadline !== undefined && this.ports.clock.now() >= this.deadline;
    }
    async *events() {
        const { clock } = this.ports;
        while (!(0,build_outcome/* isFinal */.dR)(this.build)) {
            await clock.sleep(this.nextDelay(), this.wake.signal);
            if (this.wake.signal.aborted)
                this.wake = new AbortController();
            if (this.pastDeadline())
                break;
            if (this.needsStatus())
                yield* this.readStatus();
            // Once the log has announced the end only the status can say more, until it is final.
            if (!this.endNear || this.deadline !== undefined)
                yield* this.followLog();
            if (this.pastDeadline())
                break;
        }
        yield* this.drainAfterEnd();
        yield { type: 'end', build: this.build, final: (0,build_outcome/* isFinal */.dR)(this.build) };
    }
    nextDelay() {
        const fast = Math.min(FAST_POLL_MS, this.options.pollIntervalMs);
        if (this.deadline !== undefined)
            return fast;
        if (!this.endNear)
            return this.options.pollIntervalMs;
        if (this.endLooks === 0 && this.endWrittenAt !== undefined) {
            const likelyEnd = this.endWrittenAt + LIKELY_FINALIZING_MS - this.ports.clock.now();
            return Math.max(0, Math.min(LIKELY_FINALIZING_MS, likelyEnd));
        }
        const step = Math.min(Math.max(this.endLooks, 1), END_LOOK_GAPS_MS.length) - 1;
        return Math.min(END_LOOK_GAPS_MS[step] ?? FAST_POLL_MS, this.options.pollIntervalMs);
    }
    needsStatus() {
        if (!this.tail || this.fast)
            return true;
        const sinceStatus = this.ports.clock.now() - this.lastStatusAt;
        // A quiet log may be a long silent command, or a build stopped or timed out without a word.
        if (this.quietReads >= QUIET_READS)
            return sinceStatus >= QUIET_STATUS_EVERY * this.options.pollIntervalMs;
        return sinceStatus >= STATUS_EVERY_MS;
    }
    async *readStatus() {
        const id = this.build.id;
        if (this.endNear)
            this.endLooks++;
        try {
            const response = await this.ports.codebuild.send(new dist_cjs/* BatchGetBuildsCommand */.zZb({ ids: [id] }));
            this.transientStreak = 0;
            this.lastStatusAt = this.ports.clock.now();
            const build = response.builds?.[0];
            if (!build)
                throw new Error(`BatchGetBuilds did not return build ${id} (buildsNotFound: ${(response.buildsNotFound ?? []).join(', ')})`);
            this.build = build;
            yield { type: 'status', build };
        }
        catch (error) {
            if (!(0,aws_errors/* isTransient */.d)(error))
                throw (0,aws_errors/* explainAwsError */.N)(error, {
                    action: 'codebuild:BatchGetBuilds',
                    region: this.options.region,
                    subject: `build ${id}`,
                });
            yield* this.transient('status', error);
        }
    }
    async *transient(what, error) {
        this.transientStreak++;
        // One warning per streak: a throttled poll is retried on the next tick, nothing is lost.
        if (this.transientStreak === 1) {
            yield {
                type: 'notice',
                level: 'warn',
                message: `Reading the build's ${what} failed (${(0,errors/* errorName */.Is)(error) ?? 'error'}: ${(0,errors/* errorMessage */.gJ)(error)}); trying again.`,
            };
        }
    }
    ensureTail() {
        if (this.tail || !this.options.streamLogs || this.logsUnavailable)
            return this.tail;
        const logs = this.build.logs;
        if (logs?.groupName && logs.streamName) {
            this.tail = new LogTail(this.ports.logs, logs.groupName, logs.streamName);
        }
        return this.tail;
    }
    *noticeMissingStream() {
        if (this.tail || !this.options.streamLogs || this.logsUnavailable)
            return;
        const phase = this.build.currentPhase ?? 'SUBMITTED';
        const cloudWatchOff = this.build.logs?.cloudWatchLogs?.status === 'DISABLED';
        if (cloudWatchOff ||
            (!['SUBMITTED', 'QUEUED', 'PROVISIONING'].includes(phase) && !this.build.logs?.streamName)) {
            this.logsUnavailable = true;
            const s3 = this.build.logs?.s3LogsArn ?? this.build.logs?.s3DeepLink;
            yield {
                type: 'notice',
                level: 'info',
                message: `This build does not log to CloudWatch Logs${s3 ? ` (its log goes to S3: ${s3})` : ''}, so its log cannot be shown here; following its status instead.`,
            };
        }
    }
    async *followLog() {
        yield* this.noticeMissingStream();
        const tail = this.ensureTail();
        if (!tail)
            return;
        const pages = [];
        try {
            await tail.drain((lines) => pages.push(lines));
            this.transientStreak = 0;
        }
        catch (error) {
            if ((0,aws_errors/* isTransient */.d)(error)) {
                yield* this.transient('log', error);
            }
            else {
                const explained = (0,aws_errors/* explainAwsError */.N)(error, {
                    action: 'logs:GetLogEvents',
                    region: this.options.region,
                    subject: `log stream ${tail.groupName}/${tail.streamName}`,
                });
                this.logsUnavailable = true;
                this.tail = undefined;
                yield {
                    type: 'notice',
                    level: 'warn',
                    message: `${explained.message} The build is still followed; its log is not shown.`,
                };
            }
        }
        let lines = 0;
        for (const page of pages) {
            lines += page.lines.length;
            this.scan(page);
            yield { type: 'log', lines: page.lines };
        }
        this.quietReads = lines > 0 ? 0 : this.quietReads + 1;
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
            if ((0,agent_lines/* announcesEnd */.e)(agent) && !this.endNear) {
                this.endNear = true;
                this.endWrittenAt = page.times[index];
            }
        });
    }
    /** The last phase the agent logs for this build: its "Phase complete" line ends the log. */
    lastLoggedPhase() {
        const logged = (this.build.phases ?? []).filter((phase) => phase.phaseStatus && !NOT_LOGGED.has(phase.phaseType ?? ''));
        return logged.at(-1)?.phaseType;
    }
    async *drainAfterEnd() {
        if (!this.options.streamLogs || this.logsUnavailable)
            return;
        yield* this.noticeMissingStream();
        if (!this.ensureTail())
            return;
        const { clock } = this.ports;
        // A build we stopped waiting for (cancel deadline) gets one last read of what is there.
        if (!(0,build_outcome/* isFinal */.dR)(this.build)) {
            yield* this.followLog();
            return;
        }
        const expected = this.lastLoggedPhase();
        // The agent's last line is already here: nothing more will come.
        if (expected && this.lastCompleted === expected && this.lastCompletedClosed)
            return;
        const finished = this.build.buildStatus === 'SUCCEEDED' || this.build.buildStatus === 'FAILED';
        const graceEnd = Math.min(clock.now() + (finished ? FLUSH_GRACE_MS : FLUSH_GRACE_UNFINISHED_MS), this.deadline ?? Number.POSITIVE_INFINITY);
        this.quietReads = 0;
        for (;;) {
            yield* this.followLog();
            if (!this.tail)
                return;
            if (expected && this.completed.has(expected))
                return;
            // A stopped, timed-out or faulted build may never log its last phase: two empty reads in a row end the wait.
            if (!finished && this.quietReads >= QUIET_READS)
                return;
            if (clock.now() >= graceEnd) {
                if (finished && expected) {
                    yield {
                        type: 'notice',
                        level: 'warn',
                        message: `The log's last line (Phase complete: ${expected}) had not arrived ${FLUSH_GRACE_MS / 1000}s after the build ended; the rest of the log is behind the log link.`,
                    };
                }
                return;
            }
            await clock.sleep(FAST_POLL_MS);
        }
    }
}
//# sourceMappingURL=build-watcher.js.map

/***/ })

};

//# sourceMappingURL=131.index.js.map