/**
 * The Actions front end's one top-level handler: builds the ports from the runner's
 * environment, runs a command body, and turns a UserError into one actionable failure line and
 * anything else into a failure with its stack (a bug to report).
 *
 * Inputs are read from INPUT_* exactly as the runner passes them, and every log line goes out
 * through the WorkflowCommandLogger the CLI uses too. Outputs, the failure and the job summary
 * go through @actions/core, loaded on first use: nothing before the first AWS request needs it
 * (it carries an HTTP client of its own), and @github/local-action replaces it to show them.
 */
import { errorMessage, isUserError } from '../util/errors.js';
import { LoadedInOrder } from '../util/loaded-in-order.js';
import { mapStackTrace } from '../util/stack-trace.js';
import type { Logger } from '../util/logger.js';
import { OptionReader, type OptionSpec } from '../util/options.js';
import { WorkflowCommandLogger } from '../util/workflow-command-logger.js';

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

/** An input as the runner passes it: INPUT_<NAME>, spaces as _, upper case, hyphens kept. */
export function actionInput(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || undefined;
}

export async function runAction(
  specs: readonly OptionSpec[],
  body: (context: ActionContext) => Promise<void>,
): Promise<void> {
  const logger = new WorkflowCommandLogger();
  const toolkit = new LoadedInOrder(() => import('@actions/core'));
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    logger.warn(`Received ${signal}: the workflow was cancelled.`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const fail = (message: string) => void toolkit.use((core) => core.setFailed(message));
  try {
    const env = process.env;
    await body({
      options: new OptionReader(
        specs.filter((spec) => !spec.cliOnly),
        { get: (name) => actionInput(env, name) },
      ),
      logger,
      env,
      signal: controller.signal,
      outputs: { set: (name, value) => void toolkit.use((core) => core.setOutput(name, value)) },
      fail: (message) => fail(logger.redact(message)),
      appendSummary: async (markdown) => {
        if (!env.GITHUB_STEP_SUMMARY) return;
        await toolkit.use(async (core) => {
          await core.summary.addRaw(logger.redact(markdown), true).write();
        });
      },
    });
  } catch (error) {
    logger.endGroup();
    if (isUserError(error)) {
      fail(logger.redact(errorMessage(error)));
    } else {
      fail(
        logger.redact(
          `Unexpected error (please report it): ${error instanceof Error ? mapStackTrace(error.stack ?? error.message) : String(error)}`,
        ),
      );
    }
  } finally {
    await toolkit.settled();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
