/**
 * The lines CodeBuild's agent writes into a build log, in its exact format, e.g.
 * `[Container] 2026/11/27 12:00:01.234567 Entering phase BUILD`. A local build writes the same
 * lines so that people (and the log parser used for remote builds) read both the same way.
 */
import type { Clock } from '../../util/clock.js';

export type LocalPhaseType = 'INSTALL' | 'PRE_BUILD' | 'BUILD' | 'POST_BUILD' | 'UPLOAD_ARTIFACTS';

/** `2026/11/27 12:00:01.234567` in UTC, the agent's clock; the clock has milliseconds only. */
export function agentTimestamp(epochMs: number): string {
  const date = new Date(epochMs);
  const two = (value: number) => String(value).padStart(2, '0');
  const micros = String(date.getUTCMilliseconds() * 1000).padStart(6, '0');
  return (
    `${date.getUTCFullYear()}/${two(date.getUTCMonth() + 1)}/${two(date.getUTCDate())} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}.${micros}`
  );
}

export function agentLine(epochMs: number, message: string): string {
  return `[Container] ${agentTimestamp(epochMs)} ${message}`;
}

/** The agent's messages, word for word. */
export const agentMessages = {
  enteringPhase: (phase: LocalPhaseType) => `Entering phase ${phase}`,
  runningCommand: (command: string) => `Running command ${command}`,
  commandFailed: (command: string, reason: string) =>
    `Command did not exit successfully ${command} ${reason}`,
  phaseComplete: (phase: LocalPhaseType, state: string) =>
    `Phase complete: ${phase} State: ${state}`,
  phaseContext: (statusCode: string, message: string) =>
    `Phase context status code: ${statusCode} Message: ${message}`,
  commandError: (command: string, reason: string) =>
    `Error while executing command: ${command}. Reason: ${reason}`,
} as const;

/** Writes agent lines, stamped with the clock's time, where the build's log goes. */
export class AgentLog {
  constructor(
    private readonly print: (lines: readonly string[]) => void,
    private readonly clock: Clock,
  ) {}

  write(message: string): void {
    this.print([agentLine(this.clock.now(), message)]);
  }
}
