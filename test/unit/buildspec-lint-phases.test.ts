import { findings, positions, yaml } from './lint-test-helpers.js';

describe('phases that run nothing', () => {
  it('reports an empty phase, an empty commands list and an empty command', () => {
    const found = findings(
      'buildspec/empty-commands',
      yaml`
      version: 0.2
      phases:
        install:
        pre_build:
          commands: []
        build:
          commands:
            - ""
            - make
    `,
    );
    expect(positions(found)).toEqual([
      [3, 3],
      [5, 5],
      [8, 9],
    ]);
  });

  it('reports a "-" followed only by a comment, which runs nothing', () => {
    const found = findings(
      'buildspec/empty-commands',
      yaml`
      version: 0.2
      phases:
        build:
          commands:
            - # log in first
            - make
    `,
    );
    expect(positions(found)).toEqual([[5, 7]]);
    expect(found[0]?.severity).toBe('warning');
    expect(found[0]?.message).toContain('drop the "-" if it is meant as a comment');
  });

  it('does not report install with only runtime-versions', () => {
    expect(
      findings(
        'buildspec/empty-commands',
        'version: 0.2\nphases:\n  install:\n    runtime-versions:\n      nodejs: 20\n',
      ),
    ).toEqual([]);
  });

  it('reports finally in a phase without commands', () => {
    const found = findings(
      'buildspec/finally-without-commands',
      yaml`
      version: 0.2
      phases:
        post_build:
          finally:
            - docker compose down
    `,
    );
    expect(positions(found)).toEqual([[4, 5]]);
  });

  it('does not report finally after commands', () => {
    expect(
      findings(
        'buildspec/finally-without-commands',
        yaml`
      version: 0.2
      phases:
        build:
          commands: [docker compose up -d, npm test]
          finally: [docker compose down]
    `,
      ),
    ).toEqual([]);
  });
});

describe('on-failure', () => {
  it.each(['ABORT', 'CONTINUE', 'RETRY', 'RETRY-3', 'RETRY-timeout.*', 'RETRY-2-connection reset'])(
    'accepts %s',
    (value) => {
      expect(
        findings(
          'buildspec/on-failure',
          `version: 0.2\nphases:\n  build:\n    on-failure: ${value}\n    commands: [make]\n`,
        ),
      ).toEqual([]);
    },
  );

  it('reports a value CodeBuild rejects', () => {
    const found = findings(
      'buildspec/on-failure',
      'version: 0.2\nphases:\n  build:\n    on-failure: IGNORE\n    commands: [make]\n',
    );
    expect(positions(found)).toEqual([[4, 17]]);
    expect(found[0]?.severity).toBe('error');
  });

  it('warns about a lower-case value and shows it in upper case', () => {
    const found = findings(
      'buildspec/on-failure',
      'version: 0.2\nphases:\n  build:\n    on-failure: retry-2\n    commands: [make]\n',
    );
    expect(found[0]?.severity).toBe('warning');
    expect(found[0]?.message).toContain('write "RETRY-2"');
  });
});
