import { join } from 'node:path';
import { fileKinds } from '../../src/file-kinds.js';
import { lintPaths } from '../../src/lint/lint-engine.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'buildspecs');

describe('realistic buildspecs', () => {
  it('lints the good fixtures clean, including the one found by its content', async () => {
    const report = await lintPaths(['good'], fileKinds, fixtures);
    expect(report.files.map((file) => file.path)).toEqual([
      'good/ci/integration.yml',
      'good/ecr-push/buildspec.yml',
      'good/java-maven/buildspec.yml',
      'good/node-tests-reports/buildspec.yml',
      'good/python-bash/buildspec.yml',
      'good/windows-dotnet/buildspec.yml',
    ]);
    expect(report.findings).toEqual([]);
  });

  it('finds every problem of the legacy buildspec', async () => {
    const report = await lintPaths(['bad/legacy/buildspec.yml'], fileKinds, fixtures);
    expect(report.findings.map((f) => `${f.line}:${f.column} ${f.rule}`)).toEqual([
      '5:22 buildspec/plaintext-secret',
      '6:13 buildspec/yaml-boolean',
      '8:3 buildspec/unknown-phase',
      '10:11 buildspec/ecr-get-login',
      '13:9 buildspec/yaml-colon-space',
      '14:12 buildspec/bash-syntax',
      '15:28 buildspec/docker-login-password',
    ]);
    expect(report.counts).toEqual({ errors: 3, warnings: 4 });
  });
});
