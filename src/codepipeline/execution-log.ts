/** Prints a pipeline execution as it goes: each stage as it starts, each action as it starts and ends. */
import { stageBeingEntered, type ExecutionView } from './execution-view.js';
import type { Logger } from '../util/logger.js';

/** Prints each stage as it starts and each action as it starts and ends. */
export class ExecutionLog {
  private readonly seen = new Map<string, string>();
  /** The stage seen waiting to be entered on the last read. */
  private entering: string | undefined;

  constructor(private readonly logger: Logger) {}

  update(view: ExecutionView): void {
    // On two reads in a row: longer than a transition takes, so another execution is in it.
    const entering = stageBeingEntered(view)?.name;
    if (entering !== undefined && entering === this.entering && !this.seen.has(`>${entering}`)) {
      this.seen.set(`>${entering}`, 'waiting');
      this.logger.info(
        `Waiting to enter stage ${entering}: another execution is in it (${view.execution.executionMode ?? 'SUPERSEDED'} mode).`,
      );
    }
    this.entering = entering;
    for (const stage of view.stages) {
      if (stage.progress !== 'NotStarted' && !this.seen.has(stage.name)) {
        this.seen.set(stage.name, 'started');
        this.logger.info(`Stage ${stage.name}`);
      }
      for (const action of stage.actions) {
        const key = `${stage.name}\u0000${action.name}`;
        if (this.seen.get(key) === action.status) continue;
        this.seen.set(key, action.status);
        const what = `  ${action.name}${action.provider ? ` (${action.provider})` : ''}: ${action.status}`;
        const details = [action.summary, action.url].filter(Boolean).join(' ');
        this.logger.info(details ? `${what}: ${details}` : what);
      }
    }
  }
}
