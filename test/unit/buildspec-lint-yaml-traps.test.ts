import { findings, positions, yaml } from './lint-test-helpers.js';

const inBuild = (...commands: string[]) =>
  `version: 0.2\nphases:\n  build:\n    commands:\n${commands.map((c) => `      ${c}\n`).join('')}`;

describe('commands YAML reads as something else', () => {
  it('reports "- echo a: b" as a mapping and shows the quoted command', () => {
    const found = findings(
      'buildspec/yaml-colon-space',
      inBuild('- echo a: b', '- echo "Hello: world"'),
    );
    expect(positions(found)).toEqual([
      [5, 9],
      [6, 9],
    ]);
    expect(found[0]?.severity).toBe('error');
    expect(found[0]?.message).toContain('Expected Commands[0] to be of string type');
    expect(found[1]?.message).toContain(`Quote the whole command: - 'echo "Hello: world"'`);
  });

  it('does not report a colon without a space, or a quoted command with ": "', () => {
    expect(
      findings(
        'buildspec/yaml-colon-space',
        inBuild('- docker push repo:latest', '- \'echo "a: b"\'', '- "echo a: b"'),
      ),
    ).toEqual([]);
  });

  it('reports a command starting with [ { * & or !', () => {
    const found = findings(
      'buildspec/yaml-indicator-start',
      inBuild('- [ -f package.json ]', '- {echo,hi}', '- *.sh', '- &x make', '- !local make'),
    );
    expect(positions(found)).toEqual([
      [5, 9],
      [6, 9],
      [7, 9],
      [8, 9],
      [9, 9],
    ]);
    expect(found[0]?.message).toContain("Quote the whole command: - '[ -f package.json ]'");
    expect(found[3]?.message).toContain('CodeBuild runs "make", not "&x make"');
  });

  it('does not report the same characters inside a command or behind a quote', () => {
    expect(
      findings(
        'buildspec/yaml-indicator-start',
        inBuild('- test -f x && [ -d y ]', "- '[ -f x ]'", '- echo *.sh', '- !!str yes'),
      ),
    ).toEqual([]);
  });

  it('reports a nested list', () => {
    const found = findings('buildspec/command-type', inBuild('- - make'));
    expect(positions(found)).toEqual([[5, 9]]);
    expect(found[0]?.message).toContain('is a nested list');
  });

  it('reports a command written as a mapping over several lines', () => {
    const found = findings('buildspec/command-type', inBuild('- name: build', '  run: make'));
    expect(positions(found)).toEqual([[5, 9]]);
    expect(findings('buildspec/yaml-colon-space', inBuild('- name: build', '  run: make'))).toEqual(
      [],
    );
  });
});

describe('unquoted " #" in a command', () => {
  it('reports a comment that cuts a command inside quotes, at the comment', () => {
    const found = findings('buildspec/yaml-comment', inBuild('- echo "build #42"'));
    expect(positions(found)).toEqual([[5, 21]]);
    expect(found[0]?.message).toContain(
      `CodeBuild runs only 'echo "build' and the shell sees an unclosed " quote`,
    );
    expect(found[0]?.message).toContain(`- 'echo "build #42"'`);
  });

  it('reports a comment that cuts a command substitution', () => {
    expect(
      positions(findings('buildspec/yaml-comment', inBuild('- export N=$(ls | wc -l #count)'))),
    ).toEqual([[5, 31]]);
  });

  it('does not report a deliberate trailing comment, or # without a space before it', () => {
    expect(
      findings(
        'buildspec/yaml-comment',
        inBuild(
          '- npm ci  # install dependencies',
          '- curl https://example.com/#top',
          '- echo "#1"',
        ),
      ),
    ).toEqual([]);
  });
});

describe('">" folded blocks', () => {
  it('reports two commands folded into one line', () => {
    const found = findings(
      'buildspec/folded-commands',
      yaml`
      version: 0.2
      phases:
        build:
          commands:
            - >
              npm ci
              npm test
    `,
    );
    expect(positions(found)).toEqual([[7, 9]]);
    expect(found[0]?.message).toContain('into one command: "npm ci npm test"');
  });

  it('does not report one long command folded over several lines', () => {
    expect(
      findings(
        'buildspec/folded-commands',
        yaml`
      version: 0.2
      phases:
        build:
          commands:
            - >
              docker build
              --tag app:latest
              --file Dockerfile .
            - >
              npm ci &&
              npm test
    `,
      ),
    ).toEqual([]);
  });
});

describe('unquoted yes/no and numbers', () => {
  it('reports yes/no/on/off/y/n as a command (error) and as a variable value (warning)', () => {
    const found = findings(
      'buildspec/yaml-boolean',
      yaml`
      version: 0.2
      env:
        variables:
          VERBOSE: yes
          ANSWER: n
      phases:
        build:
          commands:
            - on
    `,
    );
    expect(positions(found)).toEqual([
      [4, 14],
      [5, 13],
      [9, 9],
    ]);
    expect(found.map((f) => f.severity)).toEqual(['warning', 'warning', 'error']);
    expect(found[0]?.message).toContain("VERBOSE: 'yes'");
  });

  it('does not report true/false, quoted yes, or yes/no on keys that take them', () => {
    expect(
      findings(
        'buildspec/yaml-boolean',
        yaml`
      version: 0.2
      env:
        variables:
          DEBUG: true
          VERBOSE: "yes"
        git-credential-helper: yes
      phases:
        build:
          commands:
            - "yes | apt-get install x"
            - true
    `,
      ),
    ).toEqual([]);
  });

  it('reports numbers that lose their spelling in variables and runtime versions', () => {
    const found = findings(
      'buildspec/yaml-number',
      yaml`
      version: 0.2
      env:
        variables:
          MODE: 0755
          GO_VERSION: 1.20
          START: 12:30
      phases:
        install:
          runtime-versions:
            python: 3.10
    `,
    );
    expect(positions(found)).toEqual([
      [4, 11],
      [5, 17],
      [6, 12],
      [10, 15],
    ]);
    expect(found[0]?.message).toContain('the number 493 (octal)');
    expect(found[3]?.message).toContain('python: "3.10"');
  });

  it('does not report numbers that read back as written, or quoted ones', () => {
    expect(
      findings(
        'buildspec/yaml-number',
        yaml`
      version: 0.2
      env:
        variables:
          PORT: 8080
          RATIO: 0.5
          MODE: "0755"
      phases:
        install:
          runtime-versions:
            python: 3.12
            nodejs: 20
            java: corretto21
    `,
      ),
    ).toEqual([]);
  });
});

describe('YAML reuse with anchors and aliases', () => {
  it('accepts a commands list and a command reused through an alias', () => {
    const text = yaml`
      version: 0.2
      phases:
        install:
          commands: &setup
            - npm ci
        pre_build:
          commands: *setup
        build:
          commands:
            - &test npm test
        post_build:
          commands:
            - *test
    `;
    expect(findings('buildspec/yaml-indicator-start', text)).toEqual([]);
    expect(findings('buildspec/wrong-type', text)).toEqual([]);
  });
});
