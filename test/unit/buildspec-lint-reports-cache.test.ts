import { findings, positions, yaml } from './lint-test-helpers.js';

const withSection = (section: string) =>
  `version: 0.2\nphases:\n  build:\n    commands: [make]\n${section}`;

describe('report file formats', () => {
  it('reports an unknown format and suggests the close one', () => {
    const found = findings(
      'buildspec/report-format',
      withSection('reports:\n  unit:\n    files: [a.xml]\n    file-format: JUNITXM\n'),
    );
    expect(positions(found)).toEqual([[8, 18]]);
    expect(found[0]?.message).toContain('Did you mean JUNITXML?');
  });

  it.each([
    'JUNITXML',
    'JunitXml',
    'CUCUMBERJSON',
    'TESTNGXML',
    'VISUALSTUDIOTRX',
    'NUNITXML',
    'NUNIT3XML',
    'CLOVERXML',
    'COBERTURAXML',
    'JACOCOXML',
    'SIMPLECOV',
    'LCOVINFO',
  ])('accepts %s', (format) => {
    expect(
      findings(
        'buildspec/report-format',
        withSection(`reports:\n  unit:\n    files: [a]\n    file-format: ${format}\n`),
      ),
    ).toEqual([]);
  });
});

describe('cache settings', () => {
  it('reports an action other than restore or save', () => {
    expect(
      positions(
        findings('buildspec/cache-action', withSection('cache:\n  key: k\n  action: both\n')),
      ),
    ).toEqual([[7, 11]]);
  });

  it.each(['restore', 'save'])('accepts action %s', (action) => {
    expect(
      findings('buildspec/cache-action', withSection(`cache:\n  key: k\n  action: ${action}\n`)),
    ).toEqual([]);
  });

  it('reports the sixth fallback key', () => {
    const found = findings(
      'buildspec/cache-fallback-keys',
      withSection(yaml`
      cache:
        key: npm-$(codebuild-hash-files package-lock.json)
        fallback-keys:
          - a
          - b
          - c
          - d
          - e
          - f
    `),
    );
    expect(positions(found)).toEqual([[13, 7]]);
    expect(found[0]?.severity).toBe('error');
  });

  it('warns about fallback keys without a key, and accepts five with a key', () => {
    expect(
      findings(
        'buildspec/cache-fallback-keys',
        withSection('cache:\n  fallback-keys: [npm-]\n'),
      ).map((f) => f.severity),
    ).toEqual(['warning']);
    expect(
      findings(
        'buildspec/cache-fallback-keys',
        withSection('cache:\n  key: k\n  fallback-keys: [a, b, c, d, e]\n'),
      ),
    ).toEqual([]);
  });
});
