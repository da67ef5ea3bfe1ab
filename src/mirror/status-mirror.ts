/**
 * The status mirror: one EventBridge event in, at most one status per commit out, one log line
 * saying what was done. What fails the invocation — so that Lambda retries the event and then
 * keeps it in the dead-letter queue, to be redriven once fixed — is what retrying or fixing the
 * set-up can mend: a code host or AWS that is down or throttling after retries, a bad setting,
 * a missing permission, a rejected credential. What it cannot mend — an event of another kind,
 * a build on no code host, a repository the credential may not see — is logged and done.
 * Errors leave redacted, without a stack that could quote a secret.
 */
import { RetryLater } from './retry-later.js';
import { readMirrorEvent, type PipelineEvent } from './build-event.js';
import { mirrorBuildEvent, type MirrorOutcome, type MirrorPorts } from './mirror-build.js';
import { errorMessage, isUserError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';

export interface MirrorRuntime extends MirrorPorts {
  /** Mirrors a CodePipeline event; undefined when this build of the mirror does not. */
  readonly pipeline?: (event: PipelineEvent) => Promise<MirrorOutcome>;
}

/** Thrown to fail the invocation: the message is redacted and says what to do. */
export class MirrorFailure extends Error {
  override readonly name = 'MirrorFailure';
}

export async function mirrorEvent(
  event: unknown,
  runtime: () => Promise<MirrorRuntime>,
  logger: Logger,
): Promise<MirrorOutcome> {
  const read = readMirrorEvent(event);
  let outcome: MirrorOutcome;
  try {
    switch (read.kind) {
      case 'ignored':
        outcome = { outcome: 'skipped', message: `Ignored: ${read.why}.` };
        break;
      case 'malformed':
        outcome = { outcome: 'skipped', message: `Ignored ${read.why}: nothing to post.` };
        logger.error(outcome.message);
        return outcome;
      case 'build':
        outcome = await mirrorBuildEvent(read, await runtime());
        break;
      case 'pipeline': {
        const mirror = (await runtime()).pipeline;
        outcome = mirror
          ? await mirror(read)
          : {
              outcome: 'skipped',
              message: `Ignored: pipeline ${read.pipeline}'s events are not mirrored.`,
            };
        break;
      }
    }
  } catch (error) {
    const message = logger.redact(errorMessage(error));
    if (isUserError(error)) logger.error(message);
    else if (error instanceof RetryLater) logger.warn(`${message} The event will be retried.`);
    else logger.error(logger.redact(error instanceof Error && error.stack ? error.stack : message));
    throw new MirrorFailure(message);
  }
  if (outcome.outcome === 'refused') logger.warn(outcome.message);
  else logger.info(outcome.message);
  return outcome;
}
