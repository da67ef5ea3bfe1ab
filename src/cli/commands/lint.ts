/** `buildbridge lint [paths...]`: checks buildspecs (and appspecs) before CodeBuild does. */
import type { CliCommand } from '../command.js';

/** All of a stream's text, e.g. a buildspec piped in: `cat buildspec.yml | buildbridge lint -`. */
async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) text += String(chunk);
  return text;
}
import { fileKinds } from '../../file-kinds.js';
import { LINT_OPTIONS, readLintSettings } from '../../lint/lint-options.js';
import { runLint } from '../../lint/run-lint.js';

export const lintCommand: CliCommand = {
  name: 'lint',
  summary:
    'Check buildspecs and appspecs for the mistakes CodeBuild only reports minutes after a push. Exit 1 on errors, 0 on warnings only.',
  usage: [
    '[paths...] [--format text|github|json] [--kind buildspec|appspec] [--verbose]',
    '- (the file from stdin)',
  ],
  options: LINT_OPTIONS,
  positionals: true,
  async run({ options, positionals, env, cwd, logger, stdout, inGitHubActions }) {
    const settings = readLintSettings(options, positionals, env, cwd);
    const { exitCode } = await runLint(settings, {
      logger,
      kinds: fileKinds,
      // Findings quote the files: inside Actions, a text report goes out shielded.
      write: inGitHubActions ? (text) => logger.info(text.replace(/\n$/, '')) : stdout,
      writeVerbatim: stdout,
      readStdin: () => readStream(process.stdin),
    });
    return exitCode;
  },
};
