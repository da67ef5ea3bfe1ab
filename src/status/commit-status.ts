/**
 * The StatusReporter port. The core speaks one neutral commit status; each reporter maps it to
 * its host's states and limits (GitHub commit statuses, Bitbucket Cloud and Data Center, ...).
 */
export type CommitState = 'pending' | 'success' | 'failure' | 'error' | 'stopped';

export interface CommitStatus {
  readonly state: CommitState;
  /** What the status is called on the host, e.g. "AWS CodeBuild us-east-1 (my-project)". */
  readonly name: string;
  /** Where the status links to: the build in the CodeBuild console. */
  readonly url: string | undefined;
  /** One line saying what happened, e.g. "Build #12 failed in BUILD after 3m 12s". */
  readonly description: string;
}

export interface StatusReporter {
  /** Human name of where statuses go, for messages ("GitHub commit status"). */
  readonly target: string;
  /**
   * Posts a status. Never throws: a host that refuses (read-only token on a fork PR) or is down
   * gets a warning, and the build's result is not changed by it. Reports are posted in order.
   */
  report(status: CommitStatus): Promise<void>;
}

/** Shortens text to `max` characters, ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The status with every registered secret taken out of the text that leaves for the host. */
export function redactStatus(status: CommitStatus, redact: (text: string) => string): CommitStatus {
  return {
    ...status,
    name: redact(status.name),
    description: redact(status.description),
    url: status.url === undefined ? undefined : redact(status.url),
  };
}

export const noReporter: StatusReporter = { target: 'nowhere', report: async () => {} };

/**
 * A reporter whose code is loaded when the first status is posted, so that its HTTP client is
 * not parsed before the build has been started. Reports keep their order; a reporter that
 * cannot be loaded is a warning, like any failed post.
 */
export class DeferredReporter implements StatusReporter {
  private loaded: Promise<StatusReporter | undefined> | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly target: string,
    private readonly load: () => Promise<StatusReporter>,
    private readonly onLoadError: (error: unknown) => void,
  ) {}

  report(status: CommitStatus): Promise<void> {
    this.loaded ??= this.load().catch((error: unknown) => {
      this.onLoadError(error);
      return undefined;
    });
    const loaded = this.loaded;
    this.queue = this.queue.then(async () => (await loaded)?.report(status));
    return this.queue;
  }
}
