/**
 * Logger for GitHub Actions. Build log lines are printed between ::stop-commands:: markers so
 * that a line like "::add-mask::" or "::set-output" written by the build is shown, never obeyed.
 */
import { randomUUID } from 'node:crypto';
import * as core from '@actions/core';
import type { Logger } from '../util/logger.js';

export class ActionsLogger implements Logger {
  private inGroup = false;

  constructor(
    private readonly write: (text: string) => void = (text) => void process.stdout.write(text),
  ) {}

  info(message: string): void {
    core.info(message);
  }
  warn(message: string): void {
    core.warning(message);
  }
  error(message: string): void {
    core.error(message);
  }
  debug(message: string): void {
    core.debug(message);
  }
  group(title: string): void {
    if (this.inGroup) this.endGroup();
    core.startGroup(title);
    this.inGroup = true;
  }
  endGroup(): void {
    if (!this.inGroup) return;
    core.endGroup();
    this.inGroup = false;
  }
  buildLog(lines: readonly string[]): void {
    if (lines.length === 0) return;
    const resume = randomUUID().replace(/-/g, '');
    this.write(`::stop-commands::${resume}\n${lines.join('\n')}\n::${resume}::\n`);
  }
  mask(secret: string): void {
    if (secret) core.setSecret(secret);
  }
}
