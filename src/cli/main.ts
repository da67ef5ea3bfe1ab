/** The CLI's one top-level handler: dispatch, signals, UserError vs bug, exit code. */
import { parseArgs } from './args.js';
import { commands } from './commands/index.js';
import { commandHelp, mainHelp } from './help.js';
import { ConsoleLogger } from '../util/console-logger.js';
import { errorMessage, isUserError } from '../util/errors.js';
import { OptionReader } from '../util/options.js';

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [name, ...rest] = argv;
  const stdout = (text: string) => void process.stdout.write(text);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    stdout(mainHelp(commands));
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === 'version') {
    stdout(`${process.env.BUILDBRIDGE_VERSION ?? 'buildbridge'}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  const logger = new ConsoleLogger({ debug: env.BUILDBRIDGE_DEBUG === 'true' });
  if (!command) {
    logger.error(`Unknown command "${name}". Commands: ${commands.map((c) => c.name).join(', ')}.`);
    return 2;
  }
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    logger.warn(`Received ${signal}: stopping.`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const parsed = parseArgs(rest, command.options);
    if (parsed.help) {
      stdout(commandHelp(command));
      return 0;
    }
    return await command.run({
      options: new OptionReader(
        command.options.filter((spec) => !spec.actionOnly),
        parsed.source,
        (option) => `--${option}`,
      ),
      positionals: parsed.positionals,
      env,
      logger,
      cwd: process.cwd(),
      signal: controller.signal,
      interactive: Boolean(process.stdout.isTTY),
      stdout,
    });
  } catch (error) {
    if (isUserError(error)) {
      logger.error(errorMessage(error));
    } else {
      logger.error(
        `Unexpected error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
