import { parseArgs } from '../../src/cli/args.js';
import { commandHelp } from '../../src/cli/help.js';
import { runBuildCommand } from '../../src/cli/commands/run-build.js';
import { RUN_BUILD_OPTIONS } from '../../src/codebuild/run-build-options.js';

describe('CLI arguments', () => {
  it('reads --name value, --name=value, bare booleans, --no- booleans and repeated multiline options', () => {
    const parsed = parseArgs(
      [
        '--project-name',
        'web',
        '--source-version=main',
        '--no-wait',
        '--logs',
        '--env-vars',
        'A=1',
        '--env-vars',
        'B=2',
        'extra',
      ],
      RUN_BUILD_OPTIONS,
    );
    expect(parsed.source.get('project-name')).toBe('web');
    expect(parsed.source.get('source-version')).toBe('main');
    expect(parsed.source.get('wait')).toBe('false');
    expect(parsed.source.get('logs')).toBe('true');
    expect(parsed.source.get('env-vars')).toBe('A=1\nB=2');
    expect(parsed.positionals).toEqual(['extra']);
  });

  it('refuses an unknown option and lists the known ones', () => {
    expect(() => parseArgs(['--projekt', 'x'], RUN_BUILD_OPTIONS)).toThrow(
      /Unknown option "--projekt". Known options: --project-name, /,
    );
  });

  it('does not offer Action-only inputs as flags', () => {
    expect(() => parseArgs(['--github-token', 'x'], RUN_BUILD_OPTIONS)).toThrow(
      'Unknown option "--github-token"',
    );
  });

  it('refuses a value-taking option without a value', () => {
    expect(() => parseArgs(['--project-name'], RUN_BUILD_OPTIONS)).toThrow(
      'Option --project-name needs a value',
    );
  });

  it('lists every option with its default in --help', () => {
    const help = commandHelp(runBuildCommand);
    for (const spec of RUN_BUILD_OPTIONS.filter((s) => !s.actionOnly))
      expect(help).toContain(`--${spec.kind === 'boolean' ? '[no-]' : ''}${spec.name}`);
    expect(help).toContain('(default: 5)');
    expect(help).toContain('--region <value>');
    expect(help).not.toContain('github-token <');
  });
});
