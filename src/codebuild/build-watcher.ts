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
import type { Build, CodeBuildClient } from '@aws-sdk/client-codebuild';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { isFinal } from './build-outcome.js';
import { LogFollower } from './log-follower.js';
import { StatusPoller } from './status-poller.js';
import type { Clock } from '../util/clock.js';
import { errorMessage, errorName } from '../util/errors.js';

/** What watching builds tells, each event naming the build it is about. */
export type BuildEvent =
  | { readonly type: 'status'; readonly buildId: string; readonly build: Build }
  | { readonly type: 'log'; readonly buildId: string; readonly lines: readonly string[] }
  | {
      readonly type: 'notice';
      readonly buildId: string;
      readonly level: 'info' | 'warn';
      readonly message: string;
    }
  | {
      readonly type: 'end';
      readonly buildId: string;
      readonly build: Build;
      readonly final: boolean;
    };

export interface WatchPorts {
  readonly codebuild: CodeBuildClient;
  readonly logs: CloudWatchLogsClient;
  readonly clock: Clock;
}

export interface WatchOptions {
  readonly region: string;
  readonly pollIntervalMs: number;
  readonly streamLogs: boolean;
}

/** While the log flows it tells the phases; the status is read this often only as a safety net. */
const STATUS_EVERY_MS = 60_000;
const FAST_POLL_MS = 1_000;
/** CodeBuild's status turns final a few seconds after the log's last phase line (FINALIZING). */
const LIKELY_FINALIZING_MS = 2_000;
/** Gaps between status looks after the first look at the end; the last one repeats. */
const END_LOOK_GAPS_MS = [1_000, 2_000, 3_000] as const;
/** Log reads without a new line before the status is checked (a stop or timeout is silent)... */
const QUIET_READS = 2;
/** ...and then every this many poll intervals while the log stays quiet. */
const QUIET_STATUS_EVERY = 3;
/** How long to wait for the agent's last line after the build ended. */
const FLUSH_GRACE_MS = 10_000;
const FLUSH_GRACE_UNFINISHED_MS = 3_000;

/** Watches one build: its status through a StatusPoller, its log through a LogFollower. */
export class BuildWatcher {
  private build: Build;
  private readonly id: string;
  private readonly poller: StatusPoller;
  private readonly follower: LogFollower | undefined;
  private lastStatusAt = Number.NEGATIVE_INFINITY;
  private quietReads = 0;
  private deadline: number | undefined;
  private wake = new AbortController();
  /** Status reads tried since the log announced the end; a failed one backs off like the rest. */
  private endLooks = 0;
  private transientStreak = 0;

  constructor(
    initial: Build,
    private readonly ports: WatchPorts,
    private readonly options: WatchOptions,
  ) {
    this.build = initial;
    this.id = initial.id as string;
    this.poller = new StatusPoller(ports.codebuild, options.region);
    this.follower = options.streamLogs
      ? new LogFollower(this.id, ports.logs, options.region)
      : undefined;
  }

  /** Cancel: poll fast from now on and give up waiting at `deadline` (clock time). */
  hurry(deadline: number): void {
    this.deadline = deadline;
    this.wake.abort();
  }

  private get endNear(): boolean {
    return this.follower?.endAnnounced ?? false;
  }

  private get fast(): boolean {
    return this.endNear || this.deadline !== undefined;
  }

  private pastDeadline(): boolean {
    return this.deadline !== undefined && this.ports.clock.now() >= this.deadline;
  }

  async *events(): AsyncGenerator<BuildEvent> {
    const { clock } = this.ports;
    while (!isFinal(this.build)) {
      await clock.sleep(this.nextDelay(), this.wake.signal);
      if (this.wake.signal.aborted) this.wake = new AbortController();
      if (this.pastDeadline()) break;
      if (this.needsStatus()) yield* this.readStatus();
      // Once the log has announced the end only the status can say more, until it is final.
      if (!this.endNear || this.deadline !== undefined) yield* this.followLog();
      if (this.pastDeadline()) break;
    }
    yield* this.drainAfterEnd();
    yield { type: 'end', buildId: this.id, build: this.build, final: isFinal(this.build) };
  }

  private nextDelay(): number {
    const fast = Math.min(FAST_POLL_MS, this.options.pollIntervalMs);
    if (this.deadline !== undefined) return fast;
    if (!this.endNear) return this.options.pollIntervalMs;
    const endWrittenAt = this.follower?.endWrittenAt;
    if (this.endLooks === 0 && endWrittenAt !== undefined) {
      const likelyEnd = endWrittenAt + LIKELY_FINALIZING_MS - this.ports.clock.now();
      return Math.max(0, Math.min(LIKELY_FINALIZING_MS, likelyEnd));
    }
    const step = Math.min(Math.max(this.endLooks, 1), END_LOOK_GAPS_MS.length) - 1;
    return Math.min(END_LOOK_GAPS_MS[step] ?? FAST_POLL_MS, this.options.pollIntervalMs);
  }

  private needsStatus(): boolean {
    if (!this.follower?.following || this.fast) return true;
    const sinceStatus = this.ports.clock.now() - this.lastStatusAt;
    // A quiet log may be a long silent command, or a build stopped or timed out without a word.
    if (this.quietReads >= QUIET_READS)
      return sinceStatus >= QUIET_STATUS_EVERY * this.options.pollIntervalMs;
    return sinceStatus >= STATUS_EVERY_MS;
  }

  private async *readStatus(): AsyncGenerator<BuildEvent> {
    if (this.endNear) this.endLooks++;
    const read = await this.poller.builds([this.id]);
    if (!read.ok) {
      yield* this.transient('status', read.error);
      return;
    }
    const build = read.items[0];
    if (!build)
      throw new Error(
        `BatchGetBuilds did not return build ${this.id} (buildsNotFound: ${read.notFound.join(', ')})`,
      );
    this.transientStreak = 0;
    this.lastStatusAt = this.ports.clock.now();
    this.build = build;
    yield { type: 'status', buildId: this.id, build: this.build };
  }

  private async *transient(what: string, error: unknown): AsyncGenerator<BuildEvent> {
    this.transientStreak++;
    // One warning per streak: a throttled poll is retried on the next tick, nothing is lost.
    if (this.transientStreak === 1) {
      yield {
        type: 'notice',
        buildId: this.id,
        level: 'warn',
        message: `Reading the build's ${what} failed (${errorName(error) ?? 'error'}: ${errorMessage(error)}); trying again.`,
      };
    }
  }

  private async *followLog(): AsyncGenerator<BuildEvent> {
    if (!this.follower || this.follower.gone) return;
    const read = await this.follower.read(this.build);
    yield* read.events;
    if (read.transient !== undefined) yield* this.transient('log', read.transient);
    else if (this.follower.following) this.transientStreak = 0;
    if (this.follower.following) this.quietReads = read.lines > 0 ? 0 : this.quietReads + 1;
  }

  private async *drainAfterEnd(): AsyncGenerator<BuildEvent> {
    const follower = this.follower;
    if (!follower || follower.gone) return;
    yield* follower.prepare(this.build);
    if (!follower.following) return;
    // A build we stopped waiting for (cancel deadline) gets one last read of what is there.
    if (!isFinal(this.build)) {
      yield* this.followLog();
      return;
    }
    // The agent's last line is already here: nothing more will come.
    if (follower.hasLastLine(this.build)) return;
    const { clock } = this.ports;
    const expected = follower.lastLoggedPhase(this.build);
    const finished = this.build.buildStatus === 'SUCCEEDED' || this.build.buildStatus === 'FAILED';
    const graceEnd = Math.min(
      clock.now() + (finished ? FLUSH_GRACE_MS : FLUSH_GRACE_UNFINISHED_MS),
      this.deadline ?? Number.POSITIVE_INFINITY,
    );
    this.quietReads = 0;
    for (;;) {
      yield* this.followLog();
      if (!follower.following) return;
      if (follower.hasLastPhase(this.build)) return;
      // A stopped, timed-out or faulted build may never log its last phase: two empty reads in a row end the wait.
      if (!finished && this.quietReads >= QUIET_READS) return;
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
