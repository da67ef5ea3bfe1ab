/**
 * lint as a GitHub Action: findings become annotations on the pull request. `run()` is what the
 * entry calls, and what @github/local-action runs locally.
 */
import { runAction } from '../action-runtime.js';
import { fileKinds } from '../../file-kinds.js';
import { LINT_OPTIONS, readLintSettings } from '../../lint/lint-options.js';
import { runLint } from '../../lint/run-lint.js';

export async function run(): Promise<void> {
  await runAction(LINT_OPTIONS, async (action) => {
    const { options, env, logger, outputs } = action;
    const settings = readLintSettings(options, [], env, process.cwd());
    const { report } = await runLint(settings, {
      logger,
      kinds: fileKinds,
      write: (text) => logger.info(text.replace(/\n$/, '')),
      writeVerbatim: (text) => void process.stdout.write(text),
    });
    outputs.set('errors', String(report.counts.errors));
    outputs.set('warnings', String(report.counts.warnings));
    outputs.set('files', String(report.files.length));
    outputs.set('skipped', String(report.skipped.length));
    if (report.counts.errors > 0)
      action.fail(
        `lint found ${report.counts.errors} error(s) and ${report.counts.warnings} warning(s); see the annotations above.`,
      );
  });
}
