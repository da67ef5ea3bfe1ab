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

  constructor(
    private readonly write: (text: string) => void = (text) => void process.stdout.write(text),
  ) {}

  info(message: string): void {
    this.print(this.redact(message));
  }
  warn(message: string): void {
    this.line(workflowCommand('warning', this.redact(message)));
  }
  error(message: string): void {
    this.line(workflowCommand('error', this.redact(message)));
  }
  debug(message: string): void {
    this.line(workflowCommand('debug', this.redact(message)));
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
