/** A Logger that keeps everything it is given, in order, for assertions. */
import type { Logger } from '../../src/util/logger.js';
import { Redactor } from '../../src/util/redactor.js';

export class RecordingLogger implements Logger {
  readonly buildLines: string[] = [];
  readonly infos: string[] = [];
  readonly warnings: string[] = [];
  readonly errors: string[] = [];
  readonly masked: string[] = [];
  /** Every call in order, groups included, as `level:text`, for assertions on layout. */
  readonly entries: string[] = [];
  /** Called for every build log line as it arrives, e.g. to react to a command's output. */
  onBuildLine: ((line: string) => void) | undefined;

  info(message: string): void {
    this.infos.push(message);
    this.entries.push(`info:${message}`);
  }
  warn(message: string): void {
    this.warnings.push(message);
    this.entries.push(`warn:${message}`);
  }
  error(message: string): void {
    this.errors.push(message);
    this.entries.push(`error:${message}`);
  }
  debug(): void {}
  group(title: string): void {
    this.entries.push(`group:${title}`);
  }
  endGroup(): void {
    this.entries.push('endGroup:');
  }
  buildLog(lines: readonly string[]): void {
    for (const line of lines) {
      this.buildLines.push(line);
      this.entries.push(`log:${line}`);
      this.onBuildLine?.(line);
    }
  }
  mask(secret: string): void {
    this.masked.push(secret);
    this.redactor.add(secret);
  }
  redact(text: string): string {
    return this.redactor.redact(text);
  }
  private readonly redactor = new Redactor();

  /** Build log lines without the agent's `[Container] <time> ` prefix. */
  get plainLines(): string[] {
    return this.buildLines.map((line) =>
      line.replace(/^\[Container\] \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\.\d{6} /, ''),
    );
  }

  /** The command output lines only (no agent lines). */
  get outputLines(): string[] {
    return this.buildLines.filter((line) => !line.startsWith('[Container] '));
  }
}
