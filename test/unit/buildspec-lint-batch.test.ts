import { findings, lintBuildspec, positions, yaml } from './lint-test-helpers.js';

describe('batch builds and phases', () => {
  it('accepts a batch-only buildspec without phases when every build names its own buildspec', () => {
    expect(
      lintBuildspec(yaml`
      version: 0.2
      batch:
        fast-fail: true
        build-list:
          - identifier: linux
            buildspec: ci/linux.yml
          - identifier: windows
            buildspec: ci/windows.yml
    `),
    ).toEqual([]);
  });

  it('reports the build that runs this file when it has no phases, and not the file', () => {
    const text = yaml`
      version: 0.2
      batch:
        build-graph:
          - identifier: build1
            buildspec: ci/build1.yml
          - identifier: build2
            depend-on: [build1]
    `;
    const found = findings('buildspec/batch-missing-phases', text);
    expect(positions(found)).toEqual([[6, 7]]);
    expect(found[0]?.severity).toBe('error');
    expect(found[0]?.message).toContain(
      'batch.build-graph[1] ("build2") has no "buildspec", so it runs this file, which has no "phases"',
    );
    expect(findings('buildspec/missing-key', text)).toEqual([]);
  });

  it('reports a build-matrix without dynamic.buildspec and a build-fanout in a file without phases', () => {
    const matrix = findings(
      'buildspec/batch-missing-phases',
      yaml`
      version: 0.2
      batch:
        build-matrix:
          dynamic:
            env:
              image: [aws/codebuild/standard:7.0]
    `,
    );
    expect(positions(matrix)).toEqual([[3, 3]]);
    expect(matrix[0]?.message).toContain('every build of the matrix runs this file');
    const fanout = findings(
      'buildspec/batch-missing-phases',
      'version: 0.2\nbatch:\n  build-fanout:\n    parallelism: 4\n',
    );
    expect(positions(fanout)).toEqual([[3, 3]]);
  });

  it('accepts a build-matrix whose dynamic.buildspec lists the files to run', () => {
    expect(
      lintBuildspec(yaml`
      version: 0.2
      batch:
        build-matrix:
          static:
            ignore-failure: false
            env:
              type: LINUX_CONTAINER
              privileged-mode: true
          dynamic:
            buildspec: [ci/unit.yml, ci/e2e.yml]
            env:
              compute-type: [BUILD_GENERAL1_SMALL]
              image:
                - aws/codebuild/standard:7.0
              variables:
                NODE_VERSION: ["20", "22"]
    `),
    ).toEqual([]);
  });

  it('still requires phases when batch names no build kind', () => {
    const found = findings('buildspec/missing-key', 'version: 0.2\nbatch:\n  fast-fail: true\n');
    expect(found[0]?.message).toContain('has no "phases"');
  });
});

describe('batch identifiers', () => {
  it('reports a missing, an invalid and a duplicate identifier', () => {
    const found = findings(
      'buildspec/batch-identifier',
      yaml`
      version: 0.2
      batch:
        build-list:
          - buildspec: a.yml
          - identifier: linux-small
            buildspec: b.yml
          - identifier: linux
            buildspec: c.yml
          - identifier: linux
            buildspec: d.yml
    `,
    );
    expect(positions(found)).toEqual([
      [4, 7],
      [5, 19],
      [9, 19],
    ]);
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining('batch.build-list[0] has no "identifier"'),
      expect.stringContaining('Write "linux_small"'),
      expect.stringContaining(
        'batch.build-list[3].identifier "linux" is also the identifier of batch.build-list[2]',
      ),
    ]);
  });

  it('reads identifiers as written, so 01 and 1.0 are not the number 1', () => {
    const found = findings(
      'buildspec/batch-identifier',
      yaml`
      version: 0.2
      batch:
        build-list:
          - identifier: 01
            buildspec: a.yml
          - identifier: 1.0
            buildspec: b.yml
    `,
    );
    expect(positions(found)).toEqual([[6, 19]]);
    expect(found[0]?.message).toContain('"1.0" has characters');
  });

  it('points out a build written as a bare name instead of "- identifier: name"', () => {
    const found = findings(
      'buildspec/batch-wrong-type',
      'version: 0.2\nbatch:\n  build-list:\n    - linux_small\n',
    );
    expect(positions(found)).toEqual([[4, 7]]);
    expect(found[0]?.message).toContain('Write "- identifier: linux_small"');
  });
});

describe('batch build graphs', () => {
  it('reports a depend-on naming no build, with the closest identifier', () => {
    const found = findings(
      'buildspec/batch-depend-on',
      yaml`
      version: 0.2
      batch:
        build-graph:
          - identifier: build_app
            buildspec: app.yml
          - identifier: test
            buildspec: test.yml
            depend-on:
              - build_ap
    `,
    );
    expect(positions(found)).toEqual([[9, 11]]);
    expect(found[0]?.message).toMatch(
      /^batch\.build-graph\[1\]\.depend-on\[0\] "build_ap" is not the identifier of any build in batch\.build-graph: .* Did you mean "build_app"\?$/,
    );
  });

  it('reports a cycle once, at the depend-on that closes it, naming every build in it', () => {
    const found = findings(
      'buildspec/batch-cycle',
      yaml`
      version: 0.2
      batch:
        build-graph:
          - identifier: a
            buildspec: a.yml
            depend-on: [c]
          - identifier: b
            buildspec: b.yml
            depend-on: [a]
          - identifier: c
            buildspec: c.yml
            depend-on: [b]
    `,
    );
    expect(positions(found)).toEqual([[9, 19]]);
    expect(found[0]?.message).toContain(
      'batch.build-graph[1].depend-on[0] "a" closes a depend-on cycle ("a" waits for "c", "c" waits for "b", "b" waits for "a")',
    );
  });

  it('reports a build that waits for itself', () => {
    const found = findings(
      'buildspec/batch-cycle',
      'version: 0.2\nbatch:\n  build-graph:\n    - identifier: a\n      buildspec: a.yml\n      depend-on: [a]\n',
    );
    expect(positions(found)).toEqual([[6, 19]]);
    expect(found[0]?.message).toContain('"a" waits for itself');
  });

  it('accepts a graph where two builds wait for the same one', () => {
    const text = yaml`
      version: 0.2
      batch:
        build-graph:
          - identifier: build
            buildspec: build.yml
          - identifier: unit
            buildspec: unit.yml
            depend-on: [build]
          - identifier: deploy
            buildspec: deploy.yml
            depend-on: [build, unit]
    `;
    expect(lintBuildspec(text)).toEqual([]);
  });

  it('reports depend-on given as one identifier instead of a list', () => {
    const found = findings(
      'buildspec/batch-wrong-type',
      yaml`
      version: 0.2
      batch:
        build-graph:
          - identifier: a
            buildspec: a.yml
          - identifier: b
            buildspec: b.yml
            depend-on: a
    `,
    );
    expect(positions(found)).toEqual([[8, 18]]);
    expect(found[0]?.message).toContain('Write depend-on: [a]');
  });

  it('warns that depend-on in a build-list is ignored', () => {
    const found = findings(
      'buildspec/batch-unknown-key',
      yaml`
      version: 0.2
      batch:
        build-list:
          - identifier: a
            buildspec: a.yml
          - identifier: b
            buildspec: b.yml
            depend-on: [a]
    `,
    );
    expect(positions(found)).toEqual([[8, 7]]);
    expect(found[0]?.message).toContain('Rename build-list to build-graph');
  });
});

describe('batch kinds and keys', () => {
  it('reports a second build kind in one buildspec', () => {
    const found = findings(
      'buildspec/batch-multiple-kinds',
      yaml`
      version: 0.2
      batch:
        build-list:
          - identifier: a
            buildspec: a.yml
        build-fanout:
          parallelism: 3
      phases:
        build:
          commands: [npm test]
    `,
    );
    expect(positions(found)).toEqual([[6, 3]]);
    expect(found[0]?.message).toContain('batch has both build-list (line 3) and build-fanout');
  });

  it('reports single values where build-matrix.dynamic wants lists', () => {
    const found = findings(
      'buildspec/batch-wrong-type',
      yaml`
      version: 0.2
      batch:
        build-matrix:
          dynamic:
            buildspec: ci/unit.yml
            env:
              image: aws/codebuild/standard:7.0
              variables:
                STAGE: test, prod
    `,
    );
    expect(positions(found)).toEqual([
      [5, 18],
      [7, 16],
      [9, 18],
    ]);
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining('Write buildspec: [ci/unit.yml]'),
      expect.stringContaining('batch.build-matrix.dynamic.env.image is the single value'),
      expect.stringContaining(`Write STAGE: ['test, prod']`),
    ]);
    expect(found.every((f) => f.severity === 'error')).toBe(true);
  });

  it('keeps a quoted value quoted in the fix, so "3.10" stays text', () => {
    const found = findings(
      'buildspec/batch-wrong-type',
      yaml`
      version: 0.2
      batch:
        build-matrix:
          dynamic:
            buildspec: [ci/test.yml]
            env:
              variables:
                PYTHON: "3.10"
    `,
    );
    expect(found[0]?.message).toContain('Write PYTHON: ["3.10"]');
  });

  it('warns about variables written directly under a build env, naming where they belong', () => {
    const found = findings(
      'buildspec/batch-env-variables',
      yaml`
      version: 0.2
      batch:
        build-list:
          - identifier: a
            buildspec: a.yml
            env:
              compute-type: BUILD_GENERAL1_SMALL
              STAGE: test
    `,
    );
    expect(positions(found)).toEqual([[8, 9]]);
    expect(found[0]?.severity).toBe('warning');
    expect(found[0]?.message).toBe(
      "batch.build-list[0].env.STAGE looks like an environment variable written directly under env: CodeBuild reads a build's variables only from env.variables, so this build runs without STAGE. Move it under batch.build-list[0].env.variables.",
    );
  });

  it('suggests the key meant for a misspelt or shortened key, instead of calling it a variable', () => {
    const text = yaml`
      version: 0.2
      batch:
        build-list:
          - identifer: a
            buildspec: a.yml
            env:
              privileged: true
    `;
    const found = findings('buildspec/batch-unknown-key', text);
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining('Did you mean "identifier"?'),
      expect.stringContaining('Did you mean "privileged-mode"?'),
    ]);
    expect(findings('buildspec/batch-env-variables', text)).toEqual([]);
  });

  it('warns about fast-fail with build-fanout', () => {
    const found = findings(
      'buildspec/batch-fast-fail',
      yaml`
      version: 0.2
      batch:
        fast-fail: true
        build-fanout:
          parallelism: 5
      phases:
        build:
          commands: [npm test]
    `,
    );
    expect(positions(found)).toEqual([[3, 3]]);
    expect(found[0]?.severity).toBe('warning');
  });

  it('reports a parallelism that is not a number and a boolean that is not yes or no', () => {
    const found = findings(
      'buildspec/batch-wrong-type',
      yaml`
      version: 0.2
      batch:
        build-fanout:
          parallelism: five
          ignore-failure: sometimes
      phases:
        build:
          commands: [npm test]
    `,
    );
    expect(positions(found)).toEqual([
      [4, 18],
      [5, 21],
    ]);
  });

  it('gives every batch finding a non-empty span', () => {
    const found = lintBuildspec(yaml`
      version: 0.2
      batch:
        build-graph:
          - buildspec: a.yml
          - identifier: b-c
            env: { MY_VAR: x }
            depend-on: [missing, b-c]
        build-list: []
    `);
    expect(found.length).toBeGreaterThan(0);
    for (const f of found)
      expect(f.endLine === undefined || f.endLine > f.line || (f.endColumn ?? 0) > f.column).toBe(
        true,
      );
  });
});
