import { findings, positions, yaml } from './lint-test-helpers.js';

const inBuild = (...commands: string[]) =>
  `version: 0.2\nphases:\n  build:\n    commands:\n${commands.map((c) => `      ${c}\n`).join('')}`;
const withShell = (shell: string, text: string) =>
  text.replace('phases:', `env:\n  shell: ${shell}\nphases:`);

describe('unclosed quotes and substitutions', () => {
  const cases: [string, string, number, string][] = [
    ['a double quote', '- echo "Deploying to $STAGE', 14, 'Unterminated quoted string'],
    ['a single quote after an apostrophe', "- echo 'it's done'", 24, "write it as '\\''"],
    ['a $(', '- echo $(date', 14, 'expecting ")"'],
    ['a ${', '- echo ${HOME', 14, "Missing '}'"],
    ['a backtick', '- echo `date', 14, 'EOF in backquote substitution'],
    ['an escaped closing quote', '- echo "a\\"', 14, 'Unterminated quoted string'],
    ['a $( whose ) is quoted', `- 'echo "$(git log --format="%s)"'`, 16, '"$(" command'],
  ];

  it.each(cases)('reports %s where it opens', (_name, command, column, message) => {
    const found = findings('buildspec/shell-unclosed', inBuild(command));
    expect(positions(found)).toEqual([[5, column]]);
    expect(found[0]?.severity).toBe('error');
    expect(found[0]?.message).toContain('phases.build.commands[0] (line 5)');
    expect(found[0]?.message).toContain(message);
    expect(found[0]?.endColumn).toBeGreaterThan(found[0]?.column ?? Infinity);
  });

  it('reports a quote opened in one list item and closed in the next in both items', () => {
    const found = findings(
      'buildspec/shell-unclosed',
      yaml`
      version: 0.2
      phases:
        build:
          commands:
            - echo "first line
            - second line"
    `,
    );
    expect(positions(found)).toEqual([
      [5, 14],
      [6, 20],
    ]);
    expect(found[0]?.message).toContain('cannot continue into the next item');
    expect(found[1]?.message).toContain(
      'looks like the end of the one left open in phases.build.commands[0]',
    );
  });

  it('reports a quote left open in a "|" block at its line, not at the end of the file', () => {
    const found = findings(
      'buildspec/shell-unclosed',
      yaml`
      version: 0.2
      phases:
        build:
          commands:
            - |
              echo ok
              echo "not closed
              make
    `,
    );
    expect(positions(found)).toEqual([[7, 14]]);
    expect(found[0]?.endLine).toBe(7);
  });

  it('reports in bash buildspecs too', () => {
    expect(
      findings('buildspec/shell-unclosed', withShell('bash', inBuild('- echo "x'))),
    ).toHaveLength(1);
  });

  it('leaves a command cut by a YAML comment to buildspec/yaml-comment', () => {
    const text = inBuild('- echo "build #42"');
    expect(findings('buildspec/shell-unclosed', text)).toEqual([]);
    expect(findings('buildspec/yaml-comment', text)).toHaveLength(1);
  });

  it('does not report balanced commands that look unbalanced', () => {
    expect(
      findings(
        'buildspec/shell-unclosed',
        yaml`
      version: 0.2
      phases:
        build:
          commands:
            - echo "$(echo "it's")"
            - echo "\${NAME:-"default value"}"
            - until [ "$(docker ps --format '{{.Status}}' | grep -c '^Up')" -gt 0 ]; do sleep 1; done
            - echo \\"quoted\\" it\\'s
            - echo "don't" '"'
            - echo hi # it's a comment
            - echo $((1 << 2)) "$(( 3 + 4 ))"
            - echo $(case "$A" in a) echo "x";; esac)
            - python -c "print('hi')"
            - awk '{print $1}' file.txt
            - echo $$ "\${#NAME}" \${NAME#*'}'}
            - |
              x=$(
                # don't stop here
                cat VERSION
              )
              echo "a multi-line
              string, closed here"
              printf '%s\\n' "one" \\
                "two"
    `,
      ),
    ).toEqual([]);
  });

  it('does not check Windows buildspecs, where quotes follow PowerShell rules', () => {
    expect(
      findings(
        'buildspec/shell-unclosed',
        withShell('powershell.exe', inBuild(`- Write-Host "It's done`)),
      ),
    ).toEqual([]);
  });
});

describe('here-documents without their end line', () => {
  it('reports <<EOF whose EOF line is in the next list item', () => {
    const found = findings(
      'buildspec/shell-unclosed',
      yaml`
      version: 0.2
      phases:
        build:
          commands:
            - cat <<EOF > config.json
            - '{"stage": "prod"}'
            - EOF
    `,
    );
    expect(positions(found)).toEqual([[5, 13]]);
    expect(found[0]?.endColumn).toBe(18);
    expect(found[0]?.message).toContain('has no "EOF" line in this command');
    expect(found[0]?.message).toContain('one "|" block');
  });

  it('reports a here-document in a plain multi-line scalar, which YAML folds into one line', () => {
    const found = findings(
      'buildspec/shell-unclosed',
      yaml`
      version: 0.2
      phases:
        build:
          commands:
            - cat <<END > notes.txt
              hello
              END
    `,
    );
    expect(positions(found)).toEqual([[5, 13]]);
  });

  it('does not report here-documents closed in the same "|" block', () => {
    expect(
      findings(
        'buildspec/shell-unclosed',
        yaml`
      version: 0.2
      phases:
        build:
          commands:
            - |
              cat > config.json <<'EOF'
              {"it's": "$(not run)"}
              EOF
              version=$(cat <<END
              1.2 )
              END
              )
              cat <<A <<B
              a
              A
              b
              B
            - grep -c x <<< "$TEXT"
    `,
      ),
    ).toEqual([]);
  });
});

describe('interactive shells', () => {
  const cases: [string, string][] = [
    ['bash', 'shell'],
    ['sh -e', 'shell'],
    ['exec bash -l', 'shell'],
    ['su - jenkins', 'run-as'],
    ['sudo -i', 'run-as'],
    ['sudo su', 'run-as'],
    ['pwsh -NoLogo', 'pwsh -File'],
    ['powershell', 'pwsh -File'],
  ];

  it.each(cases)('reports "%s" alone', (command, fix) => {
    const found = findings('buildspec/interactive-shell', inBuild(`- ${command}`));
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe('warning');
    expect(found[0]?.message).toContain(
      `phases.build.commands[0]: "${command.replace(/^exec /, '')}"`,
    );
    expect(found[0]?.message).toContain('reads its commands from standard input');
    expect(found[0]?.message).toContain(fix);
  });

  it('reports the line of a "|" block, spanning the command and its flags', () => {
    const found = findings(
      'buildspec/interactive-shell',
      yaml`
      version: 0.2
      phases:
        build:
          commands:
            - |
              cd app
              bash --login
              make
    `,
    );
    expect(found.map((f) => [f.line, f.column, f.endColumn])).toEqual([[7, 9, 21]]);
  });

  it('does not report shells given a script, a command, input or a flag that exits', () => {
    expect(
      findings(
        'buildspec/interactive-shell',
        inBuild(
          '- bash build.sh',
          "- bash -c 'make test'",
          '- sh -ec "make"',
          '- bash --version',
          '- curl -fsSL https://example.com/install.sh | bash',
          '- bash < script.sh',
          '- bash <<EOF',
          '- su jenkins -c "make"',
          '- sudo -u app make',
          '- pwsh -File build.ps1',
          '- pwsh -Command "Invoke-Build"',
          '- echo bash',
          '- bash &',
        ),
      ),
    ).toEqual([]);
  });

  it('reports bare powershell and cmd in Windows buildspecs', () => {
    const found = findings(
      'buildspec/interactive-shell',
      withShell(
        'powershell.exe',
        inBuild('- powershell -NoProfile', '- cmd', '- pwsh -File build.ps1', '- cmd /c build.bat'),
      ),
    );
    expect(positions(found)).toEqual([
      [7, 9],
      [8, 9],
    ]);
    expect(found[1]?.message).toContain('cmd /c');
  });
});

describe('reserved CODEBUILD_ names', () => {
  it('names the built-in a variable shadows, and the reserved prefix otherwise', () => {
    const found = findings(
      'buildspec/reserved-env-name',
      yaml`
      version: 0.2
      env:
        variables:
          CODEBUILD_SRC_DIR: /app
          CODEBUILD_WEBHOOK_HEAD_REF: main
          CODEBUILD_MY_FLAG: "1"
      phases:
        build:
          commands: [make]
    `,
    );
    expect(positions(found)).toEqual([
      [4, 5],
      [5, 5],
      [6, 5],
    ]);
    expect(found[0]?.message).toContain(
      "env.variables sets CODEBUILD_SRC_DIR, which shadows CodeBuild's built-in CODEBUILD_SRC_DIR (the source directory)",
    );
    expect(found[1]?.message).toContain("shadows CodeBuild's built-in CODEBUILD_WEBHOOK_HEAD_REF");
    expect(found[2]?.message).toContain('names starting with CODEBUILD_ are reserved');
    expect(found[2]?.message).toContain('such as MY_FLAG');
  });

  it('reports CODEBUILD_ names exported or assigned by commands, at the name', () => {
    const found = findings(
      'buildspec/reserved-env-name',
      inBuild(
        '- export CODEBUILD_BUILD_NUMBER=7 FOO=1 CODEBUILD_STAGE=dev',
        '- CODEBUILD_SRC_DIR=/tmp/app make',
        '- if true; then CODEBUILD_INITIATOR=me; fi',
      ),
    );
    expect(found.map((f) => [f.line, f.column, f.endColumn])).toEqual([
      [5, 16, 38],
      [5, 47, 62],
      [6, 9, 26],
      [7, 23, 42],
    ]);
    expect(found[0]?.message).toContain(
      "phases.build.commands[0] exports CODEBUILD_BUILD_NUMBER, which shadows CodeBuild's built-in CODEBUILD_BUILD_NUMBER (the project's build number)",
    );
    expect(found[1]?.message).toContain('reserved for CodeBuild');
    expect(found[2]?.message).toContain('phases.build.commands[1] sets CODEBUILD_SRC_DIR');
  });

  it('reports CODEBUILD_ names set by PowerShell or cmd in Windows buildspecs', () => {
    const found = findings(
      'buildspec/reserved-env-name',
      withShell(
        'powershell.exe',
        inBuild(
          '- $env:CODEBUILD_BUILD_ID = "local"',
          '- set CODEBUILD_STAGE=dev',
          '- Write-Host "$env:CODEBUILD_SRC_DIR\\out"',
        ),
      ),
    );
    expect(found.map((f) => [f.line, f.column, f.endColumn])).toEqual([
      [7, 14, 32],
      [8, 13, 28],
    ]);
    expect(found[0]?.message).toContain('phases.build.commands[0] sets CODEBUILD_BUILD_ID');
  });

  it('does not report reading, printing or quoting a CODEBUILD_ variable', () => {
    expect(
      findings(
        'buildspec/reserved-env-name',
        inBuild(
          '- echo CODEBUILD_SRC_DIR=$CODEBUILD_SRC_DIR',
          '- IMAGE_TAG="$CODEBUILD_BUILD_NUMBER"',
          '- export CODEBUILD_SRC_DIR',
          '- make VERSION=$CODEBUILD_RESOLVED_SOURCE_VERSION CODEBUILD_X=1',
          '- echo "export CODEBUILD_X=1" >> env.sh',
        ),
      ),
    ).toEqual([]);
  });
});
