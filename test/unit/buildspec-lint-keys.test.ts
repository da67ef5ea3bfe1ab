import { findings, positions, yaml } from './lint-test-helpers.js';

describe('buildspec keys and types', () => {
  it('warns about an unknown key and suggests the one that was meant', () => {
    const found = findings(
      'buildspec/unknown-key',
      yaml`
      version: 0.2
      phases:
        build:
          commands:
            - make
      artifact:
        files: ['**/*']
    `,
    );
    expect(positions(found)).toEqual([[6, 1]]);
    expect(found[0]?.severity).toBe('warning');
    expect(found[0]?.message).toContain('Did you mean "artifacts"?');
  });

  it('accepts every documented key of version 0.2', () => {
    const text = yaml`
      version: 0.2
      run-as: builder
      env:
        shell: bash
        variables: { STAGE: prod }
        parameter-store: { DB_HOST: /app/db-host }
        secrets-manager: { DB_PASSWORD: prod/db:password }
        exported-variables: [IMAGE_URI]
        git-credential-helper: yes
      proxy:
        upload-artifacts: no
        logs: yes
      batch:
        fast-fail: false
        build-list:
          - identifier: small
      phases:
        install:
          run-as: root
          on-failure: ABORT
          runtime-versions:
            nodejs: 20
          commands: [npm ci]
          finally: [echo done]
        build:
          commands: [npm test]
      reports:
        unit:
          files: ['junit.xml']
          base-directory: reports
          discard-paths: yes
          file-format: JUNITXML
      artifacts:
        files: ['**/*']
        name: app
        discard-paths: no
        base-directory: dist
        exclude-paths: ['**/*.map']
        enable-symlinks: yes
        s3-prefix: builds
        secondary-artifacts:
          docs:
            files: ['docs/**/*']
      cache:
        paths: ['/root/.npm/**/*']
        key: npm-key
        fallback-keys: [npm-]
        action: restore
    `;
    const schemaRules = [
      'unknown-key',
      'unknown-phase',
      'wrong-type',
      'missing-key',
      'runtime-versions-placement',
    ];
    for (const rule of schemaRules) expect(findings(`buildspec/${rule}`, text)).toEqual([]);
  });

  it('reports an unknown phase as an error, because its commands never run', () => {
    const found = findings(
      'buildspec/unknown-phase',
      yaml`
      version: 0.2
      phases:
        pre-build:
          commands: [npm ci]
        test:
          commands: [npm test]
    `,
    );
    expect(positions(found)).toEqual([
      [3, 3],
      [5, 3],
    ]);
    expect(found[0]?.severity).toBe('error');
    expect(found[0]?.message).toContain('Did you mean "pre_build"?');
    expect(found[1]?.message).toContain('these commands never run');
  });

  it('reports runtime-versions outside the install phase', () => {
    const text = yaml`
      version: 0.2
      phases:
        build:
          runtime-versions:
            nodejs: 20
          commands: [npm test]
    `;
    expect(positions(findings('buildspec/runtime-versions-placement', text))).toEqual([[4, 5]]);
    expect(findings('buildspec/unknown-key', text)).toEqual([]);
  });

  it('does not report runtime-versions under install', () => {
    expect(
      findings(
        'buildspec/runtime-versions-placement',
        yaml`
      version: 0.2
      phases:
        install:
          runtime-versions: { python: 3.12 }
    `,
      ),
    ).toEqual([]);
  });

  it('reports commands written as one string instead of a list', () => {
    const found = findings(
      'buildspec/wrong-type',
      yaml`
      version: 0.2
      phases:
        build:
          commands: npm test
    `,
    );
    expect(positions(found)).toEqual([[4, 15]]);
    expect(found[0]?.message).toContain('"phases.build.commands" must be a list of commands');
  });

  it('reports env.variables given as a list and a boolean that is not yes or no', () => {
    const found = findings(
      'buildspec/wrong-type',
      yaml`
      version: 0.2
      env:
        variables:
          - STAGE=prod
        git-credential-helper: sometimes
      phases:
        build:
          commands: [make]
    `,
    );
    expect(positions(found)).toEqual([
      [4, 5],
      [5, 26],
    ]);
    expect(found[1]?.message).toContain('must be yes or no');
  });

  it('accepts quoted yes/no and true/false for boolean keys', () => {
    expect(
      findings(
        'buildspec/wrong-type',
        yaml`
      version: 0.2
      env:
        git-credential-helper: "yes"
      phases:
        build:
          commands: [make]
      artifacts:
        files: [a]
        discard-paths: true
    `,
      ),
    ).toEqual([]);
  });

  it('reports a missing phases key and artifacts without files', () => {
    const text = yaml`
      version: 0.2
      artifacts:
        name: app
    `;
    const found = findings('buildspec/missing-key', text);
    expect(positions(found)).toEqual([
      [1, 1],
      [2, 1],
    ]);
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining('has no "phases"'),
      expect.stringContaining('"artifacts" has no "files"'),
    ]);
  });

  it('reports a report group without files', () => {
    const found = findings(
      'buildspec/missing-key',
      yaml`
      version: 0.2
      phases:
        build:
          commands: [make]
      reports:
        unit:
          file-format: JUNITXML
    `,
    );
    expect(positions(found)).toEqual([[6, 3]]);
  });
});

describe('buildspec version', () => {
  it('reports a buildspec without a version', () => {
    const found = findings(
      'buildspec/version',
      yaml`
      phases:
        build:
          commands: [make]
    `,
    );
    expect(positions(found)).toEqual([[1, 1]]);
    expect(found[0]?.message).toContain('Add "version: 0.2"');
  });

  it('reports a version that does not exist', () => {
    const found = findings(
      'buildspec/version',
      'version: 0.3\nphases:\n  build:\n    commands: [make]\n',
    );
    expect(positions(found)).toEqual([[1, 10]]);
  });

  it('accepts a quoted "0.2"', () => {
    expect(
      findings('buildspec/version', 'version: "0.2"\nphases:\n  build:\n    commands: [make]\n'),
    ).toEqual([]);
  });

  it('warns that version 0.1 runs each command in its own shell, naming a command that relies on the previous one', () => {
    const found = findings(
      'buildspec/version-0.1',
      yaml`
      version: 0.1
      phases:
        build:
          commands:
            - cd app
            - make
    `,
    );
    expect(positions(found)).toEqual([[1, 10]]);
    expect(found[0]?.message).toContain('"cd app" in build has no effect on the commands after it');
  });

  it('does not warn about version 0.2', () => {
    expect(
      findings(
        'buildspec/version-0.1',
        'version: 0.2\nphases:\n  build:\n    commands: [cd app]\n',
      ),
    ).toEqual([]);
  });
});

describe('keys at the wrong level', () => {
  it('reports a phase and a top-level key indented under another phase', () => {
    const found = findings(
      'buildspec/misplaced-key',
      yaml`
      version: 0.2
      phases:
        build:
          commands:
            - make
          post_build:
            commands:
              - make publish
          artifacts:
            files: ['**/*']
    `,
    );
    expect(positions(found)).toEqual([
      [6, 5],
      [9, 5],
    ]);
    expect(found[0]?.message).toBe(
      '"post_build" belongs under "phases", not "phases.build": CodeBuild ignores it here, so its commands never run. Check its indentation.',
    );
    expect(found[1]?.message).toContain('"artifacts" belongs at the top level');
  });

  it('treats a near-miss spelling as a typo, not a misplaced key', () => {
    const text = 'version: 0.2\nphases:\n  build:\n    command:\n      - make\n';
    expect(findings('buildspec/misplaced-key', text)).toEqual([]);
    expect(findings('buildspec/unknown-key', text)[0]?.message).toContain(
      'Did you mean "commands"?',
    );
  });
});
