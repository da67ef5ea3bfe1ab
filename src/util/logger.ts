/**
 * The Logger port: how the core talks to a person. The workflow-command logger writes GitHub
 * Actions commands (the Action, and the CLI inside an Actions step); the console one writes
 * plain lines. Build log lines go through `buildLog`, which prints them verbatim but never lets
 * the runner obey them. Every secret registered with `mask` is redacted from all a logger
 * prints, and `redact` applies the same to what leaves by other ways (statuses, summaries).
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  /** Starts a collapsible section; sections do not nest. */
  group(title: string): void;
  endGroup(): void;
  /** Prints lines of a build's log exactly as written (secrets redacted), never obeyed. */
  buildLog(lines: readonly string[]): void;
  /** Registers a secret: it is replaced by *** wherever this logger prints it. */
  mask(secret: string): void;
  /** `text` with every registered secret replaced by ***. */
  redact(text: string): string;
}
