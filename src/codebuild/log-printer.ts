/**
 * Prints a build's log with one collapsible group per phase. Groups follow the agent's own
 * "Entering phase X" lines, so every line lands in the phase that wrote it. The agent announces
 * no UPLOAD_ARTIFACTS phase: its lines are those after POST_BUILD's completion lines.
 */
import { parseAgentLine } from './agent-lines.js';
import type { Logger } from '../util/logger.js';

export class LogPrinter {
  private phase: string | undefined;
  private open = false;
  private printed = 0;
  private postBuildDone = false;

  constructor(private readonly logger: Logger) {}

  get lines(): number {
    return this.printed;
  }

  print(lines: readonly string[]): void {
    let batch: string[] = [];
    for (const line of lines) {
      const agent = parseAgentLine(line);
      const phase = agent?.kind === 'entering' ? agent.phase : this.unannouncedPhase(line, agent);
      if ((phase && phase !== this.phase) || !this.open) {
        this.logger.buildLog(batch);
        batch = [];
        this.openGroup(phase ?? this.phase ?? 'PROVISIONING');
      }
      batch.push(line);
    }
    this.logger.buildLog(batch);
    this.printed += lines.length;
  }

  private unannouncedPhase(
    line: string,
    agent: ReturnType<typeof parseAgentLine>,
  ): string | undefined {
    if (agent?.kind === 'context') return undefined;
    if (this.postBuildDone) {
      this.postBuildDone = false;
      return 'UPLOAD_ARTIFACTS';
    }
    if (agent?.kind === 'complete') this.postBuildDone = agent.phase === 'POST_BUILD';
    return undefined;
  }

  close(): void {
    if (this.open) this.logger.endGroup();
    this.open = false;
  }

  private openGroup(phase: string): void {
    this.close();
    this.phase = phase;
    this.logger.group(`Phase ${phase}`);
    this.open = true;
  }
}
