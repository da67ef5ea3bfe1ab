/**
 * The StatusReporter port. The core speaks one neutral commit status; each reporter maps it to
 * its host's states and limits (GitHub commit statuses, Bitbucket Cloud and Data Center, ...).
 */
import { LoadedInOrder } from '../util/loaded-in-order.js';

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
  private readonly reporter: LoadedInOrder<StatusReporter | undefined>;

  constructor(
    readonly target: string,
    load: () => Promise<StatusReporter>,
    onLoadError: (error: unknown) => void,
  ) {
    this.reporter = new LoadedInOrder(() =>
      load().catch((error: unknown) => {
        onLoadError(error);
        return undefined;
      }),
    );
  }

  report(status: CommitStatus): Promise<void> {
    return this.reporter.use((reporter) => reporter?.report(status));
  }
}
