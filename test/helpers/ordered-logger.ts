/** A Logger that keeps every call in order, groups included, for assertions on layout. */
import type { Logger } from '../../src/util/logger.js';

export class OrderedLogger implements Logger {
  readonly entries: { level: string; text: string }[] = [];
  readonly masked: string[] = [];

  private push(level: string, text: string): void {
    this.entries.push({ level, text });
  }
  info(message: string): void {
    this.push('info', message);
  }
  warn(message: string): void {
    this.push('warn', message);
  }
  error(message: string): void {
    this.push('error', message);
  }
  debug(message: string): void {
    this.push('debug', message);
  }
  group(title: string): void {
    this.push('group', title);
  }
  endGroup(): void {
    this.push('endGroup', '');
  }
  buildLog(lines: readonly string[]): void {
    for (const line of lines) this.push('log', line);
  }
  mask(secret: string): void {
    this.masked.push(secret);
  }
}
