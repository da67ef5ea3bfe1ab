export const id = 795;
export const ids = [795];
export const modules = {

/***/ 795:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  BuildWatcher: () => (/* binding */ BuildWatcher)
});

// EXTERNAL MODULE: ./build/codebuild/build-outcome.js
var build_outcome = __webpack_require__(9983);
// EXTERNAL MODULE: ./build/aws/aws-errors.js
var aws_errors = __webpack_require__(5537);
// EXTERNAL MODULE: ./build/codebuild/agent-lines.js
var agent_lines = __webpack_require__(8109);
// EXTERNAL MODULE: ../main/node_modules/@aws-sdk/client-cloudwatch-logs/dist-cjs/index.js
var dist_cjs = __webpack_require__(4255);
// EXTERNAL MODULE: ./build/util/errors.js
var errors = __webpack_require__(4792);
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
// EXTERNAL MODULE: ./build/codebuild/status-poller.js
var status_poller = __webpack_require__(4681);
;// CONCATENATED MODULE: ./build/codebuild/build-watcher.js




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
/** Watches one build: its status through a StatusPoller, its log through a LogFollower. */
class BuildWatcher {
    ports;
    options;
    build;
    id;
    poller;
    follower;
    lastStatusAt = Number.NEGATIVE_INFINITY;
    quietReads = 0;
    deadline;
    wake = new AbortController();
    /** Status reads tried since the log announced the end; a failed one backs off like the rest. */
    endLooks = 0;
    transientStreak = 0;
    constructor(initial, ports, options) {
        this.ports = ports;
        this.options = options;
        this.build = initial;
        this.id = initial.id;
        this.poller = new status_poller/* StatusPoller */.F(ports.codebuild, options.region);
        this.follower = options.streamLogs
            ? new LogFollower(this.id, ports.logs, options.region)
            : undefined;
    }
    /** Cancel: poll fast from now on and give up waiting at `deadline` (clock time). */
    hurry(deadline) {
        this.deadline = deadline;
        this.wake.abort();
    }
    get endNear() {
        return this.follower?.endAnnounced ?? false;
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
        yield { type: 'end', buildId: this.id, build: this.build, final: (0,build_outcome/* isFinal */.dR)(this.build) };
    }
    nextDelay() {
        const fast = Math.min(FAST_POLL_MS, this.options.pollIntervalMs);
        if (this.deadline !== undefined)
            return fast;
        if (!this.endNear)
            return this.options.pollIntervalMs;
        const endWrittenAt = this.follower?.endWrittenAt;
        if (this.endLooks === 0 && endWrittenAt !== undefined) {
            const likelyEnd = endWrittenAt + LIKELY_FINALIZING_MS - this.ports.clock.now();
            return Math.max(0, Math.min(LIKELY_FINALIZING_MS, likelyEnd));
        }
        const step = Math.min(Math.max(this.endLooks, 1), END_LOOK_GAPS_MS.length) - 1;
        return Math.min(END_LOOK_GAPS_MS[step] ?? FAST_POLL_MS, this.options.pollIntervalMs);
    }
    needsStatus() {
        if (!this.follower?.following || this.fast)
            return true;
        const sinceStatus = this.ports.clock.now() - this.lastStatusAt;
        // A quiet log may be a long silent command, or a build stopped or timed out without a word.
        if (this.quietReads >= QUIET_READS)
            return sinceStatus >= QUIET_STATUS_EVERY * this.options.pollIntervalMs;
        return sinceStatus >= STATUS_EVERY_MS;
    }
    async *readStatus() {
        if (this.endNear)
            this.endLooks++;
        const read = await this.poller.builds([this.id]);
        if (!read.ok) {
            yield* this.transient('status', read.error);
            return;
        }
        const build = read.items[0];
        if (!build)
            throw new Error(`BatchGetBuilds did not return build ${this.id} (buildsNotFound: ${read.notFound.join(', ')})`);
        this.transientStreak = 0;
        this.lastStatusAt = this.ports.clock.now();
        this.build = build;
        yield { type: 'status', buildId: this.id, build: this.build };
    }
    async *transient(what, error) {
        this.transientStreak++;
        // One warning per streak: a throttled poll is retried on the next tick, nothing is lost.
        if (this.transientStreak === 1) {
            yield {
                type: 'notice',
                buildId: this.id,
                level: 'warn',
                message: `Reading the build's ${what} failed (${(0,errors/* errorName */.Is)(error) ?? 'error'}: ${(0,errors/* errorMessage */.gJ)(error)}); trying again.`,
            };
        }
    }
    async *followLog() {
        if (!this.follower || this.follower.gone)
            return;
        const read = await this.follower.read(this.build);
        yield* read.events;
        if (read.transient !== undefined)
            yield* this.transient('log', read.transient);
        else if (this.follower.following)
            this.transientStreak = 0;
        if (this.follower.following)
            this.quietReads = read.lines > 0 ? 0 : this.quietReads + 1;
    }
    async *drainAfterEnd() {
        const follower = this.follower;
        if (!follower || follower.gone)
            return;
        yield* follower.prepare(this.build);
        if (!follower.following)
            return;
        // A build we stopped waiting for (cancel deadline) gets one last read of what is there.
        if (!(0,build_outcome/* isFinal */.dR)(this.build)) {
            yield* this.followLog();
            return;
        }
        // The agent's last line is already here: nothing more will come.
        if (follower.hasLastLine(this.build))
            return;
        const { clock } = this.ports;
        const expected = follower.lastLoggedPhase(this.build);
        const finished = this.build.buildStatus === 'SUCCEEDED' || this.build.buildStatus === 'FAILED';
        const graceEnd = Math.min(clock.now() + (finished ? FLUSH_GRACE_MS : FLUSH_GRACE_UNFINISHED_MS), this.deadline ?? Number.POSITIVE_INFINITY);
        this.quietReads = 0;
        for (;;) {
            yield* this.followLog();
            if (!follower.following)
                return;
            if (follower.hasLastPhase(this.build))
                return;
            // A stopped, timed-out or faulted build may never log its last phase: two empty reads in a row end the wait.
            if (!finished && this.quietReads >= QUIET_READS)
                return;
            if (clock.now() >= graceEnd) {
                if (finished && expected) {
                    yield {
                        type: 'notice',
                        buildId: this.id,
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

//# sourceMappingURL=795.index.js.map