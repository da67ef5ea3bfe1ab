import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LOCAL_BUILD_OPTIONS,
  parseEnvOverrides,
  parseLocalBuildSettings,
} from '../../src/buildspec/local/local-options.js';
import { RUN_BUILD_OPTIONS } from '../../src/codebuild/run-build-options.js';
import { UserError } from '../../src/util/errors.js';
import { mapSource, OptionReader, type OptionSpec } from '../../src/util/options.js';
import { temporaryDirectory } from '../helpers/local-build.js';

/** --local's own options and the one it shares with run-build (allow-forks), as the command has them. */
const ALLOW_FORKS = RUN_BUILD_OPTIONS.filter((spec) => spec.name === 'allow-forks');

function reader(values: Record<string, string>, extra: OptionSpec[] = []): OptionReader {
  return new OptionReader(
    [...LOCAL_BUILD_OPTIONS, ...ALLOW_FORKS, ...extra],
    mapSource(values),
    (name) => `--${name}`,
  );
}

describe('parseLocalBuildSettings', () => {
  it('runs buildspec.yml of the current directory, with artifacts in .buildbridge/artifacts', () => {
    const cwd = temporaryDirectory();
    writeFileSync(join(cwd, 'buildspec.yml'), 'version: 0.2\n');
    const settings = parseLocalBuildSettings(reader({}), { PATH: '/bin' }, cwd);
    expect(settings).toMatchObject({
      buildspec: { kind: 'file', path: join(cwd, 'buildspec.yml') },
      sourceDir: cwd,
      outputDir: join(cwd, '.buildbridge', 'artifacts'),
      envOverrides: {},
      hostEnv: { PATH: '/bin' },
      region: undefined,
    });
  });

  it('falls back to the embedded demo in a fresh directory when there is no buildspec', () => {
    const cwd = temporaryDirectory();
    const settings = parseLocalBuildSettings(reader({}), {}, cwd);
    expect(settings.buildspec).toEqual({ kind: 'embedded-demo' });
    expect(settings.sourceDir.startsWith(join(tmpdir(), 'buildbridge-demo-'))).toBe(true);
    expect(settings.outputDir).toBe(join(settings.sourceDir, '.buildbridge', 'artifacts'));
  });

  it('resolves --buildspec, --source-dir and --output-dir against the current directory', () => {
    const cwd = temporaryDirectory();
    mkdirSync(join(cwd, 'ci'));
    mkdirSync(join(cwd, 'app'));
    writeFileSync(join(cwd, 'ci', 'build.yml'), 'version: 0.2\n');
    const settings = parseLocalBuildSettings(
      reader({ buildspec: 'ci/build.yml', 'source-dir': 'app', 'output-dir': 'out' }),
      {},
      cwd,
    );
    expect(settings.buildspec).toEqual({ kind: 'file', path: join(cwd, 'ci', 'build.yml') });
    expect(settings.sourceDir).toBe(join(cwd, 'app'));
    expect(settings.outputDir).toBe(join(cwd, 'out'));
  });

  it('takes the region from --region when run-build declares it, else from the environment', () => {
    const cwd = temporaryDirectory();
    const region: OptionSpec = { name: 'region', kind: 'string', description: 'AWS region.' };
    expect(
      parseLocalBuildSettings(
        reader({ region: 'ap-south-1' }, [region]),
        { AWS_REGION: 'eu-west-1' },
        cwd,
      ).region,
    ).toBe('ap-south-1');
    expect(
      parseLocalBuildSettings(reader({}), { AWS_DEFAULT_REGION: 'eu-west-2' }, cwd).region,
    ).toBe('eu-west-2');
  });

  it('refuses a --buildspec that is not a file and a --source-dir that is not a directory', () => {
    const cwd = temporaryDirectory();
    expect(() => parseLocalBuildSettings(reader({ buildspec: 'nope.yml' }), {}, cwd)).toThrow(
      new UserError(
        `--buildspec "nope.yml" is not a file (resolved to ${join(cwd, 'nope.yml')}). Give the path of a buildspec YAML file.`,
      ),
    );
    expect(() => parseLocalBuildSettings(reader({ 'source-dir': 'missing' }), {}, cwd)).toThrow(
      new UserError(
        `--source-dir "missing" is not a directory (resolved to ${join(cwd, 'missing')}).`,
      ),
    );
  });

  it('refuses an --output-dir that is or contains the source directory', () => {
    const cwd = temporaryDirectory();
    writeFileSync(join(cwd, 'buildspec.yml'), 'version: 0.2\n');
    for (const outputDir of ['.', '..']) {
      expect(() => parseLocalBuildSettings(reader({ 'output-dir': outputDir }), {}, cwd)).toThrow(
        /--output-dir ".*" is the source directory or contains it/,
      );
    }
  });

  it('declares every option for the CLI only, with a description', () => {
    for (const option of LOCAL_BUILD_OPTIONS) {
      expect(option.cliOnly).toBe(true);
      expect(option.description.length).toBeGreaterThan(20);
    }
    expect(LOCAL_BUILD_OPTIONS.map((option) => option.name)).toEqual([
      'local',
      'buildspec',
      'source-dir',
      'output-dir',
      'env',
    ]);
  });
});

describe('parseEnvOverrides', () => {
  it('reads one NAME=value per line, keeping = and spaces in values', () => {
    expect(
      parseEnvOverrides('STAGE=test\n\nURL=http://x/?a=b\nEMPTY=\nSPACED= two words', '--env'),
    ).toEqual({
      STAGE: 'test',
      URL: 'http://x/?a=b',
      EMPTY: '',
      SPACED: ' two words',
    });
    expect(parseEnvOverrides(undefined, '--env')).toEqual({});
  });

  it('refuses a bad name, quoting the line', () => {
    expect(() => parseEnvOverrides('1X=a', '--env')).toThrow(
      new UserError(
        '--env "1X=a" is not NAME=value (or NAME) with a variable name of letters, digits and _ (not starting with a digit), e.g. --env STAGE=test.',
      ),
    );
  });

  it('passes a NAME alone through from this shell, and says so when it is not set', () => {
    expect(parseEnvOverrides('GITHUB_TOKEN\nSTAGE=x', '--env', { GITHUB_TOKEN: 'ghs_1' })).toEqual({
      GITHUB_TOKEN: 'ghs_1',
      STAGE: 'x',
    });
    expect(() => parseEnvOverrides('STAGE', '--env', {})).toThrow(
      new UserError(
        '--env "STAGE" passes this shell\'s STAGE, but it is not set here. Set it, or give a value: --env STAGE=value.',
      ),
    );
  });
});
