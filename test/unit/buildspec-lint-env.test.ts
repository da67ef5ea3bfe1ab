import { findings, positions, yaml } from './lint-test-helpers.js';

describe('credentials in plain text', () => {
  it('reports variables named like credentials and values shaped like access keys', () => {
    const found = findings(
      'buildspec/plaintext-secret',
      yaml`
      version: 0.2
      env:
        variables:
          DB_PASSWORD: hunter2
          GITHUB_TOKEN: abc123
          DEPLOY_ID: AKIAIOSFODNN7EXAMPLE
      phases:
        build:
          commands:
            - export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
    `,
    );
    expect(positions(found)).toEqual([
      [4, 18],
      [5, 19],
      [6, 16],
      [10, 34],
    ]);
    expect(found[2]?.message).toContain('an AWS access key id');
    expect(found[0]?.message).toContain('env.parameter-store or env.secrets-manager');
  });

  it('does not report references to secrets, or secrets read from Parameter Store', () => {
    expect(
      findings(
        'buildspec/plaintext-secret',
        yaml`
      version: 0.2
      env:
        variables:
          DB_PASSWORD_PARAM: /prod/db/password
          SECRET_ARN: arn:aws:secretsmanager:eu-west-1:123456789012:secret:db
          TOKEN_URL: https://auth.example.com/token
          API_KEY: $API_KEY_FROM_PROJECT
          SECRET_NAME: prod/db
        parameter-store:
          DB_PASSWORD: /prod/db/password
      phases:
        build:
          commands: [make]
    `,
      ),
    ).toEqual([]);
  });
});

describe('reserved variable names', () => {
  it('reports CODEBUILD_ names in variables, parameter-store and secrets-manager', () => {
    const found = findings(
      'buildspec/reserved-env-name',
      yaml`
      version: 0.2
      env:
        variables:
          CODEBUILD_BUILD_ID: x
        parameter-store:
          codebuild_token: /a
      phases:
        build:
          commands: [make]
    `,
    );
    expect(positions(found)).toEqual([
      [4, 5],
      [6, 5],
    ]);
  });

  it('does not report names that only contain CODEBUILD', () => {
    expect(
      findings(
        'buildspec/reserved-env-name',
        'version: 0.2\nenv:\n  variables:\n    MY_CODEBUILD_ID: x\nphases:\n  build:\n    commands: [make]\n',
      ),
    ).toEqual([]);
  });
});

describe('env.shell', () => {
  it('warns about a shell CodeBuild does not document', () => {
    const found = findings(
      'buildspec/env-shell',
      'version: 0.2\nenv:\n  shell: zsh\nphases:\n  build:\n    commands: [make]\n',
    );
    expect(positions(found)).toEqual([[3, 10]]);
  });

  it.each(['bash', '/bin/sh', 'powershell.exe', 'cmd.exe'])('accepts %s', (shell) => {
    expect(
      findings(
        'buildspec/env-shell',
        `version: 0.2\nenv:\n  shell: ${shell}\nphases:\n  build:\n    commands: [make]\n`,
      ),
    ).toEqual([]);
  });
});
