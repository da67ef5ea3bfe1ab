/**
 * Watches a batch build and its members with one status poll for all of them: each tick reads
 * the batch (BatchGetBuildBatches, whose build groups carry every member's status), and reads
 * member builds (BatchGetBuilds, up to 100 a call) only when that tells something new — a member
 * ended, or one started whose log stream is needed. Logs are read within a budget, never every
 * member every tick: an ended member's log is drained once, whole, when it ends (finished
 * members first); live logs read at most LIVE_READS_PER_TICK running members a tick, in turn.
 *
 * The end of the batch is seen within seconds, as a single build's: while at most TAIL_MEMBERS
 * members still run (their end is the batch's), the batch is read every TAIL_POLL_MS at most,
 * and once every member has ended, after 1, 2 and 3 s gaps until the batch itself is final.
 */
import type { Build, BuildBatch, BuildGroup, CodeBuildClient } from '@aws-sdk/client-codebuild';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { isFinal, isFinalStatus } from './build-outcome.js';
import type { BuildEvent } from './build-watcher.js';
import { LogFollower } from './log-follower.js';
import { StatusPoller } from './status-poller.js';
import type { Clock } from '../util/clock.js';
import { errorMessage, errorName } from '../util/errors.js';

export type BatchEvent =
  | BuildEvent
  | { readonly type: 'batch'; readonly batch: BuildBatch }
  | { readonly type: 'batch-end'; readonly batch: BuildBatch; readonly final: boolean };

export type BatchLogs = 'off' | 'grouped' | 'live';

export interface BatchWatchOptions {
  readonly region: string;
  readonly pollIntervalMs: number;
  readonly logs: BatchLogs;
}

export interface BatchWatchPorts {
  readonly codebuild: CodeBuildClient;
  readonly logs: CloudWatchLogsClient;
  readonly clock: Clock;
}

/** One build group of the batch, as far as it is known. */
export interface BatchMember {
  readonly identifier: string;
  readonly ignoreFailure: boolean;
  /** The member's build id, once the batch names its build. */
  buildId: string | undefined;
  /** The member's build as last read with BatchGetBuilds. */
  build: Build | undefined;
  /** Its status in the batch's build group: PENDING until it starts. */
  summaryStatus: string;
  /** Its end has been handed out (status read, log drained). */
  ended: boolean;
  /** The batch ended it before its build started: there is no build to show. */
  neverStarted: boolean;
  follower: LogFollower | undefined;
}

/** The batch's own first group: CodeBuild's source download, not a member people wrote. */
export const DOWNLOAD_SOURCE = 'DOWNLOAD_SOURCE';

const LIVE_READS_PER_TICK = 2;
const TAIL_MEMBERS = 3;
const FAST_POLL_MS = 1_000;
const END_LOOK_GAPS_MS = [1_000, 2_000, 3_000] as const;
const TAIL_POLL_MS = 2_000;
/** A member's log reads after its end while its last line has not arrived. */
const FLUSH_READS = 3;

/** `arn:aws:codebuild:r:a:build/project:uuid` → `project:uuid`. */
export function buildIdOfArn(arn: string | undefined): string | undefined {
  const match = /:build\/(.+)$/.exec(arn ?? '');
  return match?.[1];
}

export function isBatchFinal(batch: BuildBatch): boolean {
  return isFinalStatus(batch.buildBatchStatus);
}

export class BatchWatcher {
  private batch: BuildBatch;
  private readonly poller: StatusPoller;
  private readonly byIdentifier = new Map<string, BatchMember>();
  private deadline: number | undefined;
  private wake = new AbortController();
  private liveTurn = 0;
  /** Looks at a batch whose members have all ended, waiting for it to turn final. */
  private idleLooks = 0;
  private transientStreak = 0;

  constructor(
    initial: BuildBatch,
    private readonly ports: BatchWatchPorts,
    private readonly options: BatchWatchOptions,
  ) {
    this.batch = initial;
    this.poller = new StatusPoller(ports.codebuild, options.region);
    this.learnGroups(initial.buildGroups ?? []);
  }

  /** Every member known so far, in the batch's order, DOWNLOAD_SOURCE included. */
  members(): readonly BatchMember[] {
    return [...this.byIdentifier.values()];
  }

  current(): BuildBatch {
    return this.batch;
  }

  /** Cancel: poll fast from now on and give up waiting at `deadline` (clock time). */
  hurry(deadline: number): void {
    this.deadline = deadline;
    this.wake.abort();
  }

  /** After a cancel, a call still in flight at the deadline is given up: the exit comes first. */
  private untilDeadline(): AbortSignal | undefined {
    if (this.deadline === undefined) return undefined;
    return AbortSignal.timeout(Math.max(1, this.deadline - this.ports.clock.now()));
  }

  private pastDeadline(): boolean {
    return this.deadline !== undefined && this.ports.clock.now() >= this.deadline;
  }

  /** Done: the batch is final and every member that started has ended. */
  private done(): boolean {
    return (
      isBatchFinal(this.batch) &&
      this.members().every(
        (member) => member.ended || member.buildId === undefined || !started(member),
      )
    );
  }

  async *events(): AsyncGenerator<BatchEvent> {
    const { clock } = this.ports;
    while (!this.done()) {
      await clock.sleep(this.nextDelay(), this.wake.signal);
      if (this.wake.signal.aborted) this.wake = new AbortController();
      if (this.pastDeadline()) break;
      yield* this.tick();
      if (this.pastDeadline()) break;
    }
    // What ended without its end handed out yet (a cancel's deadline): read what is there.
    yield* this.endMembers(this.members().filter((m) => !m.ended && m.build && isFinal(m.build)));
    yield { type: 'batch-end', batch: this.batch, final: isBatchFinal(this.batch) };
  }

  /** Whether any member people wrote has started (CodeBuild's source download aside). */
  private anyMemberStarted(): boolean {
    return this.members().some(
      (member) => member.identifier !== DOWNLOAD_SOURCE && started(member),
    );
  }

  private running(): BatchMember[] {
    return this.members().filter((member) => started(member) && !member.ended);
  }

  private nextDelay(): number {
    const interval = this.options.pollIntervalMs;
    if (this.deadline !== undefined) return Math.min(FAST_POLL_MS, interval);
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

  private async *tick(): AsyncGenerator<BatchEvent> {
    if (this.running().length === 0 && this.anyMemberStarted()) this.idleLooks++;
    else this.idleLooks = 0;
    const read = await this.poller.batch(this.batch.id as string, this.untilDeadline());
    if (!read.ok) {
      yield* this.transient('status', read.error);
      return;
    }
    this.transientStreak = 0;
    this.batch = read.items[0]!;
    this.learnGroups(this.batch.buildGroups ?? []);
    yield { type: 'batch', batch: this.batch };

    // Member builds are read when the batch says something new about them.
    const ended = this.members().filter(
      (member) => !member.ended && member.buildId && isFinalStatus(member.summaryStatus),
    );
    const needStream =
      this.options.logs !== 'live'
        ? []
        : this.running().filter(
            (member) =>
              !isFinalStatus(member.summaryStatus) &&
              member.buildId &&
              !member.follower?.following &&
              !member.follower?.gone &&
              member.identifier !== DOWNLOAD_SOURCE,
          );
    const toRead = [...ended, ...needStream];
    if (toRead.length > 0) {
      const builds = await this.poller.builds(
        toRead.map((member) => member.buildId as string),
        this.untilDeadline(),
      );
      if (!builds.ok) {
        yield* this.transient('status', builds.error);
        return;
      }
      for (const build of builds.items) {
        const member = this.members().find((candidate) => candidate.buildId === build.id);
        if (!member) continue;
        member.build = build;
        yield { type: 'status', buildId: build.id as string, build };
      }
      // A member the batch ended before it started (fast-fail, a stop) has no build to read.
      for (const id of builds.notFound) {
        const member = this.members().find((candidate) => candidate.buildId === id);
        if (member && isFinalStatus(member.summaryStatus)) {
          member.ended = true;
          member.neverStarted = true;
        }
      }
    }
    yield* this.endMembers(ended.filter((member) => member.build && isFinal(member.build)));
    yield* this.readRunningLogs();
  }

  /**
   * Hands out each ended member's end: its whole log (when shown), then its final build. A
   * build that finished (SUCCEEDED, FAILED) waits up to FLUSH_READS seconds for its last line,
   * as CloudWatch flushes late; a stopped, faulted or timed-out one may never log it and gets
   * one read. After a cancel's deadline no more waiting: the rest is behind the log link.
   */
  private async *endMembers(members: readonly BatchMember[]): AsyncGenerator<BatchEvent> {
    for (const member of members) {
      const build = member.build as Build;
      // CodeBuild's own source download shows its log only when it failed.
      const shown = member.identifier !== DOWNLOAD_SOURCE || build.buildStatus !== 'SUCCEEDED';
      if (this.options.logs !== 'off' && shown) yield* this.drainMember(member, build);
      member.ended = true;
      yield { type: 'end', buildId: build.id as string, build, final: true };
    }
  }

  private async *drainMember(member: BatchMember, build: Build): AsyncGenerator<BatchEvent> {
    const follower = this.followerOf(member);
    const finished = build.buildStatus === 'SUCCEEDED' || build.buildStatus === 'FAILED';
    const reads = finished && !this.pastDeadline() ? 1 + FLUSH_READS : 1;
    for (let read = 0; read < reads; read++) {
      if (read > 0) {
        if (follower.hasLastLine(build) || follower.hasLastPhase(build) !== false) return;
        if (this.pastDeadline()) break;
        await this.ports.clock.sleep(FAST_POLL_MS);
      }
      const result = await follower.read(build, this.untilDeadline());
      yield* result.events;
      if (result.transient !== undefined) yield* this.transient('log', result.transient);
      if (!follower.following) return;
    }
    if (finished && follower.hasLastPhase(build) === false) {
      yield {
        type: 'notice',
        buildId: build.id as string,
        level: 'warn',
        message: `${member.identifier}: the log's last line (Phase complete: ${follower.lastLoggedPhase(build) ?? ''}) had not arrived ${FLUSH_READS}s after the build ended; the rest of its log is behind its log link.`,
      };
    }
  }

  /** Live logs, within the budget: at most LIVE_READS_PER_TICK running members a tick, in turn. */
  private async *readRunningLogs(): AsyncGenerator<BatchEvent> {
    if (this.options.logs !== 'live') return;
    const running = this.running().filter(
      (member) => member.build && !member.follower?.gone && member.identifier !== DOWNLOAD_SOURCE,
    );
    const turn = running.length === 0 ? 0 : this.liveTurn % running.length;
    const chosen = [...running.slice(turn), ...running.slice(0, turn)].slice(
      0,
      LIVE_READS_PER_TICK,
    );
    this.liveTurn += chosen.length;
    for (const member of chosen) {
      const result = await this.followerOf(member).read(
        member.build as Build,
        this.untilDeadline(),
      );
      yield* result.events;
      if (result.transient !== undefined) yield* this.transient('log', result.transient);
    }
  }

  private followerOf(member: BatchMember): LogFollower {
    member.follower ??= new LogFollower(
      member.buildId as string,
      this.ports.logs,
      this.options.region,
    );
    return member.follower;
  }

  private learnGroups(groups: readonly BuildGroup[]): void {
    for (const group of groups) {
      const identifier = group.identifier ?? '';
      const known = this.byIdentifier.get(identifier);
      const member: BatchMember = known ?? {
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
        if (member.summaryStatus !== 'PENDING') member.buildId ??= buildIdOfArn(summary.arn);
      }
      if (!known) this.byIdentifier.set(identifier, member);
    }
  }

  private async *transient(what: string, error: unknown): AsyncGenerator<BatchEvent> {
    // A call given up at the cancel's deadline is not a failure to report.
    if (this.pastDeadline()) return;
    this.transientStreak++;
    if (this.transientStreak === 1) {
      yield {
        type: 'notice',
        buildId: this.batch.id as string,
        level: 'warn',
        message: `Reading the batch's ${what} failed (${errorName(error) ?? 'error'}: ${errorMessage(error)}); trying again.`,
      };
    }
  }
}

function started(member: BatchMember): boolean {
  return member.summaryStatus !== 'PENDING' && member.buildId !== undefined;
}
