/**
 * Posts a pipeline execution's commit statuses — a status per stage, or one for the execution —
 * once per change, in order, without holding up the watch, and makes sure each one posted ends
 * in a final state.
 */
import {
  executionStatus,
  stageContext,
  stageStatuses,
  type StatusContext,
} from './execution-status.js';
import type { ExecutionView } from './execution-view.js';
import { redactStatus, type CommitStatus, type StatusReporter } from '../status/commit-status.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';

export interface PublisherSettings {
  readonly commitStatus: boolean;
  readonly stageStatuses: boolean;
  readonly statusContext: string;
}

/**
 * Posts each status once per change, in order, without holding up the watch: posts queue in
 * the reporter, and `settled()` waits for them at the end.
 */
export class StageStatusPublisher {
  private readonly last = new Map<string, string>();
  /** Stages that have had a status: each must end in a final one. */
  readonly posted = new Set<string>();
  private readonly inFlight: Promise<void>[] = [];

  constructor(
    private readonly reporter: StatusReporter,
    private readonly settings: PublisherSettings,
    private readonly logger: Logger,
  ) {}

  update(view: ExecutionView, context: StatusContext, pendingToo = true): void {
    if (!this.settings.commitStatus) return;
    const statuses = this.settings.stageStatuses
      ? stageStatuses(view, context, this.posted)
      : new Map([['', executionStatus(view, context)]]);
    this.post(
      pendingToo
        ? statuses
        : new Map([...statuses].filter(([, status]) => status.state !== 'pending')),
    );
  }

  /** The first stage's pending status, posted as the execution starts. */
  started(stage: string, url: string, description: string): void {
    this.post(new Map([[stage, { state: 'pending', name: this.nameOf(stage), url, description }]]));
  }

  /**
   * Every status posted so far, final: for a cancelled run, or one that lost track. With
   * `within`, waits for the posts no longer than that (the runner's SIGTERM is coming).
   */
  async end(
    view: ExecutionView | undefined,
    ending: NonNullable<StatusContext['ending']>,
    context: StatusContext,
    within?: { readonly ms: number; readonly clock: Clock },
  ): Promise<void> {
    if (view) this.update(view, { ...context, ending });
    else {
      for (const stage of this.posted) {
        const status = { state: ending.state, name: this.nameOf(stage), url: context.url };
        this.post(new Map([[stage, { ...status, description: ending.why }]]));
      }
    }
    await (within ? Promise.race([this.settled(), within.clock.sleep(within.ms)]) : this.settled());
  }

  private nameOf(stage: string): string {
    return this.settings.stageStatuses
      ? stageContext(this.settings.statusContext, stage)
      : this.settings.statusContext;
  }

  post(statuses: ReadonlyMap<string, CommitStatus>): void {
    if (!this.settings.commitStatus) return;
    for (const [stage, status] of statuses) {
      const key = status.name;
      const text = JSON.stringify([status.state, status.description, status.url]);
      if (this.last.get(key) === text) continue;
      this.last.set(key, text);
      this.posted.add(stage);
      this.inFlight.push(
        this.reporter.report(redactStatus(status, (value) => this.logger.redact(value))),
      );
    }
  }

  async settled(): Promise<void> {
    await Promise.all(this.inFlight);
  }
}
