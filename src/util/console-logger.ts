/** Logger for shells, Bitbucket Pipelines and CodeBuild: plain lines, secrets redacted. */
import { Redactor } from './redactor.js';
import type { Logger } from './logger.js';

export interface ConsoleLoggerOptions {
  out?: (text: string) => void;
  err?: (text: string) => void;
  debug?: boolean;
  /** Called before each write, so a live status line can be cleared first. */
  beforeWrite?: () => void;
}

export class ConsoleLogger implements Logger {
  private readonly redactor = new Redactor();
  private readonly out: (text: string) => void;
  private readonly err: (text: string) => void;

  constructor(private readonly options: ConsoleLoggerOptions = {}) {
    this.out = options.out ?? ((text) => process.stdout.write(text));
    this.err = options.err ?? ((text) => process.stderr.write(text));
  }

  info(message: string): void {
    this.write(this.out, message);
  }
  warn(message: string): void {
    this.write(this.err, `warning: ${message}`);
  }
  error(message: string): void {
    this.write(this.err, `error: ${message}`);
  }
  debug(message: string): void {
    if (this.options.debug) this.write(this.err, `debug: ${message}`);
  }
  group(title: string): void {
    this.write(this.out, `── ${title} ──`);
  }
  endGroup(): void {}
  buildLog(lines: readonly string[]): void {
    if (lines.length === 0) return;
    this.options.beforeWrite?.();
    this.out(this.redactor.redact(lines.join('\n')) + '\n');
  }
  mask(secret: string): void {
    this.redactor.add(secret);
  }

  private write(sink: (text: string) => void, message: string): void {
    this.options.beforeWrite?.();
    sink(this.redactor.redact(message) + '\n');
  }
}
