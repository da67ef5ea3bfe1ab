/**
 * The bundled lint Action (dist/lint) and `buildbridge lint` (dist/cli) on real files:
 * annotations on the right lines, outputs, exit codes.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runBundle } from '../helpers/run-bundle.js';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lint-ws-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const BROKEN = [
  'version: 0.2',
  'phases:',
  '  build:',
  '    commands:',
  '      - echo Build started on: today',
  '      - source ./env.sh',
  '',
].join('\n');

describe('lint Action at the wire', () => {
  it('annotates each finding at its line, sets the counts and fails on errors', async () => {
    const dir = workspace({ 'buildspec.yml': BROKEN });
    const result = await runBundle('lint', {
      cwd: dir,
      inputs: { paths: '.' },
      env: { GITHUB_WORKSPACE: dir },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^::error file=buildspec\.yml,line=5,col=\d+,endLine=5,endColumn=\d+,title=buildspec\/yaml-colon-space::/m,
    );
    expect(result.stdout).toMatch(
      /^::warning file=buildspec\.yml,line=6,.*title=buildspec\/bash-syntax::/m,
    );
    expect(result.outputs).toMatchObject({ errors: '1', warnings: '1', files: '1' });
    expect(result.stdout).toMatch(/::error::lint found 1 error\(s\) and 1 warning\(s\)/);
  });

  it('passes the shipped buildspecs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-ws-'));
    cpSync(join(ROOT, 'buildspecs'), join(dir, 'buildspecs'), { recursive: true });
    const result = await runBundle('lint', { cwd: dir, inputs: { paths: 'buildspecs' } });
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ errors: '0', warnings: '0', files: '4' });
  });
});

describe('buildbridge lint (CLI)', () => {
  it('prints file:line:col severity rule message and exits 1 on errors', async () => {
    const dir = workspace({ 'buildspec.yml': BROKEN });
    const result = await runBundle('cli', {
      node: process.execPath,
      actionsRunner: false,
      cwd: dir,
      args: ['lint'],
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^buildspec\.yml:5:\d+ error buildspec\/yaml-colon-space /m);
    expect(result.stdout).toContain('1 error and 1 warning in 1 file.');
  });

  it('prints JSON for tools and exits 0 on warnings only', async () => {
    const dir = workspace({
      'buildspec.yml': [
        'version: 0.2',
        'phases:',
        '  build:',
        '    commands:',
        '      - source ./env.sh',
        '',
      ].join('\n'),
    });
    const result = await runBundle('cli', {
      node: process.execPath,
      actionsRunner: false,
      cwd: dir,
      args: ['lint', '--format', 'json', 'buildspec.yml'],
    });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      errors: 0,
      warnings: 1,
      findings: [
        { file: 'buildspec.yml', line: 5, rule: 'buildspec/bash-syntax', severity: 'warning' },
      ],
    });
  });

  it('names a path that does not exist', async () => {
    const dir = workspace({});
    const result = await runBundle('cli', {
      node: process.execPath,
      actionsRunner: false,
      cwd: dir,
      args: ['lint', 'nope.yml'],
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nope.yml');
  });
});
