/**
 * The Actions front end's one top-level handler: builds the ports from the runner's
 * environment, runs a command body, and turns a UserError into one actionable failure line and
 * anything else into a failure with its stack (a bug to report).
 */
import * as core from '@actions/core';
import { ActionsLogger } from './actions-logger.js';
import { errorMessage, isUserError } from '../util/errors.js';
import { OptionReader, type OptionSpec } from '../util/options.js';
import type { Logger } from '../util/logger.js';

export interface ActionOutputs {
  readonly set: (name: string, value: string) => void;
}

export interface ActionContext {
  readonly options: OptionReader;
  readonly logger: Logger;
  readonly env: NodeJS.ProcessEnv;
  /** Aborts on SIGINT/SIGTERM (workflow cancelled). */
  readonly signal: AbortSignal;
  readonly outputs: ActionOutputs;
  /** Fails the step with one line, e.g. when the build failed. */
  readonly fail: (message: string) => void;
  /** Appends Markdown to the job summary. */
  readonly appendSummary: (markdown: string) => Promise<void>;
}

export async function runAction(
  specs: readonly OptionSpec[],
  body: (context: ActionContext) => Promise<void>,
): Promise<void> {
  const logger = new ActionsLogger();
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    logger.warn(`Received ${signal}: the workflow was cancelled.`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const source = { get: (name: string) => core.getInput(name) || undefined };
    await body({
      options: new OptionReader(
        specs.filter((spec) => !spec.cliOnly),
        source,
      ),
      logger,
      env: process.env,
      signal: controller.signal,
      outputs: { set: (name, value) => core.setOutput(name, value) },
      fail: (message) => core.setFailed(message),
      appendSummary: async (markdown) => {
        if (!process.env.GITHUB_STEP_SUMMARY) return;
        await core.summary.addRaw(markdown, true).write();
      },
    });
  } catch (error) {
    logger.endGroup();
    if (isUserError(error)) {
      core.setFailed(errorMessage(error));
    } else {
      core.setFailed(
        `Unexpected error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
