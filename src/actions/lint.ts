/** GitHub Action entry of lint (actions/lint): findings become annotations on the pull request. */
import { runAction } from './action-runtime.js';
import { LINT_OPTIONS, readLintSettings } from '../lint/lint-options.js';
import { runLint } from '../lint/run-lint.js';

await runAction(LINT_OPTIONS, async (action) => {
  const { options, env, logger, outputs } = action;
  const settings = readLintSettings(options, [], env, process.cwd());
  const { report } = await runLint(settings, {
    logger,
    write: (text) => logger.info(text.replace(/\n$/, '')),
  });
  outputs.set('errors', String(report.counts.errors));
  outputs.set('warnings', String(report.counts.warnings));
  outputs.set('files', String(report.files.length));
  if (report.counts.errors > 0)
    action.fail(
      `lint found ${report.counts.errors} error(s) and ${report.counts.warnings} warning(s); see the annotations above.`,
    );
});
