/**
 * Follows one build's CloudWatch log: finds its stream once CodeBuild names it, reads it (every
 * line once, in order), and reads the agent's own lines to know when the log has announced the
 * build's end and when its last line has arrived. What it reads is handed out as events that
 * name the build; when to read is the watcher's business.
 */
import type { Build } from '@aws-sdk/client-codebuild';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { explainAwsError, isTransient } from '../aws/aws-errors.js';
import { announcesEnd, parseAgentLine } from './agent-lines.js';
import type { BuildEvent } from './build-watcher.js';
import { LogTail, type LogPage } from './log-tail.js';

/** Phases whose end the agent does not log. */
const NOT_LOGGED = new Set(['SUBMITTED', 'QUEUED', 'PROVISIONING', 'FINALIZING', 'COMPLETED']);

export interface LogRead {
  readonly events: readonly BuildEvent[];
  /** Lines read; 0 for a quiet log. */
  readonly lines: number;
  /** A throttle or 5xx stopped the read: the next read goes on from the same place. */
  readonly transient?: unknown;
}

const count = (pages: readonly LogPage[]) =>
  pages.reduce((sum, page) => sum + page.lines.length, 0);

export class LogFollower {
  private tail: LogTail | undefined;
  private unavailable = false;
  private readonly completed = new Set<string>();
  /** The last "Phase complete" phase, and whether the agent's closing context line followed it. */
  private lastCompleted: string | undefined;
  private lastCompletedClosed = false;
  /** Whether the log has announced the end (the last phase completed, or an early one failed). */
  endAnnounced = false;
  /** When the end-announcing line was written (CloudWatch time). */
  endWrittenAt: number | undefined;

  constructor(
    readonly buildId: string,
    private readonly logs: CloudWatchLogsClient,
    private readonly region: string,
  ) {}

  /** Whether the stream is being read (known and readable). */
  get following(): boolean {
    return this.tail !== undefined;
  }

  /** Whether the log cannot be shown (S3 only, no permission, no stream): nothing to read. */
  get gone(): boolean {
    return this.unavailable;
  }

  /** Finds the stream once CodeBuild names it, or says why the log cannot be shown. */
  prepare(build: Build): BuildEvent[] {
    const events = [...this.noticeMissingStream(build)];
    this.ensureTail(build);
    return events;
  }

  /** Reads what is new in the log of `build` (as last read), or explains why there is none. */
  async read(build: Build, signal?: AbortSignal): Promise<LogRead> {
    const events = this.prepare(build);
    const tail = this.tail;
    if (!tail) return { events, lines: 0 };
    const pages: LogPage[] = [];
    try {
      await tail.drain((page) => pages.push(page), signal);
    } catch (error) {
      if (isTransient(error))
        return {
          events: [...events, ...this.pagesOf(pages)],
          lines: count(pages),
          transient: error,
        };
      const explained = explainAwsError(error, {
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
  hasLastLine(build: Build): boolean {
    const expected = this.lastLoggedPhase(build);
    return expected !== undefined && this.lastCompleted === expected && this.lastCompletedClosed;
  }

  /** Whether the last phase the agent logs for this build has logged its completion. */
  hasLastPhase(build: Build): boolean | undefined {
    const expected = this.lastLoggedPhase(build);
    return expected === undefined ? undefined : this.completed.has(expected);
  }

  /** The last phase the agent logs for this build: its "Phase complete" line ends the log. */
  lastLoggedPhase(build: Build): string | undefined {
    const logged = (build.phases ?? []).filter(
      (phase) => phase.phaseStatus && !NOT_LOGGED.has(phase.phaseType ?? ''),
    );
    return logged.at(-1)?.phaseType;
  }

  private pagesOf(pages: readonly LogPage[]): BuildEvent[] {
    return pages.map((page) => {
      this.scan(page);
      return { type: 'log', buildId: this.buildId, lines: page.lines };
    });
  }

  private ensureTail(build: Build): LogTail | undefined {
    if (this.tail || this.unavailable) return this.tail;
    const logs = build.logs;
    if (logs?.groupName && logs.streamName) {
      this.tail = new LogTail(this.logs, logs.groupName, logs.streamName);
    }
    return this.tail;
  }

  private *noticeMissingStream(build: Build): Generator<BuildEvent> {
    if (this.tail || this.unavailable) return;
    const phase = build.currentPhase ?? 'SUBMITTED';
    const cloudWatchOff = build.logs?.cloudWatchLogs?.status === 'DISABLED';
    // A build stopped before its container started has no stream, and no log to show.
    const stoppedEarly = build.buildStatus === 'STOPPED' && !build.logs?.streamName;
    if (
      !stoppedEarly &&
      (cloudWatchOff ||
        (!['SUBMITTED', 'QUEUED', 'PROVISIONING'].includes(phase) && !build.logs?.streamName))
    ) {
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

  private scan(page: LogPage): void {
    page.lines.forEach((line, index) => {
      const agent = parseAgentLine(line);
      if (!agent) return;
      if (agent.kind === 'context') this.lastCompletedClosed = this.lastCompleted !== undefined;
      if (agent.kind === 'complete') {
        this.completed.add(agent.phase);
        this.lastCompleted = agent.phase;
        this.lastCompletedClosed = false;
      }
      if (announcesEnd(agent) && !this.endAnnounced) {
        this.endAnnounced = true;
        this.endWrittenAt = page.times[index];
      }
    });
  }
}
