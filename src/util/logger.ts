/**
 * The Logger port: how the core talks to a person. The Actions front end writes workflow
 * commands; the console one writes plain lines. Build log lines go through `buildLog`, which
 * must print them verbatim: a line of the build's own output is never a command to the runner.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  /** Starts a collapsible section; sections do not nest. */
  group(title: string): void;
  endGroup(): void;
  /** Prints lines of a build's log exactly as written. */
  buildLog(lines: readonly string[]): void;
  /** Registers a secret: it is replaced by *** wherever this logger prints it. */
  mask(secret: string): void;
}
