/**
 * The CLI's one top-level handler: dispatch, output, signals, UserError vs bug, exit code.
 * Inside a GitHub Actions step (GITHUB_ACTIONS=true) it writes workflow commands through the
 * same logger as the Actions, so a build's log is shielded there too; elsewhere plain lines,
 * with a live status line and colour only on a terminal that takes them (not with NO_COLOR or
 * TERM=dumb). Ctrl-C stops the run; a second Ctrl-C kills what it started and exits at once.
 */
import { parseCommandArgs, suggestFlag } from './args.js';
import type { CliCommand } from './command.js';
import { commands } from './commands/index.js';
import { useBitbucketOidcToken } from './bitbucket-oidc.js';
import { commandHelp, mainHelp } from './help.js';
import { CliOutput } from './output.js';
import { StatusLine } from './status-line.js';
import { ForcedExitCleanups } from '../util/cleanup.js';
import { closestName } from '../util/closest-name.js';
import { ConsoleLogger } from '../util/console-logger.js';
import { UsageError, errorMessage, isUserError } from '../util/errors.js';
import { mapStackTrace } from '../util/stack-trace.js';
import type { Logger } from '../util/logger.js';
import { OptionReader } from '../util/options.js';
import { WorkflowCommandLogger } from '../util/workflow-command-logger.js';
import { VERSION } from '../version.js';

export interface CliProcess {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly cwd: string;
  readonly nodeVersion: string;
}

const INTERRUPTED = 130;
const OUTPUT_CLOSED = 141;
const TERMINATED = 143;

export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  host: CliProcess = {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    nodeVersion: process.version,
  },
): Promise<number> {
  const controller = new AbortController();
  let interruption: number | undefined;
  const output = new CliOutput(host.stdout, host.stderr, (why) => {
    interruption ??= why === 'pipe' ? OUTPUT_CLOSED : 1;
    controller.abort();
  });
  const inGitHubActions = env.GITHUB_ACTIONS === 'true';
  const plain = Boolean(env.NO_COLOR) || env.TERM === 'dumb';
  const statusLine =
    !inGitHubActions && !plain && host.stdout.isTTY ? new StatusLine(output.stdout) : undefined;
  const logger: Logger = inGitHubActions
    ? new WorkflowCommandLogger(output.stdout, output.stderr)
    : new ConsoleLogger({
        out: output.stdout,
        err: output.stderr,
        color: !plain && Boolean(host.stderr.isTTY),
        debug: env.BUILDBRIDGE_DEBUG === 'true',
        beforeWrite: () => statusLine?.clear(),
      });

  const cleanups = new ForcedExitCleanups();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted && interruption !== OUTPUT_CLOSED) {
      statusLine?.stop();
      cleanups.runAll();
      process.exit(interruption ?? INTERRUPTED);
    }
    interruption = signal === 'SIGTERM' ? TERMINATED : INTERRUPTED;
    logger.warn(`Received ${signal}: stopping. Press Ctrl-C again to quit at once.`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const code = await dispatch(argv, env, host, {
      logger,
      output,
      statusLine,
      inGitHubActions,
      signal: controller.signal,
      cleanups,
    });
    return interruption ?? code;
  } catch (error) {
    statusLine?.stop();
    if (interruption === OUTPUT_CLOSED) return OUTPUT_CLOSED;
    if (error instanceof UsageError) {
      logger.error(errorMessage(error));
      return 2;
    }
    if (isUserError(error)) {
      logger.error(errorMessage(error));
    } else {
      logger.error(
        `Unexpected error (please report it): ${error instanceof Error ? mapStackTrace(error.stack ?? error.message) : String(error)}`,
      );
    }
    return interruption ?? 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

interface Session {
  readonly logger: Logger;
  readonly output: CliOutput;
  readonly statusLine: StatusLine | undefined;
  readonly inGitHubActions: boolean;
  readonly signal: AbortSignal;
  readonly cleanups: ForcedExitCleanups;
}

async function dispatch(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  host: CliProcess,
  session: Session,
): Promise<number> {
  const { output } = session;
  const [name, ...rest] = argv;
  if (name === undefined) {
    output.stderr(mainHelp(commands));
    return 2;
  }
  if (name === '--help' || name === '-h') {
    output.stdout(mainHelp(commands));
    return 0;
  }
  if (name === 'help') {
    const topic = rest[0];
    const general = topic === undefined || topic === '--help' || topic === '-h';
    output.stdout(general ? mainHelp(commands) : commandHelp(findCommand(topic)));
    return 0;
  }
  if (name === '--version' || name === '-V') {
    output.stdout(`${VERSION}\n`);
    return 0;
  }
  if (name.startsWith('-')) {
    const suggestion = suggestFlag(name, ['help', 'version']);
    throw new UsageError(
      `Unknown option ${name}.${suggestion ? ` Did you mean ${suggestion}?` : ''} Other options come after the command, e.g. "buildbridge run-build --help". Commands: ${commands.map((c) => c.name).join(', ')}.`,
    );
  }
  const command = findCommand(name);
  const parsed = parseCommandArgs(rest, command.options, {
    usage: `buildbridge ${command.name}`,
    positionals: command.positionals ?? false,
    ...(command.strayHint ? { strayHint: command.strayHint } : {}),
  });
  if (parsed.help) {
    output.stdout(commandHelp(command));
    return 0;
  }
  if (parsed.version) {
    output.stdout(`${VERSION}\n`);
    return 0;
  }
  warnAboutOldNode(host.nodeVersion, env, session.logger);
  if (command.usesAws) useBitbucketOidcToken(env, session.logger, session.cleanups.register);
  return command.run({
    options: new OptionReader(
      command.options.filter((spec) => !spec.actionOnly),
      parsed.source,
      (option) => `--${option}`,
    ),
    given: parsed.given,
    positionals: parsed.positionals,
    env,
    logger: session.logger,
    cwd: host.cwd,
    signal: session.signal,
    statusLine: session.statusLine,
    inGitHubActions: session.inGitHubActions,
    stdout: output.stdout,
    onForcedExit: session.cleanups.register,
  });
}

function findCommand(name: string): CliCommand {
  const command = commands.find((c) => c.name === name);
  if (command) return command;
  const suggestion = closestName(
    name,
    commands.map((c) => c.name),
  );
  throw new UsageError(
    `Unknown command "${name}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Commands: ${commands.map((c) => c.name).join(', ')}. Run "buildbridge --help".`,
  );
}

/**
 * Node 20 is past its end of life (April 2026): one line here instead of the AWS SDK's
 * eight-line notice on every client.
 */
function warnAboutOldNode(version: string, env: NodeJS.ProcessEnv, logger: Logger): void {
  const major = Number(/^v(\d+)/.exec(version)?.[1] ?? 0);
  if (major >= 22) return;
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  logger.warn(
    `Node.js ${version} is past its end of life (April 2026): buildbridge still runs on it, but use Node.js 22 or later.`,
  );
}
