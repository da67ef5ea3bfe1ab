import { findings, positions, yaml } from './lint-test-helpers.js';

const inBuild = (...commands: string[]) =>
  `version: 0.2\nphases:\n  build:\n    commands:\n${commands.map((c) => `      ${c}\n`).join('')}`;
const withBash = (...commands: string[]) =>
  inBuild(...commands).replace('phases:', 'env:\n  shell: bash\nphases:');

describe('"|" blocks without set -e', () => {
  it('reports the first command whose failure the block would ignore', () => {
    const found = findings(
      'buildspec/literal-block-without-set-e',
      yaml`
      version: 0.2
      phases:
        build:
          commands:
            - |
              echo "Installing"
              npm ci
              npm test
    `,
    );
    expect(positions(found)).toEqual([[7, 9]]);
    expect(found[0]?.message).toContain('if "npm ci" fails the build goes on');
  });

  it('does not report a block with set -e, a chain joined by &&, or one real command after echo', () => {
    expect(
      findings(
        'buildspec/literal-block-without-set-e',
        yaml`
      version: 0.2
      phases:
        build:
          commands:
            - |
              set -euo pipefail
              npm ci
              npm test
            - |
              npm ci &&
              npm test
            - |
              echo "Deploying to $STAGE"
              ./deploy.sh
            - |
              if [ "$STAGE" = prod ]; then
                ./deploy.sh
              fi
            - |
              cat > config.json <<EOF
              {"stage": "prod"}
              EOF
    `,
      ),
    ).toEqual([]);
  });
});

describe('bash-only syntax under sh', () => {
  const cases: [string, string, number, string][] = [
    ['[[', '- if [[ -f x ]]; then make; fi', 12, '"[[" is bash syntax'],
    ['function keyword', '- function build { make; }', 9, '"function name" is bash syntax'],
    ['array assignment', '- FILES=(a b)', 9, 'Arrays are bash-only'],
    ['array reference', '- echo "${FILES[0]}"', 15, 'reads a bash array'],
    ['source', '- source venv/bin/activate', 9, '"source" is a bash builtin'],
    ['== in [ ]', '- if [ "$A" == b ]; then make; fi', 19, '"==" in [ ] is bash-only'],
    ["$'..'", "- printf $'a\\tb'", 16, "$'...' quoting is bash-only"],
    ['brace expansion', '- cp config.{yml,bak} /tmp', 19, 'Brace expansion {yml,bak} is bash-only'],
    ['here-string', '- grep x <<< "$TEXT"', 16, 'Here-strings (<<<) are bash-only'],
    ['&>', '- make &> build.log', 14, 'run in the background!'],
    ['pipefail', '- set -o pipefail', 16, 'Illegal option -o pipefail'],
    ['pattern substitution', '- echo "${BRANCH//\\//-}"', 15, 'bash-only expansion'],
    ['pushd', '- pushd app', 9, '"pushd" is a bash builtin'],
    ['(( ))', '- (( COUNT++ ))', 9, '"(( ... ))" arithmetic commands are bash-only'],
  ];

  it.each(cases)('reports %s at its exact column', (_name, command, column, message) => {
    const found = findings('buildspec/bash-syntax', inBuild(command));
    expect(positions(found)).toEqual([[5, column]]);
    expect(found[0]?.message).toContain(message);
    expect(found[0]?.message).toContain('set "env: shell: bash"');
  });

  it.each(cases)('does not report %s when env.shell is bash', (_name, command) => {
    expect(findings('buildspec/bash-syntax', withBash(command))).toEqual([]);
  });

  it('does not report the same characters inside quotes, comments, here-documents or POSIX forms', () => {
    expect(
      findings(
        'buildspec/bash-syntax',
        yaml`
      version: 0.2
      phases:
        build:
          commands:
            - echo "[[ not a test ]] source {a,b} <<< &>"
            - "jq '{a,b}' data.json"
            - . venv/bin/activate
            - if [ "$A" = b ]; then make; fi
            - echo "\${VAR:-default} \${VAR#prefix} $((1 + 2))"
            - make 2>&1 > build.log
            - aws s3 cp dist s3://bucket --source-region us-east-1
            - 'aws cloudformation deploy --parameter-overrides {"a":1,"b":2}'
            - |
              cat > script.sh <<'EOF'
              [[ -f x ]] && source y
              EOF
              sh script.sh
    `,
      ),
    ).toEqual([]);
  });

  it('points into a "|" block at the right line and column', () => {
    const found = findings(
      'buildspec/bash-syntax',
      yaml`
      version: 0.2
      phases:
        build:
          commands:
            - |
              set -e
              if [[ "$STAGE" == prod ]]; then
                ./deploy.sh
              fi
    `,
    );
    expect(positions(found)).toEqual([[7, 12]]);
  });

  it('reports a block once, at its first use, counting the commands and listing each use', () => {
    const found = findings(
      'buildspec/bash-syntax',
      yaml`
      version: 0.2
      phases:
        build:
          commands:
            - make
            - if [[ -f x ]]; then make; fi
            - source venv/bin/activate
            - grep x <<< "$TEXT"
    `,
    );
    expect(positions(found)).toEqual([[6, 12]]);
    expect(found[0]?.severity).toBe('warning');
    expect(found[0]?.message).toMatch(
      /^3 commands in phases\.build\.commands use bash-only syntax \(\[\[ at line 6, source at line 7, <<< at line 8\)/,
    );
    expect(found[0]?.message).toContain('First: "[[" is bash syntax');
  });

  it('says what the outcome depends on: dash on Ubuntu images, bash on Amazon Linux', () => {
    const [found] = findings('buildspec/bash-syntax', inBuild('- source env.sh'));
    expect(found?.message).toContain(
      'phases.build.commands[0] uses bash-only syntax (source at line 5)',
    );
    expect(found?.message).toContain('dash on Ubuntu-based images');
    expect(found?.message).toContain('bash on Amazon Linux images, where it works');
    expect(found?.message).toContain('set "env: shell: bash"');
  });

  it('reports each command block on its own: commands and finally, phase by phase', () => {
    const found = findings(
      'buildspec/bash-syntax',
      yaml`
      version: 0.2
      phases:
        install:
          commands:
            - source a.sh
            - source b.sh
        build:
          commands:
            - pushd app
          finally:
            - popd
    `,
    );
    expect(positions(found)).toEqual([
      [5, 9],
      [9, 9],
      [11, 9],
    ]);
    expect(found[0]?.message).toContain('2 commands in phases.install.commands use');
    expect(found[2]?.message).toContain('phases.build.finally[0] uses');
  });

  it('lists four uses and counts the rest', () => {
    const [found] = findings(
      'buildspec/bash-syntax',
      inBuild('- source a', '- source b', '- source c', '- source d', '- source e', '- source f'),
    );
    expect(found?.message).toContain('source at line 8, and 2 more)');
  });

  it('leaves out a use silenced by an ignore comment and points at the next one', () => {
    const found = findings(
      'buildspec/bash-syntax',
      inBuild('- source a.sh  # buildbridge-lint-ignore buildspec/bash-syntax', '- pushd app'),
    );
    expect(positions(found)).toEqual([[6, 9]]);
    expect(found[0]?.message).toContain(
      'phases.build.commands[1] uses bash-only syntax (pushd at line 6)',
    );
  });

  it('does not report an Amazon Linux style buildspec with env.shell bash', () => {
    expect(
      findings(
        'buildspec/bash-syntax',
        yaml`
      version: 0.2
      env:
        shell: bash
      phases:
        install:
          commands:
            - yum install -y jq
        build:
          commands:
            - |
              set -euo pipefail
              if [[ "$CODEBUILD_BUILD_SUCCEEDING" == 1 ]]; then
                source ./deploy-env.sh
              fi
    `,
      ),
    ).toEqual([]);
  });

  it('does not check Windows buildspecs', () => {
    expect(
      findings('buildspec/bash-syntax', inBuild('- function Build { Write-Host "x" }')),
    ).toEqual([]);
  });
});

describe('registry logins', () => {
  it('reports aws ecr get-login, removed in AWS CLI v2', () => {
    const found = findings(
      'buildspec/ecr-get-login',
      inBuild('- $(aws ecr get-login --no-include-email --region $AWS_DEFAULT_REGION)'),
    );
    expect(positions(found)).toEqual([[5, 11]]);
    expect(found[0]?.severity).toBe('error');
    expect(found[0]?.message).toContain('get-login-password');
  });

  it('does not report get-login-password', () => {
    expect(
      findings(
        'buildspec/ecr-get-login',
        inBuild(
          '- aws ecr get-login-password | docker login --username AWS --password-stdin "$REGISTRY"',
        ),
      ),
    ).toEqual([]);
  });

  it('reports docker login with the password on the command line', () => {
    const found = findings(
      'buildspec/docker-login-password',
      inBuild('- docker login -u "$USER" -p "$PASSWORD"', '- docker login --password=$PW registry'),
    );
    expect(positions(found)).toEqual([
      [5, 33],
      [6, 22],
    ]);
    expect(found[0]?.message).toContain('--password-stdin');
  });

  it('does not report docker login --password-stdin', () => {
    expect(
      findings(
        'buildspec/docker-login-password',
        inBuild('- echo "$PW" | docker login -u me --password-stdin'),
      ),
    ).toEqual([]);
  });
});
