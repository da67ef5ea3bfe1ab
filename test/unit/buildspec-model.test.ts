import { parseBuildspec } from '../../src/buildspec/model.js';
import { UserError } from '../../src/util/errors.js';

function parseError(text: string): string {
  try {
    parseBuildspec(text, 'buildspec.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('expected the buildspec to be refused');
}

describe('parseBuildspec', () => {
  it('reads every section of a version 0.2 buildspec into the model', () => {
    const { buildspec, warnings } = parseBuildspec(
      [
        'version: 0.2',
        'run-as: builder',
        'env:',
        '  shell: bash',
        '  variables:',
        '    STAGE: test',
        '  parameter-store:',
        '    DB_PASSWORD: /ci/db-password',
        '  secrets-manager:',
        '    TOKEN: prod/api:token',
        '  exported-variables:',
        '    - IMAGE_URI',
        '  git-credential-helper: yes',
        'phases:',
        '  install:',
        '    runtime-versions:',
        '      nodejs: 22',
        '    commands:',
        '      - npm ci',
        '  build:',
        '    on-failure: CONTINUE',
        '    commands:',
        '      - make test',
        '    finally:',
        '      - make clean',
        'reports:',
        '  unit:',
        '    files:',
        "      - '**/*.xml'",
        '    base-directory: reports',
        '    file-format: junitxml',
        'artifacts:',
        '  name: app',
        '  files:',
        "    - '**/*'",
        '  base-directory: dist',
        '  discard-paths: yes',
        '  exclude-paths:',
        '    - tmp/**/*',
        '  secondary-artifacts:',
        '    docs:',
        '      files:',
        '        - docs/**/*',
        'cache:',
        '  key: npm-$(codebuild-hash-files package-lock.json)',
        '  fallback-keys:',
        '    - npm-',
        '  paths:',
        "    - '/root/.npm/**/*'",
      ].join('\n'),
      'buildspec.yml',
    );
    expect(warnings).toEqual([]);
    expect(buildspec.version).toBe('0.2');
    expect(buildspec.runAs).toBe('builder');
    expect(buildspec.env).toEqual({
      shell: 'bash',
      variables: { STAGE: 'test' },
      parameterStore: { DB_PASSWORD: '/ci/db-password' },
      secretsManager: { TOKEN: 'prod/api:token' },
      exportedVariables: ['IMAGE_URI'],
      gitCredentialHelper: true,
    });
    expect(buildspec.phases.install?.runtimeVersions).toEqual({ nodejs: '22' });
    expect(buildspec.phases.install?.commands).toEqual([{ text: 'npm ci', line: 19 }]);
    expect(buildspec.phases.build?.onFailure).toEqual({ action: 'CONTINUE', text: 'CONTINUE' });
    expect(buildspec.phases.build?.finally.map((command) => command.text)).toEqual(['make clean']);
    expect(buildspec.reports).toEqual([
      {
        name: 'unit',
        files: ['**/*.xml'],
        baseDirectory: 'reports',
        discardPaths: false,
        fileFormat: 'JUNITXML',
      },
    ]);
    expect(buildspec.artifacts).toMatchObject({
      name: 'app',
      files: ['**/*'],
      baseDirectory: 'dist',
      discardPaths: true,
      excludePaths: ['tmp/**/*'],
      secondaryArtifacts: { docs: { files: ['docs/**/*'], discardPaths: false } },
    });
    expect(buildspec.cache).toEqual({
      key: 'npm-$(codebuild-hash-files package-lock.json)',
      fallbackKeys: ['npm-'],
      paths: ['/root/.npm/**/*'],
      action: undefined,
    });
  });

  it('reads yes/no as booleans like CodeBuild but keeps plain values in variables and commands as written', () => {
    const { buildspec } = parseBuildspec(
      [
        'version: 0.2',
        'env:',
        '  variables:',
        '    MODE: 0755',
        '    RUBY: 1.10',
        '    FLAG: yes',
        'phases:',
        '  build:',
        '    commands:',
        '      - true',
        'artifacts:',
        '  files: [a]',
        '  discard-paths: no',
      ].join('\n'),
      'buildspec.yml',
    );
    expect(buildspec.env.variables).toEqual({ MODE: '0755', RUBY: '1.10', FLAG: 'yes' });
    expect(buildspec.phases.build?.commands[0]?.text).toBe('true');
    expect(buildspec.artifacts?.discardPaths).toBe(false);
  });

  it('accepts the older version 0.1 and a quoted version', () => {
    expect(parseBuildspec('version: 0.1\nphases: {}\n', 'b.yml').buildspec.version).toBe('0.1');
    expect(parseBuildspec("version: '0.2'\n", 'b.yml').buildspec.version).toBe('0.2');
  });

  it('follows YAML anchors and aliases', () => {
    const { buildspec } = parseBuildspec(
      [
        'version: 0.2',
        'phases:',
        '  build:',
        '    commands: &steps',
        '      - make',
        '  post_build:',
        '    commands: *steps',
      ].join('\n'),
      'b.yml',
    );
    expect(buildspec.phases.post_build?.commands.map((command) => command.text)).toEqual(['make']);
  });

  it('refuses an unquoted "key: value" command with its line and how to quote it', () => {
    const message = parseError(
      [
        'version: 0.2',
        'phases:',
        '  build:',
        '    commands:',
        '      - echo ok',
        '      - echo time: now',
      ].join('\n'),
    );
    expect(message).toMatch(
      /^buildspec\.yml:6:9: phases\.build\.commands\[1\] is a mapping, not a single value\./,
    );
    expect(message).toContain(`Quote the whole command: - 'echo time: now'`);
  });

  it('refuses a command that YAML reads as a list because it starts with "["', () => {
    expect(
      parseError('version: 0.2\nphases:\n  build:\n    commands:\n      - [ -f x ]\n'),
    ).toMatch(
      /^buildspec\.yml:5:9: phases\.build\.commands\[0\] is a list, not a single value: a leading "\[" starts a YAML list\. Quote the whole command/,
    );
  });

  it('refuses tabs used as indentation with the position', () => {
    expect(parseError('version: 0.2\nphases:\n\tbuild:\n')).toMatch(
      /^buildspec\.yml:3:\d+: invalid YAML: .*tab.*Indent with spaces/i,
    );
  });

  it('refuses duplicate keys', () => {
    expect(parseError('version: 0.2\nphases:\n  build: {}\n  build: {}\n')).toMatch(
      /^buildspec\.yml:4:\d+: invalid YAML: .*unique.*appear once/i,
    );
  });

  it('refuses a missing or unknown version and names what is accepted', () => {
    expect(parseError('phases:\n  build:\n    commands: [make]\n')).toMatch(
      /version must be 0\.2 \(or the older 0\.1\), got nothing/,
    );
    expect(parseError('version: 0.3\n')).toMatch(
      /^buildspec\.yml:1:10: version must be 0\.2 .*got "0\.3"/,
    );
  });

  it('refuses commands that are not a list', () => {
    expect(parseError('version: 0.2\nphases:\n  build:\n    commands: make test\n')).toMatch(
      /^buildspec\.yml:4:15: phases\.build\.commands must be a list \(lines starting with "- "\), got "make test"\./,
    );
  });

  it('refuses an unknown on-failure value and an unknown report format', () => {
    expect(parseError('version: 0.2\nphases:\n  build:\n    on-failure: IGNORE\n')).toMatch(
      /on-failure got "IGNORE", which is not ABORT, CONTINUE, RETRY/,
    );
    expect(
      parseError('version: 0.2\nreports:\n  r:\n    files: [a.xml]\n    file-format: XUNIT\n'),
    ).toMatch(/reports\.r\.file-format got "XUNIT", which is not one of: JUNITXML/);
  });

  it('accepts the RETRY forms of on-failure', () => {
    for (const value of ['RETRY', 'RETRY-3', 'RETRY-timeout', 'RETRY-2-connection reset']) {
      const { buildspec } = parseBuildspec(
        `version: 0.2\nphases:\n  build:\n    on-failure: ${value}\n`,
        'b.yml',
      );
      expect(buildspec.phases.build?.onFailure).toEqual({ action: 'RETRY', text: value });
    }
  });

  it('refuses artifacts without files and a non-boolean discard-paths', () => {
    expect(parseError('version: 0.2\nartifacts:\n  name: x\n')).toMatch(
      /artifacts\.files must list at least one file/,
    );
    expect(parseError('version: 0.2\nartifacts:\n  files: [a]\n  discard-paths: maybe\n')).toMatch(
      /artifacts\.discard-paths must be yes or no, got "maybe"/,
    );
  });

  it('warns about unknown keys and phases instead of failing, as CodeBuild does', () => {
    const { buildspec, warnings } = parseBuildspec(
      'version: 0.2\nenvironment: {}\nphases:\n  test:\n    commands: [make]\n  build:\n    comands: [make]\n',
      'b.yml',
    );
    expect(warnings).toEqual([
      expect.stringMatching(/^b\.yml:2:1: unknown key "environment" in the buildspec/),
      expect.stringMatching(/^b\.yml:4:3: unknown phase "test" is never run/),
      expect.stringMatching(
        /^b\.yml:7:5: unknown key "comands" in phases\.build; known keys: run-as, on-failure/,
      ),
    ]);
    expect(buildspec.phases.build?.commands).toEqual([]);
  });

  it('refuses an empty file with what it needs', () => {
    expect(parseError('')).toBe(
      'buildspec.yml: the buildspec is empty; it needs at least "version: 0.2" and "phases".',
    );
  });
});
