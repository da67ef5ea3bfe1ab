/**
 * Logger for shells, Bitbucket Pipelines and CodeBuild: plain lines, secrets redacted, and
 * colour on the warning and error prefixes only when the caller says the terminal takes it.
 */
import { Redactor } from './redactor.js';
import type { Logger } from './logger.js';

export interface ConsoleLoggerOptions {
  out?: (text: string) => void;
  err?: (text: string) => void;
  debug?: boolean;
  /** ANSI colour on "warning:" and "error:" (a terminal without NO_COLOR or TERM=dumb). */
  color?: boolean;
  /** Called before each write, so a live status line can be cleared first. */
  beforeWrite?: () => void;
}

const YELLOW = '\x1b[33m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

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
    this.write(this.err, `${this.paint(YELLOW, 'warning:')} ${message}`);
  }
  error(message: string): void {
    this.write(this.err, `${this.paint(RED, 'error:')} ${message}`);
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
    this.write(this.out, lines.join('\n'));
  }
  mask(secret: string): void {
    this.redactor.add(secret);
  }
  redact(text: string): string {
    return this.redactor.redact(text);
  }

  private paint(colour: string, text: string): string {
    return this.options.color ? `${colour}${text}${RESET}` : text;
  }

  private write(sink: (text: string) => void, message: string): void {
    this.options.beforeWrite?.();
    sink(this.redactor.redact(message) + '\n');
  }
}
