/**
 * Logger for GitHub Actions, used by the Actions and by the CLI inside an Actions `run:` step,
 * so both shield the same way. Warnings, errors and groups are workflow commands with escaped
 * data; build log lines, and any message that would read as a command (it quotes a file or a
 * log), go out between ::stop-commands:: markers: shown, never obeyed.
 */
import { Redactor } from './redactor.js';
import type { Logger } from './logger.js';
import { readsAsCommand, shielded, workflowCommand } from './workflow-commands.js';

export class WorkflowCommandLogger implements Logger {
  private readonly redactor = new Redactor();
  private inGroup = false;

  /**
   * `write` takes the log, groups and masks; `writeNotes` the warnings, errors and debug lines.
   * The runner reads commands on both streams; the CLI keeps stdout for its output (a JSON
   * report, a build's log) and sends notes to stderr, as it does in a terminal. Masks stay on
   * the log's stream, ahead of anything they hide.
   */
  constructor(
    private readonly write: (text: string) => void = (text) => void process.stdout.write(text),
    private readonly writeNotes: (text: string) => void = write,
  ) {}

  info(message: string): void {
    this.print(this.redact(message));
  }
  warn(message: string): void {
    this.writeNotes(`${workflowCommand('warning', this.redact(message))}\n`);
  }
  error(message: string): void {
    this.writeNotes(`${workflowCommand('error', this.redact(message))}\n`);
  }
  debug(message: string): void {
    this.writeNotes(`${workflowCommand('debug', this.redact(message))}\n`);
  }
  group(title: string): void {
    if (this.inGroup) this.endGroup();
    this.line(workflowCommand('group', this.redact(title)));
    this.inGroup = true;
  }
  endGroup(): void {
    if (!this.inGroup) return;
    this.line('::endgroup::');
    this.inGroup = false;
  }
  buildLog(lines: readonly string[]): void {
    if (lines.length === 0) return;
    this.line(shielded(this.redact(lines.join('\n'))));
  }
  mask(secret: string): void {
    if (!this.redactor.add(secret)) return;
    this.line(workflowCommand('add-mask', secret));
  }
  redact(text: string): string {
    return this.redactor.redact(text);
  }

  private print(text: string): void {
    this.line(readsAsCommand(text) ? shielded(text) : text);
  }

  private line(text: string): void {
    this.write(`${text}\n`);
  }
}
