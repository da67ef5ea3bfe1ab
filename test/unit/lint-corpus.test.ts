/**
 * The lint corpus (test/fixtures/lint-corpus): each case folder is linted as
 * `buildbridge lint <folder>` lints it, and its findings must be exactly those in expected.txt,
 * so that no false error and no missed one goes unnoticed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileKinds } from '../../src/file-kinds.js';
import { lintPaths } from '../../src/lint/lint-engine.js';

const CORPUS = join(import.meta.dirname, '../fixtures/lint-corpus');

function cases(): [string, string][] {
  const found: [string, string][] = [];
  for (const group of readdirSync(CORPUS)) {
    const groupDir = join(CORPUS, group);
    if (!statSync(groupDir).isDirectory()) continue;
    for (const name of readdirSync(groupDir)) {
      const dir = join(groupDir, name);
      if (statSync(dir).isDirectory()) found.push([`${group}/${name}`, dir]);
    }
  }
  return found;
}

function expected(dir: string): string[] {
  return readFileSync(join(dir, 'expected.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

describe('the lint corpus', () => {
  it('has cases', () => {
    expect(cases().length).toBeGreaterThan(0);
  });

  it.each(cases())('%s', async (_name, dir) => {
    const report = await lintPaths(['.'], fileKinds, dir);
    const found = [
      ...report.findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.rule}`),
      ...report.skipped.map((file) => `skipped ${file.path}`),
    ];
    expect(found).toEqual(expected(dir));
    // Every finding underlines something: a non-empty span, so editors can show it.
    for (const f of report.findings)
      expect(f.endLine === undefined || f.endLine > f.line || (f.endColumn ?? 0) > f.column).toBe(
        true,
      );
  });
});
