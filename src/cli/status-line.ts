/**
 * The live status line of a terminal run: "⏳ Build #12 · BUILD · 1m 12s", redrawn in place
 * below the log. Log output clears it first, so lines never mix.
 */
import { parseAgentLine } from '../codebuild/agent-lines.js';
import { buildLabel } from '../codebuild/build-outcome.js';
import type { BuildEvent } from '../codebuild/build-watcher.js';
import { formatDuration } from '../util/duration.js';

export class StatusLine {
  private label = 'Build';
  private phase = 'SUBMITTED';
  private shown = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly startedAt = Date.now();

  constructor(private readonly write: (text: string) => void) {}

  start(): void {
    this.timer = setInterval(() => this.draw(), 1000);
    this.timer.unref();
  }

  update(event: BuildEvent): void {
    if (event.type === 'status' || event.type === 'end') {
      this.label = buildLabel(event.build);
      this.phase = event.build.currentPhase ?? this.phase;
    } else if (event.type === 'log') {
      for (const line of event.lines) {
        const agent = parseAgentLine(line);
        if (agent?.kind === 'entering') this.phase = agent.phase;
      }
    }
    if (event.type === 'end') this.stop();
    else this.draw();
  }

  /** Removes the line so that other output starts on a clean line. */
  clear(): void {
    if (this.shown) this.write('\r\x1b[2K');
    this.shown = false;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
  }

  private draw(): void {
    if (!this.timer) return;
    this.clear();
    this.write(`⏳ ${this.label} · ${this.phase} · ${formatDuration(Date.now() - this.startedAt)}`);
    this.shown = true;
  }
}
