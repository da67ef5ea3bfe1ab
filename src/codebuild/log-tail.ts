/**
 * Follows one CloudWatch Logs stream with GetLogEvents (startFromHead + nextForwardToken). The
 * token only moves after a page has been handed out, so a failed or throttled read is simply
 * repeated later: no line is lost or printed twice. A full page is followed at once by the next,
 * so a large log drains at page speed.
 */
import { GetLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { errorName } from '../util/errors.js';

/** CloudWatch's page limits: 10,000 events or 1 MB (message bytes + 26 per event). */
const PAGE_EVENTS = 10_000;
const PAGE_BYTES = 1_048_576;

export interface LogPage {
  readonly lines: string[];
  /** When each line was written (CloudWatch event timestamps, epoch ms). */
  readonly times: number[];
  /**
   * True when more may be waiting right now: the page hit a limit, or it came back empty with a
   * new token (CloudWatch skipping a gap), so the next page is read at once.
   */
  readonly full: boolean;
}

export class LogTail {
  private token: string | undefined;
  /** True once the stream has answered; until then "does not exist" means "not yet". */
  private seen = false;

  constructor(
    private readonly client: CloudWatchLogsClient,
    readonly groupName: string,
    readonly streamName: string,
  ) {}

  /** Reads one page after the current position. */
  async readPage(signal?: AbortSignal): Promise<LogPage> {
    let response;
    try {
      response = await this.client.send(
        new GetLogEventsCommand({
          logGroupName: this.groupName,
          logStreamName: this.streamName,
          startFromHead: true,
          nextToken: this.token,
          limit: PAGE_EVENTS,
        }),
        { abortSignal: signal },
      );
    } catch (error) {
      // CodeBuild names the stream before CloudWatch has created it.
      if (errorName(error) === 'ResourceNotFoundException' && !this.seen)
        return { lines: [], times: [], full: false };
      throw error;
    }
    this.seen = true;
    const events = response.events ?? [];
    const next = response.nextForwardToken;
    const moved = next !== undefined && next !== this.token;
    if (next !== undefined) this.token = next;
    const lines = events.map((event) => (event.message ?? '').replace(/\r?\n$/, ''));
    const bytes = events.reduce(
      (sum, event) => sum + Buffer.byteLength(event.message ?? '') + 26,
      0,
    );
    return {
      lines,
      times: events.map((event) => event.timestamp ?? 0),
      full:
        moved && (events.length === 0 || events.length >= PAGE_EVENTS || bytes >= PAGE_BYTES * 0.9),
    };
  }

  /** Reads pages until one is not full; each page is handed to `onPage` as it arrives. */
  async drain(onPage: (page: LogPage) => void, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const page = await this.readPage(signal);
      if (page.lines.length > 0) onPage(page);
      if (!page.full || signal?.aborted) return;
    }
  }
}
