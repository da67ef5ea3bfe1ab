import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileKinds } from '../../src/file-kinds.js';
import { allRules } from '../../src/lint/lint-engine.js';

const docs = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

describe('README lint rules', () => {
  it('has one row per rule, with the rule severity, and no row for a rule that does not exist', () => {
    const rows = [...docs.matchAll(/^\| `([a-z]+\/[a-z0-9.-]+)` +\| ([a-z /]+?) +\|/gm)].map(
      (m) => [m[1], m[2]],
    );
    const rules = allRules(fileKinds);
    expect(rows.map(([id]) => id)).toEqual(rules.map((rule) => rule.id));
    for (const [id, severity] of rows) {
      const rule = rules.find((candidate) => candidate.id === id);
      expect(severity?.startsWith(rule?.severity ?? '?')).toBe(true);
    }
  });
});
