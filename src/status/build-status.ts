/**
 * The StatusReporter port. The core speaks one neutral status; each reporter maps it to its
 * host's states and limits (GitHub commit statuses, Bitbucket Cloud and Data Center, ...).
 */
export type BuildState = 'pending' | 'success' | 'failure' | 'error' | 'stopped';

export interface BuildStatus {
  readonly state: BuildState;
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
  report(status: BuildStatus): Promise<void>;
}

/** Shortens text to `max` characters, ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
