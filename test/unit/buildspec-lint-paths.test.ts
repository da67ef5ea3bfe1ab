import { findings, positions, yaml } from './lint-test-helpers.js';

const withSection = (section: string) =>
  `version: 0.2\nphases:\n  build:\n    commands: [make]\n${section}`;

describe('artifact and report paths outside the source directory', () => {
  it('reports absolute paths, ~ and $HOME in artifacts.files, secondary artifacts and reports', () => {
    const found = findings(
      'buildspec/path-outside-source',
      withSection(yaml`
      artifacts:
        files:
          - /tmp/out/app.zip
          - ~/dist/*
          - $HOME/build/**/*
          - 'C:\\build\\out.zip'
        secondary-artifacts:
          site:
            files: ['\${HOME}/site/**/*']
      reports:
        unit:
          files: [/codebuild/output/reports/junit.xml]
    `),
    );
    expect(positions(found)).toEqual([
      [7, 7],
      [8, 7],
      [9, 7],
      [10, 7],
      [13, 15],
      [16, 13],
    ]);
    expect(found.every((f) => f.severity === 'warning')).toBe(true);
    expect(found[0]?.message).toContain(
      'artifacts.files[0] "/tmp/out/app.zip" is an absolute path',
    );
    expect(found[0]?.message).toContain('relative to the source directory (or base-directory)');
    expect(found[0]?.message).toContain('set base-directory');
    expect(found[1]?.message).toContain('starts with ~, which CodeBuild does not expand here');
    expect(found[4]?.message).toContain('artifacts.secondary-artifacts.site.files[0]');
    expect(found[5]?.message).toContain('reports.unit.files[0]');
    expect(found[5]?.message).toContain('the report group gets no files from it');
  });

  it('does not report relative paths, or absolute cache paths, which CodeBuild caches', () => {
    expect(
      findings(
        'buildspec/path-outside-source',
        withSection(yaml`
      artifacts:
        files:
          - '**/*'
          - ./dist/app.zip
          - target/~backup/*
          - dist/$HOME-notes.txt
        base-directory: build
      reports:
        unit:
          files: ['**/*.xml']
          base-directory: reports
      cache:
        paths:
          - /root/.m2/**/*
          - ~/.cache/pip/**/*
          - node_modules/**/*
    `),
      ),
    ).toEqual([]);
  });
});

describe('PowerShell $env: in artifact paths', () => {
  it('reports $env:NAME in files and base-directory at the variable, as an error', () => {
    const found = findings(
      'buildspec/path-powershell-env',
      withSection(yaml`
      artifacts:
        files:
          - '$env:BUILD_DIR\\out\\*'
          - bin/$env:CONFIGURATION/*.dll
        base-directory: $env:OUTPUT
    `),
    );
    expect(found.map((f) => [f.line, f.column, f.endColumn])).toEqual([
      [7, 8, 22],
      [8, 11, 29],
      [9, 19, 30],
    ]);
    expect(found[0]?.severity).toBe('error');
    expect(found[0]?.message).toContain(
      'artifacts.files[0] "$env:BUILD_DIR\\out\\*" uses PowerShell\'s $env:BUILD_DIR, which CodeBuild does not expand',
    );
    expect(found[2]?.message).toContain('artifacts.base-directory');
  });

  it('does not report $env: in commands, where PowerShell expands it', () => {
    expect(
      findings(
        'buildspec/path-powershell-env',
        yaml`
      version: 0.2
      env:
        shell: powershell.exe
      phases:
        build:
          commands:
            - Copy-Item "$env:BUILD_DIR\\out" -Destination out -Recurse
      artifacts:
        files: ['out/**/*']
    `,
      ),
    ).toEqual([]);
  });
});

describe('report groups without file-format', () => {
  const cases: [string, string][] = [
    ['coverage/lcov.info', 'LCOVINFO'],
    ['reports/cucumber.json', 'CUCUMBERJSON'],
    ['coverage/.resultset.json', 'SIMPLECOV'],
    ['TestResults/*.trx', 'VISUALSTUDIOTRX'],
    ['target/site/jacoco/jacoco.xml', 'JACOCOXML'],
    ['coverage/cobertura-coverage.xml', 'COBERTURAXML'],
    ['build/clover.xml', 'CLOVERXML'],
    ['test-output/testng-results.xml', 'TESTNGXML'],
  ];

  it.each(cases)('names the likely format of %s: %s', (file, format) => {
    const found = findings(
      'buildspec/report-format',
      withSection(`reports:\n  group:\n    files:\n      - ${file}\n`),
    );
    expect(positions(found)).toEqual([[8, 9]]);
    expect(found[0]?.severity).toBe('warning');
    expect(found[0]?.message).toContain(
      `Report group "group" has no file-format, so CodeBuild reads "${file}" as JUNITXML`,
    );
    expect(found[0]?.message).toContain(`Add "file-format: ${format}" to the group.`);
  });

  it('says when CodeBuild reads no format like the file', () => {
    const [found] = findings(
      'buildspec/report-format',
      withSection('reports:\n  coverage:\n    files: [coverage/coverage-final.json]\n'),
    );
    expect(found?.message).toContain('a JSON coverage file (Istanbul/nyc)');
    expect(found?.message).toContain('CodeBuild reads no such format');
  });

  it('reports a group once, at its first file that is not JUnit XML', () => {
    const found = findings(
      'buildspec/report-format',
      withSection('reports:\n  mixed:\n    files: [junit.xml, lcov.info, other.info]\n'),
    );
    expect(positions(found)).toEqual([[7, 24]]);
  });

  it('does not report JUnit XML, unknown patterns or groups that set file-format', () => {
    expect(
      findings(
        'buildspec/report-format',
        withSection(yaml`
      reports:
        junit:
          files: [junit.xml, 'reports/**/*.xml', coverage.xml]
        everything:
          files: ['**/*']
          base-directory: reports
        lcov:
          files: [coverage/lcov.info]
          file-format: LCOVINFO
    `),
      ),
    ).toEqual([]);
  });
});
