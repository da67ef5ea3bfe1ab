/**
 * The GitHub publishers run-build asked for: the sticky pull request comment (pr-comment) and
 * the check run (check-run). Each is loaded with its first call, after the build started, like
 * the commit status reporters; a publisher that cannot be loaded or made is a warning.
 */
import type { RunPublisher } from '../codebuild/run-report.js';
import { errorMessage } from '../util/errors.js';
import { LoadedInOrder } from '../util/loaded-in-order.js';
import type { Logger } from '../util/logger.js';
import { systemClock } from '../util/clock.js';

export interface GitHubPublishing {
  readonly prComment: boolean;
  readonly checkRun: boolean;
  readonly token: string | undefined;
  /** owner/repo, from GITHUB_REPOSITORY. */
  readonly repository: string | undefined;
  /** The commit the check run belongs to (the build's). */
  readonly sha: string | undefined;
  /** buildspec-override, to find the buildspec file the annotations point into. */
  readonly buildspecOverride: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly logger: Logger;
}

export function gitHubPublishers(options: GitHubPublishing): RunPublisher[] {
  const publishers: RunPublisher[] = [];
  if (options.prComment) {
    publishers.push(
      deferred('GitHub pull request comment', options.logger, async () => {
        const { prCommentPublisher } = await import('./pr-comment.js');
        return prCommentPublisher(options);
      }),
    );
  }
  if (options.checkRun) {
    publishers.push(
      deferred('GitHub check run', options.logger, async () => {
        const { token, repository, sha, env, logger } = options;
        const [owner, repo] = (repository ?? '').split('/');
        if (!token || !owner || !repo || !sha) {
          logger.warn(
            'Skipping the check run: it needs a GitHub token (checks: write), the repository (GITHUB_REPOSITORY) and a full commit sha.',
          );
          return undefined;
        }
        logger.mask(token);
        const workspace = env.GITHUB_WORKSPACE || process.cwd();
        const [{ CheckRunPublisher }, { annotationTarget }, { createGitHubClient, gitHubApiUrl }] =
          await Promise.all([
            import('./check-run.js'),
            import('./check-run-annotations.js'),
            import('./octokit.js'),
          ]);
        return new CheckRunPublisher(
          createGitHubClient(token, env, logger),
          { owner, repo, sha },
          gitHubApiUrl(env),
          logger,
          {
            annotationTarget: await annotationTarget(env, options.buildspecOverride, workspace),
            workspace,
            clock: systemClock,
          },
        );
      }),
    );
  }
  return publishers;
}

function deferred(
  target: string,
  logger: Logger,
  load: () => Promise<RunPublisher | undefined>,
): RunPublisher {
  const loaded = new LoadedInOrder(() =>
    load().catch((error: unknown) => {
      logger.warn(`Could not publish the ${target}: ${errorMessage(error)}`);
      return undefined;
    }),
  );
  return {
    target,
    start: (run) => loaded.use((publisher) => publisher?.start(run)),
    finish: (report) => loaded.use((publisher) => publisher?.finish(report)),
  };
}
