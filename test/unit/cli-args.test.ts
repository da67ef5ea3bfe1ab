import { parseCommandArgs } from '../../src/cli/args.js';
import { commandHelp, flagSyntax, mainHelp } from '../../src/cli/help.js';
import { commands } from '../../src/cli/commands/index.js';
import { runBuildCommand } from '../../src/cli/commands/run-build.js';
import { RUN_BUILD_OPTIONS } from '../../src/codebuild/run-build-options.js';
import { UsageError } from '../../src/util/errors.js';

const RUN_BUILD = { usage: 'buildbridge run-build', positionals: false };
const parse = (argv: string[]) => parseCommandArgs(argv, RUN_BUILD_OPTIONS, RUN_BUILD);

function usageError(argv: string[], context = RUN_BUILD): UsageError {
  try {
    parseCommandArgs(argv, RUN_BUILD_OPTIONS, context);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}

describe('CLI arguments', () => {
  it('reads --name value, --name=value, bare booleans, --no- booleans and repeated multiline options', () => {
    const parsed = parse([
      '--project-name',
      'web',
      '--source-version=main',
      '--no-wait',
      '--logs',
      '--env-vars',
      'A=1',
      '--env-vars',
      'B=2',
    ]);
    expect(parsed.source.get('project-name')).toBe('web');
    expect(parsed.source.get('source-version')).toBe('main');
    expect(parsed.source.get('wait')).toBe('false');
    expect(parsed.source.get('logs')).toBe('true');
    expect(parsed.source.get('env-vars')).toBe('A=1\nB=2');
    expect([...parsed.given.keys()].sort()).toEqual([
      'env-vars',
      'logs',
      'project-name',
      'source-version',
      'wait',
    ]);
  });

  it('lets the last of --x and --no-x win', () => {
    expect(parse(['--no-wait', '--wait']).source.get('wait')).toBe('true');
    expect(parse(['--wait', '--no-wait']).source.get('wait')).toBe('false');
  });

  it('refuses an unknown option with a did-you-mean', () => {
    expect(usageError(['--projekt-name', 'x']).message).toBe(
      'Unknown option --projekt-name for buildbridge run-build. Did you mean --project-name? Run "buildbridge run-build --help" for its options.',
    );
    expect(usageError(['-x']).message).toMatch(/^Unknown option -x for buildbridge run-build\./);
  });

  it('does not offer Action-only inputs as flags', () => {
    expect(usageError(['--github-token', 'x']).message).toMatch(/^Unknown option --github-token/);
  });

  it('refuses a value-taking option without a value, or followed by another option', () => {
    expect(usageError(['--project-name']).message).toMatch(
      /^--project-name needs a value: Name of the CodeBuild project/,
    );
    expect(usageError(['--project-name', '--no-wait']).message).toBe(
      '--project-name needs a value, but the next argument "--no-wait" is an option. To give a value that starts with "-", write --project-name=--no-wait.',
    );
  });

  it('says how to turn a boolean off instead of taking a value for it', () => {
    expect(usageError(['--wait=false']).message).toBe(
      '--wait takes no value: write --wait to turn it on and --no-wait to turn it off.',
    );
  });

  it('takes the other values a boolean declares, as --name=value (--logs=live)', () => {
    const parsed = parseCommandArgs(['--logs=live'], runBuildCommand.options, RUN_BUILD);
    expect(parsed.source.get('logs')).toBe('live');
    expect(usageError(['--logs=loud']).message).toBe(
      '--logs takes no value but live: write --logs to turn it on and --no-logs to turn it off, or --logs=live.',
    );
    expect(usageError(['--no-logs=live']).message).toMatch(/^--no-logs takes no value/);
  });

  it('refuses stray arguments, with the command’s own hint', () => {
    let error: unknown;
    try {
      parseCommandArgs(['--local', 'ci/buildspec.yml'], runBuildCommand.options, {
        ...RUN_BUILD,
        strayHint: runBuildCommand.strayHint!,
      });
    } catch (caught) {
      error = caught;
    }
    if (!(error instanceof UsageError)) throw new Error('expected a usage error');
    expect(error.message).toContain(
      'buildbridge run-build takes no arguments, but got "ci/buildspec.yml".',
    );
    expect(error.message).toContain('--local --buildspec ci/buildspec.yml');
  });

  it('takes positionals where the command has them, and everything after --', () => {
    const parsed = parseCommandArgs(['a.yml', '--', '--b.yml'], [], {
      usage: 'buildbridge lint',
      positionals: true,
    });
    expect(parsed.positionals).toEqual(['a.yml', '--b.yml']);
  });

  it('reads -h/--help and -V/--version', () => {
    expect(parse(['-h']).help).toBe(true);
    expect(parse(['--version']).version).toBe(true);
    expect(parse(['-V']).version).toBe(true);
  });
});

describe('CLI help', () => {
  it('lists every run-build option once, with its default, grouped by where the build runs', () => {
    const help = commandHelp(runBuildCommand);
    for (const spec of runBuildCommand.options.filter((s) => !s.actionOnly)) {
      const flag = flagSyntax(spec).split(' ')[0]!;
      expect(
        help
          .split('\n')
          .filter((line) => line.trim().startsWith(flag + ' ') || line.trim() === flag),
      ).toHaveLength(1);
    }
    expect(help).toContain('(default: 5)');
    expect(help).toContain('--region <value>');
    expect(help).toContain('A build in CodeBuild:');
    expect(help).toContain('A run on this machine:');
    expect(help).not.toContain('github-token');
    expect(help).toContain('--[no-]wait');
    expect(help).not.toContain('--[no-]local');
  });

  it.each(commands.map((command) => [command.name, command] as const))(
    'speaks in CLI words for %s: no steps, workflows or inputs',
    (_name, command) => {
      expect(commandHelp(command)).not.toMatch(/\b(steps?|workflows?|inputs?)\b/i);
    },
  );

  it('lists the commands, the global options and the exit codes', () => {
    const help = mainHelp(commands);
    expect(help).toContain('run-build');
    expect(help).toContain('-V, --version');
    expect(help).toMatch(/\b2 {2}a usage error/);
    expect(help).toMatch(/130 {2}interrupted/);
    expect(help).not.toMatch(/\b(steps?|workflows?)\b/i);
  });
});
